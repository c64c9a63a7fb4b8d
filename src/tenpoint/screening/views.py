"""Interview, results, decisions, questionnaire versions and KoBoToolbox import. Views only
translate HTTP; the rules live in services and in the data files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.lib.xlsform.form import coerce_answer
from tenpoint.registry.selectors import get_person
from tenpoint.screening import selectors, services
from tenpoint.screening.models import FlagSuggestion
from tenpoint.screening.profiling import form_of, ruleset
from tenpoint.screening.rendering import answer_text, sections, visible_questions


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def _submitted(request: AuthenticatedRequest, form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for question in form.questions:
        if question.type == "select_multiple":
            values[question.name] = request.POST.getlist(question.name)
        elif question.name in request.POST:
            values[question.name] = request.POST.get(question.name, "")
    return values


@login_required
def interview(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    if not request.user.has_role_permission("screening.screen"):
        raise PermissionDenied(_("Your role does not interview people."))
    person = get_person(actor, person_uuid, purpose="profiling interview")
    questionnaire = services.default_questionnaire()
    chosen = request.POST.get("questionnaire") or request.GET.get("questionnaire")
    if chosen:
        questionnaire = selectors.active_questionnaire(chosen) or questionnaire
    form = form_of(questionnaire.xlsform)
    prefilled = {"person_reference": person.reference}
    answers: dict[str, Any] = dict(prefilled)
    errors: dict[str, str] = {}
    if request.method == "POST":
        answers.update(_submitted(request, form))
        answers.update(prefilled)
        if request.headers.get("X-Tenpoint-Relevance"):
            # Skip logic while typing: which questions to show. The page toggles them in place,
            # so nothing the officer typed is ever replaced by a late answer.
            coerced = {}
            for question in form.questions:
                try:
                    coerced[question.name] = coerce_answer(question, answers.get(question.name))
                except (TypeError, ValueError):
                    coerced[question.name] = None
            return JsonResponse({"visible": visible_questions(form, coerced)})
        if "finish" in request.POST:
            try:
                screening = services.record_screening(actor, person, answers, questionnaire=questionnaire,
                                                      language=_language())
            except services.ScreeningRefused as refused:
                errors = {p.question: p.message for p in refused.problems}
                messages.error(request, str(refused))
            else:
                return redirect("screening:result", screening_uuid=screening.uuid)
    else:
        answers.setdefault("sex", {"F": "female", "M": "male", "X": "other"}.get(person.sex, ""))
        age = person.age_on(person.registered_at.date())
        if age is not None:
            answers.setdefault("age_years", age)
    context = {"person": person, "questionnaire": questionnaire,
               "sections": sections(form, answers, _language(), errors, frozenset(prefilled)),
               "questionnaires": selectors.active_questionnaires()}
    return render(request, "screening/interview.html", context)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", gettext_lazy("Confirm")), ("dismiss", gettext_lazy("Dismiss"))])
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=1000)


@login_required
def result(request: AuthenticatedRequest, screening_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    screening = selectors.get_screening(actor, screening_uuid)
    form = form_of(screening.questionnaire.xlsform)
    rules = ruleset()
    suggestions = selectors.visible_suggestions(request.user, screening.suggestions.all())
    shown = [{
        "suggestion": s,
        "label": rules.flags[s.flag].label(_language()) if s.flag in rules.flags else s.flag,
        "codes": rules.flags[s.flag].standard_codes if s.flag in rules.flags else {},
        "evidence": [answer_text(form, name, value, _language()) for name, value in s.evidence.items()],
    } for s in suggestions]
    return render(request, "screening/result.html", {
        "screening": screening, "person": screening.person, "flags": shown,
        "can_decide": request.user.has_role_permission("screening.decide_flags"),
        "referrals": selectors.referral_suggestions(screening.person),
        "can_refer": request.user.has_role_permission("referrals.refer"),
    })


@login_required
@require_POST
def decide(request: AuthenticatedRequest, suggestion_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    suggestion = FlagSuggestion.objects.filter(uuid=suggestion_uuid).select_related("screening").first()
    if suggestion is None:
        raise Http404
    selectors.get_screening(actor, suggestion.screening_id)  # scope check (404 outside it)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_flag(actor, suggestion, confirm=form.cleaned_data["decision"] == "confirm",
                                 reason=form.cleaned_data["reason"])
        except BusinessRuleViolation as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose confirm or dismiss."))
    return redirect("screening:result", screening_uuid=suggestion.screening_id)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.xlsx)"))


@login_required
def questionnaires(request: AuthenticatedRequest) -> HttpResponse:
    actor = Actor(request.user)
    services.default_questionnaire()
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.upload_questionnaire(actor, upload.read(), filename=upload.name)
        except BusinessRuleViolation as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Questionnaire version loaded."))
            return redirect("screening:questionnaires")
    return render(request, "screening/questionnaires.html", {
        "form": form, "questionnaires": selectors.questionnaire_versions()})


@login_required
def kobo_import(request: AuthenticatedRequest) -> HttpResponse:
    actor = Actor(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imported = services.import_kobo_export(actor, upload.read(), filename=upload.name)
        except services.KoboImportRefused as refused:
            problems = refused.problems
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("%(count)s interview(s) imported.") % {"count": len(imported)})
            return redirect("screening:kobo_import")
    return render(request, "screening/kobo_import.html", {"form": form, "problems": problems})
