from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from tenpoint.audit.models import AuditEvent
from tenpoint.testing.audit import append_only_switched_off
from tenpoint.testing.factories import make_person


def test_audit_verify_passes_on_an_intact_log_and_names_the_first_tampered_row(cast, officer):
    for name in ("Ahmed", "Yonas", "Rosa"):
        make_person(officer, given_name=name)
    call_command("audit", "verify")
    events = list(AuditEvent.objects.order_by("id"))
    tampered = events[1]
    with append_only_switched_off():
        AuditEvent.objects.filter(id=tampered.id).update(actor_label="someone-else")
    with pytest.raises(CommandError, match=f"#{tampered.id}"):
        call_command("audit", "verify")


def test_audit_verify_detects_a_deleted_row(cast, officer):
    make_person(officer)
    make_person(officer, given_name="Yonas")
    with append_only_switched_off():
        AuditEvent.objects.order_by("-id")[0].delete()
    with pytest.raises(CommandError, match="removed"):
        call_command("audit", "verify")


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the database refuses changes to the audit log on PostgreSQL only (the suite runs there "
                           "with DATABASE_URL)")
def test_the_database_refuses_to_change_or_delete_an_audit_event(cast, officer):
    make_person(officer)
    event = AuditEvent.objects.order_by("id").first()
    assert event is not None
    for tamper in (lambda: AuditEvent.objects.filter(id=event.id).update(purpose="edited"),
                   lambda: AuditEvent.objects.filter(id=event.id).delete()):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            tamper()
    event.refresh_from_db()
    assert event.purpose != "edited"
    call_command("audit", "verify")


def test_a_stated_purpose_longer_than_the_log_holds_is_cut_with_a_mark_and_the_read_goes_on(client, cast, officer):
    person = make_person(officer)
    client.force_login(officer)
    response = client.get(f"/people/{person.uuid}/", {"purpose": "checking a claim of age " * 100})
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="person.viewed", object_uuid=person.uuid).latest("id")
    assert len(event.purpose) == AuditEvent._meta.get_field("purpose").max_length
    assert event.purpose.startswith("checking a claim of age checking") and event.purpose.endswith("…")
    call_command("audit", "verify")  # the hash is of what the log holds
