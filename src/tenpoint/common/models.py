from __future__ import annotations

import uuid

from django.db import models


class UUIDModel(models.Model):
    """Every record is addressed by a UUID in URLs and API payloads, never a sequential id."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True
