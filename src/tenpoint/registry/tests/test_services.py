from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.registry.models import Person
from tenpoint.registry.selectors import PersonSearch, child_status_of, search_people
from tenpoint.registry.services import (
    BatchRefused,
    DocumentInput,
    GroupInput,
    GroupMemberInput,
    register_people,
)
from tenpoint.testing.factories import make_arrival, make_person, person_input


def test_it_registers_a_family_with_an_arrival_and_audits_it(cast, officer):
    arrival = make_arrival(officer, cast.point, mode="sea", sea_event="rescue_in_distress")
    people = [
        person_input(given_name="Ahmed", family_name="Hassan", birth_date="1985"),
        person_input(given_name="Fatuma", family_name="Ali", sex="F", birth_date="1990-05"),
        person_input(given_name="Yusuf", family_name="Ahmed", birth_date="2015-01-20"),
        person_input(given_name="Amina", family_name="Ahmed", sex="F", age=4, birth_date=None),
    ]
    group = GroupInput("family", [GroupMemberInput(0, "head"), GroupMemberInput(1, "spouse"),
                                  GroupMemberInput(2, "child"), GroupMemberInput(3, "child")])
    result = register_people(Actor(officer), people, arrival=arrival, groups=[group])
    assert Person.objects.count() == 4
    assert {p.birth_date_precision for p in result.people} == {"year", "month", "exact", "estimated"}
    assert arrival.people.count() == 4
    assert AuditEvent.objects.filter(action="people.registered", object_uuid=arrival.uuid).count() == 1
    assert child_status_of(result.people[2]) == "accompanied"


def test_it_redraws_a_reference_already_given_or_drawn_twice_in_the_batch(cast, officer, monkeypatch):
    from tenpoint.registry import services

    existing = make_person(officer, given_name="Abdi", family_name="Warsame")
    # The random source repeats itself and hits an existing reference before giving fresh ones.
    draws = iter([existing.reference, "CRI-AAAA-AAAA", "CRI-AAAA-AAAA", "CRI-BBBB-BBBB", "CRI-CCCC-CCCC"])
    monkeypatch.setattr(services, "new_reference", lambda prefix: next(draws))
    result = register_people(Actor(officer), [person_input(given_name=name) for name in ("Ayan", "Hodan", "Farah")],
                             arrival=None, registration_point=cast.point)
    assert [p.reference for p in result.people] == ["CRI-AAAA-AAAA", "CRI-BBBB-BBBB", "CRI-CCCC-CCCC"]


def test_an_arrival_and_a_group_get_a_fresh_reference_when_the_draw_is_already_taken(cast, officer, monkeypatch):
    from tenpoint.registry import references

    def family() -> list[GroupInput]:
        return [GroupInput("family", [GroupMemberInput(0, "head"), GroupMemberInput(1, "spouse")])]

    earlier = make_arrival(officer, cast.point)
    earlier_group = register_people(Actor(officer), [person_input(), person_input(given_name="Hodan")],
                                    arrival=earlier, groups=family()).groups[0]
    # The random source draws references already given before fresh ones.
    draws = iter([earlier.reference, "A-AAAA-AAAA", earlier_group.reference, "G-BBBB-BBBB"])
    monkeypatch.setattr(references, "new_reference", lambda prefix: next(draws))
    arrival = make_arrival(officer, cast.point)
    assert arrival.reference == "A-AAAA-AAAA"
    result = register_people(Actor(officer), [person_input(), person_input(given_name="Hodan")], arrival=arrival,
                             groups=family())
    assert [g.reference for g in result.groups] == ["G-BBBB-BBBB"]


def test_it_refuses_the_whole_batch_when_one_person_is_invalid(cast, officer):
    arrival = make_arrival(officer, cast.point)
    people = [person_input(), person_input(given_name="X", birth_date="2090-01-01"), person_input(fear_of_return="")]
    with pytest.raises(BatchRefused) as refused:
        register_people(Actor(officer), people, arrival=arrival)
    assert Person.objects.count() == 0
    assert set(refused.value.errors) == {1, 2}
    assert "after the arrival" in refused.value.errors[1]["birth_date"][0]
    assert "never skipped" in refused.value.errors[2]["fear_of_return"][0]


def test_it_refuses_an_age_that_contradicts_the_date_of_birth(cast, officer):
    today = timezone.now().date()
    with pytest.raises(BatchRefused) as refused:
        register_people(Actor(officer), [person_input(birth_date=f"{today.year - 30}-01-01", age=12)], arrival=None,
                        registration_point=cast.point)
    assert "contradicts" in refused.value.errors[0]["age"][0]


def test_it_refuses_unknown_country_codes_and_duplicate_documents(cast, officer):
    make_person(officer, documents=[DocumentInput("passport", "P 123-456", "SOM")])
    with pytest.raises(BatchRefused) as refused:
        register_people(Actor(officer), [
            person_input(nationality_declared="XYZ"),
            person_input(documents=[DocumentInput("passport", "p123456", "SOM")]),
        ], arrival=None, registration_point=cast.point)
    assert "ISO 3166" in refused.value.errors[0]["nationality_declared"][0]
    assert "already recorded" in refused.value.errors[1]["documents.1.number"][0]


def test_it_finds_maxamed_when_searching_for_mohamed_but_not_for_another_organisation(cast, officer):
    make_person(officer, given_name="Maxamed", family_name="Warsame")
    make_person(officer, given_name="Tesfaye", family_name="Gebremedhin", nationality_declared="ERI")
    hits = search_people(Actor(officer), PersonSearch(name="Mohamed Warsame"))
    assert [h.person.given_name for h in hits] == ["Maxamed"]
    assert search_people(Actor(cast.outsider), PersonSearch(name="Mohamed Warsame")) == []


def test_a_person_found_under_an_alias_is_shown_with_the_alias_it_was_found_by(cast, officer):
    from tenpoint.registry.services import add_alias

    travelled = make_person(officer, given_name="Luis", family_name="Cano López")
    add_alias(Actor(officer), travelled, "Jaime Padilla")
    make_person(officer, given_name="Jaime", family_name="Padilla")  # a namesake of the alias
    hits = {h.person.given_name: h.reasons for h in search_people(Actor(officer), PersonSearch(name="Jaime Padila"))}
    # Listed as Luis Cano López, whose own name shares nothing with what was typed: the alias says why.
    assert hits["Luis"][0] == "found under another name of theirs: “Jaime Padilla”"
    assert hits["Luis"][1:] == ["“Jaime” exact", "“Padila” sounds like “Padilla”"]
    assert not any("another name" in reason for reason in hits["Jaime"])


def test_a_search_is_audited_with_whom_it_showed_but_not_what_was_typed(cast, officer):
    found = make_person(officer, given_name="Maxamed", family_name="Warsame")
    search_people(Actor(officer), PersonSearch(name="Mohamed Warsame", birth_year=1990, document_number="P123",
                                               nationality="SOM"), purpose="registration")
    event = AuditEvent.objects.filter(action="people.searched").latest("id")
    assert event.details == {"criteria": ["birth_year", "document_number", "name", "nationality"],
                             "nationality": "SOM", "results": 0, "people": []}
    search_people(Actor(officer), PersonSearch(name="Mohamed Warsame"))
    event = AuditEvent.objects.filter(action="people.searched").latest("id")
    assert event.details["people"] == [str(found.uuid)]
    assert not {"Mohamed", "Warsame", "1990", "P123"} & set(str(event.details).replace("'", " ").split())


def test_a_person_registered_before_arrives_again_in_the_group_of_the_batch_but_only_once(cast, officer):
    from tenpoint.registry.models import Group

    earlier = make_person(officer, given_name="Maxamed", family_name="Warsame", birth_date="1985")
    arrival = make_arrival(officer, cast.point)
    child = person_input(given_name="Amina", family_name="Warsame", birth_date="2016")
    family = [GroupInput("family", [GroupMemberInput(0, "head"), GroupMemberInput(1, "child")])]
    with pytest.raises(BatchRefused) as refused:
        register_people(Actor(officer), [person_input(), child, person_input()], arrival=arrival, groups=family,
                        already_registered={0: earlier, 2: earlier})
    assert refused.value.group_errors == ["The same person registered before was chosen for two rows."]
    # What was typed for him is neither checked nor kept (a fear-of-return answer left out).
    result = register_people(Actor(officer), [person_input(fear_of_return=""), child], arrival=arrival,
                             groups=family, already_registered={0: earlier})
    assert [p.given_name for p in result.people] == ["Amina"] and Person.objects.count() == 2
    assert set(arrival.memberships.values_list("person_id", flat=True)) == {earlier.uuid, result.people[0].uuid}
    assert Group.objects.get().memberships.get(relationship_to_head="head").person_id == earlier.uuid


def test_it_tolerates_a_typo_outside_the_skeleton(cast, officer):
    make_person(officer, given_name="Mohammed", family_name="Abdullahi")
    hits = search_people(Actor(officer), PersonSearch(name="Mohamned Abdulahi"))
    assert [h.person.family_name for h in hits] == ["Abdullahi"]


def test_a_short_name_that_lost_a_consonant_is_still_found(cast, officer):
    from tenpoint.registry import selectors

    make_person(officer, given_name="Patrick", family_name="Amisi")
    make_person(officer, given_name="Cabdi", father_name="Xaashi", grandfather_name="Faarax")
    make_person(officer, given_name="Patrick", family_name="Mbala")
    selectors.invalidate_key_vocabulary()
    # Amii: skeleton "am" where Amisi's is "ams"; Faaax: "f" where Faarax's is "fr".
    assert [h.person.family_name for h in search_people(Actor(officer), PersonSearch(name="Patrick Amii"))] == ["Amisi"]
    assert [h.person.father_name for h in search_people(Actor(officer), PersonSearch(name="Abdi Xaashi Faaax"))] == [
        "Xaashi"]


def test_a_common_name_is_searched_from_the_rarest_name_of_the_query(cast, officer):
    from tenpoint.registry import selectors

    make_person(officer, given_name="Maxamed", family_name="Warsame")
    make_person(officer, given_name="Mohamed", family_name="Abdullahi")
    make_person(officer, given_name="Mohammed", father_name="Ali", family_name="Warsame")
    selectors.invalidate_key_vocabulary()
    hits = search_people(Actor(officer), PersonSearch(name="Mohamned Warsame"))
    assert sorted(h.person.full_name for h in hits) == ["Maxamed Cabdi Warsame", "Mohammed Ali Warsame"]
    assert search_people(Actor(officer), PersonSearch(name="Mohamed Gebremedhin")) == []
    # Three names typed: the two rarest and one more must be borne (Maxamed Cabdi Warsame is not Ali).
    hits = search_people(Actor(officer), PersonSearch(name="Mohamed Ali Warsame"))
    assert [h.person.full_name for h in hits] == ["Mohammed Ali Warsame"]


def test_a_search_by_birth_year_follows_a_corrected_year_and_an_added_alias(cast, officer):
    from tenpoint.registry.models import PersonNameKey
    from tenpoint.registry.services import add_alias, correct_person

    person = make_person(officer, given_name="Yonas", family_name="Tesfay", birth_date="1991-03-02")
    make_person(officer, given_name="Yonas", family_name="Tesfay", birth_date="1984")  # a namesake
    assert set(PersonNameKey.objects.filter(person=person).values_list("birth_year", flat=True)) == {1991}

    def found(year: int, name: str = "Yonas Tesfay") -> list[str]:
        return [str(h.person.birth_date) for h in search_people(Actor(officer), PersonSearch(name=name, birth_year=year))]

    assert found(1991) == ["1991-03-02"]
    person = correct_person(Actor(officer), person, person_input(given_name="Yonas", family_name="Tesfay",
                                                                 birth_date="1993-03-02"),
                            expected_version=person.version)
    assert found(1991) == [] and found(1993) == ["1993-03-02"]
    add_alias(Actor(officer), person, "Yohannes Tesfay")
    assert found(1993, "Yohannes Tesfay") == ["1993-03-02"]


def test_the_migration_gives_keys_stored_before_it_their_persons_birth_year(cast, officer):
    import importlib

    from django.apps import apps
    from django.db import connection

    from tenpoint.registry.models import PersonNameKey

    migration = importlib.import_module("tenpoint.registry.migrations.0006_person_name_key_birth_year")
    dated = make_person(officer, given_name="Yonas", birth_date="1979")
    undated = make_person(officer, given_name="Selam", birth_date="", age=None)
    PersonNameKey.objects.update(birth_year=None)
    migration.fill_birth_years(apps, connection.schema_editor())
    assert set(PersonNameKey.objects.filter(person=dated).values_list("birth_year", flat=True)) == {1979}
    assert set(PersonNameKey.objects.filter(person=undated).values_list("birth_year", flat=True)) == {None}


def test_the_first_given_name_token_follows_the_names_through_a_correction_and_an_erasure(cast, officer):
    from tenpoint.registry.services import anonymise_person, correct_person

    # A patronymic chain with no given name of its own: the father's name comes first.
    chain = make_person(officer, given_name="", father_name="Cabdi", family_name="Warsame")
    assert chain.first_given_name_token == "cabdi"
    person = make_person(officer, given_name="Abu Bakr", family_name="Siddiq")
    assert person.first_given_name_token == "bakr"  # the particle, as the linkage reads the name
    person = correct_person(Actor(officer), person, person_input(given_name="Fernanda", family_name="Rojas"),
                            expected_version=person.version)
    assert person.first_given_name_token == "fernanda"
    # Derived, not typed: the correction's audit lists the names changed, not it.
    corrected = AuditEvent.objects.filter(action="person.corrected", object_uuid=person.uuid).get()
    assert "given_name" in corrected.details["fields"]
    assert "first_given_name_token" not in corrected.details["fields"]
    assert anonymise_person(Actor(officer), person, reason="erasure request").first_given_name_token == ""


def test_the_migration_writes_the_first_given_name_token_of_people_registered_before_it(cast, officer, monkeypatch):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("tenpoint.registry.migrations.0013_write_first_given_name_tokens")
    people = [make_person(officer, given_name=name, father_name="Omar") for name in ("Fernanda", "", "Maxamed")]
    Person.objects.update(first_given_name_token="")
    monkeypatch.setattr(migration, "CHUNK", 2)  # two chunks
    migration.write_tokens(apps, None)
    assert [Person.objects.get(pk=p.pk).first_given_name_token for p in people] == ["fernanda", "omar", "maxamed"]


def test_the_search_reads_only_new_name_keys_between_recounts(cast, officer, monkeypatch):
    from tenpoint.registry import selectors

    make_person(officer, given_name="Abdirahman", family_name="Warsame")
    assert search_people(Actor(officer), PersonSearch(name="Abdirahmaan Warsame"))
    counted_at = selectors._vocabulary["counted_at"]
    assert selectors._people_bearing({"arsm"}) == 1
    # Registered after the vocabulary was read: its misspelling is found at once, and the
    # vocabulary is brought up to date by adding the new rows, not by recounting a million.
    make_person(officer, given_name="Guled", family_name="Warsame")
    hits = search_people(Actor(officer), PersonSearch(name="Gulet Warsame"))
    assert [h.person.given_name for h in hits] == ["Guled"]
    assert selectors._vocabulary["counted_at"] == counted_at
    assert selectors._people_bearing({"arsm"}) == 2
    # Many new rows at once (an import): the database counts them instead.
    monkeypatch.setattr(selectors, "_VOCABULARY_RECOUNT_ROWS", 1)
    make_person(officer, given_name="Hodan", family_name="Warsame")
    selectors.invalidate_key_vocabulary()
    assert selectors._people_bearing({"arsm"}) == 3
    assert selectors._vocabulary["counted_at"] != counted_at


def test_a_statistics_analyst_cannot_register_anyone(cast):
    with pytest.raises(PermissionDenied):
        register_people(Actor(cast["statistics_analyst"]), [person_input()], arrival=None,
                        registration_point=cast.point)


def test_a_child_registered_alone_is_unaccompanied(cast, officer):
    child = make_person(officer, birth_date=str(timezone.now().year - 15))
    assert child_status_of(child) == "unaccompanied"


def test_the_rekeying_migration_gives_latin_al_names_their_keys_back_and_leaves_others_alone(cast, officer):
    import importlib

    from django.apps import apps

    from tenpoint.registry.models import PersonNameKey

    rekeying = importlib.import_module("tenpoint.registry.migrations.0004_rekey_names_with_latin_al_el")
    rene = make_person(officer, given_name="René", family_name="Alvarenga")
    omar = make_person(officer, given_name="Omar", family_name="Alhashimi")
    keys_of = {p: set(PersonNameKey.objects.filter(person=p).values_list("key", flat=True)) for p in (rene, omar)}
    # As the old tokenisation stored them: "Alvarenga" read as the article glued to "varenga".
    PersonNameKey.objects.filter(person=rene, key="albrng").update(key="brng")
    rekeying.rekey(apps, None)
    assert {p: set(PersonNameKey.objects.filter(person=p).values_list("key", flat=True)) for p in (rene, omar)} \
        == keys_of
    assert {"rn", "albrng"} <= keys_of[rene] and "brng" not in keys_of[rene] and "hsm" in keys_of[omar]
    hits = search_people(Actor(officer), PersonSearch(name="Rene Alvarenga"))
    assert [h.person for h in hits] == [rene]


def test_the_rekeying_migration_lets_a_name_stored_in_arabic_script_be_found_in_latin_letters(cast, officer):
    import importlib

    from django.apps import apps

    from tenpoint.registry.models import PersonNameKey

    rekeying = importlib.import_module("tenpoint.registry.migrations.0009_rekey_names_written_in_arabic_and_geez")
    ali = make_person(officer, given_name="", father_name="", family_name="", name_in_original_script="علي عمر",
                      birth_date="1988-03-15")
    yonas = make_person(officer, given_name="Yonas", family_name="Tesfay")
    keys_of = {p: set(PersonNameKey.objects.filter(person=p).values_list("key", flat=True)) for p in (ali, yonas)}
    assert keys_of[ali] == {"al", "amr"}
    # As anyascii alone stored them: علي "ly", عمر "mr".
    PersonNameKey.objects.filter(person=ali).delete()
    PersonNameKey.objects.bulk_create([PersonNameKey(person=ali, key=key, birth_year=1988) for key in ("l", "mr")])
    assert not search_people(Actor(officer), PersonSearch(name="Ali Omar"))
    assert rekeying.people_written_in_script(apps) == [ali.pk]
    rekeying.rekey(apps, None)
    assert {p: set(PersonNameKey.objects.filter(person=p).values_list("key", flat=True)) for p in (ali, yonas)} \
        == keys_of
    assert set(PersonNameKey.objects.filter(person=ali).values_list("birth_year", flat=True)) == {1988}
    assert [h.person for h in search_people(Actor(officer), PersonSearch(name="Ali Omar", birth_year=1988))] == [ali]


def test_the_rekeying_migration_lets_somali_sudanese_and_jota_spellings_find_each_other(cast, officer):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from tenpoint.registry.models import PersonNameKey

    rekeying = importlib.import_module("tenpoint.registry.migrations.0010_rekey_somali_ayn_and_initial_y")
    saciid = make_person(officer, given_name="Saciid", father_name="", family_name="Jaamac", birth_date="1990")
    yorman = make_person(officer, given_name="Yorman", father_name="", family_name="Pérez", birth_date="1995-04-02")
    tarig = make_person(officer, given_name="Tarig", father_name="", family_name="Osman", birth_date="1987")
    mahamat = make_person(officer, given_name="Mahamat", father_name="", family_name="Idriss", birth_date="1979")
    rene = make_person(officer, given_name="René", family_name="Alvarenga")
    people = (saciid, yorman, tarig, mahamat, rene)
    keys_of = {p: set(PersonNameKey.objects.filter(person=p).values_list("key", flat=True)) for p in people}
    assert keys_of[saciid] == {"sd", "jm"} and keys_of[yorman] == {"jrmn", "prs"} and keys_of[tarig] == {"trk", "asmn"}
    assert keys_of[mahamat] == {"mt", "md", "adrs"}
    # As the skeletons stored them before: the ʿayn written c kept as a k, Yorman's y read as a
    # vowel, Tarig's g as a g.
    PersonNameKey.objects.filter(person__in=[saciid, yorman, tarig, mahamat]).delete()
    PersonNameKey.objects.bulk_create([PersonNameKey(person=saciid, key=key, birth_year=1990) for key in ("skd", "jmk")]
                                      + [PersonNameKey(person=yorman, key=key, birth_year=1995)
                                         for key in ("armn", "prs")]
                                      + [PersonNameKey(person=tarig, key=key, birth_year=1987)
                                         for key in ("trg", "asmn")]
                                      + [PersonNameKey(person=mahamat, key=key, birth_year=1979)
                                         for key in ("mt", "adrs")])
    assert set(rekeying.rekeying.people_with_a_name(apps, rekeying.name_may_change)) \
        >= {saciid.pk, yorman.pk, tarig.pk, mahamat.pk}
    assert rene.pk not in rekeying.rekeying.people_with_a_name(apps, rekeying.name_may_change)
    # As `migrate` runs it: on PostgreSQL the keys' index is rebuilt and analysed afterwards.
    rekeying.rekey(apps, SimpleNamespace(connection=connection))
    assert {p: set(PersonNameKey.objects.filter(person=p).values_list("key", flat=True)) for p in people} == keys_of
    assert [h.person for h in search_people(Actor(officer), PersonSearch(name="Said Jama", birth_year=1990))] \
        == [saciid]
    assert [h.person for h in search_people(Actor(officer), PersonSearch(name="Jorman Perez"))] == [yorman]
    assert [h.person for h in search_people(Actor(officer), PersonSearch(name="Tariq Osman", birth_year=1987))] \
        == [tarig]
    assert [h.person for h in search_people(Actor(officer), PersonSearch(name="Mohamed Idriss", birth_year=1979))] \
        == [mahamat]


def test_a_batch_lands_every_value_and_its_people_can_be_corrected_at_once(cast, officer):
    """Batches are written by COPY on PostgreSQL: every column must arrive as typed, and the people
    returned can be corrected at once."""
    import datetime as dt

    from tenpoint.registry.models import IdentityDocument
    from tenpoint.registry.services import DocumentInput, correct_person, register_people

    arrival = make_arrival(officer, cast.point)
    typed = [person_input(languages=["som", "ara"], aliases=["Mohamed Abdi Warsame"],
                          documents=[DocumentInput(kind="passport", number="P 123-45", issuing_country="SOM",
                                                   expires_on=dt.date(2030, 1, 31))]),
             person_input(given_name="Hodan", sex="F", birth_date="2001")]
    result = register_people(Actor(officer), typed, arrival=arrival)
    stored = Person.objects.get(uuid=result.people[0].uuid)
    assert (stored.languages, stored.birth_date, stored.version, stored.owner_organisation_id) == (
        ["som", "ara"], dt.date(1994, 3, 2), 1, officer.organisation_id)
    document = IdentityDocument.objects.get(person=stored)
    assert (document.number, document.expires_on, document.issuing_country) == ("P 123-45", dt.date(2030, 1, 31), "SOM")
    assert Person.objects.get(uuid=result.people[1].uuid).birth_date_precision == "year"
    corrected = correct_person(Actor(officer), result.people[1], person_input(given_name="Hodan", sex="F",
                                                                             birth_date="2001-06-01"),
                               expected_version=1)
    assert Person.objects.filter(given_name="Hodan").count() == 1
    assert Person.objects.get(uuid=corrected.uuid).birth_date == dt.date(2001, 6, 1)
