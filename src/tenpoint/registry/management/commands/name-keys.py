from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand

from tenpoint.audit.services import Actor
from tenpoint.lib.names import KNOWN_NAMES_VERSION
from tenpoint.registry.selectors import name_keys_built_with
from tenpoint.registry.services import rebuild_name_keys


class Command(BaseCommand):
    help = ("The stored name search keys and the known names (lib/known_names.yaml): `tenpoint name-keys status` "
            "says which version of the list the keys were built with; `tenpoint name-keys rebuild` writes them "
            "again after the list changed (each chunk of people committed as it goes: stopped, run it again).")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="Which version of the known names the keys were built with.")
        sub.add_parser("rebuild", help="Write every person's name search keys again where they differ.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            built = name_keys_built_with()
            self.stdout.write(f"known names: version {KNOWN_NAMES_VERSION}; name search keys built with: "
                              f"{'version ' + str(built) if built is not None else 'not recorded'}"
                              f"{'' if built == KNOWN_NAMES_VERSION else ' (run `tenpoint name-keys rebuild`)'}")
            return

        def progress(done: int, total: int) -> None:
            print(f"\rpeople re-keyed: {done}/{total}", end="", file=sys.stderr, flush=True)

        rebuilt = rebuild_name_keys(Actor(None, "cli"), progress=progress)
        print(file=sys.stderr)
        self.stdout.write(f"{rebuilt.rewritten} of {rebuilt.people} people had their name search keys written again; "
                          f"they are now built with version {rebuilt.known_names_version} of the known names.")
