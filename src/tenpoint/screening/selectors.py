"""Reads of screening results, within the user's scope and sensitive categories."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tenpoint.audit.services import Actor, record_event
from tenpoint.lib.profiling.engine import SuggestedReferral, suggest_referrals
from tenpoint.registry.selectors import people_visible_to
from tenpoint.screening.models import FlagSuggestion, Questionnaire, Screening
from tenpoint.screening.profiling import ruleset


def screenings_visible_to(user: Any) -> QuerySet[Screening]:
    if user is None or not user.is_authenticated or not user.has_role_permission("screening.screen"):
        return Screening.objects.none()
    return Screening.objects.filter(person__in=people_visible_to(user).values("uuid"))


def active_questionnaires() -> QuerySet[Questionnaire]:
    """The versions an officer may interview with."""
    return Questionnaire.objects.filter(is_active=True)


def questionnaire_versions() -> QuerySet[Questionnaire]:
    """Every version ever loaded, in use or not: the questionnaire administrator's list."""
    return Questionnaire.objects.all()


def active_questionnaire(chosen: str) -> Questionnaire | None:
    """The active questionnaire a page or form names; None for one not in use, or a mangled link."""
    try:
        questionnaire_uuid = uuid.UUID(chosen)
    except ValueError:
        return None
    return active_questionnaires().filter(uuid=questionnaire_uuid).first()


def get_screening(actor: Actor, screening_uuid: Any) -> Screening:
    try:
        screening = screenings_visible_to(actor.user).select_related("person", "questionnaire").get(uuid=screening_uuid)
    except (Screening.DoesNotExist, ValueError):
        raise Http404(_("No such interview, or not visible to you.")) from None
    record_event(actor, "screening.viewed", object_type="person", object_uuid=screening.person_id,
                 details={"screening": str(screening.uuid)})
    return screening


def visible_suggestions(user: Any, suggestions: QuerySet[FlagSuggestion]) -> list[FlagSuggestion]:
    """Sensitive flags (SGBV, trafficking, health) only for the roles that handle them."""
    return [s for s in suggestions if not s.sensitive_category or user.may_see_sensitive(s.sensitive_category)]


def confirmed_flags(person: Any) -> list[str]:
    """Only confirmed flags are facts downstream; suggestions never are."""
    return sorted(set(FlagSuggestion.objects.filter(person=person, status=FlagSuggestion.Status.CONFIRMED)
                      .values_list("flag", flat=True)))


def referral_suggestions(person: Any) -> list[SuggestedReferral]:
    """Services that the person's confirmed flags call for, by the pathways file."""
    latest = Screening.objects.filter(person=person).order_by("-completed_at").first()
    if latest is None:
        return []
    return suggest_referrals(ruleset(), confirmed_flags(person), latest.answers, latest.facts)


def person_flags(actor: Actor, person: Any) -> list[FlagSuggestion]:
    if not actor.user.has_role_permission("screening.screen"):
        raise PermissionDenied(_("Your role does not see profiling results."))
    return visible_suggestions(actor.user, FlagSuggestion.objects.filter(person=person).order_by("-screening__completed_at"))
