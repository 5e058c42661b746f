"""The door to a workbook open in Excel: an xlwings ``Book``, read and written in bulk.

Each table is read with one call for its header and one for its data body, and written with
one call for all its rows: values and native formulas go together as one 2-D list through
``range.formula`` (a plain value there is written as a constant). Nothing is read or written
cell by cell, so a refresh costs a few round trips to Excel per table, whatever its size.

Only the open-source xlwings API is used (``book.sheets``, ``sheet.tables``, ``range.value``,
``range.formula``, ``table.resize``), so the same door serves desktop Excel (xlwings) and
xlwings Lite. Cells cross the door as the file door gives them: dates as Excel serial numbers,
error cells as their code ("#N/A"), addresses as ``Sheet!B7``; so both doors lead to the same
plan and the same stamp.

Examples
--------
>>> door = LiveDoor(xw.Book.caller())           # doctest: +SKIP
>>> refresh(door, door.name)                    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from xlsalesplan.io.ooxml.cells import (
    DATE1904_OFFSET,
    CellError,
    Formula,
    cell_ref,
    quote_sheet,
    range_ref,
    serial,
    sheet_range,
)
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.tables import Cell


def excel_input(value: Any) -> Any:
    """A value as ``range.formula`` must receive it to store exactly that value.

    Excel parses what it is given as if it were typed: "12" would become a number, "1/2" a
    date and "=x" a formula. Text therefore goes with a leading apostrophe, which Excel keeps
    as the cell's prefix, not as part of the text.
    """
    if isinstance(value, Formula):
        text = value.text or ""
        return text if text.startswith("=") else "=" + text
    if isinstance(value, CellError):
        return "=" + value.code
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value else ""
    if isinstance(value, (dt.date, dt.datetime)):
        return serial(value)
    return value


class LiveDoor:
    """A plan workbook open in Excel, through xlwings.

    Parameters
    ----------
    book : xlwings.Book
        The workbook, e.g. ``xw.Book.caller()`` in a ribbon macro.
    """

    def __init__(self, book: Any):
        self.book = book
        self._tables: dict[str, tuple[Any, Any]] = {}
        self.date1904 = _date1904(book)

    @property
    def name(self) -> str:
        """The workbook's name, for messages."""
        return str(self.book.name)

    def _find(self, name: str) -> tuple[Any, Any]:
        """(sheet, table) of the table called ``name``, wherever the planner has moved it."""
        key = name.casefold()
        if key not in self._tables:
            known = []
            for sheet in self.book.sheets:
                for table in sheet.tables:
                    known.append(table.name)
                    self._tables.setdefault(table.name.casefold(), (sheet, table))
            if key not in self._tables:
                listed = ", ".join(known) or "none"
                raise WorkbookError(self.name, f"has no table {name!r} (tables: {listed})")
        return self._tables[key]

    def read_table(self, name: str) -> tuple[list[str], list[list[Cell]]]:
        sheet, table = self._find(name)
        headers = table.header_row_range.options(ndim=2).value[0]
        body = table.data_body_range
        if body is None:  # a table with no data rows has no data body in Excel
            return [str(h or "") for h in headers], []
        values = body.options(ndim=2, err_to_str=True).value
        r0, c0 = body.row, body.column
        prefix = quote_sheet(sheet.name) + "!"
        rows = [
            [Cell(prefix + cell_ref(r0 + i, c0 + j), self._serial(v)) for j, v in enumerate(row)]
            for i, row in enumerate(values)
        ]
        return [str(h or "") for h in headers], rows

    def read_header(self, name: str) -> tuple[list[str], str]:
        sheet, table = self._find(name)
        return table.header_row_range.options(ndim=2).value[0], sheet.name

    def write_table(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        sheet, table = self._find(name)
        header = table.header_row_range
        r0, c0 = header.row, header.column
        width = header.shape[1]
        for i, row in enumerate(rows):
            if len(row) != width:
                reason = f"table {name!r}: row {i + 1} has {len(row)} values for {width} columns"
                raise WorkbookError(self.name, reason)
        body = table.data_body_range
        old = body.shape[0] if body is not None else 0
        count = max(len(rows), 1)  # an Excel table keeps one (empty) data row
        c1 = c0 + width - 1
        if count > old:
            self._check_room(sheet, name, r0 + old + 1, c0, r0 + count, c1)
        table.resize(sheet.range((r0, c0), (r0 + count, c1)))
        cells = [[excel_input(v) for v in row] for row in rows] or [[""] * width]
        sheet.range((r0 + 1, c0), (r0 + count, c1)).formula = cells
        if old > count:
            sheet.range((r0 + count + 1, c0), (r0 + old, c1)).clear_contents()

    def _check_room(self, sheet: Any, name: str, r0: int, c0: int, r1: int, c1: int) -> None:
        """Refuse to grow a table over the planner's cells, as the file door does."""
        below = sheet.range((r0, c0), (r1, c1)).options(ndim=2).value
        taken = [
            cell_ref(r0 + i, c0 + j)
            for i, row in enumerate(below)
            for j, v in enumerate(row)
            if v not in (None, "")
        ]
        if taken:
            shown = ", ".join(taken[:5]) + (" …" if len(taken) > 5 else "")
            where = f"{quote_sheet(sheet.name)}!{range_ref(r0, c0, r1, c1)}"
            raise WorkbookError(
                self.name,
                f"table {name!r}: growing to {where} would overwrite {shown}; "
                "move those cells below the table",
            )

    def write_block(self, sheet: str, row: int, col: int, rows: Sequence[Sequence[Any]]) -> None:
        cells = [[excel_input(v) for v in line] for line in rows]
        last = (row + len(cells), col + len(cells[0]))
        self.book.sheets[sheet].range((row + 1, col + 1), last).formula = cells

    def write_cell(self, sheet: str, row: int, col: int, value: Any) -> None:
        self.write_block(sheet, row, col, [[value]])

    def table_origin(self, name: str) -> tuple[int, int]:
        header = self._find(name)[1].header_row_range
        return header.row - 1, header.column - 1

    def _serial(self, value: Any) -> Any:
        """A date Excel hands over as a datetime, as a serial of the workbook's date system."""
        found = serial(value)
        if self.date1904 and found is not value:
            return found - DATE1904_OFFSET
        return found

    def defined_name(self, name: str) -> tuple[str, tuple[int, int, int, int]] | None:
        for defined in self.book.names:
            if defined.name.casefold() == name.casefold():
                return sheet_range(str(defined.refers_to))
        return None

    def read_block(self, sheet: str, r0: int, c0: int, r1: int, c1: int) -> list[list[Any]]:
        cells = self.book.sheets[sheet].range((r0, c0), (r1, c1))
        texts = cells.options(ndim=2).formula
        values = cells.options(ndim=2, err_to_str=True).value
        return [
            [_cell(text, self._serial(value)) for text, value in zip(trow, vrow, strict=True)]
            for trow, vrow in zip(texts, values, strict=True)
        ]


def _cell(text: Any, value: Any) -> Any:
    """A cell as the doors give it: a formula with its value, or the value."""
    if isinstance(text, str) and text.startswith("="):
        return Formula(text[1:], value)
    return value


def _date1904(book: Any) -> bool:
    """Whether the workbook counts dates from 1904 (Excel's COM API; False where absent)."""
    try:
        return bool(book.api.Date1904)
    except Exception:  # Lite and other engines have no COM object: the 1900 system
        return False
