"""Field rules shared by the web forms, the API and the file import, so a person gets the same
message whichever way the data arrives."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tenpoint.lib.countries import UnknownCountryCode, normalise_country_code, normalise_language_code
from tenpoint.registry.models import BirthDatePrecision

_DOC_NUMBER_CLEAN = re.compile(r"[\s\-./]+")
MAX_PLAUSIBLE_AGE = 110


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def normalise_document_number(number: str) -> str:
    return _DOC_NUMBER_CLEAN.sub("", number or "").upper()


def country_or_blank(field: str, value: str | None) -> str:
    if not value or not str(value).strip():
        return ""
    try:
        return normalise_country_code(str(value))
    except UnknownCountryCode:
        raise FieldError(
            field, _("“%(value)s” is not an ISO 3166 country code (for example SOM, HND, HTI).") % {"value": value}
        ) from None


def language_or_error(field: str, value: str) -> str:
    try:
        return normalise_language_code(value)
    except ValueError:
        raise FieldError(
            field, _("“%(value)s” is not an ISO 639-3 language code (for example som, ara, spa, hat).") % {"value": value}
        ) from None


@dataclass(frozen=True)
class BirthDate:
    date: dt.date | None
    precision: str


def parse_birth_date(value: str | None, *, field: str = "birth_date") -> BirthDate:
    """Accept YYYY-MM-DD, YYYY-MM or YYYY; partial dates are stored on the 1st of January or of
    the month, with their precision, so nobody mistakes a clerk's 1 January for a real birthday."""
    text = (value or "").strip()
    if not text:
        return BirthDate(None, BirthDatePrecision.UNKNOWN)
    try:
        if re.fullmatch(r"\d{4}", text):
            return BirthDate(dt.date(int(text), 1, 1), BirthDatePrecision.YEAR)
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            year, month = text.split("-")
            return BirthDate(dt.date(int(year), int(month), 1), BirthDatePrecision.MONTH)
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return BirthDate(dt.date.fromisoformat("-".join(p.zfill(2) for p in text.split("-"))),
                             BirthDatePrecision.EXACT)
    except ValueError:
        pass
    raise FieldError(
        field, _("“%(value)s” is not a date: write YYYY-MM-DD, YYYY-MM or YYYY.") % {"value": text}
    )


def birth_date_as_written(birth_date: dt.date | None, precision: str) -> str:
    """A stored date at its precision, as ``parse_birth_date`` reads it back (YYYY-MM-DD, YYYY-MM,
    YYYY; a date estimated from apparent age as its year); empty where none is known."""
    if birth_date is None or precision == BirthDatePrecision.UNKNOWN:
        return ""
    if precision == BirthDatePrecision.EXACT:
        return birth_date.isoformat()
    if precision == BirthDatePrecision.MONTH:
        return birth_date.strftime("%Y-%m")
    return f"{birth_date.year:04d}"  # year only, or estimated from apparent age


def birth_date_from_age(age: int, on: dt.date) -> BirthDate:
    return BirthDate(dt.date(on.year - age, 1, 1), BirthDatePrecision.ESTIMATED)


def check_birth_date(birth: BirthDate, *, registered_on: dt.date, stated_age: int | None = None) -> None:
    """Refuse impossible dates and ages that contradict the date of birth."""
    if birth.date is None:
        if stated_age is not None and not 0 <= stated_age <= MAX_PLAUSIBLE_AGE:
            raise FieldError("age", _("An age of %(age)s years is not plausible.") % {"age": stated_age})
        return
    if birth.date > registered_on:
        raise FieldError(
            "birth_date",
            _("The date of birth %(birth)s is after the arrival (%(arrival)s).")
            % {"birth": birth.date.isoformat(), "arrival": registered_on.isoformat()},
        )
    implied_age = registered_on.year - birth.date.year - (
        (registered_on.month, registered_on.day) < (birth.date.month, birth.date.day)
    )
    if implied_age > MAX_PLAUSIBLE_AGE:
        raise FieldError(
            "birth_date", _("The date of birth %(birth)s makes the person %(age)s years old.")
            % {"birth": birth.date.isoformat(), "age": implied_age},
        )
    if stated_age is not None:
        # A year-only or estimated date can be a year off either way.
        tolerance = 0 if birth.precision == BirthDatePrecision.EXACT else 1
        if abs(stated_age - implied_age) > tolerance:
            raise FieldError(
                "age",
                _("The age %(age)s contradicts the date of birth %(birth)s, which gives %(implied)s.")
                % {"age": stated_age, "birth": birth.date.isoformat(), "implied": implied_age},
            )
