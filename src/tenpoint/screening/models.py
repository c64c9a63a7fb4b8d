"""Profiling interviews, the questionnaire versions they used, and the flags they suggested."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.models import UUIDModel


class Questionnaire(UUIDModel):
    """One version of an XLSForm. Agencies load their own; every interview records which it used."""

    form_id = models.CharField(_("form id"), max_length=100)
    version = models.CharField(_("version"), max_length=50)
    title = models.CharField(_("title"), max_length=200)
    xlsform = models.BinaryField(_("XLSForm file"))
    filename = models.CharField(max_length=200)
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("agency (empty: the regional form)"))
    is_active = models.BooleanField(_("in use"), default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["form_id", "-uploaded_at"]
        constraints = [models.UniqueConstraint(fields=["form_id", "version"], name="unique_form_version")]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Screening(UUIDModel):
    class Source(models.TextChoices):
        WEB = "web", _("Interview in Tenpoint")
        KOBO = "kobo", _("Imported from KoBoToolbox / ODK")
        API = "api", _("API")

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="screenings")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="screenings")
    answers = models.JSONField(_("answers"))
    facts = models.JSONField(_("registration facts used"), default=dict)
    ruleset_version = models.CharField(max_length=50)
    language = models.CharField(_("language of the interview"), max_length=8, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at"]


class FlagSuggestion(UUIDModel):
    """A flag the rules suggest, with why; a named person confirms or dismisses it."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested, not yet reviewed")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="suggestions")
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="flag_suggestions")
    flag = models.CharField(_("flag"), max_length=64)
    rule_id = models.CharField(_("rule"), max_length=32)
    also_triggered_by = models.JSONField(default=list)
    ruleset_version = models.CharField(max_length=50)
    evidence = models.JSONField(_("answers that triggered it"))
    explanation = models.TextField()
    guidance = models.TextField()
    sensitive_category = models.CharField(max_length=24, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUGGESTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["status", "flag"]
        indexes = [models.Index(fields=["person", "status"])]
