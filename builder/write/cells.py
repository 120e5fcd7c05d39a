"""Spreadsheet cells we write: text a person typed must never become a formula.

OWASP's CSV-injection guidance: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read as a formula by Excel, LibreOffice and Google Sheets. Every cell that
carries user text into an .xlsx or .csv goes through :func:`safe_cell`, which prefixes such text
with an apostrophe so it is shown literally; numbers (and None, booleans, dates) stay what they are.
"""

from __future__ import annotations

from typing import Any, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` ready for a spreadsheet cell: text that could start a formula is made literal text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A whole row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
