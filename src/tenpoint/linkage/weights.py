"""What the model weighed in a queued pair, in the reader's language.

The levels are named in the model by Splink's English labels (``label_for_charts``); these are
the words a reviewer reads for them. A label without words here (a model saved before a level
was added, or edited by hand) is shown as the model writes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tenpoint.lib.linkage import model
from tenpoint.lib.linkage.explain import NO_WEIGHT
from tenpoint.linkage.models import CandidatePair

COMPARISON_TEXTS = {
    "given_name": _("Given names"),
    "family_name": _("Family names"),
    "birth_date": _("Date of birth"),
    "household": _("Registered with"),
    "sex": _("Sex"),
    "nationality": _("Declared nationality"),
    model.WHOLE_NAME: _("The whole name, by how rare it is"),
}

_DIFFERENT = _("different")
_SAME = _("the same")
_SAME_SPOKEN = _("the same name, spelled differently")
_VERY_CLOSE = _("spelled very close")
_CLOSE = _("spelled somewhat close")

LEVEL_TEXTS = {
    ("given_name", model.EXACT): _SAME,
    ("given_name", model.SAME_SKELETON): _SAME_SPOKEN,
    ("given_name", model.OTHER_ORDER): _("the same names, given and family names swapped"),
    ("given_name", "Swapped, with a spelling difference"):
        _("given and family names swapped, one spelled differently"),
    ("given_name", model.OTHER_GIVEN_NAMES_DIFFER): _("the same first name, the other given names wholly different"),
    ("given_name", model.OTHER_SEX_FORM): _("one first name, written for a man and for a woman, and the sexes differ (one not recorded is read from the name)"),
    ("given_name", "Same first-token skeleton"): _("the same first name, the other given names not"),
    ("given_name", "Jaro-Winkler distance of given >= 0.92"): _VERY_CLOSE,
    ("given_name", "Jaro-Winkler distance of given >= 0.8"): _CLOSE,
    ("given_name", model.ONE_NAME_MOVED): _("one name written in the other field, the other name different"),
    ("given_name", model.ELSE): _DIFFERENT,
    ("family_name", model.EXACT): _SAME,
    ("family_name", model.SAME_SKELETON): _SAME_SPOKEN,
    ("family_name", "One surname dropped"): _("one family name left out in one record"),
    ("family_name", "Jaro-Winkler distance of family >= 0.92"): _VERY_CLOSE,
    ("family_name", "Jaro-Winkler distance of family >= 0.8"): _CLOSE,
    ("family_name", model.ELSE): _DIFFERENT,
    ("birth_date", model.SAME_DAY): _("the same day"),
    ("birth_date", model.ONE_DIGIT_OFF): _("one digit different"),
    ("birth_date", model.DAY_MONTH_SWAPPED): _("day and month swapped"),
    ("birth_date", model.SAME_MONTH): _("the same month and year, another day"),
    ("birth_date", model.SAME_YEAR_BOTH_VAGUE): _("the same year, both records only a year or 1 January"),
    ("birth_date", model.SAME_YEAR_ONE_VAGUE): _("the same year, one record only a year or 1 January"),
    ("birth_date", model.SAME_YEAR_OTHERWISE): _("the same year, another month"),
    ("birth_date", "Within a year, both year-only"): _("a year apart, both records only a year"),
    ("birth_date", "Within a year"): _("within a year"),
    ("birth_date", "Within two years, both year-only"): _("two years apart, both records only a year"),
    ("birth_date", "Within two years"): _("within two years"),
    ("birth_date", model.ELSE): _DIFFERENT,
    ("household", "Registered together"): _("registered together: two people"),
    ("household", "Two or more companions' names in common"): _("two or more companions' names in common"),
    ("household", "One companion's name in common"): _("one companion's name in common"),
    ("household", "Registered with others, none in common"): _("registered with others, none of them in common"),
    ("sex", "Exact match on sex"): _SAME,
    ("sex", model.ELSE): _DIFFERENT,
    ("nationality", "Exact match on nationality"): _SAME,
    ("nationality", model.ELSE): _DIFFERENT,
    (model.WHOLE_NAME, model.WHOLE_NAME_SAME): _("the same names; weighed by how few people share them"),
    (model.WHOLE_NAME, model.ELSE): _("not the same names"),
}
_NOT_WEIGHED = _("no weight: missing in a record, or counted with another comparison")


def signed_bits(bits: float) -> str:
    """+4.8 / −2.1 / 0.0, with the reader's decimal mark."""
    # Rounded here: number_format cuts the digits off.
    shown = number_format(Decimal(f"{abs(bits):.1f}"), 1, use_l10n=True)
    if round(bits, 1) == 0:
        return shown
    return ("+" if bits > 0 else "\u2212") + shown


@dataclass(frozen=True)
class WeighedComparison:
    comparison: str
    level: str
    weight: float  # bits

    @property
    def shown(self) -> str:
        return signed_bits(self.weight)


@dataclass(frozen=True)
class PairWeights:
    """A queued pair's score as the model added it up: prior + each comparison = total."""

    prior: float
    comparisons: list[WeighedComparison]

    @property
    def total(self) -> float:
        return self.prior + sum(c.weight for c in self.comparisons)

    @property
    def prior_shown(self) -> str:
        return signed_bits(self.prior)

    @property
    def total_shown(self) -> str:
        return signed_bits(self.total)

    @property
    def one_in(self) -> int:
        """The prior as "one pair in N taken at random is one person"."""
        return max(1, round(1 + 2 ** -self.prior))


def level_text(comparison: str, level: str) -> str:
    if level == NO_WEIGHT:
        return str(_NOT_WEIGHED)
    return str(LEVEL_TEXTS.get((comparison, level), level))


def pair_weights(stored: dict[str, Any]) -> PairWeights | None:
    """A pair's stored ``model_weights`` in words; None for a pair queued before they were kept."""
    if not stored or "levels" not in stored:
        return None
    comparisons = [WeighedComparison(str(COMPARISON_TEXTS.get(level["comparison"], level["comparison"])),
                                     level_text(level["comparison"], level["level"]), float(level["weight"]))
                   for level in stored["levels"]]
    prior = float(stored["prior"])
    return PairWeights(prior if math.isfinite(prior) else 0.0, comparisons)


def _strongest(stored: dict[str, Any]) -> tuple[int | None, int | None]:
    """Positions in ``stored["levels"]`` of the level that weighed most for one person and the one
    that weighed most against (the first of equals; None where none weighed a tenth of a bit)."""
    weights = [float(level["weight"]) for level in (stored or {}).get("levels", [])]
    if not weights:
        return None, None
    for_one, against = weights.index(max(weights)), weights.index(min(weights))
    return (for_one if round(weights[for_one], 1) > 0 else None,
            against if round(weights[against], 1) < 0 else None)


def weighed_most(stored: dict[str, Any]) -> tuple[WeighedComparison | None, WeighedComparison | None]:
    """The comparison that weighed most for one person and the one that weighed most against, for
    a queue's row (None where none did, or for a pair queued before the weights were kept)."""
    weights = pair_weights(stored)
    if weights is None:
        return None, None
    for_one, against = _strongest(stored)
    return (None if for_one is None else weights.comparisons[for_one],
            None if against is None else weights.comparisons[against])


def weighed_most_key(stored: dict[str, Any]) -> str:
    """"comparison|level" of what weighed most for one person in a pair's ``model_weights`` (the
    same level ``weighed_most`` shows), "" if nothing did: the queue groups its pairs by it
    (``CandidatePair.weighed_most``)."""
    for_one, _against = _strongest(stored)
    if for_one is None:
        return ""
    strongest = stored["levels"][for_one]
    # Cut to the column's length: a hand-edited model may name a level at any length.
    return f"{strongest['comparison']}|{strongest['level']}"[:CandidatePair._meta.get_field("weighed_most").max_length]


def weighed_most_text(key: str) -> str:
    """A ``weighed_most_key`` in the reader's language: "Date of birth: the same day"."""
    comparison, _, level = key.partition("|")
    return comparison_and_level(str(COMPARISON_TEXTS.get(comparison, comparison)), level_text(comparison, level))


def comparison_and_level(comparison: str, level: str) -> str:
    """A comparison and its level as one phrase, "Date of birth: the same day", punctuated as the
    reader's language does (French puts a space before the colon)."""
    return gettext("%(comparison)s: %(level)s") % {"comparison": comparison, "level": level}
