"""The Splink 5 model for finding the same person across records, as data.

Two models:
- ``tenpoint_settings``: compares the columns built by ``features.build_features``
  (skeleton-folded names, swapped names, precision-aware birth dates);
- ``baseline_settings``: Splink's own tutorial model (deduplicate_50k_synthetic, restricted
  to names and date of birth), kept for the benchmark so that gains are measured, not claimed.

Training is unsupervised (u by random sampling, the birth date's counted on every pair instead, λ
from near-certain rules, name m by EM, then λ again from the same rules, their recall now implied
by the trained m: ``lambda_rules_recall``), except where EM is known to learn the wrong thing from
this data and m is fixed from registration practice instead: birth date (its vague dates' share
as the file's, ``birth_date_m``), sex, nationality, a wholly different given name and a wholly
different second given name (see the constants and their comments). Where EM fails on a file
(``names_not_learned``), ``dedupe`` counts the names' m on synthetic records of known people.

Only ``comparison_level_library`` levels, plain SQL and one dialect-aware level
(``FuzzySwapLevel``) are used so the same model runs on DuckDB and on Spark.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.dialects import SplinkDialect
from splink.internals.exceptions import EMTrainingException

# Clustering (dedupe.cluster_without_chains): pairs at or above CORE_THRESHOLD form cores;
# clusters then join when the mean match probability over all their record pairs is at
# least DEFAULT_THRESHOLD (the --threshold). Connected components at 0.7 chained namesakes
# into giant clusters on the generator; the mean over a whole cluster does not (README).
DEFAULT_THRESHOLD = 0.7
CORE_THRESHOLD = 0.99
# Pairs scored below this are not kept at all (they can never pass any sane threshold).
PREDICT_FLOOR = 0.2
# In the clustering's mean over all record pairs of two clusters, a pair with no score (no
# blocking rule brought it together, or it scored below PREDICT_FLOOR) counts as this. Counted
# as 0, a person's most corrupted record was left out of a cluster of four to six of their
# records for want of a score against one of them (Febrl3 keeps up to six records a person):
# Febrl3 F1 0.9157 → 0.9255, generator (40,000) 0.8953 → 0.8963. 0.4 did as well at 40,000
# records but cost 0.0007 at 200,000, where namesakes are denser; 0.3 cost nothing there
# (2026-12-01, benchmarks/linkage/README.md).
UNSCORED_PAIR_PROBABILITY = 0.3
# Random pairs for u estimation, in one chunk. Splink's default (ten chunks after a probe, to
# stop early once every level has 100 pairs) never stops early here: the rare date levels
# (day/month swapped) never get there. A level never seen gets an upper bound of its u
# (``u_for_levels_not_seen``).
# 2e5 in one chunk: Febrl3's u phase 0.75 s → 0.37 s, the whole run no slower than the
# tutorial baseline's. The sample's seed moves F1 more than its size does: Febrl3 over u seeds
# 1-4, 0.8999 on average (3e5: 0.9003; seed 5, used, 0.9023 / 0.9034); three generator
# seeds 0.8998 (3e5: 0.9000). 2026-11-30, README.
# Kept at 2e5 when only the names' u was left to sample (``U_COUNTED_ON_ALL_PAIRS``): 1e5 gave
# the same mean F1 over u seeds 1-8 at 40,000 records but less at 1,000,000 with the model reused,
# on each of u seeds 5, 1, 2, 3 (mean 0.7949 against 0.7967; seed 3 0.7910; 2026-12-04, README).
U_MAX_PAIRS = 2e5
U_CHUNKS = 1
# The tutorial's figure, for the baseline.
BASELINE_U_MAX_PAIRS = 1e6
SEED = 5
# Cap on pairs for the fallback EM block (same birth year): EM needs thousands, not millions.
EM_MAX_PAIRS = 2e6
# How often the same person's records agree (registration practice, not fitted: see
# _fixed_m_exact_match).
SEX_AGREES_WHEN_SAME_PERSON = 0.97
NATIONALITY_AGREES_WHEN_SAME_PERSON = 0.8
GIVEN_NAME_DIFFERS_M = 0.02
# The first given names agree and the others differ wholly (OtherGivenNamesDifferLevel): in the
# generator's true pairs 0.0001 (4 of 35,357, 40,000 records, messiness 0.5), doubled for what it
# does not simulate. Learned by EM it took the weight of "the same first name" (2026-12-01, README).
OTHER_GIVEN_NAMES_DIFFER_M = 0.0002
# The first given names are one name's forms for a man and for a woman and the sexes differ
# (OtherSexFormLevel): for one person that takes two slips that agree (the sex, and the name
# made to match it), where OtherGivenNamesDifferLevel takes one. The generator never records a
# wrong sex, so there is nothing to count: a tenth of OTHER_GIVEN_NAMES_DIFFER_M.
OTHER_SEX_FORM_M = 0.00002
# Given and family name swapped with a spelling difference or a dropped second family name.
# Learned by EM it was 0.009 and common names so swapped stayed below 0.5: the demo review found
# 8 of its 12 people registered again. Fixed at 0.02: 11 of 12; generator F1 on three seeds
# 0.9000 → 0.8997, Febrl3 unchanged (2026-11-30, benchmarks/linkage/README.md).
SWAP_WITH_DIFFERENCE_M = 0.02
# One name written in the other field, the other name wholly different (OneNameMovedLevel). Fixed,
# as for the swap above: EM learned 0.022 on Febrl3 and 0.0002 on the generator, and on the
# generator its learning moved every other name level (F1 0.898 → 0.894). 0.02, 0.03 and 0.06
# all gave Febrl3 0.943–0.944, 0.01 0.938 as without the level; the generator unchanged by each
# (2026-12-02, benchmarks/linkage/README.md).
ONE_NAME_MOVED_M = 0.02
# Common names (Mohamed, Ahmed, …) agree by chance far more often than the average name:
# half-strength term-frequency adjustment, measured best of 0, 0.5 and 1 on both datasets.
TF_WEIGHT = 0.5

Progress = Callable[[str], None]


class FuzzySwapLevel(ComparisonLevelCreator):
    """Given and family names swapped, each allowed a spelling difference (Jaro-Winkler).

    Compared on the first token of each: the clerk who swaps the names often drops the second
    family name too (Yusmary | Rojas Colmenares / Rojas | Yusmary), and against the whole
    family name such a pair fell to "wholly different given names" and was never even shown
    to a reviewer. Generator and Febrl3 F1 unchanged (0.9000 / 0.9018, three generator seeds).

    A level of its own because the library's ColumnsReversedLevel is exact only; the
    function name comes from the dialect so the level runs on DuckDB and Spark alike.
    """

    def __init__(self, threshold: float = 0.88) -> None:
        self.threshold = threshold

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        jw = sql_dialect.jaro_winkler_function_name
        return (f"{jw}(given_first_l, family_first_r) >= {self.threshold} "
                f"AND {jw}(family_first_l, given_first_r) >= {self.threshold}")

    def create_label_for_charts(self) -> str:
        return "Swapped, with a spelling difference"


class OneNameMovedLevel(ComparisonLevelCreator):
    """One record's given name is the other's family name (or the other way round) and the
    names left differ wholly: a clerk wrote one name in the other field and the other name
    differently or not at all (Hugh | Moody / Waller | Hugh; Kasey | Loehr / Green | Kasey).

    Without it such a pair fell to "wholly different given names" and to a wholly different
    family name: it was never even shown to a reviewer (Febrl3, the same birth date: 39 such
    true pairs unscored). Not where the family names agree or are close: twins named after
    their father's father share the family name, and one of them may carry the grandfather's
    name as given name (Mohamed | Mohamed Hussein / Sahra | Mohamed Hussein).
    """

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        jw = sql_dialect.jaro_winkler_function_name
        # The CASE makes the order sure, as in OneDigitOffLevel: the Jaro-Winkler only for the
        # few pairs with a name across the fields.
        return ("CASE WHEN given_sk_l = family_sk_r OR family_sk_l = given_sk_r "
                f"THEN family_sk_l <> family_sk_r AND {jw}(family_first_l, family_first_r) < 0.8 ELSE FALSE END")

    def create_label_for_charts(self) -> str:
        return ONE_NAME_MOVED


class CloseSpellingLevel(ComparisonLevelCreator):
    """Jaro-Winkler of ``text`` (default: ``column``) at or above a threshold, unless the first
    names are two known different names (Hassan / Hussein are close strings, not one name
    misspelled). ``{column}_known`` holds the known name of the first token (features.py).

    The given name is compared on its first token: the father's name after it ("Hassan Cabdi",
    "Hussein Cabdi") made brothers' different names look like one name misspelled.
    Generator F1 on three seeds 0.8999 → 0.9004, Febrl3 0.9023 → 0.9018 (2026-11-30).

    ``last``: where both records have more than one family name, their last ones must be close too.
    Jaro-Winkler of the whole string rewards a shared beginning, so "Abdi Omar" / "Abdi Hassan"
    (another grandfather) and "Pérez López" / "Pérez Torres" (another mother) scored as one name
    misspelled. Generator F1 seeds 1 / 2 / 3 0.9072 / 0.9130 / 0.9138 → 0.9086 / 0.9144 / 0.9144,
    Febrl3 unchanged (2026-12-02, fourteenth session).
    """

    def __init__(self, column: str, threshold: float, text: str | None = None, last: str | None = None) -> None:
        self.column = column
        self.text = text or column
        self.threshold = threshold
        self.last = last

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        jw = sql_dialect.jaro_winkler_function_name
        known = f"{self.column}_known"
        last = (f" AND ({self.last}_l = {self.text}_l OR {self.last}_r = {self.text}_r "
                f"OR {jw}({self.last}_l, {self.last}_r) >= 0.8)") if self.last else ""
        return (f"{jw}({self.text}_l, {self.text}_r) >= {self.threshold} AND ({known}_l IS NULL "
                f"OR {known}_r IS NULL OR {known}_l = {known}_r){last}")

    def create_label_for_charts(self) -> str:
        return f"Jaro-Winkler distance of {self.column} >= {self.threshold}"


class OtherGivenNamesDifferLevel(ComparisonLevelCreator):
    """The first given names agree (the same skeleton or a close spelling), both records have more
    given names, and those share no name skeleton and are not close spellings either: María José /
    María Fernanda, Jean-Baptiste / Jean-Pierre. A person's second given name does not change
    between registrations, so this is evidence of two people, not of one (m fixed).
    """

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        jw = sql_dialect.jaro_winkler_function_name
        overlap = cll.ArrayIntersectLevel("given_rest_sk", 1).get_comparison_level(sql_dialect.sql_dialect_str)
        return (f"given_rest_sk_l IS NOT NULL AND given_rest_sk_r IS NOT NULL "
                f"AND (given_sk_l = given_sk_r OR {jw}(given_first_l, given_first_r) >= 0.8) "
                f"AND NOT ({overlap.sql_condition}) AND {jw}(given_rest_l, given_rest_r) < 0.8")

    def create_label_for_charts(self) -> str:
        return OTHER_GIVEN_NAMES_DIFFER


class OtherSexFormLevel(ComparisonLevelCreator):
    """The first given names are one name's forms for a man and for a woman (Daniel / Daniela,
    Jean / Jeanne, Mario / María: ``names.other_sex_forms``) and the records say one is a man and
    the other a woman: a brother and a sister, twins among them, not one person (m fixed). A record
    with no sex says it by its first given name where the file's records of that name nearly all
    have one sex (``sex_for_forms``, ``features.sexes_of_names``): Daniela with no sex recorded,
    where the file's Danielas are women, beside Daniel, a man.

    ``given_sex_forms`` holds a man's first given name, and for a woman the men's names hers may be
    made from, each with its key where it ends in a consonant; they meet only where his is hers
    made masculine, as written or respelled (Saeed / Saida: ``names.other_sex_form_keys``), and two
    neighbouring letters swapped is a typing slip, not a form. Before the skeleton levels: Daniel
    and Daniela share one (dnl), and the family name and the birth date outweighed the sex.
    """

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        # The CASE makes the order sure (as in OneDigitOffLevel): the list intersection is asked only
        # of a man and a woman with different first names, not of every pair that reaches the level.
        overlap = cll.ArrayIntersectLevel("given_sex_forms", 1).get_comparison_level(sql_dialect.sql_dialect_str)
        # Two neighbouring letters swapped (Gebre / Geber) is a typing slip, never a name made
        # feminine (names._one_swap_apart); asked only of the pairs the forms already meet in.
        swapped = (f"length(given_first_l) = length(given_first_r) "
                   f"AND {sql_dialect.damerau_levenshtein_function_name}(given_first_l, given_first_r) = 1 "
                   f"AND {sql_dialect.levenshtein_function_name}(given_first_l, given_first_r) = 2")
        return ("CASE WHEN given_sex_forms_l IS NOT NULL AND given_sex_forms_r IS NOT NULL "
                "AND sex_for_forms_l <> sex_for_forms_r "
                f"AND given_first_l <> given_first_r THEN (CASE WHEN {overlap.sql_condition} THEN NOT ({swapped}) "
                "ELSE FALSE END) ELSE FALSE END")

    def create_label_for_charts(self) -> str:
        return OTHER_SEX_FORM


class OneDigitOffLevel(ComparisonLevelCreator):
    """Two full dates (``dob_str``, YYYYMMDD) one digit apart or with two adjacent digits swapped:
    Damerau-Levenshtein distance at most 1.

    Such a pair still has its year or its day as it was (the one or two changed digits are
    neighbours, so they never touch both), and only the pairs that do are given to the distance
    function: DuckDB's damerau_levenshtein was the dearest expression of the whole model (100 ms
    per 200,000 random pairs of Febrl3, against 8 ms so). The inner CASE makes the order sure: an
    AND may be evaluated in either order. Same level, same pairs in it.
    """

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        distance = sql_dialect.damerau_levenshtein_function_name
        return ("CASE WHEN birth_year_l = birth_year_r OR birth_day_l = birth_day_r "
                f"THEN {distance}(dob_str_l, dob_str_r) <= 1 ELSE FALSE END")

    def create_label_for_charts(self) -> str:
        return ONE_DIGIT_OFF


class SurnameDroppedLevel(ComparisonLevelCreator):
    """García López vs García: one family name's skeletons (``family_sk_set``, repeats kept: "García
    García" is not "García Rodríguez" with one dropped) contain the other's.

    The library's ArraySubsetLevel, asked only where the skeletons' bits (``family_sk_bits``) allow a
    subset: its list intersection was asked of every pair that reached it, and two random records'
    bits allow a subset about one time in eighteen (5.3 % of random Febrl3 pairs, 6.1 % of the
    generator's, common family names included; the family comparison over 2 million random Febrl3
    pairs 1.48 → 1.18 s). The CASE makes the order sure, as in OneDigitOffLevel. Same level, same
    pairs in it.
    """

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        subset = cll.ArraySubsetLevel("family_sk_set").get_comparison_level(sql_dialect.sql_dialect_str)
        both = "(family_sk_bits_l & family_sk_bits_r)"
        return (f"CASE WHEN {both} = family_sk_bits_l OR {both} = family_sk_bits_r "
                f"THEN {subset.sql_condition} ELSE FALSE END")

    def create_label_for_charts(self) -> str:
        return "One surname dropped"


# Labels of the levels ``lambda_rules_recall`` reads (they name the levels in saved models too).
EXACT = "Exact match"
ELSE = "All other comparisons"  # Splink's label of the last level
SAME_SKELETON = "Same name skeleton"
OTHER_ORDER = "Same names, other order"
OTHER_GIVEN_NAMES_DIFFER = "Same first name, the other given names wholly different"
OTHER_SEX_FORM = "The first given name made feminine, and the other sex"
SAME_DAY = "Same day"
ONE_DIGIT_OFF = "One digit off"
DAY_MONTH_SWAPPED = "Day and month swapped"
SAME_MONTH = "Same month"
SAME_YEAR_BOTH_VAGUE = "Same year, both year-only or 1 January"
SAME_YEAR_ONE_VAGUE = "Same year, one side year-only or 1 January"
SAME_YEAR_OTHERWISE = "Same year, different month"
SAME_YEAR_LEVELS = (SAME_DAY, DAY_MONTH_SWAPPED, SAME_MONTH, SAME_YEAR_BOTH_VAGUE, SAME_YEAR_ONE_VAGUE,
                    SAME_YEAR_OTHERWISE)
ONE_NAME_MOVED = "One name in the other field, the other different"
WHOLE_NAME = "whole_name"
WHOLE_NAME_SAME = "Same whole name (weighed by how rare it is)"
# A mistyped digit is in the year about half the time (four of the date's eight digits).
YEAR_SHARE_OF_DIGIT_TYPOS = 0.5


def _whole_name_comparison(share: float) -> cl.CustomComparison:
    """How rare the whole name is (the bag of all name skeletons, ``name_sk_sorted``), beyond how
    rare each of its names is.

    The given and family names are weighed each by its own frequency, as if a family name went with
    any given name. They do not: naming traditions pair common names with common names (a Somali
    "Mohamed Ahmed Ali" is a given name and two given names after it), and a rare pair of common
    names is as telling as a rare name. The exact level weighs log2(share / tf): ``share`` the
    chance that two records of the file share a whole name (``whole_name_share``), tf the share of
    records bearing this one; a whole name as common as the average counts nothing, a rarer one
    for, a commoner one against. m = u, so the agreement itself is not counted a second time (the
    name comparisons count it): the level is only Splink's term-frequency adjustment, at full
    strength. Nothing in it is learned, so it is added after training (``with_whole_name``).
    """
    return cl.CustomComparison(
        output_column_name=WHOLE_NAME,
        comparison_levels=[
            cll.NullLevel("name_sk_sorted"),
            cll.ExactMatchLevel("name_sk_sorted").configure(
                label_for_charts=WHOLE_NAME_SAME, tf_adjustment_column="name_sk_sorted", tf_adjustment_weight=1.0,
                m_probability=share, fix_m_probability=True, u_probability=share, fix_u_probability=True),
            cll.ElseLevel().configure(m_probability=1 - share, fix_m_probability=True, u_probability=1 - share,
                                      fix_u_probability=True),
        ],
    )


def whole_name_share(name_bags: Any) -> float | None:
    """The chance that two records share a whole name: the sum of the squared shares of each bag of
    names among the records that have one (``name_bags``: a pandas Series, one value per record).
    None where no record has one."""
    shares = name_bags.dropna().value_counts(normalize=True)
    return float((shares ** 2).sum()) if len(shares) else None


def with_whole_name(trained: dict[str, Any], share: float | None) -> dict[str, Any]:
    """The trained model (Splink's JSON) with the whole-name comparison added, centred on ``share``
    (``whole_name_share`` of the records it was trained on). Unchanged where there is no share
    (no record has both a given and a family name)."""
    if share is None or not 0 < share < 1:
        return trained
    comparison = _whole_name_comparison(share).get_comparison(trained["sql_dialect"]).as_dict()
    return {**trained, "comparisons": [*trained["comparisons"], comparison]}


def _given_name_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="given_name",
        comparison_levels=[
            cll.NullLevel("given"),
            cll.ExactMatchLevel("given").configure(tf_adjustment_column="given", tf_adjustment_weight=TF_WEIGHT,
                                                   label_for_charts=EXACT),
            OtherSexFormLevel().configure(m_probability=OTHER_SEX_FORM_M, fix_m_probability=True),
            cll.ExactMatchLevel("given_sk_all").configure(label_for_charts=SAME_SKELETON),
            # Given and family swapped, or a patronymic chain split elsewhere: the same
            # bag of name skeletons.
            cll.ExactMatchLevel("name_sk_sorted").configure(label_for_charts=OTHER_ORDER),
            # Swapped and misspelled (Mikhayla Hannagan / Hannaan Mikhayla), or swapped with the
            # second family name dropped. m fixed, not fitted: EM learns it in the same-date
            # block, where such swaps are rare (0.009 on the generator), yet a second clerk
            # swaps names often (SWAP_WITH_DIFFERENCE_M).
            FuzzySwapLevel().configure(m_probability=SWAP_WITH_DIFFERENCE_M, fix_m_probability=True),
            OtherGivenNamesDifferLevel().configure(m_probability=OTHER_GIVEN_NAMES_DIFFER_M, fix_m_probability=True),
            cll.ExactMatchLevel("given_sk").configure(label_for_charts="Same first-token skeleton"),
            CloseSpellingLevel("given", 0.92, "given_first"),
            CloseSpellingLevel("given", 0.8, "given_first"),
            # Reached only where the given names differ wholly (the levels above).
            OneNameMovedLevel().configure(m_probability=ONE_NAME_MOVED_M, fix_m_probability=True),
            # Fixed: twins share the birth date and the family name, so in the same-date
            # block EM takes them for one person and learns that a wholly different given
            # name is common for the same person. It is not.
            cll.ElseLevel().configure(m_probability=GIVEN_NAME_DIFFERS_M, fix_m_probability=True),
        ],
    )


def _family_name_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="family_name",
        comparison_levels=[
            cll.NullLevel("family"),
            cll.ExactMatchLevel("family").configure(tf_adjustment_column="family", tf_adjustment_weight=TF_WEIGHT,
                                                    label_for_charts=EXACT),
            cll.ExactMatchLevel("family_sk_all").configure(label_for_charts=SAME_SKELETON),
            # Same bag of names in another order was already scored by the given-name
            # comparison; scoring it again here would count one piece of evidence twice.
            cll.ExactMatchLevel("name_sk_sorted").configure(
                label_for_charts="Same names, other order (scored with the given name)", is_null_level=True),
            FuzzySwapLevel().configure(is_null_level=True),
            SurnameDroppedLevel(),
            CloseSpellingLevel("family", 0.92, last="family_last"),
            CloseSpellingLevel("family", 0.8, last="family_last"),
            cll.ElseLevel(),
        ],
    )


# How often two records of the same person fall in each birth-date level. Fixed, not
# fitted: in any block built on names, namesakes and siblings outnumber the true matches
# and EM cannot tell them apart on the date alone (it learned m(else) ≈ 0.5, letting
# "Tesfaye Haile 1951" link to "Haile Tesfaye 1975"). These are the rates registration
# practice produces (a date typed, estimated, written as 1 January or missing); u is
# still estimated from the data. "same_year" (two full dates, same year, month and day both
# different) is 0.001: a wholly wrong date (m 0.01) falls in the same year about one time in
# 60, and a clerk rarely mistypes month and day together. It was 0.005, which let namesakes
# born the same year join clusters (2026-11-30: generator F1 0.882 → 0.885, Febrl3 0.904 → 0.903).
# "same_month" (two full dates, same year and month, the day not one digit off) is 0.003: a day
# typed wrongly is one digit off, so another day is a date declared again, about as rare. It was
# 0.02, the one level far above both answer keys' rate (the generator's true pairs 0.0029,
# Febrl3's none of 6,538): +5.4 bits on Febrl3's u where 0.003 gives +2.6, and namesakes born the
# same month joined clusters. The 0.017 went to "same_day" (0.739 → 0.756), so that the m still
# sum to 1 (2026-12-04, u seeds 1-8: Febrl3 F1 mean 0.9400 → 0.9406, the generator's 0.9095 →
# 0.9107, higher or equal at every seed; generator seeds 2 and 3 0.9157 / 0.9146 → 0.9167 / 0.9157).
BIRTH_DATE_M = {
    "same_day": 0.756, "one_digit_off": 0.08, "day_month_swapped": 0.01, "same_month": 0.003,
    "same_year_both_vague": 0.04, "same_year_one_vague": 0.04, "same_year": 0.001,
    "within_1_both_vague": 0.03, "within_1_one_vague_or_year_typed": 0.01,
    "within_2_both_vague": 0.015, "within_2_one_vague_or_year_typed": 0.005, "else": 0.01,
}
# Those are the rates of a file where about one dated record in eight is vague. Training gives each
# file its own (``birth_date_m``): how often a person's two records hold a vague date follows how
# often the file's records do. The generator at messiness 0.5 writes one date in five vague and its
# true pairs are vague on both sides 0.13 of the time and on one side 0.13, where these rates say
# 0.085 and 0.04; Febrl3 one in 430, and 0.002 and 0.0005 (2026-12-04, benchmarks/linkage/README.md).
# Why vague dates are split by how many sides are vague: a person who does not know their
# birth date is estimated at every registration, so *both* records are a year (or 1 January),
# often a year or two apart. A person who knows it gets a year-only record when a clerk cuts
# it short -- the same year. So a full date next to a year one or two years off is rarely the
# same person (on the generator 1 % of such scored pairs are, against 73 % when both sides
# are vague; same year: 42 % against 74 %). The m of each pair of levels sums to the single
# level's m before the split (0.08, 0.04, 0.02), so "vague" as a whole weighs the same.


# The levels where a side's date is vague (a bare year or the clerk's 1 January), by how many sides.
_BOTH_VAGUE_LEVELS = ("same_year_both_vague", "within_1_both_vague", "within_2_both_vague")
_ONE_VAGUE_LEVELS = ("same_year_one_vague",)
# How many of a person's record pairs have a vague date on both sides, and how many on one side, for
# each vague record in the file. Not fitted: where a share v of dated records is vague, the share of
# a person's pairs with a vague side lies between v (people who do not know their date are vague in
# every record: both sides) and about 2v (a clerk cuts a date short now and then: one side). The
# lower end, which keeps the full dates the share 1 - v they have among the records, split evenly
# between both sides and one side, since the file cannot tell which practice made its vague dates.
# The generator's true pairs give 0.66-0.71 v each at messiness 0.2, 0.5 and 0.8, Febrl3's 0.9 v
# and 0.2 v; 0.75 v each (the middle) scored as well on both, but on the demo's register where no
# one is twice (46 % of dates a year only, each a person's own) λ then expected 375 people twice,
# 264 at 0.5 v, 85 with the fixed rates; pairs at 0.5 or more 10, 11 and 3 (2026-12-04, README).
VAGUE_PAIRS_PER_VAGUE_RECORD = 0.5
# Above this share the full dates would keep less than half of the m: a file so vague is read as
# this vague.
VAGUE_DATE_SHARE_CAP = 0.5


def vague_date_share(features: pd.DataFrame) -> float | None:
    """The share of ``features``' records with a birth date whose date is vague (a bare year or the
    clerk's 1 January, ``date_year_only``); None where no record has a birth date."""
    dated = features["birth_year"].notna()
    if not dated.any():
        return None
    return float(features.loc[dated, "date_year_only"].astype(bool).mean())


def birth_date_m(vague_share: float | None) -> dict[str, float]:
    """The birth-date levels' m for a file whose dated records are ``vague_share`` vague:
    VAGUE_PAIRS_PER_VAGUE_RECORD of it on both sides (spread over the years apart as in
    BIRTH_DATE_M) and as much on one side; the full-date levels share the rest as in BIRTH_DATE_M.
    BIRTH_DATE_M itself where the share is not known (None)."""
    if vague_share is None:
        return dict(BIRTH_DATE_M)
    if not 0 <= vague_share <= 1:
        raise ValueError(f"a share of records with a vague birth date must be between 0 and 1, not {vague_share}")
    side = VAGUE_PAIRS_PER_VAGUE_RECORD * min(vague_share, VAGUE_DATE_SHARE_CAP)

    def spread(levels: tuple[str, ...], share: float) -> dict[str, float]:
        """``share`` of the m over ``levels``, in BIRTH_DATE_M's proportions."""
        total = sum(BIRTH_DATE_M[level] for level in levels)
        return {level: BIRTH_DATE_M[level] / total * share for level in levels}

    full_dates = tuple(level for level in BIRTH_DATE_M if level not in _BOTH_VAGUE_LEVELS + _ONE_VAGUE_LEVELS)
    m = spread(_BOTH_VAGUE_LEVELS, side) | spread(_ONE_VAGUE_LEVELS, side) | spread(full_dates, 1 - 2 * side)
    return {level: m[level] for level in BIRTH_DATE_M}


def _birth_date_comparison(m: Mapping[str, float]) -> cl.CustomComparison:
    same_year = "birth_year_l = birth_year_r"
    # date_year_only: a bare year or the clerk's 1 January (features.build_features).
    both_vague = "(date_year_only_l AND date_year_only_r)"
    # Years apart are an estimate (a side is vague) or a typed year (same month and day);
    # two full dates that differ in year, month and day are two people.
    one_vague = "(date_year_only_l OR date_year_only_r)"
    one_vague_or_year_typed = f"({one_vague} OR (birth_month_l = birth_month_r AND birth_day_l = birth_day_r))"

    def fixed(level: Any, key: str) -> Any:
        return level.configure(m_probability=m[key], fix_m_probability=True)

    def apart(years: int, condition: str, label: str, key: str) -> Any:
        return fixed(cll.CustomLevel(f"abs(birth_year_l - birth_year_r) <= {years} AND {condition}",
                                     label_for_charts=label), key)

    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.CustomLevel("birth_year_l IS NULL OR birth_year_r IS NULL").configure(is_null_level=True),
            fixed(cll.ExactMatchLevel("dob_str").configure(label_for_charts=SAME_DAY), "same_day"),
            # Typed dates: one digit wrong or two adjacent digits swapped (19560409 / 19650409).
            fixed(OneDigitOffLevel(), "one_digit_off"),
            fixed(cll.CustomLevel(f"{same_year} AND birth_month_l = birth_day_r AND birth_day_l = birth_month_r",
                                  label_for_charts=DAY_MONTH_SWAPPED), "day_month_swapped"),
            fixed(cll.CustomLevel(f"{same_year} AND birth_month_l = birth_month_r", label_for_charts=SAME_MONTH),
                  "same_month"),
            fixed(cll.CustomLevel(f"{same_year} AND {both_vague}",
                                  label_for_charts=SAME_YEAR_BOTH_VAGUE), "same_year_both_vague"),
            fixed(cll.CustomLevel(f"{same_year} AND {one_vague}",
                                  label_for_charts=SAME_YEAR_ONE_VAGUE),
                  "same_year_one_vague"),
            fixed(cll.CustomLevel(same_year, label_for_charts=SAME_YEAR_OTHERWISE), "same_year"),
            apart(1, both_vague, "Within a year, both year-only", "within_1_both_vague"),
            apart(1, one_vague_or_year_typed, "Within a year", "within_1_one_vague_or_year_typed"),
            apart(2, both_vague, "Within two years, both year-only", "within_2_both_vague"),
            apart(2, one_vague_or_year_typed, "Within two years", "within_2_one_vague_or_year_typed"),
            fixed(cll.ElseLevel(), "else"),
        ],
    )


# The columns of the two records a birth-date level may compare, as they appear in its SQL.
_DATE_PAIR_COLUMN = re.compile(r"\b([a-z_]+)_[lr]\b")


def _is_else_level(level: Mapping[str, Any]) -> bool:
    """Splink's "all other comparisons" level, by its SQL (its label may be renamed)."""
    return str(level["sql_condition"]).strip().upper() == "ELSE"


def birth_date_u_sql(levels: list[dict[str, Any]], table: str) -> str:
    """SQL counting, over **all** pairs of ``table``'s records that have a birth year, how many fall
    in each level of the birth-date comparison (``levels``: its ``comparison_levels`` in Splink's
    JSON): rows (level, pairs), the level by its position in ``levels``, and one row (-1, records
    with a year). A person's date has no more than a few thousand values, so the pairs are counted
    between distinct dates, each pair weighed by how many records bear each date.

    Only the pairs of dates that may fall in a level other than "all other" or "same year,
    different month" are compared:
    - the same year with the same month or day, a vague side (a bare year or 1 January), day and
      month swapped, or the month's second digit and the day's first swapped (one digit off);
      every other pair of the same year is "same year, different month", counted as what remains
      of the year's pairs (month and day both differ, and by more than a swap: no level above it);
    - one or two years apart with a side vague, or the same day of the month and either the same
      month (a year one digit off or typed wrong) or the year's last digit and the month's first
      swapped (one digit off);
    - more years apart with the same month and day and years one digit apart (one digit changed,
      or two neighbours swapped: Damerau-Levenshtein 1 on YYYYMMDD changes the year and the month
      together only by a swap of their neighbouring digits, a year at most one apart).
    Every other pair of full dates is "all other", which the caller counts as what remains of all
    pairs. A test holds this against Splink's own u on every pair of a file.

    Why not Splink's random pairs: a date level's u is tiny (two random people share a birth day
    about once in 30,000 pairs), so 200,000 random pairs hold a handful of pairs per level and the
    sample's seed moved Febrl3's F1 between 0.933 and 0.943 (u seeds 1-8, u_seeds.py). Counted on
    all pairs, the date's u is the file's own, whatever the seed. Comparing every pair of dates of
    the same year, and every pair one or two years apart on the same day, took 2.5 s of an 11.5 s
    training at 200,000 records (22,683 dates; 2026-12-04).
    """
    conditions = [(index, str(level["sql_condition"])) for index, level in enumerate(levels)
                  if not level.get("is_null_level") and not _is_else_level(level)]
    rest = next(index for index, level in enumerate(levels) if _is_else_level(level))
    same_year = next(index for index, level in enumerate(levels) if level.get("label_for_charts") == SAME_YEAR_OTHERWISE)
    columns = sorted({"birth_year", "birth_month", "birth_day", "date_year_only"}
                     | {name for _, sql in conditions for name in _DATE_PAIR_COLUMN.findall(sql)})
    listed = ", ".join(columns)
    both = ", ".join(f"l.{column} AS {column}_l, r.{column} AS {column}_r" for column in columns)
    level = " ".join(f"WHEN {sql} THEN {index}" for index, sql in conditions)

    def digit(side: str, place: int) -> str:
        return f"(floor({side}.birth_year / {10 ** place}) % 10)"

    # Two years one digit apart: one digit differs, or two neighbours are swapped.
    differ = "(" + " + ".join(f"CASE WHEN {digit('l', place)} <> {digit('r', place)} THEN 1 ELSE 0 END"
                              for place in range(4)) + ")"
    swapped = " OR ".join(f"({digit('l', place)} = {digit('r', place + 1)} AND {digit('l', place + 1)} = {digit('r', place)})"
                          for place in range(3))
    # The nested SELECTs only read ``table``; its name comes from the engine, not from a user.
    return f"""
        WITH dates AS (
            SELECT {listed}, count(*) AS records, row_number() OVER (ORDER BY {listed}) AS date_id
            FROM {table} WHERE birth_year IS NOT NULL GROUP BY {listed}
        ), date_pairs AS (
            SELECT {both},
                   CASE WHEN l.date_id = r.date_id THEN l.records * (l.records - 1) / 2
                        ELSE l.records * r.records END AS pairs
            FROM dates AS l JOIN dates AS r ON l.birth_year = r.birth_year AND l.date_id <= r.date_id
             AND (l.date_id = r.date_id OR l.birth_month = r.birth_month OR l.birth_day = r.birth_day
                  OR l.date_year_only OR r.date_year_only
                  OR (l.birth_month = r.birth_day AND l.birth_day = r.birth_month)
                  OR (floor(l.birth_month / 10) = floor(r.birth_month / 10) AND l.birth_day % 10 = r.birth_day % 10
                      AND l.birth_month % 10 = floor(r.birth_day / 10) AND floor(l.birth_day / 10) = r.birth_month % 10))
            UNION ALL
            SELECT {both}, l.records * r.records AS pairs
            FROM (SELECT * FROM dates WHERE date_year_only) AS l JOIN dates AS r
              ON r.birth_year BETWEEN l.birth_year - 2 AND l.birth_year + 2 AND r.birth_year <> l.birth_year
             AND (NOT r.date_year_only OR l.date_id < r.date_id)
            UNION ALL
            SELECT {both}, l.records * r.records AS pairs
            FROM dates AS l JOIN dates AS r
              ON l.birth_day = r.birth_day AND abs(l.birth_year - r.birth_year) BETWEEN 1 AND 2
             AND l.date_id < r.date_id
             AND (l.birth_month = r.birth_month
                  OR (l.birth_month % 10 = r.birth_month % 10 AND floor(l.birth_year / 10) = floor(r.birth_year / 10)
                      AND l.birth_year % 10 = floor(r.birth_month / 10) AND floor(l.birth_month / 10) = r.birth_year % 10))
            UNION ALL
            SELECT {both}, l.records * r.records AS pairs
            FROM dates AS l JOIN dates AS r
              ON l.birth_month = r.birth_month AND l.birth_day = r.birth_day
             AND abs(l.birth_year - r.birth_year) > 2 AND l.date_id < r.date_id
             AND ({differ} = 1 OR ({differ} = 2 AND ({swapped})))
        ), counted AS (
            SELECT CASE {level} ELSE {rest} END AS level, pairs FROM date_pairs
            UNION ALL
            SELECT {same_year} AS level,
                   (SELECT sum(born * (born - 1) / 2) FROM (SELECT sum(records) AS born FROM dates GROUP BY birth_year) AS years)
                   - (SELECT sum(pairs) FROM date_pairs WHERE birth_year_l = birth_year_r) AS pairs
        )
        SELECT level, sum(pairs) AS pairs FROM counted GROUP BY level
        UNION ALL
        SELECT -1 AS level, sum(records) AS pairs FROM dates
    """  # noqa: S608


def birth_date_u_counted(trained: dict[str, Any], counts: Mapping[int, float]) -> dict[str, Any]:
    """The trained model (Splink's JSON) with the birth-date comparison's u from ``counts`` (the
    rows of ``birth_date_u_sql``: pairs per level position, -1 the records with a year). "All
    other" takes every pair not counted in a level; a level no pair reaches keeps what sampling
    gave it (``u_for_levels_not_seen`` bounds it). Unchanged where fewer than two records have a year.
    """
    records = float(counts.get(-1, 0.0))
    all_pairs = records * (records - 1) / 2
    if all_pairs <= 0:
        return trained
    in_levels = sum(float(pairs) for index, pairs in counts.items() if index >= 0)
    counted = copy.deepcopy(trained)
    for comparison in counted["comparisons"]:
        if comparison["output_column_name"] != "birth_date":
            continue
        for index, level in enumerate(comparison["comparison_levels"]):
            if level.get("is_null_level"):
                continue
            pairs = float(counts.get(index, 0.0))
            if _is_else_level(level):
                pairs += all_pairs - in_levels
            if pairs > 0:
                level["u_probability"] = pairs / all_pairs
    return counted


def _fixed_m_exact_match(column: str, m_agree: float, *, implied_where: str | None = None,
                         implied_label: str = "", slip_where: str | None = None, slip_label: str = "",
                         ) -> cl.CustomComparison:
    """Exact match with m fixed from domain knowledge, u still estimated.

    Sex and nationality go with the given name and the naming tradition, so in any block
    built on names they agree for non-matches too, and EM would read that as evidence of
    a match. Fixing m keeps them at their honest, weak weight.

    ``implied_where`` (SQL): where this holds, an agreement is no evidence at all (a null level),
    because the other columns already say it; a disagreement still counts against, except where
    ``slip_where`` holds: there a disagreement is no evidence either (the value written wrongly).
    """
    implied = ([cll.CustomLevel(f"({implied_where}) AND {column}_l = {column}_r", label_for_charts=implied_label)
                .configure(is_null_level=True)] if implied_where else [])
    slip = ([cll.CustomLevel(f"({slip_where}) AND {column}_l <> {column}_r", label_for_charts=slip_label)
             .configure(is_null_level=True)] if slip_where else [])
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            *implied,
            *slip,
            cll.ExactMatchLevel(column).configure(m_probability=m_agree, fix_m_probability=True),
            cll.ElseLevel().configure(m_probability=1 - m_agree, fix_m_probability=True),
        ],
    )


def _sex_comparison() -> cl.CustomComparison:
    """Sex, no evidence where the given names agree.

    A given name says the sex: two records of Mohamed agree on sex whether or not they are one
    man, so the agreement was counted twice (+1 bit on every namesake pair, u being estimated
    over random pairs of any names). Where the given-name skeletons agree, an agreeing sex now
    weighs nothing (a null level). Generator F1, seeds 1 / 2 / 3: 0.8963 / 0.9015 / 0.9024 →
    0.8976 / 0.9030 / 0.9060; 200,000 records (model reused) 0.8375 → 0.8383; Febrl3 has no sex
    (2026-12-01, benchmarks/linkage/README.md).

    For the same reason a differing sex under the same first given name (the same token: Fatima
    and Fatima, not Fatima and Fatma) is a sex written wrongly, no evidence either way: a brother
    and a sister are not given one name, and Daniel / Daniela is ``OtherSexFormLevel``'s. Elsewhere
    a differing sex still counts against (−4 bits). On the generator with clerks' sex slips (1 %
    of records at messiness 0.5), a record so written was apart from all its person's other
    records 40 / 50 / 52 times of about 290 (seeds 1 / 2 / 3), now 28 / 25 / 32 (21 each with the
    sex written right); F1 0.9081 / 0.9135 / 0.9131 → 0.9090 / 0.9137 / 0.9136 (2026-12-03).
    """
    return _fixed_m_exact_match("sex", SEX_AGREES_WHEN_SAME_PERSON, implied_where="given_sk_l = given_sk_r",
                                implied_label="Same sex, same given name (the name says the sex)",
                                slip_where="given_first_l = given_first_r",
                                slip_label="Other sex, same given name (the sex written wrongly)")


def prediction_blocking_rules() -> list[Any]:
    """Pairs worth scoring: each rule tolerates the errors the others do not."""
    # Same names with birth years three or more apart are namesakes (a year typo is caught
    # by the month-and-day rules): leaving them out halves the pairs on common names. Years
    # one or two apart only where the year may be an estimate (year-only or 1 January) or
    # only the year was mistyped (same month and day): two full dates apart in year, month
    # and day score as different dates anyway, and at 1,000,000 records such pairs of
    # namesakes were most of the work.
    near_year = ("(l.birth_year IS NULL OR r.birth_year IS NULL OR l.birth_year = r.birth_year"
                 " OR (abs(l.birth_year - r.birth_year) <= 2 AND (l.date_year_only OR r.date_year_only"
                 " OR (l.birth_month = r.birth_month AND l.birth_day = r.birth_day))))")
    # Same year and a date that may be the same: vague, or sharing the month or the day
    # (a typo or a day/month swap changes one of them, rarely both).
    same_date_maybe = ("l.birth_year = r.birth_year AND (l.birth_month IS NULL OR r.birth_month IS NULL"
                       " OR l.birth_month = r.birth_month OR l.birth_day = r.birth_day"
                       " OR l.birth_month = r.birth_day OR l.birth_day = r.birth_month)")
    return [
        CustomRule(f"l.given_sk = r.given_sk AND l.family_sk = r.family_sk AND {near_year}"),
        # One name respelled beyond its skeleton: the other name, the date and the respelled
        # name's first letter (clerks get first letters right). With the year alone these two
        # rules made 400 million pairs at 1,000,000 records.
        CustomRule(f"l.family_sk = r.family_sk AND substr(l.given_sk, 1, 1) = substr(r.given_sk, 1, 1) "
                   f"AND {same_date_maybe}"),
        CustomRule(f"l.given_sk = r.given_sk AND substr(l.family_sk, 1, 1) = substr(r.family_sk, 1, 1) "
                   f"AND {same_date_maybe}"),
        CustomRule(f"l.name_sk_sorted = r.name_sk_sorted AND {near_year}"),
        CustomRule(f"l.given_sk = r.family_sk AND l.family_sk = r.given_sk AND {near_year}"),
        block_on("dob_str", "substr(given, 1, 1)"),
        # family_block: the family name as written (empty for a patronymic chain, features.py).
        block_on("dob_str", "substr(family_block, 1, 1)"),
        block_on("substr(given, 1, 2)", "substr(family_block, 1, 2)", "birth_year"),
        # A name moved to the other field or missing, and a typo in the year.
        block_on("given_sk", "birth_month", "birth_day"),
        block_on("family_sk", "birth_month", "birth_day"),
        # A name moved to the other field, the other name respelled or dropped (Esther | Tshimanga
        # / Chimanga | Esther): the same full date, or the same year where a side is only a year.
        # Both ways round: Splink scores each pair once, as l < r by record id, so a rule that is
        # not symmetric finds only the swaps that happen to fall on one side. The vague side is
        # named in each rule so that DuckDB filters it before the join: at 1,000,000 records the
        # year alone both ways took 850 s end to end, this 618 s, the one-way rule 594 s (README).
        *(CustomRule(f"l.{a}_sk = r.{b}_sk AND {date}")
          for a, b in (("given", "family"), ("family", "given"))
          for date in ("l.dob_str = r.dob_str", "l.birth_year = r.birth_year AND l.date_year_only",
                       "l.birth_year = r.birth_year AND r.date_year_only")),
        # No birth date on one side: the rules that allow one name respelled all need a year,
        # so "Olivia Hobson, no date" met "Oliviq Hobson 1976" under no rule, its unscored pairs
        # counted against it, and it was left out of its person (Febrl3 0.9354 → 0.9379, the
        # generator unchanged). Two letters of the other name's skeleton, and the dateless side
        # named so DuckDB filters it before the join: +6 % pairs on the generator (README).
        *(CustomRule(f"l.{same}_sk = r.{same}_sk AND substr(l.{other}_sk, 1, 2) = substr(r.{other}_sk, 1, 2) "
                     f"AND {side}.birth_year IS NULL")
          for same, other in (("family", "given"), ("given", "family")) for side in ("l", "r")),
    ]


# Two records of people registered together (one household at one registration) are two people:
# a clerk lists each member once (a member typed twice is the registration-time check's to catch).
# Far below u, whatever the file: u is about 1e-4 of random pairs at 40,000 generated records, 5e-6
# at 1,000,000, and where the sample holds no such pair 3/N (u_for_levels_not_seen). At 0.001 the level
# weighed +3 bits *for* one person; at 1e-6 a small file (a few families among Splink's
# background records) still queued two brothers named Mohamed. 1e-12: −20 bits or more.
REGISTERED_TOGETHER_M = 1e-12


def _household_comparison() -> cl.CustomComparison:
    """The people each record was registered with (``household_given``: their given-name keys).

    A family moves and registers together: the same person registered twice is usually with the
    same wife, children or brothers, whose names agree too, while a namesake from another family
    travels with other names. Two records registered *together* are two people. No evidence where
    either was registered alone. m of the shared-companion levels by EM, as for the names.
    """
    return cl.CustomComparison(
        output_column_name="household",
        comparison_levels=[
            cll.CustomLevel("household_given_l IS NULL OR household_given_r IS NULL").configure(is_null_level=True),
            cll.CustomLevel("household_id_l = household_id_r", label_for_charts="Registered together").configure(
                m_probability=REGISTERED_TOGETHER_M, fix_m_probability=True),
            cll.ArrayIntersectLevel("household_given", min_intersection=2).configure(
                label_for_charts="Two or more companions' names in common"),
            cll.ArrayIntersectLevel("household_given", min_intersection=1).configure(
                label_for_charts="One companion's name in common"),
            cll.ElseLevel().configure(label_for_charts="Registered with others, none in common"),
        ],
    )


def tenpoint_settings(*, use_sex: bool = True, use_nationality: bool = True, use_household: bool = False,
                      probability_two_random_records_match: float | None = None,
                      vague_date_share: float | None = None) -> SettingsCreator:
    """The Tenpoint model. Sex and nationality are left out when a dataset has none; the household
    comparison is used when it records who was registered together. ``probability_two_random_records_match``:
    the λ training starts from (``lambda_assumed``); Splink's default where not given.
    ``vague_date_share``: how many of the file's dated records are vague (``vague_date_share``),
    for the birth date's m (``birth_date_m``)."""
    comparisons: list[Any] = [_given_name_comparison(), _family_name_comparison(),
                              _birth_date_comparison(birth_date_m(vague_date_share))]
    if use_household:
        comparisons.append(_household_comparison())
    if use_sex:
        comparisons.append(_sex_comparison())
    if use_nationality:
        # Weak on purpose: nationality is often guessed or declared strategically, so it
        # only ever adds or removes a little weight and never decides a block.
        comparisons.append(_fixed_m_exact_match("nationality", NATIONALITY_AGREES_WHEN_SAME_PERSON))
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=prediction_blocking_rules(),
        retain_matching_columns=False,
        # Each comparison's weight (mw_*) is kept: the clustering reads mw_given_name, the review
        # explains its pairs with all of them (explain.weighed_levels).
        retain_intermediate_calculation_columns=True,
        max_iterations=20,
    )
    if probability_two_random_records_match is None:
        return settings
    return dataclasses.replace(settings, probability_two_random_records_match=probability_two_random_records_match)


# The name comparisons EM trains (given_name, family_name).
TRAINED_NAME_COMPARISONS = ("given_name", "family_name")


def names_not_learned(trained: dict[str, Any]) -> list[str]:
    """What the trained model got wrong about the names, in words; empty if nothing: EM fitted
    something other than people registered twice.

    Two signs, read from the m and u of the "Exact match" and the last ("All other comparisons")
    level of each name comparison as trained (Splink's JSON); a level without them is not judged:
    - an identical name is evidence *against* one person (m below u): the demo's 19,472 records;
    - a wholly different name is as common for one person as an identical one (m of "all other"
      at least m of "exact"): the demo's 100,045 records (200,000 in all), whose pairs sharing a
      full birth date are namesakes of a few given names, learned family names m 0.05 exact and
      0.76 all other, and queued 19,339 pairs for 1,096 people registered twice. On Febrl3 and on
      the generator (5,000 to 40,000 records, messiness 0.1 to 1.0) "all other" is 0.003–0.085
      and "exact" 0.43–0.90 (2026-12-01);
    - EM saw no pair with the same name, and left the "Exact match" m untrained (2026-12-02);
    - a near spelling (the same skeleton, a close spelling, a surname dropped) is stronger
      evidence *against* one person than a wholly different name (its log m/u below that of
      "all other"): the demo with realistic name frequencies, 19,5xx records, learned family name
      m 0.55 exact and 0.45 all other, and m 1e-153 for a close spelling: a respelled name counted
      as 494 bits against, and 27 of 219 people registered again were queued. Febrl3 and the
      generator (the same range as above, with and without households) have no such level.
    """
    problems = []
    for comparison in trained["comparisons"]:
        if comparison["output_column_name"] not in TRAINED_NAME_COMPARISONS:
            continue
        name = comparison["output_column_name"].replace("_", " ")
        levels = {level.get("label_for_charts"): level for level in comparison["comparison_levels"]}
        exact_m, exact_u = levels.get(EXACT, {}).get("m_probability"), levels.get(EXACT, {}).get("u_probability")
        other_m = levels.get(ELSE, {}).get("m_probability")
        if EXACT in levels and exact_m is None and not levels[EXACT].get("fix_m_probability"):
            # Splink leaves a level EM never saw untrained, and it then weighs nothing: the demo's
            # organisation of 2,348 people (5,000 in all), whose pairs sharing a birth date share
            # no name, scored with the same family name counting for nothing, and a wholly
            # different one for nothing either (m 1.0 against u 0.987).
            problems.append(f"nothing of the same {name} (no pair it learned from shares one)")
            continue
        if not isinstance(exact_m, float | int):
            continue
        if isinstance(exact_u, float | int) and exact_m < exact_u:
            problems.append(f"that the same {name} speaks against one person")
        elif isinstance(other_m, float | int) and other_m >= exact_m:
            problems.append(f"that a wholly different {name} is as usual for one person as the same {name} "
                            f"(m {other_m:.2f} against {exact_m:.2f})")
        elif (near := _near_spelling_against(levels)) is not None:
            problems.append(f"that a near spelling of the {name} (“{near}”) speaks more against one person than "
                            f"a wholly different {name}")
    return problems


def _log_odds(level: Mapping[str, Any]) -> float | None:
    """log2(m / u) of a trained level; -inf where m is 0; None where m or u is missing."""
    m, u = level.get("m_probability"), level.get("u_probability")
    if not isinstance(m, float | int) or not isinstance(u, float | int) or u <= 0:
        return None
    return math.log2(m / u) if m > 0 else -math.inf


def _near_spelling_against(levels: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The label of the first level between "Exact match" and "All other comparisons" that
    weighs less than "All other comparisons" does, if any."""
    floor = _log_odds(levels.get(ELSE, {}))
    if floor is None:
        return None
    for label, level in levels.items():
        if label in (EXACT, ELSE) or level.get("is_null_level"):
            continue
        weight = _log_odds(level)
        if weight is not None and weight < floor:
            return str(label)
    return None


# λ's near-certain rules: the same names in the same order (skeletons) and the same birth year, or
# the same bag of names and the same birth date. Their recall is first assumed (Splink's way), then
# implied by the trained model (``lambda_rules_recall``, ``probability_from_rules``).
LAMBDA_RULES = (("given_sk_all", "family_sk_all", "birth_year"), ("name_sk_sorted", "dob_str"))
LAMBDA_RULES_ASSUMED_RECALL = 0.7


def lambda_rules() -> list[Any]:
    return [block_on(*columns) for columns in LAMBDA_RULES]


def lambda_assumed(features: pd.DataFrame) -> float:
    """λ before training, as Splink's ``estimate_probability_two_random_records_match`` gives it
    with ``lambda_rules()`` and LAMBDA_RULES_ASSUMED_RECALL: the record pairs the rules find (a pair
    both find counted once), over the recall, over all pairs; at most 0.5.

    Counted here from the size of each group of records the rules put together, not by Splink,
    which builds a linker's worth of SQL for two counts: 0.04–0.06 s of Febrl3's 1.3 s (2026-12-04).
    A column without a value agrees with nothing, as in the rules' SQL.
    """
    def pairs(columns: list[str]) -> float:
        sizes = features.groupby(columns, dropna=True, sort=False).size()
        return float((sizes * (sizes - 1) // 2).sum())

    first, second = (list(columns) for columns in LAMBDA_RULES)
    both = list(dict.fromkeys(first + second))
    found = pairs(first) + pairs(second) - pairs(both)
    records = len(features)
    all_pairs = records * (records - 1) / 2
    if all_pairs <= 0:
        return 0.0
    return min(0.5, found / LAMBDA_RULES_ASSUMED_RECALL / all_pairs)


# The comparisons whose u is counted on every pair of the file (``birth_date_u_sql``) by whoever
# trains (``dedupe._train``), not sampled from random pairs.
U_COUNTED_ON_ALL_PAIRS = frozenset({"birth_date"})


@contextlib.contextmanager
def _comparisons_hidden(linker: Linker, hidden: frozenset[str]) -> Iterator[None]:
    """Splink's training steps run on every comparison of ``linker``'s settings; inside this block,
    those named in ``hidden`` are out of its settings (Splink has no public way to leave one out)."""
    settings = linker._settings_obj
    comparisons = settings.comparisons
    settings.comparisons = [c for c in comparisons if c.output_column_name not in hidden]
    try:
        yield
    finally:
        settings.comparisons = comparisons


def train_tenpoint(linker: Linker, progress: Progress) -> None:
    """u from random pairs (but the birth date's: ``U_COUNTED_ON_ALL_PAIRS``) and name m by EM on
    same-birth-date pairs; λ (``lambda_assumed``) is the settings' own."""
    progress("estimating u (chance agreement) from random pairs")
    # Sampling the birth date's u, which the caller then counts on every pair, cost 50 ms of
    # Febrl3's 1.0 s (2026-12-04).
    with _comparisons_hidden(linker, U_COUNTED_ON_ALL_PAIRS):
        linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=SEED, num_chunks=U_CHUNKS)
    progress("EM on pairs with the same birth date (trains the name comparisons)")
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("dob_str"), estimate_without_term_frequencies=True)
    except EMTrainingException:
        # No two records share a full date (a registration point that writes years only):
        # the same birth year is the next block independent of names; sampled, as it is big.
        progress("no shared full birth dates: EM on pairs with the same birth year instead")
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("birth_year"), estimate_without_term_frequencies=True, max_pairs=EM_MAX_PAIRS)
    # No EM on a name block: with names switched off it would have only the birth date
    # left to learn from, whose m is fixed (BIRTH_DATE_M), and sex and nationality are fixed.


# A corrected u is kept at least this share of the sampled one: the sample's noise must not
# drive a level's u to zero (an infinite weight).
U_CORRECTION_FLOOR = 0.1


def u_without_true_matches(trained: dict[str, Any]) -> dict[str, Any]:
    """The trained model (Splink's JSON) with each level's u freed of the true matches in its sample.

    Splink estimates u from random pairs as if none were the same person. Where records have
    many duplicates that is far off: in Febrl3 (5,000 records, 6,538 true pairs) one random pair
    in 2,000 is a match, and three in four of those share the birth date, so "same day" came out
    u = 0.00048 where the dates alone give about 0.00003 -- four bits of evidence lost on every
    pair with the same date. A random pair agrees on a level with probability λ·m + (1-λ)·u, so
    u = (observed - λ·m) / (1 - λ), with λ and m as trained. Febrl3 F1 0.9037 → 0.9157, the
    generator (40,000 records, one duplicate pair in 23,000) 0.8959 → 0.8953 (2026-12-01, README).
    A model trained on a file is corrected once, when trained; saved models carry the corrected u.
    """
    corrected = copy.deepcopy(trained)
    lam = float(corrected["probability_two_random_records_match"])
    for comparison in corrected["comparisons"]:
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            # A level without a number (Splink's JSON may leave one out) has nothing to correct;
            # an unseen u is filled first (u_for_levels_not_seen).
            if level.get("is_null_level") or not isinstance(m, float | int) or not isinstance(u, float | int):
                continue
            level["u_probability"] = max((u - lam * m) / (1 - lam), u * U_CORRECTION_FLOOR)
    return corrected


# With N random pairs sampled and none in a level, its u is below 3/N at 95 % ("rule of three").
U_NOT_SEEN_BOUND = 3.0


def u_pairs_sampled(records: int) -> float:
    """How many random pairs ``train_tenpoint`` samples for u from ``records`` records."""
    return min(U_MAX_PAIRS, records * (records - 1) / 2)


def u_for_levels_not_seen(trained: dict[str, Any], pairs_sampled: float) -> dict[str, Any]:
    """The trained model (Splink's JSON) with u = 3 / ``pairs_sampled`` for each level that no
    sampled random pair fell in.

    Splink marks such a level "not observed" and scores it with u = 1e-6 in the linker that
    trained, but its saved JSON leaves the u out, and a linker built from that JSON (every
    scoring here) takes Splink's default u instead: 0.0014 for "same names, other order" in the
    model of a review of a million people, whose 2e5 random pairs held no swap, so a swap
    weighed 5.6 bits where the same level weighs 10 at 40,000 records; and the twins rule, which
    finds its level by the level's weight, lost "same first name, the other given names wholly
    different" where no random pair had it. 3/N is what N pairs without one say at most: a weight
    that may understate the evidence, never overstate it.
    """
    bound = min(1.0, U_NOT_SEEN_BOUND / max(pairs_sampled, 1.0))
    filled = copy.deepcopy(trained)
    for comparison in filled["comparisons"]:
        for level in comparison["comparison_levels"]:
            u = level.get("u_probability")
            if not level.get("is_null_level") and not (isinstance(u, float | int) and u > 0):
                level["u_probability"] = bound
    return filled


# Significant digits a trained probability keeps (``without_sum_order_noise``).
TRAINED_DIGITS = 10


def without_sum_order_noise(trained: dict[str, Any]) -> dict[str, Any]:
    """The trained model (Splink's JSON) with λ and every m and u rounded to TRAINED_DIGITS
    significant digits.

    DuckDB adds up EM's sums on both cores in whichever order the threads finish, so two trainings
    on one file differed in the last bits of a few probabilities (9 of them on the generator's
    40,000 records), and such a difference reordered near-equal joins in the clustering: the
    same file gave 0.92342 / 0.92336 / 0.92345 precision over three runs. Ten digits are far
    finer than any probability is known; the noise is at the sixteenth.
    """
    def rounded(value: Any) -> Any:
        if isinstance(value, float) and value != 0 and math.isfinite(value):
            return round(value, TRAINED_DIGITS - 1 - math.floor(math.log10(abs(value))))
        return value

    settled = copy.deepcopy(trained)
    settled["probability_two_random_records_match"] = rounded(settled["probability_two_random_records_match"])
    for comparison in settled["comparisons"]:
        for level in comparison["comparison_levels"]:
            for key in ("m_probability", "u_probability"):
                if key in level:
                    level[key] = rounded(level[key])
    return settled


def lambda_rules_recall(trained: dict[str, Any], present: Mapping[str, float]) -> float:
    """The share of true pairs ``LAMBDA_RULES`` find, as the trained model's m probabilities say.

    Splink's λ step assumes the rules find a set share of the true pairs (0.7 here). They find what
    the file's errors leave them: 45 % of Febrl3's true pairs, 61 % of the generator's (40,000
    records). The trained m say how often two records of one person agree at each level, so the
    share is P(both names' skeletons agree, in order) × P(same year) + P(same names, other order)
    × P(same day), each column present on both sides as often as the file has it (``present``: the
    share of records with it). Comparisons are independent given a match, as in the model itself.
    Measured 2026-12-01: Febrl3 0.441 (true 0.453), generator 0.578 (true 0.614).
    """
    m: dict[tuple[str, str], float] = {
        (c["output_column_name"], level.get("label_for_charts", "")): float(level["m_probability"])
        for c in trained["comparisons"] for level in c["comparison_levels"]
        if isinstance(level.get("m_probability"), float | int)}

    def agree(comparison: str, *labels: str) -> float:
        return sum(m.get((comparison, label), 0.0) for label in labels)

    def on_both_sides(column: str) -> float:
        return present[column] ** 2

    same_names = agree("given_name", EXACT, SAME_SKELETON) * agree("family_name", EXACT, SAME_SKELETON)
    same_year = (agree("birth_date", *SAME_YEAR_LEVELS)
                 + (1 - YEAR_SHARE_OF_DIGIT_TYPOS) * agree("birth_date", ONE_DIGIT_OFF))
    names_written = on_both_sides("given_sk_all") * on_both_sides("family_sk_all")
    return names_written * (same_names * same_year * on_both_sides("birth_year")
                            + agree("given_name", OTHER_ORDER) * agree("birth_date", SAME_DAY) * on_both_sides("dob_str"))


def probability_from_rules(true_pairs_found: float, recall: float, records: int) -> float | None:
    """λ: the true pairs the rules found, over the share of all true pairs they find, over all pairs.

    ``true_pairs_found`` is the sum of the rules' pairs' match probabilities, not their number: on
    the generator a quarter of them are namesakes (precision 0.75), in Febrl3 none. None where
    nothing can be said (no pairs found, no recall).
    """
    pairs = records * (records - 1) / 2
    if not (recall > 0 and pairs > 0 and true_pairs_found > 0):
        return None
    return min(0.5, true_pairs_found / recall / pairs)


def baseline_settings() -> SettingsCreator:
    """Splink's tutorial model (deduplicate_50k_synthetic), names and date of birth only.

    Input columns: ``unique_id``, ``first_name``, ``surname``, ``dob`` (YYYY-MM-DD string).
    """
    return SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("substr(first_name,1,2)", "substr(surname,1,2)", "substr(dob,1,4)"),
        ],
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
        ],
        retain_intermediate_calculation_columns=False,
    )


BASELINE_THRESHOLD = 0.95  # the tutorial's clustering threshold
BASELINE_PREDICT_FLOOR = 0.2  # the tutorial's predict threshold


def train_baseline(linker: Linker, progress: Progress) -> None:
    """The tutorial's training steps, with its deterministic rules restricted to names and dob."""
    progress("baseline: λ from deterministic rules")
    linker.training.estimate_probability_two_random_records_match(
        [
            "l.first_name = r.first_name and levenshtein(r.dob, l.dob) <= 1",
            "l.surname = r.surname and levenshtein(r.dob, l.dob) <= 1",
            "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2",
        ],
        recall=0.7,
    )
    progress("baseline: u from random pairs")
    linker.training.estimate_u_using_random_sampling(max_pairs=BASELINE_U_MAX_PAIRS, seed=SEED)
    progress("baseline: EM")
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
