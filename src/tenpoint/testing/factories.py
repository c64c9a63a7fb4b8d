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
