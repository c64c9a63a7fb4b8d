"""Splink's candidate pairs on DuckDB made once per pair by grouping, not by excluding earlier rules.

Splink writes each blocking rule as a join and keeps a pair only under the first rule that finds
it: rule k's join carries ``AND NOT (rule 1 OR ... OR rule k-1)``. Tenpoint's model has 20 rules,
so the statement grows with the square of their number (46 KB of SQL), DuckDB spends most of a
small file's blocking planning it, and on a large file every pair a later rule finds is tested
against every earlier one. ``group_blocked_pairs`` makes Splink write the joins without the
exclusions and keep each pair once with a GROUP BY, the first rule's key kept as its key:
the same pairs with the same keys (Splink already does this when a rule explodes arrays).
Measured on 2026-12-04, the statement alone, DuckDB 2.0.1, 2 cores, the same rows out:

==========================  ===================  ===================
file                        Splink's exclusions  grouped
==========================  ===================  ===================
Febrl3 (5,000 records)      0.11-0.12 s          0.04 s
generator, 40,000 records   0.55-0.66 s          0.20-0.26 s
generator, 1,000,000        273 s                185-193 s (230,866,635 pairs)
==========================  ===================  ===================

The grouping holds the pairs in a hash table, so it uses more of the memory DuckDB may take (it
spills beyond it). A million generated records scored end to end with a reused model: 437.1 s
against 502.7 s with DuckDB allowed 12 GB, but a peak RSS of 13,634 against 9,873 MiB; allowed 8 GB
(``TENPOINT_DUCKDB_MEMORY_LIMIT``), 414.0 s and 9,134 MiB. Set the limit where memory is short.

Only DuckDB's plain rules are grouped: Spark, a single rule, and rules Splink treats otherwise
(exploding, or any subclass) are left as Splink writes them. If a Splink release changes what
``block_using_rules_sqls`` returns, the pairs are left as Splink makes them.
"""

from __future__ import annotations

import copy
import functools
import sys
from collections.abc import Callable
from typing import Any

_GROUPED_MARK = "_tenpoint_grouped"
_BLOCKED_PAIRS = "__splink__blocked_id_pairs"
_NON_UNIQUE = "__splink__blocked_id_pairs_non_unique"

# The key of the first rule that finds the pair. Splink's keys are the rules' positions written
# as text; compared as text "10" would come before "2".
GROUP_SQL = f"""
    SELECT CAST(min(CAST(match_key AS INTEGER)) AS VARCHAR) AS match_key, join_key_l, join_key_r
    FROM {_NON_UNIQUE}
    GROUP BY join_key_l, join_key_r
"""  # noqa: S608 (only Splink's own table name goes into it)


def _no_exclusion(*_args: Any, **_kwargs: Any) -> str:
    return ""


def _groupable(rules: list[Any]) -> bool:
    from splink.internals.blocking import BlockingRule

    return (len(rules) > 1 and all(type(rule) is BlockingRule for rule in rules)
            and all(getattr(rule, "_sql_dialect_str", None) == "duckdb" for rule in rules))


def _grouped(block_using_rules_sqls: Callable[..., list[dict[str, str]]]) -> Callable[..., list[dict[str, str]]]:
    @functools.wraps(block_using_rules_sqls)
    def grouped(*args: Any, **kwargs: Any) -> list[dict[str, str]]:
        rules = list(kwargs.get("blocking_rules") or [])
        if args or not _groupable(rules):
            return block_using_rules_sqls(*args, **kwargs)
        # Copies, so that the settings' own rules are untouched: each keeps its preceding rules,
        # hence its key, but writes no exclusion of them.
        unexcluded = []
        for rule in rules:
            joined = copy.copy(rule)
            joined.exclude_pairs_generated_by_all_preceding_rules_sql = _no_exclusion
            unexcluded.append(joined)
        sqls = block_using_rules_sqls(*args, **{**kwargs, "blocking_rules": unexcluded})
        if not sqls or sqls[-1].get("output_table_name") != _BLOCKED_PAIRS:
            return block_using_rules_sqls(*args, **kwargs)
        return [*sqls[:-1], {**sqls[-1], "output_table_name": _NON_UNIQUE},
                {"sql": GROUP_SQL, "output_table_name": _BLOCKED_PAIRS}]

    setattr(grouped, _GROUPED_MARK, True)
    return grouped


def group_blocked_pairs() -> None:
    """Make Splink keep each candidate pair once by grouping (module docstring). Idempotent.

    Splink's modules import ``block_using_rules_sqls`` by name, so each loaded one is given the
    grouped version; a module loaded later imports it from ``splink.internals.blocking``, which
    has it by then."""
    import splink.internals.blocking as blocking
    import splink.internals.linker  # noqa: F401  (loads the modules that import the function by name)

    splinks = getattr(blocking, "block_using_rules_sqls", None)
    if not callable(splinks) or getattr(splinks, _GROUPED_MARK, False):
        return
    grouped = _grouped(splinks)
    for name, module in list(sys.modules.items()):
        if (name == "splink" or name.startswith("splink.")) and getattr(module, "block_using_rules_sqls", None) is splinks:
            module.block_using_rules_sqls = grouped  # type: ignore[attr-defined]
