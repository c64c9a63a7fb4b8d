"""Registration pages. Views translate HTTP to the registry's services and selectors, nothing more."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.text import listed
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.linkage.selectors import RegistrationCandidate, likely_earlier_registrations, same_person_links
from tenpoint.partners.selectors import registration_points_for
from tenpoint.registry import selectors, services
from tenpoint.registry.forms import (
    BATCH_FIELDS,
    RELATIONSHIP_CHOICES,
    ArrivalForm,
    PersonForm,
    batch_fingerprint,
    batch_rows,
    batch_typed_people,
    row_is_empty,
    row_to_input,
)
from tenpoint.registry.models import Arrival, FearOfReturn, Group, IdentityDocument, NationalityStatus, PersonAlias, Sex
from tenpoint.registry.services import DocumentInput, GroupMemberInput


def _require(request: AuthenticatedRequest, permission: str) -> None:
    if not request.user.has_role_permission(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _flash_errors(request: AuthenticatedRequest, refused: services.RegistrationRefused) -> None:
    for field_messages in refused.errors.values():
        for message in field_messages:
            messages.error(request, message)


def _form_errors(form: Any, errors: dict[str, list[str]]) -> None:
    for field, messages_ in errors.items():
        target = field if field in form.fields else None
        if field.startswith("documents.1."):
            target = "document_" + field.split(".")[-1]
            target = target if target in form.fields else None
        for message in messages_:
            form.add_error(target, message)


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    arrivals = selectors.arrivals_visible_to(request.user).select_related("registration_point")
    query = request.GET
    point = query.get("point", "")
    problems: list[str] = []
    if point:
        try:
            arrivals = arrivals.filter(registration_point__uuid=uuid.UUID(point))
        except ValueError:
            problems.append(_("Unknown registration point."))
    if query.get("mode") in Arrival.Mode.values:
        arrivals = arrivals.filter(mode=query["mode"])
    if query.get("circumstance") in Arrival.Circumstance.values:
        arrivals = arrivals.filter(circumstance=query["circumstance"])
    for name, lookup in (("since", "arrived_at__date__gte"), ("until", "arrived_at__date__lte")):
        if query.get(name):
            try:
                arrivals = arrivals.filter(**{lookup: dt.date.fromisoformat(query[name])})
            except ValueError:
                problems.append(_("Dates: write YYYY-MM-DD."))
    page = Paginator(arrivals.order_by("-arrived_at"), 25).get_page(query.get("page"))
    filters = {k: query.get(k, "") for k in ("point", "mode", "circumstance", "since", "until")}
    return render(request, "registry/home.html", {
        "page": page, "points": registration_points_for(request.user), "point": point, "filters": filters,
        "modes": Arrival.Mode.choices, "circumstances": Arrival.Circumstance.choices, "problems": problems,
        "can_register": request.user.has_role_permission("registry.register")})


@login_required
def arrival_new(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "registry.register")
    form = ArrivalForm(request.POST or None, points=registration_points_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            arrival = services.register_arrival(Actor(request.user), form.to_input())
        except services.RegistrationRefused as refused:
            _form_errors(form, refused.errors)
        else:
            messages.success(request, _("Arrival registered. Now register the people in it."))
            return redirect("registry:batch", arrival_uuid=arrival.uuid)
    return render(request, "registry/arrival_form.html", {"form": form})


def _group_from_arrival(request: AuthenticatedRequest, actor: Actor, found: Any, people: list[Any]) -> list[str]:
    """A family found to belong together after registration: group people already in the arrival."""
    _require(request, "registry.register")
    by_uuid = {str(p.uuid): p for p in people}
    chosen = [by_uuid[u] for u in request.POST.getlist("member") if u in by_uuid]
    if not chosen:
        return [_("Tick the people who belong to the group.")]
    members = [(p, request.POST.get(f"relationship-{p.uuid}") or "") for p in chosen]
    missing = [p.full_name or p.reference for p, relationship in members if not relationship]
    if missing:
        return [_("Give the relationship to the head for: %(names)s.") % {"names": listed(missing)}]
    try:
        group = services.register_group(actor, kind=request.POST.get("kind", "family"), members=members, arrival=found)
    except services.BatchRefused as refused:
        return list(refused.group_errors) or [_("The group could not be recorded.")]
    except BusinessRuleViolation as error:
        return [str(error)]
    messages.success(request, _("Group %(reference)s recorded.") % {"reference": group.reference})
    return []


@login_required
def arrival(request: AuthenticatedRequest, arrival_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    found = selectors.get_arrival(actor, arrival_uuid)
    people = list(found.people.order_by("registered_at", "family_name", "given_name"))
    group_errors: list[str] = []
    if request.method == "POST":
        group_errors = _group_from_arrival(request, actor, found, people)
        if not group_errors:
            return redirect("registry:arrival", arrival_uuid=found.uuid)
    members_by_group = [(group, selectors.group_members(group)) for group in found.groups.all()]
    groups = [{"group": group, "members": members} for group, members in members_by_group]
    grouped = {m.person.uuid for _group, members in members_by_group for m in members}
    today = found.arrived_at.date()
    alone_children = [p for p in people if p.uuid not in grouped and (p.age_on(today) or 99) < 18]
    return render(request, "registry/arrival.html", {
        "arrival": found, "people": people, "groups": groups, "alone_children": alone_children,
        "can_register": request.user.has_role_permission("registry.register"),
        "can_import": request.user.has_role_permission("registry.import"),
        "group_errors": group_errors, "group_kinds": Group.Kind.choices, "relationships": RELATIONSHIP_CHOICES,
        "people_rows": [{"person": p, "checked": str(p.uuid) in request.POST.getlist("member"),
                         "relationship": request.POST.get(f"relationship-{p.uuid}", "")} for p in people]})


def _batch_choices() -> dict[str, Any]:
    return {"sexes": Sex.choices, "statuses": NationalityStatus.choices, "fears": FearOfReturn.choices,
            "document_kinds": IdentityDocument.Kind.choices, "relationships": RELATIONSHIP_CHOICES}


@login_required
def batch(request: AuthenticatedRequest, arrival_uuid: str) -> HttpResponse:
    """A whole boat or bus on one screen: every row saved, or none."""
    _require(request, "registry.register")
    actor = Actor(request.user)
    found = selectors.get_arrival(actor, arrival_uuid)
    count = 5
    rows: list[dict[str, str]] = [dict.fromkeys(BATCH_FIELDS, "") for _ in range(count)]
    row_errors: dict[int, list[str]] = {}
    row_bad: dict[int, set[str]] = {}
    row_candidates: dict[int, list[RegistrationCandidate]] = {}
    checked = ""
    group_errors: list[str] = []
    if request.method == "POST":
        posted_count = request.POST.get("rows", "5")
        count = min(max(int(posted_count) if posted_count.isdigit() else 5, 1), 200)
        rows = batch_rows(request.POST, count)
        if "add_rows" in request.POST:
            rows += [dict.fromkeys(BATCH_FIELDS, "") for _ in range(5)]
        else:
            filled = [(i, row) for i, row in enumerate(rows) if not row_is_empty(row)]
            for i, row in filled:
                if row["age"] and not row["age"].isdigit():
                    row_errors.setdefault(i, []).append(_("Age: write a whole number of years."))
                    row_bad.setdefault(i, set()).add("age")
            people = [row_to_input(row) for _index, row in filled]
            labels: dict[str, list[GroupMemberInput]] = {}
            for position, (_index, row) in enumerate(filled):
                if row["group"]:
                    labels.setdefault(row["group"].upper(), []).append(
                        GroupMemberInput(position, row["relationship"] or "travel_companion"))
            groups = services.groups_from_labels(labels)
            if not filled:
                group_errors.append(_("Fill in at least one row."))
            elif not row_errors and request.POST.get("candidates_checked") != batch_fingerprint([r for _i, r in filled]):
                # Before anything is saved, people who may be registered already are shown with
                # their earlier records; the officer asks them and chooses, then saves again.
                row_candidates, checked = _held_rows(actor, filled)
            if filled and not row_errors and not row_candidates:
                recognised = _recognised_people(request, filled)
                try:
                    result = services.register_people(actor, people, arrival=found, groups=groups, source="batch screen",
                                                      already_registered=recognised)
                except services.BatchRefused as refused:
                    for position, fields in refused.errors.items():
                        index = filled[position][0]
                        for field, field_messages in fields.items():
                            row_errors.setdefault(index, []).extend(f"{_field_label(field)}: {m}" for m in field_messages)
                            row_bad.setdefault(index, set()).add(_BATCH_FIELD_OF.get(field, field))
                    group_errors = refused.group_errors
                    if recognised or request.POST.get("candidates_checked"):
                        # The officer's choices stand; the rows they chose for are shown again.
                        row_candidates, checked = _held_rows(actor, filled)
                else:
                    messages.success(request, _("%(count)s people registered.") % {"count": len(result.people)})
                    if recognised:
                        messages.success(request, ngettext(
                            "%(count)s person registered before was recorded as arriving again.",
                            "%(count)s people registered before were recorded as arriving again.",
                            len(recognised)) % {"count": len(recognised)})
                    return redirect("registry:arrival", arrival_uuid=found.uuid)
    indexed = [{"index": i, "values": row, "errors": row_errors.get(i, []), "bad": row_bad.get(i, set()),
                "candidates": row_candidates.get(i, []), "same_as_field": _same_as_field(i),
                "same_as": request.POST.get(_same_as_field(i), "")}
               for i, row in enumerate(rows)]
    return render(request, "registry/batch.html", {
        "arrival": found, "rows": indexed, "count": len(rows), "group_errors": group_errors,
        "can_import": request.user.has_role_permission("registry.import"),
        "has_errors": bool(row_errors or group_errors), "held": len(row_candidates), "checked": checked,
        **_batch_choices()})


def _held_rows(actor: Actor, filled: list[tuple[int, dict[str, str]]],
               ) -> tuple[dict[int, list[RegistrationCandidate]], str]:
    """The rows (by index) of people likely registered already, with their candidates, and the
    fingerprint of the rows checked (empty when none is held)."""
    rows = [row for _index, row in filled]
    held = likely_earlier_registrations(actor, batch_typed_people(rows))
    return ({filled[position][0]: candidates for position, candidates in held.items()},
            batch_fingerprint(rows) if held else "")


def _recognised_people(request: AuthenticatedRequest, filled: list[tuple[int, dict[str, str]]]) -> dict[int, Any]:
    """Batch positions the officer said are someone registered before (``p-N-same_as``), with that
    person, within the officer's scope; an unknown or unseen UUID is a new person."""
    chosen = {position: person for position, (index, _row) in enumerate(filled)
              if (person := _posted_uuid(request, _same_as_field(index))) is not None}
    people = selectors.visible_people_by_uuid(request.user, chosen.values())
    return {position: people[person] for position, person in chosen.items() if person in people}


def _same_as_field(index: int) -> str:
    """The radio group of a batch row's "registered already?" choice."""
    return f"p-{index}-same_as"


def _recognised_person(request: AuthenticatedRequest) -> Any:
    """The person the officer said the one typed is (``same_as``, from the candidates beside the
    form), within the officer's scope; None for a new person (or an unknown or unseen UUID)."""
    chosen = _posted_uuid(request, "same_as")
    return selectors.visible_people_by_uuid(request.user, [chosen]).get(chosen) if chosen else None


def _posted_uuid(request: AuthenticatedRequest, name: str) -> uuid.UUID | None:
    """The UUID posted as ``name``; None when empty or not a UUID (a "new person" choice)."""
    try:
        return uuid.UUID(request.POST.get(name, ""))
    except ValueError:
        return None


# Service field names → the batch column that holds them, to mark the right cell.
_BATCH_FIELD_OF = {"documents.1.number": "document_number", "documents.1.kind": "document_kind",
                   "documents.1.issuing_country": "document_issuing_country", "languages": "language",
                   "interpreter_language": "language"}


def _field_label(field: str) -> str:
    labels = {"given_name": _("Given name"), "birth_date": _("Date of birth"), "age": _("Age"),
              "fear_of_return": _("Fear of return"), "fear_of_return_notes": _("Fear of return"),
              "nationality_declared": _("Nationality"), "nationality_declared_status": _("Nationality"),
              "languages": _("Language"), "interpreter_language": _("Language"), "sex": _("Sex"),
              "documents.1.number": _("Document"), "documents.1.kind": _("Document"),
              "documents.1.issuing_country": _("Document")}
    return labels.get(field, field)


@login_required
def person_new(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "registry.register")
    actor = Actor(request.user)
    arrival_uuid = request.GET.get("arrival") or request.POST.get("arrival") or ""
    found = selectors.get_arrival(actor, arrival_uuid) if arrival_uuid else None
    points = registration_points_for(request.user)
    form = PersonForm(request.POST or None)
    recognised = _recognised_person(request) if request.method == "POST" else None
    if recognised is not None:
        # The officer said the person typed is someone registered before: not registered again.
        # What was typed is neither checked nor kept (as on the batch screen).
        name = str(recognised)  # full name, or the reference where there is none
        if found is None:
            messages.info(request, _("Not registered again: %(name)s was registered before.") % {"name": name})
        else:
            services.register_people(actor, [services.PersonInput()], arrival=found, already_registered={0: recognised})
            messages.success(request, _("Not registered again: %(name)s was registered before, and is now recorded as "
                                        "arriving with this arrival.") % {"name": name})
        return redirect("registry:person", person_uuid=recognised.uuid)
    if request.method == "POST" and form.is_valid():
        chosen_point = request.POST.get("registration_point") or ""
        point = found.registration_point if found else (
            points.filter(uuid=chosen_point).first() if chosen_point else None)
        try:
            person = services.register_people(actor, [form.to_input()], arrival=found, registration_point=point).people[0]
        except services.BatchRefused as refused:
            _form_errors(form, refused.errors.get(0, {}))
            for message in refused.group_errors:
                form.add_error(None, message)
        else:
            messages.success(request, _("Person registered."))
            return redirect("registry:person", person_uuid=person.uuid)
    return render(request, "registry/person_form.html", {"form": form, "arrival": found, "points": points,
                                                         "editing": False})


@login_required
def person(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    found = selectors.get_person(actor, person_uuid, purpose=request.GET.get("purpose", "case work"))
    memberships = [{"group": m.group, "relationship": m.get_relationship_to_head_display(),
                    "members": selectors.group_members(m.group)}
                   for m in found.group_memberships.select_related("group")]
    documents = found.documents.all() if "documents" in getattr(found, "visible_field_groups", {"documents"}) else []
    user = request.user
    return render(request, "registry/person.html", {
        "person": found, "memberships": memberships, "documents": documents,
        "aliases": found.aliases.all(), "arrivals": found.arrivals.select_related("registration_point"),
        "history": selectors.person_history(found)[:50], "child_status": selectors.child_status_of(found),
        "age": found.age_on(found.registered_at.date()),
        "own": found.owner_organisation_id == user.organisation_id,
        "can_register": user.has_role_permission("registry.register"),
        "can_screen": user.has_role_permission("screening.screen"),
        "can_refer": user.has_role_permission("referrals.refer"),
        "same_person": same_person_links(found),
        "can_review_duplicates": user.has_role_permission("linkage.review_duplicates"),
        "alias_kinds": PersonAlias.Kind.choices, "document_kinds": IdentityDocument.Kind.choices})


@login_required
def person_edit(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    _require(request, "registry.register")
    actor = Actor(request.user)
    found = selectors.get_person(actor, person_uuid, purpose="correction")
    form = PersonForm(request.POST or None, initial=PersonForm.initial_from(found))
    if request.method == "POST" and form.is_valid():
        try:
            version = int(request.POST.get("version", "0"))
            services.correct_person(actor, found, form.to_input(include_document=False), expected_version=version)
        except services.RegistrationRefused as refused:
            _form_errors(form, refused.errors)
        except BusinessRuleViolation as error:
            form.add_error(None, str(error))
        except ValueError:
            form.add_error(None, _("The form was incomplete; reload the page."))
        else:
            messages.success(request, _("Record corrected."))
            return redirect("registry:person", person_uuid=found.uuid)
    return render(request, "registry/person_form.html", {"form": form, "person": found, "editing": True})


@login_required
@require_POST
def person_add_document(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    _require(request, "registry.register")
    actor = Actor(request.user)
    found = selectors.get_person(actor, person_uuid, purpose="correction")
    issued = request.POST.get("issued_on") or None
    try:
        services.add_document(actor, found, DocumentInput(
            kind=request.POST.get("kind", ""), number=request.POST.get("number", ""),
            issuing_country=request.POST.get("issuing_country", ""),
            issued_on=dt.date.fromisoformat(issued) if issued else None,
            authenticity=request.POST.get("authenticity") or "not_checked",
            authenticity_notes=request.POST.get("authenticity_notes", "")))
    except services.RegistrationRefused as refused:
        _flash_errors(request, refused)
    except ValueError:
        messages.error(request, _("The date of issue is not a date."))
    else:
        messages.success(request, _("Document added."))
    return redirect("registry:person", person_uuid=found.uuid)


@login_required
@require_POST
def person_add_alias(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    _require(request, "registry.register")
    actor = Actor(request.user)
    found = selectors.get_person(actor, person_uuid, purpose="correction")
    try:
        services.add_alias(actor, found, request.POST.get("name", ""), request.POST.get("kind", "alias"))
    except services.RegistrationRefused as refused:
        _flash_errors(request, refused)
    else:
        messages.success(request, _("Name added."))
    return redirect("registry:person", person_uuid=found.uuid)


@login_required
def group(request: AuthenticatedRequest, group_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    found = selectors.get_group(actor, group_uuid)
    return render(request, "registry/group.html", {"group": found, "members": selectors.group_members(found)})


@login_required
def search(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "registry.view_person")
    actor = Actor(request.user)
    criteria, problems = _criteria(request.GET)
    hits = selectors.search_people(actor, criteria) if not problems and not criteria.is_empty else []
    context = {"hits": hits, "criteria": criteria, "problems": problems, "query": request.GET,
               "points": registration_points_for(request.user), "searched": not criteria.is_empty,
               "can_export": request.user.has_role_permission("dataprotection.export_personal_data")}
    template = "registry/_search_results.html" if getattr(request, "htmx", False) else "registry/search.html"
    return render(request, template, context)


def _criteria(query: Any) -> tuple[selectors.PersonSearch, list[str]]:
    problems: list[str] = []
    birth_date = None
    birth_year = None
    text = (query.get("birth") or "").strip()
    if text:
        if text.isdigit() and len(text) == 4:
            birth_year = int(text)
        else:
            try:
                birth_date = dt.date.fromisoformat(text)
            except ValueError:
                problems.append(_("Date of birth: write YYYY-MM-DD or a year (YYYY)."))
    point = None
    if query.get("point"):
        try:
            point = uuid.UUID(query.get("point"))
        except ValueError:
            problems.append(_("Unknown registration point."))
    return selectors.PersonSearch(
        name=(query.get("name") or "").strip(), document_number=(query.get("document") or "").strip(),
        birth_date=birth_date, birth_year=birth_year, nationality=(query.get("nationality") or "").strip()[:3],
        registration_point=point), problems



@login_required
def import_file(request: AuthenticatedRequest, arrival_uuid: str) -> HttpResponse:
    """Upload a CSV/XLSX of the people of an arrival: every line lands, or none. People who may be
    registered already are shown first, as on the batch screen; the file is held until the officer
    has chosen for them. A file too large to look up while the officer waits is looked up in the
    background, and this page (``?pending=``) follows the check."""
    from tenpoint.registry import importer

    _require(request, "registry.import")
    actor = Actor(request.user)
    found = selectors.get_arrival(actor, arrival_uuid)
    refused: importer.ImportRefused | None = None
    held: list[importer.HeldLine] = []
    pending = None
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "GET" and request.GET.get("pending"):
        return _held_file_page(request, found, selectors.get_pending_import(actor, request.GET["pending"], found))
    try:
        if request.method == "POST" and request.POST.get("pending"):
            recognised = _recognised_lines(request)
            report = importer.import_held_file(
                actor, selectors.get_pending_import(actor, request.POST["pending"], found), already_registered=recognised)
            return _imported(request, found, report, len(recognised))
        if upload is not None:
            content, filename = upload.read(), upload.name or "upload"
            check = importer.earlier_registrations_in_file(actor, content, filename=filename, arrival=found)
            held = check.held
            if not check.checked:
                pending = importer.check_file_in_background(actor, content, check.read, filename=filename,
                                                            arrival=found)
                return redirect(f"{reverse('registry:import', args=[found.uuid])}?pending={pending.uuid}")
            if not held:
                report = importer.land_people_file(actor, check.read, filename=filename, arrival=found)
                return _imported(request, found, report, 0)
            pending = importer.hold_file_for_choices(actor, content, filename=filename, arrival=found, held=len(held))
    except importer.ImportRefused as error:
        refused = error
    return render(request, "registry/import.html", {"arrival": found, "refused": refused, "columns": importer.COLUMNS,
                                                    "held": held, "pending": pending})


def _held_file_page(request: AuthenticatedRequest, arrival: Arrival, pending: Any) -> HttpResponse:
    """A large file's check as it goes (the page refreshes itself), then its held lines to choose for."""
    from tenpoint.registry import importer

    actor = Actor(request.user)
    importer.resume_stopped_file_check(actor, pending)  # a restart stopped it: go on from its last note
    pending.refresh_from_db()
    done = pending.check_status == pending.CheckStatus.DONE
    return render(request, "registry/import.html", {
        "arrival": arrival, "refused": None, "columns": importer.COLUMNS, "pending": pending,
        "held": importer.held_lines_of(actor, pending) if done else []})


def _recognised_lines(request: AuthenticatedRequest) -> dict[int, Any]:
    """File lines the officer said are someone registered before (``line-N-same_as``), with that
    person, within the officer's scope; an unknown or unseen UUID is a new person."""
    chosen = {int(key.split("-")[1]): person for key in request.POST
              if key.startswith("line-") and key.endswith("-same_as") and key.split("-")[1].isdigit()
              and (person := _posted_uuid(request, key)) is not None}
    people = selectors.visible_people_by_uuid(request.user, chosen.values())
    return {line: people[person] for line, person in chosen.items() if person in people}


def _imported(request: AuthenticatedRequest, arrival: Arrival, report: Any, recognised: int) -> HttpResponse:
    messages.success(request, _("%(people)s people and %(groups)s groups imported.")
                     % {"people": report.people, "groups": report.groups})
    if recognised:
        messages.success(request, ngettext(
            "%(count)s person registered before was recorded as arriving again.",
            "%(count)s people registered before were recorded as arriving again.", recognised) % {"count": recognised})
    return redirect("registry:arrival", arrival_uuid=arrival.uuid)


@login_required
def person_photo(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    """The photo, only to those who may see the person; never from a public media URL."""
    found = selectors.get_person(Actor(request.user), person_uuid, purpose="photo")
    if not found.photo:
        raise Http404(_("No photo."))
    picture, content_type = selectors.photo_of(found)
    response = HttpResponse(picture, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def person_photo_upload(request: AuthenticatedRequest, person_uuid: str) -> HttpResponse:
    _require(request, "registry.register")
    actor = Actor(request.user)
    found = selectors.get_person(actor, person_uuid, purpose="photo")
    upload = request.FILES.get("photo")
    if upload is None:
        messages.error(request, _("Choose a photo."))
        return redirect("registry:person", person_uuid=found.uuid)
    try:
        services.set_photo(actor, found, upload)
    except services.RegistrationRefused as refused:
        _flash_errors(request, refused)
    except BusinessRuleViolation as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Photo saved."))
    return redirect("registry:person", person_uuid=found.uuid)
