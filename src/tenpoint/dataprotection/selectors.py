"""Reads for the data-protection layer: who may see whom, which fields, which sensitive notes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.audit.services import Actor, record_event
from tenpoint.dataprotection.models import (
    Consent,
    ConsentOverride,
    FieldGroup,
    PersonShare,
    SensitiveNote,
)

ALL_FIELD_GROUPS = frozenset(FieldGroup.values)

# Person fields hidden when a share does not cover their group.
FIELDS_BY_GROUP: dict[str, tuple[str, ...]] = {
    FieldGroup.CONTACT: ("phone", "contact_notes"),
    FieldGroup.PROTECTION: ("fear_of_return", "fear_of_return_notes"),
    FieldGroup.DOCUMENTS: (),  # documents are a separate table, filtered by the registry selector
}


def active_shares(organisation_id: Any) -> QuerySet[PersonShare]:
    now = timezone.now()
    return PersonShare.objects.filter(organisation_id=organisation_id, revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def shared_with_organisation(organisation_id: Any) -> QuerySet[PersonShare]:
    """The people another organisation shared with this one, by a recorded referral, transfer or agreement."""
    return active_shares(organisation_id).values("person_id")  # type: ignore[return-value]


def visible_field_groups(user: Any, person: Any) -> frozenset[str]:
    if person.owner_organisation_id == user.organisation_id:
        return ALL_FIELD_GROUPS
    groups = {FieldGroup.IDENTITY.value}
    for share in active_shares(user.organisation_id).filter(person_id=person.pk):
        groups.update(share.field_groups)
    return frozenset(groups)


def mask_person(person: Any, groups: frozenset[str]) -> Any:
    """Blank, on this in-memory instance only, the fields no share covers. The instance is marked
    so that no service saves it back."""
    hidden = ALL_FIELD_GROUPS - groups
    for group in hidden:
        for field_name in FIELDS_BY_GROUP.get(group, ()):
            setattr(person, field_name, "")
    person.visible_field_groups = groups
    person.is_masked = bool(hidden)
    return person


def active_consent(person: Any, purpose: str, recipient_id: Any = None) -> Consent | None:
    consents = Consent.objects.filter(person=person, purpose=purpose, withdrawn_at__isnull=True)
    if recipient_id is not None:
        consents = consents.filter(Q(recipient_id=recipient_id) | Q(recipient__isnull=True))
    latest = consents.order_by("-recorded_at").first()
    # The latest decision counts: a refusal after a consent means no.
    return latest if latest is not None and latest.decision == Consent.Decision.GIVEN else None


def consents_of(person: Any) -> QuerySet[Consent]:
    return Consent.objects.filter(person=person).select_related("recipient")


def overrides_of(person: Any) -> QuerySet[ConsentOverride]:
    return ConsentOverride.objects.filter(person=person).select_related("overridden_by", "recipient")


def sensitive_notes(actor: Actor, person: Any, *, purpose: str = "case work") -> list[SensitiveNote]:
    """Only the categories the user's role lists; each read is audited."""
    user = actor.user
    if user is None:
        raise PermissionDenied(_("Sign in first."))
    notes = [n for n in SensitiveNote.objects.filter(person=person) if user.may_see_sensitive(n.category)]
    if notes:
        record_event(actor, "sensitive.viewed", object_type="person", object_uuid=person.pk, purpose=purpose,
                     details={"categories": sorted({n.category for n in notes})})
    return notes
