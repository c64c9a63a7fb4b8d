"""New records against a register: `link between` (Splink's predict_between) against deduplicating
the whole file again (`link dedupe` with the same saved model), same data, same run.

    .venv/bin/python benchmarks/linkage/between.py [--records 40000] [--new 4000] [--seed 1] [--no-append]

A generated file of --records records (the generator's own order: people are interleaved, so
the last --new records are a batch in which some people come back and others are new). The
model is trained once on another generated file (40,000 records, seed --seed + 1000), as
`link dedupe --save-model` would be on the register, and both methods use it. Reported: the
pairs of a new record and a register record at match probability ≥ 0.5, their precision, and
the share of the true (register, new) pairs found; the same with the new records also compared
with each other (``within_new``, what the duplicate review of the people registered or changed since the
last review runs); the time of each method (features, scoring, for the full dedupe also
clustering). Appends to RESULTS.md unless --no-append.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
RESULTS = Path(__file__).with_name("RESULTS.md")


def main() -> None:
    from dedupe import generator_frame

    from tenpoint.lib.linkage.dedupe import dedupe_frame, link_new_records, train_model

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--new", type=int, default=4_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--messiness", type=float, default=0.5)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        frame = generator_frame(args.records, args.seed, args.messiness, Path(workdir))
        trained = train_model(generator_frame(40_000, args.seed + 1000, args.messiness, Path(workdir))
                              .drop(columns=["true_id"]))
    truth = dict(zip(frame["record_id"], frame["true_id"], strict=True))
    records = frame.drop(columns=["true_id"])
    register, batch = records.iloc[:-args.new], records.iloc[-args.new:]
    in_register = frame["true_id"].iloc[:-args.new].value_counts()
    true_pairs = int(frame["true_id"].iloc[-args.new:].map(in_register).fillna(0).sum())

    started = time.perf_counter()
    found = link_new_records(register, batch, trained=trained)
    between_seconds = time.perf_counter() - started
    right = sum(truth[a] == truth[b] for a, b in zip(found["record_id_existing"], found["record_id_new"], strict=True))
    between_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # The review of the people registered or changed since the last review: the batch with the register and
    # with itself, one comparison (link_new_records within_new).
    in_batch = frame["true_id"].iloc[-args.new:].value_counts()
    true_within = int((in_batch * (in_batch - 1) // 2).sum())
    started = time.perf_counter()
    with_batch = link_new_records(register, batch, trained=trained, within_new=True)
    within_seconds = time.perf_counter() - started
    right_within = sum(truth[a] == truth[b]
                       for a, b in zip(with_batch["record_id_existing"], with_batch["record_id_new"], strict=True))

    started = time.perf_counter()
    labels = dedupe_frame(records, trained=trained)
    dedupe_seconds = time.perf_counter() - started
    clusters = pd.Series(labels.to_numpy(), index=records["record_id"].to_numpy())
    new_ids = set(batch["record_id"])
    together = 0
    for cluster_id, members in clusters.groupby(clusters).groups.items():
        del cluster_id
        fresh = [m for m in members if m in new_ids]
        old = [m for m in members if m not in new_ids]
        together += sum(truth[a] == truth[b] for a in old for b in fresh)
    linked_across = sum(len([m for m in members if m in new_ids]) * len([m for m in members if m not in new_ids])
                        for members in clusters.groupby(clusters).groups.values())

    table = (
        f"generated file (seed {args.seed}, messiness {args.messiness}): {len(register):,} register records, "
        f"{len(batch):,} new; {true_pairs:,} true (register, new) pairs; model trained once on another "
        f"file (40,000 records, seed {args.seed + 1000})\n\n"
        "| method | what it compares | (register, new) pairs | precision | share of true pairs | time |\n"
        "|---|---|---|---|---|---|\n"
        f"| `link between` (predict_between, pairs ≥ 0.5) | new records with the register | {len(found):,} | "
        f"{right / max(len(found), 1):.3f} | {right / max(true_pairs, 1):.3f} | **{between_seconds:.1f} s** |\n"
        f"| the same, the new records also with each other (`within_new`: the review of people registered "
        f"or changed since) | new records with the register and with each other ({true_within:,} true pairs within the "
        f"batch) | {len(with_batch):,} (all pairs) | {right_within / max(len(with_batch), 1):.3f} | "
        f"{right_within / max(true_pairs + true_within, 1):.3f} | {within_seconds:.1f} s |\n"
        f"| `link dedupe` on the whole file (same model) | every record with every other, then clusters | "
        f"{linked_across:,} (in one cluster) | {together / max(linked_across, 1):.3f} | "
        f"{together / max(true_pairs, 1):.3f} | {dedupe_seconds:.1f} s |\n"
        f"\nPeak RSS after `link between`: {between_peak:.0f} MiB (the process, before the full dedupe ran).\n"
    )
    print(table)
    if not args.no_append:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## {stamp} — {platform.machine()}, 2 cores, Python {platform.python_version()}\n\n"
                         f"`benchmarks/linkage/between.py --records {args.records} --new {args.new}`\n\n{table}")


if __name__ == "__main__":
    main()
