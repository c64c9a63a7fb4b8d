"""The service directory and referrals: institutionalised as data, not phone numbers on a wall."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.models import UUIDModel


class ServiceKind(models.TextChoices):
    ASYLUM_AUTHORITY = "asylum_authority", _("Asylum authority")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    ANTI_TRAFFICKING_UNIT = "anti_trafficking_unit", _("Anti-trafficking unit")
    HEALTH = "health", _("Health")
    SHELTER = "shelter", _("Shelter")
    LEGAL_AID = "legal_aid", _("Legal aid")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    FAMILY_TRACING = "family_tracing", _("Family tracing")
    ASSISTED_VOLUNTARY_RETURN = "assisted_voluntary_return", _("Assisted voluntary return")
    CONSULAR = "consular", _("Consular assistance")


class Service(UUIDModel):
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=ServiceKind.choices)
    country = models.CharField(_("country"), max_length=3)
    location = models.CharField(_("where"), max_length=200, blank=True)
    for_whom = models.CharField(_("for whom"), max_length=300, blank=True)
    languages = models.JSONField(_("languages (ISO 639-3)"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("places or cases at a time"), null=True, blank=True)
    focal_point = models.CharField(_("focal point"), max_length=200, blank=True)
    focal_point_contact = models.CharField(_("focal point contact"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Referral(UUIDModel):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")
        REVOKED = "revoked", _("Revoked by a manager")
        NO_RESPONSE = "no_response", _("No response")

    class Urgency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediate")
        HIGH = "high", _("High")
        NORMAL = "normal", _("Normal")

    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    from_organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices)
    because_of = models.JSONField(_("confirmed flags it answers"), default=list)
    shared_field_groups = models.JSONField(_("data shared"), default=list)
    notes = models.TextField(_("what the service needs to know"), blank=True)
    consent = models.ForeignKey("dataprotection.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    consent_override = models.ForeignKey("dataprotection.ConsentOverride", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="+")
    share = models.ForeignKey("dataprotection.PersonShare", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SENT)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    due_at = models.DateTimeField(_("answer due"))
    closed_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(_("feedback from the service"), blank=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["status", "due_at"])]

    OPEN = (Status.SENT, Status.RECEIVED, Status.ACCEPTED)


class ReferralEvent(models.Model):
    """The history of a referral: every status change, who, when and why."""

    id = models.BigAutoField(primary_key=True)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=Referral.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
