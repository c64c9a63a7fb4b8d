"""Score an existing record against the person an officer is typing, and say why.

Used at registration time on the few dozen records a name search returned: it must be
fast (pure Python, microseconds per pair) and explain itself, because a person decides
whether the new arrival is someone already registered. Weights are log-odds in the
Fellegi–Sunter manner: agreement adds evidence, conflict subtracts it; the final score
is a probability. The numbers are deliberately conservative (a shared year of birth is
weak evidence: many people of the routes only know their year, clerks write 1 January).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz.distance import JaroWinkler, Levenshtein

from tenpoint.lib.names import (
    given_and_family_of_one_string,
    known_name,
    name_skeleton,
    name_tokens,
    other_sex_forms,
    words_as_written,
)

# Prior log-odds that a name-search hit is the same person, before any evidence.
PRIOR_LOG2_ODDS = -6.0
WEIGHTS: dict[str, float] = {
    "name_exact": 4.0, "name_same_sound": 3.0, "name_close": 1.5, "name_missing": -2.0,
    "given_name_different": -9.0,  # twins share father, family name, birth date: only this tells them apart
    # Both have more given names (or a father's name) and those match nothing on the other side:
    # Jean-Baptiste / Jean-Pierre, twins; Mohamed Abdi / Mohamed Ali, two fathers. A name left
    # out (Jean-Baptiste / Jean) is name_missing; the duplicate review's model calls this a conflict.
    "other_given_name_different": -8.0,
    # Daniel / Daniela, Jean / Jeanne with the sexes recorded as different: a brother and a sister
    # (twins among them). A clerk who mistakes the sex does not change the name to match.
    "given_name_other_sex": -9.0,
    "names_swapped": 0.0,  # swapping is common: no penalty, only a reason
    # Compared under another name of theirs (score_candidate): only a reason.
    "other_name_typed": 0.0, "other_name_found": 0.0,
    "date_exact": 5.0, "date_month": 3.0, "date_year": 1.5, "date_near": 0.5, "date_one_part": 2.0,
    "date_day_month_swapped": 3.0, "date_conflict": -4.0,
    "sex_conflict": -5.0,
    # The same first given name and the sexes differ: the name says the sex, so one sex is written
    # wrongly (a brother and a sister are not given one name). No evidence either way, as in the
    # duplicate review's model.
    "sex_written_wrongly": 0.0,
    "nationality_same": 0.5, "nationality_different": -0.5,  # declared nationality is unreliable
    # The people registered together now and then: a family registered again arrives together,
    # and two of its names among a namesake's companions are rare; one shared name (a Mohamed in
    # each family) is weak. Companions not found are no evidence against: families split up.
    "companions_one": 1.0, "companions_more": 4.0,
}


def _different_known_names(a: str, b: str) -> bool:
    known_a, known_b = known_name(a), known_name(b)
    return known_a is not None and known_b is not None and known_a != known_b


@dataclass(frozen=True)
class PartialDate:
    """A birth date as the record holds it; ``precision`` is exact, month, year, estimated or unknown."""

    value: date | None
    precision: str

    @property
    def year_only(self) -> bool:
        # A clerk's 1 January is a year, not a date.
        return self.value is not None and (
            self.precision in ("year", "estimated")
            or (self.precision == "exact" and (self.value.month, self.value.day) == (1, 1)))


@dataclass(frozen=True)
class PersonForLinkage:
    given_names: str  # given name and, for patronymic chains, father's and grandfather's names
    family_names: str
    birth: PartialDate
    sex: str = ""  # M, F or empty/unknown
    nationality: str = ""
    other_names: tuple[str, ...] = ()  # aliases and other spellings
    # The given names of the people registered together with them (family or household).
    companions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    """One piece of evidence: a code (for translation) and the words it is about."""

    code: str
    typed: str = ""
    found: str = ""
    weight: float = 0.0


@dataclass
class CandidateScore:
    probability: float
    reasons: list[Reason] = field(default_factory=list)


TokenFrequency = Callable[[str], float]
# A first given name token → the sex the register's bearers of it say ("M", "F"), or "" where they
# do not (``features.sex_said_by_name``).
NameSex = Callable[[str], str]


def _agreement_weight(base: float, token: str, frequency: TokenFrequency | None) -> float:
    """Fellegi–Sunter with term frequencies: agreeing on a name a fifth of the population bears
    (Jean in Haiti, Mohamed in Somalia) is weaker evidence than agreeing on a rare one."""
    if frequency is None:
        return base
    share = frequency(token)
    return min(base, max(0.5, math.log2(0.9 / share))) if share > 0 else base


def _token_evidence(token: str, candidates: list[str], frequency: TokenFrequency | None = None) -> Reason:
    if token in candidates:
        return Reason("name_exact", token, token, _agreement_weight(WEIGHTS["name_exact"], token, frequency))
    skeleton = name_skeleton(token)
    for other in candidates:
        if skeleton and name_skeleton(other) == skeleton and not _different_known_names(token, other):
            return Reason("name_same_sound", token, other,
                          _agreement_weight(WEIGHTS["name_same_sound"], token, frequency))
    for other in candidates:
        if _different_known_names(token, other):
            continue
        if Levenshtein.distance(token, other) <= (1 if len(token) <= 5 else 2) or \
                JaroWinkler.similarity(token, other) >= 0.92:
            return Reason("name_close", token, other, WEIGHTS["name_close"])
    return Reason("name_missing", token, "", WEIGHTS["name_missing"])


def _name_reasons(typed: PersonForLinkage, existing: PersonForLinkage,
                  frequency: TokenFrequency | None = None, name_sex: NameSex | None = None) -> list[Reason]:
    reasons = _name_evidence(typed, existing, frequency, name_sex)
    typed_words = words_as_written(typed.given_names, typed.family_names, *typed.other_names)
    existing_words = words_as_written(existing.given_names, existing.family_names, *existing.other_names)
    return [replace(r, typed=typed_words.get(r.typed, r.typed), found=existing_words.get(r.found, r.found))
            for r in reasons]


def _name_evidence(typed: PersonForLinkage, existing: PersonForLinkage,
                   frequency: TokenFrequency | None = None, name_sex: NameSex | None = None) -> list[Reason]:
    existing_tokens = name_tokens(" ".join([existing.given_names, existing.family_names, *existing.other_names]))
    typed_tokens = name_tokens(" ".join([typed.given_names, typed.family_names, *typed.other_names]))
    typed_given, typed_family = name_tokens(typed.given_names), name_tokens(typed.family_names)
    existing_given, existing_family = name_tokens(existing.given_names), name_tokens(existing.family_names)
    reasons: list[Reason] = []
    seen: set[str] = set()
    for token in [*typed_given, *typed_family][:5]:
        if token in seen:
            continue  # Jean-Louis Jean: one agreement on "jean", not two
        seen.add(token)
        reasons.append(_token_evidence(token, existing_tokens, frequency))
    # The first given name is what twins and siblings differ in; checked both ways.
    if typed_given and existing_given and reasons and _other_sex_forms(typed, existing, typed_given[0],
                                                                      existing_given[0], name_sex):
        reasons[0] = Reason("given_name_other_sex", typed_given[0], existing_given[0], WEIGHTS["given_name_other_sex"])
    elif typed_given and reasons and reasons[0].code == "name_missing":
        reasons[0] = Reason("given_name_different", typed_given[0], "", WEIGHTS["given_name_different"])
    elif existing_given and typed_tokens and _token_evidence(existing_given[0], typed_tokens).code == "name_missing":
        reasons.append(Reason("given_name_different", existing_given[0], "", WEIGHTS["given_name_different"]))
    if reasons and reasons[0].code not in ("given_name_different", "given_name_other_sex") and len(typed_given) > 1 \
            and len(existing_given) > 1 \
            and all(_token_evidence(token, typed_tokens).code == "name_missing" for token in existing_given[1:]):
        other = next((r for r in reasons if r.code == "name_missing" and r.typed in typed_given[1:]), None)
        if other is not None:
            reasons = [Reason("other_given_name_different", other.typed, " ".join(existing_given[1:]),
                              WEIGHTS["other_given_name_different"]) if r is other else r for r in reasons]
    # A dropped second surname (García López → García) is not evidence against; a different
    # second surname (García López → García Pérez) is.
    missing_family = [r for r in reasons if r.code == "name_missing" and r.typed in typed_family]
    if len(typed_family) > len(existing_family) and len(missing_family) == 1 and \
            typed_family[0] != missing_family[0].typed:
        reasons = [Reason("surname_dropped", r.typed, "", 0.0) if r is missing_family[0] else r for r in reasons]
    if typed_given and existing_family and typed_family and existing_given and \
            _token_evidence(typed_given[0], existing_family).code != "name_missing" and \
            _token_evidence(typed_family[0], existing_given).code != "name_missing":
        reasons.append(Reason("names_swapped", typed.given_names, existing.given_names, WEIGHTS["names_swapped"]))
    return reasons


def _other_sex_forms(typed: PersonForLinkage, existing: PersonForLinkage, typed_first: str, existing_first: str,
                     name_sex: NameSex | None = None) -> bool:
    """The first given names are one name's forms for a man and for a woman, and the records say
    one is a man and the other a woman (``names.other_sex_forms``).

    A record with no sex recorded has the sex its first given name says on the register
    (``name_sex``), as the batch model's ``sex_for_forms``: Fernanda with no sex beside Fernando is
    his sister where the register's Fernandas are women. Looked up only where the two names could
    be one name's two forms: the lookup is a count on the register."""
    typed_sex, existing_sex = typed.sex, existing.sex
    if typed_sex == existing_sex and typed_sex in ("M", "F"):
        return False  # most candidates: no need to look at the names
    if name_sex is not None and (typed_sex not in ("M", "F") or existing_sex not in ("M", "F")):
        if not (other_sex_forms(typed_first, existing_first) or other_sex_forms(existing_first, typed_first)):
            return False
        typed_sex = typed_sex if typed_sex in ("M", "F") else name_sex(typed_first)
        existing_sex = existing_sex if existing_sex in ("M", "F") else name_sex(existing_first)
    if typed_sex == existing_sex or typed_sex not in ("M", "F") or existing_sex not in ("M", "F"):
        return False
    if typed_sex == "M":
        return other_sex_forms(typed_first, existing_first)
    return other_sex_forms(existing_first, typed_first)


def _date_reason(typed: PartialDate, existing: PartialDate) -> Reason | None:
    if typed.value is None or existing.value is None:
        return None
    a, b = typed.value, existing.value
    if typed.year_only or existing.year_only:
        gap = abs(a.year - b.year)
        estimated = "estimated" in (typed.precision, existing.precision)
        if gap == 0:
            return Reason("date_year", str(a.year), str(b.year), WEIGHTS["date_year"])
        if gap <= (2 if estimated else 1):
            return Reason("date_near", str(a.year), str(b.year), WEIGHTS["date_near"])
        return Reason("date_conflict", str(a.year), str(b.year), WEIGHTS["date_conflict"])
    if "month" in (typed.precision, existing.precision):
        if (a.year, a.month) == (b.year, b.month):
            return Reason("date_month", f"{a:%Y-%m}", f"{b:%Y-%m}", WEIGHTS["date_month"])
        if a.year == b.year:
            return Reason("date_year", f"{a:%Y-%m}", f"{b:%Y-%m}", WEIGHTS["date_year"])
        return Reason("date_conflict", f"{a:%Y-%m}", f"{b:%Y-%m}", WEIGHTS["date_conflict"])
    # Two written dates: a one-part slip (a typo in the day, month or year, day and month
    # swapped) is a clerk's; a wholly different day and month in the same year is a sibling's.
    if a == b:
        return Reason("date_exact", a.isoformat(), b.isoformat(), WEIGHTS["date_exact"])
    if a.year == b.year and (a.month, a.day) == (b.day, b.month):
        return Reason("date_day_month_swapped", a.isoformat(), b.isoformat(), WEIGHTS["date_day_month_swapped"])
    same_parts = (a.year == b.year) + (a.month == b.month) + (a.day == b.day)
    if same_parts == 2 and (a.year == b.year or abs(a.year - b.year) == 1):
        return Reason("date_one_part", a.isoformat(), b.isoformat(), WEIGHTS["date_one_part"])
    if abs(a.year - b.year) <= 1 and "estimated" in (typed.precision, existing.precision):
        return Reason("date_near", a.isoformat(), b.isoformat(), WEIGHTS["date_near"])
    return Reason("date_conflict", a.isoformat(), b.isoformat(), WEIGHTS["date_conflict"])


def _companions_reason(typed: PersonForLinkage, existing: PersonForLinkage) -> Reason | None:
    """The typed person's companions whose given name the existing record's companions bear
    (each companion matched once: two typed Aminas are not two matches for one)."""
    if not typed.companions or not existing.companions:
        return None
    # First given-name key → the name as the record holds it, to say which companion matched.
    unmatched = {tokens[0]: name.strip() for name in existing.companions if (tokens := name_tokens(name))}
    shared: list[tuple[str, str]] = []
    for companion in typed.companions:
        tokens = name_tokens(companion)
        if not tokens or not unmatched:
            continue
        evidence = _token_evidence(tokens[0], list(unmatched))
        if evidence.code != "name_missing":
            shared.append((companion.strip(), unmatched.pop(evidence.found)))
    if not shared:
        return None
    code = "companions_more" if len(shared) >= 2 else "companions_one"
    return Reason(code, ", ".join(typed_name for typed_name, _ in shared),
                  ", ".join(found for _, found in shared), WEIGHTS[code])


def _as_named(person: PersonForLinkage) -> list[tuple[PersonForLinkage, str]]:
    """The record under each of its names, each with the other name used ("" for its own): its own,
    then each other name (an alias, the name as the documents write it) read as given name (its
    first word, with the particles before it) and family name (the rest), the rest of its names
    kept beside it as other names."""
    named = [(person, "")]
    if not person.other_names:
        return named  # most records: nothing to try
    own = " ".join(filter(None, (person.given_names.strip(), person.family_names.strip())))
    for position, name in enumerate(person.other_names):
        given, family = given_and_family_of_one_string(name)
        if given:
            rest = (own, *person.other_names[:position], *person.other_names[position + 1:])
            named.append((replace(person, given_names=given, family_names=family,
                                  other_names=tuple(filter(None, rest))), name.strip()))
    return named


def score_candidate(typed: PersonForLinkage, existing: PersonForLinkage, *,
                    frequency: TokenFrequency | None = None, name_sex: NameSex | None = None) -> CandidateScore:
    """How likely ``existing`` is the person being typed, with every reason that counted.

    A person known by several names is compared under each (their own, an alias, the name in the
    script of their documents) and scored by the closest, with a reason saying which other name
    it was: "Jaime Padilla" typed is the record of Luis Cano López whose alias is Jaime Padilla,
    not a Luis who is not in what was typed.

    ``frequency`` (a name token → its share of the population) weakens agreement on common names;
    ``name_sex`` (a first given name → the sex its bearers on the register have) stands for a sex
    not recorded where one name's two forms may be a brother and a sister (``_other_sex_forms``)."""
    best: CandidateScore | None = None
    existing_named = _as_named(existing)
    for typed_as, typed_name in _as_named(typed):
        for existing_as, existing_name in existing_named:
            scored = _score_as_named(typed_as, existing_as, frequency, name_sex)
            if typed_name:
                scored.reasons.append(Reason("other_name_typed", typed_name, "", WEIGHTS["other_name_typed"]))
            if existing_name:
                scored.reasons.append(Reason("other_name_found", "", existing_name, WEIGHTS["other_name_found"]))
            if best is None or scored.probability > best.probability:
                best = scored
    assert best is not None  # _as_named always yields the record under its own name
    return best


def _score_as_named(typed: PersonForLinkage, existing: PersonForLinkage,
                    frequency: TokenFrequency | None, name_sex: NameSex | None = None) -> CandidateScore:
    reasons = _name_reasons(typed, existing, frequency, name_sex)
    date_reason = _date_reason(typed.birth, existing.birth)
    if date_reason:
        reasons.append(date_reason)
    if typed.sex in ("M", "F") and existing.sex in ("M", "F") and typed.sex != existing.sex:
        typed_first, existing_first = name_tokens(typed.given_names)[:1], name_tokens(existing.given_names)[:1]
        code = "sex_written_wrongly" if typed_first and typed_first == existing_first else "sex_conflict"
        reasons.append(Reason(code, typed.sex, existing.sex, WEIGHTS[code]))
    if typed.nationality and existing.nationality:
        code = "nationality_same" if typed.nationality == existing.nationality else "nationality_different"
        reasons.append(Reason(code, typed.nationality, existing.nationality, WEIGHTS[code]))
    companions_reason = _companions_reason(typed, existing)
    if companions_reason:
        reasons.append(companions_reason)
    log2_odds = PRIOR_LOG2_ODDS + sum(r.weight for r in reasons)
    probability = 1.0 / (1.0 + math.pow(2.0, -log2_odds))
    return CandidateScore(probability=probability, reasons=reasons)


def candidate_pairs(people: dict[str, PersonForLinkage], *, review_from: float,
                    max_block: int = 200) -> list[tuple[str, str, CandidateScore]]:
    """Every pair of records sharing a name key (skeleton of a given or family name token) and
    scoring at least ``review_from``. Blocks larger than ``max_block`` (a very common name alone)
    are split by year of birth, so Mohamed × Mohamed does not make millions of pairs.

    The duplicate review's queue until 2026-11-30; it runs on ``dedupe.possible_duplicates``
    now, which finds 0.93 of the true pairs where this found 0.21. Kept as that benchmark's
    comparison (benchmarks/linkage/review.py)."""
    counts: Counter[str] = Counter()
    for person in people.values():
        counts.update(set(name_tokens(f"{person.given_names} {person.family_names}")))
    # A share estimated from a few hundred records says little: below 1,000 people, shares are
    # taken as if from 1,000 (a rare name stays rare; only genuinely common ones weaken).
    total = max(1000, len(people))

    def frequency(token: str) -> float:
        return counts.get(token, 1) / total

    blocks: dict[tuple[str, int | None], list[str]] = {}
    for record_id, person in people.items():
        year = person.birth.value.year if person.birth.value else None
        for token in name_tokens(f"{person.given_names} {person.family_names}")[:4]:
            skeleton = name_skeleton(token)
            if skeleton:
                blocks.setdefault((skeleton, None), []).append(record_id)
                blocks.setdefault((skeleton, year), []).append(record_id)
    compared: set[tuple[str, str]] = set()
    found: list[tuple[str, str, CandidateScore]] = []
    for (_skeleton, year), members in blocks.items():
        if (year is None) != (len(members) <= max_block):
            continue  # small blocks whole; large ones only within a year of birth
        members = sorted(set(members))
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                if (first, second) in compared:
                    continue
                compared.add((first, second))
                score = score_candidate(people[first], people[second], frequency=frequency)
                if score.probability >= review_from:
                    found.append((first, second, score))
    found.sort(key=lambda item: -item[2].probability)
    return found
