"""Writes of the duplicate review: runs, decisions, same-person links and their undoing; each audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.lib.linkage.candidates import score_candidate
from tenpoint.lib.linkage.dedupe import possible_duplicates
from tenpoint.lib.linkage.model import PREDICT_FLOOR
from tenpoint.linkage.models import CandidatePair, DuplicateReview, SamePersonLink
from tenpoint.linkage.selectors import confident_pending_pairs, for_linkage, own_people_for_review, records_for_linkage

REVIEW_FROM = 0.5
CONFIDENT_FROM = 0.99


def start_duplicate_review(actor: Actor, *, review_from: float = REVIEW_FROM, confident_from: float = CONFIDENT_FROM,
                           progress: Callable[[str], None] | None = None) -> DuplicateReview:
    """Compare every person the user's organisation registered and queue the possible duplicates.

    The pairs and their probabilities come from the Splink model of ``tenpoint link dedupe``
    (trained on these records, with a synthetic background when they are few); the reasons
    shown beside each pair come from the registration-time scorer, which says in words which
    names matched how. Nothing is linked here: the run only suggests pairs."""
    require_permission(actor, "linkage.review_duplicates")
    if not PREDICT_FLOOR <= review_from <= confident_from <= 1:
        raise BusinessRuleViolation(
            _("The review threshold must be at least %(floor)s and not above the confident threshold.")
            % {"floor": PREDICT_FLOOR})
    say = progress or (lambda _message: None)
    review = DuplicateReview.objects.create(
        organisation=actor.user.organisation, started_by=actor.user, started_at=timezone.now(),
        method="Splink 5 (DuckDB), Tenpoint model trained on these records; reasons by the registration scorer",
        review_from=review_from, confident_from=confident_from)
    people = own_people_for_review(actor)
    say(f"{len(people)} people to compare")
    by_uuid = {str(p.uuid): p for p in people}
    try:
        found = possible_duplicates(records_for_linkage(people), review_from=review_from, progress=say)
    except Exception as error:  # the engine's own failure (memory, disk): recorded, not left "running"
        problem = _problem_of(error)
        with transaction.atomic():
            review.status = DuplicateReview.Status.FAILED
            review.finished_at = timezone.now()
            review.people_compared = len(people)
            review.problem = problem
            review.save()
            record_event(actor, "linkage.review_failed", object_type="duplicate_review", object_uuid=review.uuid,
                         details={"people": len(people), "problem": problem})
        raise BusinessRuleViolation(
            _("The duplicate review could not finish, and nothing was queued: %(problem)s") % {"problem": problem}
        ) from error
    say(f"{len(found)} possible duplicates")
    # Earlier registration first; the reference breaks ties within one boat's batch.
    ordered = [sorted((by_uuid[a], by_uuid[b]), key=lambda p: (p.registered_at, p.reference))
               for a, b in zip(found["record_id_l"], found["record_id_r"], strict=True)]
    with transaction.atomic():
        CandidatePair.objects.bulk_create([
            CandidatePair(review=review, kept=kept, other=other, match_probability=float(probability),
                          reasons=[asdict(r) for r in score_candidate(for_linkage(other), for_linkage(kept)).reasons],
                          cluster=cluster)
            for (kept, other), probability, cluster in zip(ordered, found["match_probability"], found["cluster"],
                                                           strict=True)
        ], batch_size=1000)
        review.people_compared = len(people)
        review.status = DuplicateReview.Status.DONE
        review.finished_at = timezone.now()
        review.save()
        record_event(actor, "linkage.review_run", object_type="duplicate_review", object_uuid=review.uuid,
                     details={"people": len(people), "pairs": len(found), "review_from": review_from})
    return review


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


def confirm_confident_pairs(actor: Actor, review: DuplicateReview) -> int:
    """A reviewer confirms, in one action, every pending pair at or above the confident threshold."""
    require_permission(actor, "linkage.review_duplicates")
    confirmed = 0
    for pair in confident_pending_pairs(review):
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
