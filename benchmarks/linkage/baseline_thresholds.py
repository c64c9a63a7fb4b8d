"""The tutorial baseline at every clustering threshold: is 0.95 what holds it back?

    .venv/bin/python benchmarks/linkage/baseline_thresholds.py [--records 40000] [--seeds 1,2]

The issue says the tutorial baseline scores "about 0.87" on Febrl3 names + date of birth;
``dedupe.py`` measures 0.82 at the tutorial's clustering threshold (0.95). Each dataset is
scored once by the baseline (``predict_pairs(method="baseline")``: the tutorial's training,
predictions from 0.2), then clustered by Splink's connected components at every threshold
below, so the rows differ only by the threshold. Printed beside them: the pairs themselves
at each threshold without clustering (pairwise F1 of the scored pairs, no transitive
closure), and the Tenpoint model at its one default, in the same run.
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

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)


def pair_scores(pairs: pd.DataFrame, truth: dict[str, str], true_pairs: int, threshold: float) -> tuple[float, ...]:
    """Precision, recall, F1 of the scored pairs at ``threshold``, each pair counted once."""
    kept = pairs[pairs["match_probability"] >= threshold]
    left = kept["unique_id_l"].astype(str).map(truth)
    right = kept["unique_id_r"].astype(str).map(truth)
    right_ones = int((left == right).sum())
    precision = right_ones / len(kept) if len(kept) else 1.0
    recall = right_ones / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def study(frame: pd.DataFrame) -> tuple[dict[float, tuple[float, ...]], tuple[float, ...]]:
    from tenpoint.lib.linkage import dedupe
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    truth = dict(zip(frame["record_id"].astype(str), frame["true_id"].astype(str), strict=True))
    sizes = pd.Series(list(truth.values())).value_counts()
    true_pairs = int((sizes * (sizes - 1) // 2).sum())
    records = frame.drop(columns=["true_id"])
    ids = records["record_id"].astype(str).tolist()
    predictions, linker, _trained = dedupe.predict_pairs(records, method="baseline")
    pairs = predictions.as_pandas_dataframe()[["unique_id_l", "unique_id_r", "match_probability"]]
    rows: dict[float, tuple[float, ...]] = {}
    for threshold in THRESHOLDS:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold).as_pandas_dataframe()
        by_record = dict(zip(clusters["unique_id"].astype(str), clusters["cluster_id"].astype(str), strict=True))
        scores = pairwise_scores({r: by_record.get(r, r) for r in ids}, truth)
        rows[threshold] = (scores.precision, scores.recall, scores.f1,
                           *pair_scores(pairs, truth, true_pairs, threshold))
    tenpoint = pairwise_scores(dict(zip(ids, dedupe.dedupe_frame(records), strict=True)), truth)
    return rows, (tenpoint.precision, tenpoint.recall, tenpoint.f1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--messiness", type=float, default=0.5)
    args = parser.parse_args()
    from dedupe import febrl3_frame, generator_frame

    datasets = {"Febrl3": febrl3_frame()}
    for seed in (int(s) for s in args.seeds.split(",") if s):
        with tempfile.TemporaryDirectory() as tmp:
            datasets[f"generator {args.records:,}, seed {seed}"] = generator_frame(
                args.records, seed, args.messiness, Path(tmp))
    for name, frame in datasets.items():
        rows, tenpoint = study(frame)
        best = max(rows, key=lambda t: rows[t][2])
        print(f"\n### {name}\n")
        print("| threshold | clusters P | clusters R | **clusters F1** | pairs P | pairs R | pairs F1 |")
        print("|---|---|---|---|---|---|---|")
        for threshold, cells in rows.items():
            mark = " (tutorial)" if threshold == 0.95 else (" (best)" if threshold == best else "")
            print(f"| {threshold}{mark} | " + " | ".join(
                f"**{v:.4f}**" if i == 2 else f"{v:.4f}" for i, v in enumerate(cells)) + " |")
        print(f"\nTenpoint at its default, same run: P {tenpoint[0]:.4f}, R {tenpoint[1]:.4f}, "
              f"**F1 {tenpoint[2]:.4f}**; the baseline's best threshold {best}: F1 {rows[best][2]:.4f}")


if __name__ == "__main__":
    main()
