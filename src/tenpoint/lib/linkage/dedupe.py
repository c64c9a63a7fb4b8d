"""Batch deduplication: which records are the same person (``tenpoint link dedupe``).

Pipeline: features → Splink model trained on the file itself (u by random sampling, m by
EM), or a model saved earlier (no training at all) → pairwise predictions → clusters
without chains (``cluster_without_chains``: near-certain cores, then clusters joined on
their mean match probability, never across a pair with wholly different given names). A
file too small to train on is trained together with a fixed synthetic background (the
generator's), then scored alone, so a handful of records still gets a sensible model. Where EM
on a file fits something other than people registered twice (``model.names_not_learned``: a
register in which almost no one is twice), the names' m are counted on that background's known
people instead, and u and λ stay the file's own.

Saved models are Splink's JSON (``save_model_to_json``) plus one key, the number of records
the model's λ is for; reused on a file of another size, λ is rescaled (``_for_size``).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import logging
import math
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tenpoint.lib.linkage import explain, model, splink_blocking, splink_parsing
from tenpoint.lib.linkage.features import LIST_COLUMNS, build_features, sexes_of_names
from tenpoint.lib.linkage.records import LinkageInputError, read_records, write_clusters

# Below this many records EM has too few pairs to learn from: add the background.
MIN_RECORDS_TO_TRAIN_ALONE = 2_000
BACKGROUND_RECORDS = 3_000
_BACKGROUND_PREFIX = "__background__"
# The background's column of who each record is (the generator's truth), for counting m.
_TRUE_PERSON = "true_person"
# The comparisons whose m EM learns (the others' m are fixed): counted on the background when EM fails.
_COUNTED_ON_BACKGROUND = (*model.TRAINED_NAME_COMPARISONS, "household")
SPARK_HINT = "install the spark extra (pip install -e '.[spark]') and Java 17"

Progress = Callable[[str], None]


class _ChosenMaxPairs(logging.Filter):
    """Hide Splink's "default max_pairs may be too small" advice: our figure is measured, not a default."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "default value for `max_pairs`" not in record.getMessage()


logging.getLogger("splink.internals.linker_components.training").addFilter(_ChosenMaxPairs())


class _NamesNotObserved(logging.Filter):
    """Hide Splink's warning that EM saw no pair at a level of a name comparison: ``train_model``
    tells the file's person what that means (``model.names_not_learned``) and counts the names'
    m on the synthetic background instead; ten such warnings told them nothing they could act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("not observed in dataset, unable to train m value" in message
                    and any(f"on comparison {name} " in message for name in model.TRAINED_NAME_COMPARISONS))


logging.getLogger("splink.internals.expectation_maximisation").addFilter(_NamesNotObserved())


def _quiet(message: str) -> None:
    """Default progress sink: say nothing."""


def _db_api(engine: str) -> Any:
    # Every linker is built on a database API from here: Splink's checks of the levels' SQL are
    # kept from the first linker on (``splink_parsing``), and its candidate pairs kept once by
    # grouping (``splink_blocking``), for the baseline too.
    splink_parsing.keep_condition_checks()
    splink_blocking.group_blocked_pairs()
    if engine == "duckdb":
        from splink import DuckDBAPI

        # Large files: cap DuckDB's memory and say where it may spill (defaults: 80 % of RAM, ./.tmp).
        limit = os.environ.get("TENPOINT_DUCKDB_MEMORY_LIMIT")
        spill = os.environ.get("TENPOINT_DUCKDB_TEMP_DIRECTORY")
        if limit or spill:
            import duckdb

            config: dict[str, str | bool | int | float | list[str]] = {
                k: v for k, v in (("memory_limit", limit), ("temp_directory", spill)) if v}
            return DuckDBAPI(connection=duckdb.connect(config=config))
        return DuckDBAPI()
    if engine == "spark":
        if importlib.util.find_spec("pyspark") is None:
            raise LinkageInputError(f"--engine spark needs pyspark: {SPARK_HINT}")
        if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
            raise LinkageInputError(f"--engine spark needs Java: {SPARK_HINT}")
        from pyspark.sql import SparkSession
        from splink import SparkAPI
        from splink.backends.spark import similarity_jar_location

        # Splink's string similarities (Jaro-Winkler…) are Scala UDFs shipped as a jar with Splink.
        spark = (SparkSession.builder.appName("tenpoint-dedupe")
                 .config("spark.jars", similarity_jar_location())
                 .config("spark.sql.shuffle.partitions", str(max(2, (os.cpu_count() or 2) * 2)))
                 # Its stage bars, written over with carriage returns, hid Tenpoint's own progress lines.
                 .config("spark.ui.showConsoleProgress", "false")
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="tenpoint-spark-"))
        return SparkAPI(spark_session=spark)
    raise LinkageInputError(f"unknown engine {engine!r}: use duckdb or spark")


def _register(db_api: Any, engine: str, frame: pd.DataFrame) -> Any:
    if engine == "spark":
        return db_api.register(_to_spark(db_api.spark, frame))
    return db_api.register(_to_arrow(frame))


def _column_kind(frame: pd.DataFrame, column: str) -> str:
    """What ``column`` holds, for an engine's explicit schema: inference fails on all-null columns
    (a file without sex at all) and cannot tell a list of text from other objects."""
    dtype = frame[column].dtype
    if column in LIST_COLUMNS:
        return "text list"
    if str(dtype) == "Int64" or pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    return "text"


def _to_arrow(frame: pd.DataFrame) -> Any:
    """An Arrow table for DuckDB, typed column by column (``_column_kind``).

    Registered as a pandas frame, the records were read again through Python's objects by every
    query Splink runs on them (a few dozen in a training): text and lists of text, row by row.
    An Arrow table is read as it lies in memory.
    """
    import pyarrow as pa

    types = {"text list": pa.list_(pa.string()), "integer": pa.int64(), "boolean": pa.bool_(),
             "float": pa.float64(), "text": pa.string()}
    schema = pa.schema([pa.field(str(c), types[_column_kind(frame, c)], nullable=True) for c in frame.columns])
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def _to_spark(spark: Any, frame: pd.DataFrame) -> Any:
    """A Spark frame, typed column by column (``_column_kind``)."""
    from pyspark.sql import types as T

    types = {"text list": T.ArrayType(T.StringType()), "integer": T.LongType(), "boolean": T.BooleanType(),
             "float": T.DoubleType(), "text": T.StringType()}
    schema = T.StructType([T.StructField(c, types[_column_kind(frame, c)], nullable=True) for c in frame.columns])
    rows = [tuple(None if not isinstance(v, list) and pd.isna(v) else v for v in row)
            for row in frame.astype(object).itertuples(index=False, name=None)]
    return spark.createDataFrame(rows, schema=schema)


@cache
def _background_frame() -> pd.DataFrame:
    """The synthetic background records with their truth (``true_person_id``), generated once per
    process: its features and the counting of its true pairs both read it. Callers only read it."""
    from tenpoint.lib.linkage.generator import generate

    # With households: a file that has them learns the companions' m from people registered twice
    # with their families, not from its own pairs alone (used only when the file has households).
    background = generate(BACKGROUND_RECORDS, seed=20_240_501, messiness=0.3, households=True)
    background["record_id"] = _BACKGROUND_PREFIX + background["record_id"].astype(str)
    return background


@cache
def _background_features(method: str) -> pd.DataFrame:
    """The background's features, built once per process: training and term frequencies both need
    them in a small file's run (0.1 s each). Callers only read the frame (they concatenate it)."""
    return _features(_background_frame(), method)


def _features(frame: pd.DataFrame, method: str) -> pd.DataFrame:
    if method == "tenpoint":
        return build_features(frame)
    if method == "baseline":
        return baseline_input(frame)
    raise LinkageInputError(f"unknown method {method!r}")


# Splink checks a model's settings against the input columns when it builds a linker (it parses
# every SQL condition with sqlglot and only logs what it finds): 0.15 s a linker on Febrl3, a third
# of a run's time over three linkers. Settings this module builds itself, for columns it builds
# itself (tested), are not checked again; a saved model given from outside is.
VALIDATE_OWN_SETTINGS = False

# The comparisons each method's saved model must have (a model from another method or
# another tool would score the wrong columns).
_MODEL_COMPARISONS = {"tenpoint": {"given_name", "family_name", "birth_date"},
                      "baseline": {"first_name", "surname", "dob"}}


def train_model(
    frame: pd.DataFrame, *, engine: str = "duckdb", method: str = "tenpoint", progress: Progress = _quiet,
) -> dict[str, Any]:
    """Train on ``frame`` and return the trained Splink model (``save_model_to_json``'s dict)."""
    features = _features(frame, method)
    db_api = _db_api(engine)
    return _train(features, _register(db_api, engine, features), db_api, engine=engine, method=method,
                  progress=progress)


def _train(features: pd.DataFrame, registered: Any, db_api: Any, *, engine: str, method: str,
           progress: Progress, frequencies: _TermFrequencies | None = None) -> dict[str, Any]:
    """The model trained on ``features`` (``registered`` in ``db_api``; plus background if too few),
    as Splink's JSON dict. ``frequencies``: the names' frequencies among the records the model is
    trained on (``features``, and the background where it is added), if the caller counted them."""
    from splink import Linker

    training_table, training_frame = registered, features
    if len(features) < MIN_RECORDS_TO_TRAIN_ALONE:
        progress(f"{len(features)} records are too few to train on: adding {BACKGROUND_RECORDS} synthetic "
                 "background records for training only")
        training_frame = pd.concat([features, _background_features(method)], ignore_index=True)
        training_table = _register(db_api, engine, training_frame)
    # The small file's rule (the background counted too) makes ``features``' frequencies those of
    # ``training_frame``: a caller's count serves.
    frequencies = frequencies or _TermFrequencies(training_frame, db_api, engine=engine, method=method)
    if method == "tenpoint":
        progress("estimating how often two random records are the same person")
        settings = model.tenpoint_settings(use_sex=bool(features["sex"].notna().any()),
                                           use_nationality=bool(features["nationality"].notna().any()),
                                           use_household=bool(features["household_given"].notna().any()),
                                           probability_two_random_records_match=model.lambda_assumed(training_frame),
                                           vague_date_share=model.vague_date_share(training_frame))
    else:
        settings = model.baseline_settings()
    training_linker = Linker(training_table, settings, log_level=logging.WARNING, validate_settings=VALIDATE_OWN_SETTINGS)
    if method == "tenpoint":
        # Counted as Splink would count them for EM, without its SQL (the baseline stays Splink's).
        frequencies.use(training_linker, training_linker.misc.save_model_to_json())
        model.train_tenpoint(training_linker, progress)
    else:
        model.train_baseline(training_linker, progress)
    trained: dict[str, Any] = training_linker.misc.save_model_to_json()
    if method == "tenpoint":
        trained = _birth_date_u_from_all_pairs(trained, training_linker, training_table)
    unlearned = model.names_not_learned(trained) if method == "tenpoint" else []
    if unlearned and training_table is registered:
        # EM found no one's records among the pairs it learns from and fitted noise (the demo's
        # records: no pair sharing a full birth date is one person, and EM learned that an
        # identical family name is evidence against, or a wholly different one no evidence at
        # all). How often one person's records agree is registration practice, which the
        # synthetic background simulates with its people known: the names' m are counted there.
        progress(f"EM learned {' and '.join(unlearned)} (this file's pairs with the same birth date hold too "
                 f"few people registered twice): the name comparisons' m are counted instead on "
                 f"{BACKGROUND_RECORDS} synthetic records whose people are known")
        trained = _names_from_background_truth(trained, settings, db_api, engine=engine, method=method)
    if method == "tenpoint":
        # The baseline stays as Splink's tutorial trains it.
        trained = model.with_whole_name(trained, model.whole_name_share(training_frame["name_sk_sorted"]))
        trained = _lambda_from_the_rules(trained, training_table, training_frame, frequencies, engine=engine,
                                         progress=progress)
        trained = model.u_for_levels_not_seen(trained, model.u_pairs_sampled(len(training_frame)))
        trained = model.without_sum_order_noise(model.u_without_true_matches(trained))
    # λ as used on ``features`` (trained with a background, it is still used as is on the file).
    trained[SCORED_RECORDS_KEY] = len(features)
    return trained


def _birth_date_u_from_all_pairs(trained: dict[str, Any], linker: Any, table: Any) -> dict[str, Any]:
    """``trained`` with the birth date's u counted on all pairs of ``table``'s records
    (``model.birth_date_u_sql``), not on the random pairs u was sampled from: Febrl3's F1 over u
    seeds 1-8 was 0.9330-0.9430 (mean 0.9394), the generator's 0.9077-0.9104 (2026-12-04).

    ``model.train_tenpoint`` samples no u for the comparisons in ``model.U_COUNTED_ON_ALL_PAIRS``;
    this counts the birth date's only, so a comparison added to that set without a count here
    would be scored with no u of its own: refused instead."""
    uncounted = model.U_COUNTED_ON_ALL_PAIRS - {"birth_date"}
    if uncounted:
        raise ValueError(f"model.U_COUNTED_ON_ALL_PAIRS names {', '.join(sorted(uncounted))}, whose u is neither "
                         "sampled nor counted: count it in dedupe._birth_date_u_from_all_pairs")
    levels = next((comparison["comparison_levels"] for comparison in trained["comparisons"]
                   if comparison["output_column_name"] == "birth_date"), None)
    if levels is None:
        return trained
    # Only Splink's own table name goes into the SQL.
    rows = linker.misc.query_sql(model.birth_date_u_sql(levels, table.physical_name), output_type="pandas")
    counts = {int(level): float(pairs) for level, pairs in zip(rows["level"], rows["pairs"], strict=True)
              if not pd.isna(pairs)}
    return model.birth_date_u_counted(trained, counts)


def _names_from_background_truth(trained: dict[str, Any], settings: Any, db_api: Any, *, engine: str,
                                 method: str) -> dict[str, Any]:
    """``trained`` with the m of the name comparisons' levels counted on the synthetic background's
    true pairs (Splink's ``estimate_m_from_label_column``), u and λ left as the file gave them.

    Until 2026-12-01 the model was trained again on the file with the background added: beside
    hundreds of thousands of records its 3,000 weighed little, and EM learned the file's namesakes
    again (a review of 200,000 demo people, none registered twice, queued 4,096 pairs with family
    name m 0.24 for "all other"; counted here, 0.003). Levels whose m is fixed keep it; a level no
    true pair of the background reaches keeps what EM gave it.
    """
    from splink import Linker

    background = _background_features(method).copy()
    background[_TRUE_PERSON] = _background_frame()["true_person_id"].to_numpy()
    linker = Linker(_register(db_api, engine, background), settings, log_level=logging.WARNING,
                    validate_settings=VALIDATE_OWN_SETTINGS)
    linker.training.estimate_m_from_label_column(_TRUE_PERSON)
    counted = linker.misc.save_model_to_json()
    m_counted = {(c["output_column_name"], level.get("label_for_charts")): level.get("m_probability")
                 for c in counted["comparisons"] for level in c["comparison_levels"]}
    result = copy.deepcopy(trained)
    for comparison in result["comparisons"]:
        if comparison["output_column_name"] not in _COUNTED_ON_BACKGROUND:
            continue
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or level.get("fix_m_probability"):
                continue
            m = m_counted.get((comparison["output_column_name"], level.get("label_for_charts")))
            if isinstance(m, float | int) and m > 0:
                level["m_probability"] = float(m)
    return result


def _lambda_from_the_rules(trained: dict[str, Any], table: Any, frame: pd.DataFrame, frequencies: _TermFrequencies,
                           *, engine: str,
                           progress: Progress) -> dict[str, Any]:
    """The trained model with λ estimated again, now that its m are known: the near-certain rules'
    pairs weighed by their match probability, over the share of true pairs the model says the rules
    find (``model.lambda_rules_recall``, ``model.probability_from_rules``).

    Splink's λ assumed the rules find 70 % of the true pairs and that every pair they find is one:
    Febrl3's λ came out 0.000339 against 0.000523 true, the generator's 5.1e-5 against 4.4e-5.
    Now 0.000537 and 5.0e-5; F1 Febrl3 0.9255 → 0.9354, generator 0.8976 → 0.8980 (2026-12-01).
    """
    from splink import Linker

    present = {column: float(frame[column].notna().mean())
               for column in ("given_sk_all", "family_sk_all", "birth_year", "dob_str")}
    recall = model.lambda_rules_recall(trained, present)
    scoring = model.u_without_true_matches(trained)
    scoring["blocking_rules_to_generate_predictions"] = [rule.create_blocking_rule_dict(engine)
                                                         for rule in model.lambda_rules()]
    # Only the match probability is read: no per-comparison weights or compared values to write.
    scoring["retain_intermediate_calculation_columns"] = False
    scoring["retain_matching_columns"] = False
    # Two rows known to be one person (a person and an alias of theirs, each a row in a review)
    # are found by the rules but are not the file's people registered twice: counted, a row for
    # each name in script (tried) took a review of 20,119 demo people, 307 with such a name, to
    # twice the λ and twice the pairs (README, seventh session).
    known = "known_person" in frame and bool(frame["known_person"].notna().any())
    where = ""
    if known:
        scoring["additional_columns_to_retain"] = ["known_person"]
        where = " WHERE known_person_l IS NULL OR known_person_r IS NULL OR known_person_l <> known_person_r"
    linker = Linker(table, scoring, log_level=logging.WARNING, validate_settings=VALIDATE_OWN_SETTINGS)
    # The names' frequencies counted as Splink would count them on ``table``, without its SQL.
    frequencies.use(linker, scoring)
    found = linker.inference.predict(warning_mode="never")
    # Only Splink's own table name goes into the SQL.
    total = linker.misc.query_sql(f"SELECT sum(match_probability) AS found FROM {found.physical_name}{where}",  # noqa: S608
                                  output_type="pandas")["found"].iloc[0]
    found.drop_table_from_database_and_remove_from_cache()
    lam = model.probability_from_rules(0.0 if pd.isna(total) else float(total), recall, len(frame))
    if lam is None:
        return trained
    progress(f"λ from the near-certain rules: {total:.0f} true pairs expected among their pairs, which find "
             f"{recall:.0%} of all true pairs by the model: {lam:.3g} (assumed recall "
             f"{model.LAMBDA_RULES_ASSUMED_RECALL:.0%}: {trained['probability_two_random_records_match']:.3g})")
    return {**trained, "probability_two_random_records_match": lam}


# The one key a saved model has besides Splink's own: how many records its λ (the chance
# that two random records are the same person) is for. Removed before Splink reads the model.
SCORED_RECORDS_KEY = "tenpoint_scored_records"


def _for_size(trained: dict[str, Any], records: int) -> dict[str, Any]:
    """The model with λ rescaled from the file it was trained for to a file of ``records`` records.

    A person has about as many duplicates in a big file as in a small one, so the number of
    true pairs grows like n while all pairs grow like n²: λ scales as 1/(n-1). Without this, a
    model trained on 40,000 records would be 25 times too ready to link at 1,000,000.
    """
    splink_model = {k: v for k, v in trained.items() if k != SCORED_RECORDS_KEY}
    scored = trained.get(SCORED_RECORDS_KEY)
    if isinstance(scored, int) and scored > 1 and records > 1 and scored != records:
        lam = float(splink_model["probability_two_random_records_match"])
        splink_model["probability_two_random_records_match"] = min(0.5, lam * (scored - 1) / (records - 1))
    return splink_model


def _unseen_levels_bounded(trained: dict[str, Any]) -> dict[str, Any]:
    """A saved Tenpoint model with the u of each level no sampled random pair fell in bounded as
    training bounds it since 2026-12-02 (``model.u_for_levels_not_seen``), so that a model saved
    before then scores such a level as a model trained now would, not with Splink's default u (a
    swap among a million people: 5.6 bits instead of 12). The pairs sampled are counted from the
    records it was trained for; a model trained since then has every u, and is left as it is.
    """
    records = trained.get(SCORED_RECORDS_KEY)
    pairs = model.u_pairs_sampled(records) if isinstance(records, int) and records > 1 else model.U_MAX_PAIRS
    return model.u_for_levels_not_seen(trained, pairs)


def check_model(trained: Any, *, method: str = "tenpoint", where: str = "the model") -> dict[str, Any]:
    """``trained`` if it is a trained Splink model for ``method``; else LinkageInputError saying why."""
    if not isinstance(trained, dict) or not isinstance(trained.get("comparisons"), list):
        raise LinkageInputError(f"{where} is not a trained Splink model (no list of comparisons): "
                                "save one with --save-model")
    names = {c.get("output_column_name") for c in trained["comparisons"] if isinstance(c, dict)}
    missing = _MODEL_COMPARISONS[method] - names
    if missing:
        raise LinkageInputError(f"{where} is not a {method} model: it lacks the comparison(s) "
                                f"{', '.join(sorted(missing))}; save one with --save-model")
    untrained = [c["output_column_name"] for c in trained["comparisons"]
                 if all(level.get("m_probability") is None for level in c.get("comparison_levels", []))]
    if untrained:
        raise LinkageInputError(f"{where} is not trained: no m probabilities for {', '.join(untrained)}")
    return trained


def _check_engine(trained: dict[str, Any], engine: str) -> None:
    """A model's SQL is in its engine's dialect: Splink reads a DuckDB model's levels wrongly on Spark."""
    dialect = trained.get("sql_dialect")
    if isinstance(dialect, str) and dialect != engine:
        raise LinkageInputError(f"the model was trained with --engine {dialect}, not {engine}: use --engine {dialect}, "
                                f"or train and save a model with --engine {engine}")


def load_model(path: Path, *, method: str = "tenpoint") -> dict[str, Any]:
    """A model saved by ``save_model`` (Splink's JSON); LinkageInputError if missing or corrupt."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LinkageInputError(f"model file {path} does not exist: train and save one with --save-model") from None
    except (OSError, UnicodeDecodeError) as error:
        raise LinkageInputError(f"model file {path} cannot be read: {error}") from None
    try:
        trained = json.loads(text)
    except json.JSONDecodeError as error:
        raise LinkageInputError(f"model file {path} is not valid JSON (line {error.lineno}: {error.msg}); "
                                "it may be truncated or not a model: save it again with --save-model") from None
    return check_model(trained, method=method, where=f"model file {path}")


def save_model(trained: dict[str, Any], path: Path) -> None:
    """Write a trained model as Splink's JSON plus SCORED_RECORDS_KEY (``load_model`` reads it back)."""
    try:
        Path(path).write_text(json.dumps(trained, indent=2), encoding="utf-8")
    except OSError as error:
        raise LinkageInputError(f"cannot write the model to {path}: {error.strerror or error}") from None


def predict_pairs(
    frame: pd.DataFrame, *, engine: str = "duckdb", method: str = "tenpoint", progress: Progress = _quiet,
    trained: dict[str, Any] | None = None, on_trained: Callable[[dict[str, Any]], None] | None = None,
) -> tuple[Any, Any, dict[str, Any]]:
    """Scored pairs (unique_id_l, unique_id_r, match_probability) for a records frame, the linker
    and the trained model.

    ``method`` is ``tenpoint`` or ``baseline`` (Splink's tutorial model, for benchmarks). Given
    ``trained`` (a saved model), nothing is trained: the records are only scored. ``on_trained``
    receives the model as soon as it is trained (or loaded), before the scoring, the long part on
    a large file: a run stopped while scoring starts again from the model kept.
    """

    if trained is not None:
        _check_engine(trained, engine)
    features = _features(frame, method)
    floor = model.PREDICT_FLOOR if method == "tenpoint" else model.BASELINE_PREDICT_FLOOR
    db_api = _db_api(engine)
    registered = _register(db_api, engine, features)
    frequencies = _TermFrequencies(features, db_api, engine=engine, method=method)
    saved = trained is not None
    if trained is None:
        # Scored by a linker of its own: the training one may hold the background, and its u
        # is not yet corrected (model.u_without_true_matches).
        trained = _train(features, registered, db_api, engine=engine, method=method, progress=progress,
                         frequencies=frequencies)
    else:
        check_model(trained, method=method)
        if method == "tenpoint":  # the baseline stays as Splink's tutorial scores it
            trained = _unseen_levels_bounded(trained)
        progress("using the saved model: no training")
    if on_trained is not None:
        on_trained(trained)
    linker = _scoring_linker(registered, trained, len(features), saved=saved)
    frequencies.use(linker, trained)
    # The engine holds its own copy (Arrow, Spark): the frame is not needed while it scores.
    del features, frequencies
    progress("scoring candidate pairs")
    predictions = linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
    return predictions, linker, trained


def _scoring_linker(registered: Any, trained: dict[str, Any], records: int, *, saved: bool) -> Any:
    """A Splink linker scoring with ``trained`` (λ for ``records`` records); LinkageInputError if
    Splink refuses the model. A ``saved`` model (given from outside: it may be hand-edited or
    foreign) has its settings checked against the columns by Splink; one trained here need not."""
    from splink import Linker

    try:
        return Linker(registered, _for_size(trained, records), log_level=logging.WARNING,
                      validate_settings=saved or VALIDATE_OWN_SETTINGS)
    except LinkageInputError:
        raise
    except Exception as error:  # Splink's own validation of a hand-edited or foreign model
        raise LinkageInputError(f"the saved model cannot be used: {error}") from None


class _TermFrequencies:
    """How common each name is, for the model's term-frequency adjustments: its share of ``counted``
    (the records scored), or, in a file too small to say (fewer than MIN_RECORDS_TO_TRAIN_ALONE),
    its share of the file and the synthetic background together, the background the model was
    trained with. Counted and registered once per column, then given to every linker of a run
    (training, λ, scoring): counted for each, Febrl3's run spent 32 ms of its second on it, 12 ms
    now (2026-12-04).

    In a file of three records every name is a third of the names: counted alone, "Ibrahim" in a
    three-record file weighed as a common name and an alias pair fell below the review threshold.
    Given to each linker, whatever came before: Splink caches these tables per database, and the
    scoring of a file trained with the background used to inherit the background's frequencies
    from training while the same file scored with a saved model, or against new records, did not
    (2026-12-01: the same pair 0.588 in one, 0.430 in the other).
    """

    def __init__(self, counted: pd.DataFrame, db_api: Any, *, engine: str, method: str = "tenpoint") -> None:
        self._counted = counted
        self._db_api = db_api
        self._engine = engine
        self._method = method
        self._tables: dict[str, Any] = {}

    def use(self, linker: Any, trained: dict[str, Any]) -> None:
        """Give ``linker`` the frequencies of each column ``trained`` adjusts for."""
        columns = sorted({level["tf_adjustment_column"] for comparison in trained["comparisons"]
                          for level in comparison["comparison_levels"] if level.get("tf_adjustment_column")})
        for column in columns:
            if column not in self._tables:
                self._tables[column] = self._count(column)
            linker.table_management.register_term_frequency_lookup(self._tables[column], column)

    def _count(self, column: str) -> Any:
        counted = self._counted
        if len(counted) < MIN_RECORDS_TO_TRAIN_ALONE:
            counted = pd.concat([counted, _background_features(self._method)], ignore_index=True)
        # Counted as Splink's compute_tf_table counts (share of the non-empty values), without its cache.
        share = counted[column].dropna().astype(str).value_counts(normalize=True)
        lookup = pd.DataFrame({column: share.index.to_numpy(dtype=object), f"tf_{column}": share.to_numpy(dtype=float)})
        return _register(self._db_api, self._engine, lookup)


def _level_weight(trained: dict[str, Any], comparison: str, label: str) -> float | None:
    """log2(m/u) of the level of ``comparison`` with this label, None if it has none.

    By label, never by SQL text: a model trained on Spark writes `family_l` where DuckDB writes
    "family_l" (matched on the text, Spark kept the twins rule that Febrl3 lifts, and its F1 fell
    from 0.9412 to 0.8783, 2026-12-04). The labels are the model's constants (``model.EXACT``…)."""
    for candidate in trained["comparisons"]:
        if candidate["output_column_name"] != comparison:
            continue
        for level in candidate["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("label_for_charts") == label and m and u:
                return math.log2(m / u)
    return None


def _scored_pairs(linker: Any, predictions: Any) -> pd.DataFrame:
    """The scored pairs as (l, r, p, conflict, given_names_differ_wholly, other_sex_form,
    same_family_and_date, match_weight).

    conflict = the given names say two people: wholly different (given_names_differ_wholly), or
    the same first name with the other given names wholly different (Jean-Baptiste /
    Jean-Pierre), or one name's forms for a man and for a woman with the sexes to match
    (other_sex_form: Daniel / Daniela, a brother and a sister). Twins share the birth date and
    the family name; the weights of those outweigh one differing given name, and a chain of
    such links merges families. A clerk does not write a wholly different given name for the
    same person (swaps and spellings have their own levels), so such a pair never links, nor may
    it end up in one cluster through others (``cluster_without_chains``) -- unless the file shows
    that its given names get replaced and that it holds no twins (``weigh_conflicts``).

    same_family_and_date: the same family name (or its skeleton) and the same full birth date.
    """
    # As Splink scores: a level whose m or u the model's JSON leaves out (EM never saw it) is
    # scored with a default of Splink's own (a missing u is bounded first, _unseen_levels_bounded).
    trained = dict(explain.as_scored(linker.misc.save_model_to_json()))
    levels = next(c for c in trained["comparisons"] if c["output_column_name"] == "given_name")["comparison_levels"]
    last = levels[-1]
    m, u = last.get("m_probability"), last.get("u_probability")
    other_given = _level_weight(trained, "given_name", model.OTHER_GIVEN_NAMES_DIFFER)
    # Level weights identify the levels (Splink keeps weights, not level numbers, per pair).
    other = "FALSE" if other_given is None else f"abs(mw_given_name - ({other_given})) < 1e-6"
    sex_form_weight = _level_weight(trained, "given_name", model.OTHER_SEX_FORM)
    sex_form = "FALSE" if sex_form_weight is None else f"abs(mw_given_name - ({sex_form_weight})) < 1e-6"
    wholly = "FALSE"
    if m and u:
        wholly = f"(mw_given_name <= {math.log2(m / u) + 1e-6} AND NOT ({other}) AND NOT ({sex_form}))"
    family = [w for w in (_level_weight(trained, "family_name", label) for label in (model.EXACT, model.SAME_SKELETON))
              if w is not None]
    same_day = _level_weight(trained, "birth_date", model.SAME_DAY)
    same_family_and_date = "FALSE"
    if family and same_day is not None:
        near = " OR ".join(f"abs(mw_family_name - ({w})) < 1e-6" for w in family)
        same_family_and_date = f"(({near}) AND abs(mw_birth_date - ({same_day})) < 1e-6)"
    # Only Splink's own table name and floats go into the SQL: nothing from the user.
    sql = (f"SELECT unique_id_l, unique_id_r, match_probability, match_weight, "  # noqa: S608
           f"COALESCE({wholly}, FALSE) AS given_names_differ_wholly, "
           f"COALESCE({wholly} OR {other} OR {sex_form}, FALSE) AS conflict, "
           f"COALESCE({sex_form}, FALSE) AS other_sex_form, "
           f"COALESCE({same_family_and_date}, FALSE) AS same_family_and_date FROM {predictions.physical_name}")
    pairs: pd.DataFrame = linker.misc.query_sql(sql, output_type="pandas")
    pairs.attrs["given_name_differs_m"] = m
    return pairs


# The twins rule is lifted only where the file would have shown twins and shows none:
# if every conflict pair were twins, at least this many would have each twin registered twice
# (both in a near-certain cluster of their own) ...
TWINS_EXPECTED_AT_LEAST = 20.0
# ... and at most this share of that number is seen.
TWINS_SEEN_AT_MOST = 0.05
# Pairs with the same family name and date needed to estimate how often given names are replaced.
REPLACED_GIVEN_NAME_MIN_PAIRS = 50


@dataclass(frozen=True)
class TwinEvidence:
    """What the file says about its pairs with wholly different given names."""

    conflict_pairs: int
    # Conflict pairs whose two records are each in a near-certain cluster of two or more
    # records: two people each registered twice, i.e. twins (or siblings) -- not a typo.
    seen: int
    # How many would be seen if every conflict pair were twins.
    expected_if_twins: float
    # Among pairs with the same family name and full birth date, the share whose given names
    # differ wholly: how often this file's given names are replaced (if it holds no twins).
    # (A second given name wholly different is a conflict too, but not a replaced name.)
    given_name_replaced: float
    same_family_and_date_pairs: int

    @property
    def twins_ruled_out(self) -> bool:
        return (self.expected_if_twins >= TWINS_EXPECTED_AT_LEAST
                and self.seen <= TWINS_SEEN_AT_MOST * self.expected_if_twins
                and self.same_family_and_date_pairs >= REPLACED_GIVEN_NAME_MIN_PAIRS
                and self.given_name_replaced > 0)

    def describe(self) -> str:
        return (f"{self.conflict_pairs} pairs with wholly different given names; {self.seen} of them are two "
                f"people each registered at least twice ({self.expected_if_twins:.0f} expected if all were twins); "
                f"given names differ in {self.given_name_replaced:.1%} of {self.same_family_and_date_pairs} pairs "
                "with the same family name and birth date")


def twin_evidence(record_ids: list[str], pairs: pd.DataFrame, *, core: float = model.CORE_THRESHOLD) -> TwinEvidence:
    """Count what ``TwinEvidence`` says from the scored pairs (``_scored_pairs``' columns)."""
    left, right, conflict, labels = _cores(record_ids, pairs, core)
    in_core = np.bincount(labels, minlength=len(record_ids))[labels] >= 2
    # A twin's records are in a core as often as anyone's: both twins, that share squared.
    share = float(in_core.mean()) if record_ids else 0.0
    seen = int((conflict & in_core[left] & in_core[right] & (labels[left] != labels[right])).sum())
    same = pairs["same_family_and_date"].to_numpy(dtype=bool)
    replaced = pairs["given_names_differ_wholly"].to_numpy(dtype=bool)
    return TwinEvidence(
        conflict_pairs=int(conflict.sum()), seen=seen, expected_if_twins=float(conflict.sum()) * share ** 2,
        given_name_replaced=float((same & replaced).sum() / same.sum()) if same.any() else 0.0,
        same_family_and_date_pairs=int(same.sum()))


def weigh_conflicts(record_ids: list[str], pairs: pd.DataFrame, *, core: float = model.CORE_THRESHOLD,
                    progress: Progress = _quiet) -> pd.DataFrame:
    """The pairs, with the twins rule lifted where the file rules twins out.

    The model fixes how often one person's records carry wholly different given names
    (GIVEN_NAME_DIFFERS_M, 2 %) and such pairs never link, because twins share everything
    else. Some sources replace given names far more often (Febrl3: about one pair in seven
    with the same family name and date). When the file holds no twins that would have shown
    (``TwinEvidence.twins_ruled_out``), those pairs are weighed with the file's own rate
    instead and may link like any other pair (a second given name wholly different keeps the
    model's weight, and may link too). A name made feminine with the sex to match stays a
    conflict: that is a sister, not a replaced name. Otherwise nothing changes.
    """
    evidence = twin_evidence(record_ids, pairs, core=core)
    fixed_m = pairs.attrs.get("given_name_differs_m")
    if not evidence.conflict_pairs or not fixed_m:
        return pairs
    if not evidence.twins_ruled_out:
        progress(f"twins rule kept: {evidence.describe()}")
        return pairs
    progress(f"twins rule lifted (no twins where they would show): {evidence.describe()}")
    weighed = pairs.copy()
    replaced = weighed["given_names_differ_wholly"].to_numpy(dtype=bool)
    weight = weighed["match_weight"].to_numpy(dtype=float) + math.log2(evidence.given_name_replaced / fixed_m)
    weighed["match_weight"] = np.where(replaced, weight, weighed["match_weight"].to_numpy(dtype=float))
    weighed["match_probability"] = np.where(
        replaced, 1.0 / (1.0 + np.exp2(-weight)), weighed["match_probability"].to_numpy(dtype=float))
    weighed["conflict"] = (weighed["other_sex_form"].to_numpy(dtype=bool) if "other_sex_form" in weighed
                           else False)
    return weighed


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of n nodes: each node's smallest member index (hook and jump)."""
    labels = np.arange(n)
    while len(left):
        roots_l, roots_r = labels[left], labels[right]
        low = np.minimum(roots_l, roots_r)
        hooked = labels.copy()
        np.minimum.at(hooked, roots_l, low)
        np.minimum.at(hooked, roots_r, low)
        while True:
            jumped = hooked[hooked]
            if np.array_equal(jumped, hooked):
                break
            hooked = jumped
        if np.array_equal(hooked, labels):
            break
        labels = hooked
    return labels


def _cores(record_ids: list[str], pairs: pd.DataFrame, core: float) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                              np.ndarray]:
    """Each pair's two record positions and conflict flag, and each record's core: the connected
    components of the pairs at match probability ≥ ``core`` that are not conflicts."""
    position = pd.Series(np.arange(len(record_ids)), index=pd.Index(record_ids))
    left = position.reindex(pairs["unique_id_l"].astype(str)).to_numpy()
    right = position.reindex(pairs["unique_id_r"].astype(str)).to_numpy()
    conflict = pairs["conflict"].to_numpy(dtype=bool)
    strong = (pairs["match_probability"].to_numpy(dtype=float) >= core) & ~conflict
    return left, right, conflict, _components(len(record_ids), left[strong], right[strong])


def cluster_without_chains(
    record_ids: list[str], pairs: pd.DataFrame, *, core: float = model.CORE_THRESHOLD,
    join: float = model.DEFAULT_THRESHOLD, unscored: float = model.UNSCORED_PAIR_PROBABILITY,
    max_rounds: int = 50,
) -> np.ndarray:
    """Cluster index per record: cores, then clusters joined on average evidence, never across a conflict.

    1. Cores: connected components of the pairs at match probability ≥ ``core`` (near-certain);
       a core that would hold a conflict is left to step 2, record by record.
    2. Rounds: for every two clusters with a scored pair between them, the mean match
       probability over *all* their record pairs (a pair without a score counts ``unscored``:
       no blocking rule brought it together, or it scored below the floor). Best first,
       each cluster joins at most one other per round, if the mean is ≥ ``join`` and no pair
       between them is a conflict (wholly different given names). Repeat until nothing joins.

    Unlike connected components at ``join``, one namesake link cannot chain two people's
    clusters: a record must be close to the cluster as a whole.
    """
    n = len(record_ids)
    left, right, conflict, labels = _cores(record_ids, pairs, core)
    probability = pairs["match_probability"].to_numpy(dtype=float)
    # A core holding a conflict (twins both near-certain to a third record) is dissolved: its
    # records start alone and the rounds below rebuild it without the conflict.
    inside = conflict & (labels[left] == labels[right])
    if inside.any():
        broken = np.isin(labels, np.unique(labels[left[inside]]))
        labels = np.where(broken, np.arange(n), labels)
    for _ in range(max_rounds):
        sizes = np.bincount(labels, minlength=n)
        cl, cr = labels[left], labels[right]
        across = cl != cr
        if not across.any():
            break
        # The scored pairs between each two clusters (a < b), summed with numpy: a pandas groupby
        # took a third of the clustering's time on Febrl3.
        low, high = np.minimum(cl[across], cr[across]), np.maximum(cl[across], cr[across])
        link_keys, link_of_pair = np.unique(low.astype(np.int64) * n + high, return_inverse=True)
        total = np.bincount(link_of_pair, weights=np.where(conflict[across], 0.0, probability[across]),
                            minlength=len(link_keys))
        scored = np.bincount(link_of_pair, minlength=len(link_keys))
        link_conflict = np.bincount(link_of_pair, weights=conflict[across], minlength=len(link_keys)) > 0
        link_a, link_b = link_keys // n, link_keys % n
        record_pairs = sizes[link_a] * sizes[link_b]
        # Rounded: sums of the same probabilities in another order differ in the last bits, and
        # near-equal means must not change places from one run to the next.
        mean = np.round((total + unscored * (record_pairs - scored)) / record_pairs, 9)
        ok = (mean >= join) & ~link_conflict
        if not ok.any():
            break
        # Best mean first; ties by a, then b (link_keys are sorted by a, then b).
        order = np.flatnonzero(ok)[np.argsort(-mean[ok], kind="stable")]
        taken: set[int] = set()
        join_a: list[int] = []
        join_b: list[int] = []
        for a, b in zip(link_a[order].tolist(), link_b[order].tolist(), strict=True):
            if a in taken or b in taken:
                continue
            taken.update((a, b))
            join_a.append(a)
            join_b.append(b)
        merged = _components(n, np.array(join_a, dtype=np.int64), np.array(join_b, dtype=np.int64))
        labels = merged[labels]
    return labels


def baseline_input(frame: pd.DataFrame) -> pd.DataFrame:
    """The tutorial model's columns: names lower-cased and trimmed, dob as YYYY-MM-DD or null."""
    from tenpoint.lib.linkage.features import _birth_parts

    years, months, days = _birth_parts(frame)
    dobs = [f"{y:04d}-{m:02d}-{d:02d}" if y is not None and m and d else None
            for y, m, d in zip(years, months, days, strict=True)]

    def clean(column: str) -> pd.Series:
        values = frame[column].fillna("").astype(str).str.strip().str.lower()
        return values.where(values != "", None)

    return pd.DataFrame({
        "unique_id": frame["record_id"].astype(str).to_numpy(),
        "first_name": clean("given_name").to_numpy(),
        "surname": clean("family_name").to_numpy(),
        "dob": dobs,
    })


def _tenpoint_clusters(record_ids: list[str], linker: Any, predictions: Any, *, threshold: float,
                       progress: Progress) -> tuple[pd.DataFrame, np.ndarray]:
    """The scored pairs (twins rule weighed) and each record's cluster, named by its smallest record_id."""
    core = max(threshold, model.CORE_THRESHOLD)
    progress(f"clustering: cores at match probability ≥ {core}, clusters joined at a mean ≥ {threshold}")
    pairs = weigh_conflicts(record_ids, _scored_pairs(linker, predictions), core=core, progress=progress)
    index = cluster_without_chains(record_ids, pairs, core=core, join=threshold)
    return pairs, _smallest_in_group(record_ids, index)


def _smallest_in_group(record_ids: list[str], groups: Any) -> np.ndarray:
    """Each record's group named by the group's smallest record_id, aligned to ``record_ids``.

    Sorted once, then the first of each group: a groupby "min" over text runs in Python, group
    by group (0.05 s of Febrl3's 1 s).
    """
    table = pd.DataFrame({"group": groups, "record_id": record_ids})
    first = table.sort_values("record_id", kind="stable").groupby("group")["record_id"].transform("first")
    return first.reindex(table.index).to_numpy()


def dedupe_frame(
    frame: pd.DataFrame,
    *,
    engine: str = "duckdb",
    threshold: float | None = None,
    progress: Progress = _quiet,
    method: str = "tenpoint",
    trained: dict[str, Any] | None = None,
    on_trained: Callable[[dict[str, Any]], None] | None = None,
) -> pd.Series:
    """Cluster ids aligned to ``frame``'s rows; a cluster is named by its smallest record_id.

    ``trained``: a saved model to score with instead of training; ``on_trained`` receives the
    model used (to save it).
    """
    default = model.DEFAULT_THRESHOLD if method == "tenpoint" else model.BASELINE_THRESHOLD
    threshold = default if threshold is None else threshold
    if not 0 < threshold < 1:
        raise LinkageInputError(f"--threshold {threshold} must be a match probability between 0 and 1")
    record_ids = frame["record_id"].astype(str).tolist()
    if len(record_ids) < 2:
        return pd.Series(record_ids, index=frame.index, name="cluster_id", dtype=object)
    predictions, linker, trained = predict_pairs(frame, engine=engine, method=method, progress=progress,
                                                 trained=trained, on_trained=on_trained)
    if method == "tenpoint":
        _pairs, names = _tenpoint_clusters(record_ids, linker, predictions, threshold=threshold, progress=progress)
        return pd.Series(names, index=frame.index, name="cluster_id", dtype=object)
    progress(f"clustering at match probability ≥ {threshold}")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold)
    assigned = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    # Splink names clusters by one member's id; rename to the smallest id so the output is
    # stable whatever order Splink visits the graph in.
    assigned["unique_id"] = assigned["unique_id"].astype(str)
    smallest = _smallest_in_group(assigned["unique_id"].tolist(), assigned["cluster_id"].to_numpy())
    by_record = dict(zip(assigned["unique_id"], smallest, strict=True))
    labels = [by_record.get(r, r) for r in record_ids]
    return pd.Series(labels, index=frame.index, name="cluster_id", dtype=object)


# Columns of ``possible_duplicates``' answer.
POSSIBLE_DUPLICATE_COLUMNS = ["record_id_l", "record_id_r", "match_probability", "cluster"]
# With ``explain_weights``: what the model weighed in each pair (``_model_weights``).
MODEL_WEIGHTS_COLUMN = "model_weights"


def _model_weights(linker: Any, predictions: Any, left: pd.Series, right: pd.Series, *,
                   scored_from: float) -> list[dict[str, Any]]:
    """For each pair (left[i], right[i]) scored at ``scored_from`` or more: the prior and the
    weight each comparison added, with its level (``explain.weighed_levels``), as JSON.

    Read from the scored pairs at or above the threshold only, not from every pair scored: a
    national register scores millions of pairs and queues a small share of them."""
    scoring = linker.misc.save_model_to_json()
    names = [str(c["output_column_name"]) for c in scoring["comparisons"]]
    adjusted = [str(c["output_column_name"]) for c in scoring["comparisons"]
                if any(level.get("tf_adjustment_column") for level in c["comparison_levels"])]
    weights = ", ".join([f"mw_{n}" for n in names] + [f"mw_tf_adj_{n}" for n in adjusted])
    # Only Splink's own table and column names and a float go into the SQL: nothing from the user.
    sql = (f"SELECT unique_id_l, unique_id_r, {weights} FROM {predictions.physical_name} "  # noqa: S608
           f"WHERE match_probability >= {float(scored_from)!r}")
    scored = linker.misc.query_sql(sql, output_type="pandas")
    scored = scored.set_index([scored["unique_id_l"].astype(str), scored["unique_id_r"].astype(str)])
    scored = scored.reindex(pd.MultiIndex.from_arrays([left.astype(str).to_numpy(), right.astype(str).to_numpy()]))
    prior = explain.prior_weight(scoring)
    return [{"prior": round(prior, 4), "levels": levels} for levels in explain.weighed_levels_as_json(scoring, scored)]


def possible_duplicates(
    frame: pd.DataFrame, *, review_from: float, engine: str = "duckdb", progress: Progress = _quiet,
    trained: dict[str, Any] | None = None, on_trained: Callable[[dict[str, Any]], None] | None = None,
    explain_weights: bool = False,
) -> pd.DataFrame:
    """Pairs of records a person should look at, most likely first: the same Splink model and
    clustering as ``dedupe_frame``, but the pairs themselves, for a review queue.

    Every scored pair at or above ``review_from`` (at least ``model.PREDICT_FLOOR``: pairs below
    it are never kept), except pairs with wholly different given names while the twins rule
    holds (``weigh_conflicts``): those are never one person's records by this model.
    ``cluster``: the cluster both records are in (named by its smallest record_id, as in
    ``dedupe_frame``), or "" where the clustering keeps them apart. ``on_trained`` receives the
    model trained on ``frame`` (kept, to compare later arrivals with ``link_new_records``), or
    ``trained`` itself when given (a model kept earlier: nothing is trained). ``explain_weights``:
    a ``model_weights`` column says what the model weighed in each pair (``_model_weights``).
    """
    if not model.PREDICT_FLOOR <= review_from <= 1:
        raise LinkageInputError(f"the review threshold {review_from} must be between {model.PREDICT_FLOOR} and 1")
    record_ids = frame["record_id"].astype(str).tolist()
    if len(record_ids) < 2:
        return pd.DataFrame(columns=POSSIBLE_DUPLICATE_COLUMNS + [MODEL_WEIGHTS_COLUMN] * explain_weights)
    predictions, linker, _trained = predict_pairs(frame, engine=engine, progress=progress, trained=trained,
                                                  on_trained=on_trained)
    pairs, names = _tenpoint_clusters(record_ids, linker, predictions, threshold=model.DEFAULT_THRESHOLD,
                                      progress=progress)
    position = {record_id: i for i, record_id in enumerate(record_ids)}
    left = pairs["unique_id_l"].astype(str)
    right = pairs["unique_id_r"].astype(str)
    left_at, right_at = left.map(position).to_numpy(), right.map(position).to_numpy()
    together = np.where(names[left_at] == names[right_at], names[left_at], "")
    keep = ~pairs["conflict"].to_numpy(dtype=bool) & (pairs["match_probability"].to_numpy() >= review_from)
    found = pd.DataFrame({"record_id_l": left.to_numpy()[keep], "record_id_r": right.to_numpy()[keep],
                          "match_probability": pairs["match_probability"].to_numpy(dtype=float)[keep],
                          "cluster": together[keep]})
    if explain_weights:
        found[MODEL_WEIGHTS_COLUMN] = _model_weights(linker, predictions, found["record_id_l"], found["record_id_r"],
                                                     scored_from=review_from)
    return found.sort_values(["match_probability", "record_id_l", "record_id_r"],
                             ascending=[False, True, True], ignore_index=True)


def run_dedupe(
    records_path: Path, out_path: Path, *, engine: str, threshold: float | None, progress: Progress,
    model_path: Path | None = None, save_model_path: Path | None = None,
) -> None:
    """``tenpoint link dedupe``: read, check, cluster, write ``record_id,cluster_id``.

    ``model_path``: a model saved earlier (``save_model_path``): no training, only scoring and
    clustering, which is most of the saving on large files.
    """
    trained = load_model(model_path) if model_path is not None else None
    records = read_records(records_path)
    progress(f"read {len(records)} records from {records_path}")

    saved: list[Path] = []

    def keep(used: dict[str, Any]) -> None:
        if save_model_path is not None:
            save_model(used, save_model_path)
            saved.append(save_model_path)
            progress(f"saved the model to {save_model_path}")

    labels = dedupe_frame(records.frame, engine=engine, threshold=threshold, progress=progress,
                          trained=trained, on_trained=keep)
    if save_model_path is not None and not saved:
        progress(f"no model saved to {save_model_path}: a single record has nothing to train on")
    write_clusters(out_path, records.frame["record_id"].astype(str), labels)
    clusters = labels.nunique()
    progress(f"wrote {len(labels)} records in {clusters} clusters to {out_path}")


# Columns of ``link_new_records``' answer (and of ``link between``'s output file).
NEW_RECORD_PAIR_COLUMNS = ["record_id_existing", "record_id_new", "match_probability"]
NEW_RECORDS_REVIEW_FROM = 0.5


def link_new_records(
    existing: pd.DataFrame, new: pd.DataFrame, *, trained: dict[str, Any] | None = None,
    review_from: float = NEW_RECORDS_REVIEW_FROM, engine: str = "duckdb", progress: Progress = _quiet,
    within_new: bool = False, explain_weights: bool = False,
) -> pd.DataFrame:
    """Pairs of a new record and an existing one that may be the same person, most likely first.

    A register is not deduplicated again whenever a batch arrives: the new records are compared
    with the existing ones only (Splink's ``predict_between``, the model's own blocking rules),
    never the existing ones with each other. ``trained``: a model saved by ``link dedupe
    --save-model`` (normally trained on the register); without it, one is trained on both files
    together. Term frequencies come from the register (how common a name is among the people
    already there). Pairs with wholly different given names are left out, as the twins rule
    does in the review queue (``possible_duplicates``); nothing is linked, a person decides.

    ``within_new``: the new records are also compared with each other (a batch may hold one person
    twice); such pairs come once, the earlier record_id as ``record_id_existing``. Done in the same
    comparison, the new records standing on the register's side too, so λ stays the register's:
    scored alone, a batch of ten would be given a λ for ten records (``_for_size``) and link freely.

    ``explain_weights``: a ``model_weights`` column, as ``possible_duplicates`` gives it.
    """

    if not model.PREDICT_FLOOR <= review_from <= 1:
        raise LinkageInputError(f"--review-from {review_from} must be between {model.PREDICT_FLOOR} and 1")
    shared = sorted(set(existing["record_id"].astype(str)) & set(new["record_id"].astype(str)))
    if shared:
        raise LinkageInputError(f"{len(shared)} record_id(s) are in both files, e.g. {', '.join(shared[:5])}: "
                                "a record is either in the register or new")
    if new.empty or (existing.empty and not within_new):
        return pd.DataFrame(columns=NEW_RECORD_PAIR_COLUMNS + [MODEL_WEIGHTS_COLUMN] * explain_weights)
    saved = trained is not None
    if trained is not None:
        trained = _unseen_levels_bounded(check_model(trained))
        _check_engine(trained, engine)
    db_api = _db_api(engine)
    # A name's sex is counted on the register and the new records together (a batch is small).
    name_sexes = sexes_of_names(pd.concat([existing, new], ignore_index=True))
    existing_features = build_features(existing, name_sexes=name_sexes)
    new_features = build_features(new, name_sexes=name_sexes)
    # Households are named within their own file: a register's "h1" is not the batch's "h1".
    for side, features in (("register", existing_features), ("new", new_features)):
        named = features["household_id"].notna()
        features.loc[named, "household_id"] = side + ":" + features.loc[named, "household_id"].astype(str)
    both = pd.concat([existing_features, new_features], ignore_index=True)
    # The register's side of the comparison; with ``within_new`` the new records stand on it too.
    register_side = both if within_new else existing_features
    registered_register = _register(db_api, engine, register_side)
    registered_new = _register(db_api, engine, new_features)
    if trained is None:
        progress("no model given: training on both files together")
        registered_both = registered_register if within_new else _register(db_api, engine, both)
        trained = _train(both, registered_both, db_api, engine=engine, method="tenpoint", progress=progress)
    else:
        progress("using the saved model: no training")
    linker = _scoring_linker(registered_register, trained, len(existing) + len(new), saved=saved)
    _TermFrequencies(register_side, db_api, engine=engine).use(linker, trained)
    progress(f"comparing {len(new)} new records with {len(existing)} existing ones")
    predictions = linker.inference.predict_between(registered_register, registered_new,
                                                   threshold_match_probability=review_from, warning_mode="never")
    pairs = _scored_pairs(linker, predictions)
    first, second = pairs["unique_id_l"].astype(str), pairs["unique_id_r"].astype(str)
    keep = ~pairs["conflict"].to_numpy(dtype=bool)
    if within_new:
        # A new record meets itself, and two new records meet twice (each on either side).
        existing_ids = set(existing["record_id"].astype(str))
        both_new = ~first.isin(existing_ids).to_numpy()
        keep &= (first != second).to_numpy() & ~(both_new & (first > second).to_numpy())
    found = pd.DataFrame({"record_id_existing": first.to_numpy()[keep], "record_id_new": second.to_numpy()[keep],
                          "match_probability": pairs["match_probability"].to_numpy(dtype=float)[keep]})
    if explain_weights:
        found[MODEL_WEIGHTS_COLUMN] = _model_weights(linker, predictions, found["record_id_existing"],
                                                     found["record_id_new"], scored_from=review_from)
    progress(f"{len(found)} pairs at a match probability of {review_from} or more")
    return found.sort_values(["match_probability", "record_id_new", "record_id_existing"],
                             ascending=[False, True, True], ignore_index=True)


def run_link_new(
    existing_path: Path, new_path: Path, out_path: Path, *, engine: str, review_from: float | None,
    progress: Progress, model_path: Path | None = None, explain_weights: bool = False,
) -> None:
    """``tenpoint link between``: read both files, compare the new records with the register, write the
    pairs; with ``explain_weights``, each pair's prior and each comparison's level and weight
    (``explain.as_columns``) after the three columns."""
    trained = load_model(model_path) if model_path is not None else None
    existing = read_records(existing_path)
    progress(f"read {len(existing)} existing records from {existing_path}")
    new = read_records(new_path)
    progress(f"read {len(new)} new records from {new_path}")
    found = link_new_records(existing.frame, new.frame, trained=trained, engine=engine, progress=progress,
                             review_from=NEW_RECORDS_REVIEW_FROM if review_from is None else review_from,
                             explain_weights=explain_weights)
    if explain_weights:
        found = pd.concat([found[NEW_RECORD_PAIR_COLUMNS],
                           explain.as_columns(found[MODEL_WEIGHTS_COLUMN].tolist())], axis=1)
    try:
        found.to_csv(out_path, index=False, float_format="%.6f")
    except OSError as error:
        raise LinkageInputError(f"cannot write {out_path}: {error.strerror or error}") from None
    progress(f"wrote {len(found)} pairs to {out_path}")
