from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tenpoint.accounts.models import User
from tenpoint.audit.services import Actor
from tenpoint.partners.selectors import registration_points_for
from tenpoint.registry.importer import (
    COLUMNS,
    HeldLine,
    ImportRefused,
    describe,
    held_lines_in,
    land_people_file,
    read_people_file,
    refuse_field_problems,
)
from tenpoint.registry.models import Person
from tenpoint.registry.selectors import get_arrival, get_person, people_visible_to


class Command(BaseCommand):
    help = ("Import people from a CSV or XLSX file, all or nothing: `tenpoint import people FILE --user NAME "
            "(--arrival UUID | --registration-point UUID) [--same-as LINE=REFERENCE ...] [--new-people]`. Each "
            "line is looked up first; a file with people who may be registered already lands only once you have "
            "said who they are. Columns: " + ", ".join(COLUMNS))

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        people = sub.add_parser("people", help="Import people")
        people.add_argument("file", type=Path)
        people.add_argument("--user", required=True, help="The officer the import is recorded for")
        where = people.add_mutually_exclusive_group(required=True)
        where.add_argument("--arrival", help="UUID of the arrival the people came with")
        where.add_argument("--registration-point", help="UUID of the registration point (no arrival)")
        people.add_argument("--same-as", action="append", default=[], metavar="LINE=REFERENCE",
                            help="the person of this line of the file is the one registered before with this "
                                 "reference: not registered again, recorded as arriving (repeat for each line)")
        people.add_argument("--new-people", action="store_true",
                            help="register the lines that may be someone registered already as new people")

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

        same_as = _people_named_by_reference(actor, options["same_as"])
        try:
            content = path.read_bytes()
            read = read_people_file(content, filename=path.name, arrival=arrival, progress=progress)
            refuse_field_problems(read, arrival)
            if not options["new_people"]:
                asked = [line for line in held_lines_in(actor, read, progress=progress) if line.line not in same_as]
                if asked:
                    print(file=sys.stderr)
                    raise CommandError(_held_message(path.name, asked))
            report = land_people_file(actor, read, filename=path.name, arrival=arrival, registration_point=point,
                                      already_registered=same_as, progress=progress)
        except ImportRefused as refused:
            print(file=sys.stderr)
            raise CommandError(f"{path.name}: {refused}\n{describe(refused.errors)}") from None
        print(file=sys.stderr)
        again = f"; {len(same_as)} registered before recorded as arriving again" if same_as else ""
        self.stdout.write(f"{path.name}: imported {report.people} people and {report.groups} groups{again}.")


def _people_named_by_reference(actor: Actor, choices: list[str]) -> dict[int, Person]:
    """``--same-as LINE=REFERENCE`` as file line → the person registered before (within the user's scope,
    each read audited as any look at a record)."""
    lines: dict[int, str] = {}
    for choice in choices:
        line, _, reference = choice.partition("=")
        if not line.strip().isdigit() or not reference.strip():
            raise CommandError(f"--same-as {choice!r}: write the file's line and the earlier record's reference, "
                               "e.g. --same-as 4=CRI-MVKF-UDJF")
        lines[int(line)] = reference.strip().upper()
    found = dict(people_visible_to(actor.user).filter(reference__in=lines.values()).values_list("reference", "uuid"))
    unknown = sorted(set(lines.values()) - set(found))
    if unknown:
        raise CommandError(f"No person you may see has the reference {', '.join(unknown)}.")
    return {line: get_person(actor, found[reference], purpose="import: registered already")
            for line, reference in lines.items()}


def _held_message(filename: str, held: list[HeldLine]) -> str:
    listed = "\n".join(
        f"line {line.line}: {line.name or '-'} {line.values.get('birth_date') or ''} — may be "
        + "; or ".join(f"{c.person.reference} {c.person.full_name} ({c.probability:.0%}: {', '.join(c.reasons)})"
                       for c in line.candidates)
        for line in held)
    return (f"{filename}: nothing was imported: {len(held)} {'person' if len(held) == 1 else 'people'} may be registered already. Ask them, then run "
            f"again with --same-as LINE=REFERENCE for each one who is, and --new-people if any of them is not "
            f"(they are then registered as new):\n{listed}")
