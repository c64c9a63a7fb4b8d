"""Information packages (written, reviewed by a second person, published) and abuse reports
(public form, routed to the responsible service, reporter protected)."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.information import services
from tenpoint.information.models import AbuseReport, InformationPackage
from tenpoint.information.services import CONTENT_DIR, load_package_content
from tenpoint.referrals.models import Service

SECTIONS = {"rights": ("Your rights", "Nobody may send you back to danger."),
            "asylum": ("Asylum", "Say that you want to ask for refuge."),
            "report_abuse": ("Report abuse", "Call the hotline."),
            "route_risks": ("Risks", "Smugglers lie."),
            "regular_options": ("Regular options", "Work permits exist.")}


@pytest.fixture
def writer(cast):
    return cast["focal_point"]


@pytest.fixture
def reviewer(cast):
    return cast["administrator"]


@pytest.fixture
def unit(cast):
    return Service.objects.create(organisation=cast.organisation, name="Anti-trafficking unit",
                                  kind="anti_trafficking_unit", country="CRI", location="San José")


def _published(writer, reviewer, language="en"):
    package = services.create_package(Actor(writer), country="CRI", language=language, title="Your rights")
    services.edit_package(Actor(writer), package, title="Your rights", sections=SECTIONS)
    services.submit_for_review(Actor(writer), package)
    return services.review_package(Actor(reviewer), package, approve=True)


def test_a_package_goes_public_only_after_another_person_approves_it(db, writer, reviewer):
    package = services.create_package(Actor(writer), country="cri", language="ht", title="Dwa ou")
    with pytest.raises(BusinessRuleViolation, match="before review"):
        services.submit_for_review(Actor(writer), package)
    services.edit_package(Actor(writer), package, title="Dwa ou", sections=SECTIONS)
    services.submit_for_review(Actor(writer), package)
    assert Client().get("/info/CRI/ht/").status_code == 404
    with pytest.raises(BusinessRuleViolation, match="Another person"):
        services.review_package(Actor(writer), package, approve=True)
    with pytest.raises(BusinessRuleViolation, match="what must change"):
        services.review_package(Actor(reviewer), package, approve=False)
    services.review_package(Actor(reviewer), package, approve=True)
    assert package.published_version == 1
    page = Client().get("/info/CRI/ht/")
    assert page.status_code == 200 and "Nobody may send you back to danger." in page.content.decode()
    assert AuditEvent.objects.filter(action="information.package_approved", object_uuid=package.uuid).exists()


def test_editing_a_published_package_leaves_the_reviewed_text_online_until_the_next_approval(db, writer, reviewer):
    package = _published(writer, reviewer)
    services.edit_package(Actor(writer), package, title="Your rights",
                          sections={**SECTIONS, "rights": ("Your rights", "UNREVIEWED DRAFT")})
    page = Client().get("/info/CRI/en/").content.decode()
    assert "UNREVIEWED DRAFT" not in page and "Nobody may send you back to danger." in page
    services.submit_for_review(Actor(writer), package)
    services.review_package(Actor(reviewer), package, approve=True)
    assert "UNREVIEWED DRAFT" in Client().get("/info/CRI/en/").content.decode()
    assert package.published_version == 2


def test_the_public_page_needs_no_login_and_lists_the_directory_services_of_the_country(db, writer, reviewer, unit):
    _published(writer, reviewer, "ar")
    Service.objects.create(organisation=unit.organisation, name="Shelter in Yemen", kind="shelter", country="YEM")
    page = Client().get("/info/CRI/ar/")
    body = page.content.decode()
    assert page.status_code == 200 and 'dir="rtl"' in body and 'lang="ar"' in body
    assert "Anti-trafficking unit" in body and "Shelter in Yemen" not in body
    assert "<script" not in body  # nothing to download but the page and one small stylesheet
    assert len(page.content) < 20_000


def _pdf_text(content: bytes, *, normalise: bool = True) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return unicodedata.normalize("NFKC", text) if normalise else text


def test_the_leaflet_is_a_pdf_in_the_package_language_with_arabic_joined_and_right_to_left(db, writer, reviewer):
    package = services.create_package(Actor(writer), country="CRI", language="ar", title="حقوقك في كوستاريكا")
    services.edit_package(Actor(writer), package, title="حقوقك في كوستاريكا",
                          sections={t: ("عنوان", "لا يجوز لأحد أن يعيدك إلى بلد تكون فيه حياتك في خطر.") for t in SECTIONS})
    services.submit_for_review(Actor(writer), package)
    services.review_package(Actor(reviewer), package, approve=True)
    response = Client().get("/info/CRI/ar/leaflet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    raw = response.content.decode("latin-1")
    # Drawn as joined letter forms (presentation forms), in an order a reader gets back as the words.
    drawn = _pdf_text(response.content, normalise=False)
    assert any("\ufe70" <= c <= "\ufeff" for c in drawn)
    text = _pdf_text(response.content)
    assert "حقوقك في كوستاريكا" in text and "لا يجوز لأحد أن يعيدك" in text
    assert "/Lang (ar)" in raw
    assert Client().get("/info/CRI/fr/leaflet.pdf").status_code == 404


def test_the_english_leaflet_reads_as_written_and_names_the_services(db, writer, reviewer, unit):
    _published(writer, reviewer, "en")
    text = _pdf_text(Client().get("/info/CRI/en/leaflet.pdf").content)
    assert "Nobody may send you back to danger." in text and "Anti-trafficking unit" in text


def test_an_abuse_report_reaches_only_the_routed_service_and_keeps_no_trace_of_the_reporter(
        db, writer, reviewer, unit, cast):
    _published(writer, reviewer, "es")
    services.save_channel(Actor(writer), country="CRI", service=unit, hotline="+506 0000-0000")
    public = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Phone/1.0")
    refused = public.post("/info/CRI/es/report/", {"what_happened": "", "who_was_harmed": "self"})
    assert refused.status_code == 200 and 'class="errorlist"' in refused.content.decode()
    response = public.post("/info/CRI/es/report/", {
        "what_happened": "Un policía me quitó el dinero en el puesto de control.", "where_it_happened": "Paso Canoas",
        "who_was_harmed": "self", "wants_contact": "on", "contact": "WhatsApp +506 8888 0000"})
    assert response.status_code == 200
    report = AbuseReport.objects.get()
    assert report.reference in response.content.decode()
    assert report.service == unit and report.organisation == cast.organisation
    # The free text is encrypted at rest; neither the address nor the browser is kept anywhere.
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_happened, contact FROM information_abusereport")
        stored = " ".join(cursor.fetchone())
    assert "policía" not in stored and "8888" not in stored
    event = AuditEvent.objects.get(action="information.abuse_report_received")
    assert event.actor_id is None and "203.0.113.77" not in str(event.details) and "Phone/1.0" not in str(event.details)

    protection = Client()
    protection.force_login(cast["protection_officer"])
    listing = protection.get(reverse("information:abuse_reports")).content.decode()
    assert report.reference in listing
    detail = protection.get(reverse("information:abuse_report", args=[report.uuid])).content.decode()
    assert "Un policía me quitó el dinero" in detail
    assert AuditEvent.objects.filter(action="information.abuse_report_viewed", object_uuid=report.uuid).exists()
    outsider = Client()
    cast.outsider.role = "protection_officer"
    cast.outsider.save()
    outsider.force_login(cast.outsider)
    assert outsider.get(reverse("information:abuse_report", args=[report.uuid])).status_code == 404
    assert report.reference not in outsider.get(reverse("information:abuse_reports")).content.decode()


def test_closing_a_report_needs_a_reason(db, writer, reviewer, unit, cast):
    services.save_channel(Actor(writer), country="CRI", service=unit)
    report = services.receive_abuse_report(country="CRI", language="en", what_happened="Beaten at the border.",
                                           who_was_harmed="someone_else", child_involved=True)
    with pytest.raises(BusinessRuleViolation, match="why"):
        services.update_abuse_report(Actor(cast["protection_officer"]), report, status="closed")
    services.update_abuse_report(Actor(cast["protection_officer"]), report, status="referred",
                                 note="Sent to the prosecutor's office.")
    report.refresh_from_db()
    assert report.status == "referred"


def test_a_country_without_a_reporting_channel_says_to_call_instead(db, writer, reviewer):
    _published(writer, reviewer, "en")
    response = Client().post("/info/CRI/en/report/", {"what_happened": "x", "who_was_harmed": "self"})
    assert response.status_code == 200 and "not received here yet" in response.content.decode()
    assert AbuseReport.objects.count() == 0


def test_the_example_content_loads_in_five_languages_and_a_second_load_changes_nothing(db, capsys):
    call_command("information", "load-content", str(CONTENT_DIR / "CRI.yaml"))
    assert "CRI.yaml: 5 created" in capsys.readouterr().out
    assert sorted(InformationPackage.objects.values_list("language", flat=True)) == ["ar", "en", "es", "fr", "ht"]
    assert not InformationPackage.objects.exclude(published_content=None).exists()  # drafts until reviewed
    report = load_package_content(Actor(None, "cli"), CONTENT_DIR / "CRI.yaml")
    assert (report.created, report.unchanged) == (0, 5)


def test_a_content_file_with_an_unknown_topic_loads_nothing(db, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("country: CRI\npackages:\n  en:\n    title: T\n    sections:\n      weather: {body: sunny}\n"
                    "  xx:\n    title: T\n", encoding="utf-8")
    with pytest.raises(BusinessRuleViolation) as refused:
        load_package_content(Actor(None, "cli"), path)
    assert "unknown topic weather" in str(refused.value) and "xx: not a content language" in str(refused.value)
    assert InformationPackage.objects.count() == 0


def test_writing_and_reviewing_through_the_pages(client, writer, reviewer):
    client.force_login(writer)
    response = client.post(reverse("information:packages"), {"country": "CRI", "language": "fr", "title": "Vos droits"})
    package = InformationPackage.objects.get()
    assert response.status_code == 302
    form = {"title": "Vos droits", **{f"{t}_heading": h for t, (h, _b) in SECTIONS.items()},
            **{f"{t}_body": b for t, (_h, b) in SECTIONS.items()}, "submit": "1"}
    assert client.post(reverse("information:package_edit", args=[package.uuid]), form).status_code == 302
    refused = client.post(reverse("information:package_review", args=[package.uuid]), {"approve": "1"})
    assert "Another person" in refused.content.decode()
    client.force_login(reviewer)
    assert client.post(reverse("information:package_review", args=[package.uuid]), {"approve": "1"}).status_code == 302
    package.refresh_from_db()
    assert package.status == "published"
