"""What the model weighed in a scored pair: each comparison's level and its weight, in bits.

A pair's match weight is the prior (how likely two records taken at random are one person)
plus one weight per comparison: the weight of the level the pair fell in, log2(m/u), and, where
the level adjusts for how common the value is, that adjustment. Explaining a pair with these
numbers says exactly what decided its score, which words from another scorer cannot.

Splink keeps the weights of each scored pair (``mw_<comparison>`` and ``mw_tf_adj_<comparison>``)
but not which level gave them: its level numbers (``gamma_*``) come only with every compared
column of both records (``retain_matching_columns``), 72 columns instead of 20 on the Tenpoint
model, for every scored pair of a national register. A level's weight names the level instead,
as the clustering already reads it (``dedupe._scored_pairs``).

Public API: ``WeighedLevel``, ``prior_weight``, ``weighed_levels`` (and ``weighed_levels_as_json``),
``level_labels``, ``as_scored``, ``as_columns``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

# Level weights are written into Splink's SQL as numbers and read back as doubles.
SAME_WEIGHT = 1e-6
# The level of a comparison that added no weight: a value missing in one record, a comparison
# counted in another one (names in the other order are scored with the given name), or a level
# whose m equals its u.
NO_WEIGHT = ""


class WeighedLevel(NamedTuple):  # a tuple: a review builds one per comparison of every queued pair
    comparison: str  # the comparison's output column name, e.g. "given_name"
    level: str  # the level's label_for_charts; NO_WEIGHT where the comparison added nothing
    weight: float  # bits for (positive) or against (negative) one person, adjustments included


def prior_weight(splink_model: Mapping[str, Any]) -> float:
    """log2 of the prior odds that two records taken at random are one person."""
    lam = float(splink_model["probability_two_random_records_match"])
    return math.log2(lam / (1 - lam))


def level_labels(splink_model: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every comparison's level labels, in the model's order (null levels included)."""
    return {str(comparison["output_column_name"]): [str(level.get("label_for_charts", ""))
                                                    for level in comparison["comparison_levels"]]
            for comparison in splink_model["comparisons"]}


def _complete(level: Mapping[str, Any]) -> bool:
    return all(isinstance(level.get(p), float | int) and level[p] > 0 for p in ("m_probability", "u_probability"))


def as_scored(splink_model: Mapping[str, Any]) -> Mapping[str, Any]:
    """The model with each level's m and u as Splink scores with them. A model's JSON leaves out an
    m or u that was never estimated (a level no sampled random pair fell in: the swapped names
    among a million people) or writes "level not observed"; Splink then scores with a default of
    its own, and a weight from the JSON alone would name no level."""
    if all(_complete(level) for comparison in splink_model["comparisons"]
           for level in comparison["comparison_levels"] if not level.get("is_null_level")):
        return splink_model
    from splink import SettingsCreator

    # Splink's own keys only: a model saved by Tenpoint carries its own beside them.
    known = {field.name for field in dataclasses.fields(SettingsCreator)} | {"sql_dialect"}
    settings = SettingsCreator.from_path_or_dict({k: v for k, v in splink_model.items() if k in known}).get_settings(
        str(splink_model.get("sql_dialect", "duckdb")))
    comparisons = []
    for comparison, scored in zip(splink_model["comparisons"], settings.comparisons, strict=True):
        levels = [level if level.get("is_null_level") else
                  {**level, "m_probability": splink_level.m_probability, "u_probability": splink_level.u_probability}
                  for level, splink_level in zip(comparison["comparison_levels"], scored.comparison_levels, strict=True)]
        comparisons.append({**comparison, "comparison_levels": levels})
    return {**splink_model, "comparisons": comparisons}


def _weighed(comparison: Mapping[str, Any]) -> list[tuple[str, float, bool]]:
    """(label, log2(m/u), adjusted for frequency) of the levels that carry a weight."""
    levels = []
    for level in comparison["comparison_levels"]:
        if level.get("is_null_level") or not _complete(level):
            continue
        levels.append((str(level.get("label_for_charts", "")), math.log2(level["m_probability"] / level["u_probability"]),
                       bool(level.get("tf_adjustment_column"))))
    return levels


def _levels_per_comparison(splink_model: Mapping[str, Any], scored: pd.DataFrame,
                           ) -> list[tuple[str, list[str], np.ndarray]]:
    """(comparison, level per row, weight per row) for each comparison of the model."""
    rows = len(scored)
    columns = []
    for comparison in as_scored(splink_model)["comparisons"]:
        name = str(comparison["output_column_name"])
        weight = np.nan_to_num(scored[f"mw_{name}"].to_numpy(dtype=float))
        adjusted = (np.nan_to_num(scored[f"mw_tf_adj_{name}"].to_numpy(dtype=float)) if f"mw_tf_adj_{name}" in scored
                    else np.zeros(rows))
        label = np.full(rows, "?", dtype=object)
        levels = _weighed(comparison)
        for level, level_weight, _frequency in reversed(levels):  # the first listed wins a tie
            label[np.abs(weight - level_weight) < SAME_WEIGHT] = level
        for level, level_weight, frequency in levels:
            if frequency:
                label[(np.abs(weight - level_weight) < SAME_WEIGHT) & (adjusted != 0)] = level
        label[(np.abs(weight) < SAME_WEIGHT) & (adjusted == 0)] = NO_WEIGHT
        columns.append((name, label.tolist(), weight + adjusted))
    return columns


def _per_row(splink_model: Mapping[str, Any], scored: pd.DataFrame,
             digits: int | None) -> Iterator[tuple[list[str], tuple[str, ...], tuple[float, ...]]]:
    """(comparison names, levels, weights) of each row, the weights rounded to ``digits`` if given."""
    columns = _levels_per_comparison(splink_model, scored)
    names = [name for name, _labels, _weights in columns]
    weights = [(np.round(w, digits) if digits is not None else w).tolist() for _n, _l, w in columns]
    for labels, row_weights in zip(zip(*(labels for _n, labels, _w in columns), strict=True),
                                   zip(*weights, strict=True), strict=True):
        yield names, labels, row_weights


def weighed_levels(splink_model: Mapping[str, Any], scored: pd.DataFrame) -> list[list[WeighedLevel]]:
    """Per row of ``scored`` (Splink's ``mw_*`` columns of scored pairs, as the model that scored
    them wrote them), the weight each comparison added and the level it came from.

    Where two levels weigh the same, the one listed first is named, except that a level adjusted
    for how common the value is is named where an adjustment was added. A weight no level of
    the model has (a model other than the one that scored) is named "?"; its weight still counts.
    """
    return [[WeighedLevel(*level) for level in zip(names, labels, weights, strict=True)]
            for names, labels, weights in _per_row(splink_model, scored, None)]


def weighed_levels_as_json(splink_model: Mapping[str, Any], scored: pd.DataFrame) -> list[list[dict[str, Any]]]:
    """``weighed_levels`` as JSON, each level ``{"comparison", "level", "weight"}`` with the weight
    to four decimals, built without the tuples (a national register's review queues a million pairs)."""
    return [[{"comparison": name, "level": label, "weight": weight}
             for name, label, weight in zip(names, labels, weights, strict=True)]
            for names, labels, weights in _per_row(splink_model, scored, 4)]


def as_columns(model_weights: list[dict[str, Any]]) -> pd.DataFrame:
    """Stored weights (``{"prior": …, "levels": [...]}`` per pair) as flat columns for a CSV:
    ``prior_weight``, then ``<comparison>_level`` and ``<comparison>_weight`` for each comparison
    in the model's order (an empty level: the comparison added nothing)."""
    columns: dict[str, list[Any]] = {"prior_weight": [weights["prior"] for weights in model_weights]}
    for i, weights in enumerate(model_weights):
        for level in weights["levels"]:
            columns.setdefault(f"{level['comparison']}_level", [""] * len(model_weights))[i] = level["level"]
            columns.setdefault(f"{level['comparison']}_weight", [0.0] * len(model_weights))[i] = level["weight"]
    return pd.DataFrame(columns)
