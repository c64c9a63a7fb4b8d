"""Recording and verifying the audit log. Every service that writes or reads personal data
calls ``record_event`` inside its own transaction, so the change and its trace land together."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenpoint.audit.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
PURPOSE_LENGTH: int = AuditEvent._meta.get_field("purpose").max_length  # type: ignore[assignment]


def fitted_purpose(purpose: str) -> str:
    """A stated purpose as the log holds it: a purpose longer than the column (one a link or a client
    supplied) is cut, with a mark, rather than failing the read it explains on PostgreSQL."""
    return purpose if len(purpose) <= PURPOSE_LENGTH else purpose[: PURPOSE_LENGTH - 1] + "…"


@dataclass(frozen=True)
class Actor:
    """Who acts and through which channel; built by views, API views and commands."""

    user: Any  # accounts.User or None for the system itself
    channel: str = "web"

    @property
    def label(self) -> str:
        if self.user is None:
            return "system"
        return str(self.user.get_username())


def _canonical(event: AuditEvent) -> bytes:
    payload = {
        "occurred_at": event.occurred_at.isoformat(),
        "actor": str(event.actor_id or ""),
        "actor_label": event.actor_label,
        "channel": event.channel,
        "action": event.action,
        "object_type": event.object_type,
        "object_uuid": str(event.object_uuid or ""),
        "purpose": event.purpose,
        "details": event.details,
        "previous_hash": event.previous_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def record_event(
    actor: Actor,
    action: str,
    *,
    object_type: str,
    object_uuid: uuid.UUID | None = None,
    purpose: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_hash": GENESIS_HASH}
        )
        event = AuditEvent(
            # Microsecond precision survives both SQLite and PostgreSQL, so the hash re-computes.
            occurred_at=timezone.now(),
            actor=actor.user,
            actor_label=actor.label,
            channel=actor.channel,
            action=action,
            object_type=object_type,
            object_uuid=object_uuid,
            purpose=fitted_purpose(purpose),
            details=json.loads(json.dumps(details or {}, default=str)),
            previous_hash=head.last_hash,
        )
        event.hash = compute_hash(event)
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
        return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def verify_chain(events: Iterable[AuditEvent] | None = None) -> ChainReport:
    """Walk the chain in order; report the first row whose hash or link does not hold."""
    rows = events if events is not None else AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
    expected_previous = GENESIS_HASH
    checked = 0
    last_id = 0
    for event in rows:
        if event.previous_hash != expected_previous:
            return ChainReport(checked, event.id, "its link to the previous row does not match")
        if compute_hash(event) != event.hash:
            return ChainReport(checked, event.id, "its content does not match its hash")
        expected_previous = event.hash
        checked += 1
        last_id = event.id
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and head.last_hash != expected_previous:
        return ChainReport(checked, last_id + 1, "rows after the last intact one were removed")
    return ChainReport(checked, None)
