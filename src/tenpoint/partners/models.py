from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.models import UUIDModel


class Organisation(UUIDModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government authority")
        UNHCR = "unhcr", _("UNHCR")
        IOM = "iom", _("IOM")
        NGO = "ngo", _("Non-governmental organisation")
        RED_CROSS = "red_cross", _("Red Cross / Red Crescent")
        UN_AGENCY = "un_agency", _("Other UN agency")
        REGIONAL_BODY = "regional_body", _("Regional body or secretariat")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # Empty for international organisations, whose offices carry the country.
    country = models.CharField(_("country"), max_length=3, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.acronym or self.name


class Office(UUIDModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="offices")
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=3)
    city = models.CharField(_("city"), max_length=120, blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_office_name")]
        verbose_name = _("office")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.name}"


class RegistrationPoint(UUIDModel):
    class Kind(models.TextChoices):
        LAND_BORDER = "land_border", _("Land border crossing")
        COAST_LANDING = "coast_landing_site", _("Coast landing site")
        AIRPORT = "airport", _("Airport")
        RECEPTION_CENTRE = "reception_centre", _("Reception centre")
        DETENTION_FACILITY = "detention_facility", _("Detention facility")
        MOBILE_UNIT = "mobile_unit", _("Mobile unit (inland apprehension)")

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="registration_points")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=3)
    location = models.CharField(_("location"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="unique_point_name")]
        verbose_name = _("registration point")

    def __str__(self) -> str:
        return self.name
