"""Consent, sharing, sensitive notes, exports and a person's rights. Views only translate HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenpoint.accounts.roles import role_catalogue
from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.dataprotection import selectors, services
from tenpoint.dataprotection.forms import (
    ConsentForm,
    ErasureForm,
    ExportForm,
    OverrideForm,
    SensitiveNoteForm,
    ShareForm,
    WithdrawConsentForm,
)
from tenpoint.dataprotection.models import Consent, PersonShare
from tenpoint.registry.selectors import PersonSearch, get_person, people_visible_to, person_record, search_people


def _zip_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def person_protection(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    """Consent, sharing, overrides and the sensitive notes this role may see, for one person."""
    actor = Actor(request.user)
    person = get_person(actor, person_uuid, purpose="data protection")
    own = person.owner_organisation_id == request.user.organisation_id
    categories = sorted(role_catalogue().get(request.user.role).sensitive_categories)
    forms = {
        "consent": ConsentForm(prefix="consent"),
        "withdraw": WithdrawConsentForm(prefix="withdraw"),
        "override": OverrideForm(prefix="override"),
        "share": ShareForm(prefix="share"),
        "note": SensitiveNoteForm(prefix="note", categories=categories),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = forms.get(action)
        if form is None:
            raise PermissionDenied(_("Unknown action."))
        extra: dict[str, Any] = {"categories": categories} if action == "note" else {}
        bound = type(form)(request.POST, prefix=action, **extra)
        forms[action] = bound
        if bound.is_valid():
            try:
                _perform(actor, person, action, bound.cleaned_data)
            except BusinessRuleViolation as error:
                bound.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("dataprotection:person", person_uuid=person.uuid)
    return render(request, "dataprotection/person.html", {
        "person": person,
        "own": own,
        "consents": selectors.consents_of(person) if own else [],
        "overrides": selectors.overrides_of(person) if own else [],
        "shares": PersonShare.objects.filter(person=person).select_related("organisation") if own else [],
        "notes": selectors.sensitive_notes(actor, person),
        "can": {p.split(".")[1]: request.user.has_role_permission(p) for p in (
            "dataprotection.record_consent", "dataprotection.override_consent", "dataprotection.share",
            "dataprotection.record_sensitive", "dataprotection.handle_requests")},
        "categories": categories,
        "forms": forms,
    })


def _perform(actor: Actor, person: Any, action: str, data: dict[str, Any]) -> None:
    if action == "consent":
        services.record_consent(actor, person, **data)
    elif action == "withdraw":
        consent = Consent.objects.filter(person=person, uuid=data["consent"]).first()
        if consent is None:
            raise BusinessRuleViolation(_("No such consent."))
        services.withdraw_consent(actor, consent, reason=data["reason"])
    elif action == "override":
        services.override_consent(actor, person, **data)
    elif action == "share":
        expires = data.pop("expires_on")
        services.share_person(actor, person, **data, expires_at=(
            dt.datetime.combine(expires, dt.time.max, tzinfo=dt.UTC) if expires else None))
    elif action == "note":
        services.record_sensitive_note(actor, person, **data)


@login_required
@require_POST
def revoke_share(request: AuthenticatedRequest, person_uuid: str, share_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    person = get_person(actor, person_uuid, purpose="data protection")
    share = PersonShare.objects.filter(person=person, uuid=share_uuid).first()
    if share is None:
        raise Http404(_("No such share."))
    services.revoke_share(actor, share, reason=request.POST.get("reason", ""))
    messages.success(request, _("Sharing ended."))
    return redirect("dataprotection:person", person_uuid=person.uuid)


@login_required
def export_people(request: AuthenticatedRequest) -> HttpResponse:
    """The people matching a search (or all the user may see), as an encrypted, audited archive."""
    actor = Actor(request.user)
    if not request.user.has_role_permission("dataprotection.export_personal_data"):
        raise PermissionDenied(_("Your role does not export personal data."))
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = request.POST.get("name", "").strip()
        people = ([hit.person for hit in search_people(actor, PersonSearch(name=name, limit=10000), purpose="export")]
                  if name else people_visible_to(request.user).order_by("registered_at"))
        try:
            archive = services.export_people(actor, people, **form.cleaned_data)
        except BusinessRuleViolation as error:
            form.add_error(None, str(error))
        else:
            return _zip_response(archive, f"tenpoint-people-{timezone.now():%Y%m%d-%H%M}.zip")
    return render(request, "dataprotection/export.html", {"form": form, "name": request.GET.get("name", "")})


@login_required
def access_request(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    if not request.user.has_role_permission("dataprotection.handle_requests"):
        raise PermissionDenied(_("Only a data-protection officer answers access requests."))
    person = get_person(actor, person_uuid, purpose="access request")
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            archive = services.export_person_record(actor, person, registry_record=person_record(person),
                                                    **form.cleaned_data)
        except BusinessRuleViolation as error:
            form.add_error(None, str(error))
        else:
            return _zip_response(archive, f"tenpoint-access-request-{person.reference}.zip")
    return render(request, "dataprotection/access_request.html", {"form": form, "person": person})


@login_required
def erase(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    if not request.user.has_role_permission("dataprotection.handle_requests"):
        raise PermissionDenied(_("Only a data-protection officer erases records."))
    person = get_person(actor, person_uuid, purpose="erasure")
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_person(actor, person, reason=form.cleaned_data["reason"])
        except BusinessRuleViolation as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person's identifying data was erased; statistics are kept."))
            return redirect("dataprotection:person", person_uuid=person.uuid)
    return render(request, "dataprotection/erase.html", {"form": form, "person": person})
