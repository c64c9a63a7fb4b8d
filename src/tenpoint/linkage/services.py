"""Writes of the duplicate review: runs, decisions, same-person links and their undoing; each audited."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import OperationalError, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.lib.linkage.candidates import score_candidate
from tenpoint.lib.linkage.dedupe import MODEL_WEIGHTS_COLUMN, link_new_records, possible_duplicates
from tenpoint.lib.linkage.model import PREDICT_FLOOR
from tenpoint.linkage.models import CandidatePair, DuplicateReview, SamePersonLink
from tenpoint.linkage.processes import claim, running_here, this_process
from tenpoint.linkage.selectors import (
    aliases_of_rows,
    confident_pending_pairs,
    for_linkage,
    interrupted_review_to_resume,
    own_people_in_pairs,
    own_records_for_review,
    pairs_of_people,
    person_of_record,
    run_is_alive,
    running_reviews,
    settled_pairs,
    since_last_review,
)
from tenpoint.linkage.weights import weighed_most_key

logger = logging.getLogger(__name__)

REVIEW_FROM = 0.5
CONFIDENT_FROM = 0.99


EVERYONE = DuplicateReview.Scope.EVERYONE


def start_duplicate_review(actor: Actor, *, review_from: float = REVIEW_FROM, confident_from: float = CONFIDENT_FROM,
                           scope: str = EVERYONE, train_again: bool = False,
                           progress: Callable[[str], None] | None = None) -> DuplicateReview:
    """Compare the people the user's organisation registered and queue the possible duplicates,
    in this process (``tenpoint link review``; the web page runs it in the background).

    ``scope`` EVERYONE: every person with every other; the pairs and their probabilities come from
    the Splink model of ``tenpoint link dedupe`` (trained on these records, with a synthetic
    background when they are few), and the model is kept on the review. SINCE_LAST: only the
    people registered or changed since the last finished review, each compared with everyone (and
    with each other) by the model the last review of everyone kept (``link_new_records``): no
    training, and the register is not compared with itself. Either way, pairs a person has settled in
    an earlier review are not queued again (``settled_pairs``). Each pair keeps what the model
    weighed in it (its prior and each comparison's level and weight, ``model_weights``: what
    decided the score), and the registration-time scorer's reasons, which say in words which
    names matched how. Nothing is linked here: the run only suggests pairs. A review of everyone
    whose process stopped after training is resumed from the model it kept, unless ``train_again``
    (``request_duplicate_review``)."""
    review = request_duplicate_review(actor, review_from=review_from, confident_from=confident_from, scope=scope,
                                      train_again=train_again)
    return run_duplicate_review(actor, review, progress=progress)


def start_duplicate_review_in_background(actor: Actor, *, review_from: float = REVIEW_FROM,
                                         confident_from: float = CONFIDENT_FROM, scope: str = EVERYONE,
                                         ) -> DuplicateReview:
    """Start a review and return at once; its page follows it. A national register takes minutes,
    longer than a web request may last. With ``LINKAGE_REVIEWS_IN_BACKGROUND`` off (the tests'
    default) it runs before returning, a failure recorded on the review as in the background."""
    review = request_duplicate_review(actor, review_from=review_from, confident_from=confident_from, scope=scope)
    if not settings.LINKAGE_REVIEWS_IN_BACKGROUND:
        with contextlib.suppress(BusinessRuleViolation):
            run_duplicate_review(actor, review)
        review.refresh_from_db()
        return review
    claim(str(review.uuid))
    threading.Thread(target=_run_in_background, args=(actor, review.pk), name=f"duplicate-review-{review.uuid}",
                     daemon=True).start()
    return review


def _run_in_background(actor: Actor, review_pk: uuid.UUID) -> None:
    with running_here(str(review_pk)):
        try:
            _run(actor, DuplicateReview.objects.get(pk=review_pk), None)  # claimed for the thread's whole life
        except BusinessRuleViolation:
            pass  # recorded on the review by run_duplicate_review
        except Exception as error:  # a fault, not the engine's refusal: still never left "running"
            logger.exception("duplicate review %s failed", review_pk)
            _mark_failed(actor, DuplicateReview.objects.get(pk=review_pk), _problem_of(error))
        finally:
            connections.close_all()  # this thread's own connections


def request_duplicate_review(actor: Actor, *, review_from: float = REVIEW_FROM,
                             confident_from: float = CONFIDENT_FROM, scope: str = EVERYONE,
                             train_again: bool = False) -> DuplicateReview:
    """A new run, recorded as running. One run at a time per organisation: a run whose process
    stopped (a restart, a killed command) is marked interrupted. A review of everyone keeps its
    model as soon as it is trained, before the scoring (most of a large register's time after
    training); when the latest review of everyone was interrupted after that, the new one resumes
    from its model instead of training again (``model_from``), unless ``train_again``."""
    require_permission(actor, "linkage.review_duplicates")
    if not PREDICT_FLOOR <= review_from <= confident_from <= 1:
        raise BusinessRuleViolation(
            _("The review threshold must be at least %(floor)s and not above the confident threshold.")
            % {"floor": PREDICT_FLOOR})
    if scope not in DuplicateReview.Scope.values:
        raise BusinessRuleViolation(_("Choose whom to review: everyone, or the people registered or changed since "
                                      "the last review."))
    organisation = actor.user.organisation
    model_from, new_since = None, None
    method = ("Splink 5 (DuckDB), Tenpoint model trained on these records, aliases compared as names of their own; "
              "reasons: model levels, registration scorer")
    if scope == DuplicateReview.Scope.SINCE_LAST:
        basis = since_last_review(actor)
        if basis is None:
            raise BusinessRuleViolation(_("Review everyone once first: a review of the people registered or "
                                          "changed since uses the model that review trained."))
        model_from, new_since = basis.model_from, basis.last_review_at
        method = (f"Splink 5 (DuckDB) predict_between with the model of the review of everyone of "
                  f"{timezone.localtime(model_from.started_at):%Y-%m-%d %H:%M}, aliases compared as names of their "
                  "own; reasons: model levels, registration scorer")
    with transaction.atomic():
        for earlier in running_reviews(actor.user.organisation):
            if run_is_alive(earlier):
                raise BusinessRuleViolation(
                    _("A duplicate review started at %(started)s is still running: wait for it to finish.")
                    % {"started": timezone.localtime(earlier.started_at).strftime("%Y-%m-%d %H:%M")})
            _mark_failed(actor, earlier, "", status=DuplicateReview.Status.INTERRUPTED)
        if scope == EVERYONE and not train_again:
            model_from = interrupted_review_to_resume(organisation)
        if model_from is not None and scope == EVERYONE:
            method = (f"Splink 5 (DuckDB), the model the interrupted review of "
                      f"{timezone.localtime(model_from.started_at):%Y-%m-%d %H:%M} trained on these records (resumed), "
                      "aliases compared as names of their own; reasons: model levels, registration scorer")
        now = timezone.now()
        review = DuplicateReview.objects.create(
            organisation=organisation, started_by=actor.user, started_at=now, scope=scope, new_since=new_since,
            model_from=model_from, method=method, review_from=review_from, confident_from=confident_from,
            stage=DuplicateReview.Stage.READING, progress_at=now, runner=this_process())
        record_event(actor, "linkage.review_started", object_type="duplicate_review", object_uuid=review.uuid,
                     details={"review_from": review_from, "confident_from": confident_from, "scope": scope,
                              "model_from": str(model_from.uuid) if model_from else None})
    return review


def run_duplicate_review(actor: Actor, review: DuplicateReview,
                         progress: Callable[[str], None] | None = None) -> DuplicateReview:
    """Do the work of a requested run: read, train and compare, queue the pairs."""
    with running_here(str(review.uuid)):
        return _run(actor, review, progress)


def _run(actor: Actor, review: DuplicateReview, progress: Callable[[str], None] | None) -> DuplicateReview:
    def say(message: str) -> None:
        if progress:
            progress(message)
        _note_progress(review, steps_done=review.steps_done + 1)

    if review.runner != this_process():  # handed to another process's thread or command
        _note_progress(review, runner=this_process())
    own = own_records_for_review(actor)
    people_compared = len(own.changed_at)
    earlier, compared = own.records.iloc[:0], own.records
    if review.scope == DuplicateReview.Scope.SINCE_LAST and review.new_since is not None:
        earlier, compared = own.split_at(review.new_since)
        people_compared = compared["record_id"].map(person_of_record).nunique()
        say(f"{people_compared} people registered or changed since {review.new_since:%Y-%m-%d %H:%M} to compare "
            "with everyone")
    else:
        say(f"{people_compared} people to compare")
    _note_progress(review, stage=DuplicateReview.Stage.COMPARING, steps_done=0)
    trained: list[dict[str, Any]] = []

    def keep(model: dict[str, Any]) -> None:
        # Saved before the scoring starts: a run stopped while scoring is resumed from it.
        trained.append(model)
        _note_progress(review, trained_model=model)

    try:
        if review.scope == DuplicateReview.Scope.SINCE_LAST:
            found = _pairs_of_people_changed_since(review, earlier, compared, progress=say)
        else:
            resumed = _stored_model(review)
            if resumed is not None and review.model_from is not None:
                say(f"resuming the review of {timezone.localtime(review.model_from.started_at):%Y-%m-%d %H:%M}, "
                    "interrupted after training, from the model it kept")
            found = pairs_of_people(possible_duplicates(own.records, review_from=review.review_from, trained=resumed,
                                                        progress=say, on_trained=keep, explain_weights=True))
    except Exception as error:  # the engine's own failure (memory, disk): recorded, not left "running"
        problem = _problem_of(error)
        review.people_compared = people_compared
        _mark_failed(actor, review, problem)
        raise BusinessRuleViolation(
            _("The duplicate review could not finish, and nothing was queued: %(problem)s") % {"problem": problem}
        ) from error
    settled = settled_pairs(review.organisation, found)
    found = found[~settled.to_numpy()]
    say(f"{len(found)} possible duplicates ({int(settled.sum())} settled in earlier reviews, not queued again)")
    _note_progress(review, stage=DuplicateReview.Stage.QUEUING)
    by_uuid = own_people_in_pairs(actor, set(found["record_id_l"]) | set(found["record_id_r"]))
    # Someone handed over to another organisation while the run compared is no longer ours to queue.
    found = found[found["record_id_l"].isin(by_uuid) & found["record_id_r"].isin(by_uuid)]
    # Earlier registration first; the reference breaks ties within one boat's batch.
    ordered = [sorted((by_uuid[a], by_uuid[b]), key=lambda p: (p.registered_at, p.reference))
               for a, b in zip(found["record_id_l"], found["record_id_r"], strict=True)]
    # The row of each person the model compared: their own, or one of their aliases.
    compared_rows = [{a: row_a, b: row_b} for a, b, row_a, row_b in zip(
        found["record_id_l"], found["record_id_r"], found["row_l"], found["row_r"], strict=True)]
    alias_of_row = aliases_of_rows(own.records)

    def names_compared(kept: Any, other: Any, rows: dict[str, str]) -> dict[str, str]:
        return {side: alias_of_row[rows[str(person.uuid)]] for side, person in (("kept", kept), ("other", other))
                if rows[str(person.uuid)] in alias_of_row}

    with transaction.atomic():
        CandidatePair.objects.bulk_create([
            CandidatePair(review=review, kept=kept, other=other, match_probability=float(probability),
                          reasons=[asdict(r) for r in score_candidate(for_linkage(other), for_linkage(kept)).reasons],
                          model_weights=weights, weighed_most=weighed_most_key(weights), cluster=cluster,
                          names_compared=names_compared(kept, other, rows))
            for (kept, other), probability, cluster, weights, rows in zip(
                ordered, found["match_probability"], found["cluster"], found[MODEL_WEIGHTS_COLUMN], compared_rows,
                strict=True)
        ], batch_size=1000)
        superseded = _supersede_waiting_pairs(actor, review, found)
        review.people_compared = people_compared
        review.pairs_settled_before = int(settled.sum())
        review.trained_model = trained[0] if trained else None
        review.status = DuplicateReview.Status.DONE
        review.finished_at = timezone.now()
        review.save()
        record_event(actor, "linkage.review_run", object_type="duplicate_review", object_uuid=review.uuid,
                     details={"people": people_compared, "pairs": len(found), "review_from": review.review_from,
                              "settled_before": review.pairs_settled_before, "scope": review.scope,
                              "superseded": superseded})
    return review


def _supersede_waiting_pairs(actor: Actor, review: DuplicateReview, found: pd.DataFrame) -> int:
    """Earlier reviews' pairs still waiting that ``review`` queued again (``found``): marked found
    again, so each open question waits in one queue, the latest. How many."""
    queued = {frozenset(pair) for pair in zip(found["record_id_l"].astype(str), found["record_id_r"].astype(str),
                                                strict=True)}
    waiting = CandidatePair.objects.filter(review__organisation=review.organisation,
                                           decision=CandidatePair.Decision.PENDING).exclude(review=review)
    again = [pk for pk, kept, other in waiting.values_list("pk", "kept_id", "other_id")
             if frozenset((str(kept), str(other))) in queued]
    for start in range(0, len(again), 1000):
        CandidatePair.objects.filter(pk__in=again[start:start + 1000]).update(
            decision=CandidatePair.Decision.SUPERSEDED, decided_by=actor.user, decided_at=timezone.now())
    return len(again)


def _pairs_of_people_changed_since(review: DuplicateReview, earlier: pd.DataFrame, new: pd.DataFrame,
                                   progress: Callable[[str], None]) -> pd.DataFrame:
    """Pairs of people (``pairs_of_people``' columns) joining someone registered or changed since the last
    review (``new``, their records) with anyone: the earlier people or another new one. Scored by the
    model the last review of everyone kept; no clustering (each pair stands alone in the queue)."""
    columns = ["record_id_l", "record_id_r", "match_probability", "cluster", MODEL_WEIGHTS_COLUMN]
    if new.empty:
        return pairs_of_people(pd.DataFrame(columns=columns))
    stored = _stored_model(review)
    if not stored:
        raise BusinessRuleViolation(_("The review whose model this review uses is gone: review everyone again."))
    found = link_new_records(earlier, new, trained=stored, review_from=review.review_from, within_new=True,
                             progress=progress, explain_weights=True)
    return pairs_of_people(pd.DataFrame({"record_id_l": found["record_id_existing"], "record_id_r": found["record_id_new"],
                                         "match_probability": found["match_probability"], "cluster": "",
                                         MODEL_WEIGHTS_COLUMN: found[MODEL_WEIGHTS_COLUMN]},
                                        columns=columns))


def _stored_model(review: DuplicateReview) -> dict[str, Any] | None:
    """The trained model of the review ``review`` takes its model from, if any."""
    if not review.model_from_id:
        return None
    stored: dict[str, Any] | None = DuplicateReview.objects.filter(pk=review.model_from_id).values_list(
        "trained_model", flat=True).first()
    return stored


# A progress note that meets the run's row locked by a reader is written again after a pause.
PROGRESS_WRITE_ATTEMPTS = 5


def _note_progress(review: DuplicateReview, **fields: Any) -> None:
    """Where a run is, saved at once (outside any transaction) so its page can show it.

    On SQLite another connection's write (an import, a decision being saved) holds the one write
    lock; a note that waited the connection's timeout for it is refused ("database is locked").
    A note is tried again after a short pause; if the lock stays held the note is lost, not the
    run (the next note says where it is)."""
    fields["progress_at"] = timezone.now()
    for name, value in fields.items():
        setattr(review, name, value)
    for attempt in range(1, PROGRESS_WRITE_ATTEMPTS + 1):
        try:
            DuplicateReview.objects.filter(pk=review.pk).update(**fields)
            return
        except OperationalError:
            if attempt == PROGRESS_WRITE_ATTEMPTS or connection.in_atomic_block:
                logger.warning("duplicate review %s: progress not saved (the table stayed locked)", review.pk)
                return
            time.sleep(0.05 * attempt)


def _mark_failed(actor: Actor, review: DuplicateReview, problem: str,
                 status: str = DuplicateReview.Status.FAILED) -> None:
    with transaction.atomic():
        review.status = status
        review.finished_at = timezone.now()
        review.problem = problem
        review.save()
        record_event(actor, f"linkage.review_{status}", object_type="duplicate_review", object_uuid=review.uuid,
                     details={"people": review.people_compared, "problem": problem})


def _problem_of(error: Exception) -> str:
    """The line of an engine error a person can act on (Splink's message also carries its SQL)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    said = next((line.removeprefix("Error was: ") for line in lines if line.startswith("Error was: ")), None)
    return (said or (lines[0] if lines else type(error).__name__))[:500]


def decide_pair(actor: Actor, pair: CandidatePair, decision: str, *, note: str = "") -> CandidatePair:
    """A person's decision on one pair. "Same person" links the later record to the earlier one."""
    require_permission(actor, "linkage.review_duplicates")
    if decision not in (CandidatePair.Decision.SAME_PERSON, CandidatePair.Decision.DIFFERENT_PEOPLE):
        raise BusinessRuleViolation(_("Choose “same person” or “different people”."))
    with transaction.atomic():
        pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
        if pair.decision == CandidatePair.Decision.SUPERSEDED:
            raise BusinessRuleViolation(_("A later review found this pair again: decide it in that review's queue."))
        if pair.decision != CandidatePair.Decision.PENDING:
            raise BusinessRuleViolation(_("This pair was already decided by someone else; reload the queue."))
        if decision == CandidatePair.Decision.SAME_PERSON:
            _link(actor, pair)
        pair.decision = decision
        pair.decided_by = actor.user
        pair.decided_at = timezone.now()
        pair.note = note.strip()
        pair.save()
        record_event(actor, "linkage.pair_decided", object_type="person", object_uuid=pair.other_id,
                     details={"pair": str(pair.uuid), "decision": decision, "kept": str(pair.kept_id),
                              "match_probability": round(pair.match_probability, 4)})
    return pair


def _link(actor: Actor, pair: CandidatePair) -> SamePersonLink | None:
    """Join the two records' clusters. Links always point at a cluster's kept record, never along
    a chain, so undoing one link never detaches anyone else."""
    live = SamePersonLink.objects.filter(undone_at__isnull=True)

    def root(person_id: uuid.UUID) -> uuid.UUID:
        return live.filter(person_id=person_id).values_list("same_as_id", flat=True).first() or person_id

    def alone(person_id: uuid.UUID) -> bool:
        return not live.filter(Q(person_id=person_id) | Q(same_as_id=person_id)).exists()

    kept_root, other_root = root(pair.kept_id), root(pair.other_id)
    if kept_root == other_root:
        return None  # already one person through the other pairs of the cluster
    if alone(pair.other_id):
        person, same_as = pair.other_id, kept_root
    elif alone(pair.kept_id):
        person, same_as = pair.kept_id, other_root
    else:
        raise BusinessRuleViolation(_("Both records already belong to other people's records; undo one of those "
                                      "links first, then decide this pair again."))
    return SamePersonLink.objects.create(person_id=person, same_as_id=same_as, pair=pair,
                                         linked_by=actor.user, linked_at=timezone.now())


def confirm_confident_pairs(actor: Actor, review: DuplicateReview, *, weighed_most: str = "") -> int:
    """A reviewer confirms, in one action, every pending pair at or above the confident threshold;
    only those of one kind of strongest evidence if ``weighed_most`` is given (the queue filtered to
    that kind: the reviewer has checked what was on screen, not the other kinds)."""
    require_permission(actor, "linkage.review_duplicates")
    confirmed = 0
    for pair in confident_pending_pairs(review, weighed_most=weighed_most):
        try:
            decide_pair(actor, pair, CandidatePair.Decision.SAME_PERSON, note=_("Confirmed with the confident pairs"))
        except BusinessRuleViolation:
            continue  # left in the queue for a person to look at
        confirmed += 1
    return confirmed


def undo_same_person(actor: Actor, link: SamePersonLink, *, reason: str) -> SamePersonLink:
    """Undo a link: both records are separate again, and the pair goes back to the queue."""
    require_permission(actor, "linkage.review_duplicates")
    if not reason.strip():
        raise BusinessRuleViolation(_("Say why the link is undone."))
    with transaction.atomic():
        link = SamePersonLink.objects.select_for_update().get(pk=link.pk)
        if link.undone_at:
            raise BusinessRuleViolation(_("This link was already undone."))
        link.undone_by = actor.user
        link.undone_at = timezone.now()
        link.undo_reason = reason.strip()
        link.save()
        if link.pair_id:
            CandidatePair.objects.filter(pk=link.pair_id).update(
                decision=CandidatePair.Decision.PENDING, decided_by=None, decided_at=None)
        record_event(actor, "linkage.link_undone", object_type="person", object_uuid=link.person_id,
                     details={"same_as": str(link.same_as_id), "reason": reason.strip()})
    return link
