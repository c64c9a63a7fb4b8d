from __future__ import annotations

import io

from django.core.management import call_command

from tenpoint.accounts.models import User
from tenpoint.audit.models import AuditEvent
from tenpoint.common.demo import DEMO_PASSWORD
from tenpoint.registry.models import Arrival, Group, Person


def test_demo_data_registers_people_through_the_services_and_is_idempotent_with_if_empty(db):
    call_command("demo-data", "--people", "150", "--seed", "5", stdout=io.StringIO(), stderr=io.StringIO())
    assert Person.objects.count() == 150
    assert Arrival.objects.exists() and AuditEvent.objects.filter(action="people.registered").exists()
    assert Group.objects.exists() or Person.objects.count() < 20
    call_command("demo-data", "--people", "150", "--if-empty", stdout=io.StringIO(), stderr=io.StringIO())
    assert Person.objects.count() == 150


def test_demo_accounts_cover_every_role_and_sign_in(client, db):
    output = io.StringIO()
    call_command("demo-accounts", stdout=output)
    from tenpoint.accounts.roles import role_catalogue

    assert {u.role for u in User.objects.all()} == set(role_catalogue().roles)
    assert DEMO_PASSWORD in output.getvalue()
    assert client.login(username="officer", password=DEMO_PASSWORD)
    call_command("demo-accounts", stdout=io.StringIO())  # refreshing changes nothing
    assert User.objects.filter(username="officer").count() == 1
