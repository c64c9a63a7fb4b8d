"""What a field missing on one side costs the privacy-preserving match, and when `link match` says so.

Two registers drawn from the linkage generator (as ``pprl.py`` draws them); the second is encoded
as it is, then with its birth dates cut to the year, without birth dates, without nationality.
For each: F1 of `link match`'s default rule, the filters' mean number of bits set on each side,
whether `link match` notes the difference (``files.check_fill``, ``FILL_RATIO_NOTE``), and, in the
same run, F1 of the plain-text linkage (`link dedupe` on both registers, as ``pprl.py`` scores it)
and of both sides encoded with the schema the data holders could agree instead: the default one
with the missing field's features ignored.

Run: ``.venv/bin/python benchmarks/linkage/pprl_missing_values.py [--records 40000] [--seed 1]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pprl import CONTRACT, SECRET, generator_registers, plain_text_f1

from tenpoint.lib.linkage.pprl import (
    EncodedFile,
    Schema,
    default_schema_dict,
    encode,
    match,
    parse_schema,
    popcounts,
    prepare_records,
)
from tenpoint.lib.linkage.pprl.files import check_fill
from tenpoint.lib.linkage.records import read_records

# The default schema's features each variant leaves empty on the second side.
EMPTIED = {
    "as it is": set(),
    "birth years only": {"birth_month", "birth_day", "birth_date", "birth_month_day_any_order"},
    "no birth dates": {"birth_year", "birth_month", "birth_day", "birth_date", "birth_month_day_any_order"},
    "no nationality": {"nationality"},
}


def without_features(emptied: set[str]) -> dict[str, Any]:
    """The default schema with ``emptied`` ignored (kept in place: the other features keep their keys)."""
    document = default_schema_dict()
    document["features"] = [{"identifier": feature["identifier"], "ignored": True}
                            if feature["identifier"] in emptied else feature for feature in document["features"]]
    return document


def without(frame: pd.DataFrame, variant: str) -> pd.DataFrame:
    changed = frame.copy()
    if variant == "birth years only":
        changed["birth_date"] = changed["birth_date"].fillna("").astype(str).str[:4]
    elif variant == "no birth dates":
        changed["birth_date"] = ""
    elif variant == "no nationality":
        changed["nationality"] = ""
    return changed


def main(records: int, seed: int) -> None:
    print(f"# PPRL with a field missing on one side, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    a_people, b_people = generator_registers(records, seed)
    in_both = len(set(a_people["true_person_id"]) & set(b_people["true_person_id"]))
    print(f"generator seed {seed}, {records} records: registers of {len(a_people)} and {len(b_people)} people, "
          f"{in_both} in both; default schema")
    schema = parse_schema(default_schema_dict())
    sure_from = schema.match_threshold or 0.7
    with tempfile.TemporaryDirectory() as directory:
        def encoded(frame: pd.DataFrame, name: str, schema: Schema = schema) -> EncodedFile:
            path = Path(directory) / f"{name}.csv"
            frame[CONTRACT].to_csv(path, index=False)
            bits = encode(prepare_records(read_records(path).frame), schema, SECRET)
            return EncodedFile(record_ids=frame["record_id"].tolist(), bits=bits, path=name)

        def f1(i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> tuple[float, float, float]:
            correct = int((truth_a[i] == b_people["true_person_id"].to_numpy()[j]).sum())
            p, r = correct / max(len(i), 1), correct / in_both
            return (2 * p * r / (p + r) if correct else 0.0), p, r

        a = encoded(a_people, "a")
        truth_a = a_people["true_person_id"].to_numpy()
        for variant in EMPTIED:
            b = encoded(without(b_people, variant), "b")
            i, j, score = match(a.bits, b.bits, sure_from=sure_from)
            f, p, r = f1(i, j)
            note = check_fill(a, b, sure_from)
            plain, _, _ = plain_text_f1(a_people, without(b_people, variant), in_both, Path(directory))
            agreed = ""
            if EMPTIED[variant]:
                narrower = parse_schema(without_features(EMPTIED[variant]))
                af, ap, ar = f1(*match(encoded(a_people, "a-agreed", narrower).bits,
                                       encoded(without(b_people, variant), "b-agreed", narrower).bits,
                                       sure_from=sure_from)[:2])
                agreed = f"; both sides without it: F1 {af:.4f} (P {ap:.4f} R {ar:.4f})"
            print(f"second register {variant}: F1 {f:.4f} (P {p:.4f} R {r:.4f}, {int((score >= sure_from).sum())} of "
                  f"{len(i)} pairs at {sure_from} or above); bits set on average {popcounts(a.bits).mean():.0f} and "
                  f"{popcounts(b.bits).mean():.0f} ({popcounts(b.bits).mean() / popcounts(a.bits).mean():.2f}); "
                  f"`link match` notes it: {'yes' if note else 'no'}; plain text F1 {plain:.4f}{agreed}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=40000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    main(arguments.records, arguments.seed)
