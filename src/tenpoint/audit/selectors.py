"""Reads of the audit log, for data-protection officers. Searching the log is itself audited."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor, record_event


@dataclass
class AuditSearch:
    actor: str = ""
    action: str = ""
    object_uuid: uuid.UUID | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def search_audit_log(actor: Actor, criteria: AuditSearch) -> QuerySet[AuditEvent]:
    if actor.user is None or not actor.user.has_role_permission("audit.view"):
        raise PermissionDenied(_("Only data-protection officers and administrators read the audit log."))
    events = AuditEvent.objects.all()
    if criteria.actor:
        events = events.filter(actor_label__iexact=criteria.actor)
    if criteria.action:
        events = events.filter(action__startswith=criteria.action)
    if criteria.object_uuid:
        # Events about the record, and those that showed it among others (a search's hits, a
        # page of a list, a review's cluster): who saw a person is the question asked most.
        events = events.filter(Q(object_uuid=criteria.object_uuid) | Q(details__icontains=str(criteria.object_uuid)))
    if criteria.since:
        events = events.filter(occurred_at__date__gte=criteria.since)
    if criteria.until:
        events = events.filter(occurred_at__date__lte=criteria.until)
    record_event(actor, "audit.searched", object_type="audit", details={
        k: str(v) for k, v in criteria.__dict__.items() if v})
    return events.order_by("-id")
