"""Writes of screening: questionnaire versions, interviews (web or KoBoToolbox), flag decisions.
Each takes the acting user and records the audit event in the same transaction."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from tenpoint.accounts.permissions import require_permission as _require
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.text import listed
from tenpoint.lib.csvtext import holds_values_beyond, sniffed_delimiter
from tenpoint.lib.profiling.engine import suggest_flags
from tenpoint.lib.xlsform.form import AnswerProblem, FormDefinitionError, check_answers, read_form, unknown_columns
from tenpoint.registry.models import Person
from tenpoint.registry.selectors import people_visible_to, registration_facts
from tenpoint.screening.models import FlagSuggestion, Questionnaire, Screening
from tenpoint.screening.profiling import DEFAULT_FORM_FILE, default_form, form_of, ruleset


def default_questionnaire() -> Questionnaire:
    """The regional form shipped with Tenpoint, stored on first use so interviews can point at it."""
    form = default_form()
    questionnaire = Questionnaire.objects.filter(form_id=form.form_id, version=form.version).first()
    if questionnaire is None:
        questionnaire = Questionnaire.objects.create(
            form_id=form.form_id, version=form.version, title=form.title, xlsform=DEFAULT_FORM_FILE.read_bytes(),
            filename=DEFAULT_FORM_FILE.name, uploaded_at=timezone.now())
    return questionnaire


def upload_questionnaire(actor: Actor, content: bytes, *, filename: str) -> Questionnaire:
    """An agency's own version: valid for pyxform (so KoBoToolbox and ODK take it), readable by
    Tenpoint, and keeping every question the profiling rules read."""
    _require(actor, "screening.manage_questionnaires")
    try:
        form = read_form(io.BytesIO(content))
        convert(xlsform=io.BytesIO(content), file_type=".xlsx", validate=False)
    except FormDefinitionError as error:
        raise BusinessRuleViolation(_("The form cannot be used: %(error)s") % {"error": error}, field="file") from None
    except PyXFormError as error:
        raise BusinessRuleViolation(_("pyxform refuses the form: %(error)s") % {"error": error}, field="file") from None
    needed = {name for rule in ruleset().rules for name in rule.when.references if not name.startswith("fact_")}
    missing = sorted(needed - set(form.input_names))
    if missing:
        raise BusinessRuleViolation(
            _("The form lacks questions the profiling rules need: %(names)s.") % {"names": listed(missing)},
            field="file")
    if not form.form_id or not form.version:
        raise BusinessRuleViolation(_("The settings sheet must give form_id and version."), field="file")
    if Questionnaire.objects.filter(form_id=form.form_id, version=form.version).exists():
        raise BusinessRuleViolation(_("Version %(version)s of %(form)s is already loaded; raise the version.")
                                    % {"version": form.version, "form": form.form_id}, field="file")
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(
            form_id=form.form_id, version=form.version, title=form.title or form.form_id, xlsform=content,
            filename=filename, organisation=actor.user.organisation, uploaded_by=actor.user, uploaded_at=timezone.now())
        record_event(actor, "questionnaire.uploaded", object_type="questionnaire", object_uuid=questionnaire.uuid,
                     details={"form_id": form.form_id, "version": form.version})
    return questionnaire


class ScreeningRefused(BusinessRuleViolation):
    def __init__(self, problems: list[AnswerProblem]) -> None:
        super().__init__(_("Some answers need attention: %(count)s.") % {"count": len(problems)})
        self.problems = problems


def _store(actor: Actor, person: Person, questionnaire: Questionnaire, answers: dict[str, Any],
           language: str, source: str) -> Screening:
    facts = registration_facts(person)
    rules = ruleset()
    screening = Screening.objects.create(
        person=person, questionnaire=questionnaire, answers=answers, facts=facts, ruleset_version=rules.version,
        language=language, source=source, interviewer=actor.user, organisation=actor.user.organisation,
        completed_at=timezone.now())
    suggestions = suggest_flags(rules, answers, facts)
    FlagSuggestion.objects.bulk_create([
        FlagSuggestion(screening=screening, person=person, flag=s.flag, rule_id=s.rule_id,
                       also_triggered_by=s.also_triggered_by, ruleset_version=rules.version, evidence=s.evidence,
                       explanation=s.explanation, guidance=s.guidance, sensitive_category=s.sensitive_category)
        for s in suggestions])
    # Answers are personal data: the audit log records that an interview happened, not its content.
    record_event(actor, "screening.recorded", object_type="person", object_uuid=person.uuid,
                 details={"screening": str(screening.uuid), "questionnaire": f"{questionnaire.form_id} {questionnaire.version}",
                          "source": source, "suggested": len(suggestions)})
    return screening


def _json_ready(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in answers.items() if v not in (None, "", [])}


def record_screening(actor: Actor, person: Person, submitted: Mapping[str, Any], *,
                     questionnaire: Questionnaire | None = None, language: str = "en", source: str = "web") -> Screening:
    _require(actor, "screening.screen")
    if not people_visible_to(actor.user).filter(uuid=person.uuid).exists():
        raise PermissionDenied(_("This person is not visible to you."))
    questionnaire = questionnaire or default_questionnaire()
    answers, problems = check_answers(form_of(questionnaire.xlsform), submitted, language)
    if problems:
        raise ScreeningRefused(problems)
    with transaction.atomic():
        return _store(actor, person, questionnaire, _json_ready(answers), language, source)


def decide_flag(actor: Actor, suggestion: FlagSuggestion, *, confirm: bool, reason: str) -> FlagSuggestion:
    """A named person confirms or dismisses a suggestion; dismissal needs a reason."""
    _require(actor, "screening.decide_flags")
    if suggestion.sensitive_category and not actor.user.may_see_sensitive(suggestion.sensitive_category):
        raise PermissionDenied(_("Your role does not handle this sensitive category."))
    if suggestion.status != FlagSuggestion.Status.SUGGESTED:
        raise BusinessRuleViolation(_("This flag was already reviewed."))
    if not confirm and not reason.strip():
        raise BusinessRuleViolation(_("Say why you dismiss this flag."), field="reason")
    with transaction.atomic():
        suggestion.status = FlagSuggestion.Status.CONFIRMED if confirm else FlagSuggestion.Status.DISMISSED
        suggestion.decided_by, suggestion.decided_at, suggestion.decision_reason = actor.user, timezone.now(), reason.strip()
        suggestion.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        record_event(actor, "flag.confirmed" if confirm else "flag.dismissed", object_type="person",
                     object_uuid=suggestion.person_id,
                     details={"flag": suggestion.flag if not suggestion.sensitive_category else suggestion.sensitive_category,
                              "rule": suggestion.rule_id})
    return suggestion


# --- KoBoToolbox / ODK import -------------------------------------------------------------------


@dataclass
class ImportProblem:
    line: int
    column: str
    message: str


class KoboImportRefused(BusinessRuleViolation):
    def __init__(self, problems: list[ImportProblem], message: str | None = None) -> None:
        super().__init__(message or _("Nothing was imported: %(count)s problem(s).") % {"count": len(problems)})
        self.problems = problems


def _kobo_rows(content: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """The export's answers, one row per interview, with the line each starts on (a text answer may
    hold line breaks)."""
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:
            raise KoboImportRefused([ImportProblem(1, "", str(error))], _("The file is not a readable .xlsx export.")) from None
        sheet_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        header = ["" if h is None else str(h) for h in sheet_rows[0]] if sheet_rows else []
        return [(number, {header[i]: ("" if v is None else str(v)) for i, v in enumerate(row) if i < len(header)})
                for number, row in enumerate(sheet_rows[1:], start=2)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise KoboImportRefused([ImportProblem(line, "", _("not UTF-8"))],
                                _("Line %(line)s is not UTF-8: export again as UTF-8 CSV.") % {"line": line}) from None
    # strict: a quote never closed is refused, not read to the file's end.
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=csv.excel, delimiter=sniffed_delimiter(text),
                            strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    ended = 0  # the line the record before ended on
    try:
        reader.fieldnames  # noqa: B018 (reads the header)
        ended = reader.line_num
        for row in reader:
            rows.append((ended + 1, row))
            ended = reader.line_num
    except csv.Error as error:
        line = ended + 1
        raise KoboImportRefused([ImportProblem(line, "", str(error))], _(
            "Line %(line)s is not well-formed CSV (%(error)s): a quote may be left open. Nothing was imported.")
            % {"line": line, "error": error}) from None
    return rows


def import_kobo_export(actor: Actor, content: bytes, *, filename: str,
                       questionnaire: Questionnaire | None = None) -> list[Screening]:
    """A KoBoToolbox/ODK standard export (CSV with group paths, or XLSX): one interview per row,
    `person_reference` naming the person. All rows land, or none; unknown columns are refused."""
    _require(actor, "screening.manage_questionnaires")
    questionnaire = questionnaire or default_questionnaire()
    form = form_of(questionnaire.xlsform)
    rows = _kobo_rows(content, filename)
    if not rows:
        raise KoboImportRefused([ImportProblem(1, "", _("the file has no answers"))])
    unknown = unknown_columns(form, rows[0][1].keys())
    if unknown:
        raise KoboImportRefused(
            [ImportProblem(1, column, _("unknown column")) for column in unknown],
            _("The file has columns this form version does not know: %(columns)s. Nothing was imported.")
            % {"columns": listed(unknown)})
    visible = people_visible_to(actor.user)
    multiple = {q.name for q in form.questions if q.type == "select_multiple"}
    problems: list[ImportProblem] = []
    prepared: list[tuple[Person, dict[str, Any]]] = []
    for line, row in rows:
        # The reader keeps the cells past the header under None.
        surplus: list[str] = row.pop(None, None) or []  # type: ignore[call-overload]
        if holds_values_beyond([*row.values(), *surplus], len(row)):
            problems.append(ImportProblem(line, "", _("this line has %(found)s cells but the header has %(expected)s")
                                          % {"found": len(row) + len(surplus), "expected": len(row)}))
            continue
        submitted: dict[str, Any] = {}
        for column, value in row.items():
            parts = (column or "").split("/")
            if len(parts) >= 2 and parts[-2] in multiple:
                continue  # per-option columns repeat the space-separated answer
            if parts[-1] in form.input_names:
                submitted[parts[-1]] = value
        reference = (submitted.get("person_reference") or "").strip()
        person = visible.filter(reference=reference).first() if reference else None
        if person is None:
            problems.append(ImportProblem(line, "person_reference",
                                          _("no person with reference “%(ref)s” is visible to you") % {"ref": reference}))
            continue
        answers, answer_problems = check_answers(form, submitted)
        problems.extend(ImportProblem(line, p.question, p.message) for p in answer_problems)
        prepared.append((person, answers))
    if problems:
        raise KoboImportRefused(problems)
    with transaction.atomic():
        return [_store(actor, person, questionnaire, _json_ready(answers), "", Screening.Source.KOBO)
                for person, answers in prepared]
