from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.lib.linkage.candidates import PartialDate, PersonForLinkage, score_candidate
from tenpoint.linkage.selectors import registration_candidates
from tenpoint.registry.models import Person
from tenpoint.registry.selectors import bearers_of_first_given_name
from tenpoint.testing import factories


def typed(given: str, family: str, birth: dt.date | None = None, precision: str = "exact", *, sex: str = "",
          nationality: str = "") -> PersonForLinkage:
    return PersonForLinkage(given_names=given, family_names=family, birth=PartialDate(birth, precision), sex=sex,
                            nationality=nationality)


def test_a_transliterated_name_with_the_same_birth_date_scores_high_and_says_why():
    result = score_candidate(typed("Mohamed Abdi", "Warsame", dt.date(1994, 3, 2)),
                             typed("Maxamed Cabdi", "Warsame", dt.date(1994, 3, 2)))
    assert result.probability > 0.9
    codes = [r.code for r in result.reasons]
    assert codes.count("name_same_sound") == 2 and "name_exact" in codes and "date_exact" in codes
    # Each reason names the words as the two records write them.
    assert [(r.typed, r.found) for r in result.reasons if r.code == "name_same_sound"] == [
        ("Mohamed", "Maxamed"), ("Abdi", "Cabdi")]


def test_a_name_written_in_arabic_script_is_named_so_in_the_reasons():
    result = score_candidate(typed("علي عمر", "الحسن", dt.date(1988, 3, 15)),
                             typed("Ali Omar", "Al-Hassan", dt.date(1988, 3, 15)))
    assert [(r.code, r.typed, r.found) for r in result.reasons if r.code.startswith("name_")] == [
        ("name_same_sound", "علي", "Ali"), ("name_same_sound", "عمر", "Omar"), ("name_same_sound", "الحسن", "Al-Hassan")]


def test_a_clerks_first_of_january_counts_as_a_year_only():
    exact = score_candidate(typed("Ahmed", "Ali", dt.date(1990, 5, 17)), typed("Ahmed", "Ali", dt.date(1990, 5, 17)))
    first_january = score_candidate(typed("Ahmed", "Ali", dt.date(1990, 5, 17)), typed("Ahmed", "Ali", dt.date(1990, 1, 1)))
    assert [r.code for r in first_january.reasons][-1] == "date_year"
    assert first_january.probability < exact.probability
    # …and is not held against the person as a different date.
    assert "date_conflict" not in [r.code for r in first_january.reasons]


def test_swapped_given_and_family_names_are_recognised_without_penalty():
    straight = score_candidate(typed("Tesfaye", "Gebremedhin", dt.date(2001, 7, 9)),
                               typed("Tesfaye", "Gebremedhin", dt.date(2001, 7, 9)))
    swapped = score_candidate(typed("Tesfaye", "Gebremedhin", dt.date(2001, 7, 9)),
                              typed("Gebremedhin", "Tesfaye", dt.date(2001, 7, 9)))
    assert "names_swapped" in [r.code for r in swapped.reasons]
    assert swapped.probability == pytest.approx(straight.probability)


def test_a_dropped_second_surname_is_not_evidence_against():
    result = score_candidate(typed("María José", "García López", dt.date(1987, 11, 3)),
                             typed("Maria Jose", "Garcia", dt.date(1987, 11, 3)))
    codes = [r.code for r in result.reasons]
    assert "surname_dropped" in codes and "name_missing" not in codes
    assert result.probability > 0.9


def test_twins_with_different_given_names_stay_unlikely():
    result = score_candidate(typed("Hassan", "Omar", dt.date(2008, 2, 14), sex="M"),
                             typed("Hussein", "Omar", dt.date(2008, 2, 14), sex="M"))
    assert result.probability < 0.5
    assert "given_name_different" in [r.code for r in result.reasons]


def test_twins_jose_and_jesus_stay_unlikely_though_their_names_share_a_skeleton():
    # Both js: the same sound until known_names.yaml (version 3) told them apart.
    born = dt.date(1974, 11, 14)
    twins = score_candidate(typed("José", "Rodríguez González", born, sex="M"),
                            typed("Jesús", "Rodríguez González", born, sex="M"))
    assert twins.probability < 0.5
    assert "given_name_different" in [r.code for r in twins.reasons]
    respelled = score_candidate(typed("Jose", "Rodriguez Gonzalez", born, sex="M"),
                                typed("José", "Rodríguez González", born, sex="M"))
    assert respelled.probability > 0.9


def test_twins_whose_second_given_names_differ_stay_unlikely_and_a_name_left_out_does_not():
    born = dt.date(1993, 9, 30)
    twins = score_candidate(typed("Jean-Baptiste", "Dorvil", born, sex="M"), typed("Jean-Pierre", "Dorvil", born, sex="M"))
    assert twins.probability < 0.5  # below the batch screen's hold; still shown beside the form
    assert [(r.typed, r.found) for r in twins.reasons if r.code == "other_given_name_different"] == [
        ("Baptiste", "Pierre")]
    left_out = score_candidate(typed("Jean-Baptiste", "Dorvil", born, sex="M"), typed("Jean", "Dorvil", born, sex="M"))
    assert left_out.probability > 0.9 and "other_given_name_different" not in [r.code for r in left_out.reasons]
    # A grandfather's name recorded at one post only is a name left out too.
    grandfather = score_candidate(typed("Mohamed Abdi Warsame", "", born), typed("Mohamed Abdi", "", born))
    assert "other_given_name_different" not in [r.code for r in grandfather.reasons]


@pytest.mark.parametrize(("brother", "sister"), [("Daniel", "Daniela"), ("Mario", "María"), ("Jean", "Jeanne"),
                                                  ("Samir", "Samira"), ("Jamal", "Jamila"), ("Saeed", "Saida")])
def test_a_brother_and_sister_named_one_name_for_a_man_and_for_a_woman_stay_unlikely(brother: str, sister: str):
    # Twins: the same family name and birth date; the names share a skeleton (dnl, mr, jn, smr, jml).
    born = dt.date(2009, 4, 21)
    twins = score_candidate(typed(sister, "Rojas Mendoza", born, sex="F"), typed(brother, "Rojas Mendoza", born, sex="M"))
    assert twins.probability < 0.05
    assert [(r.typed, r.found) for r in twins.reasons if r.code == "given_name_other_sex"] == [(sister, brother)]
    # Either way round.
    assert score_candidate(typed(brother, "Rojas Mendoza", born, sex="M"),
                           typed(sister, "Rojas Mendoza", born, sex="F")).probability < 0.05


def test_a_name_made_feminine_is_no_evidence_against_without_the_sexes_to_match():
    born = dt.date(1996, 8, 2)
    # One woman, sex not recorded at one post; Somali Fadumo / Faduma, one woman with a spelling.
    for one, other in ((typed("Daniela", "Castillo", born, sex="F"), typed("Daniela", "Castillo", born)),
                       (typed("Fadumo", "Ismail Jama", born, sex="F"), typed("Faduma", "Ismail Jama", born, sex="F"))):
        result = score_candidate(one, other)
        assert result.probability > 0.9 and "given_name_other_sex" not in [r.code for r in result.reasons]
    # A sex written wrongly, the name as it was: one slip, still a likely candidate.
    slip = score_candidate(typed("Daniel", "Castillo", born, sex="M"), typed("Daniel", "Castillo", born, sex="F"))
    assert slip.probability > 0.5 and "given_name_other_sex" not in [r.code for r in slip.reasons]


def test_a_sex_not_recorded_is_the_one_the_registers_bearers_of_the_name_have():
    born = dt.date(2009, 4, 21)
    fernanda = typed("Fernanda", "Rojas Mendoza", born)  # her sex was never recorded
    looked_up: list[str] = []

    def name_sex(first_given: str) -> str:
        looked_up.append(first_given)
        return {"fernanda": "F", "fernando": "M", "nasro": "F"}.get(first_given, "")

    # Without the register, the names alone: one letter apart, the same family and birth date.
    assert score_candidate(typed("Fernando", "Rojas Mendoza", born, sex="M"), fernanda).probability > 0.9
    twins = score_candidate(typed("Fernando", "Rojas Mendoza", born, sex="M"), fernanda, name_sex=name_sex)
    # Her sex is the name's, not a record's: no "different sex" on top (as the batch model's sex
    # comparison sees only the sex recorded), so less unlikely than twins with both sexes recorded.
    assert twins.probability < 0.25
    assert [(r.typed, r.found) for r in twins.reasons if r.code == "given_name_other_sex"] == [
        ("Fernando", "Fernanda")]
    # The person typed with no sex, beside a record that has one.
    assert score_candidate(fernanda, typed("Fernando", "Rojas Mendoza", born, sex="M"),
                           name_sex=name_sex).probability < 0.25
    # Nasro is a woman's name on this register: beside Nasra she is no brother (Nasra / Nasro, one
    # Somali woman's two spellings), and a name the register cannot say the sex of says nothing.
    for one, other in ((typed("Nasra", "Cali Warsame", born, sex="F"), typed("Nasro", "Cali Warsame", born)),
                       (typed("Gabriel", "Rojas Mendoza", born, sex="M"), typed("Gabriela", "Rojas Mendoza", born))):
        result = score_candidate(one, other, name_sex=name_sex)
        assert result.probability > 0.9 and "given_name_other_sex" not in [r.code for r in result.reasons]
    # Looked up only where the names could be one name's two forms, never for a sex recorded.
    looked_up.clear()
    score_candidate(typed("Yonas", "Tesfay", born, sex="M"), typed("Yohannes", "Tesfay", born), name_sex=name_sex)
    score_candidate(typed("Daniel", "Castillo", born, sex="M"), typed("Daniela", "Castillo", born, sex="F"),
                    name_sex=name_sex)
    assert looked_up == []


def test_mahmoud_is_not_taken_for_mohamed_although_they_share_a_skeleton():
    result = score_candidate(typed("Mahmoud", "Idris", dt.date(1985, 6, 1)), typed("Mohamed", "Idris", dt.date(1985, 6, 1)))
    assert "given_name_different" in [r.code for r in result.reasons]


def test_a_different_sex_and_birth_year_push_a_namesake_down_but_not_a_sex_written_wrongly():
    mohamed = typed("Mohamed", "Ali", dt.date(1990, 1, 1), "year", sex="M")
    same = score_candidate(mohamed, typed("Mohamed", "Ali", dt.date(1990, 1, 1), "year", sex="M"))
    namesake = score_candidate(mohamed, typed("Mohamed", "Ali", dt.date(1972, 1, 1), "year", sex="M"))
    assert namesake.probability < 0.25 and same.probability > 0.5
    # The name says the sex: the same first name with the other sex is a sex written wrongly, no
    # evidence either way, and the officer is told so.
    slip = score_candidate(mohamed, typed("Mohamed", "Ali", dt.date(1990, 1, 1), "year", sex="F"))
    assert slip.probability == same.probability
    assert [(r.code, r.typed, r.found) for r in slip.reasons if r.weight == 0] == [("sex_written_wrongly", "M", "F")]
    # Spelled otherwise, the other sex still counts against.
    respelled = score_candidate(mohamed, typed("Muhammad", "Ali", dt.date(1990, 1, 1), "year", sex="M"))
    respelled_other_sex = score_candidate(mohamed, typed("Muhammad", "Ali", dt.date(1990, 1, 1), "year", sex="F"))
    assert respelled_other_sex.probability < respelled.probability / 5
    assert "sex_conflict" in [r.code for r in respelled_other_sex.reasons]
    # No given name on either side says nothing of the sex.
    no_given_names = score_candidate(typed("", "Ali", dt.date(1990, 1, 1), "year", sex="M"),
                                     typed("", "Ali", dt.date(1990, 1, 1), "year", sex="F"))
    assert "sex_conflict" in [r.code for r in no_given_names.reasons]


@pytest.mark.django_db
def test_an_officer_typing_a_person_sees_the_earlier_registration_with_reasons_and_the_look_is_audited(cast):
    officer = cast["registration_officer"]
    earlier = factories.make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame",
                                    birth_date="1994-03-02")
    factories.make_person(officer, given_name="Fatuma", father_name="Cabdi", family_name="Warsame",
                          sex="F", birth_date="1999")
    found = registration_candidates(Actor(officer), given_names="Mohamed Abdi", family_names="Warsame",
                                    birth_date="1994-03-02", sex="M")
    assert [c.person.uuid for c in found][:1] == [earlier.uuid]
    assert any("sounds like" in reason for reason in found[0].reasons)
    assert "same date of birth" in found[0].reasons
    assert AuditEvent.objects.filter(action="people.searched", purpose="registration duplicate check").exists()


@pytest.mark.django_db
def test_a_sister_registered_without_her_sex_is_told_from_her_brother_by_the_registers_women_of_her_name(cast):
    officer = cast["registration_officer"]
    sister = factories.make_person(officer, given_name="Fernanda", father_name="", family_name="Rojas Mendoza",
                                   sex="U", birth_date="2009-04-21", nationality_declared="VEN", languages=["spa"])

    def brother_typed() -> list[Any]:
        return registration_candidates(Actor(officer), given_names="Fernando", family_names="Rojas Mendoza",
                                       birth_date="2009-04-21", sex="M", nationality="VEN")

    # Two women of the name on the register say too little: her name alone, one letter from his.
    for family in ("Castillo", "Pérez"):
        factories.make_person(officer, given_name="Fernanda", father_name="", family_name=family, sex="F",
                              birth_date="1990", nationality_declared="VEN", languages=["spa"])
    before = brother_typed()
    assert [c.person.uuid for c in before] == [sister.uuid] and before[0].probability > 0.9
    # A third says it: she is his sister, and the officer is told why.
    factories.make_person(officer, given_name="Fernanda", father_name="", family_name="Gómez", sex="F",
                          birth_date="1985", nationality_declared="VEN", languages=["spa"])
    after = {c.person.uuid: c for c in brother_typed()}
    assert after[sister.uuid].probability < 0.5
    assert "“Fernando” / “Fernanda”: one name, written for a man and for a woman" in after[sister.uuid].reasons
    # Another organisation's Fernandas are not this register's.
    other = factories.make_person(cast.outsider, given_name="Fernanda", father_name="",
                                  family_name="Rojas", sex="F", birth_date="1980")
    assert other.first_given_name_token == "fernanda"
    assert bearers_of_first_given_name(Actor(cast.outsider), "fernanda") == (0, 1)
    assert bearers_of_first_given_name(Actor(officer), "fernanda") == (0, 3)


@pytest.mark.django_db
def test_a_person_registered_in_arabic_script_alone_is_found_when_typed_in_latin_letters(cast):
    from tenpoint.linkage.selectors import HOLD_BATCH_FROM

    officer = cast["registration_officer"]
    # A post that wrote the name from the documents only, in their script.
    earlier = factories.make_person(officer, given_name="", father_name="", family_name="",
                                    name_in_original_script="علي عمر الحسن", birth_date="1988-03-15",
                                    nationality_declared="YEM", languages=["ara"])
    factories.make_person(officer, given_name="Ali", father_name="Omar", family_name="Saleh", birth_date="1988-03-15",
                          nationality_declared="YEM", languages=["ara"])
    found = registration_candidates(Actor(officer), given_names="Ali Omar", family_names="Al-Hassan",
                                    birth_date="1988-03-15", sex="M")
    assert [c.person.uuid for c in found][:1] == [earlier.uuid]
    assert found[0].probability >= HOLD_BATCH_FROM


@pytest.mark.django_db
def test_someone_typed_under_a_name_recorded_as_their_alias_is_a_candidate_saying_so(cast):
    from tenpoint.linkage.selectors import HOLD_BATCH_FROM

    officer = cast["registration_officer"]
    # Registered as Luis Cano López, who said he travelled as Jaime Padilla.
    luis = factories.make_person(officer, given_name="Luis", family_name="Cano López", sex="M",
                                 birth_date="1992-06-03", aliases=["Jaime Padilla"])
    found = registration_candidates(Actor(officer), given_names="Jaime", family_names="Padilla", birth_date="1992")
    # He was hidden before: "Luis" was not typed, and counted as a different given name (-9).
    assert [c.person.uuid for c in found] == [luis.uuid]
    assert found[0].probability >= HOLD_BATCH_FROM
    assert "compared under another name of this record: “Jaime Padilla”" in found[0].reasons
    # Under his own name the reasons say nothing of another.
    own = registration_candidates(Actor(officer), given_names="Luis", family_names="Cano", birth_date="1992")
    assert [c.person.uuid for c in own] == [luis.uuid] and not any("another name" in r for r in own[0].reasons)


def test_a_twin_with_an_alias_stays_apart_from_the_other_twin():
    hassan = PersonForLinkage(given_names="Hassan", family_names="Omar", birth=PartialDate(dt.date(2008, 2, 14), "exact"),
                              sex="M", other_names=("Bashir Nur",))
    result = score_candidate(typed("Hussein", "Omar", dt.date(2008, 2, 14), sex="M"), hassan)
    assert result.probability < 0.5
    assert "given_name_different" in [r.code for r in result.reasons]
    # The alias counts where it is the name typed, and says so.
    as_alias = score_candidate(typed("Bashir", "Nur", dt.date(2008, 2, 14), sex="M"), hassan)
    assert as_alias.probability > 0.9
    assert [(r.code, r.found) for r in as_alias.reasons if r.code.startswith("other_name")] == [
        ("other_name_found", "Bashir Nur")]


def test_an_alias_beginning_with_a_particle_is_read_as_its_given_name():
    omar = PersonForLinkage(given_names="Omar", family_names="Saleh", birth=PartialDate(dt.date(1979, 5, 2), "exact"),
                            sex="M", other_names=("Abu Bakr Al-Amin",))
    result = score_candidate(typed("Abu Bakr", "Al-Amin", dt.date(1979, 5, 2), sex="M"), omar)
    # Read as "Abu" and "Bakr Al-Amin", the alias's given name was nowhere in what was typed.
    assert result.probability > 0.9 and "given_name_different" not in [r.code for r in result.reasons]


def test_a_later_record_whose_alias_is_the_earlier_records_name_is_compared_under_it():
    earlier = typed("Yonas", "Tesfamariam", dt.date(1990, 4, 12), sex="M")
    later = PersonForLinkage(given_names="Ibrahim", family_names="Idris", birth=PartialDate(dt.date(1990, 1, 1), "year"),
                             sex="M", other_names=("Yonas Tesfamariam",))
    result = score_candidate(later, earlier)
    assert result.probability > 0.9
    assert [(r.code, r.typed) for r in result.reasons if r.code.startswith("other_name")] == [
        ("other_name_typed", "Yonas Tesfamariam")]


@pytest.mark.django_db
def test_candidates_never_come_from_another_organisations_scope(cast):
    factories.make_person(cast.outsider, given_name="Maxamed", family_name="Warsame", birth_date="1994-03-02")
    assert registration_candidates(Actor(cast["registration_officer"]), given_names="Maxamed",
                                   family_names="Warsame", birth_date="1994-03-02") == []


@pytest.mark.django_db
def test_the_candidates_panel_answers_a_half_typed_form(client, cast):
    officer = cast["registration_officer"]
    factories.make_person(officer, given_name="Maxamed", family_name="Warsame", birth_date="1994-03-02")
    client.force_login(officer)
    response = client.get("/linkage/candidates/", {"given_name": "Mohamed", "family_name": "Warsame",
                                                    "birth_date": "1994-0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'data-testid="candidate"' in response.content
    empty = client.get("/linkage/candidates/", {"given_name": "Mo"}, HTTP_HX_REQUEST="true")
    assert empty.status_code == 200 and b"candidate" not in empty.content


@pytest.mark.django_db
def test_the_panel_answers_a_name_typed_only_in_the_script_of_the_documents(client, cast):
    officer = cast["registration_officer"]
    factories.make_person(officer, given_name="Ali", father_name="Omar", family_name="Al-Hassan",
                          name_in_original_script="علي عمر الحسن", birth_date="1988-03-15",
                          nationality_declared="YEM", languages=["ara"])
    client.force_login(officer)
    response = client.get("/linkage/candidates/", {"name_in_original_script": "علي عمر الحسن",
                                                    "birth_date": "1988-03-15"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.count('data-testid="candidate"') == 1
    assert "Ali Omar Al-Hassan" in page and '<span dir="auto" class="muted">علي عمر الحسن</span>' in page


@pytest.mark.django_db
def test_the_registration_form_asks_for_candidates_with_the_identifying_fields_only(client, cast):
    client.force_login(cast["registration_officer"])
    page = client.get("/people/new/").content.decode()
    assert 'hx-get="/linkage/candidates/"' in page
    assert len(re.findall(r"<(?:input|select)[^>]*data-linkage", page)) == 9
    assert 'name="fear_of_return_notes"' in page and 'data-linkage name="fear_of_return_notes"' not in page


def test_a_different_second_surname_is_not_taken_for_a_dropped_one():
    result = score_candidate(typed("Marta", "López Martínez", dt.date(2020, 1, 1), "year"),
                             typed("Marta", "López López", dt.date(2020, 1, 1), "year"))
    assert "surname_dropped" not in [r.code for r in result.reasons]
    assert "name_missing" in [r.code for r in result.reasons]


def test_siblings_born_the_same_year_on_different_days_do_not_count_as_a_date_match():
    slip = score_candidate(typed("Jean", "Pierre", dt.date(2021, 2, 17)), typed("Jean", "Pierre", dt.date(2021, 2, 18)))
    sibling = score_candidate(typed("Jean", "Pierre", dt.date(2021, 2, 17)), typed("Jean", "Pierre", dt.date(2021, 9, 3)))
    assert slip.reasons[-1].code == "date_one_part"
    assert sibling.reasons[-1].code == "date_conflict" and sibling.probability < slip.probability


def test_agreeing_on_a_common_name_is_weaker_than_on_a_rare_one():
    def share(token: str) -> float:
        return {"jean": 0.25}.get(token, 0.001)

    common = score_candidate(typed("Jean", "Baptiste", dt.date(1982, 1, 1), "year"),
                             typed("Jean", "Louis", dt.date(1982, 1, 1), "year"), frequency=share)
    rare = score_candidate(typed("Guerline", "Baptiste", dt.date(1982, 1, 1), "year"),
                           typed("Guerline", "Louis", dt.date(1982, 1, 1), "year"), frequency=share)
    assert common.probability < rare.probability


def test_a_family_registered_again_together_counts_its_companions_names():
    father = typed("Mohamed Abdi", "Warsame", dt.date(1985, 1, 1), "year", sex="M")
    again = PersonForLinkage(**{**father.__dict__, "companions": ("Aamina", "Yuusuf", "Hodan")})
    own_family = PersonForLinkage(**{**father.__dict__, "companions": ("Amina", "Yusuf")})
    namesakes_family = PersonForLinkage(**{**father.__dict__, "companions": ("Ifrah", "Yusuf")})
    alone = score_candidate(father, own_family)
    together = score_candidate(again, own_family)
    namesake = score_candidate(again, namesakes_family)
    reason = together.reasons[-1]
    assert (reason.code, reason.typed, reason.found) == ("companions_more", "Aamina, Yuusuf", "Amina, Yusuf")
    assert namesake.reasons[-1].code == "companions_one"  # one Yusuf in each family: weak
    assert together.probability > namesake.probability > alone.probability
    # Companions not found are no evidence against: families split up on the way.
    stranger_family = PersonForLinkage(**{**father.__dict__, "companions": ("Sagal",)})
    assert score_candidate(again, stranger_family).probability == pytest.approx(alone.probability)


@pytest.mark.django_db
def test_the_family_a_person_was_registered_with_ranks_their_earlier_record_first(cast):
    from tenpoint.registry.services import GroupInput, GroupMemberInput, register_people

    officer = cast["registration_officer"]

    def family(father: str, *children: str) -> Person:
        people = [factories.person_input(given_name=father, father_name="Cabdi", family_name="Warsame", sex="M",
                                         birth_date="1985")]
        people += [factories.person_input(given_name=child, father_name=father, family_name="Warsame",
                                          birth_date="2015") for child in children]
        members = [GroupMemberInput(0, "head"), *(GroupMemberInput(i, "child") for i in range(1, len(people)))]
        return register_people(Actor(officer), people, arrival=None,
                               groups=[GroupInput("family", members)]).people[0]

    namesake = family("Maxamed", "Ifrah", "Sagal")
    earlier = family("Maxamed", "Amina", "Yusuf")
    found = registration_candidates(Actor(officer), given_names="Mohamed Abdi", family_names="Warsame",
                                    birth_date="1985", sex="M", companions=["Aamina", "Yuusuf"])
    assert [c.person.uuid for c in found][:2] == [earlier.uuid, namesake.uuid]
    assert "registered before with Amina, Yusuf (now with Aamina, Yuusuf)" in found[0].reasons
    alone = registration_candidates(Actor(officer), given_names="Mohamed Abdi", family_names="Warsame",
                                    birth_date="1985", sex="M")
    assert found[0].probability > alone[0].probability


@pytest.mark.django_db
def test_among_more_namesakes_than_the_search_returns_the_one_born_that_year_is_a_candidate(cast, monkeypatch):
    from tenpoint.linkage import selectors

    officer = cast["registration_officer"]
    monkeypatch.setattr(selectors, "SEARCH_DEPTH", 3)  # as if José López were borne by thousands
    for _ in range(4):
        factories.make_person(officer, given_name="José", family_name="López", sex="M", birth_date="1970")
    born_1990 = factories.make_person(officer, given_name="José", family_name="López", sex="M", birth_date="1990-05-02")
    searched_years: list[int | None] = []
    real_search = selectors.search_people

    def search(actor: Actor, criteria: object, **kwargs: object) -> object:
        searched_years.append(getattr(criteria, "birth_year", None))
        return real_search(actor, criteria, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(selectors, "search_people", search)
    found = registration_candidates(Actor(officer), given_names="Jose", family_names="Lopez", birth_date="1990", sex="M")
    # Which three of the five the name alone would return is up to the database; within 1990 it is
    # him, and the year's namesakes are searched first (fewer than five: then the names alone too).
    assert searched_years == [1990, None]
    assert found[0].person.uuid == born_1990.uuid
    assert registration_candidates(Actor(officer), given_names="Jose", family_names="Lopez", sex="M")
    assert searched_years[2:] == [None]  # no year typed: the names alone


@pytest.mark.django_db
def test_records_linked_as_one_person_are_one_candidate_the_record_kept(client, cast):
    from tenpoint.linkage import services
    from tenpoint.linkage.models import SamePersonLink

    officer, supervisor = cast["registration_officer"], Actor(cast["supervisor"])
    first = factories.make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame",
                                  birth_date="1994-03-02")
    again = factories.make_person(officer, given_name="Mohamed", father_name="Abdi", family_name="Warsame",
                                  birth_date="1994")

    def candidates() -> list:
        return registration_candidates(Actor(officer), given_names="Mohamed Abdi", family_names="Warsame",
                                       birth_date="1994")

    apart = {c.person.uuid: c.probability for c in candidates()}
    assert set(apart) == {first.uuid, again.uuid}  # not linked: two records
    pair = services.start_duplicate_review(supervisor).pairs.get()
    services.decide_pair(supervisor, pair, "same_person")
    [one] = candidates()
    # The arrival goes on the record kept, the score is the likeliest of the person's records.
    assert one.person.uuid == first.uuid and one.also_registered_as == (again.reference,)
    assert apart[again.uuid] > apart[first.uuid]
    assert one.scored_on == again.reference and one.probability == apart[again.uuid]
    client.force_login(officer)
    panel = client.get("/linkage/candidates/", {"given_name": "Mohamed Abdi", "family_name": "Warsame",
                                                 "birth_date": "1994"}, HTTP_HX_REQUEST="true").content.decode()
    assert panel.count('data-testid="candidate"') == 1 and f"Also registered as {again.reference}" in panel
    assert f"the score is for {again.reference}" in panel
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=officer)[0].key}")
    [answer] = api.get("/api/people/candidates/", {"given_name": "Mohamed", "father_name": "Abdi",
                                                   "family_name": "Warsame", "birth_date": "1994"}).json()
    assert answer["person"]["uuid"] == str(first.uuid) and answer["also_registered_as"] == [again.reference]
    assert answer["scored_on"] == again.reference
    services.undo_same_person(supervisor, SamePersonLink.objects.get(), reason="Different mothers' names")
    assert len(candidates()) == 2


@pytest.mark.django_db
def test_the_record_kept_is_shown_and_audited_when_only_a_linked_record_was_found(cast):
    from django.utils import timezone

    from tenpoint.linkage.models import SamePersonLink

    officer = cast["registration_officer"]
    # Known by another name when first registered (a reviewer linked the two on other evidence).
    kept = factories.make_person(officer, given_name="Yonas", family_name="Tesfamariam", birth_date="1990-04-12")
    later = factories.make_person(officer, given_name="Ibrahim", family_name="Idris Mohammed", birth_date="1990")
    SamePersonLink.objects.create(person=later, same_as=kept, linked_by=cast["supervisor"], linked_at=timezone.now())
    [one] = registration_candidates(Actor(officer), given_names="Ibrahim", family_names="Idris Mohammed",
                                    birth_date="1990")
    assert one.person.uuid == kept.uuid and one.scored_on == later.reference
    assert one.also_registered_as == (later.reference,)
    assert AuditEvent.objects.filter(action="people.listed_as_registered_before",
                                     details__people=[str(kept.uuid)]).exists()
