"""Referrals and transfers, with consent, minimal data, due dates by urgency and feedback.
Each write takes the acting user and is audited in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission as _require
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.text import listed
from tenpoint.dataprotection import services as dataprotection
from tenpoint.dataprotection.models import ConsentOverride, FieldGroup, PersonShare
from tenpoint.lib.countries import normalise_language_code
from tenpoint.referrals.models import Referral, ReferralEvent, Service, ServiceKind
from tenpoint.registry.references import unused_reference
from tenpoint.registry.services import transfer_responsibility
from tenpoint.screening.profiling import ruleset
from tenpoint.screening.selectors import confirmed_flags


def add_service(actor: Actor, *, organisation: Any, name: str, kind: str, country: str, **details: Any) -> Service:
    _require(actor, "referrals.manage_directory")
    if kind not in ServiceKind.values:
        raise BusinessRuleViolation(_("Unknown kind of service."), field="kind")
    languages = []
    for code in details.pop("languages", []) or []:
        try:
            languages.append(normalise_language_code(code))
        except ValueError as error:
            raise BusinessRuleViolation(str(error), field="languages") from None
    with transaction.atomic():
        service = Service.objects.create(organisation=organisation, name=name.strip(), kind=kind,
                                         country=country.upper(), languages=languages, **details)
        record_event(actor, "service.added", object_type="service", object_uuid=service.uuid)
    return service


def due_date(urgency: str, *, sent_at: dt.datetime) -> dt.datetime:
    return sent_at + dt.timedelta(days=ruleset().due_days[urgency])


def send_referral(actor: Actor, person: Any, *, service: Service, urgency: str, because_of: Sequence[str] = (),
                  field_groups: Sequence[str] = (), notes: str = "",
                  override: ConsentOverride | None = None) -> Referral:
    """Refer with the person's recorded consent (or an audited override), sharing only the field
    groups the service needs, for confirmed flags only."""
    _require(actor, "referrals.refer")
    if person.owner_organisation_id != actor.user.organisation_id:
        raise PermissionDenied(_("Only the organisation responsible for this person refers them."))
    if urgency not in Referral.Urgency.values:
        raise BusinessRuleViolation(_("Choose the urgency."), field="urgency")
    if not service.is_active:
        raise BusinessRuleViolation(_("This service is not active."), field="service")
    unconfirmed = sorted(set(because_of) - set(confirmed_flags(person)))
    if unconfirmed:
        raise BusinessRuleViolation(
            _("A referral can only rest on confirmed flags; not confirmed: %(flags)s.") % {"flags": listed(unconfirmed)},
            field="because_of")
    allowed_by = dataprotection.require_consent(person, "referral", recipient=service.organisation, override=override)
    groups = sorted({FieldGroup.IDENTITY.value, *field_groups})
    with transaction.atomic():
        now = timezone.now()
        share = None
        if service.organisation_id != person.owner_organisation_id:
            share = dataprotection.share_person(
                actor, person, organisation=service.organisation, basis=PersonShare.Basis.REFERRAL,
                field_groups=groups, basis_reference=f"referral to {service.name}", override=override)
        referral = Referral.objects.create(
            reference=unused_reference("R", Referral), person=person, service=service, from_organisation=actor.user.organisation,
            urgency=urgency, because_of=sorted(because_of), shared_field_groups=groups, notes=notes.strip(),
            consent=allowed_by if not isinstance(allowed_by, ConsentOverride) else None,
            consent_override=allowed_by if isinstance(allowed_by, ConsentOverride) else None,
            share=share, sent_by=actor.user, sent_at=now, due_at=due_date(urgency, sent_at=now))
        ReferralEvent.objects.create(referral=referral, status=Referral.Status.SENT, by=actor.user, at=now)
        record_event(actor, "referral.sent", object_type="person", object_uuid=person.uuid,
                     details={"referral": str(referral.uuid), "service": str(service.uuid), "urgency": urgency})
    return referral


_TRANSITIONS = {
    Referral.Status.RECEIVED: {Referral.Status.SENT},
    Referral.Status.ACCEPTED: {Referral.Status.SENT, Referral.Status.RECEIVED},
    Referral.Status.DECLINED: {Referral.Status.SENT, Referral.Status.RECEIVED},
    Referral.Status.COMPLETED: {Referral.Status.ACCEPTED},
}


def respond(actor: Actor, referral: Referral, *, status: str, note: str = "") -> Referral:
    """The receiving service: received, accepted, declined (with a reason), completed (with feedback)."""
    _require(actor, "referrals.respond")
    if referral.service.organisation_id != actor.user.organisation_id:
        raise PermissionDenied(_("Only the receiving organisation answers this referral."))
    allowed_from = _TRANSITIONS.get(Referral.Status(status)) if status in Referral.Status.values else None
    if allowed_from is None:
        raise BusinessRuleViolation(_("Unknown answer."), field="status")
    if referral.status not in allowed_from:
        raise BusinessRuleViolation(_("A referral that is %(current)s cannot become %(new)s.")
                                    % {"current": referral.get_status_display(), "new": Referral.Status(status).label})
    if status in (Referral.Status.DECLINED, Referral.Status.COMPLETED) and not note.strip():
        raise BusinessRuleViolation(_("Say why you decline, or give feedback on what was done."), field="note")
    return _change(actor, referral, status, note)


def revoke(actor: Actor, referral: Referral, *, reason: str) -> Referral:
    _require(actor, "referrals.supervise")
    if referral.from_organisation_id != actor.user.organisation_id:
        raise PermissionDenied(_("Only a manager of the referring organisation revokes a referral."))
    if referral.status not in Referral.OPEN:
        raise BusinessRuleViolation(_("Only an open referral can be revoked."))
    if not reason.strip():
        raise BusinessRuleViolation(_("Say why the referral is revoked."), field="reason")
    return _change(actor, referral, Referral.Status.REVOKED, reason)


def mark_no_response(actor: Actor, referral: Referral) -> Referral:
    _require(actor, "referrals.refer")
    if referral.from_organisation_id != actor.user.organisation_id:
        raise PermissionDenied(_("Only the referring organisation records that no answer came."))
    if referral.status != Referral.Status.SENT or referral.due_at > timezone.now():
        raise BusinessRuleViolation(_("Only an unanswered referral past its due date can be marked as without response."))
    return _change(actor, referral, Referral.Status.NO_RESPONSE, "")


def _change(actor: Actor, referral: Referral, status: str, note: str) -> Referral:
    with transaction.atomic():
        now = timezone.now()
        referral.status = status
        if status not in Referral.OPEN:
            referral.closed_at = now
        if status == Referral.Status.COMPLETED:
            referral.feedback = note.strip()
        referral.save(update_fields=["status", "closed_at", "feedback"])
        # A closed referral that did not help ends the sharing it opened.
        if status in (Referral.Status.DECLINED, Referral.Status.REVOKED, Referral.Status.NO_RESPONSE) and referral.share_id:
            PersonShare.objects.filter(uuid=referral.share_id, revoked_at__isnull=True).update(revoked_at=now)
        ReferralEvent.objects.create(referral=referral, status=status, by=actor.user, at=now, note=note.strip())
        record_event(actor, f"referral.{status}", object_type="person", object_uuid=referral.person_id,
                     details={"referral": str(referral.uuid)})
    return referral


def transfer_case(actor: Actor, person: Any, *, organisation: Any, reason: str,
                  override: ConsentOverride | None = None) -> Any:
    """Hand responsibility for the person to another agency, with consent for the transfer; the
    former owner keeps sight of the person through a share."""
    _require(actor, "referrals.refer")
    dataprotection.require_consent(person, "transfer", recipient=organisation, override=override)
    if not reason.strip():
        raise BusinessRuleViolation(_("Say why the case is transferred."), field="reason")
    with transaction.atomic():
        previous_owner = person.owner_organisation
        transferred = transfer_responsibility(actor, person, organisation, reason=reason)
        PersonShare.objects.create(person=transferred, organisation=previous_owner, basis=PersonShare.Basis.TRANSFER,
                                   basis_reference=reason.strip()[:200], field_groups=[FieldGroup.IDENTITY.value],
                                   granted_by=actor.user, granted_at=timezone.now())
    return transferred
