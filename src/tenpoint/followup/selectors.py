"""Reads of the follow-up tracker. Nothing here is personal data: meetings, recommendations and
what states and agencies did about them."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tenpoint.followup.models import (
    OPEN_STATUSES,
    ActionAdoption,
    ActionArea,
    ActionPlan,
    ActivityStatus,
    FollowUpActivity,
    IndicatorValue,
    Meeting,
    PlanAction,
    Recommendation,
    SourceDocument,
    Theme,
    WorkingGroup,
)
from tenpoint.followup.services import indicator_catalogue, indicator_label


def today() -> dt.date:
    return timezone.localdate()


def meetings_with_counts() -> QuerySet[Meeting]:
    return Meeting.objects.annotate(
        recommendation_count=Count("recommendations", distinct=True),
        activity_count=Count("activities", distinct=True),
        open_count=Count("activities", filter=Q(activities__status__in=OPEN_STATUSES), distinct=True),
        late_count=Count("activities", filter=Q(activities__status__in=OPEN_STATUSES,
                                                activities__due_on__lt=today()), distinct=True),
    ).order_by("-starts_on", "title")  # Django leaves Meta.ordering out of a query that counts (GROUP BY)


def late_activities(limit: int = 50) -> QuerySet[FollowUpActivity]:
    return (FollowUpActivity.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today())
            .select_related("meeting").order_by("due_on")[:limit])


def late_adoptions(limit: int = 50) -> QuerySet[ActionAdoption]:
    return (ActionAdoption.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today())
            .select_related("action__area__plan__meeting").order_by("due_on")[:limit])


def status_totals() -> dict[str, int]:
    counts = Counter(FollowUpActivity.objects.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in ActivityStatus.values}


@dataclass
class SourceSection:
    source: SourceDocument
    groups: list[tuple[WorkingGroup | None, list[Recommendation]]]


def meeting_sections(meeting: Meeting) -> list[SourceSection]:
    """The meeting's recommendations grouped by the document they come from, then by working group."""
    recommendations = (Recommendation.objects.filter(meeting=meeting)
                       .select_related("source", "working_group")
                       # distinct: the two joins multiply each other's rows (2 activities, 3 actions: 6 and 6).
                       .annotate(activity_count=Count("activities", distinct=True),
                                 action_count=Count("plan_actions", distinct=True))
                       .order_by("source__seed", "position"))  # as Meta.ordering, which a count leaves out
    by_source: dict[str, SourceSection] = {}
    group_index: dict[tuple[str, Any], list[Recommendation]] = {}
    for group in WorkingGroup.objects.filter(meeting=meeting).select_related("source"):
        section = by_source.setdefault(group.source.seed, SourceSection(group.source, []))
        members: list[Recommendation] = []
        section.groups.append((group, members))
        group_index[(group.source.seed, group.pk)] = members
    for recommendation in recommendations:
        section = by_source.setdefault(recommendation.source.seed, SourceSection(recommendation.source, []))
        key = (recommendation.source.seed, recommendation.working_group_id)
        if key not in group_index:
            members = []
            section.groups.append((None, members))
            group_index[key] = members
        group_index[key].append(recommendation)
    return [by_source[seed] for seed in sorted(by_source)]


def plan_detail(plan: ActionPlan) -> QuerySet[ActionArea]:
    return plan.areas.prefetch_related(
        "targets__revisions",
        Prefetch("actions", queryset=PlanAction.objects.prefetch_related("cited_recommendations",
                                                                         "adoptions")))


@dataclass
class ReportRow:
    label: str
    status: str
    due_on: dt.date | None
    late: bool
    latest_note: str
    context: str


@dataclass
class ProgressReport:
    title: str
    generated_on: dt.date
    adoptions: list[ReportRow] = field(default_factory=list)
    activities: list[ReportRow] = field(default_factory=list)
    recommendations: list[tuple[Recommendation, int, int]] = field(default_factory=list)
    indicators: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)


def _latest_note(obj: Any) -> str:
    notes = list(obj.notes.all())
    return notes[0].text if notes else ""


def progress_report(*, country: str = "", theme: str = "", language: str = "en") -> ProgressReport:
    """One country's adopted actions, activities and indicator values, or one theme across meetings."""
    when = today()
    if country:
        from tenpoint.lib.countries import country_name

        report = ProgressReport(title=country_name(country), generated_on=when)
        adoptions = (ActionAdoption.objects.filter(country=country)
                     .select_related("action__area__plan__meeting").prefetch_related("notes"))
        activities = FollowUpActivity.objects.filter(country=country)
        indicator_codes = list(indicator_catalogue())
        values = IndicatorValue.objects.filter(country=country)
    else:
        report = ProgressReport(title=str(Theme(theme).label), generated_on=when)
        adoptions = (ActionAdoption.objects.filter(action__cited_recommendations__theme=theme).distinct()
                     .select_related("action__area__plan__meeting").prefetch_related("notes"))
        activities = FollowUpActivity.objects.filter(theme=theme)
        recommendations = (Recommendation.objects.filter(theme=theme).select_related("meeting")
                           .annotate(activity_count=Count("activities", distinct=True),
                                     adoption_count=Count("plan_actions__adoptions", distinct=True))
                           .order_by("meeting__starts_on", "source__seed", "position"))
        report.recommendations = [(r, r.activity_count, r.adoption_count) for r in recommendations]
        indicator_codes = sorted(set(Recommendation.objects.filter(theme=theme)
                                     .values_list("indicator_links__indicator", flat=True)) - {None})
        values = IndicatorValue.objects.filter(indicator__in=indicator_codes)
    counts: Counter[str] = Counter()
    for adoption in adoptions.order_by("action__area__position", "action__position"):
        counts[adoption.status] += 1
        report.adoptions.append(ReportRow(
            label=adoption.action.text, status=adoption.get_status_display(), due_on=adoption.due_on,
            late=adoption.is_late(when), latest_note=_latest_note(adoption),
            context=f"{adoption.action.area.plan.meeting.place} {adoption.action.area.key} — {adoption.country}"))
    for activity in activities.select_related("meeting").prefetch_related("notes").order_by("due_on", "position"):
        counts[activity.status] += 1
        report.activities.append(ReportRow(
            label=activity.text, status=activity.get_status_display(), due_on=activity.due_on,
            late=activity.is_late(when), latest_note=_latest_note(activity),
            context=f"{activity.meeting.place} {activity.meeting.starts_on.year}"))
    latest: dict[tuple[str, str], IndicatorValue] = {}
    for value in values.order_by("period"):
        latest[(value.indicator, value.country)] = value
    for (code, value_country), value in sorted(latest.items()):
        if code in indicator_codes:
            report.indicators.append((indicator_label(code, language), value_country, value.period,
                                      f"{value.value.normalize():f}", value.source))
    report.status_counts = {s: counts.get(s, 0) for s in ActivityStatus.values}
    return report


def countries_with_follow_up() -> list[str]:
    found = set(ActionAdoption.objects.values_list("country", flat=True))
    found |= set(FollowUpActivity.objects.exclude(country="").values_list("country", flat=True))
    found |= set(IndicatorValue.objects.values_list("country", flat=True))
    return sorted(found)


def themes_in_use() -> list[tuple[str, str]]:
    used = set(Recommendation.objects.values_list("theme", flat=True))
    return [(value, str(label)) for value, label in Theme.choices if value in used]


def adoption_counts_by_area(plan: ActionPlan) -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for area_key, status in ActionAdoption.objects.filter(action__area__plan=plan).values_list(
            "action__area__key", "status"):
        totals[area_key][status] += 1
    return {k: dict(v) for k, v in totals.items()}
