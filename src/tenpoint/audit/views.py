from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tenpoint.audit.selectors import AuditSearch, search_audit_log
from tenpoint.audit.services import Actor, record_event, verify_chain
from tenpoint.common.types import AuthenticatedRequest


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("User"), required=False)
    action = forms.CharField(label=_("Action (or its beginning, e.g. person.)"), required=False)
    object_uuid = forms.UUIDField(label=_("Record (UUID)"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@login_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    criteria = AuditSearch(**form.cleaned_data) if form.is_valid() else AuditSearch()
    events = search_audit_log(Actor(request.user), criteria)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"form": form, "page": page})


@login_required
def verify(request: AuthenticatedRequest) -> HttpResponse:
    actor = Actor(request.user)
    search_audit_log(actor, AuditSearch())  # the permission check, and a trace of the look
    report = verify_chain()
    record_event(actor, "audit.verified", object_type="audit",
                 details={"intact": report.intact, "checked": report.checked})
    return render(request, "audit/verify.html", {"report": report})
