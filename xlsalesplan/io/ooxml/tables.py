"""Excel tables (ListObjects) in a workbook file: find, read, resize and fill them.

A table lives in its own part (``xl/tables/tableN.xml``) linked from its sheet;
its cells live in the sheet. :meth:`Table.write` resizes the table to the rows
it is given and writes them: the table's ``ref``, its ``autoFilter`` (and sort
state) follow, calculated columns get their formula, and a totals row moves
below the last data row with its cached results recomputed.

Convention: unless told otherwise, written rows take the cell styles of the
table's first data row (the template row), so a template formats that row
once and every refresh repeats it. An Excel table always keeps at least one
data row; zero rows leave one empty, formatted row.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any, NamedTuple

from lxml import etree

from xlsalesplan.io.ooxml.cells import (
    CellError,
    Formula,
    Value,
    cell_ref,
    col_letters,
    many_objects,
    parse_range,
    range_ref,
)
from xlsalesplan.io.ooxml.package import NS_MAIN, Package
from xlsalesplan.io.ooxml.safety import MAX_ROWS, WorkbookError
from xlsalesplan.io.ooxml.sheetxml import Sheet

_M = f"{{{NS_MAIN}}}"


class Cell(NamedTuple):
    """One cell read from a table: ``where`` is ``Sheet!B7`` for messages."""

    where: str
    value: Value


@dataclass
class Table:
    """One Excel table of an open :class:`~xlsalesplan.io.package.Package`."""

    pkg: Package
    sheet_name: str
    part: str
    root: etree._Element

    @cached_property
    def sheet(self) -> Sheet:
        """The sheet holding the table's cells (parsed when first needed)."""
        return Sheet(self.pkg, self.sheet_name)

    @property
    def name(self) -> str:
        """The table's name as Excel shows it (``displayName``)."""
        return self.root.get("displayName") or self.root.get("name", "")

    @property
    def ref(self) -> str:
        """The whole table's range, header and totals rows included: "B3:K6"."""
        return self.root.get("ref", "")

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        """(first row, first column, last row, last column) of :attr:`ref`."""
        try:
            return parse_range(self.ref)
        except ValueError as exc:
            reason = f"table {self.name!r} has no valid range ({exc})"
            raise WorkbookError(self.pkg.path, reason) from None

    @property
    def header_rows(self) -> int:
        return int(self.root.get("headerRowCount", "1"))

    @property
    def totals_rows(self) -> int:
        return int(self.root.get("totalsRowCount", "0"))

    @property
    def columns(self) -> list[str]:
        """The column names, left to right."""
        return [c.get("name", "") for c in self._columns()]

    @property
    def data_rows(self) -> int:
        """How many data rows the table has (0 when its range is the header alone)."""
        r0, _, r1, _ = self.bounds
        return max(r1 - self.totals_rows - (r0 + self.header_rows) + 1, 0)

    @property
    def data_ref(self) -> str:
        """The range of the data rows only (see :attr:`data_rows` for a table that has none)."""
        r0, c0, r1, c1 = self.bounds
        return range_ref(r0 + self.header_rows, c0, r1 - self.totals_rows, c1)

    def _columns(self) -> list[etree._Element]:
        return self.root.findall(f"{_M}tableColumns/{_M}tableColumn")

    def error(self, reason: str) -> WorkbookError:
        return WorkbookError(
            self.pkg.path, f"table {self.name!r} on sheet {self.sheet_name!r}: {reason}"
        )

    # ------------------------------------------------------------ reading
    def rows(self, *, formulas: bool = False) -> list[list[Cell]]:
        """The data rows, each a list of :class:`Cell` (address and value).

        Parameters
        ----------
        formulas : bool
            As in :meth:`~xlsalesplan.io.sheetxml.Sheet.read`.
        """
        if self.data_rows == 0:
            return []  # a table whose rows were all deleted: its range is the header alone
        r0, c0, _, c1 = parse_range(self.data_ref)
        values = self.sheet.read(self.data_ref, formulas=formulas)
        # Addresses as Sheet.where gives them, with the sheet and column parts made once; the
        # cells built by tuple.__new__ in C, as Cell(where, value) would build them.
        columns = [self.sheet.where(col_letters(col)) for col in range(c0, c1 + 1)]
        new, cell = tuple.__new__, repeat(Cell)
        rows = []
        with many_objects():
            for i, row in enumerate(values):
                number = str(r0 + i)
                wheres = [c + number for c in columns]
                rows.append(list(map(new, cell, zip(wheres, row, strict=True))))
        return rows

    # ------------------------------------------------------------ writing
    def write(self, rows: Sequence[Sequence[Any]], styles: Sequence[int] | None = None) -> None:
        """Resize the table to ``len(rows)`` data rows and write them.

        Parameters
        ----------
        rows : sequence of sequences
            One value per table column (see :meth:`Sheet.write` for the types).
            In a calculated column, None writes the column's formula.
        styles : sequence of int, optional
            One style index per column; default: the styles of the first data row.

        Raises
        ------
        WorkbookError
            Rows of the wrong width, merged cells inside the table, or a grown
            table that would cover other cells or another table.
        """
        if hasattr(rows, "tolist"):
            rows = rows.tolist()
        r0, c0, r1, c1 = self.bounds
        width = c1 - c0 + 1
        for i, row in enumerate(rows):
            if len(row) != width:
                raise self.error(f"row {i + 1} has {len(row)} values for {width} columns")
        first = r0 + self.header_rows
        count = max(len(rows), 1)
        last = first + count - 1 + self.totals_rows
        if last > MAX_ROWS:
            raise self.error(f"{len(rows)} rows do not fit below row {first}")
        self._check_room(r0, c0, r1, c1, last)
        if styles is None:
            styles = self.sheet.styles(first, c0, c1)
        totals = self.sheet.read(range_ref(r1, c0, r1, c1), formulas=True)[0]
        totals_styles = self.sheet.styles(r1, c0, c1)
        with many_objects():
            body = self._with_calculated(rows) if rows else [[None] * width]
        # The old rows go in the same pass: cells below the new end are emptied, the rest
        # are replaced by the new rows.
        old = range_ref(first, c0, r1, c1) if self.data_rows else None
        self.sheet.write(cell_ref(first, c0), body, styles, replacing=old)
        if self.totals_rows:
            self.sheet.write(cell_ref(last, c0), [self._totals(totals, body)], totals_styles)
        self.root.set("ref", range_ref(r0, c0, last, c1))
        data_end = last - self.totals_rows
        for node in (
            self.root.find(_M + "autoFilter"),
            self.root.find(f"{_M}autoFilter/{_M}sortState"),
        ):
            if node is not None:
                node.set(
                    "ref",
                    range_ref(r0 if node.tag.endswith("autoFilter") else first, c0, data_end, c1),
                )
        self.pkg.touch(self.part)

    def _check_room(self, r0: int, c0: int, r1: int, c1: int, last: int) -> None:
        merged = [
            m for m in self.sheet.merged() if _overlap(parse_range(m), (r0, c0, max(r1, last), c1))
        ]
        if merged:
            cells = ", ".join(map(self.sheet.where, merged))
            raise self.error(f"merged cells {cells} inside the table; unmerge them")
        if last <= r1:
            return
        grown = (r1 + 1, c0, last, c1)
        for other in tables(self.pkg):
            same_sheet = other.part != self.part and other.sheet_name == self.sheet_name
            if same_sheet and _overlap(other.bounds, grown):
                raise self.error(
                    f"growing to {last - r0 + 1} rows would cover table {other.name!r}"
                )
        taken = self.sheet.occupied(range_ref(*grown))
        if taken:
            shown = ", ".join(taken[:5]) + (" …" if len(taken) > 5 else "")
            raise self.error(
                f"growing to row {last} would overwrite {shown}; move those cells below the table"
            )

    def _with_calculated(self, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        formulas = {
            j: f.text
            for j, column in enumerate(self._columns())
            if (f := column.find(_M + "calculatedColumnFormula")) is not None and f.text
        }
        body = [list(row) for row in rows]
        for j, text in formulas.items():
            for row in body:
                if row[j] is None:
                    row[j] = Formula(text)
        return body

    def _totals(self, old: list[Value], body: list[list[Any]]) -> list[Any]:
        """The totals row with each built-in function's result recomputed from ``body``."""
        result: list[Any] = []
        for j, column in enumerate(self._columns()):
            function = column.get("totalsRowFunction")
            cell = old[j]
            if isinstance(cell, Formula) and function in _TOTALS:
                values = [_cached(row[j]) for row in body]
                result.append(Formula(cell.text, _TOTALS[function](values)))
            else:
                result.append(cell)
        return result


def _cached(value: Any) -> Any:
    return value.cached if isinstance(value, Formula) else value


def _numbers(values: list[Any]) -> list[float]:
    return [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _safe(function, minimum: int):
    def total(values: list[Any]) -> Any:
        numbers = _numbers(values)
        return function(numbers) if len(numbers) >= minimum else CellError("#DIV/0!")

    return total


# SUBTOTAL's results for the functions a totals row offers (109 sum, 101 average, ...).
_TOTALS = {
    "sum": lambda values: sum(_numbers(values)),
    "average": _safe(statistics.fmean, 1),
    "count": lambda values: sum(v is not None and v != "" for v in values),
    "countNums": lambda values: len(_numbers(values)),
    "max": lambda values: max(_numbers(values), default=0),
    "min": lambda values: min(_numbers(values), default=0),
    "stdDev": _safe(statistics.stdev, 2),
    "var": _safe(statistics.variance, 2),
}


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def tables(pkg: Package) -> list[Table]:
    """Every table of the workbook, sheet by sheet."""
    found = []
    for name, part in pkg.sheets.items():
        for rel in pkg.rels(part):
            if rel.kind == "table" and not rel.external and pkg.has(rel.target):
                found.append(Table(pkg, name, rel.target, pkg.xml(rel.target)))
    return found


def find_table(pkg: Package, name: str) -> Table:
    """The table called ``name`` (case-insensitive, as Excel matches names).

    Raises
    ------
    WorkbookError
        No table of that name; the message lists the tables there are.
    """
    every = tables(pkg)
    for table in every:
        if table.name.casefold() == name.casefold():
            return table
    known = ", ".join(t.name for t in every) or "none"
    raise WorkbookError(pkg.path, f"has no table {name!r} (tables: {known})")
