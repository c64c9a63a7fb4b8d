"""Possible earlier registrations of the person being registered, within the user's scope."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import pandas as pd
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext_lazy

from tenpoint.accounts.permissions import require_permission
from tenpoint.audit.services import Actor, record_event
from tenpoint.lib.linkage.candidates import (
    CandidateScore,
    NameSex,
    PartialDate,
    PersonForLinkage,
    Reason,
    score_candidate,
)
from tenpoint.lib.linkage.dedupe import MODEL_WEIGHTS_COLUMN
from tenpoint.lib.linkage.features import MAX_HOUSEHOLD_RECORDS, sex_said_by_name
from tenpoint.lib.names import given_and_family_of_one_string, given_names_for_linkage
from tenpoint.linkage.models import CandidatePair, DuplicateReview, SamePersonLink
from tenpoint.linkage.processes import run_is_at_work
from tenpoint.linkage.weights import PairWeights, pair_weights, weighed_most_text
from tenpoint.registry.selectors import PersonSearch, bearers_of_first_given_name, people_visible_to, search_people
from tenpoint.registry.services import KIN_GROUP_KINDS
from tenpoint.registry.validation import FieldError, birth_date_as_written, parse_birth_date

# Below this the hit is noise for the officer; the search itself already filtered on names.
SHOW_FROM_PROBABILITY = 0.05
SEARCH_DEPTH = 40
# Most likely first; the uuid keeps the order stable between page loads.
QUEUE_ORDER = ("-match_probability", "uuid")


@dataclass
class RegistrationCandidate:
    """Someone already registered who may be the person typed. ``person`` is the record a reviewer
    kept for them where records were linked as one person (``SamePersonLink``): choosing them records
    the arrival there. ``scored_on`` is the reference of the record the score and reasons are about,
    where that is another of their records; ``also_registered_as``, their other records' references."""

    person: Any
    probability: float
    reasons: list[str]
    scored_on: str = ""
    also_registered_as: tuple[str, ...] = ()


# Looked up per reason; building every text for each reason of each candidate was measurable
# in the registration check.
_REASON_TEXTS = {
    "name_exact": gettext_lazy("“%(typed)s” exact"),
    "name_same_sound": gettext_lazy("“%(typed)s” sounds like “%(found)s”"),
    "name_close": gettext_lazy("“%(typed)s” spelled close to “%(found)s”"),
    "name_missing": gettext_lazy("“%(typed)s” not in this record"),
    "given_name_different": gettext_lazy("different given name (“%(typed)s” not in this record)"),
    "other_given_name_different": gettext_lazy("other given names differ (“%(typed)s” / “%(found)s”)"),
    "given_name_other_sex": gettext_lazy("“%(typed)s” / “%(found)s”: one name, written for a man and for a woman"),
    "surname_dropped": gettext_lazy("second family name “%(typed)s” not recorded here"),
    "names_swapped": gettext_lazy("given and family names swapped"),
    "other_name_typed": gettext_lazy("compared under another name of the person typed: “%(typed)s”"),
    "other_name_found": gettext_lazy("compared under another name of this record: “%(found)s”"),
    "date_exact": gettext_lazy("same date of birth"),
    "date_month": gettext_lazy("same month and year of birth"),
    "date_year": gettext_lazy("same year of birth (%(found)s)"),
    "date_one_part": gettext_lazy("date of birth differs in one part (%(typed)s / %(found)s)"),
    "date_near": gettext_lazy("year of birth close (%(typed)s / %(found)s)"),
    "date_day_month_swapped": gettext_lazy("day and month of birth swapped (%(typed)s / %(found)s)"),
    "date_conflict": gettext_lazy("different date of birth (%(found)s)"),
    "sex_conflict": gettext_lazy("different sex"),
    "sex_written_wrongly": gettext_lazy("different sex, the same given name: one of them written wrongly?"),
    "nationality_same": gettext_lazy("same declared nationality"),
    "nationality_different": gettext_lazy("different declared nationality (%(found)s)"),
    "companions_one": gettext_lazy("registered before with %(found)s (now with %(typed)s)"),
    "companions_more": gettext_lazy("registered before with %(found)s (now with %(typed)s)"),
}


def explain(reason: Reason) -> str:
    """The reason in the reader's language."""
    return str(_REASON_TEXTS[reason.code]) % {"typed": reason.typed, "found": reason.found}


# The name fields of a person, in the order ``names_for_linkage`` takes them.
NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name", "second_family_name")


def names_for_linkage(given: str, father: str, grandfather: str, family: str, second_family: str) -> tuple[str, str]:
    """Given names (with the father's and grandfather's), family names: as the model compares them.
    The given names are ``names.given_names_for_linkage``, as the stored first given name token's."""
    return given_names_for_linkage(given, father, grandfather), " ".join(filter(None, [family, second_family]))


def for_linkage(person: Any) -> PersonForLinkage:
    given_names, family_names = names_for_linkage(person.given_name, person.father_name, person.grandfather_name,
                                                   person.family_name, person.second_family_name)
    return PersonForLinkage(
        given_names=given_names,
        family_names=family_names,
        birth=PartialDate(person.birth_date, person.birth_date_precision),
        sex=person.sex if person.sex in ("M", "F") else "",
        nationality=person.nationality_declared or "",
        # The name in the script of the person's documents is another writing of their names
        # (names.normalise_name romanises Arabic and Ge'ez as clerks do).
        other_names=tuple(filter(None, [person.name_in_original_script, *(alias.name for alias in person.aliases.all())])),
    )


# An alias row's record_id: the person's uuid, this mark, the alias's place in the person's list.
ALIAS_RECORD_MARK = "~alias-"


def person_of_record(record_id: str) -> str:
    """The person's uuid of a row of ``ReviewRecords.records`` (their own row or an alias row)."""
    return record_id.split(ALIAS_RECORD_MARK, 1)[0]


def aliases_of_rows(records: pd.DataFrame) -> dict[str, str]:
    """The alias each alias row of ``ReviewRecords.records`` holds, by the row's record_id, as the
    model read it (given name, then family name)."""
    alias_rows = records[records["record_id"].astype(str).str.contains(ALIAS_RECORD_MARK, regex=False)]
    return {str(row): " ".join(filter(None, (given, family))) for row, given, family in zip(
        alias_rows["record_id"], alias_rows["given_name"], alias_rows["family_name"], strict=True)}


# What a review reads of each person, as values; the first seven order the rows.
_REVIEW_FIELDS = ("family_name", "given_name", "father_name", "birth_date", "sex", "nationality_declared",
                  "registered_at", "uuid", "grandfather_name", "second_family_name", "birth_date_precision",
                  "updated_at", "name_in_original_script")
_RECORD_COLUMNS = ["record_id", "source", "given_name", "family_name", "sex", "birth_date", "nationality",
                   "household_id", "known_person"]


@dataclass(frozen=True)
class ReviewRecords:
    """An organisation's people as a records frame for ``lib.linkage`` and when each last changed.

    ``records``: one row per person (``record_id`` = the person's uuid) and one per alias (a name
    used on the journey, another spelling, the name on a document) with the person's date, sex
    and nationality, so someone registered elsewhere under that name is found; its record_id is
    the uuid + ALIAS_RECORD_MARK + a number (``person_of_record``). An alias is one string: its
    first word is read as the given name, the rest as the family name (the model also compares
    the names in any order). ``household_id``: the person's family (or else household) group, on
    their own row only (an alias is no companion of the person). ``known_person``: the person's
    uuid on their own row and their alias rows (pairs within one person are not the file's people
    registered twice). ``changed_at``: person uuid → registered or last changed.
    """

    records: pd.DataFrame
    changed_at: dict[str, dt.datetime]

    def split_at(self, since: dt.datetime) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The records of people unchanged since ``since``, and of those registered or changed since:
        a corrected name or date, a name added (an alias), a record handed over from another
        organisation. Each of those may make a pair no review has seen."""
        # updated_at is set at registration and at every change since (registry.services).
        changed = {person for person, at in self.changed_at.items() if at >= since}
        is_new = self.records["record_id"].map(person_of_record).isin(changed).to_numpy()
        return self.records[~is_new].reset_index(drop=True), self.records[is_new].reset_index(drop=True)


def own_records_for_review(actor: Actor) -> ReviewRecords:
    """The people the user's own organisation registered (not those shared with it), for a run.

    Read as values, not as model instances, and only the fields the model compares: a review
    reads every person of the organisation (reading 19,476 demo people as instances with their
    aliases took 1.5 s). Own people are never masked (masking is of what another organisation shares).
    """
    require_permission(actor, "linkage.review_duplicates")
    own = people_visible_to(actor.user).filter(owner_organisation_id=actor.user.organisation_id)
    aliases: dict[str, list[str]] = {}
    for owner, alias in own.filter(aliases__isnull=False).values_list("uuid", "aliases__name"):
        aliases.setdefault(str(owner), []).append(alias)
    households: dict[str, str] = {}
    for member, group, kind in own.filter(group_memberships__group__kind__in=KIN_GROUP_KINDS).values_list(
            "uuid", "group_memberships__group__uuid", "group_memberships__group__kind"):
        if kind == "family" or str(member) not in households:  # kin before a household
            households[str(member)] = str(group)
    # Rows in the order of what they hold (names, date), not of the random uuids: Splink's seeded
    # sampling then draws the same pairs, so the same records give the same review.
    people = sorted(own.values_list(*_REVIEW_FIELDS),
                    key=lambda p: (p[0], p[1], p[2] or "", str(p[3]), p[4], p[5], p[6], str(p[7])))
    rows: list[tuple[str, str, str, str, str, str, str, str, str]] = []
    changed_at: dict[str, dt.datetime] = {}
    for (family, given, father, born_on, sex, nationality, _registered, person_uuid, grandfather, second_family,
         precision, updated_at, in_script) in people:
        person = str(person_uuid)
        changed_at[person] = updated_at
        given_names, family_names = names_for_linkage(given, father, grandfather, family, second_family)
        if not (given_names or family_names) and in_script:
            # Registered with the name as the documents write it only: that is the name compared
            # (its first word as the given name, as an alias's). Not a row of its own beside the
            # Latin names: at a million people (185,052 with a name in script) such rows took the
            # review from 121 to 211 s and 5.9 to 10.8 GiB, and EM learned the names from each
            # person's pair with their own script row (README, seventh session).
            given_names, family_names = given_and_family_of_one_string(in_script)
        sex = sex if sex in ("M", "F") else ""
        born = birth_date_as_written(born_on, precision)
        nationality = nationality or ""
        # source "": one organisation's records, deduplicated, not linked between sources.
        rows.append((person, "", given_names, family_names, sex, born, nationality, households.get(person, ""),
                     person))
        for number, alias in enumerate(sorted(aliases.get(person, ())), start=1):
            alias_given, alias_family = given_and_family_of_one_string(alias)
            if alias_given:
                rows.append((f"{person}{ALIAS_RECORD_MARK}{number}", "", alias_given, alias_family, sex,
                             born, nationality, "", person))
    record_event(actor, "people.read_for_duplicate_review", object_type="person", purpose="duplicate review",
                 details={"people": len(people)})
    return ReviewRecords(pd.DataFrame(rows, columns=_RECORD_COLUMNS), changed_at)


# People read per query for the queue (SQLite takes at most 32,766 values in one IN).
_QUEUE_READ_BATCH = 5_000


def own_people_in_pairs(actor: Actor, person_uuids: set[str]) -> dict[str, Any]:
    """The people of the found pairs, with their aliases (for the reasons shown), by uuid."""
    require_permission(actor, "linkage.review_duplicates")
    own = people_visible_to(actor.user).filter(owner_organisation_id=actor.user.organisation_id)
    wanted = sorted(person_uuids)
    people: dict[str, Any] = {}
    for start in range(0, len(wanted), _QUEUE_READ_BATCH):
        batch = own.filter(uuid__in=wanted[start:start + _QUEUE_READ_BATCH]).prefetch_related("aliases")
        people.update((str(person.uuid), person) for person in batch)
    return people


def pairs_of_people(found: pd.DataFrame) -> pd.DataFrame:
    """``possible_duplicates``' pairs of rows as pairs of people: a person's own row and alias rows
    are one person; a pair of rows of the same person is no duplicate; two people found through
    several of their rows keep their most likely pair (and what the model weighed in it, where
    ``found`` says). Same columns, most likely first, and ``row_l`` / ``row_r``: the rows of that
    pair, each person's own or one of their aliases (``aliases_of_rows``)."""
    if found.empty:
        return found.assign(row_l=found["record_id_l"], row_r=found["record_id_r"])
    rows_l, rows_r = found["record_id_l"].astype(str), found["record_id_r"].astype(str)
    left, right = rows_l.map(person_of_record), rows_r.map(person_of_record)
    in_order = left < right
    people = pd.DataFrame({
        "record_id_l": left.where(in_order, right), "record_id_r": right.where(in_order, left),
        "row_l": rows_l.where(in_order, rows_r), "row_r": rows_r.where(in_order, rows_l),
        "match_probability": found["match_probability"].to_numpy(),
        "cluster": found["cluster"].astype(str).map(lambda c: person_of_record(c) if c else ""),
        **({MODEL_WEIGHTS_COLUMN: found[MODEL_WEIGHTS_COLUMN].to_numpy()} if MODEL_WEIGHTS_COLUMN in found else {}),
    })[(left != right).to_numpy()]
    people = people.sort_values(["match_probability", "record_id_l", "record_id_r"], ascending=[False, True, True])
    return people.drop_duplicates(["record_id_l", "record_id_r"], keep="first").reset_index(drop=True)


def registration_candidates(actor: Actor, *, given_names: str, family_names: str, birth_date: str = "",
                            sex: str = "", nationality: str = "", companions: Sequence[str] = (),
                            name_in_original_script: str = "", limit: int = 5) -> list[RegistrationCandidate]:
    """People already registered who may be the one being typed, most likely first, with reasons.

    Names find the candidates (the spelling-tolerant search, scoped and audited); the date,
    sex and nationality only re-rank them, because each of those is often wrong or missing.
    ``companions``: the given names of the family or household being registered with the person;
    a candidate registered before with people of those names is more likely the same.
    ``name_in_original_script``: the name as the documents write it (Arabic, Ge'ez …), one more of
    the names typed; where no name was typed in Latin letters, the names looked up (its first word
    read as the given name, as an alias is).
    """
    in_script = name_in_original_script.strip()
    if in_script and not (given_names.strip() or family_names.strip()):
        given_names, family_names = given_and_family_of_one_string(in_script)
    name = " ".join(filter(None, [given_names.strip(), family_names.strip()]))
    if len(name.replace(" ", "")) < 3:
        return []
    try:
        birth = parse_birth_date(birth_date)
    except FieldError:  # a half-typed date is not an error yet: leave it out
        birth = parse_birth_date("")
    typed = PersonForLinkage(given_names=given_names, family_names=family_names,
                             birth=PartialDate(birth.date, str(birth.precision)),
                             sex=sex if sex in ("M", "F") else "", nationality=nationality.strip().upper(),
                             other_names=(in_script,) if in_script else (),
                             companions=tuple(c for c in companions if c.strip()))
    hits: list[Any] = []
    if birth.date is not None:
        # Names as common as José López fill the search before the one born that year is
        # reached: the year's namesakes first, then, if fewer than the candidates to show, the
        # names alone (a year typed wrong, an age estimated). Both searches every time doubled
        # the check at a million people (p95 73 → 168 ms).
        hits = search_people(actor, PersonSearch(name=name, birth_year=birth.date.year, limit=SEARCH_DEPTH),
                             purpose="registration duplicate check")
    if len(hits) < limit:
        seen = {hit.person.pk for hit in hits}
        hits += [hit for hit in search_people(actor, PersonSearch(name=name, limit=SEARCH_DEPTH),
                                              purpose="registration duplicate check")
                 if hit.person.pk not in seen]
    prefetch_related_objects([hit.person for hit in hits], "aliases")
    registered_with = _companions_of(actor, [hit.person.pk for hit in hits]) if typed.companions else {}
    name_sex = sexes_of_names_on_register(actor)
    scored: list[tuple[CandidateScore, Any]] = [
        (score_candidate(typed, replace(for_linkage(hit.person), companions=registered_with.get(hit.person.pk, ())),
                         name_sex=name_sex),
         hit.person) for hit in hits]
    scored.sort(key=lambda item: -item[0].probability)
    return _one_per_person(actor, [(score, person) for score, person in scored
                                   if score.probability >= SHOW_FROM_PROBABILITY], limit)


def sexes_of_names_on_register(actor: Actor) -> NameSex:
    """A first given name → the sex its bearers on the user's own register say ("" where they do
    not), for ``score_candidate``'s ``name_sex``. Each name counted once; the scorer asks only where a
    sex is missing and two names may be one name's forms for a man and a woman: rarely."""
    @functools.cache
    def name_sex(first_given_name: str) -> str:
        return sex_said_by_name(*bearers_of_first_given_name(actor, first_given_name))

    return name_sex


def _one_per_person(actor: Actor, scored: list[tuple[CandidateScore, Any]], limit: int) -> list[RegistrationCandidate]:
    """Up to ``limit`` candidates from the scored records (most likely first), the records linked as
    one person (live ``SamePersonLink``) shown once, as the record kept, at the likeliest of their
    records' scores.

    Listed apart, one person registered twice took two of the five places, and choosing the later
    record recorded the arrival on a record a reviewer had already set aside as a duplicate.
    A kept record the user may not see (another organisation's) leaves its candidate as it is.
    Reasons are put in words only for the candidates shown.
    """
    def candidate(score: CandidateScore, person: Any) -> RegistrationCandidate:
        return RegistrationCandidate(person, score.probability, [explain(r) for r in score.reasons])

    if not scored:
        return []
    ids = {person.pk for _score, person in scored}
    live = SamePersonLink.objects.filter(undone_at__isnull=True).values_list(
        "person_id", "same_as_id", "person__reference", "person__registered_at")
    links = set(live.filter(Q(person_id__in=ids) | Q(same_as_id__in=ids)))
    if not links:
        return [candidate(score, person) for score, person in scored[:limit]]  # the usual case: one query
    kept_for = {person: root for person, root, _, _ in links if person in ids}
    roots = {kept_for.get(pk, pk) for pk in ids}
    if roots - ids:  # the other records of a person whose kept record no search found
        links |= set(live.filter(same_as_id__in=roots - ids))
    records_of: dict[Any, list[str]] = {}
    for _person, root, reference, _registered in sorted(links, key=lambda link: (link[3], link[2])):
        records_of.setdefault(root, []).append(reference)
    found = {person.pk: person for _score, person in scored}
    missing = roots - set(found)
    if missing:
        found.update({person.pk: person for person in people_visible_to(actor.user).filter(pk__in=missing)})
    seen: set[Any] = set()
    one_each = []
    for score, record in scored:
        root = kept_for.get(record.pk, record.pk)
        if root not in found:
            root = record.pk
        if root in seen:
            continue
        seen.add(root)
        person = found[root]
        one_each.append(replace(candidate(score, person), scored_on=record.reference if person.pk != record.pk else "",
                                also_registered_as=tuple(records_of.get(root, ()))))
        if len(one_each) == limit:
            break
    unsearched = [c.person for c in one_each if c.person.pk in missing]
    if unsearched:
        # Shown by name though no search found them: audited as the searches are.
        record_event(actor, "people.listed_as_registered_before", object_type="person",
                     purpose="registration duplicate check", details={"people": [str(p.uuid) for p in unsearched]})
    return one_each


def _companions_of(actor: Actor, person_ids: list[Any]) -> dict[Any, tuple[str, ...]]:
    """The given names of the people each person was registered with: the other members of their
    family and household groups (at most ``MAX_HOUSEHOLD_RECORDS`` members), within the user's scope."""
    visible = people_visible_to(actor.user)
    groups_of: dict[Any, set[Any]] = {}
    for person, group in visible.filter(pk__in=person_ids, group_memberships__group__kind__in=KIN_GROUP_KINDS
                                        ).values_list("pk", "group_memberships__group_id"):
        groups_of.setdefault(person, set()).add(group)
    members: dict[Any, list[tuple[Any, str]]] = {}
    wanted = {group for groups in groups_of.values() for group in groups}
    for person, given_name, group in visible.filter(group_memberships__group_id__in=wanted).values_list(
            "pk", "given_name", "group_memberships__group_id"):
        members.setdefault(group, []).append((person, given_name))
    return {person: tuple(name for group in sorted(groups, key=str)
                          if len(members.get(group, ())) <= MAX_HOUSEHOLD_RECORDS
                          for member, name in members.get(group, ()) if member != person and name)
            for person, groups in groups_of.items()}


@dataclass(frozen=True)
class TypedPerson:
    """A person as typed on a registration screen, with the given names of the family or
    household typed with them (``companions``)."""

    given_names: str
    family_names: str
    birth_date: str = ""
    sex: str = ""
    nationality: str = ""
    companions: tuple[str, ...] = ()
    name_in_original_script: str = ""


# A row of a batch is held back for the officer to look at when someone already registered is at
# least this likely the same person (the panel beside the one-person form shows from 5 %). On the
# demo's 40,000 people (benchmarks/linkage/batch_hold.py): at 0.5, 94 % of its second
# registrations are held and none of 300 strangers (another organisation's people typed in); at
# 0.9, 47 % and none.
HOLD_BATCH_FROM = 0.5


def likely_earlier_registrations(actor: Actor, typed: Sequence[TypedPerson], *, limit: int = 3,
                                 ) -> dict[int, list[RegistrationCandidate]]:
    """For each typed person (by position) who is likely registered already, the candidates at
    or above ``HOLD_BATCH_FROM``, most likely first. Each row is looked up as the one-person form
    looks up the person typed (``registration_candidates``: scoped, audited searches)."""
    found: dict[int, list[RegistrationCandidate]] = {}
    for position, person in enumerate(typed):
        likely = [candidate for candidate in registration_candidates(
            actor, given_names=person.given_names, family_names=person.family_names, birth_date=person.birth_date,
            sex=person.sex, nationality=person.nationality, companions=person.companions,
            name_in_original_script=person.name_in_original_script, limit=limit)
            if candidate.probability >= HOLD_BATCH_FROM]
        if likely:
            found[position] = likely
    return found


# ---------------------------------------------------------------------------------------------
# Batch duplicate review


def finished_reviews(organisation: Any) -> QuerySet[DuplicateReview]:
    """An organisation's finished reviews, latest first (without their stored models)."""
    return (DuplicateReview.objects.filter(organisation=organisation, status=DuplicateReview.Status.DONE)
            .defer("trained_model").order_by("-started_at"))


def review_with_model(organisation: Any) -> DuplicateReview | None:
    """The latest finished review of everyone that kept its trained model (reviews of the people changed since use it)."""
    return (DuplicateReview.objects.filter(organisation=organisation, status=DuplicateReview.Status.DONE,
                                           scope=DuplicateReview.Scope.EVERYONE, trained_model__isnull=False)
            .defer("trained_model").order_by("-started_at").first())


def interrupted_review_to_resume(organisation: Any) -> DuplicateReview | None:
    """The latest review of everyone, if it was interrupted after its model was trained (and kept):
    a new review of everyone resumes from that model. None when a later review of everyone
    finished or failed, or it stopped before training ended."""
    latest = (DuplicateReview.objects.filter(organisation=organisation, scope=DuplicateReview.Scope.EVERYONE)
              .exclude(status=DuplicateReview.Status.RUNNING).defer("trained_model").order_by("-started_at").first())
    if latest is None or latest.status != DuplicateReview.Status.INTERRUPTED:
        return None
    return latest if kept_its_model(latest) else None


def kept_its_model(review: DuplicateReview) -> bool:
    """Whether the review kept a trained model (without reading it)."""
    return DuplicateReview.objects.filter(pk=review.pk, trained_model__isnull=False).exists()


@dataclass
class SinceLastReview:
    """What a review of the people registered or changed since the last review would build on."""

    last_review_at: dt.datetime
    model_from: DuplicateReview


def since_last_review(actor: Actor) -> SinceLastReview | None:
    """None until a review of everyone has finished with its model kept."""
    if not actor.user.has_role_permission("linkage.review_duplicates"):
        return None
    model_from = review_with_model(actor.user.organisation)
    last = finished_reviews(actor.user.organisation).first()
    if model_from is None or last is None:
        return None
    return SinceLastReview(last_review_at=last.started_at, model_from=model_from)


def settled_pairs(organisation: Any, found: pd.DataFrame) -> pd.Series:
    """For each pair of people in ``found`` (``pairs_of_people``' columns), whether a person has
    settled it already: decided "different people" in an earlier review of the organisation, or
    the two already one person through live same-person links (decided on this pair or through
    the others of their group). A new review does not ask again; a link undone asks again."""
    if found.empty:
        return pd.Series([], dtype=bool)
    kept_apart = {frozenset((str(kept), str(other))) for kept, other in CandidatePair.objects.filter(
        review__organisation=organisation, decision=CandidatePair.Decision.DIFFERENT_PEOPLE,
    ).values_list("kept_id", "other_id")}
    same_as = {str(person): str(kept) for person, kept in SamePersonLink.objects.filter(
        undone_at__isnull=True, person__owner_organisation=organisation).values_list("person_id", "same_as_id")}

    def root(person: str) -> str:
        return same_as.get(person, person)  # links always point at the group's kept record (services._link)

    return pd.Series([frozenset((a, b)) in kept_apart or root(a) == root(b)
                      for a, b in zip(found["record_id_l"].astype(str), found["record_id_r"].astype(str), strict=True)],
                     index=found.index, dtype=bool)


def _reviews_in_scope(actor: Actor) -> QuerySet[DuplicateReview]:
    if not actor.user.has_role_permission("linkage.review_duplicates"):
        return DuplicateReview.objects.none()
    return DuplicateReview.objects.filter(organisation_id=actor.user.organisation_id)


def reviews_for(actor: Actor) -> QuerySet[DuplicateReview]:
    """The organisation's reviews, latest first, with how many pairs wait and how many are decided
    (the list page)."""
    return _reviews_in_scope(actor).defer("trained_model").annotate(
        pending=Count("pairs", filter=Q(pairs__decision=CandidatePair.Decision.PENDING)),
        # Not those found again by a later review: they are decided there.
        decided=Count("pairs", filter=Q(pairs__decision__in=[CandidatePair.Decision.SAME_PERSON,
                                                             CandidatePair.Decision.DIFFERENT_PEOPLE]))
    ).order_by("-started_at")  # Django leaves Meta.ordering out of a query that counts (GROUP BY)


# A run that has said nothing for this long is taken as stopped where its process cannot be
# checked (it ran on another machine). The engine's longest silent step, scoring a million records,
# took 6 to 10 minutes on the 2-core machines of benchmarks/linkage/RESULTS.md.
SILENT_RUN_STOPPED_AFTER = dt.timedelta(hours=2)


def running_reviews(organisation: Any) -> QuerySet[DuplicateReview]:
    return DuplicateReview.objects.filter(organisation=organisation, status=DuplicateReview.Status.RUNNING)


def run_is_alive(review: DuplicateReview) -> bool:
    """Whether a running review's process is still there to finish it."""
    if review.status != DuplicateReview.Status.RUNNING:
        return False
    return run_is_at_work(str(review.uuid), review.runner, review.progress_at, silent_after=SILENT_RUN_STOPPED_AFTER)


def get_review(actor: Actor, review_uuid: Any) -> DuplicateReview:
    found = _reviews_in_scope(actor).defer("trained_model").filter(uuid=review_uuid).first()
    if found is None:
        raise Http404
    return found


# Where the queue is cut into bands of match probability besides the run's own thresholds (its
# confident threshold above, its review threshold below): a queue of thousands is worked band by
# band, the likeliest first.
SCORE_BAND_BOUNDS = (0.9, 0.7)


@dataclass(frozen=True)
class ScoreBand:
    key: str
    low: float
    high: float  # exclusive, except for the top band
    pairs: int

    def of(self, pairs: QuerySet[CandidatePair]) -> QuerySet[CandidatePair]:
        within = pairs.filter(match_probability__gte=self.low)
        return within if self.high >= 1.0 else within.filter(match_probability__lt=self.high)


def _bands(review: DuplicateReview) -> list[ScoreBand]:
    """The run's bands, likeliest first, not yet counted."""
    edges = [1.0, review.confident_from,
             *(b for b in SCORE_BAND_BOUNDS if review.review_from < b < review.confident_from), review.review_from]
    # A run whose thresholds leave no room between two bounds has no band there.
    return [ScoreBand(f"{low:g}-{high:g}", low, high, pairs=0) for high, low in pairwise(edges) if low < high]


def score_band(review: DuplicateReview, key: str | None) -> ScoreBand | None:
    """The run's band of that key (uncounted); None for no key or an unknown one (all bands)."""
    return next((band for band in _bands(review) if band.key == key), None)


def score_bands(review: DuplicateReview, *, decision: str = "pending", weighed_most: str = "") -> list[ScoreBand]:
    """The run's pairs of ``decision`` (and of one kind of strongest evidence, if given) counted by
    band of match probability, likeliest first."""
    pairs = review.pairs.filter(decision=decision)
    if weighed_most:
        pairs = pairs.filter(weighed_most=weighed_most)
    return [replace(band, pairs=band.of(pairs).count()) for band in _bands(review)]


@dataclass(frozen=True)
class WeighedMostGroup:
    """The pairs of a run whose strongest evidence for one person is the same comparison and level."""

    key: str  # weights.weighed_most_key
    text: str
    pairs: int


def weighed_most_groups(review: DuplicateReview, *, decision: str = "pending", band: ScoreBand | None = None,
                        selected: str = "") -> list[WeighedMostGroup]:
    """The run's pairs of ``decision`` (in one band, if given) counted by what weighed most for one
    person, largest group first.

    ``selected``, the kind the reviewer has chosen, stays listed (with no pairs) where the band
    holds none of it but the run does: moving to another band does not silently drop the choice.
    """
    pairs = review.pairs.filter(decision=decision).exclude(weighed_most="")
    counted = (band.of(pairs) if band is not None else pairs).values("weighed_most").annotate(
        pairs=Count("uuid")).order_by("-pairs", "weighed_most")
    groups = [WeighedMostGroup(row["weighed_most"], weighed_most_text(row["weighed_most"]), row["pairs"])
              for row in counted]
    if (selected and band is not None and all(group.key != selected for group in groups)
            and pairs.filter(weighed_most=selected).exists()):
        groups.append(WeighedMostGroup(selected, weighed_most_text(selected), 0))
    return groups


def review_queue(actor: Actor, review: DuplicateReview, *, decision: str = "pending",
                 band: ScoreBand | None = None, weighed_most: str = "") -> QuerySet[CandidatePair]:
    """Pairs of a run, most likely first, in one score band and of one kind of strongest evidence
    (``weighed_most``) if given; audited because the queue shows names."""
    pairs = review.pairs.filter(decision=decision).select_related("kept", "other").order_by(*QUEUE_ORDER)
    if band is not None:
        pairs = band.of(pairs)
    if weighed_most:
        pairs = pairs.filter(weighed_most=weighed_most)
    record_event(actor, "people.listed_for_duplicate_review", object_type="duplicate_review",
                 object_uuid=review.uuid, purpose="duplicate review",
                 details={"decision": decision, **({"band": band.key} if band else {}),
                          **({"weighed_most": weighed_most} if weighed_most else {})})
    return pairs


def get_pair(actor: Actor, pair_uuid: Any) -> CandidatePair:
    pair = (CandidatePair.objects.select_related("review", "kept", "other")
            .filter(uuid=pair_uuid, review__in=_reviews_in_scope(actor)).first())
    if pair is None:
        raise Http404
    record_event(actor, "people.compared", object_type="person", object_uuid=pair.other_id,
                 purpose="duplicate review", details={"pair": str(pair.uuid), "kept": str(pair.kept_id)})
    return pair


def later_pair(pair: CandidatePair) -> CandidatePair | None:
    """Where a pair found again by a later review is asked now: the latest review's pair of the same two people."""
    if pair.decision != CandidatePair.Decision.SUPERSEDED:
        return None
    same_two = Q(kept_id=pair.kept_id, other_id=pair.other_id) | Q(kept_id=pair.other_id, other_id=pair.kept_id)
    return (CandidatePair.objects.filter(same_two, review__organisation_id=pair.review.organisation_id,
                                         review__started_at__gt=pair.review.started_at)
            .order_by("-review__started_at").first())


def pending_pairs(review: DuplicateReview) -> QuerySet[CandidatePair]:
    """What still waits for a person, in the order the queue shows it."""
    return review.pairs.filter(decision=CandidatePair.Decision.PENDING).order_by(*QUEUE_ORDER)


def confident_pending_pairs(review: DuplicateReview, *, weighed_most: str = "") -> QuerySet[CandidatePair]:
    """Waiting pairs at or above the run's confident threshold (a person may confirm them together),
    only those of one kind of strongest evidence if ``weighed_most`` is given (the kind on screen)."""
    pairs = pending_pairs(review).filter(match_probability__gte=review.confident_from)
    return pairs.filter(weighed_most=weighed_most) if weighed_most else pairs


def pair_cluster(actor: Actor, pair: CandidatePair) -> list[Any]:
    """The other people the run's clustering grouped with this pair (earliest registered first);
    audited, as the page shows their names."""
    if not pair.cluster:
        return []
    pairs = CandidatePair.objects.filter(review_id=pair.review_id, cluster=pair.cluster)
    ids = {i for kept, other in pairs.values_list("kept_id", "other_id") for i in (kept, other)}
    ids -= {pair.kept_id, pair.other_id}
    if not ids:
        return []
    people = list(people_visible_to(actor.user).filter(uuid__in=ids).order_by("registered_at", "reference"))
    record_event(actor, "people.listed_for_duplicate_review", object_type="duplicate_review",
                 object_uuid=pair.review_id, purpose="duplicate review",
                 details={"pair": str(pair.uuid), "cluster_people": [str(p.uuid) for p in people]})
    return people


def pair_reasons(pair: CandidatePair) -> list[str]:
    """The registration scorer's reasons for the pair, in the reader's language. The pair page
    says beside each name which other name of theirs the model compared (``names_compared``):
    the reason naming that same alias again is left out, one naming another alias stays (the
    reasons' name matches are then about it)."""
    shown_beside = {("other_name_found", pair.names_compared.get("kept")),
                    ("other_name_typed", pair.names_compared.get("other"))}
    return [explain(Reason(**reason)) for reason in pair.reasons
            if (reason["code"], reason.get("found") or reason.get("typed")) not in shown_beside]


def pair_model_weights(pair: CandidatePair) -> PairWeights | None:
    """What the model weighed in the pair, in words and bits; None for pairs queued before 2026-12-02."""
    return pair_weights(pair.model_weights)


def same_person_links(person: Any) -> dict[str, list[SamePersonLink]]:
    """Live links from and to a person (for the person page)."""
    live = SamePersonLink.objects.filter(undone_at__isnull=True).select_related("person", "same_as")
    return {"same_as": list(live.filter(person=person)), "also_registered_as": list(live.filter(same_as=person))}


def get_link(actor: Actor, link_uuid: Any) -> SamePersonLink:
    if not actor.user.has_role_permission("linkage.review_duplicates"):
        raise Http404
    link = SamePersonLink.objects.filter(uuid=link_uuid, person__owner_organisation_id=actor.user.organisation_id).first()
    if link is None:
        raise Http404
    return link
