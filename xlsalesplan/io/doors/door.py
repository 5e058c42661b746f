"""One plan, several doors: the small interface every place a workbook lives implements.

A *door* reads a table's header and cells and writes a table's rows and single cells. The
file on disk (:mod:`xlsalesplan.io.doors.filedoor`) and a workbook open in Excel
(:mod:`xlsalesplan.io.doors.livedoor`) implement it; :mod:`xlsalesplan.io.planio` reads the plan's
inputs and writes its outputs through it, so a ribbon button and ``xlsalesplan refresh`` run
the same code and give the same cells.

Values crossing a door are plain: numbers (dates as serial numbers of the workbook's date
system, which ``date1904`` tells), text, booleans, ``None`` for a blank,
:class:`~xlsalesplan.io.ooxml.cells.CellError` for an error cell, and
:class:`~xlsalesplan.io.ooxml.cells.Formula` (formula text + cached value) for a formula.
Blocks outside the tables are found through the workbook's defined names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from xlsalesplan.io.ooxml.tables import Cell


class Door(Protocol):
    """Where a plan workbook lives: a file on disk, a workbook open in Excel, …"""

    date1904: bool  # dates are serials of the 1904 date system (Excel for Mac's option)

    def read_table(self, name: str) -> tuple[list[str], list[list[Cell]]]:
        """The header texts and the data rows of the table called ``name``.

        Raises ``WorkbookError`` naming the table when the workbook has none of that name.
        """
        ...

    def read_header(self, name: str) -> tuple[list[str], str]:
        """The header texts of the table called ``name`` and the name of its sheet."""
        ...

    def write_table(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        """Resize the table to ``len(rows)`` data rows and write them (formats kept per column)."""
        ...

    def write_block(self, sheet: str, row: int, col: int, rows: Sequence[Sequence[Any]]) -> None:
        """Write a rectangle of values from a 0-based (row, column), keeping the cells' formats."""
        ...

    def write_cell(self, sheet: str, row: int, col: int, value: Any) -> None:
        """Write one value at a 0-based (row, column) of a sheet, keeping the cell's format."""
        ...

    def table_origin(self, name: str) -> tuple[int, int]:
        """The 0-based (row, column) of the table's header's first cell."""
        ...

    def defined_name(self, name: str) -> tuple[str, tuple[int, int, int, int]] | None:
        """The sheet and 1-based (first row, first column, last row, last column) of the range
        a workbook-level defined name refers to; None when there is no such name."""
        ...

    def read_block(self, sheet: str, r0: int, c0: int, r1: int, c1: int) -> list[list[Any]]:
        """The cells of a 1-based rectangle, formulas as :class:`Formula` with cached values."""
        ...
