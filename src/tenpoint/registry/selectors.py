"""Reads of people. Every read goes through here: the user's scope is applied and the access is
audited, whatever the channel (page, API, export, command line)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.fields import field_cipher
from tenpoint.dataprotection.selectors import shared_with_organisation
from tenpoint.lib.names import name_skeleton, name_tokens, normalise_name, words_as_written
from tenpoint.registry.family import ChildStatus, Member, child_statuses
from tenpoint.registry.models import (
    PENDING_IMPORT_KEPT_FOR,
    Arrival,
    Group,
    GroupMembership,
    NameKeyState,
    PendingImport,
    Person,
    PersonAlias,
    PersonNameKey,
)
from tenpoint.registry.validation import normalise_document_number


def people_visible_to(user: Any) -> QuerySet[Person]:
    """Need-to-know: people registered by the user's own organisation, in the user's country."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_role_permission("registry.view_person"):
        return Person.objects.none()
    if not user.organisation_id:
        return Person.objects.none()
    own = Q(owner_organisation_id=user.organisation_id)
    if user.country:
        own &= Q(country=user.country)
    # Another organisation's people only under a recorded referral, transfer or agreement.
    shared = Q(uuid__in=shared_with_organisation(user.organisation_id))
    return Person.objects.filter(own | shared).for_viewer(user)


def bearers_of_first_given_name(actor: Actor, token: str) -> tuple[int, int]:
    """How many men and how many women of the user's own organisation have ``token`` as their first
    given name (``Person.first_given_name_token``): what the register says of the sex of a name,
    for a record with none. Counts only, no one's record: nothing to audit."""
    user = actor.user
    if not token or not user.organisation_id or not user.has_role_permission("registry.view_person"):
        return 0, 0
    counted = dict(Person.objects.filter(owner_organisation_id=user.organisation_id, first_given_name_token=token,
                                         sex__in=("M", "F")).order_by().values_list("sex").annotate(people=Count("pk")))
    return counted.get("M", 0), counted.get("F", 0)


def visible_people_by_uuid(user: Any, uuids: Any) -> dict[uuid.UUID, Person]:
    """The people of these UUIDs the user may see, by UUID (an unknown or unseen one is left out):
    whom an officer said a typed person is (\"registered already\": the forms, the API)."""
    return {p.uuid: p for p in people_visible_to(user).filter(uuid__in=list(uuids))}


def arrivals_visible_to(user: Any) -> QuerySet[Arrival]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_role_permission("registry.view_person"):
        return Arrival.objects.none()
    arrivals = Arrival.objects.filter(owner_organisation_id=user.organisation_id)
    if user.country:
        arrivals = arrivals.filter(registration_point__country=user.country)
    return arrivals


def groups_visible_to(user: Any) -> QuerySet[Group]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_role_permission("registry.view_person"):
        return Group.objects.none()
    return Group.objects.filter(owner_organisation_id=user.organisation_id)


def get_person(actor: Actor, person_uuid: uuid.UUID | str, *, purpose: str = "case work") -> Person:
    """One person, if the user may see them; the access is audited."""
    try:
        person = people_visible_to(actor.user).get(uuid=person_uuid)
    except (Person.DoesNotExist, ValueError, ValidationError):
        # The same answer for "does not exist" and "not yours": existence itself is personal data.
        raise Http404(_("No such person, or not visible to you.")) from None
    record_event(actor, "person.viewed", object_type="person", object_uuid=person.uuid, purpose=purpose)
    return person


def get_arrival(actor: Actor, arrival_uuid: uuid.UUID | str) -> Arrival:
    """An arrival, with the list of its people: a read of personal data, audited."""
    try:
        arrival = arrivals_visible_to(actor.user).select_related("registration_point").get(uuid=arrival_uuid)
    except (Arrival.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("No such arrival, or not visible to you.")) from None
    record_event(actor, "arrival.viewed", object_type="arrival", object_uuid=arrival.uuid)
    return arrival


def get_pending_import(actor: Actor, pending_uuid: str, arrival: Arrival | None) -> PendingImport:
    """A file the user uploaded and the system holds for their choices (nobody else's, not expired)."""
    try:
        return PendingImport.objects.get(uuid=pending_uuid, uploaded_by=actor.user, arrival=arrival,
                                         uploaded_at__gte=timezone.now() - PENDING_IMPORT_KEPT_FOR)
    except (PendingImport.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("This file is no longer held (it was imported, replaced or kept more than a day): "
                        "upload it again.")) from None


def get_group(actor: Actor, group_uuid: uuid.UUID | str) -> Group:
    try:
        group = groups_visible_to(actor.user).get(uuid=group_uuid)
    except (Group.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("No such group, or not visible to you.")) from None
    record_event(actor, "group.viewed", object_type="group", object_uuid=group.uuid)
    return group


# ---------------------------------------------------------------------------------------------
# Search


@dataclass
class PersonSearch:
    name: str = ""
    document_number: str = ""
    birth_date: dt.date | None = None
    birth_year: int | None = None
    nationality: str = ""
    registration_point: uuid.UUID | None = None
    limit: int = 50

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.document_number or self.birth_date or self.birth_year
                    or self.nationality or self.registration_point)


@dataclass
class SearchHit:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)


_CANDIDATE_LIMIT = 400
# New keys are read every minute (only the rows added since the last read); the whole
# vocabulary is recounted every hour, which also forgets keys no longer borne by anyone.
_VOCABULARY_SECONDS = 60.0
_VOCABULARY_RECOUNT_SECONDS = 3600.0
_VOCABULARY_RECOUNT_ROWS = 100_000
_vocabulary: dict[str, Any] = {"keys": [], "people": {}, "last_id": 0, "loaded_at": -1e9, "counted_at": -1e9}


def _load_vocabulary() -> None:
    """The distinct search keys and how many people bear each, kept in memory per process: a
    spelling slip is looked up in memory (a few milliseconds) instead of scanning the index for
    every query, and the rarest name of a query is known before the database is asked.

    Counting every key of a million people takes seconds, so it is done once an hour; in between,
    only the key rows written since the last read are added (the key table only grows between
    edits). A key stored since the last read is still found exactly; only its misspellings wait."""
    now = time.monotonic()
    if now - _vocabulary["loaded_at"] <= _VOCABULARY_SECONDS:
        return
    people: dict[str, int]
    last_id = PersonNameKey.objects.order_by("-id").values_list("id", flat=True).first() or 0
    # After a large import, counting in the database beats reading every new row here.
    if (now - _vocabulary["counted_at"] > _VOCABULARY_RECOUNT_SECONDS
            or last_id - _vocabulary["last_id"] > _VOCABULARY_RECOUNT_ROWS):
        people = dict(PersonNameKey.objects.filter(id__lte=last_id).values_list("key")
                      .annotate(n=Count("person")).values_list("key", "n"))
        _vocabulary["counted_at"] = now
    else:
        people = _vocabulary["people"]
        for key in PersonNameKey.objects.filter(id__gt=_vocabulary["last_id"], id__lte=last_id).values_list(
                "key", flat=True).iterator():
            people[key] = people.get(key, 0) + 1
    _vocabulary.update(people=people, keys=list(people), last_id=last_id, loaded_at=now)


def _key_vocabulary() -> list[str]:
    _load_vocabulary()
    return _vocabulary["keys"]


def _people_bearing(keys: set[str]) -> int:
    _load_vocabulary()
    return sum(_vocabulary["people"].get(key, 0) for key in keys)


def invalidate_key_vocabulary() -> None:
    """Called by the services after new keys are written, so this process reads them at its next search."""
    _vocabulary["loaded_at"] = -1e9


def forget_key_vocabulary() -> None:
    """Drop the whole vocabulary (tests, whose database is emptied between them)."""
    _vocabulary.update(keys=[], people={}, last_id=0, loaded_at=-1e9, counted_at=-1e9)


# Skeletons this short are taken to have lost a consonant only (Amisi → "Amii", skeleton "am"):
# any other edit of one or two letters reaches half the register's short names.
_SHORT_SKELETON = 3


def _short_keys() -> dict[str, list[str]]:
    """Stored keys of two or three letters by each key one letter shorter they contain (a
    consonant dropped), rebuilt when the vocabulary is."""
    if _vocabulary.get("short_of") is not _vocabulary["keys"]:
        one_less: dict[str, list[str]] = {}
        for key in _vocabulary["keys"]:
            if 2 <= len(key) <= _SHORT_SKELETON:
                for dropped in {key[:i] + key[i + 1:] for i in range(len(key))}:
                    one_less.setdefault(dropped, []).append(key)
        _vocabulary.update(short_keys=one_less, short_of=_vocabulary["keys"])
    short_keys: dict[str, list[str]] = _vocabulary["short_keys"]
    return short_keys


def _skeletons_of(tokens: list[str]) -> list[str]:
    return [skeleton for skeleton in map(name_skeleton, tokens) if skeleton]


def _keys_per_token(tokens: list[str]) -> list[set[str]]:
    """For each query token, its skeleton and the stored keys one edit away (Mohamned → Mohamed);
    a skeleton of one or two letters alone (``_widened`` adds to it)."""
    vocabulary = _key_vocabulary()
    result = []
    for skeleton in _skeletons_of(tokens):
        keys = {skeleton}
        if len(skeleton) >= _SHORT_SKELETON:
            keys.update(candidate for candidate, _score, _index in process.extract(
                skeleton, vocabulary, scorer=Levenshtein.distance, score_cutoff=1, limit=30))
        result.append(keys)
    return result


def _widened(tokens: list[str], token_keys: list[set[str]]) -> list[set[str]]:
    """``_keys_per_token(tokens)`` with, for a skeleton of one or two letters, the stored keys with
    one consonant more (Amii → Amisi, Faaax → Faarax)."""
    return [keys | set(_short_keys().get(skeleton, ())) if len(skeleton) < _SHORT_SKELETON else keys
            for skeleton, keys in zip(_skeletons_of(tokens), token_keys, strict=True)]


def search_people(actor: Actor, criteria: PersonSearch, *, purpose: str = "search") -> list[SearchHit]:
    """Spelling-tolerant search within the user's scope, best match first, with the reasons."""
    if criteria.is_empty:
        return []
    if not actor.user.has_role_permission("registry.view_person"):
        raise PermissionDenied(_("Your role does not allow searching people."))
    people = people_visible_to(actor.user)
    if criteria.document_number:
        people = people.filter(documents__number_normalised__startswith=normalise_document_number(criteria.document_number))
    if criteria.birth_date:
        people = people.filter(birth_date=criteria.birth_date)
    elif criteria.birth_year:
        people = people.filter(birth_date__year=criteria.birth_year)
    if criteria.nationality:
        code = criteria.nationality.upper()
        people = people.filter(Q(nationality_declared=code) | Q(nationality_assessed=code))
    if criteria.registration_point:
        people = people.filter(Q(first_registration_point_id=criteria.registration_point)
                               | Q(arrivals__registration_point_id=criteria.registration_point))

    query_tokens = name_tokens(criteria.name) if criteria.name else []
    if query_tokens:
        token_keys = _keys_per_token(query_tokens[:4])
        year = criteria.birth_date.year if criteria.birth_date else criteria.birth_year
        candidate_ids = _people_named(people, token_keys, year)
        if len(candidate_ids) < criteria.limit:
            # Few found: a short name may have lost a consonant. Widened only then, because
            # every two-letter skeleton widened is a long list of keys to look up (a million
            # people: p95 72 → 122 ms when every search was widened).
            wider = _widened(query_tokens[:4], token_keys)
            if wider != token_keys:
                candidate_ids = list(dict.fromkeys([*candidate_ids, *_people_named(people, wider, year)]))
        query = normalise_name(criteria.name)
        # Each person's names (as written, normalised): compared normalised, shown as written.
        # (as written, normalised, whether it is an alias)
        names: dict[Any, list[tuple[str, str, bool]]] = {}
        for row in Person.objects.filter(uuid__in=candidate_ids).values_list(
                "uuid", "given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
                "name_in_original_script"):
            written = " ".join(filter(None, row[1:]))
            names[row[0]] = [(written, normalise_name(written), False)]
        for person_id, alias in PersonAlias.objects.filter(person_id__in=candidate_ids).values_list("person_id", "name"):
            names.setdefault(person_id, []).append((alias, normalise_name(alias), True))
        scored = []
        for person_id, candidate_names in names.items():
            # max() keeps the first of equals: the person's own name before an alias that says the same.
            best_name, normalised, is_alias = max(candidate_names, key=lambda n: fuzz.token_set_ratio(query, n[1]))
            score = max(fuzz.token_set_ratio(query, normalised), fuzz.token_sort_ratio(query, normalised)) / 100.0
            scored.append((score, person_id, best_name, normalised, is_alias))
        scored.sort(key=lambda item: -item[0])
        top = scored[: criteria.limit]
        people_by_id = {p.uuid: p for p in Person.objects.filter(uuid__in=[t[1] for t in top]).for_viewer(actor.user)}
        typed = words_as_written(criteria.name)
        hits = [SearchHit(people_by_id[person_id], score,
                          _name_reasons(query_tokens, typed, best_name, normalised, alias=is_alias))
                for score, person_id, best_name, normalised, is_alias in top if person_id in people_by_id]
        hits.sort(key=lambda h: (-h.score, h.person.reference))
    else:
        hits = [SearchHit(p, 1.0, []) for p in people.distinct().order_by("-registered_at")[: criteria.limit]]
    hits = hits[: criteria.limit]
    for hit in hits:
        if criteria.document_number:
            hit.reasons.append(_("document number matches"))
        if criteria.birth_date or criteria.birth_year:
            hit.reasons.append(_("date of birth matches"))
    record_event(actor, "people.searched", object_type="person", purpose=purpose, details=_search_audited(criteria, hits))
    return hits


# What a search typed that names no one; the rest (a name, a document number, a date of birth)
# is personal data of whoever was sought, and the audit log keeps it forever, past any erasure.
_SEARCH_TERMS_AUDITED = ("nationality", "registration_point")


def _search_audited(criteria: PersonSearch, hits: list[SearchHit]) -> dict[str, Any]:
    """The audit record of a search: which criteria were used (the values only where they name no
    one) and who was shown, by UUID: what an auditor needs to see who looked for whom."""
    used = {k: v for k, v in criteria.__dict__.items() if v and k != "limit"}
    return {
        "criteria": sorted(used),
        **{k: str(used[k]) for k in _SEARCH_TERMS_AUDITED if k in used},
        "results": len(hits),
        "people": [str(hit.person.uuid) for hit in hits],
    }


def _people_named(people: QuerySet[Person], token_keys: list[set[str]], birth_year: int | None = None) -> list[Any]:
    """Up to ``_CANDIDATE_LIMIT`` people in ``people`` whose names match the query's tokens.

    A person must bear the query's two rarest names (each by any of its keys: Mohamned finds
    Mohamed) and, when three or four names were typed, at least one more of them (three of
    four: a grandfather's name is often left out); those bearing most typed names come first.
    Starting from the rarest names keeps a common one (Mohamed is borne by one person in ten
    on some routes) from driving the scan: the database intersects the few people named
    Warsame with the many named Mohamed instead of counting names over all of the latter,
    and checks the scope only for the people left.
    """
    if not token_keys:
        return []
    by_rarity = sorted(token_keys, key=_people_bearing)
    named = PersonNameKey.objects.filter(key__in=by_rarity[0])
    if birth_year is not None:
        # From the (key, year) index: ``people`` holds the year too, but checked per candidate it
        # read every bearer of a common name from the person table (p95 235-346 ms at a million).
        named = named.filter(birth_year=birth_year)
    if len(by_rarity) > 1:
        named = named.filter(Exists(PersonNameKey.objects.filter(person_id=OuterRef("person_id"),
                                                                 key__in=by_rarity[1])))
    # Correlated, so that each candidate's scope is looked up by key: SQLite would otherwise
    # list everyone in scope (every person of the country) on every search.
    named = named.filter(Exists(people.filter(uuid=OuterRef("person_id"))))
    others = set().union(*by_rarity[2:]) - by_rarity[0] - by_rarity[1] if len(by_rarity) > 2 else set()
    if not others:
        return list(named.distinct().values_list("person_id", flat=True)[:_CANDIDATE_LIMIT])
    # "At least one more" as EXISTS (a semi-join), the count only to order the people left: as a
    # filter on the count, PostgreSQL counted the other names of every bearer of the rarest name
    # before intersecting (32,000 counts for a misspelled "Leena" at a million people).
    also_named = (PersonNameKey.objects.filter(person_id=OuterRef("person_id"), key__in=others)
                  .order_by().values("person_id").annotate(n=Count("key", distinct=True)).values("n"))
    return list(
        named.filter(Exists(PersonNameKey.objects.filter(person_id=OuterRef("person_id"), key__in=others)))
        .annotate(also=Coalesce(Subquery(also_named), 0))
        .order_by("-also").distinct().values_list("person_id", flat=True)[:_CANDIDATE_LIMIT])


def _name_reasons(query_tokens: list[str], typed: dict[str, str], candidate_name: str,
                  candidate_normalised: str, *, alias: bool = False) -> list[str]:
    """Which typed name met which of the person's, each named as typed (``typed``: the query's
    ``words_as_written``) and as the record writes it; first, where it was an alias, which one
    (the person is listed under their own name, which may share nothing with what was typed)."""
    reasons: list[str] = []
    if alias:
        reasons.append(_("found under another name of theirs: “%(alias)s”") % {"alias": candidate_name})
    candidate_tokens = candidate_normalised.split()
    found = words_as_written(candidate_name)
    for token in query_tokens:
        if token in candidate_tokens:
            reasons.append(_("“%(name)s” exact") % {"name": found.get(token, token)})
            continue
        skeleton = name_skeleton(token)
        same_sound = [c for c in candidate_tokens if name_skeleton(c) == skeleton]
        if same_sound:
            reasons.append(_("“%(query)s” sounds like “%(found)s”") % {
                "query": typed.get(token, token), "found": found.get(same_sound[0], same_sound[0])})
            continue
        close = [c for c in candidate_tokens if Levenshtein.distance(token, c) <= 2]
        if close:
            reasons.append(_("“%(query)s” spelled close to “%(found)s”") % {
                "query": typed.get(token, token), "found": found.get(close[0], close[0])})
    return reasons


# ---------------------------------------------------------------------------------------------
# Groups and children


@dataclass
class GroupMemberView:
    person: Person
    relationship_to_head: str
    age: int | None
    child_status: ChildStatus | None


def group_members(group: Group) -> list[GroupMemberView]:
    memberships = list(GroupMembership.objects.filter(group=group).select_related("person").order_by("id"))
    on = group.arrival.arrived_at.date() if group.arrival else timezone.now().date()
    members = [Member(m.person_id, m.relationship_to_head, m.person.age_on(on)) for m in memberships]
    statuses = child_statuses(members)
    return [GroupMemberView(m.person, m.relationship_to_head, member.age, statuses.get(member.key))
            for m, member in zip(memberships, members, strict=True)]


def child_status_of(person: Person) -> ChildStatus | None:
    """A child's status across their groups: accompanied in any group wins; alone, unaccompanied."""
    age = person.age_on(timezone.now().date())
    if age is None or age >= 18:
        return None
    statuses = []
    for membership in GroupMembership.objects.filter(person=person).select_related("group"):
        for view in group_members(membership.group):
            if view.person.uuid == person.uuid and view.child_status:
                statuses.append(view.child_status)
    if ChildStatus.ACCOMPANIED in statuses:
        return ChildStatus.ACCOMPANIED
    if ChildStatus.SEPARATED in statuses:
        return ChildStatus.SEPARATED
    return ChildStatus.UNACCOMPANIED


def person_history(person: Person) -> QuerySet[AuditEvent]:
    """Changes to the person, and the batch registrations of arrivals the person came with."""
    arrival_ids = person.arrival_memberships.values_list("arrival_id", flat=True)
    return AuditEvent.objects.filter(
        Q(object_uuid=person.uuid)
        | Q(object_uuid__in=arrival_ids, action__in=["people.registered", "arrival.people_added"])
    ).exclude(action="person.viewed").order_by("-id")


def person_record(person: Person) -> dict[str, object]:
    """Everything the registry holds on a person, as plain data (for an access request)."""
    from django.forms.models import model_to_dict

    record: dict[str, object] = {k: (str(v) if v is not None and not isinstance(v, (str, int, list, bool)) else v)
                                 for k, v in model_to_dict(person, exclude=["photo"]).items()}
    record["uuid"] = str(person.uuid)
    record["registered_at"] = person.registered_at.isoformat()
    record["aliases"] = [{"kind": a.kind, "name": a.name} for a in person.aliases.all()]
    record["documents"] = [
        {"kind": d.kind, "number": d.number, "issuing_country": d.issuing_country,
         "authenticity": d.authenticity, "authenticity_notes": d.authenticity_notes}
        for d in person.documents.all()]
    record["arrivals"] = [
        {"reference": a.reference, "arrived_at": a.arrived_at.isoformat(), "registration_point": a.registration_point.name}
        for a in person.arrivals.select_related("registration_point")]
    record["groups"] = [
        {"group": m.group.reference, "kind": m.group.kind, "relationship_to_head": m.relationship_to_head}
        for m in person.group_memberships.select_related("group")]
    return record


def registration_facts(person: Person) -> dict[str, object]:
    """What registration knows that profiling rules may use (${fact_…} in the rules file)."""
    from tenpoint.lib.regions import is_extra_continental

    arrival = person.arrivals.select_related("registration_point").order_by("-arrived_at").first()
    if person.nationality_assessed or person.nationality_assessed_status not in ("", "unknown"):
        nationality, status = person.nationality_assessed, person.nationality_assessed_status
    else:
        nationality, status = person.nationality_declared, person.nationality_declared_status
    child_status = child_status_of(person)
    point_kind = arrival.registration_point.kind if arrival else (
        person.first_registration_point.kind if person.first_registration_point else "")
    return {
        "fact_age": person.age_on(timezone.now().date()),
        "fact_sex": person.sex,
        "fact_nationality": nationality,
        "fact_nationality_status": status,
        "fact_registration_country": person.country,
        "fact_extra_continental": "yes" if is_extra_continental(nationality, person.country) else "no",
        "fact_child_status": str(child_status) if child_status else "",
        "fact_arrival_mode": arrival.mode if arrival else "",
        "fact_sea_event": arrival.sea_event if arrival else "",
        "fact_at_detention_facility": "yes" if point_kind == "detention_facility" else "no",
        "fact_fear_of_return": person.fear_of_return,
    }


def photo_of(person: Person) -> tuple[bytes, str]:
    """The person's photo as taken, decrypted, and its content type. The caller has read the
    person through ``get_person`` (scoped and audited)."""
    with person.photo.open("rb") as stored:
        picture = field_cipher().decrypt_bytes(stored.read())
    return picture, "image/png" if picture.startswith(b"\x89PNG") else "image/jpeg"


def name_keys_built_with() -> int | None:
    """The version of the known names the stored name search keys were built with (``NameKeyState``),
    None where it was never recorded."""
    return NameKeyState.objects.filter(id=1).values_list("known_names_version", flat=True).first()
