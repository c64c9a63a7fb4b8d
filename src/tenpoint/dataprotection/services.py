"""Writes of the data-protection layer. Each takes the acting user and is audited in the same
transaction. Actions that need consent call ``require_consent`` and refuse without it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyzipper
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.text import listed
from tenpoint.dataprotection.models import (
    Consent,
    ConsentOverride,
    ConsentPurpose,
    ErasureRecord,
    FieldGroup,
    PersonShare,
    SensitiveCategory,
    SensitiveNote,
)
from tenpoint.dataprotection.selectors import active_consent
from tenpoint.lib.countries import normalise_language_code
from tenpoint.lib.spreadsheet import safe_cell

MIN_PASSPHRASE_LENGTH = 12


class ConsentRequired(BusinessRuleViolation):
    pass


def _require(actor: Actor, permission: str, message: str) -> None:
    # Scheduled jobs (the retention schedule) act as the system itself.
    require_permission(actor, permission, message, allow_system=actor.channel == "system")


def _require_own(actor: Actor, person: Any) -> None:
    if person.owner_organisation_id != actor.user.organisation_id:
        raise PermissionDenied(_("Only the organisation responsible for this person can do this."))


# --- Consent ------------------------------------------------------------------------------------


def record_consent(actor: Actor, person: Any, *, purpose: str, decision: str, explained_by: str, language: str,
                   recipient: Any = None, interpreter: str = "", notes: str = "") -> Consent:
    _require(actor, "dataprotection.record_consent", _("Your role does not record consent."))
    errors: dict[str, str] = {}
    if purpose not in ConsentPurpose.values:
        errors["purpose"] = _("Unknown purpose of consent.")
    if decision not in Consent.Decision.values:
        errors["decision"] = _("Record whether consent was given or refused.")
    if not explained_by.strip():
        errors["explained_by"] = _("Say who explained what the consent means.")
    try:
        language = normalise_language_code(language)
    except ValueError:
        errors["language"] = _("Give the language of the explanation as an ISO 639-3 code (for example som, spa).")
    if errors:
        field, message = next(iter(errors.items()))
        raise BusinessRuleViolation(message, field=field)
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person, purpose=purpose, decision=decision, explained_by=explained_by.strip(), language=language,
            recipient=recipient, interpreter=interpreter.strip(), notes=notes.strip(),
            recorded_by=actor.user, recorded_at=timezone.now())
        record_event(actor, "consent.recorded", object_type="person", object_uuid=person.pk,
                     details={"purpose": purpose, "decision": decision, "consent": str(consent.uuid)})
    return consent


def withdraw_consent(actor: Actor, consent: Consent, *, reason: str) -> Consent:
    """Withdrawal also ends every share that rested on this consent."""
    _require(actor, "dataprotection.record_consent", _("Your role does not record consent."))
    if consent.withdrawn_at is not None:
        raise BusinessRuleViolation(_("This consent was already withdrawn."))
    with transaction.atomic():
        now = timezone.now()
        consent.withdrawn_at, consent.withdrawn_by, consent.withdrawal_reason = now, actor.user, reason.strip()
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        revoked = PersonShare.objects.filter(consent=consent, revoked_at__isnull=True).update(revoked_at=now)
        record_event(actor, "consent.withdrawn", object_type="person", object_uuid=consent.person_id,
                     details={"consent": str(consent.uuid), "shares_revoked": revoked})
    return consent


def override_consent(actor: Actor, person: Any, *, purpose: str, reason: str, recipient: Any = None) -> ConsentOverride:
    _require(actor, "dataprotection.override_consent",
             _("Only a role that holds the right can act without consent."))
    if len(reason.strip()) < 20:
        raise BusinessRuleViolation(_("Write the reason in full (at least a sentence): reviewers will read it."),
                                    field="reason")
    if purpose not in ConsentPurpose.values:
        raise BusinessRuleViolation(_("Unknown purpose of consent."), field="purpose")
    with transaction.atomic():
        override = ConsentOverride.objects.create(person=person, purpose=purpose, reason=reason.strip(),
                                                  overridden_by=actor.user, overridden_at=timezone.now(),
                                                  recipient=recipient)
        record_event(actor, "consent.overridden", object_type="person", object_uuid=person.pk,
                     details={"purpose": purpose, "reason": reason.strip(), "override": str(override.uuid)})
    return override


def require_consent(person: Any, purpose: str, *, recipient: Any = None,
                    override: ConsentOverride | None = None) -> Consent | ConsentOverride:
    """The consent (or the recorded override) that allows an action, or a refusal saying what is missing."""
    if override is not None:
        if override.person_id != person.pk or override.purpose != purpose:
            raise ConsentRequired(_("That override was recorded for another person or purpose."))
        return override
    consent = active_consent(person, purpose, recipient.pk if recipient is not None else None)
    if consent is None:
        raise ConsentRequired(
            _("No consent is recorded for this (%(purpose)s). Record the person's consent first.")
            % {"purpose": ConsentPurpose(purpose).label}, field="consent")
    return consent


# --- Sharing ------------------------------------------------------------------------------------

_PURPOSE_OF_BASIS = {
    PersonShare.Basis.REFERRAL: ConsentPurpose.REFERRAL,
    PersonShare.Basis.TRANSFER: ConsentPurpose.TRANSFER,
    PersonShare.Basis.AGREEMENT: ConsentPurpose.DATA_SHARING,
}


def share_person(actor: Actor, person: Any, *, organisation: Any, basis: str, field_groups: Sequence[str],
                 basis_reference: str = "", expires_at: dt.datetime | None = None,
                 override: ConsentOverride | None = None) -> PersonShare:
    _require(actor, "dataprotection.share", _("Your role does not share people with other organisations."))
    _require_own(actor, person)
    if basis not in PersonShare.Basis.values:
        raise BusinessRuleViolation(_("Unknown basis for sharing."), field="basis")
    unknown = [g for g in field_groups if g not in FieldGroup.values]
    if unknown:
        raise BusinessRuleViolation(_("Unknown kind of data: %(groups)s.") % {"groups": listed(unknown)},
                                    field="field_groups")
    if organisation.pk == person.owner_organisation_id:
        raise BusinessRuleViolation(_("The person is already this organisation's."), field="organisation")
    allowed_by = require_consent(person, _PURPOSE_OF_BASIS[PersonShare.Basis(basis)], recipient=organisation,
                                 override=override)
    groups = sorted({FieldGroup.IDENTITY.value, *field_groups})
    with transaction.atomic():
        share = PersonShare.objects.create(
            person=person, organisation=organisation, basis=basis, basis_reference=basis_reference.strip(),
            field_groups=groups, granted_by=actor.user, granted_at=timezone.now(), expires_at=expires_at,
            consent=allowed_by if isinstance(allowed_by, Consent) else None,
            override=allowed_by if isinstance(allowed_by, ConsentOverride) else None)
        record_event(actor, "person.shared", object_type="person", object_uuid=person.pk,
                     details={"organisation": str(organisation.pk), "basis": basis, "field_groups": groups})
    return share


def revoke_share(actor: Actor, share: PersonShare, *, reason: str) -> PersonShare:
    _require(actor, "dataprotection.share", _("Your role does not manage sharing."))
    _require_own(actor, share.person)
    with transaction.atomic():
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        record_event(actor, "person.share_revoked", object_type="person", object_uuid=share.person_id,
                     details={"share": str(share.uuid), "reason": reason.strip()})
    return share


# --- Sensitive categories ----------------------------------------------------------------------


def record_sensitive_note(actor: Actor, person: Any, *, category: str, content: str) -> SensitiveNote:
    _require(actor, "dataprotection.record_sensitive", _("Your role does not record sensitive details."))
    if category not in SensitiveCategory.values:
        raise BusinessRuleViolation(_("Unknown sensitive category."), field="category")
    if not actor.user.may_see_sensitive(category):
        raise PermissionDenied(_("Your role does not handle this sensitive category."))
    if not content.strip():
        raise BusinessRuleViolation(_("Write the details."), field="content")
    with transaction.atomic():
        note = SensitiveNote.objects.create(person=person, category=category, content=content.strip(),
                                            recorded_by=actor.user, recorded_at=timezone.now())
        # The content itself never enters the audit log: only that a note of a category exists.
        record_event(actor, "sensitive.recorded", object_type="person", object_uuid=person.pk,
                     details={"category": category})
    return note


# --- Exports and a person's rights ---------------------------------------------------------------


def _check_export(actor: Actor, purpose: str, passphrase: str) -> None:
    _require(actor, "dataprotection.export_personal_data", _("Your role does not export personal data."))
    if len(purpose.strip()) < 10:
        raise BusinessRuleViolation(_("State the purpose of the export (at least a short sentence)."),
                                    field="purpose")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise BusinessRuleViolation(
            _("Choose a passphrase of at least %(n)s characters to protect the archive.") % {"n": MIN_PASSPHRASE_LENGTH},
            field="passphrase")


def _encrypted_zip(files: dict[str, bytes], passphrase: str) -> bytes:
    """AES-256 zip (WinZip AE-2): opens in 7-Zip, WinZip and most archive tools with the passphrase."""
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(passphrase.encode("utf-8"))
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


EXPORT_COLUMNS = (
    "reference", "given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
    "name_in_original_script", "sex", "birth_date", "birth_date_precision", "nationality_declared",
    "nationality_declared_status", "nationality_assessed", "nationality_assessed_status", "languages",
    "interpreter_language", "country", "registered_at",
)


def export_people(actor: Actor, people: Iterable[Any], *, purpose: str, passphrase: str) -> bytes:
    """A list of people as an encrypted CSV archive: ordinary fields only, never sensitive
    categories, spreadsheet-safe cells, the purpose audited."""
    _check_export(actor, purpose, passphrase)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(EXPORT_COLUMNS)
    uuids = []
    for person in people:
        uuids.append(str(person.pk))
        row = []
        for column in EXPORT_COLUMNS:
            value = getattr(person, column)
            row.append(safe_cell(";".join(value) if isinstance(value, list) else value))
        writer.writerow(row)
    record_event(actor, "people.exported", object_type="person", purpose=purpose.strip(),
                 details={"count": len(uuids), "people": uuids})
    return _encrypted_zip({"people.csv": ("\ufeff" + text.getvalue()).encode("utf-8")}, passphrase)


def export_person_record(actor: Actor, person: Any, *, purpose: str, passphrase: str,
                         registry_record: dict[str, Any]) -> bytes:
    """Everything held on one person (an access request): the registry's record as the registry
    gives it, plus consents, shares, overrides and sensitive notes."""
    _require(actor, "dataprotection.handle_requests", _("Only a data-protection officer answers access requests."))
    _check_export(actor, purpose, passphrase)
    record = {
        **registry_record,
        "consents": [
            {"purpose": c.purpose, "decision": c.decision, "explained_by": c.explained_by, "language": c.language,
             "recorded_at": c.recorded_at.isoformat(), "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None}
            for c in Consent.objects.filter(person=person)],
        "consent_overrides": [
            {"purpose": o.purpose, "reason": o.reason, "at": o.overridden_at.isoformat()}
            for o in ConsentOverride.objects.filter(person=person)],
        "shared_with": [
            {"organisation": str(s.organisation), "basis": s.basis, "field_groups": s.field_groups,
             "granted_at": s.granted_at.isoformat(), "revoked_at": s.revoked_at.isoformat() if s.revoked_at else None}
            for s in PersonShare.objects.filter(person=person).select_related("organisation")],
        "sensitive_notes": [
            {"category": n.category, "details": n.content, "recorded_at": n.recorded_at.isoformat()}
            for n in SensitiveNote.objects.filter(person=person)],
    }
    record_event(actor, "person.access_request_exported", object_type="person", object_uuid=person.pk,
                 purpose=purpose.strip())
    content = json.dumps(record, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    return _encrypted_zip({"record.json": content}, passphrase)


def erase_data_protection_records(actor: Actor, person: Any, *, reason: str) -> ErasureRecord:
    """This app's part of an erasure: sensitive notes and share details go; consent decisions stay
    as counts without free text; an erasure record remains."""
    _require(actor, "dataprotection.handle_requests", _("Only a data-protection officer erases records."))
    SensitiveNote.objects.filter(person=person).delete()
    PersonShare.objects.filter(person=person, revoked_at__isnull=True).update(revoked_at=timezone.now())
    Consent.objects.filter(person=person).update(explained_by="", interpreter="", notes="", withdrawal_reason="")
    ConsentOverride.objects.filter(person=person).update(reason=_("(erased)"))
    return ErasureRecord.objects.create(person_uuid=person.pk, erased_at=timezone.now(), erased_by=actor.user,
                                        reason=reason.strip()[:300])


def erase_person(actor: Actor, person: Any, *, reason: str) -> ErasureRecord:
    """A person's erasure (on request or on the retention schedule), leaving statistics intact."""
    from tenpoint.registry.services import anonymise_person

    _require(actor, "dataprotection.handle_requests", _("Only a data-protection officer erases records."))
    if ErasureRecord.objects.filter(person_uuid=person.pk).exists():
        raise BusinessRuleViolation(_("This person's record was already erased."))
    with transaction.atomic():
        anonymise_person(actor, person, reason=reason)
        return erase_data_protection_records(actor, person, reason=reason)
