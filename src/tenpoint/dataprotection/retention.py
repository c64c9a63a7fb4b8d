"""Apply the retention schedule (retention.yaml): anonymise people whose record aged out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

from tenpoint.audit.services import Actor
from tenpoint.dataprotection.models import ErasureRecord
from tenpoint.dataprotection.services import erase_person

SCHEDULE_FILE = Path(__file__).with_name("retention.yaml")


@dataclass(frozen=True)
class RetentionSchedule:
    anonymise_after_days: int


def load_schedule(text: str | None = None) -> RetentionSchedule:
    document = yaml.safe_load(text if text is not None else SCHEDULE_FILE.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("version") != 1:
        raise ValueError("retention.yaml: expected `version: 1`.")
    days = (document.get("people") or {}).get("anonymise_after_days")
    if not isinstance(days, int) or days < 365:
        raise ValueError("retention.yaml: people.anonymise_after_days must be a whole number of at least 365.")
    return RetentionSchedule(anonymise_after_days=days)


def due_for_anonymisation(schedule: RetentionSchedule, *, now: dt.datetime | None = None) -> Any:
    from tenpoint.registry.models import Person

    cutoff = (now or timezone.now()) - dt.timedelta(days=schedule.anonymise_after_days)
    erased = ErasureRecord.objects.values("person_uuid")
    return Person.objects.filter(updated_at__lt=cutoff).exclude(uuid__in=erased)


def apply_retention(actor: Actor, schedule: RetentionSchedule, *, dry_run: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> int:
    people = list(due_for_anonymisation(schedule))
    if dry_run:
        return len(people)
    for done, person in enumerate(people, start=1):
        # One transaction per person: an interrupted run resumes where it stopped.
        erase_person(actor, person, reason=f"retention schedule: {schedule.anonymise_after_days} days without change")
        if progress:
            progress(done, len(people))
    return len(people)
