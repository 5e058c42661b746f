"""Cell values and A1 references: the small vocabulary every workbook door speaks.

Values are plain Python: ``float`` for numbers (dates stay serial numbers), ``str``, ``bool``,
``None`` for an empty cell, :class:`CellError` for an error value such as ``#N/A``, and
:class:`Formula` for a formula with its cached value.

Examples
--------
>>> cell_ref(7, 2), parse_range("B7:D9"), quote_sheet("План продаж")
('B7', (7, 2, 9, 4), "'План продаж'")
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Union

from xlsalesplan.core.args import EXCEL_EPOCH as _EPOCH_DAY
from xlsalesplan.io.ooxml.safety import MAX_COLS, MAX_ROWS

# Day 0 of Excel's 1900 date system (from serial 61 on), as the core defines it.
EXCEL_EPOCH = dt.datetime.combine(_EPOCH_DAY.astype(dt.date), dt.time())
_DAY = 86_400.0
# Days between day 0 of the 1900 and of the 1904 date system: a 1904 workbook's serials are
# this much smaller for the same date.
DATE1904_OFFSET = 1462.0
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_SHEET_NAME_PLAIN = re.compile(r"^[^\W\d]\w*$")


@dataclass(frozen=True)
class CellError:
    """An Excel error value, e.g. ``CellError("#N/A")``."""

    code: str


@dataclass(frozen=True)
class Formula:
    """A formula and the value Excel would show for it.

    Parameters
    ----------
    text : str or None
        The formula, with or without its leading ``=``. ``None`` when read from a
        cell that only borrows a shared formula defined in another cell.
    cached : number, str, bool, CellError or None
        The cached result, written so the file reads right in any viewer.
    """

    text: str | None
    cached: Any = None


Value = Union[float, str, bool, None, CellError, Formula]  # noqa: UP007 (a runtime alias)


# --------------------------------------------------------------------- A1 helpers
@lru_cache(maxsize=MAX_COLS)
def col_letters(col: int) -> str:
    """Column letters of a 1-based column number: 1 → "A", 28 → "AB".

    Raises
    ------
    ValueError
        Outside 1…16,384 (A…XFD).
    """
    if not 1 <= col <= MAX_COLS:
        raise ValueError(f"column {col} is outside Excel's columns 1..{MAX_COLS}")
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@lru_cache(maxsize=4 * MAX_COLS)
def col_number(letters: str) -> int:
    """1-based column number of column letters: "A" → 1, "XFD" → 16,384."""
    number = 0
    for char in letters.upper():
        if not "A" <= char <= "Z":
            raise ValueError(f"{letters!r} is not a column")
        number = number * 26 + ord(char) - 64
    if not 1 <= number <= MAX_COLS:
        raise ValueError(f"column {letters} is beyond Excel's last column XFD")
    return number


def parse_cell(ref: str) -> tuple[int, int]:
    """(row, column), both 1-based, of an A1 reference such as "B7" or "$B$7".

    Raises
    ------
    ValueError
        Not an A1 reference, or beyond Excel's 1,048,576 rows × 16,384 columns.
    """
    match = _CELL_REF.match(ref)
    if not match:
        raise ValueError(f"{ref!r} is not a cell reference like B7")
    row = int(match.group(2))
    if not 1 <= row <= MAX_ROWS:
        raise ValueError(f"row {row} of {ref} is beyond Excel's last row {MAX_ROWS}")
    return row, col_number(match.group(1))


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of "B7:D9" (or of a single "B7")."""
    first, _, last = ref.partition(":")
    r0, c0 = parse_cell(first)
    r1, c1 = parse_cell(last) if last else (r0, c0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def cell_ref(row: int, col: int) -> str:
    """A1 reference of a 1-based (row, column): (7, 2) → "B7"."""
    return f"{col_letters(col)}{row}"


def range_ref(r0: int, c0: int, r1: int, c1: int) -> str:
    """A1 reference of a rectangle: (7, 2, 9, 4) → "B7:D9"; one cell gives "B7"."""
    first, last = cell_ref(r0, c0), cell_ref(r1, c1)
    return first if first == last else f"{first}:{last}"


def sheet_range(text: str) -> tuple[str, tuple[int, int, int, int]] | None:
    """The sheet and range of a reference such as ``'План продаж'!$A$2:$B$3``; None for
    anything else (a formula, a constant, several areas, a whole column).

    >>> sheet_range("'План продаж'!$A$2:$B$3")
    ('План продаж', (2, 1, 3, 2))
    """
    sheet, bang, ref = text.lstrip("=").rpartition("!")
    if not bang or not sheet:
        return None
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    try:
        return sheet, parse_range(ref.replace("$", ""))
    except ValueError:
        return None


@lru_cache(maxsize=256)
def quote_sheet(name: str) -> str:
    """A sheet name as a formula or message writes it: quoted when it needs to be."""
    if _SHEET_NAME_PLAIN.match(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def serial(value: Any) -> Any:
    """Dates and datetimes (pandas Timestamps too) as Excel serial numbers; anything else as is.

    >>> serial(dt.date(2025, 1, 1)), serial(dt.datetime(2025, 1, 1, 12))
    (45658.0, 45658.5)
    """
    if isinstance(value, dt.datetime):
        return (value - EXCEL_EPOCH).total_seconds() / _DAY
    if isinstance(value, dt.date):
        return float((value - EXCEL_EPOCH.date()).days)
    return value


@contextmanager
def many_objects() -> Iterator[None]:
    """Make many objects that hold no reference cycles (cells, rows) without pauses.

    Every few hundred new containers Python's cyclic collector runs, and now and then it walks
    every object alive: reading 200,000 cells pays for that more than for the cells. Cells
    and rows make no cycles, so nothing is lost by pausing the collector while they are made;
    it is switched back on afterwards (if it was on).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
