"""Shared helpers of the hardening tests: the demo plan built once, edits at the XML level.

The demo is written once per test session (English, so that reasons read as the planner reads
them) and copied for each case; a case breaks the copy through the package layer
(``io/package.py``, ``io/sheetxml.py``, ``io/tables.py``) exactly as a planner's Excel would
leave it, then runs the real check or refresh.
"""

from __future__ import annotations

import functools
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from xlsalesplan.io import files
from xlsalesplan.io.ooxml.cells import cell_ref, parse_range
from xlsalesplan.io.ooxml.package import NS_MAIN, Package
from xlsalesplan.io.ooxml.tables import Table, find_table
from xlsalesplan.plan.tables import TABLES as DECLARED

M = f"{{{NS_MAIN}}}"


@functools.cache
def demo_bytes(lang: str = "en", suffix: str = ".xlsx") -> bytes:
    """The demo plan's bytes, built once per session."""
    with tempfile.TemporaryDirectory() as folder:
        path = files.write_demo(Path(folder) / f"demo{suffix}", lang)
        return path.read_bytes()


def plan_copy(folder: Path, name: str = "PLAN.xlsx", lang: str = "en") -> Path:
    """A fresh copy of the demo plan in ``folder``."""
    path = folder / name
    path.write_bytes(demo_bytes(lang, path.suffix))
    return path


def edit(path: Path, change: Callable[[Package], None]) -> Path:
    """Open ``path``, let ``change`` edit its parts, save it over itself."""
    pkg = Package.open(path)
    change(pkg)
    pkg.save(path)
    return path


def column_index(table: Table, key: str) -> int:
    """0-based position of the column whose header means ``key`` (either language)."""
    names = [" ".join(n.split()).casefold() for n in table.columns]
    declared = next(t for t in DECLARED.values() if t.name == table.name).column(key)
    for text in (declared.ru, declared.en):
        if text.casefold() in names:
            return names.index(text.casefold())
    raise KeyError(key)


def address(pkg: Package, table_name: str, row: int, key: str) -> tuple[Table, str]:
    """The table and the A1 reference of data row ``row`` (0-based), column ``key``."""
    table = find_table(pkg, table_name)
    r0, c0 = parse_range(table.data_ref)[:2]
    return table, cell_ref(r0 + row, c0 + column_index(table, key))


def set_cell(pkg: Package, table_name: str, row: int, key: str, value: Any) -> str:
    """Write ``value`` into a table cell (keeping its style); returns ``Sheet!A1``."""
    table, ref = address(pkg, table_name, row, key)
    table.sheet.write(ref, [[value]])
    return table.sheet.where(ref)


def read_cell(pkg: Package, table_name: str, row: int, key: str) -> Any:
    table, ref = address(pkg, table_name, row, key)
    return table.sheet.read(ref)[0][0]


def table_values(path: Path, table_name: str) -> list[list[Any]]:
    """A table's data rows as plain values (formulas by their cached value)."""
    table = find_table(Package.open(path), table_name)
    return [[cell.value for cell in row] for row in table.rows()]


def cell_xml(path: Path, table_name: str, row: int, key: str) -> etree._Element:
    """The ``<c>`` element of a table cell, as saved in the file."""
    pkg = Package.open(path)
    table, ref = address(pkg, table_name, row, key)
    found = pkg.xml(table.sheet.part).find(f"{M}sheetData/{M}row/{M}c[@r='{ref}']")
    assert found is not None, f"no cell {ref}"
    return found


def members(path: Path) -> dict[str, bytes]:
    """Every zip member's uncompressed bytes."""
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}
