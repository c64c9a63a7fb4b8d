"""Writes to the registry. Each takes the acting user and records the audit event in the same
transaction; views, API endpoints and the importer call these and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenpoint.accounts.permissions import require_permission as _require
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation, StaleVersion
from tenpoint.common.fields import field_cipher
from tenpoint.lib.names import KNOWN_NAMES_VERSION, first_given_name_token, name_keys
from tenpoint.partners.models import RegistrationPoint
from tenpoint.registry.models import (
    Arrival,
    ArrivalPerson,
    BirthDatePrecision,
    FearOfReturn,
    Group,
    GroupMembership,
    IdentityDocument,
    NameKeyState,
    NationalityStatus,
    Person,
    PersonAlias,
    PersonNameKey,
    Relationship,
    Sex,
)
from tenpoint.registry.references import new_reference, unused_reference
from tenpoint.registry.selectors import invalidate_key_vocabulary
from tenpoint.registry.validation import (
    BirthDate,
    FieldError,
    birth_date_as_written,
    birth_date_from_age,
    check_birth_date,
    country_or_blank,
    language_or_error,
    normalise_document_number,
    parse_birth_date,
)


class RegistrationRefused(BusinessRuleViolation):
    """One or more fields were refused; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        first_field, messages = next(iter(errors.items()))
        super().__init__(messages[0], field=first_field)
        self.errors = errors


# ---------------------------------------------------------------------------------------------
# Inputs: plain values as a form, the API or a file row gives them.


@dataclass
class DocumentInput:
    kind: str
    number: str
    issuing_country: str = ""
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    authenticity: str = IdentityDocument.Authenticity.NOT_CHECKED
    authenticity_notes: str = ""
    held_by_person: bool = True


@dataclass
class PersonInput:
    fear_of_return: str = ""
    fear_of_return_notes: str = ""
    given_name: str = ""
    father_name: str = ""
    grandfather_name: str = ""
    family_name: str = ""
    second_family_name: str = ""
    name_in_original_script: str = ""
    name_as_spoken: str = ""
    aliases: list[str] = field(default_factory=list)
    sex: str = Sex.UNKNOWN
    birth_date: str | dt.date | None = None
    birth_date_estimated: bool = False
    age: int | None = None
    place_of_birth: str = ""
    country_of_birth: str = ""
    nationality_declared: str = ""
    nationality_declared_status: str = ""
    nationality_assessed: str = ""
    nationality_assessed_status: str = ""
    nationality_assessment_basis: str = ""
    languages: list[str] = field(default_factory=list)
    interpreter_language: str = ""
    phone: str = ""
    contact_notes: str = ""
    documents: list[DocumentInput] = field(default_factory=list)


@dataclass
class ArrivalInput:
    registration_point: RegistrationPoint
    arrived_at: dt.datetime
    mode: str
    circumstance: str = Arrival.Circumstance.AT_ENTRY
    place_of_apprehension: str = ""
    sea_event: str = ""
    vessel_or_vehicle: str = ""
    country_of_departure: str = ""
    route: str = ""
    intended_destination: str = ""
    deaths_reported: int = 0
    missing_reported: int = 0
    notes: str = ""


@dataclass
class GroupMemberInput:
    person_index: int  # position in the batch being registered
    relationship_to_head: str


@dataclass
class GroupInput:
    kind: str
    members: list[GroupMemberInput]
    notes: str = ""


# On the batch screen and in files, rows with the same label form one group; its first letter
# says which kind (F1 family, H2 household, T3 travel group).
GROUP_KIND_BY_PREFIX = {"F": "family", "H": "household", "T": "travel_group"}
# The groups of kin or of one household, whose members are the people a person was registered with
# (the duplicate checks compare them); a travel group is not: a boat is not a household.
KIN_GROUP_KINDS = ("family", "household")


def group_kind(label: str) -> str:
    """The kind of group a batch label names by its first letter (F1, H2, T1); a family otherwise."""
    return GROUP_KIND_BY_PREFIX.get(label[:1].upper(), "family")


def groups_from_labels(labels: dict[str, list[GroupMemberInput]]) -> list[GroupInput]:
    return [GroupInput(group_kind(label), members) for label, members in labels.items()]


# ---------------------------------------------------------------------------------------------
# Validation: collect every problem at once, so a person fixes a form in one pass.


# Choice values as sets, built once: prepare_person runs for every row of a 100,000-row file.
_FEAR_VALUES = frozenset(FearOfReturn.values)
_SEX_VALUES = frozenset(Sex.values)
_NATIONALITY_STATUS_VALUES = frozenset(NationalityStatus.values)
_DOCUMENT_KINDS = frozenset(IdentityDocument.Kind.values)
_AUTHENTICITY_VALUES = frozenset(IdentityDocument.Authenticity.values)


@dataclass
class PreparedPerson:
    values: dict[str, Any]
    aliases: list[str]
    documents: list[dict[str, Any]]


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def prepare_person(data: PersonInput, *, registered_on: dt.date) -> tuple[PreparedPerson | None, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}

    def fail(error: FieldError) -> None:
        errors.setdefault(error.field, []).append(error.message)

    names = {n: _clean(getattr(data, n)) for n in (
        "given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
        "name_in_original_script", "name_as_spoken")}
    if not (names["given_name"] or names["family_name"] or names["name_in_original_script"]):
        fail(FieldError("given_name", _("Write at least one name, in any script.")))

    if data.fear_of_return not in _FEAR_VALUES:
        fail(FieldError("fear_of_return", _(
            "Ask whether the person fears return and record the answer: this question is never skipped.")))
    elif data.fear_of_return == FearOfReturn.UNABLE_TO_ANSWER and not _clean(data.fear_of_return_notes):
        fail(FieldError("fear_of_return_notes", _("Say why the person could not answer.")))

    if data.sex not in _SEX_VALUES:
        fail(FieldError("sex", _("Sex must be one of F, M, X or U.")))

    birth = BirthDate(None, "unknown")
    try:
        if isinstance(data.birth_date, dt.date):
            birth = BirthDate(data.birth_date, "estimated" if data.birth_date_estimated else "exact")
        elif data.birth_date:
            birth = parse_birth_date(str(data.birth_date))
            if data.birth_date_estimated:
                birth = BirthDate(birth.date, "estimated")
        elif data.age is not None:
            birth = birth_date_from_age(data.age, registered_on)
        check_birth_date(birth, registered_on=registered_on, stated_age=data.age)
    except FieldError as error:
        fail(error)

    countries: dict[str, str] = {}
    for name in ("country_of_birth", "nationality_declared", "nationality_assessed"):
        try:
            countries[name] = country_or_blank(name, getattr(data, name))
        except FieldError as error:
            fail(error)
            countries[name] = ""

    statuses: dict[str, str] = {}
    for which in ("declared", "assessed"):
        code = countries.get(f"nationality_{which}", "")
        status = getattr(data, f"nationality_{which}_status") or (
            NationalityStatus.KNOWN if code else NationalityStatus.UNKNOWN)
        if status not in _NATIONALITY_STATUS_VALUES:
            fail(FieldError(f"nationality_{which}_status", _("Unknown nationality status “%(status)s”.") % {"status": status}))
        elif status == NationalityStatus.KNOWN and not code:
            fail(FieldError(f"nationality_{which}", _("Give the country code, or mark the nationality unknown or disputed.")))
        elif status in (NationalityStatus.UNKNOWN, NationalityStatus.STATELESS) and code:
            fail(FieldError(f"nationality_{which}", _(
                "A nationality marked unknown or stateless cannot also name a country; mark it disputed instead.")))
        statuses[which] = status

    languages: list[str] = []
    for code in data.languages:
        try:
            languages.append(language_or_error("languages", code))
        except FieldError as error:
            fail(error)
    interpreter = ""
    if data.interpreter_language:
        try:
            interpreter = language_or_error("interpreter_language", data.interpreter_language)
        except FieldError as error:
            fail(error)

    documents: list[dict[str, Any]] = []
    for position, document in enumerate(data.documents, start=1):
        prefix = f"documents.{position}"
        if document.kind not in _DOCUMENT_KINDS:
            fail(FieldError(f"{prefix}.kind", _("Unknown kind of document “%(kind)s”.") % {"kind": document.kind}))
        normalised = normalise_document_number(document.number)
        if not normalised:
            fail(FieldError(f"{prefix}.number", _("A document needs its number.")))
        try:
            issuer = country_or_blank(f"{prefix}.issuing_country", document.issuing_country)
        except FieldError as error:
            fail(error)
            issuer = ""
        if document.issued_on and document.expires_on and document.expires_on < document.issued_on:
            fail(FieldError(f"{prefix}.expires_on", _("The document expires before it was issued.")))
        if document.authenticity not in _AUTHENTICITY_VALUES:
            fail(FieldError(f"{prefix}.authenticity", _("Unknown authenticity “%(value)s”.") % {"value": document.authenticity}))
        documents.append({
            "kind": document.kind, "number": _clean(document.number), "number_normalised": normalised,
            "issuing_country": issuer, "issued_on": document.issued_on, "expires_on": document.expires_on,
            "authenticity": document.authenticity, "authenticity_notes": _clean(document.authenticity_notes),
            "held_by_person": document.held_by_person,
        })

    if errors:
        return None, errors
    values = {
        **names,
        "sex": data.sex,
        "birth_date": birth.date,
        "birth_date_precision": birth.precision,
        "place_of_birth": _clean(data.place_of_birth),
        "country_of_birth": countries["country_of_birth"],
        "nationality_declared": countries["nationality_declared"],
        "nationality_declared_status": statuses["declared"],
        "nationality_assessed": countries["nationality_assessed"],
        "nationality_assessed_status": statuses["assessed"],
        "nationality_assessment_basis": _clean(data.nationality_assessment_basis),
        "languages": languages,
        "interpreter_language": interpreter,
        "phone": _clean(data.phone),
        "contact_notes": _clean(data.contact_notes),
        "fear_of_return": data.fear_of_return,
        "fear_of_return_notes": (data.fear_of_return_notes or "").strip(),
    }
    aliases = [a for a in (_clean(a) for a in data.aliases) if a]
    return PreparedPerson(values, aliases, documents), errors


def _search_keys(values: dict[str, Any], aliases: Sequence[str]) -> set[str]:
    return name_keys(
        values.get("given_name", ""), values.get("father_name", ""), values.get("grandfather_name", ""),
        values.get("family_name", ""), values.get("second_family_name", ""),
        values.get("name_in_original_script", ""), *aliases,
    )


def _existing_document_owners(documents: Sequence[dict[str, Any]]) -> dict[tuple[str, str, str], Person]:
    if not documents:
        return {}
    numbers = {d["number_normalised"] for d in documents}
    found: dict[tuple[str, str, str], Person] = {}
    for chunk_start in range(0, len(numbers), 900):
        chunk = list(numbers)[chunk_start:chunk_start + 900]
        for existing in IdentityDocument.objects.filter(number_normalised__in=chunk).select_related("person"):
            found[(existing.kind, existing.issuing_country, existing.number_normalised)] = existing.person
    return found


def check_document_duplicates(prepared: Sequence[PreparedPerson]) -> dict[int, dict[str, list[str]]]:
    """Duplicate numbers within the batch and against documents already recorded."""
    problems: dict[int, dict[str, list[str]]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    all_documents = [d for p in prepared for d in p.documents]
    existing = _existing_document_owners(all_documents)
    for index, person in enumerate(prepared):
        for position, document in enumerate(person.documents, start=1):
            key = (document["kind"], document["issuing_country"], document["number_normalised"])
            field_name = f"documents.{position}.number"
            if key in existing:
                problems.setdefault(index, {}).setdefault(field_name, []).append(
                    _("Document %(number)s is already recorded for %(reference)s.")
                    % {"number": document["number"], "reference": existing[key].reference})
            elif key in seen:
                problems.setdefault(index, {}).setdefault(field_name, []).append(
                    _("Document %(number)s appears twice in this registration (also person %(other)s).")
                    % {"number": document["number"], "other": seen[key] + 1})
            else:
                seen[key] = index
    return problems


# ---------------------------------------------------------------------------------------------
# Writes.


def _arrival_values(data: ArrivalInput) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if data.mode not in Arrival.Mode.values:
        errors["mode"] = [_("Choose land, sea or air.")]
    if data.sea_event and data.mode != Arrival.Mode.SEA:
        errors["sea_event"] = [_("What happened at sea applies only to arrivals by sea.")]
    if data.sea_event and data.sea_event not in Arrival.SeaEvent.values:
        errors["sea_event"] = [_("Unknown sea event “%(value)s”.") % {"value": data.sea_event}]
    if data.circumstance not in Arrival.Circumstance.values:
        errors["circumstance"] = [_("Unknown circumstance.")]
    if data.circumstance == Arrival.Circumstance.INLAND and not _clean(data.place_of_apprehension):
        errors["place_of_apprehension"] = [_("Say where the people were apprehended.")]
    if timezone.is_naive(data.arrived_at):
        errors["arrived_at"] = [_("Give the time of arrival with its time zone.")]
    elif data.arrived_at > timezone.now() + dt.timedelta(minutes=10):
        errors["arrived_at"] = [_("The arrival cannot be in the future.")]
    if data.deaths_reported < 0 or data.missing_reported < 0:
        errors["deaths_reported"] = [_("Numbers of deaths and missing cannot be negative.")]
    countries = {}
    for name in ("country_of_departure", "intended_destination"):
        try:
            countries[name] = country_or_blank(name, getattr(data, name))
        except FieldError as error:
            errors.setdefault(name, []).append(error.message)
    if errors:
        raise RegistrationRefused(errors)
    return {
        "registration_point": data.registration_point,
        "arrived_at": data.arrived_at,
        "circumstance": data.circumstance,
        "place_of_apprehension": _clean(data.place_of_apprehension),
        "mode": data.mode,
        "sea_event": data.sea_event,
        "vessel_or_vehicle": _clean(data.vessel_or_vehicle),
        "route": _clean(data.route),
        "deaths_reported": data.deaths_reported,
        "missing_reported": data.missing_reported,
        "notes": data.notes.strip(),
        **countries,
    }


def register_arrival(actor: Actor, data: ArrivalInput) -> Arrival:
    _require(actor, "registry.register")
    values = _arrival_values(data)
    with transaction.atomic():
        arrival = Arrival.objects.create(
            reference=unused_reference("A", Arrival),
            owner_organisation=actor.user.organisation,
            registered_by=actor.user,
            registered_at=timezone.now(),
            **values,
        )
        record_event(actor, "arrival.registered", object_type="arrival", object_uuid=arrival.uuid,
                     details={"registration_point": str(data.registration_point.uuid), "mode": data.mode})
    return arrival


def update_arrival(actor: Actor, arrival: Arrival, data: ArrivalInput) -> Arrival:
    _require(actor, "registry.register")
    values = _arrival_values(data)
    with transaction.atomic():
        changed = {k: str(v) for k, v in values.items() if getattr(arrival, k) != v}
        for key, value in values.items():
            setattr(arrival, key, value)
        arrival.save()
        record_event(actor, "arrival.corrected", object_type="arrival", object_uuid=arrival.uuid,
                     details={"fields": sorted(changed)})
    return arrival


@dataclass
class BatchResult:
    people: list[Person]
    groups: list[Group]


class BatchRefused(BusinessRuleViolation):
    """Nothing was saved; ``errors`` maps the position of each refused person (0-based) to its
    field errors, and ``group_errors`` lists problems with the groups."""

    def __init__(self, errors: dict[int, dict[str, list[str]]], group_errors: list[str] | None = None) -> None:
        count = len(errors) + len(group_errors or [])
        super().__init__(_("Nothing was saved: %(count)s problem(s) to fix first.") % {"count": count})
        self.errors = errors
        self.group_errors = group_errors or []


def group_problems(groups: Sequence[GroupInput], people_count: int) -> list[str]:
    """What is wrong with the groups of a batch of ``people_count`` people (each needs one head;
    a person in one group of a kind), in words; empty when nothing is."""
    problems: list[str] = []
    placed: dict[int, int] = {}
    for number, group in enumerate(groups, start=1):
        if group.kind not in Group.Kind.values:
            problems.append(_("Group %(n)s: unknown kind “%(kind)s”.") % {"n": number, "kind": group.kind})
        heads = [m for m in group.members if m.relationship_to_head == Relationship.HEAD]
        if len(heads) != 1:
            problems.append(_("Group %(n)s needs exactly one head.") % {"n": number})
        for member in group.members:
            if not 0 <= member.person_index < people_count:
                problems.append(_("Group %(n)s names a person who is not in this registration.") % {"n": number})
            elif member.relationship_to_head not in Relationship.values:
                problems.append(_("Group %(n)s: unknown relationship “%(rel)s”.") % {"n": number, "rel": member.relationship_to_head})
            elif member.person_index in placed and groups[placed[member.person_index]].kind == group.kind:
                problems.append(_("Person %(p)s is in two groups of the same kind.") % {"p": member.person_index + 1})
            else:
                placed[member.person_index] = number - 1
    return problems


def register_people(
    actor: Actor,
    people: Sequence[PersonInput],
    *,
    arrival: Arrival | None,
    groups: Sequence[GroupInput] = (),
    registration_point: RegistrationPoint | None = None,
    source: str = "form",
    source_details: dict[str, Any] | None = None,
    already_registered: Mapping[int, Person] | None = None,
) -> BatchResult:
    """Register one person, a boat or a file of people: all of them, or none.

    ``already_registered``: positions of ``people`` that an officer recognised as someone registered
    before (``linkage.selectors.likely_earlier_registrations``). They are not registered again:
    the person registered before is recorded as arriving with ``arrival`` and takes that position
    in ``groups``; what was typed for them is neither checked nor kept."""
    _require(actor, "registry.register")
    user = actor.user
    already = dict(already_registered or {})
    if not people:
        raise BatchRefused({}, [_("There is nobody to register.")])
    registered_on = (arrival.arrived_at if arrival else timezone.now()).date()
    prepared: list[PreparedPerson] = []
    positions: list[int] = []  # position in the batch of each prepared person
    errors: dict[int, dict[str, list[str]]] = {}
    for index, person_input in enumerate(people):
        if index in already:
            continue
        person, problems = prepare_person(person_input, registered_on=registered_on)
        if problems:
            errors[index] = problems
        else:
            assert person is not None
            prepared.append(person)
            positions.append(index)
    for prepared_index, problems in check_document_duplicates(prepared).items():
        for field_name, messages in problems.items():
            errors.setdefault(positions[prepared_index], {}).setdefault(field_name, []).extend(messages)
    group_errors = group_problems(groups, len(people))
    if len({person.pk for person in already.values()}) < len(already):
        group_errors.append(_("The same person registered before was chosen for two rows."))
    if errors or group_errors:
        raise BatchRefused(dict(sorted(errors.items())), group_errors)

    point = arrival.registration_point if arrival else registration_point
    now = timezone.now()
    country = (point.country if point else "") or user.country
    references = _unused_references(country or "TP", len(prepared))
    persons = [
        Person(
            reference=reference,
            owner_organisation=user.organisation,
            country=country,
            first_registration_point=point,
            registered_at=now,
            updated_at=now,
            registered_by=user,
            **p.values,
            first_given_name_token=_first_given_name_token(p.values),
        )
        for p, reference in zip(prepared, references, strict=True)
    ]
    try:
        with transaction.atomic():
            _insert_objects(Person, persons)
            _insert_rows(PersonNameKey, ("person_id", "key", "birth_year"), (
                (person.uuid, key, _year_of(person)) for person, p in zip(persons, prepared, strict=True)
                for key in sorted(_search_keys(p.values, p.aliases))))
            invalidate_key_vocabulary()
            PersonAlias.objects.bulk_create(
                [PersonAlias(person=person, name=alias)
                 for person, p in zip(persons, prepared, strict=True) for alias in p.aliases],
                batch_size=1000,
            )
            _insert_objects(IdentityDocument, [IdentityDocument(person=person, **document)
                                               for person, p in zip(persons, prepared, strict=True)
                                               for document in p.documents])
            if arrival is not None:
                _insert_rows(ArrivalPerson, ("arrival_id", "person_id"), ((arrival.uuid, person.uuid) for person in persons))
                for known in already.values():
                    ArrivalPerson.objects.get_or_create(arrival=arrival, person=known)
            at_position: dict[int, Person] = {**dict(zip(positions, persons, strict=True)), **already}
            created_groups = [
                _create_group(actor, group, [at_position[m.person_index] for m in group.members],
                              [m.relationship_to_head for m in group.members], arrival, now)
                for group in groups
            ]
            if len(persons) == 1 and not already:
                record_event(actor, "person.registered", object_type="person", object_uuid=persons[0].uuid,
                             details={"arrival": str(arrival.uuid) if arrival else None, "source": source})
            else:
                record_event(
                    actor, "people.registered", object_type="arrival" if arrival else "batch",
                    object_uuid=arrival.uuid if arrival else None,
                    details={"source": source, "count": len(persons),
                             "people": [str(p.uuid) for p in persons], **(source_details or {}),
                             **({"already_registered": [str(p.uuid) for p in already.values()]} if already else {})},
                )
    except IntegrityError as error:
        # Two officers registering the same document at the same moment: the loser is told.
        raise BatchRefused({}, [_("Another registration saved the same document first; search for it. (%(error)s)")
                                % {"error": error}]) from error
    return BatchResult(persons, created_groups)


def _unused_references(prefix: str, count: int) -> list[str]:
    """``count`` new person references, distinct from each other and from those already given.

    References are random, 31^8 of them: among a million people two draws would coincide about
    every other import, so the batch is checked against itself and the register and redrawn."""
    references: dict[str, None] = {}  # insertion-ordered set
    while len(references) < count:
        drawn = [r for r in dict.fromkeys(new_reference(prefix) for _ in range(count - len(references)))
                 if r not in references]
        taken: set[str] = set()
        for start in range(0, len(drawn), 10_000):
            taken.update(Person.objects.filter(reference__in=drawn[start:start + 10_000])
                         .values_list("reference", flat=True))
        references.update(dict.fromkeys(r for r in drawn if r not in taken))
    return list(references)


# An import that adds this many people refreshes the search's statistics itself (see below).
LARGE_IMPORT = 10_000


def refresh_search_statistics() -> None:
    """Let PostgreSQL plan and run the search well right after a large import.

    Until the tables are analysed, the planner guesses how many people bear a name; until they
    are vacuumed, the name-key index cannot be read without visiting the table. Measured at a
    million people (benchmarks/RESULTS.md), the registration duplicate check's p95 was 205 ms
    after ANALYZE alone and 106 ms after VACUUM ANALYZE. Autovacuum would do this within
    minutes where it is on; the import does not wait for it. VACUUM cannot run inside a
    transaction, so inside one (a caller's atomic block) only ANALYZE is run. SQLite is left
    alone: its search was measured fast without (same file)."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in (Person, PersonNameKey))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM (ANALYZE) {tables}")


def _first_given_name_token(values: dict[str, Any]) -> str:
    """``Person.first_given_name_token`` of a person's prepared values (derived, so not among the
    fields a correction lists as changed)."""
    token = first_given_name_token(values.get("given_name", ""), values.get("father_name", ""),
                                   values.get("grandfather_name", ""))
    return token[:Person._meta.get_field("first_given_name_token").max_length]


def _year_of(person: Person) -> int | None:
    """The birth year kept with a person's search keys (``PersonNameKey.birth_year``)."""
    return person.birth_date.year if person.birth_date else None


def _insert_objects(model: type[Any], objects: list[Any]) -> None:
    """``bulk_create`` for a file's people and their documents; on PostgreSQL by COPY instead of the
    ORM's batched INSERT (importing 100,000 people: 31.1-31.5 s before, 22.1-27.7 s after, same
    machine; benchmarks/RESULTS.md). The objects are marked saved, as ``bulk_create`` marks them."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=1000)
        return
    fields = [field for field in model._meta.concrete_fields if not field.generated]
    _insert_rows(model, tuple(field.attname for field in fields),
                 (tuple(field.pre_save(instance, True) for field in fields) for instance in objects))
    for instance in objects:
        instance._state.adding, instance._state.db = False, connection.alias


def _insert_rows(model: type[Any], columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    """Plain inserts for the narrow link tables (search keys, arrival members): the ORM's
    per-object work costs more than the insert itself at 100,000 people (benchmarks/registration.py).
    PostgreSQL takes them by COPY; other databases by multi-row INSERT statements."""
    fields = [model._meta.get_field(name) for name in columns]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    prepared = ([f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=True)] for row in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in prepared:
                    copy.write_row(values)
            return
        per_statement = max(1, min(500, 999 // len(fields)))
        batch: list[Any] = []
        count = 0
        for values in prepared:
            batch.extend(values)
            count += 1
            if count == per_statement:
                placeholders = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * count)
                cursor.execute(f"INSERT INTO {table} ({names}) VALUES {placeholders}", batch)  # noqa: S608
                batch, count = [], 0
        if count:
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * count)
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {placeholders}", batch)  # noqa: S608


def _create_group(actor: Actor, group: GroupInput, members: Sequence[Person], relationships: Sequence[str],
                  arrival: Arrival | None, now: dt.datetime) -> Group:
    created = Group.objects.create(
        reference=unused_reference("G", Group), kind=group.kind, owner_organisation=actor.user.organisation,
        arrival=arrival, created_by=actor.user, created_at=now, notes=group.notes.strip(),
    )
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=created, person=person, relationship_to_head=relationship)
         for person, relationship in zip(members, relationships, strict=True)]
    )
    return created


def register_group(actor: Actor, *, kind: str, members: Sequence[tuple[Person, str]],
                   arrival: Arrival | None = None, notes: str = "") -> Group:
    """Group people already registered (a family found to belong together after registration)."""
    _require(actor, "registry.register")
    group_input = GroupInput(kind=kind, notes=notes, members=[
        GroupMemberInput(index, relationship) for index, (_person, relationship) in enumerate(members)])
    problems = group_problems([group_input], len(members))
    if problems:
        raise BatchRefused({}, problems)
    with transaction.atomic():
        group = _create_group(actor, group_input, [p for p, _r in members], [r for _p, r in members],
                              arrival, timezone.now())
        record_event(actor, "group.registered", object_type="group", object_uuid=group.uuid,
                     details={"members": [str(p.uuid) for p, _r in members], "kind": kind})
    return group


def add_people_to_arrival(actor: Actor, arrival: Arrival, people: Sequence[Person]) -> None:
    """Record a new arrival of people already registered (a secondary movement)."""
    _require(actor, "registry.register")
    with transaction.atomic():
        for person in people:
            ArrivalPerson.objects.get_or_create(arrival=arrival, person=person)
        record_event(actor, "arrival.people_added", object_type="arrival", object_uuid=arrival.uuid,
                     details={"people": [str(p.uuid) for p in people]})


_CORRECTABLE = tuple(f.name for f in fields(PersonInput) if f.name not in {"documents", "aliases"})


# Sent together or not at all: a new date without its "estimated" flag is a date known, and an
# age replaces the date it was estimated from.
_BIRTH_DATE_GROUP = ("birth_date", "birth_date_estimated", "age")


def person_as_input(person: Person) -> PersonInput:
    """The stored record as a correction would send it back unchanged (a partial date as written)."""
    names = set(_CORRECTABLE) - {"languages", *_BIRTH_DATE_GROUP}
    birth_date = birth_date_as_written(person.birth_date, person.birth_date_precision) or None
    return PersonInput(**{name: getattr(person, name) for name in names}, birth_date=birth_date,
                       birth_date_estimated=person.birth_date_precision == BirthDatePrecision.ESTIMATED,
                       languages=list(person.languages))


def partial_correction(person: Person, changes: Mapping[str, Any]) -> PersonInput:
    """The record with only ``changes`` applied: what a client leaves out keeps its stored value."""
    if any(name in changes for name in _BIRTH_DATE_GROUP):
        defaults = PersonInput()
        changes = {**{name: getattr(defaults, name) for name in _BIRTH_DATE_GROUP}, **changes}
    return replace(person_as_input(person), **changes)


def correct_person(actor: Actor, person: Person, data: PersonInput, *, expected_version: int) -> Person:
    """Correct a person's record. An edit made on an older version is refused, never merged
    silently over someone else's change."""
    _require(actor, "registry.register")
    if person.owner_organisation_id != actor.user.organisation_id or getattr(person, "is_masked", False):
        # A share lets another organisation see a person, never rewrite the record.
        raise PermissionDenied(_("Only the organisation responsible for this person can correct the record."))
    prepared, errors = prepare_person(data, registered_on=person.registered_at.date())
    if errors:
        raise RegistrationRefused(errors)
    assert prepared is not None
    with transaction.atomic():
        updated = Person.objects.filter(uuid=person.uuid, version=expected_version).update(
            version=expected_version + 1, updated_at=timezone.now(), **prepared.values,
            first_given_name_token=_first_given_name_token(prepared.values))
        if not updated:
            raise StaleVersion(_(
                "Someone else changed this record while you were editing it. Reload it and make your change again."),
                field="version")
        changed = sorted(k for k, v in prepared.values.items() if getattr(person, k) != v)
        person.refresh_from_db()
        aliases = list(person.aliases.values_list("name", flat=True))
        PersonNameKey.objects.filter(person=person).delete()
        PersonNameKey.objects.bulk_create(
            [PersonNameKey(person=person, key=k, birth_year=_year_of(person))
             for k in sorted(_search_keys(prepared.values, aliases))])
        invalidate_key_vocabulary()
        record_event(actor, "person.corrected", object_type="person", object_uuid=person.uuid,
                     details={"fields": changed, "version": person.version})
    return person


def add_document(actor: Actor, person: Person, document: DocumentInput) -> IdentityDocument:
    _require(actor, "registry.register")
    holder = PersonInput(fear_of_return=person.fear_of_return, fear_of_return_notes=person.fear_of_return_notes or "-",
                         given_name=person.given_name or "-", documents=[document])
    prepared, errors = prepare_person(holder, registered_on=timezone.now().date())
    document_errors = {k: v for k, v in errors.items() if k.startswith("documents.")}
    if document_errors:
        raise RegistrationRefused(document_errors)
    assert prepared is not None
    duplicates = check_document_duplicates([prepared])
    if duplicates:
        raise RegistrationRefused(duplicates[0])
    with transaction.atomic():
        created = IdentityDocument.objects.create(person=person, **prepared.documents[0])
        record_event(actor, "person.document_added", object_type="person", object_uuid=person.uuid,
                     details={"kind": created.kind})
    return created


def add_alias(actor: Actor, person: Person, name: str, kind: str = PersonAlias.Kind.ALIAS) -> PersonAlias:
    _require(actor, "registry.register")
    if not _clean(name):
        raise RegistrationRefused({"name": [_("Write the alias.")]})
    if kind not in PersonAlias.Kind.values:
        raise RegistrationRefused({"kind": [_("Unknown kind of name.")]})
    with transaction.atomic():
        alias = PersonAlias.objects.create(person=person, name=_clean(name), kind=kind)
        existing = set(PersonNameKey.objects.filter(person=person).values_list("key", flat=True))
        PersonNameKey.objects.bulk_create(
            [PersonNameKey(person=person, key=k, birth_year=_year_of(person)) for k in sorted(name_keys(name) - existing)])
        invalidate_key_vocabulary()
        # The record changed (a name more to find them by): a duplicate review of the people
        # changed since its last run compares them again.
        Person.objects.filter(uuid=person.uuid).update(updated_at=timezone.now())
        record_event(actor, "person.alias_added", object_type="person", object_uuid=person.uuid)
    return alias


ERASED_NAME = "—"


def anonymise_person(actor: Actor, person: Person, *, reason: str) -> Person:
    """Remove everything that identifies the person and keep what statistics count: sex, year of
    birth, nationality codes and statuses, country, dates and registration point."""
    with transaction.atomic():
        year_only = person.birth_date.replace(month=1, day=1) if person.birth_date else None
        Person.objects.filter(uuid=person.uuid).update(
            reference=unused_reference("ERASED", Person), given_name=ERASED_NAME, father_name="", grandfather_name="",
            first_given_name_token="",
            family_name="", second_family_name="", name_in_original_script="", name_as_spoken="",
            birth_date=year_only, birth_date_precision="year" if year_only else "unknown",
            place_of_birth="", nationality_assessment_basis="", phone="", contact_notes="", photo="",
            fear_of_return_notes="", updated_at=timezone.now(), version=person.version + 1,
        )
        if person.photo:
            person.photo.delete(save=False)
        PersonAlias.objects.filter(person=person).delete()
        PersonNameKey.objects.filter(person=person).delete()
        IdentityDocument.objects.filter(person=person).delete()
        record_event(actor, "person.anonymised", object_type="person", object_uuid=person.uuid,
                     details={"reason": reason.strip()[:300]})
        person.refresh_from_db()
    return person


def transfer_responsibility(actor: Actor, person: Person, organisation: Any, *, reason: str) -> Person:
    """Hand a case to another organisation (a transfer). The caller has checked consent."""
    if person.owner_organisation_id != actor.user.organisation_id:
        raise PermissionDenied(_("Only the organisation responsible for this person can transfer the case."))
    with transaction.atomic():
        previous = person.owner_organisation_id
        Person.objects.filter(uuid=person.uuid).update(owner_organisation=organisation, updated_at=timezone.now(),
                                                       version=person.version + 1)
        record_event(actor, "person.transferred", object_type="person", object_uuid=person.uuid,
                     details={"from": str(previous), "to": str(organisation.pk), "reason": reason.strip()[:300]})
        person.refresh_from_db()
    return person


MAX_PHOTO_BYTES = 5 * 1024 * 1024
# What Pillow calls the formats a photo may have, and what they are served as.
PHOTO_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


def encrypt_photos_again() -> int:
    """Every stored photo re-encrypted with the current field key (a photo kept before photos were
    encrypted is encrypted now); for ``rotate-field-keys``. How many were rewritten.

    Each is written under a new name first and the record pointed at it, then the old file is
    removed: an interruption leaves a photo readable, never lost."""
    cipher = field_cipher()
    storage = Person._meta.get_field("photo").storage
    rewritten = 0
    for person_uuid, name in Person.objects.exclude(photo="").values_list("uuid", "photo"):
        with storage.open(name, "rb") as stored:
            before = stored.read()
        after = cipher.rotate_bytes(before)
        if after == before:
            continue
        new_name = storage.save(name, ContentFile(after))
        Person.objects.filter(uuid=person_uuid).update(photo=new_name)
        storage.delete(name)
        rewritten += 1
    return rewritten


def set_photo(actor: Actor, person: Person, upload: Any) -> Person:
    """Keep a photo of the person, only with their consent to a photo (or an audited override)."""
    from PIL import Image, UnidentifiedImageError

    from tenpoint.dataprotection.services import require_consent

    _require(actor, "registry.register")
    if person.owner_organisation_id != actor.user.organisation_id:
        raise PermissionDenied(_("Only the organisation responsible for this person can correct the record."))
    require_consent(person, "photo")
    if upload.size > MAX_PHOTO_BYTES:
        raise RegistrationRefused({"photo": [_("The photo is larger than 5 MB.")]})
    try:
        picture = Image.open(upload)
        picture.verify()
    except (UnidentifiedImageError, OSError):
        raise RegistrationRefused({"photo": [_("This file is not a picture (JPEG or PNG).")]}) from None
    if picture.format not in PHOTO_CONTENT_TYPES:
        raise RegistrationRefused({"photo": [_("This file is not a picture (JPEG or PNG).")]})
    upload.seek(0)
    # Encrypted at rest like the sensitive details: a face identifies a refugee as surely as a name.
    stored = ContentFile(field_cipher().encrypt_bytes(upload.read()))
    with transaction.atomic():
        if person.photo:
            person.photo.delete(save=False)
        person.photo.save(f"{person.uuid}.photo", stored, save=False)
        Person.objects.filter(uuid=person.uuid).update(photo=person.photo.name, updated_at=timezone.now(),
                                                       version=person.version + 1)
        record_event(actor, "person.photo_added", object_type="person", object_uuid=person.uuid)
    person.refresh_from_db()
    return person


# ---------------------------------------------------------------------------------------------
# Name search keys after the known names changed


@dataclass(frozen=True)
class NameKeysRebuilt:
    people: int
    rewritten: int  # people whose keys differed and were written again
    known_names_version: int


def rebuild_name_keys(actor: Actor, *, progress: Callable[[int, int], None] | None = None) -> NameKeysRebuilt:
    """Every person's name search keys computed again from their names and aliases as the known
    names now are (lib/known_names.yaml), and written where they differ; then the version they
    were built with is recorded (``NameKeyState``) and the run audited.

    For after the list was edited: a spelling listed since then finds the people registered
    before only once their keys are written again. Each chunk of people is its own transaction,
    so a run stopped half way leaves every person with whole keys, and running it again finishes
    the rest (those done compare equal and are not written). Derived keys only: no one's record
    changes, and nothing is shown to anyone.
    """
    from django.apps import apps

    # The migrations' re-keying (0004, 0009, 0010) is the same work on all people.
    from tenpoint.registry.migrations import _rekeying

    people = sorted(Person.objects.values_list("pk", flat=True), key=str)
    rewritten = _rekeying.rekey_people(apps, people, connection, progress)
    invalidate_key_vocabulary()
    with transaction.atomic():
        NameKeyState.objects.update_or_create(
            id=1, defaults={"known_names_version": KNOWN_NAMES_VERSION, "rebuilt_at": timezone.now()})
        record_event(actor, "registry.name_keys_rebuilt", object_type="name_keys",
                     details={"people": len(people), "rewritten": rewritten,
                              "known_names_version": KNOWN_NAMES_VERSION})
    return NameKeysRebuilt(people=len(people), rewritten=rewritten, known_names_version=KNOWN_NAMES_VERSION)
