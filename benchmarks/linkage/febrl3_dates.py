"""How much of Febrl3's distance to F1 0.95 lies in the birth dates? An answer-key experiment for issue 5.

    .venv/bin/python benchmarks/linkage/febrl3_dates.py

The Tenpoint model fixes the birth-date m probabilities from registration practice (a wholly
different date for one person in 100 pairs) and estimates λ, the chance that two random records
are one person, from near-certain rules (their recall implied by the trained model). Febrl3 corrupts dates more often than that. This script
trains the model as ``link dedupe`` does, then gives it, step by step, what no deployment has:
the birth-date m of every level and λ counted from Febrl3's own truth (u is corrected again for
them, ``model.u_without_true_matches``), a blocking rule for the same names whatever the dates,
and the clustering's join lowered from 0.7 to 0.5 (Febrl3's best, benchmarks/linkage/README.md).
If even all of that stays below 0.95, the rest of the gap is in the names.

Prints one row per variant: pairwise precision, recall and F1, and the m it used.
"""

from __future__ import annotations

import copy
import logging
import sys
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SAME_NAMES_ANY_DATE = "l.given_sk = r.given_sk AND l.family_sk = r.family_sk"


def _true_pair_levels(features: pd.DataFrame, truth: pd.Series, comparison: dict[str, Any]) -> pd.Series:
    """Each true pair's level of ``comparison`` (its index in the levels), by the levels' own SQL."""
    import duckdb

    table = features.copy()
    table["true_id"] = truth.to_numpy()
    columns = [c for c in table.columns if c not in ("unique_id", "true_id")]
    select = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in columns)
    case = " ".join(f"ELSE {i}" if level["sql_condition"] == "ELSE" else f"WHEN {level['sql_condition']} THEN {i}"
                    for i, level in enumerate(comparison["comparison_levels"]))
    connection = duckdb.connect()
    connection.register("records", table)
    # Only the model's own SQL conditions and the features' column names go into the query.
    sql = (f"SELECT CASE {case} END AS level FROM (SELECT {select} FROM records l JOIN records r "
           "ON l.true_id = r.true_id AND l.unique_id < r.unique_id)")
    return connection.execute(sql).df()["level"]


def main() -> None:
    from dedupe import febrl3_frame
    from splink import Linker

    from tenpoint.lib.linkage import dedupe, model
    from tenpoint.lib.linkage.evaluate import pairwise_scores
    from tenpoint.lib.linkage.features import build_features

    frame = febrl3_frame()
    truth = frame.set_index("record_id")["true_id"]
    records = frame.drop(columns=["true_id"])
    ids = records["record_id"].astype(str).tolist()
    features = build_features(records)
    db_api = dedupe._db_api("duckdb")
    registered = dedupe._register(db_api, "duckdb", features)

    # Trained as link dedupe trains it, but kept before its second λ and the u correction, redone below.
    settings = model.tenpoint_settings(use_sex=False, use_nationality=False,
                                       probability_two_random_records_match=model.lambda_assumed(features),
                                       vague_date_share=model.vague_date_share(features))
    training = Linker(registered, settings, log_level=logging.WARNING)
    model.train_tenpoint(training, lambda _message: None)
    sampled = training.misc.save_model_to_json()

    date = next(c for c in sampled["comparisons"] if c["output_column_name"] == "birth_date")
    null_levels = {i for i, level in enumerate(date["comparison_levels"]) if level.get("is_null_level")}
    levels = _true_pair_levels(features, truth.reindex(features["unique_id"]), date)
    dated = levels[~levels.isin(null_levels)]
    true_m = dated.value_counts(normalize=True)
    group_sizes = truth.value_counts()
    true_pairs = int((group_sizes * (group_sizes - 1) // 2).sum())
    true_lambda = true_pairs / (len(ids) * (len(ids) - 1) / 2)

    def variant(*, dates: bool, lam: str, blocking: bool) -> dict[str, Any]:
        """``lam``: "splink" (its λ step alone), "rules" (as link dedupe: the rules' recall implied by
        the m), "truth"."""
        trained = copy.deepcopy(sampled)
        if dates:
            for comparison in trained["comparisons"]:
                if comparison["output_column_name"] != "birth_date":
                    continue
                for i, level in enumerate(comparison["comparison_levels"]):
                    if i not in null_levels:
                        # A level no true pair falls in keeps a trace of m (a zero m is an infinite weight).
                        level["m_probability"] = max(float(true_m.get(i, 0.0)), 1e-4)
        if lam == "rules":
            trained = dedupe._lambda_from_the_rules(trained, registered, features, db_api, engine="duckdb",
                                                    progress=lambda _message: None)
        elif lam == "truth":
            trained["probability_two_random_records_match"] = true_lambda
        if blocking:
            trained["blocking_rules_to_generate_predictions"].append(
                {"blocking_rule": SAME_NAMES_ANY_DATE, "sql_dialect": "duckdb"})
        corrected = model.u_without_true_matches(trained)
        corrected[dedupe.SCORED_RECORDS_KEY] = len(ids)
        return corrected

    rows = []
    steps = [
        ("with Splink's λ step alone (the model until 2026-12-01 04:00)", dict(dates=False, lam="splink", blocking=False),
         None),
        ("the model as link dedupe trains it", dict(dates=False, lam="rules", blocking=False), None),
        ("+ birth-date m from the truth", dict(dates=True, lam="rules", blocking=False), None),
        ("+ λ from the truth", dict(dates=True, lam="truth", blocking=False), None),
        ("+ same names blocked whatever the dates", dict(dates=True, lam="truth", blocking=True), None),
        ("+ clusters joined at a mean ≥ 0.5", dict(dates=True, lam="truth", blocking=True), 0.5),
        ("the model as link dedupe trains it, joined at ≥ 0.5", dict(dates=False, lam="rules", blocking=False), 0.5),
    ]
    for name, how, threshold in steps:
        labels = dedupe.dedupe_frame(records, trained=variant(**how), threshold=threshold)
        scores = pairwise_scores(dict(zip(ids, labels, strict=True)), truth.to_dict())
        rows.append((name, scores.precision, scores.recall, scores.f1))

    by_rules = dedupe._lambda_from_the_rules(sampled, registered, features, db_api, engine="duckdb",
                                             progress=lambda _message: None)
    print(f"Febrl3: {len(ids):,} records, {true_pairs:,} true pairs; λ by Splink's step "
          f"{sampled['probability_two_random_records_match']:.6f}, from the rules' implied recall "
          f"{by_rules['probability_two_random_records_match']:.6f}, from the truth {true_lambda:.6f}")
    print("\nbirth-date level | m fixed (registration practice) | m counted from Febrl3's true pairs")
    for i, level in enumerate(date["comparison_levels"]):
        if i not in null_levels:
            print(f"{level['label_for_charts']} | {level['m_probability']} | {true_m.get(i, 0.0):.4f}")
    print("\n| variant | pairwise precision | recall | F1 |\n|---|---|---|---|")
    for name, precision, recall, f1 in rows:
        print(f"| {name} | {precision:.4f} | {recall:.4f} | **{f1:.4f}** |")


if __name__ == "__main__":
    main()
