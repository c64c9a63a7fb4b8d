"""All-or-nothing import of people from CSV or XLSX, with every problem named by line and column.

The field rules are the registry services' own (prepare_person / register_people): a file gets
the same answers as the batch screen and the API."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.fields import field_cipher
from tenpoint.common.text import listed
from tenpoint.lib.csvtext import holds_values_beyond, quote_left_open, sniffed_delimiter
from tenpoint.linkage.processes import claim, run_is_at_work, running_here, this_process
from tenpoint.linkage.selectors import NAME_PARTS, RegistrationCandidate, likely_earlier_registrations
from tenpoint.registry.forms import batch_typed_people
from tenpoint.registry.models import PENDING_IMPORT_KEPT_FOR, Arrival, ImportRecord, PendingImport, Person
from tenpoint.registry.services import (
    LARGE_IMPORT,
    BatchRefused,
    DocumentInput,
    GroupMemberInput,
    PersonInput,
    check_document_duplicates,
    group_problems,
    groups_from_labels,
    prepare_person,
    refresh_search_statistics,
    register_people,
)

logger = logging.getLogger(__name__)

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
    rows: list[tuple[int, list[str]]] = []
    # strict: a quote never closed is refused, not the rest of the file read as one person's name.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=sniffed_delimiter(text[:4096]), strict=True)
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as error:
        # The first line not read is the one after the last read: name it, not the file's end.
        line = rows[-1][0] + 1 if rows else 1
        if quote_left_open(error):
            message = _('a quote (") opened on this line is never closed, so the rest of the file would be read as '
                        "one value: close it or remove it, and import the file again")
        else:
            message = _("this line is not well-formed CSV (%(error)s): a value holding a comma or a quote must be "
                        "quoted whole") % {"error": error}
        raise ImportRefused([LineError(line, "", message)]) from None
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
        errors.append(LineError(1, listed(unknown), _("unknown column(s); the columns are: %(columns)s")
                                % {"columns": listed(COLUMNS)}))
    if missing:
        errors.append(LineError(1, listed(missing), _("required column(s) missing")))
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


@dataclass
class PeopleFile:
    """A file's people, read and checked field by field, each with its line in the file."""

    sha256: str
    people: list[PersonInput]
    lines: list[int]
    # Each person's cells by column, as read (for the registration check and for showing them).
    values: list[dict[str, str]]
    labels: dict[str, list[GroupMemberInput]]


def _refuse_if_imported(sha256: str, arrival: Arrival | None) -> None:
    earlier = ImportRecord.objects.filter(sha256=sha256, arrival=arrival).first()
    if earlier is not None:
        raise ImportRefused([LineError(1, "", _(
            "this file was already imported on %(when)s by %(who)s (%(count)s people); nothing was imported again")
            % {"when": earlier.imported_at.strftime("%Y-%m-%d %H:%M"), "who": earlier.imported_by,
               "count": earlier.people_count})])


def read_people_file(content: bytes, *, filename: str, arrival: Arrival | None = None,
                     progress: Callable[[str, int, int], None] | None = None) -> PeopleFile:
    """The file's people, or ImportRefused with every problem by line and column.

    The cells are always checked; the registry's field and group rules run here when a cell was
    wrong (so the file is fixed in one pass), else when the people are registered
    (``land_people_file``) or before that (``refuse_field_problems``)."""
    sha256 = hashlib.sha256(content).hexdigest()
    _refuse_if_imported(sha256, arrival)
    rows = _read_xlsx(content) if filename.lower().endswith((".xlsx", ".xlsm")) else _read_csv(content)
    header, data = _header(rows)
    errors: list[LineError] = []
    people: list[PersonInput] = []
    lines: list[int] = []
    read: list[dict[str, str]] = []
    labels: dict[str, list[GroupMemberInput]] = {}
    total = len(data)
    for done, (line, cells) in enumerate(data, start=1):
        if not any(c.strip() for c in cells):
            continue  # blank lines are not people
        if holds_values_beyond(cells, len(header)):
            errors.append(LineError(line, "", _("this line has %(found)s cells but the header has %(expected)s")
                                    % {"found": len(cells), "expected": len(header)}))
            continue
        values = {header[i]: cells[i].strip() for i in range(min(len(header), len(cells))) if header[i]}
        people.append(_person(values, line, errors))
        lines.append(line)
        read.append(values)
        if values.get("group"):
            labels.setdefault(values["group"].upper(), []).append(
                GroupMemberInput(len(people) - 1, values.get("relationship_to_head") or "travel_companion"))
        if progress and done % 1000 == 0:
            progress("read", done, total)
    if not people and not errors:
        raise ImportRefused([LineError(2, "", _("the file has a header but no people"))])
    read_file = PeopleFile(sha256=sha256, people=people, lines=lines, values=read, labels=labels)
    if errors:
        raise ImportRefused(sorted(errors + _rule_errors(read_file, errors, arrival), key=lambda e: e.line))
    return read_file


def refuse_field_problems(read: PeopleFile, arrival: Arrival | None) -> None:
    """ImportRefused with every problem the registry's field and group rules find in a file read
    without a wrong cell, before anything is registered."""
    errors = _rule_errors(read, [], arrival)
    if errors:
        raise ImportRefused(sorted(errors, key=lambda e: e.line))


def _rule_errors(read: PeopleFile, cell_errors: list[LineError], arrival: Arrival | None) -> list[LineError]:
    registered_on = (arrival.arrived_at if arrival else timezone.now()).date()
    return [*_field_errors(read.people, read.lines, cell_errors, registered_on=registered_on),
            *(LineError(1, "group", message)
              for message in group_problems(groups_from_labels(read.labels), len(read.people)))]


def _field_errors(people: list[PersonInput], lines: list[int], cell_errors: list[LineError], *,
                  registered_on: dt.date) -> list[LineError]:
    """The registry's field rules' problems, by line (an age already reported as a cell is not again)."""
    errors: list[LineError] = []
    prepared, positions = [], []
    for index, person in enumerate(people):
        ready, problems = prepare_person(person, registered_on=registered_on)
        errors += [LineError(lines[index], _map_field(field), message)
                   for field, messages in problems.items() for message in messages
                   if not (field == "age" and any(e.line == lines[index] and e.column == "age" for e in cell_errors))]
        if ready is not None:
            prepared.append(ready)
            positions.append(index)
    for prepared_index, problems in check_document_duplicates(prepared).items():
        errors += [LineError(lines[positions[prepared_index]], _map_field(field), message)
                   for field, messages in problems.items() for message in messages]
    return errors


@dataclass
class HeldLine:
    """A line of a file whose person may be registered already, with the likely earlier records."""

    line: int
    values: dict[str, str]
    candidates: list[RegistrationCandidate]

    @property
    def same_as_field(self) -> str:
        """The radio group of this line's "registered already?" choice (``line-N-same_as``)."""
        return f"line-{self.line}-same_as"

    @property
    def name(self) -> str:
        """The name as the file writes it."""
        return " ".join(self.values[part] for part in (*NAME_PARTS, "name_in_original_script")
                        if self.values.get(part))


@dataclass
class FileCheck:
    """What the registration check found in a file before it lands."""

    read: PeopleFile
    # False: more people than are checked one by one while an officer waits (CHECK_FILES_UP_TO).
    checked: bool
    held: list[HeldLine]

    @property
    def people(self) -> int:
        return len(self.read.people)


# The registration check looks each line up as the batch screen does: a 500-line file took 24.4 s
# (48.9 ms a line) on the 40,000-person demo (SQLite, the fifth session's machine; 11.2 s on the
# sixth's; benchmarks/linkage/batch_hold.py), and a line takes longer in a register of a million.
# Up to the batch screen's 200 rows an officer waits about 10 s; a larger file is checked in the
# background (``check_file_in_background``) while its page shows how far the check is.
CHECK_FILES_UP_TO = 200
# Lines looked up between two notes of progress (a stopped check resumes from the last note).
FILE_CHECK_CHUNK = 25


def earlier_registrations_in_file(actor: Actor, content: bytes, *, filename: str, arrival: Arrival | None = None,
                                  ) -> FileCheck:
    """Before a file lands: its people likely registered already (the batch screen's check, line by
    line: scoped, audited searches), after every field was checked (ImportRefused otherwise), so
    that an officer chooses once, on a file that will land. A file without held lines lands from
    what was read here (``land_people_file``)."""
    read = read_people_file(content, filename=filename, arrival=arrival)
    if len(read.people) > CHECK_FILES_UP_TO:
        return FileCheck(read, checked=False, held=[])
    refuse_field_problems(read, arrival)
    return FileCheck(read, checked=True, held=held_lines_in(actor, read))


def held_lines_in(actor: Actor, read: PeopleFile, *, progress: Callable[[str, int, int], None] | None = None,
                  ) -> list[HeldLine]:
    """Every line of a file read whose person may be registered already, with the likely earlier
    records (the batch screen's check, scoped and audited), ``FILE_CHECK_CHUNK`` lines at a time."""
    held: list[HeldLine] = []
    for looked_up, found in _held_by_chunk(actor, read, start=0):
        held += found
        if progress:
            progress("looked up", looked_up, len(read.people))
    return held


def _held_by_chunk(actor: Actor, read: PeopleFile, *, start: int) -> Iterator[tuple[int, list[HeldLine]]]:
    """From the ``start``-th person on, ``FILE_CHECK_CHUNK`` at a time: how many are looked up so
    far, and the held lines of the chunk."""
    typed = _typed_people(read)
    for first in range(start, len(typed), FILE_CHECK_CHUNK):
        found = likely_earlier_registrations(actor, typed[first:first + FILE_CHECK_CHUNK])
        yield min(first + FILE_CHECK_CHUNK, len(typed)), [
            HeldLine(read.lines[first + position], read.values[first + position], candidates)
            for position, candidates in sorted(found.items())]


def _typed_people(read: PeopleFile) -> list[Any]:
    """The file's people as the registration check reads them (with their family's given names)."""
    return batch_typed_people([{**dict.fromkeys(BATCH_CHECK_COLUMNS, ""), **values} for values in read.values])


def check_file_in_background(actor: Actor, content: bytes, read: PeopleFile, *, filename: str,
                             arrival: Arrival | None) -> PendingImport:
    """Hold a file too large to check while its uploader waits and look its lines up in the
    background (``continue_file_check``); every field is checked first, here (ImportRefused), so
    that the check runs only on a file that will land. Its page follows the check (``held_lines_of``)."""
    refuse_field_problems(read, arrival)
    pending = hold_file_for_choices(actor, content, filename=filename, arrival=arrival, held=0,
                                    lines_to_check=len(read.people))
    _start_file_check(actor, pending)
    return pending


def _start_file_check(actor: Actor, pending: PendingImport) -> None:
    if not settings.IMPORT_CHECKS_IN_BACKGROUND:  # the tests: the check runs before returning
        continue_file_check(actor, pending)
        return
    claim(_run_name(pending))
    threading.Thread(target=_check_in_thread, args=(actor, pending.pk), name=f"file-check-{pending.uuid}",
                     daemon=True).start()


def _run_name(pending: PendingImport) -> str:
    return f"file-check-{pending.uuid}"


def _check_in_thread(actor: Actor, pending_pk: Any) -> None:
    try:
        pending = PendingImport.objects.filter(pk=pending_pk).first()
        if pending is not None:
            with running_here(_run_name(pending)):
                continue_file_check(actor, pending)
    except Exception:  # a fault: recorded on the held file (its page says so), never left "running"
        logger.exception("the check of held file %s failed", pending_pk)
        PendingImport.objects.filter(pk=pending_pk).update(check_status=PendingImport.CheckStatus.FAILED)
    finally:
        connections.close_all()  # this thread's own connections


def continue_file_check(actor: Actor, pending: PendingImport) -> None:
    """Look up the held file's lines not yet looked up, ``FILE_CHECK_CHUNK`` at a time, noting after
    each chunk how far it got and which lines may be someone registered already. Stops quietly if
    the file is no longer held (imported, replaced by another upload)."""
    read = _read_held_file(pending)
    held = list(pending.held_lines)
    for looked_up, found in _held_by_chunk(actor, read, start=pending.lines_checked):
        held += [line.line for line in found]
        noted = PendingImport.objects.filter(pk=pending.pk, check_status=PendingImport.CheckStatus.RUNNING).update(
            lines_checked=looked_up, held_lines=held, runner=this_process(), progress_at=timezone.now())
        if not noted:
            return
    PendingImport.objects.filter(pk=pending.pk).update(check_status=PendingImport.CheckStatus.DONE,
                                                        lines_checked=len(read.people), progress_at=timezone.now())


def _read_held_file(pending: PendingImport) -> PeopleFile:
    return read_people_file(_held_content(pending), filename=pending.filename, arrival=pending.arrival)


def _held_content(pending: PendingImport) -> bytes:
    return field_cipher().decrypt_bytes(bytes(pending.encrypted_content))


# A check silent this long, by a process that cannot be asked (another machine), has stopped.
FILE_CHECK_SILENT_AFTER = dt.timedelta(minutes=5)


def resume_stopped_file_check(actor: Actor, pending: PendingImport) -> bool:
    """Start the check of a held file again from where it stopped, if the process checking it is
    gone (a restart); True if it was resumed. Only one process resumes it (a conditional update)."""
    if pending.check_status != PendingImport.CheckStatus.RUNNING or run_is_at_work(
            _run_name(pending), pending.runner, pending.progress_at, silent_after=FILE_CHECK_SILENT_AFTER):
        return False
    taken = PendingImport.objects.filter(pk=pending.pk, runner=pending.runner, progress_at=pending.progress_at).update(
        runner=this_process(), progress_at=timezone.now())
    if not taken:
        return False
    pending.refresh_from_db()
    _start_file_check(actor, pending)
    return True


def held_lines_of(actor: Actor, pending: PendingImport) -> list[HeldLine]:
    """The lines a finished background check held, each looked up again for the page (scoped and
    audited, in the officer's language; the check kept only which lines)."""
    read = _read_held_file(pending)
    held = set(pending.held_lines)
    positions = [position for position, line in enumerate(read.lines) if line in held]
    typed = _typed_people(read)
    found = likely_earlier_registrations(actor, [typed[position] for position in positions])
    return [HeldLine(read.lines[positions[index]], read.values[positions[index]], candidates)
            for index, candidates in sorted(found.items())]


# The columns the registration check reads (``batch_typed_people``).
BATCH_CHECK_COLUMNS = (*NAME_PARTS, "name_in_original_script", "birth_date", "sex", "nationality_declared", "group")


def import_people_file(actor: Actor, file: bytes | IO[bytes], *, filename: str, arrival: Arrival | None = None,
                       registration_point: Any = None, already_registered: Mapping[int, Person] | None = None,
                       progress: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Register the file's people, all or none. ``already_registered``: lines (of the file) whose
    person an officer recognised as someone registered before: not registered again, their earlier
    record recorded as arriving (``register_people``)."""
    content = file if isinstance(file, bytes) else file.read()
    read = read_people_file(content, filename=filename, arrival=arrival, progress=progress)
    return land_people_file(actor, read, filename=filename, arrival=arrival, registration_point=registration_point,
                            already_registered=already_registered, progress=progress)


def land_people_file(actor: Actor, read: PeopleFile, *, filename: str, arrival: Arrival | None = None,
                     registration_point: Any = None, already_registered: Mapping[int, Person] | None = None,
                     progress: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Register the people of a file already read (``import_people_file``), all or none."""
    position_of = {line: position for position, line in enumerate(read.lines)}
    unknown = sorted(set(already_registered or {}) - set(position_of))
    if unknown:
        raise ImportRefused([LineError(line, "", _("this line holds no person of the file")) for line in unknown])
    groups = groups_from_labels(read.labels)
    lines = read.lines
    try:
        with transaction.atomic():
            result = register_people(
                actor, read.people, arrival=arrival, groups=groups, registration_point=registration_point,
                source="import", source_details={"file": filename, "sha256": read.sha256},
                already_registered={position_of[line]: person for line, person in (already_registered or {}).items()})
            record = ImportRecord.objects.create(sha256=read.sha256, filename=filename[:255], arrival=arrival,
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


def hold_file_for_choices(actor: Actor, content: bytes, *, filename: str, arrival: Arrival | None,
                          held: int, lines_to_check: int = 0) -> PendingImport:
    """Keep a file whose ``held`` people may be registered already until its uploader has chosen
    for them (``import_held_file``), or whose ``lines_to_check`` are yet to be looked up
    (``check_file_in_background``). Their other held files, and anyone's held a day, go."""
    require_permission(actor, "registry.import")
    now = timezone.now()
    with transaction.atomic():
        PendingImport.objects.filter(Q(uploaded_by=actor.user) | Q(uploaded_at__lt=now - PENDING_IMPORT_KEPT_FOR)
                                     ).delete()
        pending = PendingImport.objects.create(
            arrival=arrival, uploaded_by=actor.user, uploaded_at=now, filename=filename[:255],
            sha256=hashlib.sha256(content).hexdigest(), encrypted_content=field_cipher().encrypt_bytes(content),
            check_status=PendingImport.CheckStatus.RUNNING if lines_to_check else PendingImport.CheckStatus.DONE,
            lines_to_check=lines_to_check, runner=this_process() if lines_to_check else "",
            progress_at=now if lines_to_check else None)
        record_event(actor, "registry.import_held", object_type="pending_import", object_uuid=pending.uuid,
                     details={"file": pending.filename, "sha256": pending.sha256, "people_held": held,
                              "lines_to_check": lines_to_check})
    return pending


def import_held_file(actor: Actor, pending: PendingImport, *,
                     already_registered: Mapping[int, Person] | None = None) -> ImportReport:
    """Import a held file with the officer's choices (lines → the person registered before); the
    held copy is deleted with the import, in one transaction. ImportRefused as ``import_people_file``."""
    if pending.check_status != PendingImport.CheckStatus.DONE:
        raise ImportRefused([LineError(1, "", _("The file is still being checked for people registered already: "
                                                "wait until the check has finished, then choose."))])
    with transaction.atomic():
        report = import_people_file(actor, _held_content(pending), filename=pending.filename, arrival=pending.arrival,
                                    already_registered=already_registered)
        pending.delete()
    return report


def describe(errors: Iterable[LineError]) -> str:
    return "\n".join(str(e) for e in errors)
