"""What Tenpoint's CSV readers share: the delimiter a spreadsheet export used, and whether the
reader stopped on a quote never closed (read with ``strict=True``, which refuses it instead of
reading the rest of the file as one value)."""

from __future__ import annotations

import csv
from collections.abc import Sequence


def sniffed_delimiter(text: str) -> str:
    """Comma, semicolon (a spreadsheet in a language writing decimal commas) or tab, from the
    header line. Only the delimiter: quoting sniffed from a header without quotes read a doubled
    quote in a later value as two."""
    try:
        return csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def quote_left_open(error: csv.Error) -> bool:
    """Whether a strict reader stopped because a quote opened on its line is never closed."""
    return "unexpected end of data" in str(error)


def holds_values_beyond(cells: Sequence[object], columns: int) -> bool:
    """Whether a line has a value past its header's ``columns`` cells. Most often a comma inside a
    value not quoted: every value after it moved one column along, so a reader refuses the line
    rather than read it shifted. Empty trailing cells (a spreadsheet's extra delimiters) are no values."""
    return any(str(cell).strip() for cell in cells[columns:] if cell is not None)
