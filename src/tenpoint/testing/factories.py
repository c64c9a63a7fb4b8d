"""Small factories for tests: each builds one valid object through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tenpoint.accounts.models import User
from tenpoint.audit.services import Actor
from tenpoint.partners.models import Office, Organisation, RegistrationPoint
from tenpoint.registry.models import Arrival, Person
from tenpoint.registry.services import ArrivalInput, PersonInput, register_arrival, register_people

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only


def make_organisation(name: str = "Dirección General de Migración", kind: str = "government",
                      country: str = "CRI", acronym: str = "DGME") -> Organisation:
    return Organisation.objects.create(name=name, kind=kind, country=country, acronym=acronym)


def make_office(organisation: Organisation, name: str = "Paso Canoas", country: str = "CRI") -> Office:
    return Office.objects.create(organisation=organisation, name=name, country=country)


def make_point(office: Office, name: str = "Paso Canoas border post", kind: str = "land_border",
               country: str | None = None) -> RegistrationPoint:
    return RegistrationPoint.objects.create(office=office, name=name, kind=kind, country=country or office.country,
                                            location="Paso Canoas, Puntarenas")


def make_user(username: str, role: str, office: Office, **extra: Any) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, role=role,
                                    organisation=office.organisation, office=office, **extra)
    return user


def person_input(**overrides: Any) -> PersonInput:
    values: dict[str, Any] = {
        "given_name": "Maxamed", "father_name": "Cabdi", "family_name": "Warsame", "sex": "M",
        "birth_date": "1994-03-02", "nationality_declared": "SOM", "languages": ["som"],
        "fear_of_return": "expressed", "fear_of_return_notes": "Threatened by al-Shabaab.",
    }
    values.update(overrides)
    return PersonInput(**values)


def make_arrival(user: User, point: RegistrationPoint, **overrides: Any) -> Arrival:
    values: dict[str, Any] = {
        "registration_point": point, "arrived_at": timezone.now() - dt.timedelta(hours=2), "mode": "land",
        "country_of_departure": "PAN", "intended_destination": "USA",
    }
    values.update(overrides)
    return register_arrival(Actor(user, "test"), ArrivalInput(**values))


def make_person(user: User, arrival: Arrival | None = None, **overrides: Any) -> Person:
    return register_people(Actor(user, "test"), [person_input(**overrides)], arrival=arrival).people[0]


FOLLOW_UP_SEED = """\
seed: 999_test_plan
title: Test summary report and action plan
meetings:
  - key: test-conference
    title: Test regional conference
    kind: conference
    place: Dar es Salaam
    country: TZA
    starts_on: 2010-09-06
    working_groups:
      - key: I
        title: Human rights
        recommendations:
          - {key: I-i, text: States are encouraged to review their laws., theme: human_rights, level: national, addressees: [states]}
    follow_up_activities:
      - {key: fu-1, text: Follow-up meeting, theme: cooperation, status: planned, due_on: 2011-09-30}
    action_plan:
      title: Action Plan
      areas:
        - key: I
          title: Legislative reform
          targets:
            - {key: I-t1, text: Review in at least four countries., due_on: 2012-12-31}
          actions:
            - {key: I-a1, text: Sign and ratify the main treaties., cites: "I (i)"}
"""


def make_follow_up_records(directory: Any, focal_point: User) -> dict[str, Any]:
    """A meeting with one of everything the tracker pages point at, imported through the service."""
    from pathlib import Path

    from tenpoint.followup import services as followup
    from tenpoint.followup.models import FollowUpActivity, Meeting, PlanAction, Recommendation, Target

    path = Path(directory) / "999_test_plan.yaml"
    path.write_text(FOLLOW_UP_SEED, encoding="utf-8")
    followup.import_seed_material(Actor(None, "cli"), Path(directory))
    meeting = Meeting.objects.get(key="test-conference")
    action = PlanAction.objects.get(area__plan__meeting=meeting, key="I-a1")
    adoption = followup.adopt_action(Actor(focal_point), action, country="TZA")
    return {"meeting": meeting, "recommendation": Recommendation.objects.get(meeting=meeting, key="I-i"),
            "activity": FollowUpActivity.objects.get(meeting=meeting, key="fu-1"), "plan": meeting.action_plan,
            "action": action, "adoption": adoption, "target": Target.objects.get(area__plan__meeting=meeting)}


def make_published_package(writer: User, reviewer: User, *, country: str = "CRI", language: str = "es") -> Any:
    from tenpoint.information import services as information

    package = information.create_package(Actor(writer), country=country, language=language, title="Sus derechos")
    information.edit_package(Actor(writer), package, title="Sus derechos", sections={
        topic: (topic, f"Texto de {topic}.") for topic in
        ("rights", "asylum", "report_abuse", "route_risks", "regular_options")})
    information.submit_for_review(Actor(writer), package)
    return information.review_package(Actor(reviewer), package, approve=True)
