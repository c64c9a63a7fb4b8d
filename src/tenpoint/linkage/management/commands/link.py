from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.lib.linkage.pprl.files import OUTPUT_FORMATS
from tenpoint.lib.linkage.records import LinkageInputError


class Command(BaseCommand):
    help = ("Find the same person across records. `tenpoint link dedupe RECORDS.csv --out CLUSTERS.csv`; "
            "new records against a register: `tenpoint link between EXISTING.csv NEW.csv --out PAIRS.csv`; "
            "privacy-preserving: `tenpoint link encode RECORDS.csv --secret-file KEY --out ENCODED.csv`, then "
            "`tenpoint link match A_ENCODED.csv B_ENCODED.csv --out PAIRS.csv`.")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        dedupe = sub.add_parser("dedupe", help="Cluster the records that are the same person")
        dedupe.add_argument("records", type=Path)
        dedupe.add_argument("--out", type=Path, required=True)
        dedupe.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        dedupe.add_argument("--threshold", type=float, default=None,
                            help="mean match probability at which clusters join (default 0.7)")
        dedupe.add_argument("--model", type=Path, default=None,
                            help="a model saved with --save-model: no training, only scoring and clustering")
        dedupe.add_argument("--save-model", type=Path, default=None,
                            help="write the trained model (Splink JSON) here, for --model next time")
        between = sub.add_parser("between", help="Compare new records with an existing register (not the register "
                                                 "with itself): the pairs that may be one person")
        between.add_argument("existing", type=Path, help="the register's records")
        between.add_argument("new", type=Path, help="the new records")
        between.add_argument("--out", type=Path, required=True,
                             help="record_id_existing,record_id_new,match_probability, most likely first")
        between.add_argument("--model", type=Path, default=None,
                             help="a model saved by `link dedupe --save-model` (without it, one is trained on both files)")
        between.add_argument("--review-from", type=float, default=None,
                             help="the lowest match probability written (default 0.5)")
        between.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        between.add_argument("--explain", action="store_true",
                             help="also write what the model weighed in each pair: prior_weight, then "
                                  "<comparison>_level and <comparison>_weight per comparison, in bits "
                                  "(an empty level: the comparison added nothing)")
        encode = sub.add_parser("encode", help="Encode records as hardened Bloom filters (CLKs) with a shared secret")
        encode.add_argument("records", type=Path)
        encode.add_argument("--secret-file", type=Path, required=True)
        encode.add_argument("--out", type=Path, required=True)
        encode.add_argument("--schema", type=Path, default=None,
                            help="clkhash v3 linkage schema (default: Tenpoint's, printed by `link schema`)")
        encode.add_argument("--format", choices=OUTPUT_FORMATS, default="csv",
                            help="csv: record_id,clk,schema_id,key_check (default); clkhash-json: clkhash's "
                                 "{\"clks\": [...]} in file order, for a matcher running anonlink")
        match = sub.add_parser("match", help="Match two encoded files on encodings only")
        for side in ("encoded_a", "encoded_b"):
            match.add_argument(side, type=Path, help="the CSV `link encode` writes, or clkhash's JSON output "
                                                     "(records named by their row, from 0)")
        match.add_argument("--out", type=Path, required=True)
        match.add_argument("--threshold", type=float, default=None,
                           help="a plain Dice threshold (one-to-one above it, nothing else); without it, pairs at "
                                "the schema's match threshold and above (0.85 in the default schema), then clear "
                                "mutual best pairs down to 0.6")
        match.add_argument("--schema", type=Path, default=None,
                           help="the schema both files were encoded with, for its match threshold (default: "
                                "Tenpoint's)")
        match.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        sub.add_parser("schema", help="Print the default clkhash v3 linkage schema")
        review = sub.add_parser("review", help="Queue the possible duplicates among the people an organisation "
                                               "registered, for a reviewer to decide (nothing is merged)")
        review.add_argument("--user", required=True, help="the reviewer the run acts for (their organisation's records)")
        review.add_argument("--review-from", type=float, default=None)
        review.add_argument("--confident-from", type=float, default=None)
        review.add_argument("--train-again", action="store_true",
                            help="train the model afresh, even where an interrupted review of everyone kept one to "
                                 "resume from")
        review.add_argument("--since-last", action="store_true",
                            help="only the people registered or changed since the last review, compared with everyone, by the "
                                 "model the last review of everyone kept (no training)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stderr.write(f"[{time.monotonic() - started:7.1f}s] {message}")
            sys.stderr.flush()

        what = options["what"]
        for written in (options.get("out"), options.get("save_model")):
            if written is not None:
                _refuse_unwritable(written)
        try:
            if what == "dedupe":
                from tenpoint.lib.linkage.dedupe import run_dedupe

                run_dedupe(options["records"], options["out"], engine=options["engine"],
                           threshold=options["threshold"], progress=progress,
                           model_path=options["model"], save_model_path=options["save_model"])
            elif what == "between":
                from tenpoint.lib.linkage.dedupe import run_link_new

                run_link_new(options["existing"], options["new"], options["out"], engine=options["engine"],
                             review_from=options["review_from"], progress=progress, model_path=options["model"],
                             explain_weights=options["explain"])
            elif what == "encode":
                from tenpoint.lib.linkage.pprl import run_encode

                run_encode(options["records"], options["secret_file"], options["out"],
                           schema_path=options["schema"], output_format=options["format"], progress=progress)
            elif what == "match":
                from tenpoint.lib.linkage.pprl import run_match

                run_match(options["encoded_a"], options["encoded_b"], options["out"],
                          threshold=options["threshold"], schema_path=options["schema"], engine=options["engine"],
                          progress=progress)
            elif what == "review":
                self._review(options, progress)
            elif what == "schema":
                from tenpoint.lib.linkage.pprl import default_schema_json

                self.stdout.write(default_schema_json())
        except (LinkageInputError, BusinessRuleViolation, PermissionDenied) as error:
            raise CommandError(str(error)) from None
        except OSError as error:  # a disk filled or a folder removed while the run was writing
            raise CommandError(f"{error.filename or 'a file'}: could not be written: {error.strerror or error}") from None

    def _review(self, options: dict[str, Any], progress: Callable[[str], None]) -> None:
        from django.contrib.auth import get_user_model

        from tenpoint.audit.services import Actor
        from tenpoint.linkage import services
        from tenpoint.linkage.models import DuplicateReview

        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no user named {options['user']!r}")
        thresholds = {k: options[k] for k in ("review_from", "confident_from") if options[k] is not None}
        scope = DuplicateReview.Scope.SINCE_LAST if options["since_last"] else DuplicateReview.Scope.EVERYONE
        review = services.start_duplicate_review(Actor(user, "cli"), progress=progress, scope=scope,
                                                 train_again=options["train_again"], **thresholds)
        settled = f" ({review.pairs_settled_before} decided before, not asked again)" if review.pairs_settled_before else ""
        self.stdout.write(f"{review.people_compared} people compared, {review.pairs.count()} possible duplicates "
                          f"waiting for review{settled}: /linkage/reviews/{review.uuid}/")


def _refuse_unwritable(path: Path) -> None:
    """Checked before the work: a run of an hour is not lost at its end for a mistyped folder."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandError(f"{path}: is a folder; name the file to write (e.g. {path / 'clusters.csv'})")
    if not folder.is_dir():
        raise CommandError(f"{path}: the folder {folder} does not exist; create it or write elsewhere")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"{path}: cannot be written here (permission denied)")
