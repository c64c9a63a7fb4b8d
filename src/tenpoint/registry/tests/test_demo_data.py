from __future__ import annotations

import io

from django.core.management import call_command

from tenpoint.accounts.models import User
from tenpoint.audit.models import AuditEvent
from tenpoint.common.demo import DEMO_PASSWORD
from tenpoint.registry.models import Arrival, Group, Person, PersonAlias


def test_demo_data_registers_people_through_the_services_and_is_idempotent_with_if_empty(db):
    call_command("demo-data", "--people", "150", "--seed", "5", stdout=io.StringIO(), stderr=io.StringIO())
    # 150 people, and a few adults registered again after moving on (for the duplicate review).
    again = Person.objects.filter(arrivals__circumstance="inland_apprehension", documents__isnull=True,
                                  birth_date_precision="year").count()
    assert Person.objects.count() == 150 + again and again >= 1
    assert Arrival.objects.exists() and AuditEvent.objects.filter(action="people.registered").exists()
    assert Group.objects.exists() or Person.objects.count() < 20
    call_command("demo-data", "--people", "150", "--if-empty", stdout=io.StringIO(), stderr=io.StringIO())
    assert Person.objects.count() == 150 + again


def test_demo_data_reports_its_progress_a_line_at_a_time_into_a_log(db):
    log = io.StringIO()
    call_command("demo-data", "--people", "150", "--seed", "5", stdout=io.StringIO(), stderr=log)
    lines = log.getvalue().splitlines()
    assert len(lines) <= 11 and "\r" not in log.getvalue()  # at most one a tenth (a boat may pass several)
    assert all(line.startswith("registered ") for line in lines) and lines[-1] == "registered 150/150 people"


def test_the_demo_duplicate_review_finds_the_people_registered_again(db):
    from tenpoint.audit.services import Actor
    from tenpoint.linkage.services import start_duplicate_review

    call_command("demo-data", "--people", "1000", "--seed", "7", stdout=io.StringIO(), stderr=io.StringIO())
    supervisor = User.objects.get(username="supervisor")
    review = start_duplicate_review(Actor(supervisor))
    # Registered again by the supervisor's organisation (the review compares its own records only).
    again = set(Person.objects.filter(arrivals__circumstance="inland_apprehension", birth_date_precision="year",
                                      documents__isnull=True, owner_organisation=supervisor.organisation)
                .values_list("uuid", flat=True))
    assert len(again) >= 5
    found = {pair.other_id for pair in review.pairs.all()} | {pair.kept_id for pair in review.pairs.all()}
    assert len(again & found) >= 0.7 * len(again)
    # One of them came back under the name they had travelled under, recorded as an alias at
    # their first registration: nothing but the alias links the two records, and the review pairs them.
    alias = PersonAlias.objects.get(kind=PersonAlias.Kind.ALIAS, person__owner_organisation=supervisor.organisation)
    given, family = alias.name.split(" ", 1)
    under_alias = Person.objects.get(given_name=given, family_name=family, uuid__in=again)
    assert {alias.person.given_name, alias.person.family_name}.isdisjoint({given, family})
    assert review.pairs.filter(kept=alias.person, other=under_alias).exists()


def test_demo_accounts_cover_every_role_and_sign_in(client, db):
    output = io.StringIO()
    call_command("demo-accounts", stdout=output)
    from tenpoint.accounts.roles import role_catalogue

    assert {u.role for u in User.objects.all()} == set(role_catalogue().roles)
    assert DEMO_PASSWORD in output.getvalue()
    assert client.login(username="officer", password=DEMO_PASSWORD)
    call_command("demo-accounts", stdout=io.StringIO())  # refreshing changes nothing
    assert User.objects.filter(username="officer").count() == 1
