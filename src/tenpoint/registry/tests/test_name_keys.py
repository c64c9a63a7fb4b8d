"""The stored name search keys follow the known names: a check says when the list moved past
them, and a rebuild writes them again."""

from __future__ import annotations

from django.core.management import call_command

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.lib.names import KNOWN_NAMES_VERSION, name_keys
from tenpoint.registry.checks import name_keys_follow_the_known_names
from tenpoint.registry.migrations._rekeying import NAME_FIELDS
from tenpoint.registry.models import NameKeyState, PersonNameKey
from tenpoint.registry.selectors import PersonSearch, invalidate_key_vocabulary, search_people
from tenpoint.registry.services import rebuild_name_keys
from tenpoint.testing.factories import make_person


def test_the_check_warns_when_the_keys_were_built_with_another_version_of_the_known_names(db) -> None:
    NameKeyState.objects.update_or_create(id=1, defaults={"known_names_version": KNOWN_NAMES_VERSION})
    assert name_keys_follow_the_known_names(databases=["default"]) == []
    NameKeyState.objects.filter(id=1).update(known_names_version=KNOWN_NAMES_VERSION + 1)
    warnings = name_keys_follow_the_known_names(databases=["default"])
    assert [w.id for w in warnings] == ["registry.W001"]
    assert "tenpoint name-keys rebuild" in (warnings[0].hint or "")
    # Checks run without a database (runserver, most commands) never query it.
    assert name_keys_follow_the_known_names(databases=None) == []


def test_a_rebuild_gives_people_keyed_before_a_change_the_keys_of_the_list_now(cast, officer) -> None:
    mahamat = make_person(officer, given_name="Mahamat", family_name="Abakar", birth_date="1990-04-02")
    other = make_person(officer, given_name="Achta", family_name="Abakar", birth_date="1993-01-01")
    # As if keyed before Mahamat was listed as Mohamed: without Mohamed's key.
    mohamed = name_keys("Mohamed")
    assert PersonNameKey.objects.filter(person=mahamat, key__in=mohamed).delete()[0] == 1
    NameKeyState.objects.update_or_create(id=1, defaults={"known_names_version": KNOWN_NAMES_VERSION - 1})
    invalidate_key_vocabulary()

    def found() -> list[str]:
        return [h.person.given_name for h in search_people(Actor(officer), PersonSearch(name="Mohamed Abakar"))]

    assert "Mahamat" not in found()
    seen: list[tuple[int, int]] = []
    rebuilt = rebuild_name_keys(Actor(None, "cli"), progress=lambda done, total: seen.append((done, total)))

    assert (rebuilt.people, rebuilt.rewritten, rebuilt.known_names_version) == (2, 1, KNOWN_NAMES_VERSION)
    assert seen[-1] == (2, 2)
    for person in (mahamat, other):
        names = [getattr(person, field) for field in NAME_FIELDS]
        assert set(PersonNameKey.objects.filter(person=person).values_list("key", flat=True)) == name_keys(*names)
    assert set(PersonNameKey.objects.filter(person=mahamat).values_list("birth_year", flat=True)) == {1990}
    assert "Mahamat" in found()
    assert NameKeyState.objects.get(id=1).known_names_version == KNOWN_NAMES_VERSION
    assert name_keys_follow_the_known_names(databases=["default"]) == []
    event = AuditEvent.objects.filter(action="registry.name_keys_rebuilt").get()
    assert event.details == {"people": 2, "rewritten": 1, "known_names_version": KNOWN_NAMES_VERSION}
    # A second run (or one after a stop) writes nothing more.
    assert rebuild_name_keys(Actor(None, "cli")).rewritten == 0


def test_the_command_says_which_version_the_keys_follow_and_rebuilds_them(cast, officer, capsys) -> None:
    make_person(officer, given_name="Mahamat", family_name="Abakar")
    NameKeyState.objects.update_or_create(id=1, defaults={"known_names_version": KNOWN_NAMES_VERSION - 1})
    call_command("name-keys", "status")
    out = capsys.readouterr().out
    assert f"built with: version {KNOWN_NAMES_VERSION - 1} (run `tenpoint name-keys rebuild`)" in out
    call_command("name-keys", "rebuild")
    captured = capsys.readouterr()
    assert "0 of 1 people had their name search keys written again" in captured.out
    assert "people re-keyed: 1/1" in captured.err
    call_command("name-keys", "status")
    assert capsys.readouterr().out.strip().endswith(f"built with: version {KNOWN_NAMES_VERSION}")
