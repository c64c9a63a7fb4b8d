"""The tracker's rules, on small seed files written here: repeatable import, all-or-nothing
validation, citations checked, progress, adoptions, target revisions, indicators and reports."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.followup import selectors, services
from tenpoint.followup.models import (
    ActionAdoption,
    FollowUpActivity,
    Meeting,
    PlanAction,
    Recommendation,
    Target,
)
from tenpoint.followup.seeds import SeedFileError, parse_citation

PLAN_FILE = textwrap.dedent("""\
    seed: 900_plan
    title: Summary report and action plan
    corrections: ["Line 12: a footnote in the middle of recommendation I (ii) was moved out."]
    meetings:
      - key: dar-es-salaam-2010
        title: Regional Conference on Mixed Movements
        kind: conference
        place: Dar es Salaam
        country: TZA
        starts_on: 2010-09-06
        working_groups:
          - key: I
            title: Respecting human rights
            recommendations:
              - {key: I-i, text: States are encouraged to review their national laws., theme: human_rights, level: national, addressees: [states]}
              - {key: I-ii, text: States should mainstream human rights protection., theme: human_rights, level: national, addressees: [states]}
          - key: III
            title: Ensuring protection for refugees
            recommendations:
              - {key: III-vi, text: "Detention should be a measure of last resort.", theme: detention, level: national, addressees: [states]}
        follow_up_activities:
          - {key: fu-1, text: Establishment of a Mixed Migration Task Force, theme: cooperation, responsible: [UNHCR, IOM], status: done}
          - {key: fu-2, text: Follow-up meeting to be held in September 2011, theme: cooperation, status: planned, due_on: 2011-09-30}
        action_plan:
          title: Action Plan
          areas:
            - key: I
              title: Legislative and policy reform
              targets:
                - {key: I-t1, text: Comprehensive legislative review in at least four countries., due_on: 2012-12-31}
              actions:
                - {key: I-a1, heading: Instruments, text: Sign and ratify the main treaties., cites: "I (i), (ii)"}
                - {key: I-a2, heading: Detention, text: Provide alternatives to detention., cites: "I (ii) III (vi) V (vi)"}
                - {key: I-a3, heading: Detention, text: Separate administrative detainees., cites: "III (ix)"}
    """)
TABLE_FILE = textwrap.dedent("""\
    seed: 901_table
    title: Recommendations of Working Groups
    meetings:
      - key: san-jose-2009
        title: Regional Conference in the Americas
        kind: conference
        place: San José
        country: CRI
        starts_on: 2009-11-19
        working_groups:
          - key: A
            title: Human rights of people on the move
            recommendations:
              - {key: A1, text: States are encouraged to harmonize their national legislation., theme: human_rights, level: national, addressees: [states]}
              - {key: A2, text: Detention should be a measure of last resort., theme: detention, level: national, addressees: [states]}
    """)


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    (tmp_path / "900_plan.yaml").write_text(PLAN_FILE, encoding="utf-8")
    (tmp_path / "901_table.yaml").write_text(TABLE_FILE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def focal(cast):
    return cast["focal_point"]


def _snapshot() -> dict[str, int]:
    from django.apps import apps

    return {m.__name__: m._default_manager.count() for m in apps.get_app_config("followup").get_models()}


def test_the_import_prints_one_line_per_source_and_a_second_run_changes_nothing(db, seed_dir, capsys):
    call_command("followup", "import", "--directory", str(seed_dir))
    first = capsys.readouterr()
    assert "900_plan: 2 working groups, 3 recommendations, 2 follow-up activities, 1 action-plan area, " \
           "1 target, 3 actions, 2 bad citations" in first.out
    assert "901_table: 1 working group, 2 recommendations" in first.out
    assert "citation not linked: I I-a2 cites 'I (ii) III (vi) V (vi)': there is no section V" in first.err
    before, events = _snapshot(), AuditEvent.objects.count()
    call_command("followup", "import", "--directory", str(seed_dir))
    second = capsys.readouterr()
    assert "901_table: 1 working group, 2 recommendations (unchanged)" in second.out
    assert _snapshot() == before and AuditEvent.objects.count() == events


def test_citations_link_the_recommendations_they_name_and_report_the_ones_that_do_not_exist(db, seed_dir):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    a1, a2, a3 = PlanAction.objects.order_by("position")
    assert sorted(a1.cited_recommendations.values_list("key", flat=True)) == ["I-i", "I-ii"]
    assert sorted(a2.cited_recommendations.values_list("key", flat=True)) == ["I-ii", "III-vi"]
    assert a2.unresolved_citations == ["there is no section V"]
    assert a3.cited_recommendations.count() == 0
    assert a3.unresolved_citations == ["section III has no recommendation (ix)"]


def test_reading_citations_as_printed():
    assert parse_citation("I (i), (ii) II (i)").keys == ["I-i", "I-ii", "II-i"]
    assert parse_citation("VIII (ix)").keys == ["VIII-ix"]
    assert parse_citation("I (iii), III (ii) IV (iii), V (v) VII (iii)").keys == [
        "I-iii", "III-ii", "IV-iii", "V-v", "VII-iii"]
    assert parse_citation("IV(i), (ii)").keys == ["IV-i", "IV-ii"]
    assert parse_citation("I (viii) II (vi) IV (III)").keys == ["I-viii", "II-vi", "IV-iii"]
    assert parse_citation("VI (v) VI (v)").keys == ["VI-v"]
    assert parse_citation("(ii) I").unreadable
    assert "cannot read" in parse_citation("I (i) see annex").unreadable


def test_a_bad_file_imports_nothing_and_names_file_item_and_problem(db, seed_dir):
    (seed_dir / "902_bad.yaml").write_text(TABLE_FILE.replace("901_table", "902_bad").replace(
        "theme: detention", "theme: weather").replace("starts_on: 2009-11-19", "starts_on: 2009-11-19\n    ends_on: someday"),
        encoding="utf-8")
    with pytest.raises(SeedFileError) as refused:
        services.import_seed_material(Actor(None, "cli"), seed_dir)
    problems = "\n".join(refused.value.problems)
    assert "902_bad.yaml: meeting san-jose-2009 group A recommendations[2]: 'theme' is 'weather'" in problems
    assert "'ends_on' 'someday' is not a date" in problems
    assert Meeting.objects.count() == 0
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("followup", "import", "--directory", str(seed_dir))


def test_broken_yaml_is_reported_with_its_line(db, tmp_path):
    (tmp_path / "903_broken.yaml").write_text("seed: 903_broken\nmeetings:\n  - key: [unclosed\n", encoding="utf-8")
    with pytest.raises(SeedFileError, match=r"903_broken.yaml: line \d+: not valid YAML"):
        services.import_seed_material(Actor(None, "cli"), tmp_path)


def test_a_changed_file_updates_texts_but_keeps_recorded_progress_and_staff_activities(db, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    meeting = Meeting.objects.get(key="dar-es-salaam-2010")
    planned = FollowUpActivity.objects.get(key="fu-2")
    services.record_progress(Actor(focal), planned, text="Venue booked in Nairobi.", status="in_progress")
    own = services.create_activity(Actor(focal), meeting, text="National consultation in Kenya",
                                   recommendations=[], country="KEN")
    (seed_dir / "900_plan.yaml").write_text(PLAN_FILE.replace("Follow-up meeting to be held", "Follow-up meeting held"),
                                            encoding="utf-8")
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    planned.refresh_from_db()
    assert planned.text == "Follow-up meeting held in September 2011" and planned.status == "in_progress"
    assert FollowUpActivity.objects.filter(pk=own.pk).exists()


def test_only_a_focal_point_or_administrator_records_follow_up(db, seed_dir, cast):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    activity = FollowUpActivity.objects.get(key="fu-2")
    with pytest.raises(PermissionDenied):
        services.record_progress(Actor(cast["statistics_analyst"]), activity, text="x", status="done")
    with pytest.raises(PermissionDenied):
        services.import_seed_material(Actor(cast["registration_officer"]), seed_dir)


def test_an_activity_is_late_once_its_due_date_passes_unfinished_and_done_needs_evidence(db, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    late = FollowUpActivity.objects.get(key="fu-2")
    assert late.is_late(selectors.today())
    assert list(selectors.late_activities()) == [late]
    with pytest.raises(BusinessRuleViolation, match="what shows it is done"):
        services.record_progress(Actor(focal), late, text="It took place.", status="done")
    services.record_progress(Actor(focal), late, text="It took place.", status="done", evidence="Meeting report 2011")
    assert list(selectors.late_activities()) == []
    assert AuditEvent.objects.filter(action="followup.progress_recorded", object_uuid=late.uuid).exists()


def test_countries_adopt_actions_once_and_report_progress(db, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    action = PlanAction.objects.get(key="I-a2")
    adoption = services.adopt_action(Actor(focal), action, country="ken", due_on=dt.date(2012, 12, 31))
    assert adoption.country == "KEN"
    with pytest.raises(BusinessRuleViolation, match="already adopted"):
        services.adopt_action(Actor(focal), action, country="KEN")
    with pytest.raises(BusinessRuleViolation):
        services.adopt_action(Actor(focal), action, country="Atlantis")
    services.record_adoption_progress(Actor(focal), adoption, text="Draft bill on alternatives tabled.",
                                      status="in_progress")
    assert list(selectors.late_adoptions()) == [adoption]
    report = selectors.progress_report(country="KEN")
    assert [row.label for row in report.adoptions] == ["Provide alternatives to detention."]
    assert report.adoptions[0].latest_note == "Draft bill on alternatives tabled." and report.adoptions[0].late


def test_revising_a_target_keeps_its_history_and_a_reimport_does_not_undo_it(db, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    target = Target.objects.get()
    with pytest.raises(BusinessRuleViolation, match="why"):
        services.revise_target(Actor(focal), target, text="In at least six countries.", due_on=None, reason=" ")
    services.revise_target(Actor(focal), target, text="Comprehensive legislative review in at least six countries.",
                           due_on=dt.date(2014, 12, 31), reason="Second Regional Conference, 2012")
    revision = target.revisions.get()
    assert revision.previous_text == "Comprehensive legislative review in at least four countries."
    assert revision.previous_due_on == dt.date(2012, 12, 31)
    (seed_dir / "900_plan.yaml").write_text(PLAN_FILE + "# touched\n", encoding="utf-8")
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    target.refresh_from_db()
    assert "six countries" in target.text


def test_a_recommendation_is_linked_to_the_indicator_that_shows_its_progress(db, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    last_resort = Recommendation.objects.get(key="A2")
    services.link_indicator(Actor(focal), last_resort, "median_detention_days")
    with pytest.raises(BusinessRuleViolation):
        services.link_indicator(Actor(focal), last_resort, "happiness")
    services.report_indicator_value(Actor(focal), indicator="median_detention_days", country="CRI", period="2025",
                                    value="12,5", source="DGME annual report")
    with pytest.raises(BusinessRuleViolation, match="number"):
        services.report_indicator_value(Actor(focal), indicator="median_detention_days", country="CRI",
                                        period="2026", value="about ten", source="x")
    report = selectors.progress_report(theme="detention")
    assert [r.key for r, _a, _d in report.recommendations] == ["A2", "III-vi"]
    assert report.indicators == [("Median length of immigration detention", "CRI", "2025", "12.5",
                                  "DGME annual report")]


def test_a_recommendation_counts_its_activities_once_each_whatever_actions_cite_it(db, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    meeting = Meeting.objects.get(key="dar-es-salaam-2010")
    mainstream = Recommendation.objects.get(key="I-ii")  # cited by two actions of the plan
    for text in ("Training of border officials", "Review of the asylum law"):
        services.create_activity(Actor(focal), meeting, text=text, recommendations=[mainstream])
    annotated: list[Any] = [r for section in selectors.meeting_sections(meeting)
                            for _group, members in section.groups for r in members]
    counted = {r.key: (r.activity_count, r.action_count) for r in annotated}
    assert counted["I-ii"] == (2, 2)
    assert counted["I-i"] == (0, 1)


def test_meetings_are_listed_latest_first_and_recommendations_in_their_order(db, focal):
    call_command("followup", "import")  # the seeds' own material: dozens of recommendations a meeting
    listed = list(selectors.meetings_with_counts())
    assert [(m.starts_on, m.title) for m in listed] == sorted(
        ((m.starts_on, m.title) for m in listed), key=lambda when_what: (-when_what[0].toordinal(), when_what[1]))
    for meeting in listed:
        for section in selectors.meeting_sections(meeting):
            for _group, members in section.groups:
                positions = [r.position for r in members]
                assert positions == sorted(positions), (meeting.key, section.source.seed)


def test_tracker_pages_show_every_working_group_and_the_bad_citations(client, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    client.force_login(focal)
    home = client.get(reverse("followup:home")).content.decode()
    assert "Regional Conference in the Americas" in home and 'data-testid="late"' in home
    meeting = Meeting.objects.get(key="dar-es-salaam-2010")
    page = client.get(reverse("followup:meeting", args=[meeting.uuid])).content.decode()
    assert 'data-working-group="I"' in page and 'data-working-group="III"' in page
    assert "Detention should be a measure of last resort." in page
    plan = client.get(reverse("followup:plan", args=[meeting.action_plan.uuid])).content.decode()
    assert 'data-testid="bad-citations"' in plan and "there is no section V" in plan


def test_progress_is_recorded_on_the_page_and_a_refusal_shows_beside_the_field(client, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    activity = FollowUpActivity.objects.get(key="fu-2")
    client.force_login(focal)
    url = reverse("followup:activity", args=[activity.uuid])
    refused = client.post(url, {"text": "Held.", "status": "done", "evidence": ""})
    assert refused.status_code == 200 and 'data-error-for="evidence"' in refused.content.decode()
    assert client.post(url, {"text": "Held.", "status": "done", "evidence": "Minutes"}).status_code == 302
    activity.refresh_from_db()
    assert activity.status == "done"


def test_a_country_adopts_an_action_on_its_page(client, seed_dir, focal):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    action = PlanAction.objects.get(key="I-a1")
    client.force_login(focal)
    assert client.post(reverse("followup:action", args=[action.uuid]), {"country": "TZA"}).status_code == 302
    assert ActionAdoption.objects.get().country == "TZA"
    again = client.post(reverse("followup:action", args=[action.uuid]), {"country": "TZA"})
    assert "already adopted" in again.content.decode()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_progress_report_downloads_as_a_pdf(client, seed_dir, focal, language):
    services.import_seed_material(Actor(None, "cli"), seed_dir)
    services.adopt_action(Actor(focal), PlanAction.objects.get(key="I-a1"), country="TZA")
    focal.preferred_language = language
    focal.save()
    client.force_login(focal)
    response = client.get(reverse("followup:report_pdf") + "?country=TZA")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000
    assert client.get(reverse("followup:report_pdf") + "?country=ZZZ").status_code == 404
    page = client.get(reverse("followup:report") + "?theme=detention")
    assert page.status_code == 200


def test_a_focal_point_and_an_analyst_start_at_the_tracker(client, cast):
    for role in ("focal_point", "statistics_analyst"):
        client.force_login(cast[role])
        assert client.get("/")["Location"] == reverse("followup:home")
