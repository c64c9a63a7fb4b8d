from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.accounts.roles import role_catalogue, role_choices


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="users", verbose_name=_("organisation"),
    )
    office = models.ForeignKey(
        "partners.Office", on_delete=models.PROTECT, null=True, blank=True,
        related_name="users", verbose_name=_("office"),
    )
    role = models.CharField(_("role"), max_length=64, choices=role_choices, default="registration_officer")
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    def has_role_permission(self, permission: str) -> bool:
        if not self.is_active:
            return False
        return permission in role_catalogue().get(self.role).permissions

    def may_see_sensitive(self, category: str) -> bool:
        return self.is_active and category in role_catalogue().get(self.role).sensitive_categories

    @property
    def country(self) -> str:
        """The country whose data the user works on: the office's, else the organisation's."""
        if self.office_id and self.office:
            return self.office.country
        if self.organisation_id and self.organisation:
            return self.organisation.country
        return ""


class SignInThrottle(models.Model):
    """Failed sign-ins per username (not per address: field offices share one address)."""

    username = models.CharField(max_length=150, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
