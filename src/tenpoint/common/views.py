from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where each role starts: officers at the arrivals, others at what their role is for."""
    user = request.user
    if user.has_role_permission("registry.view_person"):
        return redirect("registry:home")
    return render(request, "tenpoint/start.html", {})
