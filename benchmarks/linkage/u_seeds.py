"""How much F1 depends on the random pairs u is estimated from: each method run with u sample seeds 1..N.

    .venv/bin/python benchmarks/linkage/u_seeds.py [--seeds 8] [--records 40000] [--generator-seed 1]
        [--datasets febrl3,generator] [--methods tenpoint,baseline] [--u-pairs 2e5]
        [--birth-date-u-pairs 3e6]

Both models estimate u (how often two random records agree on a level by chance) from a sample of
random record pairs drawn with ``model.SEED``; the benchmarks run with the default seed. This
script runs each method on the same data once per seed and prints every F1 with their mean,
standard deviation and range, and the default seed's. ``--u-pairs`` sets the Tenpoint sample's
size (``model.U_MAX_PAIRS``; the baseline keeps the tutorial's 1e6).

``--birth-date-u-pairs N`` (Tenpoint only, a diagnosis, not the model): the birth-date
comparison's u is taken from one sample of N pairs (seed 99), the names' u still from the seed's
sample; if the spread falls, the birth date's u is what the seed moves. It found that the birth
date's sampled u moved Febrl3's F1 (2026-12-04); the model has since counted it on every pair
(``model.birth_date_u_sql``), which the N pairs replace here.
The swap is made where the trained model is first read back from Splink (before λ and the
corrections of u), by wrapping ``model.names_not_learned``, which reads the model there.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def f1_of(frame: pd.DataFrame, method: str) -> float:
    from tenpoint.lib.linkage.dedupe import dedupe_frame
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    records = frame.drop(columns=["true_id"])
    labels = dedupe_frame(records, method=method)
    truth = dict(zip(frame["record_id"], frame["true_id"], strict=True))
    return pairwise_scores(dict(zip(records["record_id"], labels, strict=True)), truth).f1


def birth_date_u_from(frame: pd.DataFrame, pairs: float) -> Callable[[dict[str, Any]], list[str]]:
    """A stand-in for ``model.names_not_learned`` that first puts the birth-date u of one run on
    ``pairs`` random pairs (seed 99) into the model it reads."""
    from tenpoint.lib.linkage import model

    read_back = model.names_not_learned
    found: list[float | None] = []

    def keep(trained: dict[str, Any]) -> list[str]:
        for comparison in trained["comparisons"]:
            if comparison["output_column_name"] == "birth_date":
                found[:] = [level.get("u_probability") for level in comparison["comparison_levels"]]
        return read_back(trained)

    seed, size = model.SEED, model.U_MAX_PAIRS
    model.names_not_learned, model.SEED, model.U_MAX_PAIRS = keep, 99, pairs
    try:
        f1_of(frame, "tenpoint")
    finally:
        model.names_not_learned, model.SEED, model.U_MAX_PAIRS = read_back, seed, size

    def swap(trained: dict[str, Any]) -> list[str]:
        for comparison in trained["comparisons"]:
            if comparison["output_column_name"] == "birth_date":
                for level, u in zip(comparison["comparison_levels"], found, strict=True):
                    if u is not None:
                        level["u_probability"] = u
        return read_back(trained)

    return swap


def main() -> None:
    from tenpoint.lib.linkage import model

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=8, help="u sample seeds 1..N")
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--generator-seed", type=int, default=1)
    parser.add_argument("--messiness", type=float, default=0.5)
    parser.add_argument("--datasets", default="febrl3,generator")
    parser.add_argument("--methods", default="tenpoint,baseline")
    parser.add_argument("--u-pairs", type=float, default=model.U_MAX_PAIRS)
    parser.add_argument("--birth-date-u-pairs", type=float, default=0.0)
    args = parser.parse_args()
    from dedupe import febrl3_frame, generator_frame

    default_seed, model.U_MAX_PAIRS = model.SEED, args.u_pairs
    print(f"| dataset | method | F1 with u seeds 1–{args.seeds} | mean | sd | range | default seed ({default_seed}) |")
    print("|---|---|---|---|---|---|---|")
    for dataset in args.datasets.split(","):
        if dataset == "febrl3":
            frame, name = febrl3_frame(), "Febrl3"
        else:
            with tempfile.TemporaryDirectory() as tmp:
                frame = generator_frame(args.records, args.generator_seed, args.messiness, Path(tmp))
            name = f"generator {args.records:,} (seed {args.generator_seed})"
        for method in args.methods.split(","):
            label = method
            read_back = model.names_not_learned
            if method == "tenpoint":
                label = f"tenpoint, u from {args.u_pairs:.0e} pairs"
                if args.birth_date_u_pairs:
                    model.names_not_learned = birth_date_u_from(frame, args.birth_date_u_pairs)
                    label += f", birth date's from {args.birth_date_u_pairs:.0e} (seed 99)"
            scores = []
            try:
                for seed in range(1, args.seeds + 1):
                    model.SEED = seed
                    scores.append(f1_of(frame, method))
            finally:
                model.SEED, model.names_not_learned = default_seed, read_back
            at_default = f"{scores[default_seed - 1]:.4f}" if default_seed <= len(scores) else "—"
            print(f"| {name} | {label} | {' '.join(f'{f1:.4f}' for f1 in scores)} | {statistics.mean(scores):.4f} | "
                  f"{statistics.stdev(scores):.4f} | {min(scores):.4f}–{max(scores):.4f} | {at_default} |",
                  flush=True)


if __name__ == "__main__":
    main()
