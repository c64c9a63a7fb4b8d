"""Clustering thresholds against F1: each dataset is scored once, then clustered at every
(core, join) pair, so differences between thresholds are not sampling noise.

    .venv/bin/python benchmarks/linkage/thresholds.py [--records 40000] [--seeds 1,2,3]

Prints one row per (core, join): F1 on Febrl3 and on the generator at each seed, and the
generator's mean. The default is core 0.99 (``model.CORE_THRESHOLD``), join 0.7
(``model.DEFAULT_THRESHOLD``): one default for both datasets, no per-dataset tuning.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CORES = (0.95, 0.99, 0.999)
JOINS = (0.5, 0.6, 0.7, 0.8, 0.9)


def f1_by_threshold(frame: pd.DataFrame) -> dict[tuple[float, float], float]:
    from tenpoint.lib.linkage import dedupe
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    truth = dict(zip(frame["record_id"], frame["true_id"], strict=True))
    records = frame.drop(columns=["true_id"])
    ids = records["record_id"].astype(str).tolist()
    predictions, linker, _trained = dedupe.predict_pairs(records)
    scored = dedupe._scored_pairs(linker, predictions)
    found = {}
    for core in CORES:
        pairs = dedupe.weigh_conflicts(ids, scored, core=core)
        for join in JOINS:
            index = dedupe.cluster_without_chains(ids, pairs, core=max(core, join), join=join)
            labels = pd.Series(ids).groupby(index).transform("min")
            found[(core, join)] = pairwise_scores(dict(zip(ids, labels, strict=True)), truth).f1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--messiness", type=float, default=0.5)
    args = parser.parse_args()
    from dedupe import febrl3_frame, generator_frame

    columns = {"Febrl3": f1_by_threshold(febrl3_frame())}
    for seed in (int(s) for s in args.seeds.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            frame = generator_frame(args.records, seed, args.messiness, Path(tmp))
        columns[f"generator seed {seed}"] = f1_by_threshold(frame)
    generators = [name for name in columns if name.startswith("generator")]
    print(f"| core | join | {' | '.join(columns)} | generator mean |")
    print("|---|---|" + "---|" * (len(columns) + 1))
    for core in CORES:
        for join in JOINS:
            mean = sum(columns[name][(core, join)] for name in generators) / len(generators)
            cells = " | ".join(f"{columns[name][(core, join)]:.4f}" for name in columns)
            print(f"| {core} | {join} | {cells} | {mean:.4f} |")


if __name__ == "__main__":
    main()
