"""Reading a plan's inputs and writing its outputs through any door, and the refresh itself.

Tables are found by name and their columns by header text (Russian or English), so a planner
may move a table, reorder its columns or add columns of their own to an input table. Problems
are reported as ``Sheet!Cell: reason`` and nothing is written while any remains.

Examples
--------
>>> door = FileDoor.open("Plan.xlsm")                # doctest: +SKIP
>>> outputs = refresh(door, stamp="refreshed 2026-11-25 12:00")   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.io import formulas
from xlsalesplan.io.door import Door
from xlsalesplan.io.layout import (
    HEADERS,
    SHEETS,
    STAMP_CELL,
    TABLE_OF_MODEL,
    TABLES,
    Table,
)
from xlsalesplan.io.sheetxml import CellError, Formula
from xlsalesplan.plan.check import Problem, check
from xlsalesplan.plan.compute import PlanInputError, compute
from xlsalesplan.plan.labels import language
from xlsalesplan.plan.model import PlanInputs, PlanOutputs

EXCEL_EPOCH = dt.date(1899, 12, 30)


class PlanProblems(Exception):
    """Bad inputs: one ``Sheet!Cell: reason`` line each. Nothing was written."""

    def __init__(self, path: object, lines: list[str]):
        self.path = path
        self.lines = lines
        super().__init__(f"{path}: {len(lines)} problem(s) in the inputs:\n" + "\n".join(lines))


class Located:
    """Plan inputs as read, with the address of every cell for problem reports."""

    def __init__(self) -> None:
        self.addresses: dict[str, list[dict[str, str]]] = {}
        self.table_where: dict[str, str] = {}
        self.problems: list[str] = []

    def where(self, problem: Problem) -> str:
        if problem.table == "settings":
            return self.addresses.get("settings", [{}])[0].get(problem.column) or (
                self.table_where.get("settings", "tblSettings")
            )
        rows = self.addresses.get(problem.table, [])
        if problem.row is not None and problem.row < len(rows):
            return rows[problem.row].get(problem.column, self.table_where[problem.table])
        return self.table_where.get(problem.table, problem.table)


def _plain(value: Any) -> Any:
    """A cell's value as the plan reads it: formulas by their cached value, errors as text."""
    if isinstance(value, Formula):
        value = value.cached
    if isinstance(value, CellError):
        return value.code
    return value


def column_keys(table: Table, headers: list[str]) -> dict[str, int]:
    """The position of each of a table's column keys among the header texts found (ru or en)."""
    wanted = {}
    for key in table.columns:
        for text in HEADERS[key]:
            wanted[" ".join(text.split()).casefold()] = key
    found: dict[str, int] = {}
    for j, text in enumerate(headers):
        key = wanted.get(" ".join(str(text or "").split()).casefold())
        if key is not None and key not in found:
            found[key] = j
    return found


def _read_table(door: Door, table: Table, located: Located) -> pd.DataFrame | None:
    headers, rows = door.read_table(table.name)
    where = f"{table.name}"
    if rows:
        where = rows[0][0].where.rsplit("!", 1)[0] + f" ({table.name})"
    located.table_where[table.model] = where
    index = column_keys(table, headers)
    missing = [k for k in table.columns if k not in index]
    if missing:
        names = ", ".join(repr(HEADERS[k][0]) + "/" + repr(HEADERS[k][1]) for k in missing)
        located.problems.append(f"{where}: no column {names}; restore it (it may be renamed)")
        return None
    data, addresses = [], []
    for row in rows:
        if all(_plain(c.value) in (None, "") for c in row):
            continue  # a table keeps one blank row when empty; blank rows are not data
        data.append([_plain(row[index[k]].value) for k in table.columns])
        addresses.append({k: row[index[k]].where for k in table.columns})
    located.addresses[table.model] = addresses
    return pd.DataFrame(data, columns=table.columns, dtype=object)


def _read_settings(door: Door, located: Located) -> dict[str, Any]:
    frame = _read_table(door, TABLES["tblSettings"], located)
    if frame is None:
        return {}
    addresses = located.addresses.pop("settings", [])
    settings, where = {}, {}
    for (key, value), cells in zip(
        frame[["key", "value"]].itertuples(index=False), addresses, strict=True
    ):
        if isinstance(key, str) and key.strip():
            settings[key.strip()] = value
            where[key.strip()] = cells["value"]
    located.addresses["settings"] = [where]
    return settings


def read_inputs(door: Door) -> tuple[PlanInputs, Located]:
    """Every input table of the plan, and where each cell came from.

    Raises
    ------
    WorkbookError
        A table is missing (renamed or deleted).
    """
    located = Located()
    settings = _read_settings(door, located)
    tables = {}
    for table in TABLES.values():
        if table.output or table.model == "settings":
            continue
        frame = _read_table(door, table, located)
        if frame is not None:
            tables[table.model] = frame
    return PlanInputs(settings=settings, **tables), located


def _raise_problems(path: object, located: Located, problems: list[Problem]) -> None:
    lines = located.problems or [f"{located.where(p)}: {p.reason}" for p in problems]
    if lines:
        raise PlanProblems(path, lines)


def checked_inputs(door: Door, path: object) -> PlanInputs:
    """The inputs, or :class:`PlanProblems` listing every bad cell."""
    inputs, located = read_inputs(door)
    _raise_problems(path, located, [] if located.problems else check(inputs))
    return inputs


def fingerprint(inputs: PlanInputs) -> str:
    """A short hash of every input value: the stamp shows it so that stale outputs show."""
    payload = {"settings": {k: _text(v) for k, v in sorted(inputs.settings.items())}}
    for name, frame in inputs.tables().items():
        payload[name] = [[_text(v) for v in row] for row in frame.itertuples(index=False)]
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:12]


def _text(value: Any) -> str:
    # A blank is a blank whichever way a door gives it ("" from a file, None from Excel).
    return "" if value is None or value == "" else str(value)


def stamp_text(lang: str, when: dt.datetime, print_: str) -> str:
    """The refresh stamp shown under each output sheet's title."""
    moment = when.strftime("%Y-%m-%d %H:%M")
    if lang == "ru":
        return f"Обновлено: {moment} · отпечаток входных данных {print_}"
    return f"Refreshed: {moment} · inputs fingerprint {print_}"


def cell_value(value: Any) -> Any:
    """A computed value as a cell takes it: dates as serials, NaN as blank."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        value = value.date()
    if isinstance(value, dt.date):
        return float((value - EXCEL_EPOCH).days)
    if isinstance(value, np.generic):
        return value.item()
    return value


def output_rows(
    table: Table, frame: pd.DataFrame, origin: tuple[int, int], source_col: int | None, lang: str
) -> list[list[Any]]:
    """The rows of an output table as written: values, and native formulas with cached values."""
    letters = formulas.column_letters(table.name, origin[1], source_col)
    first_row = origin[0] + 2  # 1-based Excel row of the first data row
    rows = []
    for i, values in enumerate(frame.reindex(columns=table.columns).itertuples(index=False)):
        native = formulas.row_formulas(table.name, letters, first_row + i, lang)
        row = []
        for key, value in zip(table.columns, values, strict=True):
            cached = cell_value(value)
            if key in native:
                cached = Formula(native[key], "" if cached is None else cached)
            row.append(cached)
        rows.append(row)
    return rows


def write_outputs(
    door: Door,
    outputs: PlanOutputs,
    lang: str,
    stamp: str,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Write every output table and the stamp of each sheet with outputs."""
    for name, frame in outputs.tables().items():
        table = TABLE_OF_MODEL[name]
        if progress:
            progress(table.name)
        source = formulas.RULES.get(table.name, (None, {}))[0]
        source_col = door.table_origin(source)[1] if source else None
        rows = output_rows(table, frame, door.table_origin(table.name), source_col, lang)
        door.write_table(table.name, rows)
    for sheet in SHEETS:
        if any(t.output for t in sheet.tables):
            door.write_cell(sheet.name(lang), *STAMP_CELL, stamp)


def refresh(
    door: Door,
    path: object,
    when: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> PlanOutputs:
    """Check the inputs, compute the plan and write its outputs through ``door``.

    Raises
    ------
    PlanProblems
        Any input is bad; nothing has been written.
    """
    inputs, located = read_inputs(door)
    _raise_problems(path, located, [])
    try:
        outputs = compute(inputs)  # checks every input first
    except PlanInputError as bad:
        _raise_problems(path, located, bad.problems)
        raise
    lang = language(inputs.settings)
    when = when or dt.datetime.now()
    write_outputs(door, outputs, lang, stamp_text(lang, when, fingerprint(inputs)), progress)
    return outputs
