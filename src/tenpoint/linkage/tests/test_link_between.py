"""New records against a register (`tenpoint link between`): Splink's predict_between with the
dedupe model; the register is never compared with itself. Plain functions: no database needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenpoint.lib.linkage.dedupe import dedupe_frame, link_new_records, train_model
from tenpoint.lib.linkage.generator import generate
from tenpoint.lib.linkage.records import LinkageInputError
from tenpoint.linkage.tests.test_dedupe import HEADER, _has_pyspark

# The register holds two records of one man (Mohamed / Muhammad) and twin sisters; the new batch
# brings the man again (Maxamed, a 1 January date), one twin again, and someone new.
REGISTER = [
    ("r-mhd-1", "ITA-LAMPEDUSA", "Mohamed", "Shire Egal", "M", "1990-05-12", "SOM"),
    ("r-mhd-2", "MLT-HALFAR", "Muhammad", "Shire Egal", "M", "1990", "SOM"),
    ("r-twin-a", "ITA-LAMPEDUSA", "Hiwot", "Gebremedhin Kahsay", "F", "2001-03-04", "ERI"),
    ("r-twin-b", "ITA-LAMPEDUSA", "Selamawit", "Gebremedhin Kahsay", "F", "2001-03-04", "ERI"),
]
BATCH = [
    ("n-mhd-3", "GRC-LESVOS", "Maxamed", "Shiire Egaal", "M", "1990-01-01", "SOM"),
    ("n-twin-a", "GRC-LESVOS", "Hewot", "Gebremedhin Kahsay", "F", "2001-03-04", "ERI"),
    ("n-other", "GRC-LESVOS", "Tesfalem", "Kidane Habte", "M", "1975-07-30", "ERI"),
]


@pytest.fixture(scope="module")
def register_and_model() -> tuple[pd.DataFrame, dict]:
    background = generate(2_500, seed=7, messiness=0.5).drop(columns=["true_person_id"])
    register = pd.concat([background, pd.DataFrame(REGISTER, columns=HEADER)], ignore_index=True)
    return register, train_model(register)


def test_new_records_are_paired_with_their_person_in_the_register_and_nothing_else(
    register_and_model: tuple[pd.DataFrame, dict],
) -> None:
    register, trained = register_and_model
    found = link_new_records(register, pd.DataFrame(BATCH, columns=HEADER), trained=trained)
    pairs = set(zip(found["record_id_existing"], found["record_id_new"], strict=True))
    assert {("r-mhd-1", "n-mhd-3"), ("r-mhd-2", "n-mhd-3"), ("r-twin-a", "n-twin-a")} <= pairs
    # The other twin (another given name) and the newcomer are no one's second record.
    assert ("r-twin-b", "n-twin-a") not in pairs
    assert "n-other" not in set(found["record_id_new"])
    # Every pair joins a new record to an existing one: the register is not compared with itself.
    assert set(found["record_id_new"]) <= {row[0] for row in BATCH}
    assert set(found["record_id_existing"]) <= set(register["record_id"])
    assert found["match_probability"].is_monotonic_decreasing and (found["match_probability"] >= 0.5).all()


def test_a_batch_holding_one_person_twice_pairs_them_once_and_never_a_record_with_itself(
    register_and_model: tuple[pd.DataFrame, dict],
) -> None:
    register, trained = register_and_model
    twice = [*BATCH, ("n-other-2", "NER-AGADEZ", "Tesfalem", "Kidane", "M", "1975", "ERI")]
    found = link_new_records(register, pd.DataFrame(twice, columns=HEADER), trained=trained, within_new=True)
    pairs = list(zip(found["record_id_existing"], found["record_id_new"], strict=True))
    assert ("n-other", "n-other-2") in pairs
    assert ("n-other-2", "n-other") not in pairs and all(a != b for a, b in pairs)
    # The register's pairs are found as before; the register is still not compared with itself.
    assert {("r-mhd-1", "n-mhd-3"), ("r-mhd-2", "n-mhd-3"), ("r-twin-a", "n-twin-a")} <= set(pairs)
    assert not any(a.startswith("r-") and b.startswith("r-") for a, b in pairs)
    # Without it, the batch's records are compared with the register only.
    alone = link_new_records(register, pd.DataFrame(twice, columns=HEADER), trained=trained)
    assert "n-other" not in set(alone["record_id_existing"])


def test_without_a_model_one_is_trained_on_both_files() -> None:
    generated = generate(3_000, seed=11, messiness=0.5)
    truth = dict(zip(generated["record_id"], generated["true_person_id"], strict=True))
    records = generated.drop(columns=["true_person_id"])
    register, batch = records.iloc[:2_500], records.iloc[2_500:]
    found = link_new_records(register, batch)
    true = [truth[a] == truth[b] for a, b in zip(found["record_id_existing"], found["record_id_new"], strict=True)]
    people_in_register = set(generated["true_person_id"].iloc[:2_500])
    coming_back = sum(person in people_in_register for person in generated["true_person_id"].iloc[2_500:])
    # Measured 2026-12-01: most pairs are right and most records of people already registered are found.
    assert sum(true) / len(true) > 0.7
    found_back = {b for a, b, t in zip(found["record_id_existing"], found["record_id_new"], true, strict=True) if t}
    assert len(found_back) > 0.8 * coming_back


def test_a_record_in_both_files_is_a_user_error(register_and_model: tuple[pd.DataFrame, dict]) -> None:
    register, trained = register_and_model
    with pytest.raises(LinkageInputError, match="r-mhd-1"):
        link_new_records(register, pd.DataFrame([REGISTER[0]], columns=HEADER), trained=trained)


def test_the_command_writes_the_pairs_and_reports_bad_lines_of_either_file(
    tmp_path: Path, register_and_model: tuple[pd.DataFrame, dict],
) -> None:
    register, _trained = register_and_model
    existing, new, model = tmp_path / "register.csv", tmp_path / "new.csv", tmp_path / "model.json"
    register.to_csv(existing, index=False)
    pd.DataFrame(BATCH, columns=HEADER).to_csv(new, index=False)
    call_command("link", "dedupe", str(existing), "--out", str(tmp_path / "c.csv"), "--save-model", str(model))
    out = tmp_path / "pairs.csv"
    call_command("link", "between", str(existing), str(new), "--out", str(out), "--model", str(model))
    written = pd.read_csv(out, dtype={"record_id_existing": str, "record_id_new": str})
    assert list(written.columns) == ["record_id_existing", "record_id_new", "match_probability"]
    assert ("r-twin-a", "n-twin-a") in set(zip(written["record_id_existing"], written["record_id_new"], strict=True))

    call_command("link", "between", str(existing), str(new), "--out", str(out), "--model", str(model), "--explain")
    explained = pd.read_csv(out, dtype={"record_id_existing": str, "record_id_new": str}, keep_default_na=False)
    assert list(explained.columns[:4]) == ["record_id_existing", "record_id_new", "match_probability", "prior_weight"]
    assert explained[["record_id_existing", "record_id_new"]].equals(written[["record_id_existing", "record_id_new"]])
    twin = explained[(explained["record_id_existing"] == "r-twin-a") & (explained["record_id_new"] == "n-twin-a")].iloc[0]
    assert (twin["family_name_level"], twin["birth_date_level"]) == ("Exact match", "Same day")
    weights = [c for c in explained.columns if c.endswith("_weight")]
    # The probability is written to six decimals: compared as a probability, not as log-odds.
    added_up = 1 / (1 + np.exp2(-explained[weights].sum(axis=1)))
    assert np.allclose(added_up, explained["match_probability"], atol=2e-6)

    bad = tmp_path / "bad.csv"
    bad.write_text("record_id,source,given_name,family_name,sex,birth_date,nationality\n"
                   "n-1,X,Amina,Yusuf,F,1990-02-30,SOM\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 2.*no such day"):
        call_command("link", "between", str(existing), str(bad), "--out", str(out), "--model", str(model))
    with pytest.raises(CommandError, match="review-from"):
        call_command("link", "between", str(existing), str(new), "--out", str(out), "--review-from", "0.05")


def test_a_model_from_another_engine_is_a_user_error(register_and_model: tuple[pd.DataFrame, dict]) -> None:
    # Checked before any Spark session starts: the answer is the same with or without pyspark.
    register, trained = register_and_model
    batch = pd.DataFrame(BATCH, columns=HEADER)
    with pytest.raises(LinkageInputError, match="trained with --engine duckdb"):
        link_new_records(register, batch, trained=trained, engine="spark")
    with pytest.raises(LinkageInputError, match="trained with --engine duckdb"):
        dedupe_frame(register, trained=trained, engine="spark")


@pytest.mark.spark
@pytest.mark.slow
def test_the_spark_engine_links_new_records_to_their_person(register_and_model: tuple[pd.DataFrame, dict]) -> None:
    if not _has_pyspark():
        pytest.skip("pyspark is not installed (pip install -e '.[spark]'): the Spark engine is not tested here")
    if not shutil.which("java"):
        pytest.skip("no Java on this machine: the Spark engine is not tested here")
    register, _trained = register_and_model
    # Trained on Spark too: a model carries its engine's SQL dialect.
    found = link_new_records(register, pd.DataFrame(BATCH, columns=HEADER),
                             trained=train_model(register, engine="spark"), engine="spark")
    pairs = set(zip(found["record_id_existing"], found["record_id_new"], strict=True))
    assert {("r-mhd-1", "n-mhd-3"), ("r-mhd-2", "n-mhd-3"), ("r-twin-a", "n-twin-a")} <= pairs
    assert ("r-twin-b", "n-twin-a") not in pairs and "n-other" not in set(found["record_id_new"])


def test_a_household_numbered_alike_in_both_files_is_not_one_household() -> None:
    # The register and the batch both number their households from 1: the man registered again
    # with his family is his own record's match, not someone registered together with it.
    columns = [*HEADER, "household_id"]
    background = generate(2_500, seed=7, messiness=0.5, households=True).drop(columns=["true_person_id"])
    register = pd.concat([background, pd.DataFrame([
        ("r-man", "KEN-DADAAB", "Maxamed", "Cabdi Warsame", "M", "1994-03-02", "SOM", "1"),
        ("r-wife", "KEN-DADAAB", "Fadumo", "Xasan", "F", "1996-01-01", "SOM", "1"),
    ], columns=columns)], ignore_index=True)
    batch = pd.DataFrame([
        ("n-man", "KEN-DADAAB", "Mohamed", "Abdi Warsame", "M", "1994", "SOM", "1"),
        ("n-wife", "KEN-DADAAB", "Faduma", "Hassan", "F", "1996", "SOM", "1"),
    ], columns=columns)
    found = link_new_records(register, batch, trained=train_model(register))
    pairs = set(zip(found["record_id_existing"], found["record_id_new"], strict=True))
    assert ("r-man", "n-man") in pairs and ("r-wife", "n-wife") in pairs
