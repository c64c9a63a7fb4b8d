"""Partner directory pages: who works where, and the registration points officers register at.
Views only translate HTTP; partners.services does the writes and their audit."""

from __future__ import annotations

from typing import Any

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
from tenpoint.partners import services
from tenpoint.partners.models import Office, Organisation, RegistrationPoint


def _require(request: AuthenticatedRequest, permission: str) -> None:
    if not request.user.has_role_permission(permission):
        raise PermissionDenied(_("Your role does not allow this."))


class OrganisationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    acronym = forms.CharField(label=gettext_lazy("Acronym"), max_length=32, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Organisation.Kind.choices)
    country = forms.CharField(label=gettext_lazy("Country (ISO code)"), max_length=3, required=False)

    def clean_name(self) -> str:
        # Names are unique: say so here rather than let the database refuse with a crash.
        name = " ".join(self.cleaned_data["name"].split())
        if Organisation.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("An organisation with this name already exists."))
        return name


class OfficeForm(forms.Form):
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.all(), to_field_name="uuid")
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    country = forms.CharField(label=gettext_lazy("Country (ISO code)"), max_length=3)
    city = forms.CharField(label=gettext_lazy("City"), max_length=120, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("organisation") and data.get("name") and Office.objects.filter(
                organisation=data["organisation"], name__iexact=data["name"].strip()).exists():
            self.add_error("name", _("This organisation already has an office with this name."))
        return data


class RegistrationPointForm(forms.Form):
    office: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Office"), queryset=Office.objects.select_related("organisation"), to_field_name="uuid")
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=RegistrationPoint.Kind.choices)
    country = forms.CharField(label=gettext_lazy("Country (ISO code, if not the office's)"), max_length=3, required=False)
    location = forms.CharField(label=gettext_lazy("Location"), max_length=200, required=False)
    latitude = forms.DecimalField(label=gettext_lazy("Latitude"), max_digits=8, decimal_places=5,
                                  min_value=-90, max_value=90, required=False)
    longitude = forms.DecimalField(label=gettext_lazy("Longitude"), max_digits=8, decimal_places=5,
                                   min_value=-180, max_value=180, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("office") and data.get("name") and RegistrationPoint.objects.filter(
                office=data["office"], name__iexact=data["name"].strip()).exists():
            self.add_error("name", _("This office already has a registration point with this name."))
        return data


@login_required
def directory(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "partners.view")
    kind = request.GET.get("kind", "")
    organisations = Organisation.objects.prefetch_related("offices__registration_points")
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    return render(request, "partners/directory.html", {
        "organisations": organisations, "kinds": Organisation.Kind.choices, "kind": kind,
        "can_manage": request.user.has_role_permission("partners.manage")})


def _create(request: AuthenticatedRequest, form: forms.Form, title: str, create: Any) -> HttpResponse:
    """One flow for the three create pages: the service refuses, the form shows why beside the field."""
    _require(request, "partners.manage")
    if request.method == "POST" and form.is_valid():
        try:
            created = create(Actor(request.user), form.cleaned_data)
        except BusinessRuleViolation as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error))
        else:
            messages.success(request, _("%(name)s saved.") % {"name": created.name})
            return redirect("partners:directory")
    return render(request, "partners/form.html", {"form": form, "title": title})


@login_required
def organisation_new(request: AuthenticatedRequest) -> HttpResponse:
    return _create(request, OrganisationForm(request.POST or None), _("New organisation"),
                   lambda actor, data: services.create_organisation(actor, **data))


@login_required
def office_new(request: AuthenticatedRequest) -> HttpResponse:
    initial = {"organisation": request.GET.get("organisation")} if request.GET.get("organisation") else None
    return _create(request, OfficeForm(request.POST or None, initial=initial), _("New office"),
                   lambda actor, data: services.create_office(actor, **data))


@login_required
def registration_point_new(request: AuthenticatedRequest) -> HttpResponse:
    initial = {"office": request.GET.get("office")} if request.GET.get("office") else None

    def create(actor: Actor, data: dict[str, Any]) -> RegistrationPoint:
        extra = {k: data[k] for k in ("location", "latitude", "longitude") if data.get(k) not in (None, "")}
        return services.create_registration_point(actor, office=data["office"], name=data["name"],
                                                  kind=data["kind"], country=data["country"], **extra)

    return _create(request, RegistrationPointForm(request.POST or None, initial=initial),
                   _("New registration point"), create)
