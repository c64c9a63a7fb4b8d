"""Splink's checks of a level's SQL kept once per condition (``lib.linkage.splink_parsing``)."""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd
import pytest
import splink.comparison_level_library as cll
import sqlglot
from splink import Linker
from splink.internals.comparison_level import ComparisonLevel

from tenpoint.lib.linkage import dedupe, model, splink_parsing


def _tenpoint_levels() -> list[Any]:
    settings = model.tenpoint_settings(use_sex=True, use_nationality=True, use_household=True)
    return [level for comparison in settings.get_settings("duckdb").comparisons
            for level in comparison.comparison_levels]


def _linker(frame_records: int = 30) -> Any:
    features = dedupe._features(
        pd.DataFrame({
            "record_id": [f"r{i}" for i in range(frame_records)],
            "given_name": ["Amina", "Mohamed", "Hiwot"] * (frame_records // 3),
            "family_name": ["Warsame", "Ali", "Kahsay"] * (frame_records // 3),
            "sex": ["F", "M", "F"] * (frame_records // 3),
            "birth_date": ["1990-05-12", "1988", ""] * (frame_records // 3),
            "nationality": ["SOM", "SDN", "ERI"] * (frame_records // 3),
        }), "tenpoint")
    table = dedupe._register(dedupe._db_api("duckdb"), "duckdb", features)
    return Linker(table, model.tenpoint_settings(), log_level=logging.WARNING, validate_settings=False)


def test_a_second_linker_of_the_model_parses_none_of_its_level_conditions_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _linker()  # the first one parses and checks each condition (and installs the kept checks)
    conditions = {level.sql_condition for level in _tenpoint_levels()}
    parsed: list[str] = []
    parse_one = sqlglot.parse_one

    def counting(sql: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(sql)
        return parse_one(sql, *args, **kwargs)

    monkeypatch.setattr(sqlglot, "parse_one", counting)
    _linker()
    assert [sql for sql in parsed if sql in conditions] == []


def test_a_condition_that_does_not_parse_is_refused_each_time() -> None:
    splink_parsing.keep_condition_checks()
    for _ in range(2):
        with pytest.raises(ValueError, match="Error parsing sql_statement"):
            cll.CustomLevel("given_l = = given_r").get_comparison_level("duckdb")


def test_the_kept_answers_are_splinks_own() -> None:
    splink_parsing.keep_condition_checks()
    splink_parsing.keep_condition_checks()  # idempotent: Splink's own functions are wrapped once
    validate: Any = ComparisonLevel._validate_sql
    exact: Any = ComparisonLevel.__dict__["_is_exact_match"].fget
    assert getattr(validate, "_tenpoint_kept", False) and getattr(exact, "_tenpoint_kept", False)
    splinks_validate, splinks_exact = validate.__wrapped__, exact.__wrapped__
    assert not hasattr(splinks_validate, "_tenpoint_kept") and not hasattr(splinks_exact, "_tenpoint_kept")
    levels = _tenpoint_levels()
    answers = [level._is_exact_match for level in levels]
    assert answers == [splinks_exact(level) for level in levels]
    # The model has exact levels and others: the comparison says something.
    assert any(answers) and not all(answers)
    assert all(level._validate_sql() for level in levels)
