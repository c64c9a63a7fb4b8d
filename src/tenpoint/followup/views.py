"""Follow-up tracker pages. Views translate HTTP; followup.services writes, followup.selectors reads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.followup import pdf, selectors, services
from tenpoint.followup.models import (
    ActionAdoption,
    ActionPlan,
    ActivityStatus,
    FollowUpActivity,
    Meeting,
    PlanAction,
    Recommendation,
    Target,
    Theme,
)
from tenpoint.lib.countries import country_choices


def _require(request: AuthenticatedRequest, permission: str) -> None:
    if not request.user.has_role_permission(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _apply(form: forms.Form, write: Any) -> Any:
    """Run a service; its refusal shows beside the field it names."""
    try:
        return write()
    except BusinessRuleViolation as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return None


class ActivityForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Activity"), widget=forms.Textarea(attrs={"rows": 3}))
    recommendations = forms.ModelMultipleChoiceField(label=gettext_lazy("Recommendations it serves"),
                                                     queryset=Recommendation.objects.none(), to_field_name="uuid",
                                                     required=False, widget=forms.CheckboxSelectMultiple)
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), choices=Theme.choices)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    responsible = forms.CharField(label=gettext_lazy("Responsible actors (comma-separated)"), required=False)
    focal_point = forms.CharField(label=gettext_lazy("Focal point"), max_length=200, required=False)
    due_on = forms.DateField(label=gettext_lazy("Due on"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recommendations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = meeting.recommendations.all()
        field.label_from_instance = lambda r: f"{r.key} — {r.text[:140]}"  # type: ignore[method-assign,assignment]
        self.fields["country"].choices = [("", "—"), *country_choices(get_language() or "en")]  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ActivityStatus.choices)
    evidence = forms.CharField(label=gettext_lazy("Evidence (document, link, figures)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))


class AdoptForm(forms.Form):
    country = forms.ChoiceField(label=gettext_lazy("Country"))
    focal_point = forms.CharField(label=gettext_lazy("Focal point"), max_length=200, required=False)
    due_on = forms.DateField(label=gettext_lazy("Due on"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(get_language() or "en")]  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Target"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=gettext_lazy("Due on"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=gettext_lazy("Why it is revised"), widget=forms.Textarea(attrs={"rows": 2}))


class IndicatorLinkForm(forms.Form):
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (code, services.indicator_label(code, language)) for code in services.indicator_catalogue()]


class IndicatorValueForm(IndicatorLinkForm):
    country = forms.ChoiceField(label=gettext_lazy("Country"))
    period = forms.CharField(label=gettext_lazy("Period (e.g. 2025 or 2025-Q3)"), max_length=20)
    value = forms.CharField(label=gettext_lazy("Value"), max_length=30)
    source = forms.CharField(label=gettext_lazy("Source of the figure"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(get_language() or "en")]  # type: ignore[attr-defined]


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "followup.view")
    return render(request, "followup/home.html", {
        "meetings": selectors.meetings_with_counts(), "late_activities": selectors.late_activities(),
        "late_adoptions": selectors.late_adoptions(), "totals": selectors.status_totals(),
        "plans": ActionPlan.objects.select_related("meeting"),
        "can_manage": request.user.has_role_permission("followup.manage")})


@login_required
def meeting(request: AuthenticatedRequest, meeting_uuid: str) -> HttpResponse:
    _require(request, "followup.view")
    found = get_object_or_404(Meeting, uuid=meeting_uuid)
    activities = found.activities.prefetch_related("recommendations").order_by("position", "due_on")
    return render(request, "followup/meeting.html", {
        "meeting": found, "sections": selectors.meeting_sections(found), "agreements": found.agreements.all(),
        "activities": activities, "today": selectors.today(),
        "plan": ActionPlan.objects.filter(meeting=found).first(),
        "can_manage": request.user.has_role_permission("followup.manage")})


@login_required
def recommendation(request: AuthenticatedRequest, recommendation_uuid: str) -> HttpResponse:
    _require(request, "followup.view")
    found = get_object_or_404(Recommendation.objects.select_related("meeting", "source", "working_group"),
                              uuid=recommendation_uuid)
    can_manage = request.user.has_role_permission("followup.manage")
    form = IndicatorLinkForm(request.POST or None)
    if request.method == "POST":
        _require(request, "followup.manage")
        if form.is_valid() and _apply(form, lambda: services.link_indicator(
                Actor(request.user), found, form.cleaned_data["indicator"])):
            messages.success(request, _("Indicator linked."))
            return redirect("followup:recommendation", found.uuid)
    language = get_language() or "en"
    links = [(link, services.indicator_label(link.indicator, language)) for link in found.indicator_links.all()]
    return render(request, "followup/recommendation.html", {
        "recommendation": found, "activities": found.activities.select_related("meeting"),
        "actions": found.plan_actions.select_related("area__plan__meeting"), "links": links,
        "form": form, "can_manage": can_manage, "today": selectors.today()})


@login_required
def activity_new(request: AuthenticatedRequest, meeting_uuid: str) -> HttpResponse:
    _require(request, "followup.manage")
    found = get_object_or_404(Meeting, uuid=meeting_uuid)
    initial = {"recommendations": request.GET.getlist("recommendation")} if request.GET.get("recommendation") else None
    form = ActivityForm(request.POST or None, meeting=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = _apply(form, lambda: services.create_activity(
            Actor(request.user), found, text=data["text"], recommendations=list(data["recommendations"]),
            theme=data["theme"], country=data["country"], responsible=data["responsible"].split(","),
            focal_point=data["focal_point"], due_on=data["due_on"]))
        if created is not None:
            messages.success(request, _("Activity recorded."))
            return redirect("followup:activity", created.uuid)
    return render(request, "followup/form.html", {"form": form, "title": _("New follow-up activity"),
                                                   "back": found})


@login_required
def activity(request: AuthenticatedRequest, activity_uuid: str) -> HttpResponse:
    _require(request, "followup.view")
    found = get_object_or_404(FollowUpActivity.objects.select_related("meeting", "source"), uuid=activity_uuid)
    form = ProgressForm(request.POST or None, initial={"status": found.status})
    if request.method == "POST":
        _require(request, "followup.manage")
        if form.is_valid() and _apply(form, lambda: services.record_progress(
                Actor(request.user), found, text=form.cleaned_data["text"], status=form.cleaned_data["status"],
                evidence=form.cleaned_data["evidence"])):
            messages.success(request, _("Progress recorded."))
            return redirect("followup:activity", found.uuid)
    return render(request, "followup/activity.html", {
        "activity": found, "notes": found.notes.select_related("written_by"), "form": form,
        "recommendations": found.recommendations.all(), "today": selectors.today(),
        "can_manage": request.user.has_role_permission("followup.manage")})


@login_required
def plan(request: AuthenticatedRequest, plan_uuid: str) -> HttpResponse:
    _require(request, "followup.view")
    found = get_object_or_404(ActionPlan.objects.select_related("meeting", "source"), uuid=plan_uuid)
    areas = selectors.plan_detail(found)
    unresolved = [a for area in areas for a in area.actions.all() if a.unresolved_citations]
    return render(request, "followup/plan.html", {
        "plan": found, "areas": areas, "unresolved": unresolved, "today": selectors.today(),
        "can_manage": request.user.has_role_permission("followup.manage")})


@login_required
def action(request: AuthenticatedRequest, action_uuid: str) -> HttpResponse:
    _require(request, "followup.view")
    found = get_object_or_404(PlanAction.objects.select_related("area__plan__meeting"), uuid=action_uuid)
    form = AdoptForm(request.POST or None)
    if request.method == "POST":
        _require(request, "followup.manage")
        data = form.cleaned_data if form.is_valid() else None
        if data and _apply(form, lambda: services.adopt_action(
                Actor(request.user), found, country=data["country"], focal_point=data["focal_point"],
                due_on=data["due_on"])):
            messages.success(request, _("Action adopted."))
            return redirect("followup:action", found.uuid)
    return render(request, "followup/action.html", {
        "action": found, "adoptions": found.adoptions.prefetch_related("notes"), "form": form,
        "cited": found.cited_recommendations.select_related("meeting"), "today": selectors.today(),
        "can_manage": request.user.has_role_permission("followup.manage")})


@login_required
def adoption(request: AuthenticatedRequest, adoption_uuid: str) -> HttpResponse:
    _require(request, "followup.view")
    found = get_object_or_404(ActionAdoption.objects.select_related("action__area__plan__meeting"),
                              uuid=adoption_uuid)
    form = ProgressForm(request.POST or None, initial={"status": found.status})
    if request.method == "POST":
        _require(request, "followup.manage")
        if form.is_valid() and _apply(form, lambda: services.record_adoption_progress(
                Actor(request.user), found, text=form.cleaned_data["text"], status=form.cleaned_data["status"],
                evidence=form.cleaned_data["evidence"])):
            messages.success(request, _("Progress recorded."))
            return redirect("followup:adoption", found.uuid)
    return render(request, "followup/adoption.html", {
        "adoption": found, "notes": found.notes.select_related("written_by"), "form": form,
        "today": selectors.today(), "can_manage": request.user.has_role_permission("followup.manage")})


@login_required
def target_revise(request: AuthenticatedRequest, target_uuid: str) -> HttpResponse:
    _require(request, "followup.manage")
    found = get_object_or_404(Target.objects.select_related("area__plan"), uuid=target_uuid)
    form = TargetForm(request.POST or None, initial={"text": found.text, "due_on": found.due_on})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.revise_target(Actor(request.user), found, text=data["text"],
                                                       due_on=data["due_on"], reason=data["reason"])):
            messages.success(request, _("Target revised; the earlier wording is kept in its history."))
            return redirect("followup:plan", found.area.plan.uuid)
    return render(request, "followup/form.html", {"form": form, "title": _("Revise a target"),
                                                   "history": found.revisions.select_related("revised_by")})


@login_required
def indicator_value_new(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "followup.manage")
    form = IndicatorValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.report_indicator_value(
                Actor(request.user), indicator=data["indicator"], country=data["country"], period=data["period"],
                value=data["value"], source=data["source"])):
            messages.success(request, _("Figure recorded."))
            return redirect("followup:report")
    return render(request, "followup/form.html", {"form": form, "title": _("Report an indicator value")})


def _report_from(request: AuthenticatedRequest) -> selectors.ProgressReport | None:
    country = request.GET.get("country", "").upper()
    theme = request.GET.get("theme", "")
    if country:
        if country not in dict(country_choices()):
            raise Http404(_("Unknown country."))
        return selectors.progress_report(country=country, language=get_language() or "en")
    if theme:
        if theme not in Theme.values:
            raise Http404(_("Unknown theme."))
        return selectors.progress_report(theme=theme, language=get_language() or "en")
    return None


@login_required
def report(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "followup.view")
    language = get_language() or "en"
    return render(request, "followup/report.html", {
        "report": _report_from(request), "query": request.GET.urlencode(),
        "countries": [(c, n) for c, n in country_choices(language) if c in selectors.countries_with_follow_up()],
        "themes": selectors.themes_in_use(), "statuses": ActivityStatus.choices,
        "can_manage": request.user.has_role_permission("followup.manage")})


@login_required
def report_pdf(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "followup.view")
    found = _report_from(request)
    if found is None:
        messages.info(request, _("Choose a country or a theme."))
        return redirect("followup:report")
    response = HttpResponse(pdf.progress_report_pdf(found, get_language() or "en"), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="progress-report.pdf"'
    return response


@require_POST
@login_required
def import_seeds(request: AuthenticatedRequest) -> HttpResponse:
    """The same import as `tenpoint followup import`, for an administrator without a shell."""
    _require(request, "followup.manage")
    from tenpoint.followup.seeds import SeedFileError

    try:
        reports = services.import_seed_material(Actor(request.user))
    except SeedFileError as error:
        for problem in error.problems[:20]:
            messages.error(request, problem)
        return redirect("followup:home")
    for line in reports:
        messages.success(request, line.line())
    return redirect("followup:home")
