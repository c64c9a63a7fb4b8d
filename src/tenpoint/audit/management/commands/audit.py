from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tenpoint.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `tenpoint audit verify` checks the hash chain and names the first broken row."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Verify the hash chain of the audit log.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.intact:
            self.stdout.write(f"Audit log intact: {report.checked} events checked.")
            return
        raise CommandError(
            f"Audit log broken at event #{report.first_broken_id}: {report.reason} "
            f"({report.checked} events before it are intact)."
        )
