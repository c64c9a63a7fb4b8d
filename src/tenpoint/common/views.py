from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tenpoint.common.types import AuthenticatedRequest


@login_required
def start(request: AuthenticatedRequest) -> HttpResponse:
    """Where each role starts: officers at the arrivals, others at what their role is for."""
    user = request.user
    if user.has_role_permission("registry.view_person"):
        return redirect("registry:home")
    if user.has_role_permission("followup.view"):
        return redirect("followup:home")
    if user.has_role_permission("information.manage"):
        return redirect("information:packages")
    return render(request, "tenpoint/start.html", {})
