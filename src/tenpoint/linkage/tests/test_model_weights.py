"""What the model weighed in a queued pair, as a reviewer reads it (issue 5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from tenpoint.lib.linkage import model
from tenpoint.lib.linkage.explain import level_labels
from tenpoint.linkage.models import CandidatePair
from tenpoint.linkage.weights import (
    COMPARISON_TEXTS,
    LEVEL_TEXTS,
    pair_weights,
    weighed_most,
    weighed_most_key,
    weighed_most_text,
)


def test_every_level_of_the_model_has_words_for_a_reviewer() -> None:
    settings = model.tenpoint_settings(use_household=True).create_settings_dict("duckdb")
    every = model.with_whole_name({**settings, "sql_dialect": "duckdb"}, 0.001)
    # A null level adds no weight; the reviewer reads the one text for that.
    null_levels = {(comparison["output_column_name"], level.get("label_for_charts", ""))
                   for comparison in every["comparisons"]
                   for level in comparison["comparison_levels"] if level.get("is_null_level")}
    labels = level_labels(every)
    without_words = [(comparison, label) for comparison, of_comparison in labels.items() for label in of_comparison
                     if (comparison, label) not in LEVEL_TEXTS and (comparison, label) not in null_levels]
    assert without_words == []
    assert set(labels) == set(COMPARISON_TEXTS)


def test_a_pairs_weights_read_as_words_and_add_up() -> None:
    given = {"comparison": "given_name", "level": model.SAME_SKELETON, "weight": 4.76}
    stored: dict[str, Any] = {"prior": -15.0, "levels": [
        given,
        {"comparison": "family_name", "level": model.EXACT, "weight": 6.5},
        {"comparison": "birth_date", "level": model.SAME_YEAR_ONE_VAGUE, "weight": 2.98},
        {"comparison": "sex", "level": "", "weight": 0.0},
        {"comparison": "nationality", "level": model.ELSE, "weight": -2.16},
    ]}
    weights = pair_weights(stored)
    assert weights is not None
    assert [(c.comparison, c.level, c.shown) for c in weights.comparisons] == [
        ("Given names", "the same name, spelled differently", "+4.8"),
        ("Family names", "the same", "+6.5"),
        ("Date of birth", "the same year, one record only a year or 1 January", "+3.0"),
        ("Sex", "no weight: missing in a record, or counted with another comparison", "0.0"),
        ("Declared nationality", "different", "\u22122.2"),
    ]
    assert weights.total == pytest.approx(-2.92)
    assert weights.one_in == 32769 and weights.total_shown == "\u22122.9"
    assert pair_weights({}) is None  # queued before the weights were kept
    for_one, against = weighed_most(stored)
    assert for_one is not None and against is not None
    assert (for_one.comparison, for_one.shown) == ("Family names", "+6.5")
    assert (against.comparison, against.shown) == ("Declared nationality", "\u22122.2")
    assert weighed_most({}) == (None, None)
    assert weighed_most_key(stored) == "family_name|Exact match"
    assert weighed_most_text(weighed_most_key(stored)) == "Family names: the same"
    long_label = {"prior": -15.0, "levels": [{**given, "level": "x" * 500}]}
    assert len(weighed_most_key(long_label)) == CandidatePair._meta.get_field("weighed_most").max_length
    assert weighed_most_key({}) == "" and weighed_most_key({"prior": -15.0, "levels": [stored["levels"][-1]]}) == ""
    assert weighed_most({"prior": -15.0, "levels": [given]})[1] is None  # nothing against


def test_a_pairs_weights_read_in_french_with_its_decimal_comma() -> None:
    stored = {"prior": -15.0, "levels": [{"comparison": "birth_date", "level": model.SAME_DAY, "weight": 16.48}]}
    with translation.override("fr"):
        weights = pair_weights(stored)
        assert weights is not None
        assert [(c.comparison, c.level, c.shown) for c in weights.comparisons] == [
            ("Date de naissance", "le même jour", "+16,5")]
