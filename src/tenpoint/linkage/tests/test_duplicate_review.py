from __future__ import annotations

import math
import threading
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.lib.linkage import model
from tenpoint.linkage import selectors, services
from tenpoint.linkage.models import CandidatePair, DuplicateReview, SamePersonLink
from tenpoint.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered_twice(cast):
    officer = cast["registration_officer"]
    first = factories.make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame",
                                  birth_date="1994-03-02")
    again = factories.make_person(officer, given_name="Mohamed", father_name="Abdi", family_name="Warsame",
                                  birth_date="1994")
    twin = factories.make_person(officer, given_name="Hassan", family_name="Omar", birth_date="2008-02-14")
    factories.make_person(officer, given_name="Hussein", family_name="Omar", birth_date="2008-02-14")
    factories.make_person(cast.outsider, given_name="Maxamed", father_name="Cabdi", family_name="Warsame",
                          birth_date="1994-03-02")
    return first, again, twin


def test_a_review_queues_the_person_registered_twice_and_not_twins_or_other_organisations(cast, registered_twice):
    first, again, _twin = registered_twice
    review = services.start_duplicate_review(Actor(cast["supervisor"]))
    pairs = list(review.pairs.all())
    assert [(p.kept_id, p.other_id) for p in pairs] == [(first.uuid, again.uuid)]
    assert review.people_compared == 4  # the other organisation's look-alike is not compared
    assert SamePersonLink.objects.count() == 0  # suggested, not linked
    assert "sounds like" in " ".join(selectors.pair_reasons(pairs[0]))


def test_the_pair_page_shows_what_the_model_weighed_and_it_adds_up_to_the_score(client, cast, registered_twice):
    services.start_duplicate_review(Actor(cast["supervisor"]))
    pair = CandidatePair.objects.get()
    levels = {level["comparison"]: level for level in pair.model_weights["levels"]}
    # Maxamed Cabdi / Mohamed Abdi Warsame, 1994-03-02 / 1994
    assert levels["family_name"]["level"] == model.EXACT and levels["family_name"]["weight"] > 0
    assert levels["birth_date"]["level"] == model.SAME_YEAR_ONE_VAGUE
    total = pair.model_weights["prior"] + sum(level["weight"] for level in levels.values())
    assert total == pytest.approx(math.log2(pair.match_probability / (1 - pair.match_probability)), abs=1e-3)
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/pairs/{pair.uuid}/").content.decode()
    assert 'data-testid="model-weights"' in page
    assert "the same year, one record only a year or 1 January" in page
    weights = selectors.pair_model_weights(pair)
    assert weights is not None and weights.total_shown in page
    # The queue's row names what weighed most for one person.
    strongest = max(weights.comparisons, key=lambda c: c.weight)
    queue = client.get(f"/linkage/reviews/{pair.review.uuid}/").content.decode()
    assert f"{strongest.comparison}: {strongest.level}" in queue and 'data-testid="weighed-most"' in queue


def test_a_reviewer_takes_the_pairs_of_one_kind_of_evidence_together(client, cast, registered_twice):
    officer = cast["registration_officer"]
    factories.make_person(officer, given_name="Wolde", family_name="Zerihun", birth_date="1984-11-23")
    factories.make_person(officer, given_name="Zerihun", family_name="Wolde", birth_date="1984-11-23")
    review = services.start_duplicate_review(Actor(cast["supervisor"]))
    pairs = list(review.pairs.all())
    assert len(pairs) == 2 and all(p.weighed_most for p in pairs)
    groups = selectors.weighed_most_groups(review)
    assert sorted(g.key for g in groups) == sorted(p.weighed_most for p in pairs) and len(groups) == 2
    swapped = next(p for p in pairs if "Wolde" in p.kept.full_name)
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/reviews/{review.uuid}/", {"most": swapped.weighed_most}).content.decode()
    assert swapped.kept.reference in page and "Warsame" not in page
    assert 'data-testid="weighed-most-groups"' in page
    everything = client.get(f"/linkage/reviews/{review.uuid}/", {"most": "no such|kind"}).content.decode()
    assert swapped.kept.reference in everything and "Warsame" in everything
    assert AuditEvent.objects.filter(action="people.listed_for_duplicate_review",
                                     details__weighed_most=swapped.weighed_most).exists()


def test_what_weighed_most_is_punctuated_as_the_readers_language_does(client, cast, registered_twice):
    import re

    review = services.start_duplicate_review(Actor(cast["supervisor"]))
    cast["supervisor"].preferred_language = "fr"
    cast["supervisor"].save(update_fields=["preferred_language"])
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/reviews/{review.uuid}/").content.decode()
    cell = page.split('data-testid="weighed-most">')[1].split("</td>")[0]
    filters = page.split('data-testid="weighed-most-groups"')[1].split("</div>")[0]
    # French puts a space before the colon: "Noms de famille : concordent".
    for text in (cell, filters):
        assert re.search(r"\w : \w", text) and not re.search(r"\w: ", text), text


@pytest.fixture
def two_kinds(cast, registered_twice):
    """A run (confident from 0.6) queuing two pairs whose strongest evidence differs: Warsame (a
    name respelled) and Wolde Zerihun (the names swapped)."""
    officer = cast["registration_officer"]
    factories.make_person(officer, given_name="Wolde", family_name="Zerihun", birth_date="1984-11-23")
    factories.make_person(officer, given_name="Zerihun", family_name="Wolde", birth_date="1984-11-23")
    review = services.start_duplicate_review(Actor(cast["supervisor"]), review_from=0.5, confident_from=0.6)
    swapped = review.pairs.get(kept__family_name="Zerihun")
    respelled = review.pairs.get(kept__family_name="Warsame")
    assert swapped.weighed_most != respelled.weighed_most
    # Placed in known bands: the swap in the confident band, the respelling just below it.
    CandidatePair.objects.filter(pk=swapped.pk).update(match_probability=0.95)
    CandidatePair.objects.filter(pk=respelled.pk).update(match_probability=0.55)
    return review, swapped, respelled


def test_each_filter_counts_within_the_other(client, cast, two_kinds):
    review, swapped, respelled = two_kinds
    counted = {band.key: band.pairs for band in selectors.score_bands(review, weighed_most=swapped.weighed_most)}
    assert counted == {"0.6-1": 1, "0.5-0.6": 0}
    assert {band.key: band.pairs for band in selectors.score_bands(review)} == {"0.6-1": 1, "0.5-0.6": 1}
    lower = selectors.score_band(review, "0.5-0.6")
    assert [(g.key, g.pairs) for g in selectors.weighed_most_groups(review, band=lower)] == [
        (respelled.weighed_most, 1)]
    # The kind chosen stays offered in a band that holds none of it, with no pairs.
    kept = selectors.weighed_most_groups(review, band=lower, selected=swapped.weighed_most)
    assert (swapped.weighed_most, 0) in [(g.key, g.pairs) for g in kept]
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/reviews/{review.uuid}/", {"band": "0.5-0.6", "most": swapped.weighed_most})
    assert page.status_code == 200
    html = page.content.decode()
    assert "No pair here." in html and "Warsame" not in html


def test_confirming_confident_pairs_of_one_kind_leaves_the_other_kinds_waiting(client, cast, two_kinds):
    review, swapped, respelled = two_kinds
    CandidatePair.objects.filter(pk=respelled.pk).update(match_probability=0.97)
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/reviews/{review.uuid}/", {"most": swapped.weighed_most}).content.decode()
    assert f'name="most" value="{swapped.weighed_most}"' in page and "1 pair where" in page
    answer = client.post(f"/linkage/reviews/{review.uuid}/", {"confirm": "confident", "most": swapped.weighed_most})
    assert answer.status_code == 302 and "most=" in answer["Location"]
    swapped.refresh_from_db()
    respelled.refresh_from_db()
    assert swapped.decision == CandidatePair.Decision.SAME_PERSON
    assert respelled.decision == CandidatePair.Decision.PENDING
    # Unfiltered, the button confirms what is left.
    assert services.confirm_confident_pairs(Actor(cast["supervisor"]), review) == 1


def test_someone_registered_again_under_a_name_recorded_as_an_alias_is_queued(cast, client):
    officer = cast["registration_officer"]
    yonas = factories.make_person(officer, given_name="Yonas", family_name="Tesfamariam Gebre", sex="M",
                                  birth_date="1990-04-12", aliases=["Ibrahim Idris Mohammed"])
    again = factories.make_person(officer, given_name="Ibrahim", family_name="Idris Mohammed", sex="M",
                                  birth_date="1990")
    review = services.start_duplicate_review(Actor(cast["supervisor"]))
    pairs = list(review.pairs.all())
    # One pair of two people: never Yonas with his own alias, never twice.
    assert [(p.kept_id, p.other_id) for p in pairs] == [(yonas.uuid, again.uuid)]
    assert "“ibrahim” exact" in " ".join(selectors.pair_reasons(pairs[0])).lower()
    # The reviewer is told which name was compared: "Yonas" beside "Ibrahim" and "given names:
    # the same" made no sense without it.
    assert pairs[0].names_compared == {"kept": "Ibrahim Idris Mohammed"}
    client.force_login(cast["supervisor"])
    pair_page = client.get(f"/linkage/pairs/{pairs[0].uuid}/").content.decode()
    assert "compared under another name of theirs: “<bdi>Ibrahim Idris Mohammed</bdi>”" in pair_page
    assert pair_page.count('data-testid="compared-under"') == 1
    # Said once, beside the name: the reasons do not repeat it.
    assert pair_page.count("Ibrahim Idris Mohammed") == 1
    assert "“ibrahim” exact" in pair_page.lower()
    queue = client.get(f"/linkage/reviews/{review.uuid}/").content.decode()
    assert "(as “<bdi>Ibrahim Idris Mohammed</bdi>”)" in queue


def test_a_reason_about_another_alias_than_the_one_shown_beside_the_name_stays():
    reasons = [{"code": "name_exact", "typed": "Ibrahim", "found": "", "weight": 1.0},
               {"code": "other_name_found", "typed": "", "found": "Ibrahim Idris", "weight": 0.0},
               {"code": "other_name_typed", "typed": "Abu Ali", "found": "", "weight": 0.0}]
    shown = {"kept": "Ibrahim Idris", "other": "Abu Ali"}
    assert selectors.pair_reasons(CandidatePair(reasons=reasons, names_compared=shown)) == ["“Ibrahim” exact"]
    # The scorer found the record under another of its names than the model did: the reader must
    # know which name its reasons are about.
    other = {"kept": "Ibrahim Idris Mohammed"}
    assert selectors.pair_reasons(CandidatePair(reasons=reasons, names_compared=other)) == [
        "“Ibrahim” exact", "compared under another name of this record: “Ibrahim Idris”",
        "compared under another name of the person typed: “Abu Ali”"]


def test_someone_registered_again_only_in_the_script_of_their_documents_is_queued(cast, client):
    officer = cast["registration_officer"]
    first = factories.make_person(officer, given_name="Ali", father_name="Omar", family_name="Al-Hassan", sex="M",
                                  birth_date="1988-03-15", nationality_declared="YEM", languages=["ara"])
    # Another post wrote the name from his documents, in Arabic script only, and the year.
    again = factories.make_person(officer, given_name="", father_name="", family_name="", sex="M",
                                  name_in_original_script="علي عمر الحسن", birth_date="1988",
                                  nationality_declared="YEM", languages=["ara"])
    factories.make_person(officer, given_name="Ali", father_name="Omar", family_name="Saleh", sex="M",
                          birth_date="1960-11-02", nationality_declared="YEM", languages=["ara"])
    review = services.start_duplicate_review(Actor(cast["supervisor"]))
    pairs = list(review.pairs.all())
    assert [(p.kept_id, p.other_id) for p in pairs] == [(first.uuid, again.uuid)]
    # The queue shows the name as the documents write it: the second record has no other.
    client.force_login(cast["supervisor"])
    queue = client.get(f"/linkage/reviews/{review.uuid}/").content.decode()
    assert '<span dir="auto">علي عمر الحسن</span>' in queue


def test_pairs_found_through_several_names_of_one_person_are_one_pair_of_people():
    import pandas as pd

    a, b = "aaaaaaaa-0000-0000-0000-000000000001", "bbbbbbbb-0000-0000-0000-000000000002"
    found = pd.DataFrame({
        "record_id_l": [f"{a}~alias-1", b, a],
        "record_id_r": [b, a, f"{a}~alias-2"],
        "match_probability": [0.93, 0.61, 0.99],
        "cluster": [f"{a}~alias-1", "", a],
    })
    people = selectors.pairs_of_people(found)
    assert people.to_dict("records") == [
        {"record_id_l": a, "record_id_r": b, "row_l": f"{a}~alias-1", "row_r": b, "match_probability": 0.93,
         "cluster": a}]
    # Found the other way round, the rows stay with their people.
    people = selectors.pairs_of_people(found.rename(columns={"record_id_l": "record_id_r",
                                                             "record_id_r": "record_id_l"}))
    assert people[["record_id_l", "row_l", "record_id_r", "row_r"]].to_dict("records") == [
        {"record_id_l": a, "row_l": f"{a}~alias-1", "record_id_r": b, "row_r": b}]


def test_only_a_reviewer_may_run_a_review(cast):
    with pytest.raises(PermissionDenied):
        services.start_duplicate_review(Actor(cast["registration_officer"]))


def test_same_person_links_the_later_record_and_undoing_restores_the_queue(cast, registered_twice):
    supervisor = Actor(cast["supervisor"])
    first, again, _twin = registered_twice
    pair = services.start_duplicate_review(supervisor).pairs.get()
    services.decide_pair(supervisor, pair, "same_person", note="Same phone and mother's name")
    link = SamePersonLink.objects.get()
    assert (link.person_id, link.same_as_id) == (again.uuid, first.uuid)
    assert selectors.same_person_links(first)["also_registered_as"] == [link]
    assert AuditEvent.objects.filter(action="linkage.pair_decided", object_uuid=again.uuid).exists()

    with pytest.raises(BusinessRuleViolation):
        services.decide_pair(supervisor, pair, "different_people")  # decided already
    with pytest.raises(BusinessRuleViolation):
        services.undo_same_person(supervisor, link, reason=" ")
    services.undo_same_person(supervisor, link, reason="Different mothers' names on second interview")
    pair.refresh_from_db()
    assert pair.decision == CandidatePair.Decision.PENDING
    assert selectors.same_person_links(first)["also_registered_as"] == []
    assert AuditEvent.objects.filter(action="linkage.link_undone", object_uuid=again.uuid).exists()


def test_confirming_confident_pairs_leaves_uncertain_ones_for_a_person(cast, registered_twice):
    supervisor = Actor(cast["supervisor"])
    review = services.start_duplicate_review(supervisor, review_from=0.5, confident_from=0.999999)
    assert services.confirm_confident_pairs(supervisor, review) == 0
    assert review.pairs.get().decision == CandidatePair.Decision.PENDING
    review = services.start_duplicate_review(supervisor, review_from=0.5, confident_from=0.6)
    assert services.confirm_confident_pairs(supervisor, review) == 1


def test_a_review_threshold_below_what_the_model_scores_is_refused(cast):
    with pytest.raises(BusinessRuleViolation, match=r"at least 0\.2"):
        services.start_duplicate_review(Actor(cast["supervisor"]), review_from=0.1)


def test_a_review_the_engine_cannot_finish_is_marked_failed_with_the_reason(client, cast, registered_twice,
                                                                           monkeypatch):
    monkeypatch.setenv("TENPOINT_DUCKDB_MEMORY_LIMIT", "1MB")  # a real out-of-memory in DuckDB
    with pytest.raises(BusinessRuleViolation, match="could not finish"):
        services.start_duplicate_review(Actor(cast["supervisor"]))
    review = DuplicateReview.objects.get()
    assert review.status == DuplicateReview.Status.FAILED
    assert "Out of Memory" in review.problem and "SELECT" not in review.problem
    assert not review.pairs.exists()
    assert AuditEvent.objects.filter(action="linkage.review_failed", object_uuid=review.uuid).exists()

    client.force_login(cast["supervisor"])
    started = client.post("/linkage/reviews/", follow=True)  # the page says so; no error page
    assert started.status_code == 200
    assert "could not finish" in started.content.decode() and "Failed: Out of Memory" in started.content.decode()


def test_a_cluster_of_three_points_at_one_kept_record(cast):
    officer, supervisor = cast["registration_officer"], Actor(cast["supervisor"])
    a = factories.make_person(officer, given_name="Tesfaye", family_name="Gebremedhin", birth_date="2001-07-09")
    factories.make_person(officer, given_name="Tesfay", family_name="Gebremedhin", birth_date="2001-07-09")
    factories.make_person(officer, given_name="Gebremedhin", family_name="Tesfaye", birth_date="2001-07-09")
    review = services.start_duplicate_review(supervisor)
    assert review.pairs.count() == 3
    for order in ("-match_probability", "match_probability"):  # whatever order the reviewer takes
        SamePersonLink.objects.all().delete()
        review.pairs.update(decision="pending")
        for pair in review.pairs.order_by(order):
            services.decide_pair(supervisor, pair, "same_person")  # the last pair is already one cluster
        assert SamePersonLink.objects.count() == 2
        roots = set(SamePersonLink.objects.values_list("same_as", flat=True))
        assert len(roots) == 1 and not SamePersonLink.objects.filter(person__in=roots).exists()
    assert a.uuid in {p.kept_id for p in review.pairs.all()}


def test_the_pair_page_lists_the_rest_of_the_clustering_group(client, cast):
    officer = cast["registration_officer"]
    a = factories.make_person(officer, given_name="Tesfaye", family_name="Gebremedhin", birth_date="2001-07-09")
    b = factories.make_person(officer, given_name="Tesfay", family_name="Gebremedhin", birth_date="2001-07-09")
    c = factories.make_person(officer, given_name="Gebremedhin", family_name="Tesfaye", birth_date="2001-07-09")
    review = services.start_duplicate_review(Actor(cast["supervisor"]))
    assert review.pairs.exclude(cluster="").count() == 3
    assert len({p.cluster for p in review.pairs.all()}) == 1
    pair = review.pairs.get(kept=a, other=b)
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/pairs/{pair.uuid}/").content.decode()
    group = page.split('data-testid="cluster"')[1].split("</ul>")[0]
    assert c.reference in group and a.reference not in group and b.reference not in group
    assert AuditEvent.objects.filter(action="people.listed_for_duplicate_review",
                                     details__cluster_people=[str(c.uuid)]).exists()


def test_the_queue_pages_walk_a_reviewer_through_a_decision(client, cast, registered_twice):
    first, again, _twin = registered_twice
    client.force_login(cast["supervisor"])
    started = client.post("/linkage/reviews/")
    assert started.status_code == 302
    queue = client.get(started["Location"])
    assert queue.status_code == 200 and b'data-testid="pair"' in queue.content
    pair = CandidatePair.objects.get()
    page = client.get(f"/linkage/pairs/{pair.uuid}/")
    assert b"Warsame" in page.content and b'data-testid="reasons"' in page.content
    decided = client.post(f"/linkage/pairs/{pair.uuid}/", {"decision": "same_person", "note": "checked"})
    assert decided.status_code == 302
    person_page = client.get(f"/people/{again.uuid}/").content.decode()
    assert 'data-testid="same-person-as"' in person_page and str(first.uuid) in person_page
    bad = client.post(f"/linkage/pairs/{pair.uuid}/", {"decision": "same_person"})
    assert bad.status_code == 302  # refused with a message, no 500
    link = SamePersonLink.objects.get()
    client.post(f"/linkage/links/{link.uuid}/undo/", {"reason": "not him"})
    link.refresh_from_db()
    assert link.undone_at is not None


def test_another_organisation_cannot_open_the_queue(client, cast, registered_twice):
    review = services.start_duplicate_review(Actor(cast["supervisor"]))
    outsider = cast.outsider
    outsider.role = "supervisor"
    outsider.save()
    client.force_login(outsider)
    assert client.get(f"/linkage/reviews/{review.uuid}/").status_code == 404
    assert client.get(f"/linkage/pairs/{review.pairs.get().uuid}/").status_code == 404


def test_the_command_runs_a_review_for_a_reviewer_and_refuses_anyone_else(cast, registered_twice):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("link", "review", "--user", cast["supervisor"].username, stdout=out, stderr=StringIO())
    assert "4 people compared, 1 possible duplicates waiting for review" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("link", "review", "--user", cast["registration_officer"].username, stderr=StringIO())


def _review_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("duplicate-review-")]


@pytest.mark.django_db(transaction=True)
def test_a_review_started_on_the_page_runs_in_the_background_and_its_page_follows_it(client, cast, registered_twice,
                                                                                    settings, monkeypatch):
    settings.LINKAGE_REVIEWS_IN_BACKGROUND = True
    _first, again, _twin = registered_twice
    # The real engine, held at its start until the page has been looked at mid-run.
    # The test then looks while the run touches no table: the in-memory SQLite test database
    # would refuse two connections writing at once ("table is locked"), which a file does not.
    reached_engine, may_compare = threading.Event(), threading.Event()
    engine = services.possible_duplicates

    def held_engine(*args, **kwargs):
        reached_engine.set()
        assert may_compare.wait(30)
        return engine(*args, **kwargs)

    monkeypatch.setattr(services, "possible_duplicates", held_engine)
    client.force_login(cast["supervisor"])
    started = client.post("/linkage/reviews/")
    assert started.status_code == 302  # at once, before the comparison
    review = DuplicateReview.objects.get()
    assert reached_engine.wait(30)
    running = client.get(started["Location"]).content.decode()
    assert 'data-testid="review-running"' in running and 'http-equiv="refresh"' in running
    assert "Running" in client.get("/linkage/reviews/").content.decode()
    refused = client.post("/linkage/reviews/", follow=True).content.decode()
    assert "still running" in refused and DuplicateReview.objects.count() == 1  # one run at a time
    may_compare.set()
    for thread in _review_threads():
        thread.join(60)
    review.refresh_from_db()
    assert review.status == DuplicateReview.Status.DONE and review.runner
    done = client.get(started["Location"]).content.decode()
    assert 'data-testid="pair"' in done and again.reference in done and 'http-equiv="refresh"' not in done
    assert AuditEvent.objects.filter(action="linkage.review_run", object_uuid=review.uuid).exists()


def test_a_review_whose_process_stopped_shows_as_interrupted_and_a_new_one_replaces_it(client, cast,
                                                                                      registered_twice):
    import subprocess

    from tenpoint.linkage.processes import this_process

    stopped = subprocess.Popen(["true"])
    stopped.wait()  # a process that ran a review and is gone
    review = services.request_duplicate_review(Actor(cast["supervisor"]))
    review.runner = f"{this_process().rpartition(':')[0]}:{stopped.pid}"
    review.save()
    assert not selectors.run_is_alive(review)
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/reviews/{review.uuid}/").content.decode()
    assert 'data-testid="review-interrupted"' in page and 'data-testid="start-review"' in page
    assert "Interrupted before it finished" in client.get("/linkage/reviews/").content.decode()
    again = client.post("/linkage/reviews/")
    assert again.status_code == 302
    review.refresh_from_db()
    assert review.status == DuplicateReview.Status.INTERRUPTED
    assert AuditEvent.objects.filter(action="linkage.review_interrupted", object_uuid=review.uuid).exists()
    assert DuplicateReview.objects.get(status=DuplicateReview.Status.DONE).pairs.count() == 1


def test_a_review_stopped_while_scoring_is_resumed_from_the_model_it_kept(client, cast, registered_twice):
    first, again, _twin = registered_twice
    supervisor = Actor(cast["supervisor"])

    def stopped_while_scoring(message: str) -> None:
        if message == "scoring candidate pairs":
            raise KeyboardInterrupt  # the command stopped, or the server restarted

    with pytest.raises(KeyboardInterrupt):
        services.start_duplicate_review(supervisor, progress=stopped_while_scoring)
    stopped = DuplicateReview.objects.get()
    assert stopped.status == DuplicateReview.Status.RUNNING and stopped.trained_model  # kept before the scoring
    assert not stopped.pairs.exists()
    client.force_login(cast["supervisor"])
    assert 'data-testid="review-resumable"' in client.get(f"/linkage/reviews/{stopped.uuid}/").content.decode()

    said: list[str] = []
    resumed = services.start_duplicate_review(supervisor, progress=said.append)
    stopped.refresh_from_db()
    assert stopped.status == DuplicateReview.Status.INTERRUPTED
    assert resumed.model_from == stopped and "resumed" in resumed.method
    assert any(m.startswith("resuming the review of") for m in said)
    assert "using the saved model: no training" in said
    assert [(p.kept_id, p.other_id) for p in resumed.pairs.all()] == [(first.uuid, again.uuid)]
    assert resumed.trained_model == stopped.trained_model  # kept again: later reviews build on it
    started = AuditEvent.objects.get(action="linkage.review_started", object_uuid=resumed.uuid)
    assert started.details["model_from"] == str(stopped.uuid)

    # A review that finished is not resumed; asked to, a review trains again.
    assert selectors.interrupted_review_to_resume(resumed.organisation) is None
    fresh = services.start_duplicate_review(supervisor, progress=said.append)
    assert fresh.model_from is None


def test_a_review_can_be_told_to_train_again_instead_of_resuming(cast, registered_twice):
    supervisor = Actor(cast["supervisor"])

    def stopped_while_scoring(message: str) -> None:
        if message == "scoring candidate pairs":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.start_duplicate_review(supervisor, progress=stopped_while_scoring)
    from io import StringIO

    from django.core.management import call_command

    said = StringIO()
    call_command("link", "review", "--user", cast["supervisor"].username, "--train-again", stdout=StringIO(),
                 stderr=said)
    fresh = DuplicateReview.objects.get(status=DuplicateReview.Status.DONE)
    assert fresh.model_from is None and "no training" not in said.getvalue()
    assert fresh.pairs.count() == 1


def test_a_running_review_is_alive_while_its_process_works_or_another_process_still_speaks(cast):
    import datetime as dt
    import os

    from django.utils import timezone

    from tenpoint.linkage.processes import running_here, this_process

    review = services.request_duplicate_review(Actor(cast["supervisor"]))
    assert not selectors.run_is_alive(review)  # this process took it but nothing runs it
    with running_here(str(review.uuid)):
        assert selectors.run_is_alive(review)
        with pytest.raises(BusinessRuleViolation, match="still running"):
            services.request_duplicate_review(Actor(cast["supervisor"]))
    # Another machine, or another process of this one (whose id a new process may have taken):
    # alive while it keeps saying where it is.
    host = this_process().rpartition(":")[0]
    for runner in ("another-machine:4242", f"{host}:{os.getppid()}"):
        review.runner = runner
        review.progress_at = timezone.now() - dt.timedelta(minutes=5)
        assert selectors.run_is_alive(review)
        review.progress_at = timezone.now() - selectors.SILENT_RUN_STOPPED_AFTER - dt.timedelta(minutes=1)
        assert not selectors.run_is_alive(review)


def test_a_new_review_does_not_ask_again_about_a_pair_kept_apart(client, cast, registered_twice):
    supervisor = Actor(cast["supervisor"])
    pair = services.start_duplicate_review(supervisor).pairs.get()
    services.decide_pair(supervisor, pair, "different_people", note="Different mothers")
    again = services.start_duplicate_review(supervisor)
    assert again.pairs.count() == 0 and again.pairs_settled_before == 1
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/reviews/{again.uuid}/").content.decode()
    assert 'data-testid="settled-before"' in page and "already decided" in page


def test_records_already_one_person_through_their_group_are_not_asked_about_again_until_a_link_is_undone(cast):
    officer, supervisor = cast["registration_officer"], Actor(cast["supervisor"])
    a = factories.make_person(officer, given_name="Tesfaye", family_name="Gebremedhin", birth_date="2001-07-09")
    b = factories.make_person(officer, given_name="Tesfay", family_name="Gebremedhin", birth_date="2001-07-09")
    c = factories.make_person(officer, given_name="Gebremedhin", family_name="Tesfaye", birth_date="2001-07-09")
    first = services.start_duplicate_review(supervisor)
    assert first.pairs.count() == 3
    services.decide_pair(supervisor, first.pairs.get(kept=a, other=b), "same_person")
    services.decide_pair(supervisor, first.pairs.get(kept=a, other=c), "same_person")
    # b and c were never decided as a pair, but both are linked to a: one person already.
    second = services.start_duplicate_review(supervisor)
    assert second.pairs.count() == 0 and second.pairs_settled_before == 3
    services.undo_same_person(supervisor, SamePersonLink.objects.get(person=c, undone_at__isnull=True),
                              reason="Another man, met at the second interview")
    third = services.start_duplicate_review(supervisor)
    assert {frozenset((p.kept_id, p.other_id)) for p in third.pairs.all()} == {
        frozenset((a.uuid, c.uuid)), frozenset((b.uuid, c.uuid))}
    assert third.pairs_settled_before == 1


def test_a_review_of_the_people_registered_since_compares_only_them_with_everyone(cast, registered_twice):
    officer, supervisor = cast["registration_officer"], Actor(cast["supervisor"])
    first, again, _twin = registered_twice
    everyone = services.start_duplicate_review(supervisor)
    assert everyone.trained_model and everyone.pairs.count() == 1
    back = factories.make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame",
                                 birth_date="1994-03-02")
    hodan = factories.make_person(officer, given_name="Hodan", family_name="Ali Farah", birth_date="1999-05-05")
    hodon = factories.make_person(officer, given_name="Hodon", family_name="Ali Farah", birth_date="1999")
    since = services.start_duplicate_review(supervisor, scope=DuplicateReview.Scope.SINCE_LAST)
    assert since.status == DuplicateReview.Status.DONE
    assert since.model_from_id == everyone.uuid and since.new_since == everyone.started_at
    assert since.trained_model is None and since.people_compared == 3
    pairs = {frozenset((p.kept_id, p.other_id)) for p in since.pairs.all()}
    # The new man with his earlier records, the two new records of one woman with each other;
    # the earlier pair (first, again) is not compared again, nor anyone with themselves.
    assert frozenset((first.uuid, back.uuid)) in pairs and frozenset((hodan.uuid, hodon.uuid)) in pairs
    assert frozenset((first.uuid, again.uuid)) not in pairs
    assert all(back.uuid in pair or hodan.uuid in pair or hodon.uuid in pair for pair in pairs)
    assert all(p.reasons for p in since.pairs.all())
    assert all(len(p.model_weights["levels"]) >= 5 for p in since.pairs.all())
    assert AuditEvent.objects.filter(action="linkage.review_run", object_uuid=since.uuid,
                                     details__scope="since_last").exists()


def test_a_review_of_the_people_registered_since_needs_a_review_of_everyone_first(client, cast, registered_twice):
    supervisor = Actor(cast["supervisor"])
    with pytest.raises(BusinessRuleViolation, match="Review everyone once first"):
        services.start_duplicate_review(supervisor, scope=DuplicateReview.Scope.SINCE_LAST)
    client.force_login(cast["supervisor"])
    listing = client.get("/linkage/reviews/").content.decode()
    assert 'data-testid="start-review-since-last"' not in listing
    refused = client.post("/linkage/reviews/", {"scope": "since_last"}, follow=True).content.decode()
    assert "Review everyone once first" in refused and DuplicateReview.objects.count() == 0
    nonsense = client.post("/linkage/reviews/", {"scope": "the-neighbours"}, follow=True)
    assert nonsense.status_code == 200 and "Choose whom to review" in nonsense.content.decode()


def test_the_page_and_the_command_start_a_review_of_the_people_registered_since(client, cast, registered_twice):
    from io import StringIO

    from django.core.management import call_command

    services.start_duplicate_review(Actor(cast["supervisor"]))
    factories.make_person(cast["registration_officer"], given_name="Mohamed", father_name="Abdi",
                          family_name="Warsame", birth_date="1994-03-02")
    client.force_login(cast["supervisor"])
    listing = client.get("/linkage/reviews/").content.decode()
    assert 'data-testid="start-review-since-last"' in listing
    started = client.post("/linkage/reviews/", {"scope": "since_last"})
    assert started.status_code == 302
    page = client.get(started["Location"]).content.decode()
    assert "1 people registered or changed since" in page and 'data-testid="pair"' in page
    assert "People registered or changed since the last review" in client.get("/linkage/reviews/").content.decode()
    out = StringIO()
    call_command("link", "review", "--user", cast["supervisor"].username, "--since-last", stdout=out,
                 stderr=StringIO())
    # Nobody registered since that review: nothing to compare.
    assert "0 people compared, 0 possible duplicates" in out.getvalue()


def test_a_name_added_since_the_last_review_is_compared_again(cast):
    from tenpoint.registry.services import add_alias

    officer, supervisor = cast["registration_officer"], Actor(cast["supervisor"])
    yonas = factories.make_person(officer, given_name="Yonas", family_name="Tesfamariam Gebre", sex="M",
                                  birth_date="1990-04-12")
    ibrahim = factories.make_person(officer, given_name="Ibrahim", family_name="Idris Mohammed", sex="M",
                                    birth_date="1990")
    assert services.start_duplicate_review(supervisor).pairs.count() == 0
    # At a later interview Yonas says he travelled as Ibrahim Idris Mohammed: both records are old,
    # but his has changed, so the review of the people changed since compares it again.
    add_alias(Actor(officer), yonas, "Ibrahim Idris Mohammed")
    since = services.start_duplicate_review(supervisor, scope=DuplicateReview.Scope.SINCE_LAST)
    assert since.people_compared == 1
    assert [(p.kept_id, p.other_id, p.names_compared) for p in since.pairs.all()] == [
        (yonas.uuid, ibrahim.uuid, {"kept": "Ibrahim Idris Mohammed"})]


def test_a_pair_still_waiting_when_a_later_review_finds_it_again_is_asked_in_the_later_one_only(client, cast,
                                                                                                  registered_twice):
    supervisor = Actor(cast["supervisor"])
    earlier = services.start_duplicate_review(supervisor).pairs.get()
    later = services.start_duplicate_review(supervisor)
    again = later.pairs.get()
    earlier.refresh_from_db()
    assert (earlier.kept_id, earlier.other_id) == (again.kept_id, again.other_id)
    assert earlier.decision == CandidatePair.Decision.SUPERSEDED and again.decision == CandidatePair.Decision.PENDING
    assert AuditEvent.objects.get(action="linkage.review_run", object_uuid=later.uuid).details["superseded"] == 1
    with pytest.raises(BusinessRuleViolation, match="later review found this pair again"):
        services.decide_pair(supervisor, earlier, "same_person")
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/pairs/{earlier.uuid}/").content.decode()
    assert "Found again by a later review" in page and f"/linkage/pairs/{again.uuid}/" in page
    listed: list[Any] = list(selectors.reviews_for(supervisor))  # annotated with pending and decided
    counts = {r.uuid: (r.pending, r.decided) for r in listed}
    assert counts[earlier.review_id] == (0, 0) and counts[later.uuid] == (1, 0)  # found again is not decided
    # A decided pair stays decided: a third review does not touch the earlier reviews' decisions.
    services.decide_pair(supervisor, again, "different_people")
    assert services.start_duplicate_review(supervisor).pairs.count() == 0
    again.refresh_from_db()
    assert again.decision == CandidatePair.Decision.DIFFERENT_PEOPLE


def test_the_list_of_reviews_shows_the_latest_first(cast):
    import datetime as dt

    from django.utils import timezone

    supervisor = cast["supervisor"]
    now = timezone.now()
    for hours_ago in (5, 1, 9, 3, 7, 2, 8, 4):
        DuplicateReview.objects.create(
            organisation=supervisor.organisation, started_by=supervisor, started_at=now - dt.timedelta(hours=hours_ago),
            finished_at=now, status=DuplicateReview.Status.DONE, review_from=0.5, confident_from=0.99)
    started = [r.started_at for r in selectors.reviews_for(Actor(supervisor))]
    assert started == sorted(started, reverse=True) and len(started) == 8


def test_the_review_reads_each_person_as_the_model_compares_them(cast):
    officer = cast["registration_officer"]
    from tenpoint.registry.services import GroupInput, GroupMemberInput, register_people

    amina, son = register_people(Actor(officer), [
        factories.person_input(given_name="Amina", father_name="Yusuf", grandfather_name="Ali", family_name="Rojas",
                               second_family_name="Colmenares", sex="F", birth_date="1991-07",
                               nationality_declared="VEN", aliases=["Yusmary Rojas", "Mina"]),
        factories.person_input(given_name="Luis", family_name="Rojas", birth_date="2015"),
    ], arrival=None, groups=[GroupInput("family", [GroupMemberInput(0, "head"), GroupMemberInput(1, "child")])]).people
    unknown = factories.make_person(officer, given_name="Kidane", father_name="", family_name="Tesfay", sex="U",
                                    birth_date="", nationality_declared="", name_in_original_script="ኪዳነ ተስፋይ")
    in_script_only = factories.make_person(officer, given_name="", father_name="", family_name="", sex="M",
                                           birth_date="1988", name_in_original_script="علي عمر الحسن")
    factories.make_person(cast.outsider, given_name="Amina", family_name="Rojas")
    read = selectors.own_records_for_review(Actor(cast["supervisor"]))
    rows = {row.record_id: row for row in read.records.itertuples()}
    assert set(read.changed_at) == {str(amina.uuid), str(son.uuid), str(unknown.uuid), str(in_script_only.uuid)}
    own = rows[str(amina.uuid)]
    assert (own.given_name, own.family_name, own.sex, own.birth_date, own.nationality) == (
        "Amina Yusuf Ali", "Rojas Colmenares", "F", "1991-07", "VEN")
    # Each alias a record of its own, with her date, sex and nationality; sorted, numbered.
    assert [(r.given_name, r.family_name, r.birth_date) for key, r in sorted(rows.items())
            if key.startswith(f"{amina.uuid}~alias-")] == [("Mina", "", "1991-07"), ("Yusmary", "Rojas", "1991-07")]
    kidane = rows[str(unknown.uuid)]
    assert (kidane.given_name, kidane.sex, kidane.birth_date, kidane.nationality) == ("Kidane", "", "", "")
    # A name in script beside Latin names is not compared again; alone, it is the name compared.
    assert not any(key.startswith(f"{unknown.uuid}~alias-") for key in rows)
    alone = rows[str(in_script_only.uuid)]
    assert (alone.given_name, alone.family_name, alone.birth_date) == ("علي", "عمر الحسن", "1988")
    # Registered together: one household on both own rows; an alias and someone alone have none.
    assert own.household_id == rows[str(son.uuid)].household_id != ""
    assert {r.household_id for key, r in rows.items() if "~alias-" in key} == {""}
    assert kidane.household_id == ""
    assert AuditEvent.objects.filter(action="people.read_for_duplicate_review", details__people=4).exists()


def test_two_brothers_of_one_name_registered_as_one_family_are_not_asked_about(cast):
    from tenpoint.registry.services import GroupInput, GroupMemberInput, register_people

    officer = Actor(cast["registration_officer"])
    family = GroupInput("family", [GroupMemberInput(0, "head"), GroupMemberInput(1, "child"),
                                   GroupMemberInput(2, "child")])
    # Mohamed and Mohammed, born the same (estimated) year, registered with their mother.
    _mother, mohamed, mohammed = register_people(officer, [
        factories.person_input(given_name="Fadumo", family_name="Warsame", sex="F", birth_date="1980"),
        factories.person_input(given_name="Mohamed", family_name="Abdi Warsame", birth_date="2006"),
        factories.person_input(given_name="Mohammed", family_name="Abdi Warsame", birth_date="2006"),
    ], arrival=None, groups=[family]).people
    # The same two names registered at two posts, each alone: one man, perhaps.
    abdi = factories.make_person(cast["registration_officer"], given_name="Abdi", family_name="Hassan Nur",
                                 birth_date="2004")
    cabdi = factories.make_person(cast["registration_officer"], given_name="Cabdi", family_name="Hassan Nur",
                                  birth_date="2004")
    pairs = {frozenset((p.kept_id, p.other_id)) for p in services.start_duplicate_review(Actor(cast["supervisor"]))
             .pairs.all()}
    assert frozenset((abdi.uuid, cabdi.uuid)) in pairs
    assert frozenset((mohamed.uuid, mohammed.uuid)) not in pairs


def test_a_long_queue_is_taken_band_by_band_of_match_probability(client, cast, registered_twice):
    supervisor = Actor(cast["supervisor"])
    review = services.start_duplicate_review(supervisor)
    review.pairs.all().delete()
    people = [factories.make_person(cast["registration_officer"], given_name=f"Person{n}", family_name="Banded",
                                    birth_date=f"19{70 + n}") for n in range(5)]
    for n, probability in enumerate((0.995, 0.95, 0.93, 0.8, 0.6)):
        CandidatePair.objects.create(review=review, kept=people[0] if n else people[1], other=people[n],
                                     match_probability=probability, reasons=[])
    bands = selectors.score_bands(review)
    assert [(b.key, b.pairs) for b in bands] == [("0.99-1", 1), ("0.9-0.99", 2), ("0.7-0.9", 1), ("0.5-0.7", 1)]
    client.force_login(cast["supervisor"])
    page = client.get(f"/linkage/reviews/{review.uuid}/?decision=pending&band=0.9-0.99").content.decode()
    assert page.count('data-testid="pair"') == 2 and "90 to 99 % (2 pairs)" in page
    assert client.get(f"/linkage/reviews/{review.uuid}/?band=nonsense").content.decode().count(
        'data-testid="pair"') == 5  # an unknown band shows them all


@pytest.mark.django_db(transaction=True)
def test_a_progress_note_waits_out_a_moment_of_another_writer(cast):
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's row locks make a progress note wait, not fail")
    review = services.request_duplicate_review(Actor(cast["supervisor"]))
    # Another connection in the middle of a write (an import, a page saving a decision) for longer
    # than this connection waits for the lock: SQLite refuses the note, until the write ends.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 20")
    writer = sqlite3.connect(str(connection.settings_dict["NAME"]), isolation_level=None, check_same_thread=False)
    try:
        writer.execute("BEGIN IMMEDIATE")
        threading.Timer(0.2, writer.rollback).start()
        services._note_progress(review, steps_done=7)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(connection.settings_dict['OPTIONS']['timeout'] * 1000)}")
    writer.close()
    assert DuplicateReview.objects.get(pk=review.pk).steps_done == 7
