from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.dataprotection.models import FieldGroup
from tenpoint.dataprotection.selectors import active_consent
from tenpoint.partners.models import Organisation
from tenpoint.referrals import selectors, services
from tenpoint.referrals.models import Referral, Service, ServiceKind
from tenpoint.registry.selectors import get_person
from tenpoint.screening.selectors import confirmed_flags


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(label=gettext_lazy("Service"), queryset=Service.objects.none(), to_field_name="uuid")
    urgency = forms.ChoiceField(label=gettext_lazy("Urgency"), choices=Referral.Urgency.choices)
    because_of = forms.MultipleChoiceField(label=gettext_lazy("Confirmed flags it answers"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    field_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Data the service needs besides identity"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(v, label) for v, label in FieldGroup.choices if v != FieldGroup.IDENTITY])
    notes = forms.CharField(label=gettext_lazy("What the service needs to know"), widget=forms.Textarea, required=False)


@login_required
def new_referral(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    person = get_person(actor, person_uuid, purpose="referral")
    kind = request.GET.get("kind", "")
    flags = confirmed_flags(person)
    form = ReferralForm(request.POST or None, initial={
        "urgency": request.GET.get("urgency", "normal"),
        "because_of": [f for f in request.GET.get("flags", "").split(",") if f]})
    form.fields["service"].queryset = selectors.service_directory(person.country, kind)  # type: ignore[attr-defined]
    form.fields["because_of"].choices = [(f, f) for f in flags]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.send_referral(actor, person, service=data["service"], urgency=data["urgency"],
                                              because_of=data["because_of"], field_groups=data["field_groups"],
                                              notes=data["notes"])
        except BusinessRuleViolation as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Referral sent."))
            return redirect("referrals:detail", referral_uuid=referral.uuid)
    consent = active_consent(person, "referral")
    return render(request, "referrals/new.html", {"person": person, "form": form, "consent": consent, "kind": kind})


class ResponseForm(forms.Form):
    status = forms.ChoiceField(choices=Referral.Status.choices)
    note = forms.CharField(required=False, widget=forms.Textarea)


@login_required
def detail(request: AuthenticatedRequest, referral_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    referral = selectors.get_referral(request.user, referral_uuid)
    user = request.user
    receiving = referral.service.organisation_id == user.organisation_id
    referring = referral.from_organisation_id == user.organisation_id
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if form.is_valid():
            status, note = form.cleaned_data["status"], form.cleaned_data["note"]
            try:
                if status == Referral.Status.REVOKED:
                    services.revoke(actor, referral, reason=note)
                elif status == Referral.Status.NO_RESPONSE:
                    services.mark_no_response(actor, referral)
                else:
                    services.respond(actor, referral, status=status, note=note)
            except BusinessRuleViolation as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Saved."))
            return redirect("referrals:detail", referral_uuid=referral.uuid)
    return render(request, "referrals/detail.html", {
        "referral": referral, "events": referral.events.select_related("by"),
        "receiving": receiving and user.has_role_permission("referrals.respond"),
        "can_revoke": referring and user.has_role_permission("referrals.supervise"),
        "referring": referring,
    })


@login_required
def referral_list(request: AuthenticatedRequest) -> HttpResponse:
    referrals = selectors.referrals_visible_to(request.user)
    organisation = request.user.organisation
    return render(request, "referrals/list.html", {
        "outgoing": referrals.filter(from_organisation=organisation)[:200],
        "incoming": referrals.filter(service__organisation=organisation)[:200],
    })


@login_required
def overdue(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "referrals/overdue.html", {"referrals": selectors.overdue_referrals(request.user)})


class ServiceForm(forms.ModelForm):
    languages_text = forms.CharField(label=gettext_lazy("Languages (ISO 639-3, comma separated)"), required=False)

    class Meta:
        model = Service
        fields = ["name", "kind", "country", "location", "for_whom", "capacity", "focal_point", "focal_point_contact"]


@login_required
def directory(request: AuthenticatedRequest) -> HttpResponse:
    actor = Actor(request.user)
    form = ServiceForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_role_permission("referrals.manage_directory"):
            raise PermissionDenied(_("Your role does not manage the service directory."))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "languages_text"}
            languages = [c.strip() for c in form.cleaned_data["languages_text"].split(",") if c.strip()]
            try:
                services.add_service(actor, organisation=request.user.organisation, languages=languages, **data)
            except BusinessRuleViolation as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Service added."))
                return redirect("referrals:directory")
    kind = request.GET.get("kind", "")
    return render(request, "referrals/directory.html", {
        "services": selectors.service_directory(request.GET.get("country", ""), kind),
        "kinds": ServiceKind.choices, "kind": kind, "form": form,
        "can_manage": request.user.has_role_permission("referrals.manage_directory")})


class TransferForm(forms.Form):
    organisation = forms.ModelChoiceField(label=gettext_lazy("To which organisation"), queryset=Organisation.objects.all(),
                                          to_field_name="uuid")
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea)


@login_required
def transfer(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    person = get_person(actor, person_uuid, purpose="transfer")
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_case(actor, person, organisation=form.cleaned_data["organisation"],
                                   reason=form.cleaned_data["reason"])
        except BusinessRuleViolation as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Case transferred."))
            return redirect("referrals:list")
    return render(request, "referrals/transfer.html", {"person": person, "form": form})


