"""Writes for information packages (with a four-eyes review before anything reaches the public)
and for abuse reports (a public form routed to the responsible service)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.text import listed
from tenpoint.information.models import (
    CONTENT_LANGUAGES,
    AbuseReport,
    AbuseReportChannel,
    AbuseReportUpdate,
    InformationPackage,
    PackageSection,
    Topic,
)
from tenpoint.lib.countries import UnknownCountryCode, normalise_country_code

LANGUAGE_CODES = {code for code, _name in CONTENT_LANGUAGES}
CONTENT_DIR = Path(__file__).resolve().parent / "content"
# Unambiguous letters and digits, so a reporter can read the reference out over a phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _require_manage(actor: Actor) -> None:
    require_permission(actor, "information.manage", _("Your role does not allow managing information packages."),
                       allow_system=True)


def _country(value: str) -> str:
    try:
        return normalise_country_code(value)
    except UnknownCountryCode as error:
        raise BusinessRuleViolation(str(error), field="country") from None


# ---------------------------------------------------------------- packages


def create_package(actor: Actor, *, country: str, language: str, title: str) -> InformationPackage:
    _require_manage(actor)
    code = _country(country)
    if language not in LANGUAGE_CODES:
        raise BusinessRuleViolation(_("Packages are written in English, Spanish, French, Arabic or Haitian Creole."),
                                    field="language")
    if not title.strip():
        raise BusinessRuleViolation(_("Give the package a title."), field="title")
    if InformationPackage.objects.filter(country=code, language=language).exists():
        raise BusinessRuleViolation(_("This country already has a package in this language: edit it."),
                                    field="language")
    with transaction.atomic():
        package = InformationPackage.objects.create(country=code, language=language, title=title.strip(),
                                                    edited_by=actor.user, edited_at=timezone.now())
        record_event(actor, "information.package_created", object_type="information_package",
                     object_uuid=package.uuid, details={"country": code, "language": language})
    return package


def edit_package(actor: Actor, package: InformationPackage, *, title: str,
                 sections: dict[str, tuple[str, str]]) -> InformationPackage:
    """Replace the draft. Editing a package waiting for review takes it back to draft; the
    published version stays online until a reviewer approves the new one."""
    _require_manage(actor)
    unknown = set(sections) - set(Topic.values)
    if unknown:
        raise BusinessRuleViolation(_("Unknown topic: %(topic)s") % {"topic": listed(sorted(unknown))})
    if not title.strip():
        raise BusinessRuleViolation(_("Give the package a title."), field="title")
    with transaction.atomic():
        package.title = title.strip()
        package.status = InformationPackage.Status.DRAFT
        package.edited_by, package.edited_at = actor.user, timezone.now()
        package.save()
        for topic in Topic.values:
            heading, body = sections.get(topic, ("", ""))
            if body.strip():
                PackageSection.objects.update_or_create(package=package, topic=topic, defaults={
                    "heading": heading.strip() or str(Topic(topic).label), "body": body.strip()})
            else:
                PackageSection.objects.filter(package=package, topic=topic).delete()
        record_event(actor, "information.package_edited", object_type="information_package",
                     object_uuid=package.uuid)
    return package


def submit_for_review(actor: Actor, package: InformationPackage) -> InformationPackage:
    _require_manage(actor)
    topics = set(package.sections.values_list("topic", flat=True))
    missing = [str(Topic(t).label) for t in Topic.values if t not in topics and t != Topic.WHERE_TO_GET_HELP]
    if missing:
        raise BusinessRuleViolation(_("Write these sections before review: %(topics)s") % {"topics": listed(missing)})
    with transaction.atomic():
        package.status = InformationPackage.Status.IN_REVIEW
        package.submitted_by = actor.user
        package.review_comment = ""
        package.save(update_fields=["status", "submitted_by", "review_comment"])
        record_event(actor, "information.package_submitted", object_type="information_package",
                     object_uuid=package.uuid)
    return package


def review_package(actor: Actor, package: InformationPackage, *, approve: bool, comment: str = "") -> InformationPackage:
    """A second person approves (the text goes public) or sends it back with a comment. Someone
    who wrote or submitted this version cannot approve it: what migrants read is checked twice."""
    _require_manage(actor)
    if package.status != InformationPackage.Status.IN_REVIEW:
        raise BusinessRuleViolation(_("Only a package waiting for review can be reviewed."))
    if actor.user is not None and actor.user.pk in (package.submitted_by_id, package.edited_by_id):
        raise BusinessRuleViolation(_("Another person must review what you wrote or submitted."))
    if not approve and not comment.strip():
        raise BusinessRuleViolation(_("Say what must change."), field="comment")
    with transaction.atomic():
        if approve:
            package.published_content = package_content(package)
            package.published_version += 1
            package.published_at, package.published_by = timezone.now(), actor.user
            package.status = InformationPackage.Status.PUBLISHED
            package.review_comment = comment.strip()
        else:
            package.status = InformationPackage.Status.DRAFT
            package.review_comment = comment.strip()
        package.save()
        record_event(actor, "information.package_approved" if approve else "information.package_returned",
                     object_type="information_package", object_uuid=package.uuid,
                     details={"version": package.published_version})
    return package


def package_content(package: InformationPackage) -> dict[str, Any]:
    order = {topic: index for index, topic in enumerate(Topic.values)}
    sections = sorted(package.sections.all(), key=lambda s: order[s.topic])
    return {"title": package.title, "language": package.language, "country": package.country,
            "sections": [{"topic": s.topic, "heading": s.heading, "body": s.body} for s in sections]}


@dataclass
class ContentLoadReport:
    created: int
    updated: int
    published: int
    unchanged: int = 0


def load_package_content(actor: Actor, path: Path, *, publish: bool = False) -> ContentLoadReport:
    """Load packages written in a YAML file (content/*.yaml): {country, packages: {lang: {title,
    sections: {topic: {heading, body}}}}}. Drafts by default; `publish` is for demonstrations,
    where the system itself approves them."""
    _require_manage(actor)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BusinessRuleViolation(f"{path.name}: line {mark.line + 1 if mark else '?'}: not valid YAML") from None
    if not isinstance(document, dict) or not isinstance(document.get("packages"), dict):
        raise BusinessRuleViolation(f"{path.name}: expected 'country' and 'packages'")
    country = _country(str(document.get("country", "")))
    problems = []
    for language, content in document["packages"].items():
        if language not in LANGUAGE_CODES:
            problems.append(f"{path.name}: {language}: not a content language")
            continue
        for topic, section in (content.get("sections") or {}).items():
            if topic not in Topic.values:
                problems.append(f"{path.name}: {language}: unknown topic {topic}")
            elif not isinstance(section, dict) or not str(section.get("body", "")).strip():
                problems.append(f"{path.name}: {language}: {topic} has no body")
        if not content.get("title"):
            problems.append(f"{path.name}: {language}: no title")
    if problems:
        raise BusinessRuleViolation("\n".join(problems))
    report = ContentLoadReport(0, 0, 0)
    with transaction.atomic():
        for language, content in document["packages"].items():
            package = InformationPackage.objects.filter(country=country, language=language).first()
            if package is None:
                package = create_package(actor, country=country, language=language, title=content["title"])
                report.created += 1
            elif package.sections.exists():
                report.updated += 1
            sections = {topic: (str(s.get("heading", "")), str(s["body"]))
                        for topic, s in (content.get("sections") or {}).items()}
            current = package_content(package)
            wanted = {"title": content["title"].strip(), "sections": {
                t: ((h.strip() or str(Topic(t).label)), b.strip()) for t, (h, b) in sections.items() if b.strip()}}
            unchanged = (current["title"] == wanted["title"]
                         and {s["topic"]: (s["heading"], s["body"]) for s in current["sections"]} == wanted["sections"])
            if unchanged and (not publish or package.published_content == current):
                report.unchanged += 1
                continue  # loading the same file again changes nothing
            edit_package(actor, package, title=content["title"], sections=sections)
            if publish:
                package.status = InformationPackage.Status.IN_REVIEW
                package.save(update_fields=["status"])
                review_package(actor, package, approve=True, comment="Example content published by the system.")
                report.published += 1
    return report


def save_channel(actor: Actor, *, country: str, service: Any, hotline: str = "", hotline_hours: str = "",
                 other_ways: str = "") -> AbuseReportChannel:
    _require_manage(actor)
    code = _country(country)
    if service.country != code:
        raise BusinessRuleViolation(_("Choose a service in the same country."), field="service")
    with transaction.atomic():
        channel, _created = AbuseReportChannel.objects.update_or_create(country=code, defaults={
            "service": service, "hotline": hotline.strip(), "hotline_hours": hotline_hours.strip(),
            "other_ways": other_ways.strip(), "is_active": True})
        record_event(actor, "information.abuse_channel_saved", object_type="abuse_report_channel",
                     object_uuid=channel.uuid, details={"country": code})
    return channel


# ---------------------------------------------------------------- abuse reports

MAX_REPORT_LENGTH = 5000


def receive_abuse_report(*, country: str, language: str, what_happened: str, where_it_happened: str = "",
                         when_it_happened: str = "", who_was_harmed: str, child_involved: bool = False,
                         wants_contact: bool = False, contact: str = "") -> AbuseReport:
    """A report from the public form. The reporter has no account: the audit names the public
    channel, and nothing identifies the reporter unless they chose to leave a way to reach them."""
    channel = AbuseReportChannel.objects.filter(country=country, is_active=True).select_related("service").first()
    if channel is None:
        raise BusinessRuleViolation(_("Reports for this country are not received here yet. Please use the hotline."))
    if not what_happened.strip():
        raise BusinessRuleViolation(_("Please say what happened."), field="what_happened")
    if len(what_happened) > MAX_REPORT_LENGTH:
        raise BusinessRuleViolation(_("Please keep it shorter (5,000 characters at most)."), field="what_happened")
    if who_was_harmed not in AbuseReport.Victim.values:
        raise BusinessRuleViolation(_("Please say who was harmed."), field="who_was_harmed")
    if wants_contact and not contact.strip():
        raise BusinessRuleViolation(_("Please say how we can reach you, or untick the box."), field="contact")
    with transaction.atomic():
        report = AbuseReport.objects.create(
            reference="".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(8)), country=country,
            language=language, service=channel.service, organisation=channel.service.organisation,
            what_happened=what_happened.strip(), where_it_happened=where_it_happened.strip()[:500],
            when_it_happened=when_it_happened.strip()[:60], who_was_harmed=who_was_harmed,
            child_involved=child_involved, wants_contact=wants_contact,
            contact=contact.strip()[:300] if wants_contact else "", received_at=timezone.now())
        record_event(Actor(None, "public"), "information.abuse_report_received", object_type="abuse_report",
                     object_uuid=report.uuid, details={"country": country, "service": str(channel.service.uuid)})
    return report


def update_abuse_report(actor: Actor, report: AbuseReport, *, status: str, note: str = "") -> AbuseReportUpdate:
    require_permission(actor, "information.receive_abuse_reports")
    if actor.user.organisation_id != report.organisation_id:
        raise BusinessRuleViolation(_("This report is routed to another organisation."))
    if status not in AbuseReport.Status.values:
        raise BusinessRuleViolation(_("Unknown status."), field="status")
    if status == AbuseReport.Status.CLOSED and not note.strip():
        raise BusinessRuleViolation(_("Say why the report is closed."), field="note")
    with transaction.atomic():
        update = AbuseReportUpdate.objects.create(report=report, status=status, note=note.strip(),
                                                  written_by=actor.user, written_at=timezone.now())
        report.status = status
        report.save(update_fields=["status"])
        record_event(actor, "information.abuse_report_updated", object_type="abuse_report", object_uuid=report.uuid,
                     details={"status": status})
    return update
