"""Information pages: public ones (no login, no personal data, light enough for a phone on a weak
connection) and staff ones (writing, review, abuse reports). Views only translate HTTP."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.information import pdf, selectors, services
from tenpoint.information.models import (
    CONTENT_LANGUAGES,
    AbuseReport,
    AbuseReportChannel,
    InformationPackage,
    Topic,
)
from tenpoint.lib.countries import country_choices, country_name
from tenpoint.lib.pdfdoc import is_rtl
from tenpoint.referrals.selectors import service_directory

LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)


def _require(request: AuthenticatedRequest, permission: str) -> None:
    if not request.user.has_role_permission(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _apply(form: forms.Form, write: Any) -> Any:
    try:
        return write()
    except BusinessRuleViolation as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return None


def _public(request: HttpRequest, template: str, language: str, context: dict[str, Any]) -> HttpResponse:
    """Render in the package's language (Haitian Creole included), whatever the visitor's settings."""
    with translation.override(language):
        body = render_to_string(template, {**context, "page_language": language,
                                           "page_dir": "rtl" if is_rtl(language) else "ltr"}, request)
    response = HttpResponse(body)
    response["Content-Language"] = language
    return response


def _package_or_404(country: str, language: str) -> selectors.PublicPackage:
    if language not in LANGUAGE_NAMES:
        raise Http404(_("No information published for this country in this language."))
    return selectors.public_package(country, language)


# ---------------------------------------------------------------- public


def public_index(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    by_country: dict[str, list[tuple[str, str]]] = {}
    for package in selectors.published_packages():
        by_country.setdefault(package.country, []).append((package.language, LANGUAGE_NAMES[package.language]))
    countries = sorted(((code, country_name(code, language), langs) for code, langs in by_country.items()),
                       key=lambda c: c[1])
    return _public(request, "information/public_index.html", language, {"countries": countries})


def public_package(request: HttpRequest, country: str, language: str) -> HttpResponse:
    found = _package_or_404(country, language)
    return _public(request, "information/public_package.html", language, {
        "found": found, "content": found.content, "country_label": country_name(found.package.country, language),
        "languages": [(p.language, LANGUAGE_NAMES[p.language]) for p in found.other_languages]})


def leaflet(request: HttpRequest, country: str, language: str) -> HttpResponse:
    found = _package_or_404(country, language)
    with translation.override(language):
        document = pdf.leaflet_pdf(found, request.build_absolute_uri(
            f"/info/{found.package.country}/{language}/"))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tenpoint-{found.package.country}-{language}.pdf"'
    return response


class AbuseReportForm(forms.Form):
    what_happened = forms.CharField(label=gettext_lazy("What happened?"), max_length=services.MAX_REPORT_LENGTH,
                                    widget=forms.Textarea(attrs={"rows": 5}))
    where_it_happened = forms.CharField(label=gettext_lazy("Where did it happen? (town, border post, road)"),
                                        max_length=500, required=False)
    when_it_happened = forms.CharField(label=gettext_lazy("When? (a date, or 'last week')"), max_length=60,
                                       required=False)
    who_was_harmed = forms.ChoiceField(label=gettext_lazy("Who was harmed?"), choices=AbuseReport.Victim.choices,
                                       widget=forms.RadioSelect)
    child_involved = forms.BooleanField(label=gettext_lazy("A child was harmed or involved"), required=False)
    wants_contact = forms.BooleanField(label=gettext_lazy("I want someone to contact me"), required=False)
    contact = forms.CharField(label=gettext_lazy("How can we reach you safely? (only if you ticked the box)"),
                              max_length=300, required=False)
    # Left empty by people; filled by robots that fill every field.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


def report_abuse(request: HttpRequest, country: str, language: str) -> HttpResponse:
    found = _package_or_404(country, language)
    with translation.override(language):
        form = AbuseReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data["website"]:
                raise PermissionDenied("")
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            report = _apply(form, lambda: services.receive_abuse_report(
                country=found.package.country, language=language, **data))
            if report is not None:
                return _public(request, "information/public_report_received.html", language,
                               {"found": found, "reference": report.reference})
    return _public(request, "information/public_report.html", language, {"found": found, "form": form})


# ---------------------------------------------------------------- staff: packages


class PackageForm(forms.Form):
    country = forms.ChoiceField(label=gettext_lazy("Country"))
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=CONTENT_LANGUAGES)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(get_language() or "en")]  # type: ignore[attr-defined]


class PackageEditForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)

    def __init__(self, *args: Any, package: InformationPackage, **kwargs: Any) -> None:
        sections = {s.topic: s for s in package.sections.all()}
        initial = {"title": package.title}
        for topic in Topic.values:
            if topic in sections:
                initial[f"{topic}_heading"] = sections[topic].heading
                initial[f"{topic}_body"] = sections[topic].body
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        direction = "rtl" if is_rtl(package.language) else "ltr"
        for topic, label in Topic.choices:
            self.fields[f"{topic}_heading"] = forms.CharField(
                label=_("%(topic)s: heading") % {"topic": label}, max_length=200, required=False,
                widget=forms.TextInput(attrs={"dir": direction, "lang": package.language}))
            self.fields[f"{topic}_body"] = forms.CharField(
                label=_("%(topic)s: text") % {"topic": label}, required=False,
                widget=forms.Textarea(attrs={"rows": 6, "dir": direction, "lang": package.language}))
        self.fields["title"].widget.attrs.update({"dir": direction, "lang": package.language})

    def sections(self) -> dict[str, tuple[str, str]]:
        return {topic: (self.cleaned_data[f"{topic}_heading"], self.cleaned_data[f"{topic}_body"])
                for topic in Topic.values}


@login_required
def packages(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "information.manage")
    form = PackageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = _apply(form, lambda: services.create_package(Actor(request.user), **form.cleaned_data))
        if created is not None:
            return redirect("information:package_edit", created.uuid)
    return render(request, "information/packages.html", {
        "packages": InformationPackage.objects.select_related("edited_by", "published_by"), "form": form,
        "channels": AbuseReportChannel.objects.select_related("service__organisation")})


@login_required
def package_edit(request: AuthenticatedRequest, package_uuid: str) -> HttpResponse:
    _require(request, "information.manage")
    package = get_object_or_404(InformationPackage, uuid=package_uuid)
    form = PackageEditForm(request.POST or None, package=package)
    if request.method == "POST" and form.is_valid():
        actor = Actor(request.user)
        saved = _apply(form, lambda: services.edit_package(actor, package, title=form.cleaned_data["title"],
                                                           sections=form.sections()))
        if saved is not None and "submit" in request.POST:
            saved = _apply(form, lambda: services.submit_for_review(actor, package))
        if saved is not None:
            messages.success(request, _("Sent for review.") if "submit" in request.POST else _("Draft saved."))
            return redirect("information:package_edit", package.uuid)
    return render(request, "information/package_edit.html", {
        "package": package, "form": form, "language_name": LANGUAGE_NAMES[package.language]})


class ReviewForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


@login_required
def package_review(request: AuthenticatedRequest, package_uuid: str) -> HttpResponse:
    _require(request, "information.manage")
    package = get_object_or_404(InformationPackage, uuid=package_uuid)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = "approve" in request.POST
        if _apply(form, lambda: services.review_package(Actor(request.user), package, approve=approve,
                                                        comment=form.cleaned_data["comment"])):
            messages.success(request, _("Published.") if approve else _("Sent back to the writer."))
            return redirect("information:packages")
    return render(request, "information/package_review.html", {
        "package": package, "draft": services.package_content(package), "form": form,
        "page_dir": "rtl" if is_rtl(package.language) else "ltr"})


class ChannelForm(forms.Form):
    country = forms.ChoiceField(label=gettext_lazy("Country"))
    service = forms.ChoiceField(label=gettext_lazy("Service that receives the reports"))
    hotline = forms.CharField(label=gettext_lazy("Hotline number"), max_length=60, required=False)
    hotline_hours = forms.CharField(label=gettext_lazy("Hotline hours"), max_length=120, required=False)
    other_ways = forms.CharField(label=gettext_lazy("Other ways to report"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(get_language() or "en")]  # type: ignore[attr-defined]
        self.fields["service"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (str(s.uuid), f"{s.country} · {s.name} ({s.organisation})") for s in service_directory()]


@login_required
def channel_new(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "information.manage")
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = service_directory().filter(uuid=data.pop("service")).first()
        if service is None:
            form.add_error("service", _("Choose a service."))
        elif _apply(form, lambda: services.save_channel(Actor(request.user), service=service, **data)):
            messages.success(request, _("Saved."))
            return redirect("information:packages")
    return render(request, "information/form.html", {"form": form, "title": _("How abuse is reported in a country")})


# ---------------------------------------------------------------- staff: abuse reports


class ReportUpdateForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=AbuseReport.Status.choices)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


@login_required
def abuse_reports(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "information.receive_abuse_reports")
    return render(request, "information/abuse_reports.html",
                  {"reports": selectors.abuse_reports_visible_to(request.user)})


@login_required
def abuse_report(request: AuthenticatedRequest, report_uuid: str) -> HttpResponse:
    _require(request, "information.receive_abuse_reports")
    actor = Actor(request.user)
    report = selectors.get_abuse_report(actor, report_uuid)
    form = ReportUpdateForm(request.POST or None, initial={"status": report.status})
    if request.method == "POST" and form.is_valid() and _apply(
            form, lambda: services.update_abuse_report(actor, report, **form.cleaned_data)):
        messages.success(request, _("Saved."))
        return redirect("information:abuse_report", report.uuid)
    return render(request, "information/abuse_report.html", {
        "report": report, "updates": report.updates.select_related("written_by"), "form": form})
