"""Splink's candidate pairs kept once by grouping (``lib.linkage.splink_blocking``)."""

from __future__ import annotations

import sys
from typing import Any

import duckdb
import pandas as pd
from splink.internals.blocking import BlockingRule
from splink.internals.input_column import InputColumn

from tenpoint.lib.linkage import dedupe, model, splink_blocking
from tenpoint.lib.linkage.generator import generate


def _rules(conditions: list[str], dialect: str = "duckdb") -> list[BlockingRule]:
    return BlockingRule._add_preceding_rules_to_each_blocking_rule(
        [BlockingRule(condition, dialect) for condition in conditions])


def _blocking_sqls(rules: list[BlockingRule], *, grouped: bool) -> list[dict[str, str]]:
    splink_blocking.group_blocked_pairs()
    import splink.internals.blocking as blocking

    write = blocking.block_using_rules_sqls
    if not grouped:
        write = write.__wrapped__  # type: ignore[attr-defined]  # Splink's own
    return write(input_tablename_l="records", input_tablename_r="records", blocking_rules=rules,
                 link_type="dedupe_only", source_dataset_input_column=None,
                 unique_id_input_column=InputColumn("unique_id", sqlglot_dialect_str="duckdb"))


def _blocked_pairs(records: Any, rules: list[BlockingRule], *, grouped: bool) -> pd.DataFrame:
    """The pairs Splink's blocking SQL gives on ``records`` (a frame DuckDB reads), as DuckDB runs it."""
    sqls = _blocking_sqls(rules, grouped=grouped)
    with_clause = ",\n".join(f"{step['output_table_name']} AS ({step['sql']})" for step in sqls)
    connection = duckdb.connect()
    connection.register("records_frame", records)
    connection.execute("CREATE TABLE records AS SELECT * FROM records_frame")
    found = connection.execute(f"WITH {with_clause} SELECT * FROM {sqls[-1]['output_table_name']}").df()
    return found.sort_values(["join_key_l", "join_key_r"]).reset_index(drop=True)


def test_the_grouped_pairs_and_their_rules_are_those_splink_makes_with_the_models_rules() -> None:
    features = dedupe._features(generate(3000, seed=3, messiness=0.7).drop(columns=["true_person_id"]),
                                "tenpoint")
    rules = [rule.get_blocking_rule("duckdb") for rule in model.prediction_blocking_rules()]
    rules = BlockingRule._add_preceding_rules_to_each_blocking_rule(rules)
    splinks = _blocked_pairs(dedupe._to_arrow(features), rules, grouped=False)
    grouped = _blocked_pairs(dedupe._to_arrow(features), rules, grouped=True)
    pd.testing.assert_frame_equal(grouped, splinks)
    # Enough pairs, from enough rules, that a pair lost, doubled or credited to a later rule shows.
    assert len(splinks) > 1000 and splinks["match_key"].nunique() >= 10
    # The rules themselves still carry Splink's exclusions for whoever else writes SQL from them.
    assert "AND NOT (" in rules[-1].create_blocked_pairs_sql(
        source_dataset_input_column=None, unique_id_input_column=InputColumn("unique_id", sqlglot_dialect_str="duckdb"),
        input_tablename_l="records", input_tablename_r="records", where_condition="")


def test_a_pair_two_rules_find_keeps_the_key_of_the_first_even_past_the_tenth_rule() -> None:
    # Keys are the rules' positions as text: "10" sorts before "2".
    records = pd.DataFrame({"unique_id": ["a", "b", "c"], "k": [1, 1, 2],
                            "found_by": [[2, 10], [2, 10], [0]]})
    conditions = [f"l.k = r.k AND list_contains(l.found_by, {position})" for position in range(12)]
    grouped = _blocked_pairs(records, _rules(conditions), grouped=True)
    assert grouped[["match_key", "join_key_l", "join_key_r"]].to_dict("records") == [
        {"match_key": "2", "join_key_l": "a", "join_key_r": "b"}]
    assert "GROUP BY" in _blocking_sqls(_rules(conditions), grouped=True)[-1]["sql"]


def test_spark_rules_and_a_single_rule_are_left_as_splink_writes_them() -> None:
    spark = _rules(["l.a = r.a", "l.b = r.b"], dialect="spark")
    assert _blocking_sqls(spark, grouped=True) == _blocking_sqls(spark, grouped=False)
    assert "AND NOT (" in _blocking_sqls(spark, grouped=True)[-1]["sql"]
    single = _rules(["l.a = r.a"])
    assert _blocking_sqls(single, grouped=True) == _blocking_sqls(single, grouped=False)


def test_every_splink_module_that_blocks_uses_the_grouped_pairs_once_installed() -> None:
    splink_blocking.group_blocked_pairs()
    splink_blocking.group_blocked_pairs()  # idempotent: Splink's function is wrapped once
    users: dict[str, Any] = {name: module.block_using_rules_sqls for name, module in list(sys.modules.items())
                             if name.startswith("splink.") and hasattr(module, "block_using_rules_sqls")}
    assert {"splink.internals.blocking", "splink.internals.linker_components.inference",
            "splink.internals.em_training_session"} <= set(users)
    assert all(getattr(function, "_tenpoint_grouped", False) for function in users.values())
    assert all(not getattr(function.__wrapped__, "_tenpoint_grouped", False) for function in users.values())
