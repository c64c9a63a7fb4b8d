"""The conference material kept in followup/data/, checked against the source documents: counts
counted in the seeds by hand, and sample texts copied from them word for word."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from tenpoint.followup.models import (
    ActionArea,
    Agreement,
    FollowUpActivity,
    Meeting,
    PlanAction,
    Recommendation,
    SourceDocument,
    WorkingGroup,
)
from tenpoint.followup.seeds import DATA_DIR, read_seed_directory

SEEDS = ["000_005e50611983e488", "001_cdd6db4c33bbf1a0", "002_a47f48bbc176b316", "003_ecf249a3616ce4e8",
         "004_121a0f1458e7bf6c"]


@pytest.fixture
def imported(db, capsys):
    call_command("followup", "import")
    return capsys.readouterr().out


def test_every_seed_document_has_its_data_file_and_every_file_is_valid():
    files = read_seed_directory(DATA_DIR)
    assert [f.seed for f in files] == SEEDS
    for seed_file in files:
        assert seed_file.title and seed_file.meetings


def test_the_import_names_each_source_with_what_it_holds(imported):
    lines = [line for line in imported.splitlines() if line[:3].isdigit()]
    assert [line.split(":")[0] for line in lines] == SEEDS
    assert "003_ecf249a3616ce4e8: 8 working groups, 38 recommendations" in imported


def test_the_san_jose_2009_table_holds_eight_working_groups_of_five_recommendations_except_e(imported):
    table = SourceDocument.objects.get(seed="003_ecf249a3616ce4e8")
    groups = WorkingGroup.objects.filter(source=table).order_by("position")
    assert [g.key for g in groups] == list("ABCDEFGH")
    assert [g.recommendations.count() for g in groups] == [5, 5, 5, 5, 3, 5, 5, 5]
    first = Recommendation.objects.get(source=table, key="A1")
    assert first.text.startswith("States are encouraged to harmonize their national legislation with their "
                                 "international obligations arising from declarations and treaties.")
    assert Recommendation.objects.get(source=table, key="A3").text.startswith(
        "Detention should be a measure of last resort")
    # Working Group H's row was flattened over ten more lines in the seed, its first cell running
    # the longest; the data file joins every cell column by column.
    first_of_h = Recommendation.objects.get(source=table, key="H1").text
    assert first_of_h.endswith("agreements adopted within regional mechanisms.") and "\t" not in first_of_h
    assert "South American Conference on Migrations" in first_of_h
    assert Recommendation.objects.get(source=table, key="H5").text.endswith(
        "strengthen dialogue between the governments and civil society.")


def test_the_san_jose_summary_report_holds_its_56_recommendations(imported):
    report = SourceDocument.objects.get(seed="001_cdd6db4c33bbf1a0")
    assert Recommendation.objects.filter(source=report).count() == 56
    assert Recommendation.objects.filter(source=report, text__startswith="States are encouraged to accept the "
                                         "jurisdiction of the Inter-American Court of Human Rights").exists()
    assert Meeting.objects.get(key="san-jose-2009").recommendations.values("source").distinct().count() == 3


def test_the_dar_es_salaam_report_and_action_plan(imported):
    plan = Meeting.objects.get(key="dar-es-salaam-2010").action_plan
    summary = {g.key: g.recommendations.count() for g in WorkingGroup.objects.filter(
        meeting=plan.meeting, key__in=["I", "II", "III", "IV", "V", "VI", "VII", "VIII"])}
    assert summary == {"I": 8, "II": 9, "III": 7, "IV": 7, "V": 11, "VI": 5, "VII": 8, "VIII": 9}
    assert ActionArea.objects.filter(plan=plan).count() == 6
    assert PlanAction.objects.filter(area__plan=plan).count() == 58
    abuse = PlanAction.objects.get(area__plan=plan, text__startswith="Establish mechanisms for refugees and migrants "
                                   "to report abuses")
    assert list(abuse.cited_recommendations.values_list("key", flat=True)) == ["I-iv"]
    # III has seven recommendations: "III (ix)" cites one that does not exist, and is reported.
    wrong = PlanAction.objects.get(area__plan=plan, citation="III (ix)")
    assert wrong.unresolved_citations == ["section III has no recommendation (ix)"]
    assert "bad citation" in imported


def test_each_conference_of_the_compilation_has_its_selected_recommendations_and_activities(imported):
    for key in ("sanaa-2008", "dakar-2008", "san-jose-2009", "dar-es-salaam-2010", "almaty-2011", "manila-2010"):
        meeting = Meeting.objects.get(key=key)
        selected = meeting.recommendations.filter(source__seed="004_121a0f1458e7bf6c",
                                                  working_group__key__startswith="selected-")
        assert selected.exists(), key
        assert FollowUpActivity.objects.filter(meeting=meeting, source__seed="004_121a0f1458e7bf6c").exists(), key
    assert FollowUpActivity.objects.filter(text="Establishment of a Mixed Migration Task Force Yemen and Djibouti",
                                           meeting__key="sanaa-2008").exists()


def test_the_rcm_2016_meeting_reviews_earlier_agreements(imported):
    meeting = Meeting.objects.get(key="rcm-extra-regional-2016")
    assert meeting.starts_on.isoformat() == "2016-11-03"
    assert Agreement.objects.filter(meeting=meeting).exists()
    assert meeting.recommendations.filter(text__icontains="unidentifiable migrants").exists()


def test_the_tracker_shows_every_working_group_of_the_san_jose_table(client, cast, imported):
    client.force_login(cast["statistics_analyst"])
    meeting = Meeting.objects.get(key="san-jose-2009")
    page = client.get(reverse("followup:meeting", args=[meeting.uuid])).content.decode()
    table = page.split('data-source="003_ecf249a3616ce4e8"')[1].split('data-source="')[0]
    for key in "ABCDEFGH":
        assert f'data-working-group="{key}"' in table
    assert table.count("data-recommendation=") == 38
