"""Would reviewers' decisions teach the model? An answer-key experiment for issue 5.

    .venv/bin/python benchmarks/linkage/labels.py                 # Febrl3 and the generator (40,000, seed 1)
    .venv/bin/python benchmarks/linkage/labels.py --datasets febrl3

A duplicate review queues every pair the model scores at 0.5 or more, and reviewers decide them.
Those decisions are labels, and Splink can estimate the m probabilities from labelled pairs
(``estimate_m_from_pairwise_labels``). This script trains the model as ``link dedupe`` does,
lets the truth stand in for reviewers who decide (a) every queued pair, (b) only the uncertain
ones (0.5 to 0.99), re-estimates m from the pairs decided "same person" (fixed m and every u
kept), and clusters again.

The catch it measures: the pairs a queue holds are the ones the model already finds. Their m
say less than EM's of the true pairs it misses (wholly different dates, a name replaced), so
relearning from them cannot raise recall.

Prints one row per variant: labelled pairs, pairwise precision, recall and F1.
"""

from __future__ import annotations

import argparse
import copy
import logging
import sys
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

REVIEW_FROM = 0.5
CONFIDENT_FROM = 0.99


def _clustered(records: pd.DataFrame, trained: dict[str, Any], truth: pd.Series) -> tuple[Any, pd.DataFrame]:
    """(pairwise scores, the scored pairs) of ``records`` scored with ``trained``, as ``link dedupe`` clusters."""
    from tenpoint.lib.linkage import dedupe, model
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    ids = records["record_id"].astype(str).tolist()
    predictions, linker, _ = dedupe.predict_pairs(records, trained=trained)
    pairs, names = dedupe._tenpoint_clusters(ids, linker, predictions, threshold=model.DEFAULT_THRESHOLD,
                                             progress=lambda _message: None)
    return pairwise_scores(dict(zip(ids, names, strict=True)), truth.to_dict()), pairs


def _m_from_labels(records: pd.DataFrame, trained: dict[str, Any], same_person: pd.DataFrame) -> dict[str, Any]:
    """``trained`` with m estimated by Splink from the pairs labelled the same person; fixed m and all u kept."""
    from splink import Linker

    from tenpoint.lib.linkage import dedupe

    features = dedupe._features(records, "tenpoint")
    db_api = dedupe._db_api("duckdb")
    registered = dedupe._register(db_api, "duckdb", features)
    linker = Linker(registered, dedupe._for_size(trained, len(features)), log_level=logging.WARNING,
                    validate_settings=False)
    labels = pd.DataFrame({"unique_id_l": same_person["l"], "unique_id_r": same_person["r"],
                           "clerical_match_score": 1.0})
    linker.training.estimate_m_from_pairwise_labels(
        linker.table_management.register_labels_table(dedupe._register(db_api, "duckdb", labels)))
    relearned: dict[str, Any] = linker.misc.save_model_to_json()
    result = copy.deepcopy(trained)
    for comparison, learned in zip(result["comparisons"], relearned["comparisons"], strict=True):
        for level, from_labels in zip(comparison["comparison_levels"], learned["comparison_levels"], strict=True):
            m = from_labels.get("m_probability")
            if not level.get("is_null_level") and not level.get("fix_m_probability") and isinstance(m, float | int):
                level["m_probability"] = float(m)
    return result


def run(dataset: str, frame: pd.DataFrame) -> None:
    from tenpoint.lib.linkage import dedupe

    truth = frame.set_index("record_id")["true_id"].astype(str)
    records = frame.drop(columns=["true_id"])
    trained = dedupe.train_model(records)
    scores, pairs = _clustered(records, trained, truth)
    print(f"| {dataset} | the model as `link dedupe` trains it | — | {scores.precision:.4f} | "
          f"{scores.recall:.4f} | **{scores.f1:.4f}** |", flush=True)
    queued = pairs[pairs["match_probability"] >= REVIEW_FROM].assign(
        l=lambda t: t["unique_id_l"].astype(str), r=lambda t: t["unique_id_r"].astype(str))
    queued = queued.assign(same=truth.reindex(queued["l"]).to_numpy() == truth.reindex(queued["r"]).to_numpy())
    for variant, decided in (("every queued pair decided", queued),
                             (f"only the uncertain ones ({REVIEW_FROM}–{CONFIDENT_FROM}) decided",
                              queued[queued["match_probability"] < CONFIDENT_FROM])):
        same_person = decided[decided["same"]]
        scores, _ = _clustered(records, _m_from_labels(records, trained, same_person), truth)
        print(f"| {dataset} | m from reviewers' decisions: {variant} | {len(same_person):,} of {len(decided):,} | "
              f"{scores.precision:.4f} | {scores.recall:.4f} | **{scores.f1:.4f}** |", flush=True)


def main() -> None:
    from dedupe import febrl3_frame, generator_frame

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default="febrl3,generator")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tenpoint-labels"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print("| dataset | variant | pairs labelled same person | pairwise precision | recall | F1 |")
    print("|---|---|---|---|---|---|")
    for dataset in args.datasets.split(","):
        if dataset == "febrl3":
            run("Febrl3", febrl3_frame())
        else:
            run("generator (40,000, seed 1, messiness 0.5)", generator_frame(40_000, 1, 0.5, args.workdir))


if __name__ == "__main__":
    main()
