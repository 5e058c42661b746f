"""The door to a workbook file on disk: the package's XML edited in place, nothing else touched.

Reading and writing go through :mod:`xlsalesplan.io.ooxml.package` (zip + lxml): only the sheets and
tables written change; every other part of the file stays byte-for-byte as it was. Saving is
atomic and keeps backups (:mod:`xlsalesplan.io.doors.atomic`).

Examples
--------
>>> door = FileDoor.open("Plan.xlsm")           # doctest: +SKIP
>>> headers, rows = door.read_table("tblEmployees")   # doctest: +SKIP
>>> door.save()                                 # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsalesplan.io.doors.atomic import atomic_write
from xlsalesplan.io.ooxml.cells import cell_ref, parse_range, range_ref, sheet_range
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import Cell, Table, find_table, tables


class FileDoor:
    """A plan workbook file (.xlsx or .xlsm) opened for reading and refreshing."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self._tables: dict[str, Table] = {}

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> FileDoor:
        """Open a workbook, refusing hostile or foreign files before parsing them."""
        return cls(Package.open(path))

    @property
    def path(self) -> Path:
        return Path(self.pkg.path)

    @property
    def date1904(self) -> bool:
        """Whether the workbook counts dates from 1904 (Excel for Mac's option)."""
        return self.pkg.date1904

    def _table(self, name: str) -> Table:
        if not self._tables:  # every table by name, found once: a plan reads some thirty
            self._tables = {t.name.casefold(): t for t in reversed(tables(self.pkg))}
        found = self._tables.get(name.casefold())
        return found if found is not None else find_table(self.pkg, name)  # says which exist

    def read_table(self, name: str) -> tuple[list[str], list[list[Cell]]]:
        table = self._table(name)
        # Formulas come with their cached values: one without a value must be reported, not
        # read as a blank.
        return table.columns, table.rows(formulas=True)

    def read_header(self, name: str) -> tuple[list[str], str]:
        table = self._table(name)
        return table.columns, table.sheet_name  # the sheet's cells are not needed

    def write_table(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        self._table(name).write(rows)

    def write_block(self, sheet: str, row: int, col: int, rows: Sequence[Sequence[Any]]) -> None:
        Sheet(self.pkg, sheet).write(cell_ref(row + 1, col + 1), rows)

    def write_cell(self, sheet: str, row: int, col: int, value: Any) -> None:
        self.write_block(sheet, row, col, [[value]])

    def table_origin(self, name: str) -> tuple[int, int]:
        r0, c0 = parse_range(self._table(name).ref)[:2]
        return r0 - 1, c0 - 1

    def defined_name(self, name: str) -> tuple[str, tuple[int, int, int, int]] | None:
        for defined in self.pkg.defined_names:
            if defined.sheet is None and defined.name.casefold() == name.casefold():
                return sheet_range(defined.text)
        return None

    def read_block(self, sheet: str, r0: int, c0: int, r1: int, c1: int) -> list[list[Any]]:
        return Sheet(self.pkg, sheet).read(range_ref(r0, c0, r1, c1), formulas=True)

    def save(self, backups: int = 3) -> Path | None:
        """Write the changes atomically over the file; returns the backup made, if any."""
        return atomic_write(self.path, self.pkg.save, backups=backups)
