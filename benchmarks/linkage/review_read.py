"""How long a duplicate review takes to read an organisation's people, two ways, same run.

    .venv/bin/python benchmarks/linkage/review_read.py [--people 100000] [--database-url postgres://…]
    .venv/bin/python benchmarks/linkage/review_read.py --reuse-database postgres://…/tenpoint_review_…

A review (``/linkage/reviews/``, ``tenpoint link review``) first reads every person the user's
organisation registered, with their aliases, as linkage records. Measured here:

- values: ``linkage.selectors.own_records_for_review``, the fields the model compares read as
  values (what the review does since 2026-12-01);
- instances (baseline): the same people read as Django model instances with their aliases
  prefetched, turned into the same frame (what it did before).

Both must give the same frame (checked). Each runs in a fresh process, so its time and peak
memory (ru_maxrss) are its own. The demo data (``demo-data --people N``) goes into a throw-away
SQLite file, or a throw-away PostgreSQL database next to the one named (dropped afterwards unless
--keep-database). Prints one row per way and appends the table to RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
REVIEWER = "supervisor"


def _django(database_url: str, var_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["TENPOINT_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "tenpoint.settings.dev"
    import django

    django.setup()


def _instances_frame(actor: Any) -> Any:
    """The reading before 2026-12-01: model instances and their aliases, then the frame."""
    import pandas as pd

    from tenpoint.linkage.selectors import ALIAS_RECORD_MARK, _birth_date_as_written, for_linkage
    from tenpoint.registry.selectors import people_visible_to

    people = list(people_visible_to(actor.user).filter(owner_organisation_id=actor.user.organisation_id)
                  .prefetch_related("aliases"))
    people.sort(key=lambda p: (p.family_name, p.given_name, p.father_name or "", str(p.birth_date), p.sex,
                               p.nationality_declared, p.registered_at, str(p.uuid)))
    rows = []
    for person in people:
        linked = for_linkage(person)
        born = _birth_date_as_written(person.birth_date, person.birth_date_precision)
        rows.append((str(person.uuid), "", linked.given_names, linked.family_names, linked.sex, born,
                     linked.nationality))
        for number, alias in enumerate(sorted(linked.other_names), start=1):
            given, _, family = alias.strip().partition(" ")
            if given:
                rows.append((f"{person.uuid}{ALIAS_RECORD_MARK}{number}", "", given, family.strip(), linked.sex,
                             born, linked.nationality))
    return pd.DataFrame(rows, columns=["record_id", "source", "given_name", "family_name", "sex", "birth_date",
                                       "nationality"]), len(people)


def load_demo(people: int) -> None:
    """Create the tables, then load ``people`` demo people and the demo accounts (Django set up)."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo-data", people=people, stdout=io.StringIO())
    call_command("demo-accounts", stdout=io.StringIO())
    print(f"demo data, {people:,} people, loaded in {time.perf_counter() - started:.0f} s", flush=True)


def worker(way: str, database_url: str, var_dir: str) -> None:
    _django(database_url, var_dir)
    from django.contrib.auth import get_user_model

    from tenpoint.audit.services import Actor
    from tenpoint.linkage.selectors import own_records_for_review

    actor = Actor(get_user_model().objects.get(username=REVIEWER), "cli")
    started = time.perf_counter()
    if way == "values":
        read = own_records_for_review(actor)
        frame, people = read.records, len(read.changed_at)
    else:
        frame, people = _instances_frame(actor)
    seconds = time.perf_counter() - started
    # The columns both ways read (the values way also reads each person's household).
    contract = ["record_id", "source", "given_name", "family_name", "sex", "birth_date", "nationality"]
    digest = hashlib.sha256(frame[contract].to_csv(index=False).encode("utf-8")).hexdigest()[:16]
    print(json.dumps({"seconds": seconds, "people": people, "rows": len(frame), "digest": digest,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000, help="demo people to load (all organisations)")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL: a throw-away database next to it")
    parser.add_argument("--reuse-database", default="", metavar="URL", help="a database kept by an earlier run")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--no-append", action="store_true")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(*options.worker)
        return

    var_dir = tempfile.mkdtemp(prefix="tenpoint-review-read-")
    throwaway = ""
    if options.reuse_database:
        database_url = options.reuse_database
    elif options.database_url.startswith("postgres"):
        import psycopg

        base = options.database_url.rpartition("/")[0]
        throwaway = f"tenpoint_review_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{throwaway}"')
        database_url = f"{base}/{throwaway}"
    else:
        database_url = f"sqlite:///{var_dir}/review.sqlite3"
    try:
        _django(database_url, var_dir)
        from django.db import connection

        if not options.reuse_database:
            load_demo(options.people)
        engine = connection.vendor
        connection.close()
        results = {}
        for way in ("values", "instances"):
            done = subprocess.run([sys.executable, __file__, "--worker", way, database_url, var_dir],
                                  capture_output=True, text=True, check=False, cwd=ROOT)
            if done.returncode != 0:
                print(done.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{way} failed")
            results[way] = json.loads(done.stdout.strip().splitlines()[-1])
        if results["values"]["digest"] != results["instances"]["digest"]:
            raise SystemExit(f"the two ways read different frames: {results}")
        labels = {"values": "values (own_records_for_review)", "instances": "model instances + aliases (before)"}
        rows = [f"| {engine} | {labels[way]} | {r['people']:,} | {r['rows']:,} | {r['seconds']:.2f} s | "
                f"{r['peak_mib']:.0f} MiB |" for way, r in results.items()]
        table = "\n".join([f"Demo data, {options.people:,} people in all organisations; read: the reviewer's own.", "",
                           "| database | read as | people | records (with aliases) | time | peak RSS |",
                           "|---|---|---|---|---|---|", *rows])
        from dedupe import report  # the dedupe benchmark's RESULTS.md writer

        report(table, options)
    finally:
        from django.db import connections

        connections.close_all()
        if throwaway and not options.keep_database:
            import psycopg

            with psycopg.connect(f"{database_url.rpartition('/')[0]}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{throwaway}"')
        if options.keep_database and not options.reuse_database:
            print(f"kept: --reuse-database {database_url}")
        else:  # the run's own directory (and the SQLite file in it, if that is the database)
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
