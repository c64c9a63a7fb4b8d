from __future__ import annotations

from django.urls import reverse

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.registry.selectors import PersonSearch, search_people
from tenpoint.testing.audit import append_only_switched_off
from tenpoint.testing.factories import make_person


def test_a_data_protection_officer_searches_the_log_and_the_search_is_audited(client, cast, officer):
    person = make_person(officer)
    client.force_login(cast["data_protection_officer"])
    response = client.get(reverse("audit:log"), {"object_uuid": str(person.uuid)})
    assert response.status_code == 200
    assert "person.registered" in response.content.decode()
    assert AuditEvent.objects.filter(action="audit.searched", actor=cast["data_protection_officer"]).exists()


def test_searching_the_log_for_a_person_finds_the_searches_that_showed_them(client, cast, officer):
    shown = make_person(officer, given_name="Maxamed", family_name="Warsame")
    make_person(officer, given_name="Tesfaye", family_name="Gebremedhin")
    search_people(Actor(officer), PersonSearch(name="Mohamed Warsame"), purpose="registration")
    search_people(Actor(officer), PersonSearch(name="Tesfaye Gebremedhin"), purpose="another search")
    client.force_login(cast["data_protection_officer"])
    page = client.get(reverse("audit:log"), {"object_uuid": str(shown.uuid), "action": "people."}).content.decode()
    assert page.count("people.searched") == 1 and "registration" in page and "another search" not in page
    assert f"<b>people</b> {shown.uuid}</div>" in page and "Warsame" not in page


def test_the_log_pages_keep_the_search(client, cast, officer):
    for _ in range(51):  # a page holds 50
        make_person(officer)
    client.force_login(cast["data_protection_officer"])
    page = client.get(reverse("audit:log"), {"action": "person.registered", "page": 1}).content.decode()
    older = page.split('">Older</a>')[0].rsplit('href="', 1)[1]
    assert "action=person.registered" in older.replace("&amp;", "&") and "page=2" in older


def test_a_registration_officer_cannot_read_the_audit_log(client, officer):
    client.force_login(officer)
    assert client.get(reverse("audit:log")).status_code == 403
    assert client.get(reverse("audit:verify")).status_code == 403


def test_the_verify_page_reports_a_broken_chain(client, cast, officer):
    make_person(officer)
    first = AuditEvent.objects.order_by("id")[0]
    with append_only_switched_off():
        AuditEvent.objects.filter(id=first.id).update(purpose="edited behind the system's back")
    client.force_login(cast["data_protection_officer"])
    response = client.get(reverse("audit:verify"))
    assert 'data-testid="chain-broken"' in response.content.decode()
