"""All-or-nothing import of people from CSV or XLSX, with every problem named by line and column.

The field rules are the registry services' own (prepare_person / register_people): a file gets
the same answers as the batch screen and the API."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from tenpoint.audit.services import Actor
from tenpoint.registry.models import Arrival, ImportRecord
from tenpoint.registry.services import (
    LARGE_IMPORT,
    BatchRefused,
    DocumentInput,
    GroupMemberInput,
    PersonInput,
    check_document_duplicates,
    groups_from_labels,
    prepare_person,
    refresh_search_statistics,
    register_people,
)

COLUMNS = (
    "given_name", "father_name", "grandfather_name", "family_name", "second_family_name", "name_in_original_script",
    "name_as_spoken", "aliases", "sex", "birth_date", "age", "birth_date_estimated", "place_of_birth",
    "country_of_birth", "nationality_declared", "nationality_declared_status", "nationality_assessed",
    "nationality_assessed_status", "nationality_assessment_basis", "languages", "interpreter_language", "phone",
    "contact_notes", "fear_of_return", "fear_of_return_notes", "document_kind", "document_number",
    "document_issuing_country", "document_authenticity", "group", "relationship_to_head",
)
REQUIRED_COLUMNS = ("fear_of_return",)
MAX_REPORTED_ERRORS = 1000


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column or 'file'}: {self.message}"


class ImportRefused(Exception):
    def __init__(self, errors: list[LineError], total: int | None = None) -> None:
        self.errors = errors[:MAX_REPORTED_ERRORS]
        self.total = total if total is not None else len(errors)
        more = f" (and {self.total - len(self.errors)} more)" if self.total > len(self.errors) else ""
        super().__init__(_("Nothing was imported: %(count)s problem(s)%(more)s.") % {"count": self.total, "more": more})


@dataclass
class ImportReport:
    people: int
    groups: int
    record: ImportRecord


def _read_csv(content: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportRefused([LineError(line, "", _(
            "line %(line)s is not UTF-8: save the file as “CSV UTF-8” and import it again") % {"line": line})]) from None
    if "\x00" in text:
        raise ImportRefused([LineError(1, "", _("this is not a text file: export the sheet as CSV or XLSX"))])
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise ImportRefused([LineError(reader.line_num, "", _("the file is not well-formed CSV: %(error)s")
                                       % {"error": error})]) from None
    return rows


def _read_xlsx(content: bytes) -> list[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused([LineError(1, "", _("not a readable .xlsx workbook (%(error)s)") % {"error": error})]) from None
    sheet = workbook.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else (v.date().isoformat() if hasattr(v, "date") and hasattr(v, "hour")
                                       else v.isoformat() if hasattr(v, "isoformat") else
                                       str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                 for v in values]
        rows.append((number, cells))
    return rows


def _header(rows: list[tuple[int, list[str]]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        raise ImportRefused([LineError(1, "", _("the file is empty or has no header row"))])
    header = [cell.strip().lower() for cell in rows[0][1]]
    data = rows[1:]
    # An HXL hashtag row (#affected +name …) under the header is allowed and skipped.
    if data and any(cell.strip().startswith("#") for cell in data[0][1] if cell.strip()):
        data = data[1:]
    unknown = [c for c in header if c and c not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    errors = []
    if unknown:
        errors.append(LineError(1, ", ".join(unknown), _("unknown column(s); the columns are: %(columns)s")
                                % {"columns": ", ".join(COLUMNS)}))
    if missing:
        errors.append(LineError(1, ", ".join(missing), _("required column(s) missing")))
    if not any(c in header for c in ("given_name", "family_name", "name_in_original_script")):
        errors.append(LineError(1, "given_name", _("the file needs at least one name column")))
    if errors:
        raise ImportRefused(errors)
    return header, data


def _person(values: dict[str, str], line: int, errors: list[LineError]) -> PersonInput:
    age = None
    if values.get("age"):
        try:
            age = int(values["age"])
        except ValueError:
            errors.append(LineError(line, "age", _("“%(value)s” is not a whole number of years") % {"value": values["age"]}))
    documents = []
    if values.get("document_number") or values.get("document_kind"):
        documents.append(DocumentInput(kind=values.get("document_kind") or "other", number=values.get("document_number", ""),
                                       issuing_country=values.get("document_issuing_country", ""),
                                       authenticity=values.get("document_authenticity") or "not_checked"))
    split = [s.strip() for s in (values.get("languages") or "").replace(",", ";").split(";") if s.strip()]
    return PersonInput(
        fear_of_return=values.get("fear_of_return", ""), fear_of_return_notes=values.get("fear_of_return_notes", ""),
        given_name=values.get("given_name", ""), father_name=values.get("father_name", ""),
        grandfather_name=values.get("grandfather_name", ""), family_name=values.get("family_name", ""),
        second_family_name=values.get("second_family_name", ""),
        name_in_original_script=values.get("name_in_original_script", ""), name_as_spoken=values.get("name_as_spoken", ""),
        aliases=[a for a in (values.get("aliases") or "").split(";") if a.strip()],
        sex=(values.get("sex") or "U").upper()[:1], birth_date=values.get("birth_date") or None, age=age,
        birth_date_estimated=(values.get("birth_date_estimated") or "").lower() in ("1", "yes", "true", "y"),
        place_of_birth=values.get("place_of_birth", ""), country_of_birth=values.get("country_of_birth", ""),
        nationality_declared=values.get("nationality_declared", ""),
        nationality_declared_status=values.get("nationality_declared_status", ""),
        nationality_assessed=values.get("nationality_assessed", ""),
        nationality_assessed_status=values.get("nationality_assessed_status", ""),
        nationality_assessment_basis=values.get("nationality_assessment_basis", ""), languages=split,
        interpreter_language=values.get("interpreter_language", ""), phone=values.get("phone", ""),
        contact_notes=values.get("contact_notes", ""), documents=documents)


def _map_field(field: str) -> str:
    return {"documents.1.number": "document_number", "documents.1.kind": "document_kind",
            "documents.1.issuing_country": "document_issuing_country",
            "documents.1.authenticity": "document_authenticity"}.get(field, field)


def import_people_file(actor: Actor, file: bytes | IO[bytes], *, filename: str, arrival: Arrival | None = None,
                       registration_point: Any = None,
                       progress: Callable[[str, int, int], None] | None = None) -> ImportReport:
    content = file if isinstance(file, bytes) else file.read()
    sha256 = hashlib.sha256(content).hexdigest()
    earlier = ImportRecord.objects.filter(sha256=sha256, arrival=arrival).first()
    if earlier is not None:
        raise ImportRefused([LineError(1, "", _(
            "this file was already imported on %(when)s by %(who)s (%(count)s people); nothing was imported again")
            % {"when": earlier.imported_at.strftime("%Y-%m-%d %H:%M"), "who": earlier.imported_by,
               "count": earlier.people_count})])
    rows = _read_xlsx(content) if filename.lower().endswith((".xlsx", ".xlsm")) else _read_csv(content)
    header, data = _header(rows)
    errors: list[LineError] = []
    people: list[PersonInput] = []
    lines: list[int] = []
    labels: dict[str, list[GroupMemberInput]] = {}
    total = len(data)
    for done, (line, cells) in enumerate(data, start=1):
        if not any(c.strip() for c in cells):
            continue  # blank lines are not people
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            errors.append(LineError(line, "", _("this line has %(found)s cells but the header has %(expected)s")
                                    % {"found": len(cells), "expected": len(header)}))
            continue
        values = {header[i]: cells[i].strip() for i in range(min(len(header), len(cells))) if header[i]}
        people.append(_person(values, line, errors))
        lines.append(line)
        if values.get("group"):
            labels.setdefault(values["group"].upper(), []).append(
                GroupMemberInput(len(people) - 1, values.get("relationship_to_head") or "travel_companion"))
        if progress and done % 1000 == 0:
            progress("read", done, total)
    if not people and not errors:
        raise ImportRefused([LineError(2, "", _("the file has a header but no people"))])
    groups = groups_from_labels(labels)
    if errors:
        # Report the field problems of the other lines too, so the file is fixed in one pass.
        registered_on = (arrival.arrived_at if arrival else timezone.now()).date()
        prepared, positions = [], []
        for index, person in enumerate(people):
            ready, problems = prepare_person(person, registered_on=registered_on)
            errors += [LineError(lines[index], _map_field(field), message)
                       for field, messages in problems.items() for message in messages
                       if not (field == "age" and any(e.line == lines[index] and e.column == "age" for e in errors))]
            if ready is not None:
                prepared.append(ready)
                positions.append(index)
        for prepared_index, problems in check_document_duplicates(prepared).items():
            errors += [LineError(lines[positions[prepared_index]], _map_field(field), message)
                       for field, messages in problems.items() for message in messages]
        raise ImportRefused(sorted(errors, key=lambda e: e.line))
    try:
        with transaction.atomic():
            result = register_people(actor, people, arrival=arrival, groups=groups, registration_point=registration_point,
                                     source="import", source_details={"file": filename, "sha256": sha256})
            record = ImportRecord.objects.create(sha256=sha256, filename=filename[:255], arrival=arrival,
                                                 people_count=len(result.people), imported_by=actor.user,
                                                 imported_at=timezone.now())
    except BatchRefused as refused:
        line_errors = [LineError(lines[index], _map_field(field), message)
                       for index, fields in refused.errors.items()
                       for field, messages in fields.items() for message in messages]
        line_errors += [LineError(1, "group", message) for message in refused.group_errors]
        raise ImportRefused(sorted(line_errors, key=lambda e: e.line)) from None
    if progress:
        progress("saved", len(result.people), len(result.people))
    if len(result.people) >= LARGE_IMPORT:
        refresh_search_statistics()
    return ImportReport(len(result.people), len(result.groups), record)


def describe(errors: Iterable[LineError]) -> str:
    return "\n".join(str(e) for e in errors)
