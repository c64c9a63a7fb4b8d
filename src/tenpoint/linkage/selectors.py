"""Possible earlier registrations of the person being registered, within the user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from tenpoint.audit.services import Actor
from tenpoint.lib.linkage.candidates import CandidateScore, PartialDate, PersonForLinkage, Reason, score_candidate
from tenpoint.registry.selectors import PersonSearch, search_people
from tenpoint.registry.validation import FieldError, parse_birth_date

# Below this the hit is noise for the officer; the search itself already filtered on names.
SHOW_FROM_PROBABILITY = 0.05
SEARCH_DEPTH = 40


@dataclass
class RegistrationCandidate:
    person: Any
    probability: float
    reasons: list[str]


def explain(reason: Reason) -> str:
    """The reason in the reader's language."""
    words = {"typed": reason.typed, "found": reason.found}
    texts = {
        "name_exact": _("“%(typed)s” exact"),
        "name_same_sound": _("“%(typed)s” sounds like “%(found)s”"),
        "name_close": _("“%(typed)s” spelled close to “%(found)s”"),
        "name_missing": _("“%(typed)s” not in this record"),
        "given_name_different": _("different given name (“%(typed)s” not in this record)"),
        "surname_dropped": _("second family name “%(typed)s” not recorded here"),
        "names_swapped": _("given and family names swapped"),
        "date_exact": _("same date of birth"),
        "date_month": _("same month and year of birth"),
        "date_year": _("same year of birth (%(found)s)"),
        "date_near": _("year of birth close (%(typed)s / %(found)s)"),
        "date_day_month_swapped": _("day and month of birth swapped (%(typed)s / %(found)s)"),
        "date_conflict": _("different date of birth (%(found)s)"),
        "sex_conflict": _("different sex"),
        "nationality_same": _("same declared nationality"),
        "nationality_different": _("different declared nationality (%(found)s)"),
    }
    return texts[reason.code] % words


def _for_linkage(person: Any) -> PersonForLinkage:
    return PersonForLinkage(
        given_names=" ".join(filter(None, [person.given_name, person.father_name, person.grandfather_name])),
        family_names=" ".join(filter(None, [person.family_name, person.second_family_name])),
        birth=PartialDate(person.birth_date, person.birth_date_precision),
        sex=person.sex if person.sex in ("M", "F") else "",
        nationality=person.nationality_declared or "",
        other_names=tuple(alias.name for alias in person.aliases.all()),
    )


def registration_candidates(actor: Actor, *, given_names: str, family_names: str, birth_date: str = "",
                            sex: str = "", nationality: str = "", limit: int = 5) -> list[RegistrationCandidate]:
    """People already registered who may be the one being typed, most likely first, with reasons.

    Names find the candidates (the spelling-tolerant search, scoped and audited); the date,
    sex and nationality only re-rank them, because each of those is often wrong or missing.
    """
    name = " ".join(filter(None, [given_names.strip(), family_names.strip()]))
    if len(name.replace(" ", "")) < 3:
        return []
    try:
        birth = parse_birth_date(birth_date)
    except FieldError:  # a half-typed date is not an error yet: leave it out
        birth = parse_birth_date("")
    typed = PersonForLinkage(given_names=given_names, family_names=family_names,
                             birth=PartialDate(birth.date, str(birth.precision)),
                             sex=sex if sex in ("M", "F") else "", nationality=nationality.strip().upper())
    hits = search_people(actor, PersonSearch(name=name, limit=SEARCH_DEPTH), purpose="registration duplicate check")
    prefetch_related_objects([hit.person for hit in hits], "aliases")
    scored: list[tuple[CandidateScore, Any]] = [(score_candidate(typed, _for_linkage(hit.person)), hit.person)
                                                for hit in hits]
    scored.sort(key=lambda item: -item[0].probability)
    return [RegistrationCandidate(person, score.probability, [explain(r) for r in score.reasons])
            for score, person in scored[:limit] if score.probability >= SHOW_FROM_PROBABILITY]
