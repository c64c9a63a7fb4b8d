"""Cells that are safe to open in a spreadsheet. Pure Python.

A cell beginning with = + - @ (or a tab or carriage return) is run as a formula by Excel,
LibreOffice and Google Sheets; an attacker-controlled name such as ``=HYPERLINK(...)`` in an
export could then leak data or run commands (OWASP "CSV injection"). Such cells are prefixed
with an apostrophe, which the spreadsheet shows as plain text.
"""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_TRIGGERS):
        # A plain negative number is data, not a formula.
        if text.startswith("-") and text[1:].replace(".", "", 1).isdigit():
            return text
        return "'" + text
    return text
