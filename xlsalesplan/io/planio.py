"""Reading a plan's inputs through any door, and checking them.

Tables are found by name and their columns by header text (Russian or English), so a planner
may move a table, reorder its columns or add columns of their own to an input table. Dates
are read in the workbook's date system (1900, or 1904 as Excel for Mac may save). Problems are
reported as ``Sheet!Cell: reason``; warnings (a computable but inconsistent plan) are listed
the same way and block nothing.

Examples
--------
>>> door = FileDoor.open("Plan.xlsm")                # doctest: +SKIP
>>> inputs, warnings = checked(door, "Plan.xlsm")    # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

import pandas as pd

from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.layout import TABLES
from xlsalesplan.io.ooxml.cells import DATE1904_OFFSET, CellError, Formula, quote_sheet, range_ref
from xlsalesplan.io.problems import PlanProblems
from xlsalesplan.plan.check import Problem, check
from xlsalesplan.plan.model import PlanInputs
from xlsalesplan.plan.schema import Table
from xlsalesplan.plan.tables import RECORD_SETTINGS, SETTING
from xlsalesplan.plan.values import normalised
from xlsalesplan.plan.warnings import warnings


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


def _in_1900(value: Any, door: Door) -> Any:
    """A date cell's serial in the 1900 system the plan reads (1904 workbooks shifted)."""
    if door.date1904 and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value + DATE1904_OFFSET
    return value


def _read_table(door: Door, table: Table, located: Located) -> pd.DataFrame | None:
    headers, rows = door.read_table(table.name)
    sheet = quote_sheet(door.read_header(table.name)[1])
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
    keys = table.keys
    positions = [index[k] for k in keys]
    dated = [i for i, c in enumerate(table.columns) if c.kind == "date"] if door.date1904 else []
    data, addresses = [], []
    for row in rows:
        if all(_plain(c.value) in (None, "") for c in row):
            continue  # a table keeps one blank row when empty; blank rows are not data
        cells = [row[j] for j in positions]
        values = []
        for c in cells:
            if isinstance(c.value, Formula) and c.value.cached is None:
                located.problems.append(f"{c.where}: {message(lang, 'no_value')}")
            values.append(_plain(c.value))
        for i in dated:
            values[i] = _in_1900(values[i], door)
        data.append(values)
        addresses.append(dict(zip(keys, [c.where for c in cells], strict=True)))
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
            setting = SETTING.get(key.strip())
            dated = setting is not None and setting.kind == "date"
            settings[key.strip()] = _in_1900(value, door) if dated else value
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


def raise_problems(path: object, located: Located, problems: list[Problem]) -> None:
    """Raise :class:`PlanProblems` for the reading's problems, else ``problems``, if any."""
    lines = located.problems or [_line(located, p) for p in problems]
    if lines:
        raise PlanProblems(path, lines)


def warning_lines(located: Located, inputs: PlanInputs) -> list[str]:
    """The warnings about checked inputs, as ``Sheet!Cell: reason`` lines."""
    return [_line(located, w) for w in warnings(inputs)]


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
    raise_problems(path, located, [] if located.problems else check(inputs))
    return inputs, warning_lines(located, inputs)


def fingerprint(inputs: PlanInputs) -> str:
    """A short hash of every input value as the plan reads it: the stamp shows it, so that
    stale outputs show. Values count, not their spelling: 2026 and 2026.0, a date and its
    serial, a blank from a file or from Excel give the same fingerprint. The settings about the
    plan's records (its ID, its store, …: ``RECORD_SETTINGS``) are not inputs of the figures.
    """
    clean = normalised(inputs)
    settings = {k: v for k, v in clean.settings.items() if k not in RECORD_SETTINGS}
    payload = {"settings": {k: _text(v) for k, v in sorted(settings.items())}}
    for name, frame in clean.tables().items():
        payload[name] = [[_text(v) for v in row] for row in frame.itertuples(index=False)]
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:12]


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def stamp_text(lang: str, when: dt.datetime, print_: str) -> str:
    """The refresh stamp shown under each output sheet's title."""
    moment = when.strftime("%Y-%m-%d %H:%M")
    if lang == "ru":
        return f"Обновлено: {moment} · отпечаток входных данных {print_}"
    return f"Refreshed: {moment} · inputs fingerprint {print_}"


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
