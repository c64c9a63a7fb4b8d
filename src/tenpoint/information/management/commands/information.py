from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.information.services import CONTENT_DIR, load_package_content, save_channel


class Command(BaseCommand):
    help = ("Information for migrants. `tenpoint information load-content [FILE ...] [--publish]` loads "
            "packages written in YAML as drafts (all of information/content/ by default); `tenpoint information "
            "demo` publishes the example packages and routes Costa Rica's abuse reports, for `make demo`.")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        load = sub.add_parser("load-content")
        load.add_argument("files", nargs="*", type=Path)
        load.add_argument("--publish", action="store_true",
                          help="Publish at once, as the system (demonstrations only: skips the human review)")
        sub.add_parser("demo")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor(None, "cli")
        publish = options["what"] == "demo" or options.get("publish", False)
        files = options.get("files") or sorted(CONTENT_DIR.glob("*.yaml"))
        if options["what"] == "demo":
            from tenpoint.common.demo import ensure_demo_services

            services = ensure_demo_services()
            save_channel(actor, country="CRI", service=services[1], hotline="+506 0000-0000 (demo)",
                         hotline_hours="24/7", other_ways="")
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
            try:
                report = load_package_content(actor, path, publish=publish)
            except BusinessRuleViolation as error:
                raise CommandError(f"Nothing was loaded from {path.name}:\n{error}") from None
            self.stdout.write(f"{path.name}: {report.created} created, {report.updated} updated, "
                              f"{report.published} published, {report.unchanged} unchanged")
