"""The records file every linkage command reads (the command-line contract).

Columns: ``record_id,source,given_name,family_name,sex,birth_date,nationality`` (UTF-8,
separated by commas, or by semicolons or tabs as spreadsheets export them; extra columns
ignored). ``birth_date`` is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or empty; ``nationality`` an
ISO 3166 alpha-3 code or empty; ``sex`` M, F or empty. One optional column
is read when present: ``household_id``, the same value on the records of people registered
together (a family at one registration), empty for someone registered alone; a value on more
than 20 records (a boat, a session) is not read as a household.

The reader checks the whole file and reports every problem with its line number before
anything is linked: a file is linked whole or not at all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from tenpoint.lib.csvtext import holds_values_beyond, quote_left_open, sniffed_delimiter

REQUIRED_COLUMNS = ("record_id", "source", "given_name", "family_name", "sex", "birth_date", "nationality")
OPTIONAL_COLUMNS = ("household_id",)
MAX_PROBLEMS_SHOWN = 50

_DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
)
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


class LinkageInputError(ValueError):
    """Input a person must fix (a file, a key, an option); the message says what and where."""


class RecordsFileError(LinkageInputError):
    """The records file cannot be linked; ``problems`` says where and why, line by line."""

    def __init__(self, path: Path | str, problems: list[str], outcome: str = "nothing was linked") -> None:
        self.path = str(path)
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        message = f"{path}: {outcome}, the file has {len(problems)} problem(s):\n" + "\n".join(shown)
        if more:
            message += f"\n… and {more} more"
        super().__init__(message)


@dataclass
class BirthDate:
    """A birth date as written: year always, month and day only when given."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> str:
        if self.year is None:
            return "unknown"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"


def parse_birth_date(text: str) -> BirthDate:
    """Parse ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` / empty; ``ValueError`` says what is wrong."""
    text = text.strip()
    if not text:
        return BirthDate(None, None, None)
    for pattern, precision in _DATE_FORMS:
        match = pattern.match(text)
        if not match:
            continue
        parts = [int(p) for p in match.groups()]
        year = parts[0]
        if not 1890 <= year <= 2100:
            raise ValueError(f"birth_date {text!r}: year {year} is out of range")
        if precision == "year":
            return BirthDate(year, None, None)
        month = parts[1]
        if not 1 <= month <= 12:
            raise ValueError(f"birth_date {text!r}: month {month} does not exist")
        if precision == "month":
            return BirthDate(year, month, None)
        try:
            date(year, month, parts[2])
        except ValueError:
            raise ValueError(f"birth_date {text!r}: no such day") from None
        return BirthDate(year, month, parts[2])
    raise ValueError(f"birth_date {text!r} is not YYYY-MM-DD, YYYY-MM, YYYY or empty")


@dataclass
class RecordsFile:
    """Records ready for linkage, one row per input line, in file order."""

    frame: pd.DataFrame
    path: str
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.frame)


def read_records(path: Path | str) -> RecordsFile:
    """Read and validate a records file; raise ``RecordsFileError`` listing every bad line.

    The frame has the contract's columns as strings (empty string when absent) plus
    ``birth_year``, ``birth_month``, ``birth_day`` (nullable integers) and ``line`` (the
    line number in the file, for messages).
    """
    path = Path(path)
    problems: list[str] = []
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RecordsFileError(path, [f"cannot be read: {error.strerror or error}"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RecordsFileError(path, [f"line {line}: not UTF-8 (byte {raw[error.start]:#04x}); "
                                      "save the file as UTF-8 and try again"]) from None
    # strict: a quote never closed is an error, not the rest of the file read as one name. The
    # delimiter as the registry's importer reads it: a spreadsheet saved in Spanish or French
    # writes semicolons.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniffed_delimiter(text[:4096]), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise RecordsFileError(path, ["the file is empty: it needs a header line with the columns "
                                      + ",".join(REQUIRED_COLUMNS)]) from None
    except csv.Error as error:
        raise RecordsFileError(path, [f"line 1: {_csv_problem(error)}"]) from None
    header = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise RecordsFileError(path, [f"line 1: missing column(s) {', '.join(missing)}; the header must "
                                      f"name {','.join(REQUIRED_COLUMNS)} (extra columns are ignored)"])
    position = {c: header.index(c) for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in header}
    optional = [c for c in OPTIONAL_COLUMNS if c in header]
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    line_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # the lines before it are read; this one cannot be, nor any after it
            raise RecordsFileError(path, [*problems, f"line {line_number + 1}: {_csv_problem(error)}"]) from None
        line_number = reader.line_num  # a quoted field may span lines: name the line the record ends on
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            cells = cells + [""] * (len(header) - len(cells))
        elif holds_values_beyond(cells, len(header)):
            problems.append(f"line {line_number}: {len(cells)} values where the header names {len(header)}; "
                            "a value holding a comma must be quoted whole")
            continue
        row: dict[str, object] = {c: cells[i].strip() for c, i in position.items()}
        record_id = str(row["record_id"])
        if not record_id:
            problems.append(f"line {line_number}: record_id is empty")
        elif record_id in seen:
            problems.append(f"line {line_number}: record_id {record_id!r} already used on line {seen[record_id]}")
        else:
            seen[record_id] = line_number
        sex = str(row["sex"]).upper()
        if sex not in ("", "M", "F"):
            problems.append(f"line {line_number}: sex {row['sex']!r} must be M, F or empty")
        row["sex"] = sex
        nationality = str(row["nationality"]).upper()
        if nationality and not _ALPHA3.match(nationality):
            problems.append(f"line {line_number}: nationality {row['nationality']!r} is not an ISO 3166 "
                            "alpha-3 code (e.g. SOM, ERI, HTI) or empty")
        row["nationality"] = nationality
        try:
            birth = parse_birth_date(str(row["birth_date"]))
        except ValueError as error:
            problems.append(f"line {line_number}: {error}")
            birth = BirthDate(None, None, None)
        row["birth_year"], row["birth_month"], row["birth_day"] = birth.year, birth.month, birth.day
        row["line"] = line_number
        rows.append(row)
    if problems:
        raise RecordsFileError(path, problems)
    if not rows:
        raise RecordsFileError(path, ["the file has a header but no records"])
    frame = pd.DataFrame(rows, columns=[*REQUIRED_COLUMNS, *optional, "birth_year", "birth_month", "birth_day",
                                        "line"])
    for column in ("birth_year", "birth_month", "birth_day"):
        frame[column] = frame[column].astype("Int64")
    return RecordsFile(frame=frame, path=str(path))


def _csv_problem(error: csv.Error) -> str:
    if quote_left_open(error):
        return ('a quote (") opened on this line is never closed, so the rest of the file would be read as '
                "one value; close it, or remove it")
    return f"not well-formed CSV ({error}); a value holding a comma or a quote must be quoted whole"


def write_clusters(path: Path | str, record_ids: Iterable[str], cluster_ids: Iterable[str]) -> None:
    """Write ``record_id,cluster_id`` (the dedupe output contract)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "cluster_id"])
        writer.writerows(zip(record_ids, cluster_ids, strict=True))
