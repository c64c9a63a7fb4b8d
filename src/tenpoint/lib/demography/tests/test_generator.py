from __future__ import annotations

from tenpoint.lib.demography import generate_arrivals


def _people(n: int, seed: int = 7):
    return [p for a in generate_arrivals(n, seed=seed) for p in a.people]


def test_the_same_seed_gives_the_same_people():
    first = [p.values for p in _people(300)]
    again = [p.values for p in _people(300)]
    assert first == again
    assert first != [p.values for p in _people(300, seed=8)]


def test_it_produces_exactly_the_number_asked():
    assert len(_people(1234)) == 1234


def _is_child_alone(arrival, index) -> bool:
    if any(index == i for group in arrival.groups for i, _ in group.members):
        return False
    values = arrival.people[index].values
    if values.get("age") is not None:
        return values["age"] < 18
    return bool(values.get("birth_date")) and int(str(values["birth_date"])[:4]) > arrival.arrived_at.year - 18


def test_people_look_like_the_routes():
    people = _people(3000)
    nationalities = {p.values["nationality_declared"] for p in people}
    assert {"SOM", "ETH", "HTI", "VEN", "HND"} <= nationalities
    statuses = {p.values["nationality_declared_status"] for p in people}
    assert {"known", "unknown", "disputed"} <= statuses
    assert any(p.values.get("name_in_original_script") for p in people)  # Ge'ez and Arabic scripts
    assert any(p.values.get("grandfather_name") for p in people)  # patronymic chains
    assert any(p.values.get("second_family_name") for p in people)  # two Spanish surnames
    assert any(_is_child_alone(a, i) for a in generate_arrivals(3000, seed=7) for i in range(len(a.people))), \
        "unaccompanied teenagers travel these routes"
    shares = sum(1 for p in people if p.values["fear_of_return"] == "expressed") / len(people)
    assert 0.2 < shares < 0.6


def test_families_have_one_head_and_children_who_share_a_name():
    arrivals = list(generate_arrivals(2000, seed=3))
    families = [g for a in arrivals for g in a.groups]
    assert families
    for group in families:
        assert [r for _, r in group.members].count("head") == 1


def test_no_two_people_hold_the_same_document_number():
    # Drawn at random, two passports first coincided at the 38,400th person of this seed, and
    # registration refused the whole arrival.
    numbers = [document["number"] for arrival in generate_arrivals(60_000, seed=2026)
               for person in arrival.people for document in person.documents]
    assert len(numbers) > 10_000
    assert len(set(numbers)) == len(numbers)


NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name", "second_family_name")


def _namesakes(people, birth: slice) -> float:
    """Share of the people whose whole name and (part of the) birth date another person has too."""
    from collections import Counter

    keys = Counter((tuple(p.values.get(part) or "" for part in NAME_PARTS), p.values["birth_date"][birth])
                   for p in people if p.values.get("birth_date"))
    return sum(count for count in keys.values() if count > 1) / len(people)


def test_strangers_rarely_share_a_whole_name_and_birth_date():
    # Drawn uniformly from a dozen names per origin, 0.29 % of these 20,000 people shared their whole
    # name and birth date with someone (2.3 % name and birth year), and namesakes filled the duplicate
    # review; from long-tailed pools of a hundred names and more, 0.01 % (0.16 %).
    people = _people(20_000)
    assert _namesakes(people, slice(None)) < 0.001
    assert _namesakes(people, slice(0, 4)) < 0.005


def test_a_few_given_names_are_common_and_many_are_rare():
    from collections import Counter

    somali_men = Counter(p.values["given_name"] for p in _people(20_000)
                         if p.values["nationality_declared"] == "SOM" and p.values["sex"] == "M")
    # Maxamed, however the clerk wrote it, is about one man in nine, as Mohamed is in Somalia (one in
    # eighteen when drawn uniformly); and there are a hundred other names, not seventeen.
    share = (somali_men["Maxamed"] + somali_men["Mohamed"]) / somali_men.total()
    assert 0.08 < share < 0.15
    assert somali_men.most_common(1)[0][0] == "Maxamed"
    assert len(somali_men) >= 80


def test_a_name_is_drawn_as_random_choices_draws_it_from_the_cumulative_weights():
    import random

    from tenpoint.lib.demography.generator import _cumulative_weights, _draw
    from tenpoint.lib.demography.origins import SOMALI_M

    # _draw skips random.choices' per-call checks for speed; it must draw the same names.
    ours, theirs = random.Random(5), random.Random(5)
    drawn = [_draw(ours, SOMALI_M) for _ in range(2000)]
    weights = _cumulative_weights(len(SOMALI_M), 1.0)
    assert drawn == [theirs.choices(SOMALI_M, cum_weights=weights)[0] for _ in range(2000)]


def test_a_name_in_original_script_is_the_whole_name_or_none():
    from tenpoint.lib.demography.generator import ORIGIN_BY_COUNTRY

    written = unwritten = 0
    for person in _people(20_000):
        values = person.values
        if not values["nationality_declared"]:
            continue  # unknown nationality: the origin is not on record
        origin = ORIGIN_BY_COUNTRY[values["nationality_declared"]]
        if origin.script is None:
            assert "name_in_original_script" not in values
            continue
        parts = [values[part] for part in NAME_PARTS if values.get(part)]
        if "name_in_original_script" in values:
            # Every part, the Arabic family name included, in its order.
            assert values["name_in_original_script"] == " ".join(origin.script[part] for part in parts)
            written += 1
        elif not all(part in origin.script for part in parts):
            unwritten += 1  # a respelling or a name without a known spelling in the script
    assert written > 2000 and unwritten > 1000  # 3,547 and 2,100


def test_every_name_written_in_a_script_is_a_name_of_its_origins_in_that_script():
    import unicodedata

    from tenpoint.lib.demography.origins import ARABIC_SCRIPT, GEEZ, ORIGINS

    for script, block in ((GEEZ, "ETHIOPIC"), (ARABIC_SCRIPT, "ARABIC")):
        names = {name for origin in ORIGINS if origin.script is script
                 for name in (*origin.male, *origin.female, *origin.family, *(b for _, b in origin.variants))}
        assert set(script) <= names
        for latin, written in script.items():
            assert all(unicodedata.name(c).startswith(block) for c in written.replace(" ", "")), latin


def test_each_name_has_at_most_one_variant_and_is_a_name_of_its_origin():
    from tenpoint.lib.demography.origins import ORIGINS

    for origin in ORIGINS:
        written = [a for a, _ in origin.variants]
        assert len(written) == len(set(written)), origin.country  # the look-up keeps one variant per name
        assert set(written) <= {*origin.male, *origin.female, *origin.family}, origin.country
