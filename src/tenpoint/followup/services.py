"""Writes to the follow-up tracker. Each takes the acting user and records its audit event in the
same transaction; the seed import is all-or-nothing and repeatable."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.followup import seeds
from tenpoint.followup.models import (
    ActionAdoption,
    ActionArea,
    ActionPlan,
    ActivityStatus,
    Agreement,
    FollowUpActivity,
    IndicatorLink,
    IndicatorValue,
    Meeting,
    PlanAction,
    ProgressNote,
    Recommendation,
    SourceDocument,
    Target,
    TargetRevision,
    Theme,
    WorkingGroup,
)
from tenpoint.lib.countries import UnknownCountryCode, normalise_country_code

INDICATORS_FILE = Path(__file__).resolve().parent / "indicators.yaml"


@functools.cache
def indicator_catalogue() -> dict[str, dict[str, Any]]:
    """code → {unit, label{lang}}; refused at load if a code repeats or a language is missing."""
    document = yaml.safe_load(INDICATORS_FILE.read_text(encoding="utf-8"))
    catalogue: dict[str, dict[str, Any]] = {}
    for entry in document["indicators"]:
        code = entry["code"]
        if code in catalogue:
            raise ValueError(f"indicators.yaml: {code} is listed twice")
        if set(entry["label"]) != {"en", "es", "fr", "ar"}:
            raise ValueError(f"indicators.yaml: {code} needs a label in en, es, fr and ar")
        catalogue[code] = entry
    return catalogue


def indicator_label(code: str, language: str) -> str:
    entry = indicator_catalogue().get(code)
    if entry is None:
        return code
    return str(entry["label"].get(language[:2], entry["label"]["en"]))


def _require_manage(actor: Actor) -> None:
    require_permission(actor, "followup.manage", _("Your role does not allow recording follow-up."),
                       allow_system=True)


def _country(value: str) -> str:
    try:
        return normalise_country_code(value)
    except UnknownCountryCode as error:
        raise BusinessRuleViolation(str(error), field="country") from None


# ---------------------------------------------------------------- seed import


@dataclass
class SourceReport:
    seed: str
    counts: dict[str, int]
    changed: bool
    bad_citations: list[str] = field(default_factory=list)

    def line(self) -> str:
        names = [("meetings", "meeting", "meetings"), ("working_groups", "working group", "working groups"),
                 ("recommendations", "recommendation", "recommendations"), ("agreements", "agreement", "agreements"),
                 ("follow_up_activities", "follow-up activity", "follow-up activities"),
                 ("action_plan_areas", "action-plan area", "action-plan areas"),
                 ("targets", "target", "targets"), ("actions", "action", "actions")]
        parts = [f"{self.counts[key]} {one if self.counts[key] == 1 else many}"
                 for key, one, many in names if self.counts.get(key) and key != "meetings"]
        if self.bad_citations:
            parts.append(f"{len(self.bad_citations)} bad citation{'s' if len(self.bad_citations) != 1 else ''}")
        return f"{self.seed}: {', '.join(parts)}" + ("" if self.changed else " (unchanged)")


def import_seed_material(actor: Actor, directory: Path = seeds.DATA_DIR,
                         progress: Callable[[str], None] | None = None) -> list[SourceReport]:
    """Load every seed file. All files are validated before anything is written; a file whose
    content has not changed since the last import is left as it is, so a second run changes nothing."""
    _require_manage(actor)
    seed_files = seeds.read_seed_directory(directory)
    reports: list[SourceReport] = []
    with transaction.atomic():
        for seed_file in seed_files:
            existing = SourceDocument.objects.filter(seed=seed_file.seed).first()
            changed = existing is None or existing.content_hash != seed_file.content_hash
            if changed:
                document = _store_seed_file(seed_file, existing)
                record_event(actor, "followup.source_imported", object_type="source_document",
                             object_uuid=document.uuid, details={"seed": seed_file.seed, **seed_file.counts()})
            else:
                assert existing is not None
                document = existing
            bad = [f"{a.area.key} {a.key} cites {a.citation!r}: {problem}"
                   for a in PlanAction.objects.filter(area__plan__source=document).select_related("area")
                   .order_by("area__position", "position") for problem in a.unresolved_citations]
            report = SourceReport(seed_file.seed, seed_file.counts(), changed, bad)
            reports.append(report)
            if progress is not None:
                progress(report.line())
    return reports


def _store_seed_file(seed_file: seeds.SeedFile, existing: SourceDocument | None) -> SourceDocument:
    now = timezone.now()
    if existing is None:
        document = SourceDocument.objects.create(seed=seed_file.seed, title=seed_file.title,
                                                 corrections=seed_file.corrections,
                                                 content_hash=seed_file.content_hash, imported_at=now)
    else:
        document = existing
        document.title, document.corrections = seed_file.title, seed_file.corrections
        document.content_hash, document.imported_at = seed_file.content_hash, now
        document.save()
    for seed_meeting in seed_file.meetings:
        meeting, _created = Meeting.objects.update_or_create(key=seed_meeting.key, defaults={
            "title": seed_meeting.title, "kind": seed_meeting.kind, "place": seed_meeting.place,
            "country": seed_meeting.country, "starts_on": seed_meeting.starts_on, "ends_on": seed_meeting.ends_on,
            "organisers": seed_meeting.organisers})
        _store_meeting_content(document, meeting, seed_meeting)
    # What a newer version of the file no longer holds goes; staff-recorded activities stay.
    kept = [m.key for m in seed_file.meetings]
    for model in (Recommendation, WorkingGroup, Agreement, FollowUpActivity):
        model.objects.filter(source=document).exclude(meeting__key__in=kept).delete()
    return document


def _store_meeting_content(document: SourceDocument, meeting: Meeting, seed_meeting: seeds.SeedMeeting) -> None:
    group_keys, recommendation_keys = [], []
    position = 0
    for g_position, (group_key, group_title, items) in enumerate(seed_meeting.working_groups):
        group, _c = WorkingGroup.objects.update_or_create(
            source=document, meeting=meeting, key=group_key, defaults={"title": group_title, "position": g_position})
        group_keys.append(group_key)
        for item in items:
            position += 1
            _store_recommendation(document, meeting, group, item, position)
            recommendation_keys.append(item.key)
    for item in seed_meeting.recommendations:
        position += 1
        _store_recommendation(document, meeting, None, item, position)
        recommendation_keys.append(item.key)
    WorkingGroup.objects.filter(source=document, meeting=meeting).exclude(key__in=group_keys).delete()
    Recommendation.objects.filter(source=document, meeting=meeting).exclude(key__in=recommendation_keys).delete()

    for a_position, item in enumerate(seed_meeting.agreements):
        Agreement.objects.update_or_create(source=document, meeting=meeting, key=item.key, defaults={
            "text": item.text, "status": item.fields["status"], "obstacles": item.fields["obstacles"],
            "position": a_position})
    Agreement.objects.filter(source=document, meeting=meeting).exclude(
        key__in=[i.key for i in seed_meeting.agreements]).delete()

    for f_position, item in enumerate(seed_meeting.activities):
        activity = FollowUpActivity.objects.filter(source=document, meeting=meeting, key=item.key).first()
        values = {"text": item.text, "theme": item.fields["theme"], "heading": item.fields["heading"],
                  "responsible": item.fields["responsible"], "due_on": item.fields["due_on"], "position": f_position}
        if activity is None:
            FollowUpActivity.objects.create(source=document, meeting=meeting, key=item.key,
                                            status=item.fields["status"], **values)
        else:
            # Status moves on with recorded progress; a re-import refreshes the text, not the progress.
            FollowUpActivity.objects.filter(pk=activity.pk).update(**values)
    FollowUpActivity.objects.filter(source=document, meeting=meeting).exclude(
        key__in=[i.key for i in seed_meeting.activities]).delete()

    if seed_meeting.action_plan is not None:
        _store_action_plan(document, meeting, seed_meeting.action_plan)


def _store_recommendation(document: SourceDocument, meeting: Meeting, group: WorkingGroup | None,
                          item: seeds.Item, position: int) -> None:
    Recommendation.objects.update_or_create(source=document, meeting=meeting, key=item.key, defaults={
        "working_group": group, "text": item.text, "theme": item.fields["theme"], "level": item.fields["level"],
        "addressees": item.fields["addressees"], "position": position})


def _store_action_plan(document: SourceDocument, meeting: Meeting, plan_data: dict[str, Any]) -> None:
    plan, _c = ActionPlan.objects.update_or_create(meeting=meeting, defaults={"source": document,
                                                                              "title": plan_data["title"]})
    # Citations name recommendations of the same meeting in the same document.
    known = {r.key: r for r in Recommendation.objects.filter(source=document, meeting=meeting)}
    sections = {key.split("-", 1)[0] for key in known}
    area_keys = []
    for a_position, area_data in enumerate(plan_data["areas"]):
        area, _c = ActionArea.objects.update_or_create(plan=plan, key=area_data["key"], defaults={
            "title": area_data["title"], "position": a_position})
        area_keys.append(area.key)
        for t_position, target_data in enumerate(area_data["targets"]):
            target = Target.objects.filter(area=area, key=target_data["key"]).first()
            if target is None:
                Target.objects.create(area=area, key=target_data["key"], text=target_data["text"],
                                      due_on=target_data["due_on"], position=t_position)
            elif not target.revisions.exists():
                # A target revised by the countries keeps its revision; the source only seeds it.
                Target.objects.filter(pk=target.pk).update(text=target_data["text"], due_on=target_data["due_on"],
                                                           position=t_position)
        Target.objects.filter(area=area).exclude(key__in=[t["key"] for t in area_data["targets"]]).delete()
        for x_position, action_data in enumerate(area_data["actions"]):
            citation = seeds.parse_citation(action_data["cites"]) if action_data["cites"] else None
            resolved, unresolved = [], []
            if citation is not None:
                if citation.unreadable:
                    unresolved.append(_("the citation cannot be read (%(why)s)") % {"why": citation.unreadable})
                for key in citation.keys:
                    section, item = key.split("-", 1)
                    if key in known:
                        resolved.append(known[key])
                    elif section not in sections:
                        unresolved.append(_("there is no section %(section)s") % {"section": section})
                    else:
                        unresolved.append(_("section %(section)s has no recommendation (%(item)s)")
                                          % {"section": section, "item": item})
            action, _c = PlanAction.objects.update_or_create(area=area, key=action_data["key"], defaults={
                "heading": action_data["heading"], "text": action_data["text"],
                "citation": action_data["cites"], "unresolved_citations": unresolved, "position": x_position})
            action.cited_recommendations.set(resolved)
        PlanAction.objects.filter(area=area).exclude(key__in=[x["key"] for x in area_data["actions"]]).delete()
    ActionArea.objects.filter(plan=plan).exclude(key__in=area_keys).delete()


# ---------------------------------------------------------------- staff writes


def create_activity(actor: Actor, meeting: Meeting, *, text: str, recommendations: list[Recommendation],
                    theme: str = Theme.OTHER, country: str = "", responsible: list[str] | None = None,
                    focal_point: str = "", due_on: dt.date | None = None) -> FollowUpActivity:
    _require_manage(actor)
    if not text.strip():
        raise BusinessRuleViolation(_("Say what the activity is."), field="text")
    if any(r.meeting_id != meeting.pk for r in recommendations):
        raise BusinessRuleViolation(_("A recommendation of another meeting was chosen."), field="recommendations")
    with transaction.atomic():
        activity = FollowUpActivity.objects.create(
            meeting=meeting, text=text.strip(), theme=theme, country=_country(country) if country else "",
            responsible=[r.strip() for r in (responsible or []) if r.strip()], focal_point=focal_point.strip(),
            due_on=due_on, created_by=actor.user, position=10_000)
        activity.recommendations.set(recommendations)
        record_event(actor, "followup.activity_created", object_type="follow_up_activity", object_uuid=activity.uuid)
    return activity


def record_progress(actor: Actor, activity: FollowUpActivity, *, text: str, status: str,
                    evidence: str = "", due_on: dt.date | None = None) -> ProgressNote:
    """A dated note; the activity takes the status it reports. A done activity needs evidence."""
    _require_manage(actor)
    if status not in ActivityStatus.values:
        raise BusinessRuleViolation(_("Unknown status."), field="status")
    if not text.strip():
        raise BusinessRuleViolation(_("Say what progress was made."), field="text")
    if status == ActivityStatus.DONE and not (evidence.strip() or activity.evidence):
        raise BusinessRuleViolation(_("Say what shows it is done (a report, a decree, a list of trainees)."),
                                    field="evidence")
    with transaction.atomic():
        note = ProgressNote.objects.create(activity=activity, text=text.strip(), status_after=status,
                                           evidence=evidence.strip(), written_by=actor.user,
                                           written_at=timezone.now())
        activity.status = status
        if evidence.strip():
            activity.evidence = "\n".join(filter(None, [activity.evidence, evidence.strip()]))
        if due_on is not None:
            activity.due_on = due_on
        activity.save()
        record_event(actor, "followup.progress_recorded", object_type="follow_up_activity",
                     object_uuid=activity.uuid, details={"status": status})
    return note


def adopt_action(actor: Actor, action: PlanAction, *, country: str, focal_point: str = "",
                 due_on: dt.date | None = None) -> ActionAdoption:
    _require_manage(actor)
    code = _country(country)
    if ActionAdoption.objects.filter(action=action, country=code).exists():
        raise BusinessRuleViolation(_("%(country)s has already adopted this action.") % {"country": code},
                                    field="country")
    with transaction.atomic():
        adoption = ActionAdoption.objects.create(action=action, country=code, focal_point=focal_point.strip(),
                                                 due_on=due_on, adopted_by=actor.user, adopted_at=timezone.now())
        record_event(actor, "followup.action_adopted", object_type="plan_action", object_uuid=action.uuid,
                     details={"country": code})
    return adoption


def record_adoption_progress(actor: Actor, adoption: ActionAdoption, *, text: str, status: str,
                             evidence: str = "") -> ProgressNote:
    _require_manage(actor)
    if status not in ActivityStatus.values:
        raise BusinessRuleViolation(_("Unknown status."), field="status")
    if not text.strip():
        raise BusinessRuleViolation(_("Say what progress was made."), field="text")
    if status == ActivityStatus.DONE and not evidence.strip():
        raise BusinessRuleViolation(_("Say what shows it is done (a report, a decree, a list of trainees)."),
                                    field="evidence")
    with transaction.atomic():
        note = ProgressNote.objects.create(adoption=adoption, text=text.strip(), status_after=status,
                                           evidence=evidence.strip(), written_by=actor.user,
                                           written_at=timezone.now())
        adoption.status = status
        adoption.save(update_fields=["status"])
        record_event(actor, "followup.adoption_progress", object_type="action_adoption", object_uuid=adoption.uuid,
                     details={"status": status, "country": adoption.country})
    return note


def revise_target(actor: Actor, target: Target, *, text: str, due_on: dt.date | None, reason: str) -> Target:
    """The countries revise a target; its earlier wording and date stay in the history."""
    _require_manage(actor)
    if not reason.strip():
        raise BusinessRuleViolation(_("Say why the target is revised."), field="reason")
    if not text.strip():
        raise BusinessRuleViolation(_("The target cannot be empty."), field="text")
    if text.strip() == target.text and due_on == target.due_on:
        raise BusinessRuleViolation(_("Nothing changed in the target."), field="text")
    with transaction.atomic():
        TargetRevision.objects.create(target=target, previous_text=target.text, previous_due_on=target.due_on,
                                      reason=reason.strip(), revised_by=actor.user, revised_at=timezone.now())
        target.text, target.due_on = text.strip(), due_on
        target.save(update_fields=["text", "due_on"])
        record_event(actor, "followup.target_revised", object_type="target", object_uuid=target.uuid)
    return target


def link_indicator(actor: Actor, recommendation: Recommendation, indicator: str) -> IndicatorLink:
    _require_manage(actor)
    if indicator not in indicator_catalogue():
        raise BusinessRuleViolation(_("Unknown indicator."), field="indicator")
    if IndicatorLink.objects.filter(recommendation=recommendation, indicator=indicator).exists():
        raise BusinessRuleViolation(_("This indicator is already linked."), field="indicator")
    with transaction.atomic():
        link = IndicatorLink.objects.create(recommendation=recommendation, indicator=indicator,
                                            linked_by=actor.user, linked_at=timezone.now())
        record_event(actor, "followup.indicator_linked", object_type="recommendation",
                     object_uuid=recommendation.uuid, details={"indicator": indicator})
    return link


def report_indicator_value(actor: Actor, *, indicator: str, country: str, period: str, value: str,
                           source: str) -> IndicatorValue:
    _require_manage(actor)
    if indicator not in indicator_catalogue():
        raise BusinessRuleViolation(_("Unknown indicator."), field="indicator")
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise BusinessRuleViolation(_("The value must be a number."), field="value") from None
    if not source.strip():
        raise BusinessRuleViolation(_("Say where the figure comes from."), field="source")
    code = _country(country)
    with transaction.atomic():
        reported, _c = IndicatorValue.objects.update_or_create(
            indicator=indicator, country=code, period=period.strip(),
            defaults={"value": number, "source": source.strip(), "reported_by": actor.user,
                      "reported_at": timezone.now()})
        record_event(actor, "followup.indicator_value_reported", object_type="indicator_value",
                     object_uuid=reported.uuid, details={"indicator": indicator, "country": code, "period": period})
    return reported
