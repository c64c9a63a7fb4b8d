"""The duplicate review's queue: what a reviewer is shown, against the truth, two ways, same run.

    .venv/bin/python benchmarks/linkage/review.py [--records 40000] [--seed 1] [--no-append]

A review run (``/linkage/reviews/``, ``tenpoint link review``) queues pairs of an organisation's
records at or above a match probability (0.5 by default) for a person to decide; pairs at or
above 0.99 may be confirmed together, by a person. This script builds the queue from generated
records with ground truth, as:

- Splink: ``lib.linkage.dedupe.possible_duplicates``, the model of ``tenpoint link dedupe``
  (what the review runs on since 2026-11-30);
- the same with ``explain_weights`` (what the review stores since 2026-12-02: each pair's prior
  and each comparison's level and weight), for its cost in time;
- name keys + registration scorer: ``lib.linkage.candidates.candidate_pairs``, every pair
  sharing a name skeleton scored by the registration-time scorer (what it ran on before).

For each: pairs queued, their precision (share that are one person), the recall of all true
pairs, the same for the confident pairs, and the wall time. Appends to RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
REVIEW_FROM = 0.5
CONFIDENT_FROM = 0.99


def splink_queue(frame: pd.DataFrame) -> list[tuple[str, str, float]]:
    from tenpoint.lib.linkage.dedupe import possible_duplicates

    found = possible_duplicates(frame, review_from=REVIEW_FROM)
    return list(zip(found["record_id_l"], found["record_id_r"], found["match_probability"], strict=True))


def splink_queue_explained(frame: pd.DataFrame) -> list[tuple[str, str, float]]:
    """As the review runs it since 2026-12-02: each pair with what the model weighed in it."""
    from tenpoint.lib.linkage.dedupe import possible_duplicates

    found = possible_duplicates(frame, review_from=REVIEW_FROM, explain_weights=True)
    assert found["model_weights"].map(len).all()
    return list(zip(found["record_id_l"], found["record_id_r"], found["match_probability"], strict=True))


def scorer_queue(frame: pd.DataFrame) -> list[tuple[str, str, float]]:
    from tenpoint.lib.linkage.candidates import PartialDate, PersonForLinkage, candidate_pairs
    from tenpoint.lib.linkage.records import parse_birth_date

    people = {}
    for record in frame.itertuples():
        parsed = parse_birth_date(record.birth_date or "")
        if parsed.year is None:
            birth = PartialDate(None, "unknown")
        elif parsed.month is None:
            birth = PartialDate(dt.date(parsed.year, 1, 1), "year")
        elif parsed.day is None:
            birth = PartialDate(dt.date(parsed.year, parsed.month, 1), "month")
        else:
            birth = PartialDate(dt.date(parsed.year, parsed.month, parsed.day), "exact")
        people[record.record_id] = PersonForLinkage(record.given_name, record.family_name, birth,
                                                    record.sex or "", record.nationality or "")
    return [(a, b, score.probability) for a, b, score in candidate_pairs(people, review_from=REVIEW_FROM)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--messiness", type=float, default=0.5)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    from dedupe import generator_frame, report  # the dedupe benchmark's reader and RESULTS.md writer

    with tempfile.TemporaryDirectory() as tmp:
        frame = generator_frame(args.records, args.seed, args.messiness, Path(tmp))
    truth = dict(zip(frame["record_id"], frame["true_id"], strict=True))
    true_pairs = int(sum(n * (n - 1) // 2 for n in frame["true_id"].value_counts()))
    records = frame.drop(columns=["true_id"])
    rows = []
    for name, build in (("Splink model (possible_duplicates)", splink_queue),
                        ("the same, with what the model weighed in each pair (explain_weights)",
                         splink_queue_explained),
                        ("name keys + registration scorer (candidate_pairs)", scorer_queue)):
        started = time.perf_counter()
        queue = build(records)
        seconds = time.perf_counter() - started
        cells = []
        for threshold in (REVIEW_FROM, CONFIDENT_FROM):
            shown = [(a, b) for a, b, p in queue if p >= threshold]
            same = sum(truth[a] == truth[b] for a, b in shown)
            cells += [f"{len(shown):,}", f"{same / len(shown):.3f}" if shown else "—", f"{same / true_pairs:.3f}"]
        rows.append(f"| {name} | {' | '.join(cells)} | {seconds:.1f} s |")
        print(rows[-1], flush=True)
    table = "\n".join([
        f"generator, {args.records:,} records (seed {args.seed}, messiness {args.messiness}), "
        f"{true_pairs:,} true pairs\n",
        f"| queue built by | pairs ≥ {REVIEW_FROM} | precision | recall | pairs ≥ {CONFIDENT_FROM} | precision "
        "| recall | time |",
        "|---|---|---|---|---|---|---|---|", *rows])
    report(table, args)


if __name__ == "__main__":
    main()
