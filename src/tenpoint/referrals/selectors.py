from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.referrals.models import Referral, Service


def service_directory(country: str = "", kind: str = "") -> QuerySet[Service]:
    services = Service.objects.filter(is_active=True).select_related("organisation")
    if country:
        services = services.filter(country=country)
    if kind:
        services = services.filter(kind=kind)
    return services


def referrals_visible_to(user: Any) -> QuerySet[Referral]:
    """Sent by the user's organisation, or addressed to one of its services."""
    if user is None or not user.is_authenticated or not user.organisation_id:
        return Referral.objects.none()
    if not (user.has_role_permission("referrals.refer") or user.has_role_permission("referrals.respond")
            or user.has_role_permission("referrals.supervise")):
        return Referral.objects.none()
    return Referral.objects.filter(Q(from_organisation_id=user.organisation_id)
                                   | Q(service__organisation_id=user.organisation_id)).select_related(
        "person", "service", "service__organisation")


def get_referral(user: Any, referral_uuid: Any) -> Referral:
    try:
        return referrals_visible_to(user).get(uuid=referral_uuid)
    except (Referral.DoesNotExist, ValueError):
        raise Http404(_("No such referral, or not visible to you.")) from None


def overdue_referrals(user: Any) -> QuerySet[Referral]:
    """Open referrals of the user's organisation past their due date, most overdue first."""
    return referrals_visible_to(user).filter(
        from_organisation_id=user.organisation_id, status__in=Referral.OPEN, due_at__lt=timezone.now()
    ).order_by("due_at")
