"""Writes to the partners directory: organisations, offices, registration points."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.lib.countries import UnknownCountryCode, normalise_country_code
from tenpoint.partners.models import Office, Organisation, RegistrationPoint


def _require_manage(actor: Actor) -> None:
    # Setting up the partners of a new installation runs from the command line, as the system.
    require_permission(actor, "partners.manage", _("Your role does not allow managing partners."), allow_system=True)


def _country(value: str, *, required: bool) -> str:
    if not value and not required:
        return ""
    try:
        return normalise_country_code(value)
    except UnknownCountryCode as error:
        raise BusinessRuleViolation(str(error), field="country") from None


def create_organisation(actor: Actor, *, name: str, kind: str, acronym: str = "", country: str = "") -> Organisation:
    _require_manage(actor)
    if kind not in Organisation.Kind.values:
        raise BusinessRuleViolation(_("Unknown kind of organisation."), field="kind")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name.strip(), kind=kind, acronym=acronym.strip(), country=_country(country, required=False))
        record_event(actor, "organisation.created", object_type="organisation", object_uuid=organisation.uuid)
    return organisation


def create_office(actor: Actor, *, organisation: Organisation, name: str, country: str, city: str = "") -> Office:
    _require_manage(actor)
    with transaction.atomic():
        office = Office.objects.create(organisation=organisation, name=name.strip(),
                                       country=_country(country, required=True), city=city.strip())
        record_event(actor, "office.created", object_type="office", object_uuid=office.uuid)
    return office


def create_registration_point(actor: Actor, *, office: Office, name: str, kind: str, country: str = "",
                              **extra: Any) -> RegistrationPoint:
    _require_manage(actor)
    if kind not in RegistrationPoint.Kind.values:
        raise BusinessRuleViolation(_("Unknown kind of registration point."), field="kind")
    with transaction.atomic():
        point = RegistrationPoint.objects.create(
            office=office, name=name.strip(), kind=kind,
            country=_country(country or office.country, required=True), **extra)
        record_event(actor, "registration_point.created", object_type="registration_point", object_uuid=point.uuid)
    return point
