"""Cached values against LibreOffice's recalculation: does every formula carry the right value?

A workbook written by this project stores each formula's value beside it, so that it reads right
in any viewer. :func:`compare_cached_to_recalculated` reads those cached values straight from
the file and compares them with what LibreOffice computes, cell by cell.

Examples
--------
>>> with UnoSession() as lo:                                      # doctest: +SKIP
...     compare_cached_to_recalculated("Plan.xlsm", session=lo)
[]
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import column_index_from_string as column_index
from openpyxl.utils.cell import coordinate_from_string

from libreoffice.session import Cell, UnoSession, existing, part_xml, sheet_parts


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    return [
        "".join(
            t.text or "" for t in si.iter("{*}t") if etree.QName(t.getparent()).localname != "rPh"
        )
        for si in part_xml(archive, "xl/sharedStrings.xml").iter("{*}si")
    ]


def _cached_cell(c: etree._Element, strings: list[str]) -> Cell:
    kind = c.get("t", "n")
    v = c.find("{*}v")
    text = None if v is None else v.text
    formula = c.find("{*}f").text or ""
    if kind == "e":
        return Cell(text, formula, error=True)
    if kind == "b":
        return Cell(text == "1", formula)
    if kind == "s":
        return Cell(strings[int(text)] if text else "", formula)
    if kind == "inlineStr":
        return Cell("".join(t.text or "" for t in c.iter("{*}t")), formula)
    if kind == "str" or not text:
        return Cell(text or "", formula)
    return Cell(float(text), formula)


def read_cached_values(path: str | Path) -> dict[str, dict[str, Cell]]:
    """The result each formula cell of an xlsx/xlsm file carries, as written in the file.

    These are the values Excel shows before it recalculates, and what viewers, previews and
    pandas read. A formula cell whose file holds no value reads as ``""``.

    Returns
    -------
    dict
        Sheet name (tab order) → ``{"B2": Cell(value, formula), ...}`` for formula cells,
        in file order; ``formula`` is the text of ``<f>`` (without ``=``; empty for the
        followers of a shared formula).
    """
    with zipfile.ZipFile(existing(path)) as archive:
        strings = _shared_strings(archive)
        result: dict[str, dict[str, Cell]] = {}
        for name, part in sheet_parts(archive):
            cells = result[name] = {}
            with archive.open(part) as stream:
                for _, c in etree.iterparse(stream, tag="{*}c"):
                    if c.find("{*}f") is not None:
                        cells[c.get("r")] = _cached_cell(c, strings)
                    c.clear()
    return result


def _same(cached: Cell, now: Cell, rel_tol: float, abs_tol: float) -> bool:
    if cached.error or now.error:
        return cached.error and now.error and cached.value == now.value
    # IFERROR(...; "") comes back from LibreOffice as an empty cell.
    a = "" if cached.value is None else cached.value
    b = "" if now.value is None else now.value
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    # LibreOffice keeps TRUE/FALSE as 1/0 with a boolean format, so TRUE matches 1.
    return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=abs_tol)


def _show(cell: Cell) -> str:
    value = cell.value
    if cell.error:
        return str(value)
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return f'"{value}"'
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _reference(sheet: str, address: str) -> str:
    if sheet.replace("_", "a").isalnum() and not sheet[0].isdigit():
        return f"{sheet}!{address}"
    return "'{}'!{}".format(sheet.replace("'", "''"), address)


def compare_cached_to_recalculated(
    path: str | Path,
    rel_tol: float = 1e-9,
    abs_tol: float = 1e-9,
    session: UnoSession | None = None,
) -> list[str]:
    """Formula cells whose cached value differs from what LibreOffice recalculates.

    A workbook we write carries a cached result for every formula (what Excel, viewers and
    pandas show before recalculating); this checks each one against a real spreadsheet engine.

    Parameters
    ----------
    path : str or Path
        The xlsx/xlsm file.
    rel_tol, abs_tol : float
        Tolerance for numbers (LibreOffice may differ from Excel in the last digit).
        Text and error codes must match exactly; an empty cell equals ``""``.
    session : UnoSession, optional
        A running session to use; by default one is started and stopped for this call.

    Returns
    -------
    list of str
        One line per differing cell, ``"Plan!B7: cached 120, recalculated 125"``, in tab
        order and then file order; empty when every cached value is right.

    Examples
    --------
    >>> compare_cached_to_recalculated("plan.xlsx", session=lo)  # doctest: +SKIP
    []
    """
    cached = read_cached_values(path)
    if session is None:
        with UnoSession() as own:
            recalculated = own.recalc(path)
    else:
        recalculated = session.recalc(path)
    problems = []
    for sheet, cells in cached.items():
        rows = recalculated.get(sheet)
        if rows is None:
            problems.append(f"{_reference(sheet, 'A1')}: sheet missing after recalculation")
            continue
        for address, was in cells.items():
            letters, number = coordinate_from_string(address)
            r, c = number - 1, column_index(letters) - 1
            now = rows[r][c] if r < len(rows) and c < len(rows[r]) else Cell(None)
            if not _same(was, now, rel_tol, abs_tol):
                problems.append(
                    f"{_reference(sheet, address)}: cached {_show(was)}, recalculated {_show(now)}"
                )
    return problems
