"""Pairwise precision, recall and F1 of a clustering against the truth.

Counted with a contingency table (predicted cluster × true entity), never by listing pairs:
n records in a cell give n·(n-1)/2 true positive pairs, so 1M records cost one groupby.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class PairwiseScores:
    true_positive_pairs: int
    predicted_pairs: int
    true_pairs: int

    @property
    def precision(self) -> float:
        # No predicted pair means no wrong link: precision 1 by convention.
        return self.true_positive_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(sizes: pd.Series) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


def pairwise_scores(predicted: pd.Series | dict[str, str], truth: pd.Series | dict[str, str]) -> PairwiseScores:
    """``predicted`` and ``truth`` map record_id → cluster id; both must cover the same records."""
    predicted = pd.Series(predicted, dtype=object)
    truth = pd.Series(truth, dtype=object)
    if set(predicted.index) != set(truth.index):
        raise ValueError("predicted and truth must cover the same record ids")
    table = pd.DataFrame({"predicted": predicted, "truth": truth.reindex(predicted.index)})
    cells = table.groupby(["predicted", "truth"], sort=False).size()
    return PairwiseScores(
        true_positive_pairs=_pairs(cells),
        predicted_pairs=_pairs(table.groupby("predicted", sort=False).size()),
        true_pairs=_pairs(table.groupby("truth", sort=False).size()),
    )
