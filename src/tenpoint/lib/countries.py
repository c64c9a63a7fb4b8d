"""ISO 3166-1 alpha-3 countries and ISO 639-3 languages, with names in the user's language.

Pure Python (no Django): the names come from pycountry's own gettext catalogues,
so they are translated offline for every language Tenpoint ships.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry


class UnknownCountryCode(ValueError):
    pass


@cache
def country_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def _translation(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str, language: str = "en") -> str:
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return code
    return _translation("iso3166-1", language).gettext(country.name)


def normalise_country_code(value: str) -> str:
    """Accept alpha-3 (any case) or alpha-2 codes; raise with a readable message otherwise."""
    code = (value or "").strip().upper()
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            return str(country.alpha_3)
    if code in country_codes():
        return code
    raise UnknownCountryCode(f"“{value}” is not an ISO 3166 country code (for example SOM, HND, HTI).")


@cache
def country_choices(language: str = "en") -> list[tuple[str, str]]:
    return sorted(
        ((c.alpha_3, country_name(c.alpha_3, language)) for c in pycountry.countries),
        key=lambda item: item[1],
    )


@cache
def language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_3 for lang in pycountry.languages)


def language_name(code: str, language: str = "en") -> str:
    found = pycountry.languages.get(alpha_3=code.lower())
    if found is None:
        return code
    return _translation("iso639-3", language).gettext(found.name)


def normalise_language_code(value: str) -> str:
    code = (value or "").strip().lower()
    if len(code) == 2:
        found = pycountry.languages.get(alpha_2=code)
        if found is not None:
            return str(found.alpha_3)
    if code in language_codes():
        return code
    raise ValueError(f"“{value}” is not an ISO 639-3 language code (for example som, ara, spa, hat).")


# The languages an interpreter is most often needed for on the routes Tenpoint serves;
# shown first in pickers so a border officer does not scroll through 7,000 languages.
COMMON_ROUTE_LANGUAGES = (
    "ara", "som", "amh", "tir", "orm", "spa", "fra", "hat", "eng", "prs", "pus",
    "ben", "urd", "lin", "swh", "por", "hin", "nep", "wol", "ful", "hau", "kin",
)
