"""Which rows the batch screen holds back as "registered already?", by threshold, same run.

    .venv/bin/python benchmarks/linkage/batch_hold.py [--people 40000] [--sample 300]
    .venv/bin/python benchmarks/linkage/batch_hold.py --reuse-database sqlite:////tmp/demo/db.sqlite3

Before a boat's people are saved, the batch screen looks each row up among the people already
registered (``linkage.selectors.likely_earlier_registrations``) and holds back the rows whose best
candidate is at least ``HOLD_BATCH_FROM`` likely the same person, for the officer to decide. The
demo data (``demo-data --people N``, a throw-away SQLite file unless reused) is typed back in by the
demo's registration officer, three kinds of rows:

- **strangers**: people another organisation registered (not visible to the officer, so never
  their own record), typed as registered: any hold is a false alarm;
- **registered again**: the demo's second registrations of the officer's organisation (respelled,
  a year only, no document; ``demo-data``), typed as they are: held if a candidate other than the
  row's own record passes (the search cannot tell the first registration from a namesake here);
- **families again**: heads of the organisation's families of three or more, typed again with
  the demo's respellings and a year only, once alone and once with their family's given names
  (respelled) as companions: held if their own earlier record is among the held candidates.

Prints one line per threshold and the time each row's check took (the search is audited). Then a
file of ``--file-lines`` people (strangers and the people registered again, as written in the
register) goes through the import page's check (``importer.earlier_registrations_in_file``: every
field checked, then each line looked up): how long an officer waits before the held lines show.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
OFFICER = "officer"
THRESHOLDS = (0.3, 0.5, 0.7, 0.9, 0.95)


def _typed(person: Any, *, respell: Any = None, year_only: bool = False, companions: tuple[str, ...] = ()) -> Any:
    from tenpoint.linkage.selectors import TypedPerson, names_for_linkage

    def written(name: str) -> str:
        return respell(name) if respell and name else name

    given, family = names_for_linkage(written(person.given_name), written(person.father_name),
                                       written(person.grandfather_name), written(person.family_name),
                                       written(person.second_family_name))
    born = ""
    if person.birth_date is not None:
        exact = person.birth_date_precision == "exact" and not year_only
        born = person.birth_date.isoformat() if exact else str(person.birth_date.year)
    return TypedPerson(given_names=given, family_names=family, birth_date=born, sex=person.sex,
                       nationality=person.nationality_declared, companions=companions)


def _file_check(actor: Any, people: list[Any], file_lines: int) -> str:
    """Time the import page's check of a CSV of ``file_lines`` of these people."""
    import csv
    import io

    from tenpoint.registry import importer

    out = io.StringIO()
    writer = csv.writer(out)
    columns = ["given_name", "father_name", "grandfather_name", "family_name", "second_family_name", "sex",
               "birth_date", "nationality_declared", "fear_of_return"]
    writer.writerow(columns)
    for person in people[:file_lines]:
        born = ""
        if person.birth_date is not None:
            born = person.birth_date.isoformat() if person.birth_date_precision == "exact" else str(person.birth_date.year)
        writer.writerow([person.given_name, person.father_name, person.grandfather_name, person.family_name,
                         person.second_family_name, person.sex if person.sex in ("M", "F") else "", born,
                         person.nationality_declared, "expressed"])
    limit = importer.CHECK_FILES_UP_TO
    importer.CHECK_FILES_UP_TO = max(limit, file_lines)  # timed whatever the page's limit
    try:
        started = time.perf_counter()
        check = importer.earlier_registrations_in_file(actor, out.getvalue().encode(), filename="file.csv")
        took = time.perf_counter() - started
    finally:
        importer.CHECK_FILES_UP_TO = limit
    return (f"a file of {check.people} lines through the import page's check (each field, then each line looked "
            f"up; the page checks files of up to {limit}): "
            f"{took:.1f} s, {took / max(1, check.people) * 1000:.1f} ms a line, {len(check.held)} lines held")


def measure(sample: int, seed: int, file_lines: int = 500) -> str:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from tenpoint.audit.services import Actor
    from tenpoint.linkage.selectors import registration_candidates
    from tenpoint.registry.models import Group, Person

    demo_data = __import__("importlib").import_module("tenpoint.registry.management.commands.demo-data")
    officer = get_user_model().objects.get(username=OFFICER)
    actor = Actor(officer, "cli")
    organisation = officer.organisation
    rng = random.Random(seed)
    timings: list[float] = []

    def best(typed: Any, *, excluding: Any = None, wanted: Any = None) -> float:
        """The probability that decides the hold: the best other candidate, or the wanted record's."""
        started = time.perf_counter()
        found = registration_candidates(actor, given_names=typed.given_names, family_names=typed.family_names,
                                        birth_date=typed.birth_date, sex=typed.sex, nationality=typed.nationality,
                                        companions=typed.companions, limit=3)
        timings.append(time.perf_counter() - started)
        if wanted is not None:
            return max((c.probability for c in found if c.person.pk == wanted), default=0.0)
        return max((c.probability for c in found if c.person.pk != excluding), default=0.0)

    others = list(Person.objects.exclude(owner_organisation=organisation).order_by("reference")[:sample * 20])
    strangers = [best(_typed(p)) for p in rng.sample(others, min(sample, len(others)))]
    again = list(Person.objects.filter(owner_organisation=organisation, arrivals__circumstance="inland_apprehension",
                                       birth_date_precision="year", documents__isnull=True).distinct())
    registered_again = [best(_typed(p), excluding=p.pk) for p in again]
    families = list(Group.objects.filter(owner_organisation=organisation, kind="family")
                    .annotate(size=Count("memberships")).filter(size__gte=3).order_by("reference"))
    families_alone, families_together = [], []
    for family in rng.sample(families, min(sample, len(families))):
        members = list(family.memberships.select_related("person").order_by("id"))
        head = next(m.person for m in members if m.relationship_to_head == "head")
        spell = random.Random(f"{seed}-{family.reference}")

        def respell(name: str, spell: random.Random = spell) -> str:
            return str(demo_data._respelled(spell, name))

        companions = tuple(respell(m.person.given_name) for m in members if m.person.pk != head.pk)
        families_alone.append(best(_typed(head, respell=respell, year_only=True), wanted=head.pk))
        families_together.append(best(_typed(head, respell=respell, year_only=True, companions=companions),
                                      wanted=head.pk))
    lines = [f"{len(strangers)} strangers, {len(registered_again)} registered again, {len(families_alone)} family "
             f"heads typed again (demo officer's organisation: {Person.objects.filter(owner_organisation=organisation).count():,} people)",
             "", "| hold from | strangers held (false alarms) | registered again held | family heads held, typed alone "
             "| family heads held, with their family |", "|---|---|---|---|---|"]
    for threshold in THRESHOLDS:
        def share(values: list[float], threshold: float = threshold) -> str:
            return f"{sum(v >= threshold for v in values) / max(1, len(values)):.3f}"

        lines.append(f"| {threshold} | {share(strangers)} | {share(registered_again)} | {share(families_alone)} | "
                     f"{share(families_together)} |")
    ms = sorted(t * 1000 for t in timings)
    lines += ["", _file_check(actor, [*again, *others], file_lines)]
    lines += ["", f"one row's check: median {statistics.median(ms):.1f} ms, p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms "
                  f"({len(ms)} checks, SQLite or PostgreSQL as given, in-process)"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=40_000, help="demo people to load (all organisations)")
    parser.add_argument("--sample", type=int, default=300, help="strangers and family heads typed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file-lines", type=int, default=500, help="lines of the file put through the import check")
    parser.add_argument("--reuse-database", default="", metavar="URL", help="a demo database loaded before")
    parser.add_argument("--no-append", action="store_true")
    options = parser.parse_args()
    from review_read import _django, load_demo

    var_dir = tempfile.mkdtemp(prefix="tenpoint-batch-hold-")
    database_url = options.reuse_database or f"sqlite:///{var_dir}/demo.sqlite3"
    try:
        _django(database_url, var_dir)
        if not options.reuse_database:
            load_demo(options.people)
        table = measure(options.sample, options.seed, options.file_lines)
        from dedupe import report  # the dedupe benchmark's RESULTS.md writer

        report(table, options)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
