"""Information for migrants (point 10 of the Plan): packages per country and language, written and
reviewed by staff, published to a public page and a leaflet; and abuse reports from migrants."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.fields import EncryptedTextField
from tenpoint.common.models import UUIDModel

# Haitian Creole is a content language: packages are written in it although the staff pages are not.
CONTENT_LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français"), ("ar", "العربية"), ("ht", "Kreyòl ayisyen")]


class Topic(models.TextChoices):
    RIGHTS = "rights", _("Your rights")
    ASYLUM = "asylum", _("How to ask for asylum")
    REPORT_ABUSE = "report_abuse", _("How to report abuse")
    ROUTE_RISKS = "route_risks", _("Risks on the route")
    REGULAR_OPTIONS = "regular_options", _("Regular options")
    WHERE_TO_GET_HELP = "where_to_get_help", _("Where to get help")


class InformationPackage(UUIDModel):
    """The draft staff edit, and the last reviewed version the public sees (`published_content`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for review")
        PUBLISHED = "published", _("Published")

    country = models.CharField(_("country"), max_length=3)
    language = models.CharField(_("language"), max_length=5, choices=CONTENT_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    edited_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    published_content = models.JSONField(null=True, blank=True)
    published_version = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")

    class Meta:
        ordering = ["country", "language"]
        constraints = [models.UniqueConstraint(fields=["country", "language"], name="one_package_per_language")]

    def __str__(self) -> str:
        return f"{self.country}/{self.language}: {self.title}"


class PackageSection(UUIDModel):
    package = models.ForeignKey(InformationPackage, on_delete=models.CASCADE, related_name="sections")
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["package", "topic"], name="one_section_per_topic")]


class AbuseReportChannel(UUIDModel):
    """How abuse is reported in a country, and the service reports are routed to."""

    country = models.CharField(_("country"), max_length=3, unique=True)
    hotline = models.CharField(_("hotline number"), max_length=60, blank=True)
    hotline_hours = models.CharField(_("hotline hours"), max_length=120, blank=True)
    other_ways = models.TextField(_("other ways to report"), blank=True)
    service = models.ForeignKey("referrals.Service", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("service that receives the reports"))
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["country"]


class AbuseReport(UUIDModel):
    """What a migrant reported. No account, no IP address and no device details are kept; a way to
    reach the reporter is kept only if they ask to be contacted, encrypted like every free text here."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        REFERRED = "referred", _("Referred for investigation or assistance")
        CLOSED = "closed", _("Closed")

    class Victim(models.TextChoices):
        SELF = "self", _("Me")
        SOMEONE_ELSE = "someone_else", _("Someone else")
        GROUP = "group", _("A group of people")

    reference = models.CharField(max_length=12, unique=True)
    country = models.CharField(max_length=3)
    language = models.CharField(max_length=5)
    service = models.ForeignKey("referrals.Service", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    what_happened = EncryptedTextField()
    where_it_happened = EncryptedTextField(blank=True)
    when_it_happened = models.CharField(max_length=60, blank=True)
    who_was_harmed = models.CharField(max_length=16, choices=Victim.choices)
    child_involved = models.BooleanField(default=False)
    wants_contact = models.BooleanField(default=False)
    contact = EncryptedTextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_at"]


class AbuseReportUpdate(UUIDModel):
    report = models.ForeignKey(AbuseReport, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=16, choices=AbuseReport.Status.choices)
    note = EncryptedTextField(blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_at"]
