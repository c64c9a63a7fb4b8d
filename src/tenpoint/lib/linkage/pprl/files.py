"""The ``link encode`` / ``link match`` file contracts.

Encoded file: CSV ``record_id,clk`` with the CLK in base64 (clkhash's serialisation), one
record a line. Pairs file: CSV ``record_id_a,record_id_b,score``, one-to-one, best first.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tenpoint.lib.linkage.pprl.dice import dice_pairs, greedy_one_to_one, kernel_name
from tenpoint.lib.linkage.pprl.encode import check_secret, encode, prepare_records, to_base64
from tenpoint.lib.linkage.pprl.schema import default_schema_dict, load_schema, parse_schema
from tenpoint.lib.linkage.records import MAX_PROBLEMS_SHOWN, LinkageInputError, read_records

# Chosen on Febrl4 (benchmarks/linkage/RESULTS-pprl.md). With every record of A matched in B,
# F1 is >= 0.999 anywhere in 0.55-0.65, because the one-to-one assignment leaves no partner
# for a chance agreement. When only part of each side has a match (a random half of A and of
# B), thresholds below 0.7 let unmatched records pair up by chance (F1 0.88 at 0.65) and 0.7
# is the best (0.98): registers of two countries overlap partly, so 0.7 is the default.
DEFAULT_THRESHOLD = 0.7
# What Febrl4 with its complete overlap allows (the quality test uses it).
FULL_OVERLAP_THRESHOLD = 0.65
ENCODED_HEADER = ["record_id", "clk"]


@dataclass
class EncodedFile:
    """An encoded file: record ids in file order and their packed filters."""

    record_ids: list[str]
    bits: npt.NDArray[np.uint8]
    path: str

    @property
    def bit_length(self) -> int:
        return int(self.bits.shape[1]) * 8


def _noop(message: str) -> None:
    return None


def run_encode(records_path: Path, secret_path: Path, out_path: Path, *, schema_path: Path | None = None,
               progress: Callable[[str], None] = _noop) -> None:
    """Encode a records file with the shared secret; write ``record_id,clk``."""
    try:
        secret = Path(secret_path).read_bytes()
    except OSError as error:
        raise LinkageInputError(f"{secret_path}: the secret file cannot be read: {error.strerror or error}") from None
    try:
        secret = check_secret(secret)
    except LinkageInputError as error:
        raise LinkageInputError(f"{secret_path}: {error}") from None
    schema = load_schema(schema_path) if schema_path is not None else parse_schema(default_schema_dict())
    records = read_records(records_path)
    progress(f"read {len(records)} records from {records_path}")
    frame = prepare_records(records.frame)
    try:
        bits = encode(frame, schema, secret)
    except ValueError as error:
        if isinstance(error, LinkageInputError):
            raise
        raise LinkageInputError(f"{records_path}: {error}") from None
    progress(f"encoded {len(records)} records as {schema.l}-bit filters")
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ENCODED_HEADER)
        writer.writerows(zip(records.frame["record_id"].tolist(), to_base64(bits), strict=True))
    progress(f"wrote {out_path}")


def read_encoded(path: Path | str) -> EncodedFile:
    """Read an encoded file; every bad line is reported with its number."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise LinkageInputError(f"{path}: cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise LinkageInputError(f"{path}: not a UTF-8 text file; expected the CSV `link encode` writes") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header[:2]] != ENCODED_HEADER:
        raise LinkageInputError(f"{path}: line 1 must be the header record_id,clk (the file `link encode` writes)")
    problems: list[str] = []
    ids: list[str] = []
    rows: list[bytes] = []
    seen: dict[str, int] = {}
    expected: int | None = None
    for cells in reader:
        line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) < 2:
            problems.append(f"line {line}: expected record_id,clk")
            continue
        record_id, clk = cells[0].strip(), cells[1].strip()
        if not record_id:
            problems.append(f"line {line}: record_id is empty")
        elif record_id in seen:
            problems.append(f"line {line}: record_id {record_id!r} already used on line {seen[record_id]}")
        else:
            seen[record_id] = line
        try:
            raw = base64.b64decode(clk, validate=True)
        except (binascii.Error, ValueError):
            problems.append(f"line {line}: the clk is not valid base64")
            continue
        if not raw or len(raw) % 8:
            problems.append(f"line {line}: the clk has {len(raw) * 8} bits; expected a multiple of 64 (e.g. 1024)")
            continue
        if expected is None:
            expected = len(raw)
        elif len(raw) != expected:
            problems.append(f"line {line}: the clk has {len(raw) * 8} bits, the first one has {expected * 8}")
            continue
        ids.append(record_id)
        rows.append(raw)
    if not problems and not rows:
        problems.append("the file has a header but no encodings")
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = f"\n… and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        raise LinkageInputError(f"{path}: nothing was matched, the file has {len(problems)} problem(s):\n"
                                + "\n".join(shown) + more)
    bits = np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(rows), -1).copy()
    return EncodedFile(record_ids=ids, bits=bits, path=str(path))


def match(a_bits: npt.NDArray[np.uint8], b_bits: npt.NDArray[np.uint8],
          threshold: float = DEFAULT_THRESHOLD) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64],
                                                         npt.NDArray[np.float64]]:
    """One-to-one pairs (row in a, row in b, Dice) above ``threshold``, best first."""
    i, j, score = dice_pairs(a_bits, b_bits, threshold)
    return greedy_one_to_one(i, j, score)


def run_match(a_path: Path, b_path: Path, out_path: Path, *, threshold: float | None = None,
              engine: str = "duckdb", progress: Callable[[str], None] = _noop) -> None:
    """Match two encoded files; write ``record_id_a,record_id_b,score``."""
    if engine == "spark":
        raise LinkageInputError("the Spark engine applies to `link dedupe` only; matching encodings runs on one "
                                "machine (drop --engine spark)")
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 < threshold <= 1.0:
        raise LinkageInputError(f"--threshold {threshold}: a Dice threshold is between 0 (excluded) and 1")
    a = read_encoded(a_path)
    b = read_encoded(b_path)
    if a.bit_length != b.bit_length:
        raise LinkageInputError(f"{a_path} has {a.bit_length}-bit encodings and {b_path} {b.bit_length}-bit ones: "
                                "both sides must encode with the same schema")
    progress(f"comparing {len(a.record_ids)} x {len(b.record_ids)} encodings ({kernel_name()} kernel)")
    i, j, score = match(a.bits, b.bits, threshold)
    progress(f"{len(i)} one-to-one pairs at Dice >= {threshold}")
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id_a", "record_id_b", "score"])
        for left, right, value in zip(i.tolist(), j.tolist(), score.tolist(), strict=True):
            writer.writerow([a.record_ids[left], b.record_ids[right], f"{value:.6f}"])
    progress(f"wrote {out_path}")
