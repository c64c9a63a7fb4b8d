from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tenpoint.partners.models import RegistrationPoint


def registration_points_for(user: Any) -> QuerySet[RegistrationPoint]:
    """Points where the user registers: their organisation's, in their country."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return RegistrationPoint.objects.none()
    points = RegistrationPoint.objects.filter(office__organisation_id=user.organisation_id, is_active=True)
    if user.country:
        points = points.filter(country=user.country)
    return points.select_related("office")
