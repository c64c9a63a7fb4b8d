from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand

from tenpoint.audit.services import Actor
from tenpoint.dataprotection.retention import apply_retention, load_schedule


class Command(BaseCommand):
    help = "Apply the retention schedule (dataprotection/retention.yaml): anonymise records that aged out."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        apply = sub.add_parser("apply", help="Anonymise the people the schedule says are due.")
        apply.add_argument("--dry-run", action="store_true", help="Only count who is due.")

    def handle(self, *args: Any, **options: Any) -> None:
        schedule = load_schedule()

        def progress(done: int, total: int) -> None:
            if done % 100 == 0 or done == total:
                print(f"\ranonymised {done}/{total}", end="", file=sys.stderr, flush=True)

        count = apply_retention(Actor(None, "system"), schedule, dry_run=options["dry_run"], progress=progress)
        verb = "due for anonymisation" if options["dry_run"] else "anonymised"
        self.stdout.write(f"{count} people {verb} (after {schedule.anonymise_after_days} days without change).")
