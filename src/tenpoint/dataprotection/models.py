"""Consent, sharing, sensitive categories and data-subject requests: the data-protection layer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.fields import EncryptedTextField
from tenpoint.common.models import UUIDModel


class ConsentPurpose(models.TextChoices):
    REFERRAL = "referral", _("Referral to a service")
    TRANSFER = "transfer", _("Transfer of the case to another organisation")
    DATA_SHARING = "data_sharing", _("Sharing of data with a partner")
    PHOTO = "photo", _("Taking and keeping a photo")


class Consent(UUIDModel):
    class Decision(models.TextChoices):
        GIVEN = "given", _("Consent given")
        REFUSED = "refused", _("Consent refused")

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    # Who explained what the consent means, and in which language (ISO 639-3).
    explained_by = models.CharField(_("explained by"), max_length=200)
    language = models.CharField(_("language of the explanation"), max_length=3)
    interpreter = models.CharField(_("interpreter"), max_length=200, blank=True)
    recipient = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("to whom"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["person", "purpose"])]


class ConsentOverride(UUIDModel):
    """Acting without consent (urgent child protection, for example): only a role that holds the
    right, with the reason stored on the record and shown to every reviewer."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="consent_overrides")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    reason = models.TextField(_("reason"))
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    overridden_at = models.DateTimeField()
    recipient = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")


class FieldGroup(models.TextChoices):
    """What a share covers. Identity is always included: a recipient must know who it is about."""

    IDENTITY = "identity", _("Names, sex, date of birth, nationality")
    CONTACT = "contact", _("Phone and contact")
    DOCUMENTS = "documents", _("Identity documents")
    PROTECTION = "protection", _("Fear of return and protection notes")


class PersonShare(UUIDModel):
    """A recorded reason for another organisation to see a person: a referral, a transfer or an
    agreement. Without one, a person is visible only inside the organisation that registered them."""

    class Basis(models.TextChoices):
        REFERRAL = "referral", _("Referral")
        TRANSFER = "transfer", _("Transfer")
        AGREEMENT = "agreement", _("Data-sharing agreement")

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="shares")
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    basis_reference = models.CharField(_("reference of the referral or agreement"), max_length=200, blank=True)
    field_groups = models.JSONField(_("what is shared"), default=list)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="shares")
    override = models.ForeignKey(ConsentOverride, on_delete=models.PROTECT, null=True, blank=True, related_name="shares")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "revoked_at"])]


class SensitiveCategory(models.TextChoices):
    SGBV = "sgbv", _("Sexual and gender-based violence")
    TRAFFICKING = "trafficking", _("Trafficking")
    HEALTH = "health", _("Health")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation and gender identity")
    CRIMINAL_HISTORY = "criminal_history", _("Criminal history")


class SensitiveNote(UUIDModel):
    """Details of a sensitive category, encrypted at rest and visible only to the roles that need
    them (roles.yaml `sensitive_categories`); never part of lists, exports or search results of others."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="sensitive_notes")
    category = models.CharField(_("category"), max_length=24, choices=SensitiveCategory.choices)
    content = EncryptedTextField(_("details"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at"]


class ErasureRecord(UUIDModel):
    """What remains of an erased person: enough for statistics and for the audit trail, nothing
    that identifies them."""

    person_uuid = models.UUIDField(unique=True)
    erased_at = models.DateTimeField()
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.CharField(max_length=300)
