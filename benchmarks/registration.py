"""Registration benchmark: importing N people from a CSV through Tenpoint's import (validation,
search keys, arrival links, audit) against a plain bulk insert of the same rows into the same
database, then the latency of a misspelled-name search and of the registration-time duplicate check.

    .venv/bin/python benchmarks/registration.py [--rows 100000] [--database-url postgres://…]
    # keep the million-person database, then measure the searches again on it (other code, same data):
    .venv/bin/python benchmarks/registration.py --rows 1000000 --database-url postgres://… --keep-database
    .venv/bin/python benchmarks/registration.py --rows 1000000 --reuse-database postgres://…/tenpoint_bench_…

SQLite by default (a throw-away file); with a PostgreSQL URL a throw-away database is created next
to the one named and dropped afterwards. Prints the figures; the ratio is the figure of merit.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

COLUMNS = ["given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
           "name_in_original_script", "sex", "birth_date", "age", "nationality_declared", "nationality_declared_status",
           "languages", "interpreter_language", "fear_of_return", "fear_of_return_notes", "document_kind",
           "document_number", "document_issuing_country"]


def _rows(count: int, seed: int) -> list[dict[str, str]]:
    from tenpoint.lib.demography import generate_arrivals

    rows = []
    for arrival in generate_arrivals(count, seed=seed):
        for person in arrival.people:
            values = person.values
            document = person.documents[0] if person.documents else {}
            rows.append({
                **dict.fromkeys(COLUMNS, ""),
                **{k: str(values.get(k) or "") for k in COLUMNS if k in values and k not in ("languages", "age")},
                "age": "" if values.get("age") is None else str(values["age"]),
                "languages": ";".join(values.get("languages") or []),
                "document_kind": document.get("kind", ""),
                # Unique numbers: the generator's random numbers may repeat across 100,000 people.
                "document_number": f"{document['number']}-{len(rows)}" if document else "",
                "document_issuing_country": document.get("issuing_country", ""),
            })
    return rows[:count]


def _misspell(rng: random.Random, name: str) -> str:
    letters = list(name)
    if len(letters) < 4:
        return name + name[-1]
    position = rng.randrange(1, len(letters) - 1)
    kind = rng.choice(["drop", "double", "swap", "vowel"])
    if kind == "drop":
        del letters[position]
    elif kind == "double":
        letters.insert(position, letters[position])
    elif kind == "swap":
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    else:
        vowels = "aeiou"
        indexes = [i for i, c in enumerate(letters) if c.lower() in vowels and i > 0]
        if indexes:
            i = rng.choice(indexes)
            letters[i] = rng.choice([v for v in vowels if v != letters[i].lower()])
    return "".join(letters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep-database", action="store_true",
                        help="keep the throw-away PostgreSQL database and print its URL, for --reuse-database")
    parser.add_argument("--reuse-database", default="", metavar="URL",
                        help="measure the searches on a database kept by an earlier run with the same --rows and "
                             "--seed (no import, no baseline)")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tenpoint-bench-"))
    throwaway_db = ""
    if options.reuse_database:
        os.environ["DATABASE_URL"] = options.reuse_database
    elif options.database_url.startswith("postgres"):
        import psycopg

        base, _, _name = options.database_url.rpartition("/")
        throwaway_db = f"tenpoint_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{throwaway_db}"')
        os.environ["DATABASE_URL"] = f"{base}/{throwaway_db}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["TENPOINT_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tenpoint.settings.dev"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tenpoint.audit.services import Actor
    from tenpoint.common.demo import demo_user, ensure_demo_accounts, ensure_demo_partners
    from tenpoint.registry.models import Person

    try:
        if not options.reuse_database:
            call_command("migrate", verbosity=0)
        points = ensure_demo_partners()
        ensure_demo_accounts()
        officer = demo_user("dgme")
        actor = Actor(officer, "cli")
        engine = connection.vendor
        print(f"database: {engine}  rows: {options.rows}  machine: {os.cpu_count()} cores")

        started = time.perf_counter()
        rows = _rows(options.rows, options.seed)
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        content = text.getvalue().encode("utf-8")
        print(f"generated {len(rows)} rows ({len(content) / 1e6:.1f} MB CSV) in {time.perf_counter() - started:.1f} s")

        if options.reuse_database:
            print(f"reusing {options.reuse_database}: {Person.objects.count()} people, no import")
        else:
            _import(options, rows, content, officer, actor, points)
        _searches(options, rows, actor)
    finally:
        if throwaway_db and not options.keep_database:
            from django.db import connections

            connections.close_all()
            import psycopg

            base = os.environ["DATABASE_URL"].rpartition("/")[0]
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{throwaway_db}"')
        elif throwaway_db:
            print(f"kept: --reuse-database {os.environ['DATABASE_URL']}")


def _import(options: argparse.Namespace, rows: list[dict[str, str]], content: bytes, officer: object, actor: object,
            points: dict) -> None:
    from django.db import transaction
    from django.utils import timezone

    from tenpoint.registry.importer import ImportRefused, import_people_file
    from tenpoint.registry.models import Person
    from tenpoint.registry.services import ArrivalInput, PersonInput, prepare_person, register_arrival

    # Baseline: the same rows as Person objects, one bulk insert, no validation, no keys, no audit.
    now = timezone.now()
    on = now.date()
    baseline_people = []
    for row in rows:
        prepared, _problems = prepare_person(PersonInput(
            fear_of_return=row["fear_of_return"], given_name=row["given_name"], father_name=row["father_name"],
            grandfather_name=row["grandfather_name"], family_name=row["family_name"],
            second_family_name=row["second_family_name"], sex=row["sex"] or "U",
            birth_date=row["birth_date"] or None, age=int(row["age"]) if row["age"] else None,
            nationality_declared=row["nationality_declared"]), registered_on=on)
        values = prepared.values if prepared else {}
        # Numbered, not random: a million random references collide about every other run.
        baseline_people.append(Person(reference=f"BASE-{len(baseline_people):09d}", owner_organisation=officer.organisation,
                                      country="CRI", registered_at=now, updated_at=now, registered_by=officer,
                                      **values))
    started = time.perf_counter()
    with transaction.atomic():
        Person.objects.bulk_create(baseline_people, batch_size=1000)
    baseline = time.perf_counter() - started
    Person.objects.filter(reference__startswith="BASE-").delete()

    arrival = register_arrival(actor, ArrivalInput(registration_point=points["paso_canoas"], arrived_at=now,
                                                   mode="land", country_of_departure="PAN"))
    started = time.perf_counter()
    try:
        report = import_people_file(actor, content, filename="bench.csv", arrival=arrival)
    except ImportRefused as refused:
        sys.exit(f"the generated file was refused: {refused}\n" + "\n".join(str(e) for e in refused.errors))
    imported = time.perf_counter() - started
    assert report.people == len(rows), report

    print(f"plain bulk insert of {len(rows)} people : {baseline:8.2f} s")
    print(f"tenpoint import people (all checks)  : {imported:8.2f} s")
    print(f"ratio import / bulk insert            : {imported / baseline:8.2f}x  (goal: at most 3x)")


def _searches(options: argparse.Namespace, rows: list[dict[str, str]], actor: object) -> None:
    from tenpoint.registry.selectors import PersonSearch, search_people


    rng = random.Random(options.seed)
    sample = rng.sample(rows, min(options.searches, len(rows)))
    latencies = []
    found = 0
    for row in sample:
        given = row["given_name"] or row["family_name"]
        other = row["family_name"] or row["father_name"]
        query = f"{_misspell(rng, given)} {other}".strip()
        started = time.perf_counter()
        hits = search_people(actor, PersonSearch(name=query, limit=20))
        latencies.append((time.perf_counter() - started) * 1000)
        found += any(h.person.given_name == row["given_name"] for h in hits)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"misspelled-name search, {len(latencies)} queries: median {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms; the person was among the first 20 in {found / len(latencies):.0%}")

    # Registration-time duplicate check (issue 5 goal: p95 under 150 ms at 1,000,000 people on
    # PostgreSQL): the officer retypes a registered person with a spelling slip and a year-only date.
    from tenpoint.linkage.selectors import registration_candidates

    latencies, found = [], 0
    for row in sample:
        started = time.perf_counter()
        candidates = registration_candidates(
            actor, given_names=_misspell(rng, row["given_name"]) if row["given_name"] else "",
            family_names=row["family_name"] or row["father_name"], birth_date=row["birth_date"][:4],
            sex=row["sex"])
        latencies.append((time.perf_counter() - started) * 1000)
        found += any(c.person.given_name == row["given_name"] and c.person.family_name == row["family_name"]
                     for c in candidates)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"registration duplicate check, {len(latencies)} typed people: median {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms (goal at 1,000,000 on PostgreSQL: p95 < 150 ms); the person was among the "
          f"5 candidates in {found / len(latencies):.0%}")


if __name__ == "__main__":
    main()
