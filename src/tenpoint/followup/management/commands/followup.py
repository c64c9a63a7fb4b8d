from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tenpoint.audit.services import Actor
from tenpoint.followup.seeds import DATA_DIR, SeedFileError
from tenpoint.followup.services import import_seed_material


class Command(BaseCommand):
    help = ("Follow-up of regional recommendations. `tenpoint followup import [--directory DIR]` loads the "
            "seed material (followup/data/*.yaml), all or nothing; running it again changes nothing.")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        load = sub.add_parser("import", help="Import the conference material kept in the project")
        load.add_argument("--directory", type=Path, default=DATA_DIR)

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such directory.")
        try:
            reports = import_seed_material(Actor(None, "cli"), directory, progress=self.stdout.write)
        except SeedFileError as error:
            raise CommandError("Nothing was imported. The seed files have these problems:\n"
                               + "\n".join(error.problems)) from None
        for report in reports:
            for bad in report.bad_citations:
                self.stderr.write(f"{report.seed}: citation not linked: {bad}")
