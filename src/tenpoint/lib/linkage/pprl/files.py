"""The ``link encode`` / ``link match`` file contracts.

Encoded file: CSV ``record_id,clk,schema_id,key_check`` with the CLK in base64 (clkhash's
serialisation), one record a line; ``schema_id`` and ``key_check`` (the same on every line) let
the matcher refuse two files encoded with different schemas or secrets. Files of other tools,
``record_id,clk`` alone, are read too. Pairs file: CSV ``record_id_a,record_id_b,score``,
one-to-one, best first.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tenpoint.lib.linkage.pprl.dice import (
    clear_best_pairs,
    default_threads,
    dice_pairs,
    greedy_one_to_one,
    kernel_name,
    popcounts,
)
from tenpoint.lib.linkage.pprl.encode import check_secret, encode, key_check, prepare_records, to_base64
from tenpoint.lib.linkage.pprl.schema import default_schema_dict, load_schema, parse_schema, schema_id
from tenpoint.lib.linkage.records import MAX_PROBLEMS_SHOWN, LinkageInputError, RecordsFileError, read_records

# The default rule, chosen on Febrl4 (benchmarks/linkage/RESULTS-pprl.md):
# 1. pairs at Dice >= the schema's match threshold (``schema.MATCH_KEY``; DEFAULT_THRESHOLD, 0.7,
#    where it names none; 0.85 in Tenpoint's default schema since version 3) are sure and assigned
#    one-to-one, best first;
# 2. among the records still unpaired, a pair at Dice >= CANDIDATE_FLOOR (0.6) is added when the
#    two records are each other's best candidate and it beats each record's second-best
#    candidate (or the floor, if there is none) by CLEAR_MARGIN (0.05).
# Why: many true Febrl4 pairs score 0.64-0.7, but a plain threshold there also pairs records
# that have no match on the other side with their best chance agreement (random half of each
# side: F1 0.88 at 0.65, 0.98 at 0.7). A record without a match has many chance candidates of
# about the same score (the best few of thousands of draws lie close together); a true match
# stands out from them. 0.05 is about two standard deviations of the Dice of two unrelated
# records (0.027 on Febrl4 CLKs, 0.019 for random half-full 1024-bit filters).
# Measured with FEBRL_SCHEMA and the default hardening: all of Febrl4 F1 0.9918 -> 0.9988,
# halves 0.9819 -> 0.9864 (grid: floors 0.56-0.6 with margins 0.035-0.05 gave 0.9988-0.9999 and
# 0.9860-0.9868). With the default schema (Febrl names and birth dates only) all 0.929 -> 0.932,
# halves 0.869 -> 0.867. The rule only adds pairs below 0.7; an explicit threshold turns it off.
DEFAULT_THRESHOLD = 0.7
CANDIDATE_FLOOR = 0.6
CLEAR_MARGIN = 0.05
# Comparisons above which `link match` reports how far it is (a tenth at a time): about a tenth
# of a second's work on one core; smaller files are compared before anyone could read it.
PROGRESS_FROM_COMPARISONS = 50_000_000
ENCODED_HEADER = ["record_id", "clk"]
# `link match` notes a file whose filters set on average fewer than this share of the other's
# bits. Two generator registers (40,000 records, seed 1; default schema, 485 bits on average),
# the second stripped of one field (2026-12-05): no nationality, 470 bits (0.97), F1 0.890 ->
# 0.876; birth years only, 426 (0.88), 0.726; no birth dates, 356 (0.73), 0.222.
FILL_RATIO_NOTE = 0.9
# Written by `link encode` after the two columns above; optional when read (other tools' files).
ENCODING_CHECKS = ["schema_id", "key_check"]
# `link encode --format`: Tenpoint's CSV, or clkhash's JSON for a matcher running anonlink.
OUTPUT_FORMATS = ("csv", "clkhash-json")


@dataclass
class EncodedFile:
    """An encoded file: record ids in file order and their packed filters."""

    record_ids: list[str]
    bits: npt.NDArray[np.uint8]
    path: str
    # What the file says encoded it (``schema.schema_id``, ``encode.key_check``); None: not said.
    schema_id: str | None = None
    key_check: str | None = None

    @property
    def bit_length(self) -> int:
        return int(self.bits.shape[1]) * 8


def _noop(message: str) -> None:
    return None


def run_encode(records_path: Path, secret_path: Path, out_path: Path, *, schema_path: Path | None = None,
               output_format: str = "csv", progress: Callable[[str], None] = _noop) -> None:
    """Encode a records file with the shared secret; write ``record_id,clk,schema_id,key_check``,
    or with ``output_format="clkhash-json"`` clkhash's ``{"clks": [...]}`` for a matcher running
    anonlink (records in file order, without their ids)."""
    if output_format not in OUTPUT_FORMATS:
        raise LinkageInputError(f"--format {output_format}: one of {', '.join(OUTPUT_FORMATS)}")
    try:
        secret = Path(secret_path).read_bytes()
    except OSError as error:
        raise LinkageInputError(f"{secret_path}: the secret file cannot be read: {error.strerror or error}") from None
    try:
        secret = check_secret(secret)
    except LinkageInputError as error:
        raise LinkageInputError(f"{secret_path}: {error}") from None
    schema = load_schema(schema_path) if schema_path is not None else parse_schema(default_schema_dict())
    try:
        records = read_records(records_path)
    except RecordsFileError as error:  # the same problems, said of what this command does
        raise RecordsFileError(error.path, error.problems, outcome="nothing was encoded") from None
    progress(f"read {len(records)} records from {records_path}")
    frame = prepare_records(records.frame)
    try:
        bits = encode(frame, schema, secret, progress=progress)
    except ValueError as error:
        if isinstance(error, LinkageInputError):
            raise
        raise LinkageInputError(f"{records_path}: {error}") from None
    checks = [schema_id(schema), key_check(secret)]
    progress(f"encoded {len(records)} records as {schema.l}-bit filters (schema id {checks[0]}, "
             f"key check {checks[1]})")
    if output_format == "clkhash-json":
        with open(out_path, "w", encoding="utf-8") as handle:
            json.dump({"clks": to_base64(bits)}, handle)
        progress(f"wrote {out_path} (clkhash's format: the records in the order of {records_path}, without ids)")
        return
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ENCODED_HEADER + ENCODING_CHECKS)
        writer.writerows([record_id, clk, *checks] for record_id, clk
                         in zip(records.frame["record_id"].tolist(), to_base64(bits), strict=True))
    progress(f"wrote {out_path}")


def read_encoded(path: Path | str) -> EncodedFile:
    """Read an encoded file, the CSV `link encode` writes or clkhash's JSON; every bad line (or
    entry) is reported with its number."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise LinkageInputError(f"{path}: cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise LinkageInputError(f"{path}: not a UTF-8 text file; expected the CSV `link encode` writes") from None
    if text.lstrip().startswith("{"):
        return _read_clkhash_json(text, path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header[:2]] != ENCODED_HEADER:
        raise LinkageInputError(f"{path}: line 1 must be the header record_id,clk (the file `link encode` writes), "
                                "or the file clkhash's JSON ({\"clks\": [...]})")
    names = [h.strip().lower() for h in header]
    check_columns = {name: names.index(name) for name in ENCODING_CHECKS if name in names}
    # The first value of each check column and its line: every later line must repeat it.
    check_values: dict[str, tuple[str, int]] = {}
    problems: list[str] = []
    ids: list[str] = []
    filters = _Filters(problems)
    seen: dict[str, int] = {}
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
        if not filters.add(clk, f"line {line}"):
            continue
        for name, column in check_columns.items():
            value = cells[column].strip() if column < len(cells) else ""
            if not value:
                problems.append(f"line {line}: {name} is empty (`link encode` writes it on every line)")
            elif name not in check_values:
                check_values[name] = (value, line)
            elif value != check_values[name][0]:
                first, first_line = check_values[name]
                what = "schema" if name == "schema_id" else "secret"
                problems.append(f"line {line}: {name} {value}, line {first_line} has {first}: the file joins "
                                f"encodings made with different {what}s, which cannot be compared")
        ids.append(record_id)
    if not problems and not ids:
        problems.append("the file has a header but no encodings")
    _refuse_if(problems, path)
    return EncodedFile(record_ids=ids, bits=filters.packed(), path=str(path),
                       schema_id=check_values["schema_id"][0] if "schema_id" in check_values else None,
                       key_check=check_values["key_check"][0] if "key_check" in check_values else None)


class _Filters:
    """Base64 CLKs decoded and checked one by one, all of one length."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.rows: list[bytes] = []
        self.expected: int | None = None

    def add(self, clk: str, where: str) -> bool:
        try:
            raw = base64.b64decode(clk, validate=True)
        except (binascii.Error, ValueError):
            self.problems.append(f"{where}: the clk is not valid base64")
            return False
        if not raw or len(raw) % 8:
            self.problems.append(f"{where}: the clk has {len(raw) * 8} bits; expected a multiple of 64 (e.g. 1024)")
            return False
        if self.expected is None:
            self.expected = len(raw)
        elif len(raw) != self.expected:
            self.problems.append(f"{where}: the clk has {len(raw) * 8} bits, the first one has {self.expected * 8}")
            return False
        self.rows.append(raw)
        return True

    def packed(self) -> npt.NDArray[np.uint8]:
        return np.frombuffer(b"".join(self.rows), dtype=np.uint8).reshape(len(self.rows), -1).copy()


def _refuse_if(problems: list[str], path: Path | str) -> None:
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = f"\n… and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        raise LinkageInputError(f"{path}: nothing was matched, the file has {len(problems)} problem(s):\n"
                                + "\n".join(shown) + more)


def _read_clkhash_json(text: str, path: Path | str) -> EncodedFile:
    """clkhash's output (its ``clkutil hash``, later anonlink-client's ``hash``):
    ``{"clks": [base64, ...]}`` in the order of the partner's CSV and without record ids. A record
    is named by its row, counted from 0, as anonlink names it in its results."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise LinkageInputError(f"{path}: not JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
                                "expected clkhash's output, {\"clks\": [...]}, or the CSV `link encode` "
                                "writes") from None
    clks = document.get("clks") if isinstance(document, dict) else None
    if not isinstance(clks, list):
        raise LinkageInputError(f"{path}: a JSON file must be clkhash's output, an object whose \"clks\" is the "
                                "list of encodings")
    problems: list[str] = []
    filters = _Filters(problems)
    for row, clk in enumerate(clks):
        where = f"clks[{row}] (the partner's row {row})"
        if not isinstance(clk, str):
            problems.append(f"{where}: expected a base64 string, got {type(clk).__name__}")
            continue
        filters.add(clk, where)
    if not problems and not clks:
        problems.append("the list of encodings is empty")
    _refuse_if(problems, path)
    return EncodedFile(record_ids=[str(row) for row in range(len(clks))], bits=filters.packed(), path=str(path))


def check_comparable(a: EncodedFile, b: EncodedFile) -> str | None:
    """Refuse two files that say they were encoded differently; a note when one does not say.

    Encodings made with another schema or another secret share only chance bits: matching them
    would "succeed" with no pairs, and the two countries would conclude nobody is in both.
    """
    if a.schema_id is not None and b.schema_id is not None and a.schema_id != b.schema_id:
        raise LinkageInputError(
            f"{a.path} was encoded with schema {a.schema_id} and {b.path} with schema {b.schema_id}: nothing was "
            "matched. Encodings made with different schemas share only chance bits. Both sides must encode with "
            "the same schema file (`tenpoint link schema` prints the default; a Tenpoint upgrade can change it)")
    if a.key_check is not None and b.key_check is not None and a.key_check != b.key_check:
        raise LinkageInputError(
            f"{a.path} and {b.path} were encoded with different secrets (key checks {a.key_check} and "
            f"{b.key_check}): nothing was matched. Encodings made with different secrets share only chance bits. "
            "Both sides must use the secret of their agreement, byte for byte")
    silent = [f.path for f in (a, b) if f.schema_id is None or f.key_check is None]
    if not silent:
        return None
    if len(silent) == 1:
        which = f"{silent[0]} does not say which schema and secret encoded it"
    else:
        which = f"{silent[0]} and {silent[1]} do not say which schema and secret encoded them"
    return (f"note: {which} (clkhash's JSON, a file of another tool or of Tenpoint before 2026-12-05): if the two "
            "sides did not use the same ones, every pair scores as strangers and few or no pairs are found")


def check_fill(a: EncodedFile, b: EncodedFile, sure_from: float) -> str | None:
    """A note when one file's filters are markedly emptier than the other's: its records hold
    fewer values, and pairs score lower.

    Each feature sets a fixed number of bits, so a value missing from the records of one side
    (birth dates not exported, say) shows as fewer bits set on average, and a record of the
    fuller side and its match share at most the emptier one's bits: a Dice of about
    2 * fewer / (fewer + more) for a person written alike on both sides.
    """
    means = [(f.path, float(popcounts(f.bits).mean())) for f in (a, b)]
    (emptier, fewer), (fuller, more) = sorted(means, key=lambda item: item[1])
    if not more or fewer / more >= FILL_RATIO_NOTE:
        return None
    alike = 2 * fewer / (fewer + more)
    below = f", below the match threshold ({sure_from})" if alike < sure_from else ""
    return (f"note: the filters of {emptier} set {fewer:.0f} bits on average, those of {fuller} {more:.0f}: its "
            f"records hold fewer values (birth dates incomplete or missing, say), so even a person written alike "
            f"on both sides scores about {alike:.2f}{below}, and fewer pairs will be found. The data holders can "
            "compare the share of records with each value, which `link encode` prints, and agree a schema that "
            "leaves the missing field out on both sides (PPRL.md, \"Which values\")")


def _tenths(progress: Callable[[str], None] | None, what: str, comparisons: int) -> Callable[[int, int], None] | None:
    """A rows-done callback that says ``what`` is a tenth further along, for large comparisons."""
    if progress is None or comparisons < PROGRESS_FROM_COMPARISONS:
        return None
    said = [0]

    def report(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > said[0]:
            said[0] = tenth
            progress(f"{what}: {done:,} of {total:,} records of the first file compared")
    return report


def match(a_bits: npt.NDArray[np.uint8], b_bits: npt.NDArray[np.uint8],
          threshold: float | None = None, *, sure_from: float = DEFAULT_THRESHOLD,
          progress: Callable[[str], None] | None = None
          ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """One-to-one pairs (row in a, row in b, Dice), best first.

    ``threshold=None``: the default rule (pairs >= ``sure_from``, the schema's match threshold,
    then mutual best candidates with a clear margin, see above). A threshold: only the pairs at
    or above it. ``progress`` hears how far each pass over the records is, on large files.
    """
    first_threshold = sure_from if threshold is None else threshold
    i, j, score = greedy_one_to_one(*dice_pairs(
        a_bits, b_bits, first_threshold,
        progress=_tenths(progress, f"pairs at Dice >= {first_threshold}", a_bits.shape[0] * b_bits.shape[0])))
    if threshold is not None:
        return i, j, score
    rest_a = np.setdiff1d(np.arange(a_bits.shape[0], dtype=np.int64), i)
    rest_b = np.setdiff1d(np.arange(b_bits.shape[0], dtype=np.int64), j)
    # Only unpaired records take part: a candidate already paired as sure is no rival.
    ci, cj, cscore = clear_best_pairs(a_bits[rest_a], b_bits[rest_b], CANDIDATE_FLOOR, CLEAR_MARGIN,
                                      progress=_tenths(progress, "clear best candidates among the rest",
                                                       rest_a.size * rest_b.size))
    # Added pairs all score below ``sure_from``, so the result stays best first.
    return np.concatenate([i, rest_a[ci]]), np.concatenate([j, rest_b[cj]]), np.concatenate([score, cscore])


def run_match(a_path: Path, b_path: Path, out_path: Path, *, threshold: float | None = None,
              schema_path: Path | None = None, engine: str = "duckdb",
              progress: Callable[[str], None] = _noop) -> None:
    """Match two encoded files; write ``record_id_a,record_id_b,score``. The default rule takes
    pairs as sure from the match threshold of the schema both sides encoded with (``schema_path``,
    or Tenpoint's default schema)."""
    if engine == "spark":
        raise LinkageInputError("the Spark engine applies to `link dedupe` only; matching encodings runs on one "
                                "machine (drop --engine spark)")
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise LinkageInputError(f"--threshold {threshold}: a Dice threshold is between 0 (excluded) and 1")
    a = read_encoded(a_path)
    b = read_encoded(b_path)
    note = check_comparable(a, b)
    if a.bit_length != b.bit_length:
        raise LinkageInputError(f"{a_path} has {a.bit_length}-bit encodings and {b_path} {b.bit_length}-bit ones: "
                                "both sides must encode with the same schema")
    if note is not None:
        progress(note)
    threads = f", {default_threads()} threads" if kernel_name() == "c" else ""
    progress(f"comparing {len(a.record_ids)} x {len(b.record_ids)} encodings ({kernel_name()} kernel{threads})")
    # The schema gives the default rule its threshold; an explicit threshold needs none, unless given.
    sure_from = DEFAULT_THRESHOLD
    schema = load_schema(schema_path) if schema_path is not None else parse_schema(default_schema_dict())
    expected_id = schema_id(schema)
    # The schema the files say encoded them (both say the same, checked above); None: not said.
    encoded_with = a.schema_id or b.schema_id
    if threshold is None or schema_path is not None:
        if a.bit_length != schema.l:
            raise LinkageInputError(f"the encodings have {a.bit_length} bits and the schema {schema.l}: give the "
                                    "schema both sides encoded with (--schema)")
        if encoded_with is not None and encoded_with != expected_id:
            given = f"the schema {schema_path}" if schema_path is not None else "Tenpoint's default schema"
            raise LinkageInputError(f"the files were encoded with schema {encoded_with}, not with {given} "
                                    f"({expected_id}), whose match threshold would be used: give the schema "
                                    "both sides encoded with (--schema)")
        sure_from = schema.match_threshold if schema.match_threshold is not None else DEFAULT_THRESHOLD
    # A plain threshold below the schema's lets through the pairs the schema's was set to stop
    # (with Tenpoint's default schema, 28-30 % of strangers born the same day reach 0.7): say so.
    # Files of another length or schema id were encoded with another schema, whose threshold is
    # unknown here.
    if (threshold is not None and a.bit_length == schema.l and encoded_with in (None, expected_id)
            and schema.match_threshold is not None and threshold < schema.match_threshold):
        whose = "the schema's" if schema_path is not None else "the default schema's"
        progress(f"note: --threshold {threshold} is below {whose} match threshold ({schema.match_threshold}): "
                 "below it, people who merely share a birth date and some names can be paired"
                 + ("" if schema_path is not None else " (give --schema if the files were encoded with another one)"))
    fewer_values = check_fill(a, b, sure_from if threshold is None else threshold)
    if fewer_values is not None:
        progress(fewer_values)
    i, j, score = match(a.bits, b.bits, threshold, sure_from=sure_from, progress=progress)
    if threshold is None:
        sure = int(np.count_nonzero(score >= sure_from))
        progress(f"{len(i)} one-to-one pairs: {sure} at Dice >= {sure_from} (the schema's match threshold), "
                 f"{len(i) - sure} more at "
                 f"Dice >= {CANDIDATE_FLOOR} as each other's clear best candidate (margin {CLEAR_MARGIN})")
    else:
        progress(f"{len(i)} one-to-one pairs at Dice >= {threshold}")
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id_a", "record_id_b", "score"])
        for left, right, value in zip(i.tolist(), j.tolist(), score.tolist(), strict=True):
            writer.writerow([a.record_ids[left], b.record_ids[right], f"{value:.6f}"])
    progress(f"wrote {out_path}")
