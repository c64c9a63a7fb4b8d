from __future__ import annotations

from django.urls import reverse

from tenpoint.audit.models import AuditEvent
from tenpoint.testing.audit import append_only_switched_off
from tenpoint.testing.factories import make_person


def test_a_data_protection_officer_searches_the_log_and_the_search_is_audited(client, cast, officer):
    person = make_person(officer)
    client.force_login(cast["data_protection_officer"])
    response = client.get(reverse("audit:log"), {"object_uuid": str(person.uuid)})
    assert response.status_code == 200
    assert "person.registered" in response.content.decode()
    assert AuditEvent.objects.filter(action="audit.searched", actor=cast["data_protection_officer"]).exists()


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
