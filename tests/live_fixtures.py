"""A recording stand-in for an xlwings Book: the calls the live door makes, on in-memory grids.

It behaves as Excel does where the door depends on it: ``range.formula = [[...]]`` stores text
after a leading apostrophe as text, "=..." as a formula and other values as constants; cells
in date-formatted columns read back as ``datetime``; error cells read back as their code with
``err_to_str``; a table with no data rows has no data body. Every read and write of a range is
recorded, so tests can bound the calls per table.

The grids are loaded from a real plan file through the file door's own reading code, so the
fake starts from exactly what the file holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from xlsalesplan.io.files import write_demo
from xlsalesplan.io.layout import SHEET_OF_TABLE, TABLES
from xlsalesplan.io.ooxml.cells import CellError, Formula, parse_cell, parse_range, range_ref
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import tables

EPOCH = dt.datetime(1899, 12, 30)


class FakeApp:
    def __init__(self, answers: list[str] | None = None):
        self.screen_updating = True
        self.status_bar: Any = None
        self.status_history: list[Any] = []
        self.screen_history: list[bool] = []
        self.alerts: list[dict[str, Any]] = []
        self.answers = list(answers or [])

    def __setattr__(self, key: str, value: Any) -> None:
        if key == "status_bar" and hasattr(self, "status_history"):
            self.status_history.append(value)
        if key == "screen_updating" and hasattr(self, "screen_history"):
            self.screen_history.append(value)
        object.__setattr__(self, key, value)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append({"prompt": prompt, "title": title, "buttons": buttons, "mode": mode})
        return self.answers.pop(0) if self.answers else "ok"


class FakeRange:
    def __init__(self, sheet: FakeSheet, r0: int, c0: int, r1: int, c1: int, **options: Any):
        self.sheet, self.options_ = sheet, options
        self.r0, self.c0, self.r1, self.c1 = min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)

    @property
    def row(self) -> int:
        return self.r0

    @property
    def column(self) -> int:
        return self.c0

    @property
    def shape(self) -> tuple[int, int]:
        return self.r1 - self.r0 + 1, self.c1 - self.c0 + 1

    @property
    def address(self) -> str:
        return range_ref(self.r0, self.c0, self.r1, self.c1)

    def options(self, **options: Any) -> FakeRange:
        return FakeRange(self.sheet, self.r0, self.c0, self.r1, self.c1, **options)

    def _cells(self):
        return [[(r, c) for c in range(self.c0, self.c1 + 1)] for r in range(self.r0, self.r1 + 1)]

    def _shape(self, grid: list[list[Any]]) -> Any:
        if self.options_.get("ndim") == 2:
            return grid
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        if len(grid) == 1:
            return grid[0]
        if all(len(row) == 1 for row in grid):
            return [row[0] for row in grid]
        return grid

    @property
    def value(self) -> Any:
        self.sheet.book.record("get value", self)
        return self._shape(
            [[self.sheet.shown(*rc, **self.options_) for rc in row] for row in self._cells()]
        )

    @value.setter
    def value(self, values: Any) -> None:
        self.sheet.book.record("set value", self)
        self._store(values)

    @property
    def formula(self) -> Any:
        self.sheet.book.record("get formula", self)
        return self._shape([[self.sheet.formula_text(*rc) for rc in row] for row in self._cells()])

    @formula.setter
    def formula(self, values: Any) -> None:
        self.sheet.book.record("set formula", self)
        self._store(values)

    def _store(self, values: Any) -> None:
        if not isinstance(values, list):
            values = [[values]]
        elif values and not isinstance(values[0], list):
            values = [values]
        assert (len(values), len(values[0])) == self.shape, (self.address, len(values))
        for row, line in zip(self._cells(), values, strict=True):
            for (r, c), v in zip(row, line, strict=True):
                self.sheet.typed(r, c, v)

    def clear_contents(self) -> None:
        self.sheet.book.record("clear", self)
        for row in self._cells():
            for rc in row:
                self.sheet.cells.pop(rc, None)


class FakeTable:
    def __init__(self, sheet: FakeSheet, name: str, bounds: tuple[int, int, int, int]):
        self.sheet, self.name = sheet, name
        self.r0, self.c0, self.r1, self.c1 = bounds
        self.show_totals = False

    @property
    def range(self) -> FakeRange:
        return FakeRange(self.sheet, self.r0, self.c0, self.r1, self.c1)

    @property
    def header_row_range(self) -> FakeRange:
        return FakeRange(self.sheet, self.r0, self.c0, self.r0, self.c1)

    @property
    def data_body_range(self) -> FakeRange | None:
        if self.r1 == self.r0:
            return None
        return FakeRange(self.sheet, self.r0 + 1, self.c0, self.r1, self.c1)

    def resize(self, rng: FakeRange) -> None:
        self.sheet.book.record("resize", rng)
        assert (rng.r0, rng.c0, rng.c1) == (self.r0, self.c0, self.c1), "a resize keeps the header"
        self.r1 = rng.r1


class Named(list):
    def __getitem__(self, key):
        if isinstance(key, str):
            for item in self:
                if item.name.casefold() == key.casefold():
                    return item
            raise KeyError(key)
        return super().__getitem__(key)


class FakeSheet:
    def __init__(self, book: FakeBook, name: str):
        self.book, self.name = book, name
        self.cells: dict[tuple[int, int], Any] = {}
        self.tables: Named = Named()
        self.date_cells: set[tuple[int, int]] = set()
        self.date_columns: dict[int, int] = {}  # column -> first row formatted as a date

    def range(self, first, last=None) -> FakeRange:
        if isinstance(first, str):
            return FakeRange(self, *parse_range(first))
        last = last or first
        return FakeRange(self, first[0], first[1], last[0], last[1])

    @property
    def used_range(self) -> FakeRange:
        rows = [r for r, _ in self.cells] or [1]
        cols = [c for _, c in self.cells] or [1]
        return FakeRange(self, 1, 1, max(rows), max(cols))

    def is_date(self, r: int, c: int) -> bool:
        return (r, c) in self.date_cells or r >= self.date_columns.get(c, 10**9)

    def shown(self, r: int, c: int, err_to_str: bool = False, **_: Any) -> Any:
        v = self.cells.get((r, c))
        if isinstance(v, Formula):
            v = v.cached
        if isinstance(v, CellError):
            return v.code if err_to_str else None
        if isinstance(v, float) and self.is_date(r, c):
            return EPOCH + dt.timedelta(days=v)
        return v  # an empty text loaded from a file stays "" in Excel; typing "" clears a cell

    def formula_text(self, r: int, c: int) -> Any:
        v = self.cells.get((r, c))
        if isinstance(v, Formula):
            return "=" + (v.text or "").lstrip("=")
        return "" if v is None else v

    def typed(self, r: int, c: int, v: Any) -> None:
        """What Excel stores when ``v`` is typed into a cell."""
        if isinstance(v, str) and v.startswith("'"):
            self.cells[(r, c)] = v[1:]
        elif isinstance(v, str) and v.startswith("="):
            self.cells[(r, c)] = Formula(v[1:], None)
        elif isinstance(v, str):
            assert v == "" or not _looks_typed(v), f"{v!r} would not stay text in Excel"
            self.cells.pop((r, c), None) if v == "" else self.cells.__setitem__((r, c), v)
        elif isinstance(v, dt.datetime):
            self.cells[(r, c)] = (v - EPOCH).total_seconds() / 86400
        elif v is None:
            self.cells.pop((r, c), None)
        elif isinstance(v, bool):
            self.cells[(r, c)] = v
        else:
            self.cells[(r, c)] = float(v)


def _looks_typed(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return text[:1] in "=+-@"


class FakeName:
    """A workbook-level defined name: what xlwings's ``Name`` gives (``refers_to`` with "=")."""

    def __init__(self, name: str, refers_to: str):
        self.name, self.refers_to = name, refers_to


class FakeBook:
    def __init__(self, name: str = "Plan.xlsm", answers: list[str] | None = None):
        self.name, self.fullname = name, name
        self.app = FakeApp(answers)
        self.sheets: Named = Named()
        self.names: Named = Named()
        self.calls: list[tuple[str, str, str]] = []
        self.saved: list[Any] = []

    def record(self, op: str, rng: FakeRange) -> None:
        self.calls.append((op, rng.sheet.name, rng.address))

    def save(self, path: Any = None) -> None:
        self.saved.append(path)

    def range_calls(self) -> int:
        return len(self.calls)


def load_book(path: Path) -> FakeBook:
    """A fake book holding every cell of the plan file, tables and date formats included."""
    pkg = Package.open(path)
    book = FakeBook(Path(path).name)
    for name in pkg.sheets:
        sheet = FakeSheet(book, name)
        book.sheets.append(sheet)
    for table in tables(pkg):
        sheet = book.sheets[table.sheet.name]
        r0, c0, r1, c1 = table.bounds
        sheet.tables.append(FakeTable(sheet, table.name, (r0, c0, r1, c1)))
        layout = TABLES.get(table.name)
        for j, column in enumerate(layout.columns if layout else []):
            if column.format == "date":
                sheet.date_columns[c0 + j] = r0 + 1
    for defined in pkg.defined_names:
        if defined.sheet is None:
            book.names.append(FakeName(defined.name, "=" + defined.text))
    for xml_sheet in (Sheet(pkg, name) for name in pkg.sheets):
        sheet = book.sheets[xml_sheet.name]
        for number, row in xml_sheet.rows().items():
            refs = [c.get("r") for c in row.iterchildren("{*}c")]
            if not refs:
                continue
            last = max(parse_cell(ref)[1] for ref in refs)
            values = xml_sheet.read(range_ref(number, 1, number, last), formulas=True)[0]
            for col, v in enumerate(values, start=1):
                if v is not None:
                    sheet.cells[(number, col)] = v
    settings = book.sheets[SHEET_OF_TABLE["tblSettings"].name(_lang(book))]
    table = settings.tables["tblSettings"]
    for r in range(table.r0 + 1, table.r1 + 1):
        if settings.cells.get((r, table.c0)) == "as_of":
            settings.date_cells.add((r, table.c0 + 2))
    book.calls.clear()
    return book


def _lang(book: FakeBook) -> str:
    return "ru" if any(s.name == "Настройки" for s in book.sheets) else "en"


def grid(sheet: FakeSheet, r0: int, c0: int, r1: int, c1: int) -> list[list[Any]]:
    """Cells as stored (constants, or Formula with text) for comparisons."""
    return [[sheet.cells.get((r, c)) for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)]


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> dict[str, Path]:
    """The demo plan in Russian and English (.xlsx: the cells are what matter here)."""
    folder = tmp_path_factory.mktemp("live")
    return {lang: write_demo(folder / f"demo-{lang}.xlsx", lang) for lang in ("ru", "en")}
