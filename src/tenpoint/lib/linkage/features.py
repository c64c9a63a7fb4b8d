"""Turn a records frame into the columns the Splink model compares.

Names are compared as clerks write them badly: normalised to ASCII, then folded to
consonant skeletons (Mohamed / Muhammad / Maxamed → ``md``) so that transliteration
variants agree -- except names known to share a skeleton with another name (Hassan and
Hussein, Mohamed and Mahmoud), which keep their own key (``names.name_key``). A sorted bag
of all name skeletons catches given/family swaps and patronymic chains split at a different
place (Abdi | Hassan Ali vs Abdi Hassan | Ali).

Birth dates carry their precision: a ``YYYY-01-01`` date is what a clerk writes when only
the year is known, so it counts as year-only evidence (no day, no month).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd

from tenpoint.lib.linkage.records import parse_birth_date
from tenpoint.lib.names import known_name, name_key, name_tokens, other_sex_form_keys

# Columns of the frame handed to Splink (besides ``unique_id``).
FEATURE_COLUMNS = (
    "given", "family", "given_first", "family_first", "family_last", "given_sk", "family_sk", "given_sk_all",
    "family_sk_all", "name_sk_sorted", "family_sk_set", "family_sk_bits", "birth_year", "birth_month", "birth_day",
    "dob_str", "date_year_only", "sex", "nationality", "given_known", "family_known", "household_id",
    "household_given", "given_rest", "given_rest_sk", "family_block", "known_person", "given_sex_forms",
    "sex_for_forms",
)
# The columns that hold lists of strings (Spark needs their type said).
LIST_COLUMNS = ("family_sk_set", "household_given", "given_rest_sk", "given_sex_forms")


# Bits of ``family_sk_bits``: 62, so that the mask is a positive 64-bit integer on every engine.
SKELETON_BITS = 62


def _skeleton_bits(skeletons: Iterable[str]) -> int:
    """One bit per skeleton (a stable hash: features are built again in every process). A set whose
    bits are not all among another's bits is not a subset of it: the model asks for the dear list
    intersection only where the bits allow a subset (``model.SurnameDroppedLevel``)."""
    bits = 0
    for skeleton in skeletons:
        bits |= 1 << (zlib.crc32(skeleton.encode()) % SKELETON_BITS)
    return bits


def _counted(skeletons: list[str]) -> list[str]:
    """The skeletons as a set that keeps repeats (``grc``, ``grc#2``): "García García" is two
    surnames, so "García Rodríguez" does not hold it with one dropped, as the plain set {grc}
    said (Somali chains: "Mohamed Mohamed", father and grandfather of one name). Generator F1
    0.9051 → 0.9072 (seed 1), Febrl3 unchanged (one surname each)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for skeleton in skeletons:
        seen[skeleton] = seen.get(skeleton, 0) + 1
        out.append(skeleton if seen[skeleton] == 1 else f"{skeleton}#{seen[skeleton]}")
    return sorted(out)


def _none_if_empty(text: str) -> str | None:
    return text or None


class _GivenParts(NamedTuple):
    """The given-name columns of a record (names as FEATURE_COLUMNS), and its skeletons."""

    given: str | None
    given_first: str | None
    given_sk: str | None
    given_sk_all: str | None
    given_known: str | None
    # The given names after the first (María *José*, Jean-*Baptiste*).
    given_rest: str | None
    given_rest_sk: list[str] | None
    skeletons: list[str]


class _FamilyParts(NamedTuple):
    """The family-name columns of a record (names as FEATURE_COLUMNS), and its skeletons."""

    family: str | None
    family_first: str | None
    family_last: str | None
    family_sk: str | None
    family_sk_all: str | None
    family_sk_set: list[str] | None
    family_sk_bits: int
    family_known: str | None
    # The family name as written, for the blocking rules (empty for a patronymic chain).
    family_block: str | None
    skeletons: list[str]


class _NameReader:
    """``name_tokens``, ``name_key`` and ``known_name`` read once per distinct name in a file: a
    register repeats its names (Febrl3's 5,000 records hold 1,214 given names, the generator's
    40,000 a few hundred), and reading them was most of the time spent building features. Since
    2026-12-04 the columns each written name gives are kept too (``name_parts``), and filled column
    by column, not as a dict per record: 63 → 48 ms of CPU on Febrl3, 782 → 432 ms on 40,000
    generated records."""

    def __init__(self) -> None:
        self._tokens: dict[str, tuple[str, ...]] = {}
        self._keys: dict[str, str] = {}
        self._known: dict[str, str | None] = {}
        self._sex_forms: dict[tuple[str, str], list[str] | None] = {}
        # By the name as written.
        self._given_parts: dict[str, _GivenParts] = {}
        self._family_parts: dict[str, _FamilyParts] = {}
        self._chains: dict[str, tuple[_GivenParts, _FamilyParts]] = {}

    def tokens(self, text: str) -> list[str]:
        return list(self._token_tuple(text))

    def skeletons(self, tokens: Iterable[str]) -> list[str]:
        keys = []
        for token in tokens:
            if (key := self._keys.get(token)) is None:
                key = self._keys[token] = name_key(token)
            if key:
                keys.append(key)
        return keys

    def known(self, token: str) -> str | None:
        if token not in self._known:
            self._known[token] = known_name(token)
        return self._known[token]

    def name_parts(self, given_name: str, family_name: str) -> tuple[_GivenParts, _FamilyParts]:
        """The name columns of a record, worked out once per distinct given name and family name
        as written (a file repeats its names). The lists in them are shared by the records of one
        name: read, never changed."""
        family = self._family_parts.get(family_name)
        if family is None:
            family = self._family_parts[family_name] = self._family(self._token_tuple(family_name), written=True)
        if family.family is None and len(given_tokens := self._token_tuple(given_name)) > 1:
            # A patronymic chain with no family name (Somali, Ethiopian, Eritrean: given, father's,
            # grandfather's name): the father's line stands where a family name would. Compared
            # whole as a given name, "Abdi Ahmed Ahmed" and "Abdi Ermias Abebe" born the same day
            # agreed on their first name and on nothing else, and scored 0.90.
            # Compared so, not blocked so (``family_sk``, ``family_block`` stay empty): the blocking
            # rules that pair one name with a date part paired every "son of Mohamed" born on a
            # day with every other, and a review of a million people scored for 316 s, not 51.
            if (chain := self._chains.get(given_name)) is None:
                chain = self._chains[given_name] = (self._given(given_tokens[:1]),
                                                    self._family(given_tokens[1:], written=False))
            return chain
        given = self._given_parts.get(given_name)
        if given is None:
            given = self._given_parts[given_name] = self._given(self._token_tuple(given_name))
        return given, family

    def _token_tuple(self, text: str) -> tuple[str, ...]:
        if (tokens := self._tokens.get(text)) is None:
            tokens = self._tokens[text] = tuple(name_tokens(text))
        return tokens

    def _given(self, tokens: tuple[str, ...]) -> _GivenParts:
        skeletons = self.skeletons(tokens)
        return _GivenParts(
            given=_none_if_empty(" ".join(tokens)),
            given_first=tokens[0] if tokens else None,
            given_sk=skeletons[0] if skeletons else None,
            given_sk_all=_none_if_empty(" ".join(skeletons)),
            # Hassan and Hussein: known different names, never a spelling of one another.
            given_known=self.known(tokens[0]) if tokens else None,
            given_rest=_none_if_empty(" ".join(tokens[1:])),
            given_rest_sk=sorted(set(skeletons[1:])) or None,
            skeletons=skeletons,
        )

    def _family(self, tokens: tuple[str, ...], *, written: bool) -> _FamilyParts:
        """Not ``written``: the father's line of a patronymic chain, left out of the blocking columns."""
        skeletons = self.skeletons(tokens)
        counted = _counted(skeletons)
        return _FamilyParts(
            family=_none_if_empty(" ".join(tokens)),
            family_first=tokens[0] if tokens else None,
            family_last=tokens[-1] if tokens else None,
            family_sk=skeletons[0] if skeletons and written else None,
            family_sk_all=_none_if_empty(" ".join(skeletons)),
            family_sk_set=counted or None,
            family_sk_bits=_skeleton_bits(counted),
            family_known=self.known(tokens[0]) if tokens else None,
            family_block=_none_if_empty(" ".join(tokens)) if written else None,
            skeletons=skeletons,
        )

    def sex_forms(self, first_given: str, sex: str) -> list[str] | None:
        """What ``model.OtherSexFormLevel`` compares: a man's first given name as it is, a woman's
        as the men's names it may be the feminine form of (Daniela → daniel; ``names.OtherSexForms``),
        each with its key where it ends in a consonant (``names.other_sex_form_keys``). The two meet
        only where a man's name is a woman's name made masculine, as written or respelled."""
        if sex not in ("M", "F"):
            return None
        if (first_given, sex) not in self._sex_forms:
            self._sex_forms[(first_given, sex)] = sorted(other_sex_form_keys(first_given, sex)) or None
        return self._sex_forms[(first_given, sex)]


def _birth_parts(frame: pd.DataFrame) -> tuple[list[int | None], list[int | None], list[int | None]]:
    """Year, month, day per row; from the parsed columns when present, else from birth_date."""
    if {"birth_year", "birth_month", "birth_day"} <= set(frame.columns):
        def ints(column: str) -> list[int | None]:
            values = frame[column]
            return [None if missing else int(v)
                    for v, missing in zip(values.tolist(), values.isna().tolist(), strict=True)]

        return ints("birth_year"), ints("birth_month"), ints("birth_day")
    years: list[int | None] = []
    months: list[int | None] = []
    days: list[int | None] = []
    for text in frame["birth_date"].fillna("").astype(str):
        parsed = parse_birth_date(text)
        years.append(parsed.year)
        months.append(parsed.month)
        days.append(parsed.day)
    return years, months, days


# A "household" of more records than this is a boat, a bus or a whole registration session
# written in the column, not a family: its records get no companions (so no household evidence).
MAX_HOUSEHOLD_RECORDS = 20


def _companions(households: list[str], given_keys: list[object]) -> list[list[str] | None]:
    """For each record, the given-name keys of the others registered with it (its household), sorted;
    None for someone registered alone, without a household_id, or in a "household" too large to be one."""
    members: dict[str, list[int]] = {}
    for index, household in enumerate(households):
        if household:
            members.setdefault(household, []).append(index)
    companions: list[list[str] | None] = [None] * len(households)
    for indexes in members.values():
        if len(indexes) > MAX_HOUSEHOLD_RECORDS:
            continue
        for index in indexes:
            names = sorted({str(given_keys[other]) for other in indexes if other != index and given_keys[other]})
            companions[index] = names or None
    return companions


# A first given name is taken to say the sex of a record that has none when at least this many
# records of the file bear it with a sex recorded, and at least this share of them one sex (a
# sex is written wrongly now and then).
NAME_SEX_MIN_RECORDS = 3
NAME_SEX_MIN_SHARE = 0.9


def sexes_of_names(frame: pd.DataFrame) -> dict[str, str]:
    """The sex each first given name (a name token, as ``name_tokens`` writes it) has in ``frame``'s
    records with a sex recorded, where they nearly all agree (NAME_SEX_MIN_RECORDS,
    NAME_SEX_MIN_SHARE): counted on the register itself, as term frequencies are, not from a list
    of names by sex that no list could hold for every route. Daniela and Nasro are women's names
    where the file's women bear them; Tesfaye a man's."""
    if "sex" not in frame:
        return {}
    reader = _NameReader()
    # The first token, as build_features's ``given_first`` (a patronymic chain keeps it first).
    return _sexes_of_first_names(
        (next(iter(reader.tokens(given_name)), ""), sex)
        for given_name, sex in zip(frame["given_name"].fillna("").astype(str),
                                   frame["sex"].fillna("").astype(str).str.upper(), strict=True))


def _sexes_of_first_names(first_names_and_sexes: Iterable[tuple[object, object]]) -> dict[str, str]:
    """``sexes_of_names`` counted on (first given name, sex) pairs; other sexes and no name skipped."""
    counts: dict[str, list[int]] = {}
    for first, sex in first_names_and_sexes:
        if first and sex in ("M", "F"):
            counts.setdefault(str(first), [0, 0])[sex == "F"] += 1
    found = {}
    for first, (men, women) in counts.items():
        if said := sex_said_by_name(men, women):
            found[first] = said
    return found


def sex_said_by_name(men: int, women: int) -> str:
    """"M" or "F" where a first given name borne by ``men`` men and ``women`` women (records with a
    sex recorded) says the sex of a record of it that has none; "" where it does not (too few
    bearers, or both sexes bear it)."""
    if men + women >= NAME_SEX_MIN_RECORDS and max(men, women) >= NAME_SEX_MIN_SHARE * (men + women):
        return "F" if women > men else "M"
    return ""


def build_features(frame: pd.DataFrame, *, name_sexes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Splink input: one row per record, ``unique_id`` = record_id, plus FEATURE_COLUMNS.

    ``frame`` needs record_id, given_name, family_name, sex, nationality and either
    birth_year/birth_month/birth_day or birth_date. Empty values become nulls so that
    Splink's null levels (no evidence either way) apply. ``name_sexes``: the sex of each first
    given name (``sexes_of_names``), counted on ``frame`` unless given (new records against a
    register count on both).
    """
    reader = _NameReader()
    years, months, days = _birth_parts(frame)
    given_names = frame["given_name"].fillna("").astype(str).tolist()
    family_names = frame["family_name"].fillna("").astype(str).tolist()
    sexes = frame["sex"].fillna("").astype(str).str.upper().tolist() if "sex" in frame else [""] * len(frame)
    nationalities = (frame["nationality"].fillna("").astype(str).str.upper().tolist()
                     if "nationality" in frame else [""] * len(frame))
    columns: dict[str, list[object]] = {column: [] for column in FEATURE_COLUMNS}
    given_parts: list[_GivenParts] = []
    family_parts: list[_FamilyParts] = []
    name_sk_sorted = columns["name_sk_sorted"]
    for given_name, family_name in zip(given_names, family_names, strict=True):
        given, family = reader.name_parts(given_name, family_name)
        given_parts.append(given)
        family_parts.append(family)
        # Needs both parts: a lone name equal to a lone name is not a "same full name" match.
        name_sk_sorted.append(" ".join(sorted(given.skeletons + family.skeletons))
                              if given.skeletons and family.skeletons else None)
    # Each part's columns (its skeletons, last, only make ``name_sk_sorted``).
    for parts, fields in ((given_parts, _GivenParts._fields), (family_parts, _FamilyParts._fields)):
        for index, name in enumerate(fields[:-1]):
            columns[name] = [part[index] for part in parts]
    for year, month, day in zip(years, months, days, strict=True):
        # The clerk's 1 January (and a bare year) say nothing about month and day.
        year_only = year is not None and (month is None or (month == 1 and day in (None, 1)))
        if year_only:
            month, day = None, None
        columns["birth_year"].append(year)
        columns["birth_month"].append(month)
        columns["birth_day"].append(day)
        columns["dob_str"].append(f"{year:04d}{month:02d}{day:02d}" if year is not None and month and day else None)
        columns["date_year_only"].append(bool(year_only))
    columns["sex"] = [sex or None for sex in sexes]
    columns["nationality"] = [nationality or None for nationality in nationalities]
    # A record with no sex reads as the sex its first given name has in the file (``sexes_of_names``):
    # Daniela with no sex beside Daniel, a man, is his sister; Nasro beside Nasra, a woman, is her.
    if name_sexes is None:
        name_sexes = _sexes_of_first_names(zip(columns["given_first"], columns["sex"], strict=True))
    for first, sex in zip(columns["given_first"], columns["sex"], strict=True):
        sex_for_forms = sex if sex in ("M", "F") else name_sexes.get(str(first or ""))
        columns["sex_for_forms"].append(sex_for_forms)
        columns["given_sex_forms"].append(reader.sex_forms(str(first), sex_for_forms or "") if first else None)
    # A household is named within its source: two registration points may both number theirs 1, 2, 3.
    records = len(frame)
    sources = frame["source"].fillna("").astype(str).tolist() if "source" in frame else [""] * records
    households = ([f"{source}/{household}" if household else ""
                   for source, household in zip(sources, frame["household_id"].fillna("").astype(str), strict=True)]
                  if "household_id" in frame else [""] * records)
    columns["household_given"] = list(_companions(households, columns["given_sk"]))
    columns["household_id"] = [household or None for household in households]
    # Rows already known to be one person (a person's own record and their aliases, in a review):
    # their pairs say nothing about how often two records are one person (``dedupe``'s λ).
    columns["known_person"] = ([person or None for person in frame["known_person"].fillna("").astype(str).tolist()]
                               if "known_person" in frame else [None] * records)
    # No records: every column of object type, as a frame of no rows is built (empty lists read as floats).
    features = pd.DataFrame(columns if records else None, columns=list(FEATURE_COLUMNS))
    for column in ("birth_year", "birth_month", "birth_day"):
        features[column] = features[column].astype("Int64")
    features.insert(0, "unique_id", frame["record_id"].astype(str).to_numpy())
    return features
