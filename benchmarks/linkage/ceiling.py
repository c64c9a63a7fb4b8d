"""How far could any model go on the generator? A supervised ceiling, for the F1 goal of issue 5.

    .venv/bin/python benchmarks/linkage/ceiling.py            # 40,000 records, seeds 1 (train) and 2 (test)
    .venv/bin/python benchmarks/linkage/ceiling.py --febrl3   # Febrl3: the answer-key clustering only

The Tenpoint model is unsupervised: it never sees the truth. This script gives a gradient-
boosted classifier what no deployment has -- the truth of another generated file (same
registration practice, other people) -- and the richest pair description at hand: the Splink
model's per-comparison weights and term frequencies, plus raw features (Jaro-Winkler of each
name and of the whole name, the same bag of names and how many records bear it, year
difference, same month, same day, how many sides have a vague date, sex and nationality
agreement). It scores the same candidate pairs as the Tenpoint model on the test file, and both
are clustered the same way (``cluster_without_chains``).

If even this classifier stays well below 0.95, the pairs Tenpoint scores do not hold the
information for 0.95; the rest is in the pairs blocking never proposes (``blocking recall``
below) or nowhere in names, dates, sex and nationality.

The last row bounds every scorer and every clustering of those pairs that makes no wrong link:
the answer key keeps exactly the scored pairs that are one person (connected components of
them). Febrl3 has no second file with the same practice to train a classifier on, so
``--febrl3`` prints the Tenpoint row and this bound only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def scored_pairs(records: int, seed: int, messiness: float, workdir: Path) -> tuple[pd.DataFrame, pd.DataFrame,
                                                                                     np.ndarray, pd.DataFrame]:
    """(Tenpoint's scored pairs, their features, is-the-same-person, the records with true_id)."""
    from dedupe import generator_frame  # the benchmark's own reader of the generator
    from rapidfuzz.distance import JaroWinkler

    from tenpoint.lib.linkage import dedupe
    from tenpoint.lib.linkage.features import build_features

    frame = generator_frame(records, seed, messiness, workdir)
    plain = frame.drop(columns=["true_id"])
    predictions, linker, _ = dedupe.predict_pairs(plain)
    ids = plain["record_id"].astype(str).tolist()
    pairs = dedupe.weigh_conflicts(ids, dedupe._scored_pairs(linker, predictions))
    detail = linker.misc.query_sql(f"SELECT * FROM {predictions.physical_name}", output_type="pandas")
    detail = detail.set_index(["unique_id_l", "unique_id_r"]).loc[
        list(zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True))].reset_index()
    features = build_features(plain).set_index("unique_id")
    left = features.loc[pairs["unique_id_l"].astype(str)].reset_index(drop=True)
    right = features.loc[pairs["unique_id_r"].astype(str)].reset_index(drop=True)

    def text(value: object) -> str:
        return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)

    def known(column: str) -> tuple[np.ndarray, np.ndarray]:
        return left[column].fillna("").to_numpy(), right[column].fillna("").to_numpy()

    bag_records = features["name_sk_sorted"].value_counts()
    x = pd.DataFrame({c: detail[c].astype(float).fillna(-9).to_numpy()
                      for c in detail.columns if c.startswith(("mw_", "tf_"))})
    x["jw_given"] = [JaroWinkler.similarity(text(a), text(b)) for a, b in zip(left.given, right.given, strict=True)]
    x["jw_family"] = [JaroWinkler.similarity(text(a), text(b)) for a, b in zip(left.family, right.family, strict=True)]
    x["jw_whole"] = [JaroWinkler.similarity(f"{text(a)} {text(b)}", f"{text(c)} {text(d)}")
                     for a, b, c, d in zip(left.given, left.family, right.given, right.family, strict=True)]
    x["same_bag"] = (left.name_sk_sorted.fillna("l") == right.name_sk_sorted.fillna("r")).astype(int).to_numpy()
    x["bag_records"] = np.minimum(left.name_sk_sorted.map(bag_records).fillna(0).to_numpy(),
                                  right.name_sk_sorted.map(bag_records).fillna(0).to_numpy())
    x["year_difference"] = (left.birth_year.astype(float) - right.birth_year.astype(float)).abs().fillna(-1).to_numpy()
    x["same_month"] = (left.birth_month.astype(float) == right.birth_month.astype(float)).astype(int).to_numpy()
    x["same_day"] = (left.birth_day.astype(float) == right.birth_day.astype(float)).astype(int).to_numpy()
    x["vague_sides"] = left.date_year_only.astype(int).to_numpy() + right.date_year_only.astype(int).to_numpy()
    for column in ("sex", "nationality"):
        a, b = known(column)
        x[f"same_{column}"] = np.where((a == "") | (b == ""), -1, (a == b).astype(int))
    truth = dict(zip(ids, frame["true_id"], strict=True))
    same = np.array([truth[str(a)] == truth[str(b)] for a, b in zip(pairs["unique_id_l"], pairs["unique_id_r"],
                                                                        strict=True)])
    return pairs, x, same, frame


def answer_key_clustering(ids: list[str], pairs: pd.DataFrame, same: np.ndarray) -> np.ndarray:
    """Each record's cluster if exactly the scored pairs that are one person were linked: no
    scorer or clustering of these pairs can find more of the truth without a wrong link."""
    from tenpoint.lib.linkage.dedupe import _components

    position = pd.Series(np.arange(len(ids)), index=pd.Index(ids))
    left = position.reindex(pairs["unique_id_l"].astype(str)).to_numpy()[same]
    right = position.reindex(pairs["unique_id_r"].astype(str)).to_numpy()[same]
    return _components(len(ids), left, right)


def febrl3_bound() -> None:
    from dedupe import febrl3_frame

    from tenpoint.lib.linkage import dedupe
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    frame = febrl3_frame()
    plain = frame.drop(columns=["true_id"])
    ids = plain["record_id"].astype(str).tolist()
    truth = dict(zip(ids, frame["true_id"], strict=True))
    predictions, linker, _ = dedupe.predict_pairs(plain)
    pairs = dedupe.weigh_conflicts(ids, dedupe._scored_pairs(linker, predictions))
    same = np.array([truth[str(a)] == truth[str(b)] for a, b in zip(pairs["unique_id_l"], pairs["unique_id_r"],
                                                                        strict=True)], dtype=bool)
    true_pairs = pairwise_scores(dict(zip(ids, ids, strict=True)), truth).true_pairs
    print("Febrl3, names and date of birth")
    print(f"blocking recall: {same.sum():,} of {true_pairs:,} true pairs are scored ({same.sum() / true_pairs:.3f})")
    print("| scores | clustering | pairwise precision | recall | F1 |\n|---|---|---|---|---|")
    for name, clusters in (
        ("Tenpoint model (unsupervised)", dedupe.cluster_without_chains(ids, pairs)),
        ("answer key (no wrong link)", answer_key_clustering(ids, pairs, same)),
    ):
        s = pairwise_scores(dict(zip(ids, clusters, strict=True)), truth)
        clustering = "cores 0.99, join 0.7" if name.startswith("Tenpoint") else "the scored pairs that are one person"
        print(f"| {name} | {clustering} | {s.precision:.4f} | {s.recall:.4f} | **{s.f1:.4f}** |")


def main() -> None:
    import tempfile

    from sklearn.ensemble import HistGradientBoostingClassifier

    from tenpoint.lib.linkage.dedupe import cluster_without_chains
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--messiness", type=float, default=0.5)
    parser.add_argument("--train-seed", type=int, default=1)
    parser.add_argument("--test-seed", type=int, default=2)
    parser.add_argument("--febrl3", action="store_true", help="Febrl3 instead: the Tenpoint row and the bound")
    args = parser.parse_args()
    if args.febrl3:
        febrl3_bound()
        return
    with tempfile.TemporaryDirectory() as tmp:
        _, x_train, y_train, _ = scored_pairs(args.records, args.train_seed, args.messiness, Path(tmp))
        pairs, x_test, y_test, frame = scored_pairs(args.records, args.test_seed, args.messiness, Path(tmp))
    ids = frame["record_id"].astype(str).tolist()
    truth = dict(zip(ids, frame["true_id"], strict=True))
    true_pairs = pairwise_scores(dict(zip(ids, ids, strict=True)), truth).true_pairs
    classifier = HistGradientBoostingClassifier(max_iter=500, random_state=0).fit(x_train, y_train)
    supervised = classifier.predict_proba(x_test)[:, 1]
    print(f"generator, {args.records:,} records, messiness {args.messiness}: trained on seed {args.train_seed}, "
          f"tested on seed {args.test_seed}")
    print(f"blocking recall: {y_test.sum():,} of {true_pairs:,} true pairs are scored ({y_test.sum() / true_pairs:.3f})")
    print("| scores | clustering | pairwise precision | recall | F1 |\n|---|---|---|---|---|")
    for name, probability, conflict in (
        ("Tenpoint model (unsupervised)", pairs["match_probability"].to_numpy(), pairs["conflict"].to_numpy()),
        ("supervised ceiling (truth of another file)", supervised, np.zeros(len(pairs), dtype=bool)),
    ):
        scored = pairs[["unique_id_l", "unique_id_r"]].assign(match_probability=probability, conflict=conflict)
        for core, join in ((0.99, 0.7), (0.95, 0.5)):
            s = pairwise_scores(dict(zip(ids, cluster_without_chains(ids, scored, core=core, join=join),
                                         strict=True)), truth)
            print(f"| {name} | cores {core}, join {join} | {s.precision:.4f} | {s.recall:.4f} | **{s.f1:.4f}** |")
        best = max((2 * p * r / (p + r), t) for t in np.arange(0.2, 0.95, 0.05)
                   for p, r in [(float((probability >= t)[y_test].sum() / max(1, (probability >= t).sum())),
                                 float((probability >= t)[y_test].sum() / true_pairs))] if p + r)
        print(f"| {name} | none: pairs at ≥ {best[1]:.2f} (best threshold) | | | {best[0]:.4f} |")
    s = pairwise_scores(dict(zip(ids, answer_key_clustering(ids, pairs, y_test), strict=True)), truth)
    print(f"| answer key (no wrong link) | the scored pairs that are one person | {s.precision:.4f} | {s.recall:.4f} | "
          f"**{s.f1:.4f}** |")


if __name__ == "__main__":
    main()
