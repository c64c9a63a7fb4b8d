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


class _NameReader:
    """``name_tokens``, ``name_key`` and ``known_name`` read once per distinct name in a file: a
    register repeats its names (Febrl3's 5,000 records hold 1,214 given names, the generator's
    40,000 a few hundred), and reading them was most of the time spent building features."""

    def __init__(self) -> None:
        self._tokens: dict[str, tuple[str, ...]] = {}
        self._keys: dict[str, str] = {}
        self._known: dict[str, str | None] = {}
        self._sex_forms: dict[tuple[str, str], list[str] | None] = {}

    def tokens(self, text: str) -> list[str]:
        if (tokens := self._tokens.get(text)) is None:
            tokens = self._tokens[text] = tuple(name_tokens(text))
        return list(tokens)

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
            return [None if pd.isna(v) else int(v) for v in frame[column].tolist()]

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
    rows: list[dict[str, object]] = []
    reader = _NameReader()
    years, months, days = _birth_parts(frame)
    given_names = frame["given_name"].fillna("").astype(str).tolist()
    family_names = frame["family_name"].fillna("").astype(str).tolist()
    sexes = frame["sex"].fillna("").astype(str).str.upper().tolist() if "sex" in frame else [""] * len(frame)
    nationalities = (frame["nationality"].fillna("").astype(str).str.upper().tolist()
                     if "nationality" in frame else [""] * len(frame))
    for given_name, family_name, year, month, day, sex, nationality in zip(
        given_names, family_names, years, months, days, sexes, nationalities, strict=True
    ):
        given_tokens = reader.tokens(given_name)
        family_tokens = reader.tokens(family_name)
        family_written = bool(family_tokens)
        if not family_tokens and len(given_tokens) > 1:
            # A patronymic chain with no family name (Somali, Ethiopian, Eritrean: given, father's,
            # grandfather's name): the father's line stands where a family name would. Compared
            # whole as a given name, "Abdi Ahmed Ahmed" and "Abdi Ermias Abebe" born the same day
            # agreed on their first name and on nothing else, and scored 0.90.
            # Compared so, not blocked so (``family_sk``, ``family_block`` stay empty): the blocking
            # rules that pair one name with a date part paired every "son of Mohamed" born on a
            # day with every other, and a review of a million people scored for 316 s, not 51.
            given_tokens, family_tokens = given_tokens[:1], given_tokens[1:]
        given_sk = reader.skeletons(given_tokens)
        family_sk = reader.skeletons(family_tokens)
        all_sk = sorted(given_sk + family_sk)
        family_counted = _counted(family_sk)
        # The clerk's 1 January (and a bare year) say nothing about month and day.
        year_only = year is not None and (month is None or (month == 1 and day in (None, 1)))
        if year_only:
            month, day = None, None
        dob_str = f"{year:04d}{month:02d}{day:02d}" if year is not None and month and day else None
        rows.append({
            "given": _none_if_empty(" ".join(given_tokens)),
            "family": _none_if_empty(" ".join(family_tokens)),
            "given_first": given_tokens[0] if given_tokens else None,
            "family_first": family_tokens[0] if family_tokens else None,
            "family_last": family_tokens[-1] if family_tokens else None,
            "given_sk": given_sk[0] if given_sk else None,
            "family_sk": family_sk[0] if family_sk and family_written else None,
            "given_sk_all": _none_if_empty(" ".join(given_sk)),
            "family_sk_all": _none_if_empty(" ".join(family_sk)),
            # Needs both parts: a lone name equal to a lone name is not a "same full name" match.
            "name_sk_sorted": " ".join(all_sk) if given_sk and family_sk else None,
            "family_sk_set": family_counted or None,
            "family_sk_bits": _skeleton_bits(family_counted),
            "birth_year": year,
            "birth_month": month,
            "birth_day": day,
            "dob_str": dob_str,
            "date_year_only": bool(year_only),
            # Hassan and Hussein: known different names, never a spelling of one another.
            "given_known": reader.known(given_tokens[0]) if given_tokens else None,
            "family_known": reader.known(family_tokens[0]) if family_tokens else None,
            "sex": _none_if_empty(sex),
            "nationality": _none_if_empty(nationality),
            # The family name as written, for the blocking rules (empty for a patronymic chain).
            "family_block": _none_if_empty(" ".join(family_tokens)) if family_written else None,
            # The given names after the first (María *José*, Jean-*Baptiste*).
            "given_rest": _none_if_empty(" ".join(given_tokens[1:])),
            "given_rest_sk": sorted(set(given_sk[1:])) or None,
        })
    # A record with no sex reads as the sex its first given name has in the file (``sexes_of_names``):
    # Daniela with no sex beside Daniel, a man, is his sister; Nasro beside Nasra, a woman, is her.
    if name_sexes is None:
        name_sexes = _sexes_of_first_names((row["given_first"], row["sex"]) for row in rows)
    for row in rows:
        first = row["given_first"]
        sex_for_forms = row["sex"] if row["sex"] in ("M", "F") else name_sexes.get(str(first or ""))
        row["sex_for_forms"] = sex_for_forms
        row["given_sex_forms"] = reader.sex_forms(str(first), sex_for_forms or "") if first else None
    # A household is named within its source: two registration points may both number theirs 1, 2, 3.
    sources = frame["source"].fillna("").astype(str).tolist() if "source" in frame else [""] * len(rows)
    households = ([f"{source}/{household}" if household else ""
                   for source, household in zip(sources, frame["household_id"].fillna("").astype(str), strict=True)]
                  if "household_id" in frame else [""] * len(rows))
    companions = _companions(households, [row["given_sk"] for row in rows])
    for row, household, names in zip(rows, households, companions, strict=True):
        row["household_id"] = household or None
        row["household_given"] = names
    # Rows already known to be one person (a person's own record and their aliases, in a review):
    # their pairs say nothing about how often two records are one person (``dedupe``'s λ).
    known = (frame["known_person"].fillna("").astype(str).tolist() if "known_person" in frame
             else [""] * len(rows))
    for row, person in zip(rows, known, strict=True):
        row["known_person"] = person or None
    features = pd.DataFrame(rows, columns=list(FEATURE_COLUMNS))
    for column in ("birth_year", "birth_month", "birth_day"):
        features[column] = features[column].astype("Int64")
    features.insert(0, "unique_id", frame["record_id"].astype(str).to_numpy())
    return features
