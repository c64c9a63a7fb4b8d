from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenpoint.audit.models import AuditEvent
from tenpoint.testing.factories import make_person


def test_audit_verify_passes_on_an_intact_log_and_names_the_first_tampered_row(cast, officer):
    for name in ("Ahmed", "Yonas", "Rosa"):
        make_person(officer, given_name=name)
    call_command("audit", "verify")
    events = list(AuditEvent.objects.order_by("id"))
    tampered = events[1]
    AuditEvent.objects.filter(id=tampered.id).update(actor_label="someone-else")
    with pytest.raises(CommandError, match=f"#{tampered.id}"):
        call_command("audit", "verify")


def test_audit_verify_detects_a_deleted_row(cast, officer):
    make_person(officer)
    make_person(officer, given_name="Yonas")
    AuditEvent.objects.order_by("-id")[0].delete()
    with pytest.raises(CommandError, match="removed"):
        call_command("audit", "verify")
