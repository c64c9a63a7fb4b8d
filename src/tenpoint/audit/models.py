from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Append-only and hash-chained: each row's hash covers its content and the previous hash,
    so changing or deleting any row breaks every hash after it."""

    # Sequential on purpose: the chain order. Never exposed in URLs or the API.
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("who"), max_length=150)
    channel = models.CharField(_("channel"), max_length=16)  # web, api, cli, system
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64)
    object_uuid = models.UUIDField(_("object"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class AuditChainHead(models.Model):
    """One row, locked while an event is appended, so concurrent writers extend one chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
