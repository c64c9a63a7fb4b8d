from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from tenpoint.audit.services import Actor
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.linkage.selectors import registration_candidates


@login_required
def candidates(request: AuthenticatedRequest) -> HttpResponse:
    """The panel beside the registration form: people already registered who may be this one."""
    found = []
    if request.user.has_role_permission("registry.view_person"):
        found = registration_candidates(
            Actor(request.user),
            given_names=" ".join(request.GET.get(f, "") for f in ("given_name", "father_name", "grandfather_name")),
            family_names=" ".join(request.GET.get(f, "") for f in ("family_name", "second_family_name")),
            birth_date=request.GET.get("birth_date", ""), sex=request.GET.get("sex", ""),
            nationality=request.GET.get("nationality_declared", ""),
        )
    return render(request, "linkage/_candidates.html", {"candidates": found})
