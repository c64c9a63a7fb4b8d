"""Reads for information packages (public: only what a reviewer published) and abuse reports
(only the organisation the report was routed to, and every opening audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tenpoint.audit.services import Actor, record_event
from tenpoint.information.models import AbuseReport, AbuseReportChannel, InformationPackage
from tenpoint.referrals.selectors import service_directory


def published_packages() -> QuerySet[InformationPackage]:
    return InformationPackage.objects.exclude(published_content=None).order_by("country", "language")


@dataclass
class PublicService:
    name: str
    kind: str
    location: str
    for_whom: str
    languages: list[str]
    contact: str


@dataclass
class PublicPackage:
    package: InformationPackage
    content: dict[str, Any]
    channel: AbuseReportChannel | None
    services: list[PublicService]
    other_languages: list[InformationPackage]


def public_package(country: str, language: str) -> PublicPackage:
    """Only the reviewed version; no personal data (services are organisations, not people)."""
    package = published_packages().filter(country=country.upper(), language=language).first()
    if package is None or package.published_content is None:
        raise Http404(_("No information published for this country in this language."))
    # The directory's focal-point contact is a service's public line, not a person's number.
    services = [PublicService(s.name, str(s.get_kind_display()), s.location, s.for_whom, list(s.languages),
                              s.focal_point_contact) for s in service_directory(country=package.country)]
    channel = AbuseReportChannel.objects.filter(country=package.country, is_active=True).first()
    others = list(published_packages().filter(country=package.country).exclude(pk=package.pk))
    return PublicPackage(package, package.published_content, channel, services, others)


def abuse_reports_visible_to(user: Any) -> QuerySet[AbuseReport]:
    if user is None or not user.is_authenticated or not user.organisation_id:
        return AbuseReport.objects.none()
    if not user.has_role_permission("information.receive_abuse_reports"):
        return AbuseReport.objects.none()
    return AbuseReport.objects.filter(organisation_id=user.organisation_id).select_related("service")


def get_abuse_report(actor: Actor, report_uuid: Any) -> AbuseReport:
    try:
        report = abuse_reports_visible_to(actor.user).get(uuid=report_uuid)
    except (AbuseReport.DoesNotExist, ValueError):
        raise Http404(_("No such report, or not routed to your organisation.")) from None
    record_event(actor, "information.abuse_report_viewed", object_type="abuse_report", object_uuid=report.uuid)
    return report
