"""F1 against the generator's messiness: Tenpoint, the tutorial baseline, a supervised ceiling
and the answer key's bound, each messiness in one run.

    .venv/bin/python benchmarks/linkage/messiness.py [--records 40000] [--levels 0.1,0.2,...] [--seeds 1,2]

For the issue's F1 goal at 40,000 records: at which messiness does 0.95 lie within reach of
Tenpoint, of any scorer of its candidate pairs (the supervised classifier of ``ceiling.py``,
trained on the other seed's truth, the better of its two clusterings), and of any clustering of
those pairs that makes no wrong link (the answer key)? Each seed is the test file once; the
other seed is its training file. The generator's error rates all scale with the messiness; every
other figure in this folder uses 0.5.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

LEVELS = "0.1,0.2,0.3,0.4,0.5,0.6,0.7"


def main() -> None:
    from ceiling import answer_key_clustering, scored_pairs
    from sklearn.ensemble import HistGradientBoostingClassifier

    from tenpoint.lib.linkage import dedupe
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--levels", default=LEVELS)
    parser.add_argument("--seeds", default="1,2", help="two seeds: each is tested once, trained on by the other")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    if len(seeds) != 2:
        parser.error("--seeds takes two seeds")
    print(f"generator, {args.records:,} records; each cell: test seed {seeds[0]} / test seed {seeds[1]}\n")
    print("| messiness | Tenpoint (default) P / R / **F1** | tutorial baseline F1 | supervised ceiling F1 "
          "| answer key F1 (no wrong link) | blocking recall |")
    print("|---|---|---|---|---|---|")
    for level in (float(v) for v in args.levels.split(",")):
        cells: dict[str, list[str]] = {"tenpoint": [], "baseline": [], "ceiling": [], "key": [], "recall": []}
        with tempfile.TemporaryDirectory() as tmp:
            scored = {seed: scored_pairs(args.records, seed, level, Path(tmp)) for seed in seeds}
        for test, train in ((seeds[0], seeds[1]), (seeds[1], seeds[0])):
            pairs, x_test, y_test, frame = scored[test]
            _, x_train, y_train, _ = scored[train]
            ids = frame["record_id"].astype(str).tolist()
            truth = dict(zip(ids, frame["true_id"], strict=True))
            true_pairs = pairwise_scores(dict(zip(ids, ids, strict=True)), truth).true_pairs

            def f1_of(clusters: object, ids: list[str] = ids, truth: dict[str, str] = truth) -> tuple[float, ...]:
                s = pairwise_scores(dict(zip(ids, clusters, strict=True)), truth)  # type: ignore[call-overload]
                return s.precision, s.recall, s.f1

            p, r, f = f1_of(dedupe.cluster_without_chains(ids, pairs))
            cells["tenpoint"].append(f"{p:.3f} / {r:.3f} / **{f:.4f}**")
            baseline = dedupe.dedupe_frame(frame.drop(columns=["true_id"]), method="baseline")
            cells["baseline"].append(f"{f1_of(baseline.tolist())[2]:.4f}")
            classifier = HistGradientBoostingClassifier(max_iter=500, random_state=0).fit(x_train, y_train)
            supervised = pairs[["unique_id_l", "unique_id_r"]].assign(
                match_probability=classifier.predict_proba(x_test)[:, 1], conflict=np.zeros(len(pairs), dtype=bool))
            best = max(f1_of(dedupe.cluster_without_chains(ids, supervised, core=core, join=join))[2]
                       for core, join in ((0.99, 0.7), (0.95, 0.5)))
            cells["ceiling"].append(f"{best:.4f}")
            cells["key"].append(f"{f1_of(answer_key_clustering(ids, pairs, y_test))[2]:.4f}")
            cells["recall"].append(f"{y_test.sum() / true_pairs:.3f}")
        print(f"| {level} | " + " | ".join(" ; ".join(values) for values in cells.values()) + " |", flush=True)


if __name__ == "__main__":
    main()
