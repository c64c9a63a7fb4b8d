from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tenpoint.accounts.models import User
from tenpoint.audit.services import Actor
from tenpoint.partners.selectors import registration_points_for
from tenpoint.registry.importer import COLUMNS, ImportRefused, describe, import_people_file
from tenpoint.registry.selectors import get_arrival


class Command(BaseCommand):
    help = ("Import people from a CSV or XLSX file, all or nothing: `tenpoint import people FILE --user NAME "
            "(--arrival UUID | --registration-point UUID)`. Columns: " + ", ".join(COLUMNS))

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        people = sub.add_parser("people", help="Import people")
        people.add_argument("file", type=Path)
        people.add_argument("--user", required=True, help="The officer the import is recorded for")
        where = people.add_mutually_exclusive_group(required=True)
        where.add_argument("--arrival", help="UUID of the arrival the people came with")
        where.add_argument("--registration-point", help="UUID of the registration point (no arrival)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user “{options['user']}”.")
        actor = Actor(user, "cli")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        arrival = point = None
        try:
            if options["arrival"]:
                arrival = get_arrival(actor, options["arrival"])
            else:
                point = registration_points_for(user).filter(uuid=options["registration_point"]).first()
                if point is None:
                    raise CommandError("No such registration point for this user.")
        except CommandError:
            raise
        except Exception as error:
            raise CommandError(f"Arrival or registration point not found or not visible to {user}: {error}") from None

        def progress(stage: str, done: int, total: int) -> None:
            print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)

        try:
            report = import_people_file(actor, path.read_bytes(), filename=path.name, arrival=arrival,
                                        registration_point=point, progress=progress)
        except ImportRefused as refused:
            print(file=sys.stderr)
            raise CommandError(f"{path.name}: {refused}\n{describe(refused.errors)}") from None
        print(file=sys.stderr)
        self.stdout.write(f"{path.name}: imported {report.people} people and {report.groups} groups.")
