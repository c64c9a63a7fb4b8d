"""Batch duplicate review: a run finds pairs of records that may be one person; a person decides.

A "merge" is a recorded link (this record is the same person as that one), never a deletion:
both records stay, both person pages show the link, and undoing it restores things exactly as
they were. Every decision is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.models import UUIDModel


class DuplicateReview(UUIDModel):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready for review")
        FAILED = "failed", _("Failed")
        # Its process stopped (a restart, a killed command) before it finished; nothing was queued.
        INTERRUPTED = "interrupted", _("Interrupted before it finished")

    class Scope(models.TextChoices):
        EVERYONE = "everyone", _("Everyone registered")
        SINCE_LAST = "since_last", _("People registered or changed since the last review, against everyone")

    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.EVERYONE)
    # SINCE_LAST: people registered or changed at or after this (the last finished review's start) are compared.
    new_since = models.DateTimeField(null=True, blank=True)
    # EVERYONE: the Splink model trained on the records (Splink's JSON), so that later reviews of
    # the people changed since score with it instead of training again. SINCE_LAST: the review whose model it used.
    trained_model = models.JSONField(null=True, blank=True)
    model_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Pairs found again that a person had settled in an earlier review (kept apart, or already
    # linked as one person): not queued again.
    pairs_settled_before = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    method = models.CharField(max_length=200, blank=True)
    people_compared = models.PositiveIntegerField(default=0)
    review_from = models.FloatField(help_text="pairs at or above this match probability go to the queue")
    confident_from = models.FloatField(help_text="pairs at or above this may be confirmed together, by a person")
    problem = models.TextField(blank=True)

    class Stage(models.TextChoices):
        READING = "reading", _("Reading the records")
        COMPARING = "comparing", _("Training the model and comparing the records")
        QUEUING = "queuing", _("Writing the possible duplicates")

    # While it runs: where it is, how many of the engine's steps are done, when it last said so,
    # and the process running it ("host:pid"), so a run whose process stopped shows as interrupted.
    stage = models.CharField(max_length=10, choices=Stage.choices, blank=True)
    steps_done = models.PositiveIntegerField(default=0)
    progress_at = models.DateTimeField(null=True, blank=True)
    runner = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]


class CandidatePair(UUIDModel):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        SAME_PERSON = "same_person", _("Same person")
        DIFFERENT_PEOPLE = "different_people", _("Different people")
        # Still waiting when a later review found the pair again: asked there, with what the
        # records say now, so that no pair waits in two queues at once.
        SUPERSEDED = "superseded", _("Found again by a later review")

    review = models.ForeignKey(DuplicateReview, on_delete=models.CASCADE, related_name="pairs")
    # `kept` is the earlier registration: if the pair is one person, the later record links to it.
    kept = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField()
    # In words, by the registration scorer: which names matched how, which date parts.
    reasons = models.JSONField(default=list)
    # What decided the score: the model's prior and, per comparison, the level the pair fell in and
    # its weight in bits (lib.linkage.explain); {} for pairs queued before 2026-12-02.
    model_weights = models.JSONField(default=dict, blank=True)
    # "comparison|level" of what weighed most for one person (weights.weighed_most_key), so that
    # a reviewer can take the pairs of one kind together; "" where nothing did or none was kept.
    weighed_most = models.CharField(max_length=200, blank=True, default="")
    # The other name (an alias) under which the model compared a record, by side ("kept",
    # "other"), where it was not the record's own name: without it a reviewer saw two unrelated
    # names and "given names: the same". {} where both were compared under their own names.
    names_compared = models.JSONField(default=dict, blank=True)
    # The clustering's group both records are in (one of its record uuids), "" where it keeps
    # them apart: the pair page lists the group's other records.
    cluster = models.CharField(max_length=64, blank=True, default="")
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-match_probability"]
        constraints = [models.UniqueConstraint(fields=["review", "kept", "other"], name="one_pair_per_review")]


class SamePersonLink(UUIDModel):
    """`person` is the same human being as `same_as` (the record kept). Undone, it stays as history."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="+")
    same_as = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="+")
    pair = models.ForeignKey(CandidatePair, on_delete=models.SET_NULL, null=True, blank=True, related_name="links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField()
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-linked_at"]
        constraints = [models.UniqueConstraint(fields=["person"], condition=models.Q(undone_at__isnull=True),
                                               name="one_live_link_per_person")]
