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

import dataclasses
import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.args import EXCEL_EPOCH
from xlsalesplan.io import derived, native
from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.layout import SHEETS, STAMP_CELL, TABLE_OF_MODEL, TABLES
from xlsalesplan.io.ooxml.cells import CellError, Formula, quote_sheet, range_ref, serial
from xlsalesplan.plan.check import Problem, check
from xlsalesplan.plan.compute import PlanInputError, compute
from xlsalesplan.plan.labels import language
from xlsalesplan.plan.model import PlanInputs, PlanOutputs
from xlsalesplan.plan.schema import Table
from xlsalesplan.plan.warnings import warnings


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


# What the reading of tables can find wrong, in the workbook's language (ru, en).
MESSAGES = {
    "no_column": (
        "в таблице {table} нет столбца «{ru}»; верните его (возможно, он переименован)",
        "table {table} has no column '{en}'; restore it (it may have been renamed)",
    ),
    "no_value": (
        "формула без вычисленного значения; откройте и сохраните файл в Excel",
        "a formula without a computed value; open and save the file in Excel",
    ),
    "output_columns": (
        "в таблице {table} изменены столбцы ({changed}); нужны: {expected}; "
        "свои столбцы ставьте за пределами таблицы",
        "the columns of table {table} were changed ({changed}); it needs: {expected}; "
        "put your own columns outside it",
    ),
}


def message(lang: str, key: str, **values: Any) -> str:
    """A message of the table reader in a language."""
    ru, en = MESSAGES[key]
    return (ru if lang == "ru" else en).format(**values)


def _language_of(table: Table, headers: list[str]) -> str:
    """The language a table's headers are written in (a workbook may be in either)."""
    found = {str(h or "").strip().casefold() for h in headers}

    def hits(lang: str) -> int:
        return sum(c.header(lang).casefold() in found for c in table.columns)

    # Some headers read the same in both languages ("ROI"): the language with more wins.
    return "ru" if hits("ru") > hits("en") else "en"


def _plain(value: Any) -> Any:
    """A cell's value as the plan reads it: formulas by their cached value, errors as text."""
    if isinstance(value, Formula):
        value = value.cached
    if isinstance(value, CellError):
        return value.code
    return value


def _header_range(door: Door, table: Table, headers: list[str], sheet: str) -> str:
    r0, c0 = door.table_origin(table.name)
    return f"{sheet}!{range_ref(r0 + 1, c0 + 1, r0 + 1, c0 + len(headers))}"


def column_keys(table: Table, headers: list[str]) -> dict[str, int]:
    """The position of each of a table's column keys among the header texts found (ru or en)."""
    wanted = {}
    for column in table.columns:
        for text in (column.ru, column.en):
            wanted[" ".join(text.split()).casefold()] = column.key
    found: dict[str, int] = {}
    for j, text in enumerate(headers):
        key = wanted.get(" ".join(str(text or "").split()).casefold())
        if key is not None and key not in found:
            found[key] = j
    return found


def _read_table(door: Door, table: Table, located: Located) -> pd.DataFrame | None:
    headers, rows = door.read_table(table.name)
    sheet = rows[0][0].where.rsplit("!", 1)[0]  # a table always keeps one data row
    heading = _header_range(door, table, headers, sheet)
    located.table_where[table.key] = heading
    lang = _language_of(table, headers)
    index = column_keys(table, headers)
    missing = [k for k in table.keys if k not in index]
    for key in missing:
        ru, en = table.column(key).ru, table.column(key).en
        located.problems.append(
            f"{heading}: {message(lang, 'no_column', table=table.name, ru=ru, en=en)}"
        )
    if missing:
        return None
    data, addresses = [], []
    for row in rows:
        if all(_plain(c.value) in (None, "") for c in row):
            continue  # a table keeps one blank row when empty; blank rows are not data
        cells = [row[index[k]] for k in table.keys]
        located.problems += [
            f"{c.where}: {message(lang, 'no_value')}"
            for c in cells
            if isinstance(c.value, Formula) and c.value.cached is None
        ]
        data.append([_plain(c.value) for c in cells])
        addresses.append({k: c.where for k, c in zip(table.keys, cells, strict=True)})
    located.addresses[table.key] = addresses
    return pd.DataFrame(data, columns=table.keys, dtype=object)


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
        if table.output or table.key == "settings":
            continue
        frame = _read_table(door, table, located)
        if frame is not None:
            tables[table.key] = frame
    return PlanInputs(settings=settings, **tables), located


def _line(located: Located, problem: Problem) -> str:
    """``Sheet!Cell: reason``, with the earlier cell of a duplicate in brackets."""
    line = f"{located.where(problem)}: {problem.reason}"
    if problem.also is not None:
        line += f" ({located.where(dataclasses.replace(problem, row=problem.also))})"
    return line


def _raise_problems(path: object, located: Located, problems: list[Problem]) -> None:
    lines = located.problems or [_line(located, p) for p in problems]
    if lines:
        raise PlanProblems(path, lines)


def checked_inputs(door: Door, path: object) -> PlanInputs:
    """The inputs, or :class:`PlanProblems` listing every bad cell."""
    return checked(door, path)[0]


def checked(door: Door, path: object) -> tuple[PlanInputs, list[str]]:
    """The inputs and the warnings about them (``Sheet!Cell: reason`` lines, not blocking).

    Raises
    ------
    PlanProblems
        Any input is bad: every bad cell, one line each.
    """
    inputs, located = read_inputs(door)
    _raise_problems(path, located, [] if located.problems else check(inputs))
    return inputs, [_line(located, w) for w in warnings(inputs)]


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
    if isinstance(value, dt.date):
        return serial(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def column_values(column: pd.Series) -> list[Any]:
    """A computed column as cells take it: :func:`cell_value` of each, whole columns at once."""
    kind = column.dtype.kind
    if kind in "iub":
        return column.tolist()
    if kind == "f":
        values = column.to_numpy()
        return [None if v != v else v for v in values.tolist()]  # NaN is the one v != v
    if kind == "M":
        days = column.to_numpy().astype("datetime64[D]")
        serials = (days - EXCEL_EPOCH).astype(float).tolist()
        return [None if m else v for v, m in zip(serials, np.isnat(days).tolist(), strict=True)]
    return [v if type(v) is str else cell_value(v) for v in column.tolist()]


def output_rows(
    table: Table, frame: pd.DataFrame, origin: tuple[int, int], source_col: int | None, lang: str
) -> list[list[Any]]:
    """The rows of an output table as written: values, and native formulas with cached values."""
    letters = native.column_letters(table.name, origin[1], source_col)
    first_row = origin[0] + 2  # 1-based Excel row of the first data row
    frame = frame.reindex(columns=table.keys)
    columns = [column_values(frame.iloc[:, j]) for j in range(len(table.keys))]
    rules = native.RULES.get(table.name, (None, {}))[1]
    for j, key in enumerate(table.keys):
        rule = rules.get(key)
        if rule is not None:
            columns[j] = [
                Formula(rule(letters, first_row + i, lang), "" if v is None else v)
                for i, v in enumerate(columns[j])
            ]
    return [list(row) for row in zip(*columns, strict=True)]


def check_output_tables(door: Door, path: object) -> None:
    """Refuse, before anything is written, output tables whose columns the planner changed."""
    lines = []
    for table in TABLES.values():
        if not table.output:
            continue
        headers, sheet = door.read_header(table.name)
        lang = _language_of(table, headers)
        expected = table.headers(lang)
        found = [str(h or "").strip() for h in headers]
        if found != expected:
            where = _header_range(door, table, headers, quote_sheet(sheet))
            changed = [f"+'{h}'" for h in found if h not in expected]
            changed += [f"−'{h}'" for h in expected if h not in found]
            reason = message(
                lang,
                "output_columns",
                table=table.name,
                changed=", ".join(changed) or "order",
                expected=", ".join(expected),
            )
            lines.append(f"{where}: {reason}")
    if lines:
        raise PlanProblems(path, lines)


def write_outputs(
    door: Door,
    inputs: PlanInputs,
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
        source = native.RULES.get(table.name, (None, {}))[0]
        source_col = door.table_origin(source)[1] if source else None
        rows = output_rows(table, frame, door.table_origin(table.name), source_col, lang)
        door.write_table(table.name, rows)
    for sheet in SHEETS:
        if any(t.output for t in sheet.tables):
            door.write_cell(sheet.name(lang), *STAMP_CELL, stamp)
    for block in derived.blocks(inputs, outputs, lang):
        door.write_block(block.sheet(lang), block.row, block.col, block.cells)


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
    check_output_tables(door, path)
    try:
        outputs = compute(inputs)  # checks every input first
    except PlanInputError as bad:
        _raise_problems(path, located, bad.problems)
        raise
    lang = language(inputs.settings)
    when = when or dt.datetime.now()
    stamp = stamp_text(lang, when, fingerprint(inputs))
    write_outputs(door, inputs, outputs, lang, stamp, progress)
    return outputs
