"""Between plan years and before sending out: roll a plan forward a year, freeze its formulas.

:func:`roll_forward` works through any door (a file or a workbook open in Excel), so the
*New period* button and :func:`new_period_file` change the same cells. :func:`freeze_file`
turns a plan file's formulas into their values, in a copy without macros to send out.

Rolling forward, decided here: the plan year goes up by one and "actuals as of" becomes
1 January of the new year; the year's actuals become history — the company's monthly totals
are kept as a new seasonality profile ("actual 2027"), offered beside the profiles already
there (a target keeps its profile until the planner picks the new one; one year is one
cycle, too little for the ratio-to-moving-average estimate of SEASONALITY, which needs
two); the actuals are cleared, employees kept; goals, deadlines, initiatives and stages stay.
The new year is a new plan to its store: it gets a new plan ID, and the record tables
(versions, history, proposals, the consolidation) start empty, so last year's approved version
is never next year's baseline; last year's records stay in the store under the old ID.

Examples
--------
>>> new_period_file("Plan2027.xlsm")                       # doctest: +SKIP
['plan year 2027 → 2028', ...]
>>> freeze_file("Plan2027.xlsm")                           # doctest: +SKIP
PosixPath('Plan2027-values.xlsx')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Any

from lxml import etree

from xlsalesplan.io.doors.atomic import atomic_write, workbook_lock
from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.layout import MONTH_KEYS, TABLES
from xlsalesplan.io.ooxml.cells import DATE1904_OFFSET, parse_cell, serial
from xlsalesplan.io.ooxml.macroparts import remove_macros
from xlsalesplan.io.ooxml.package import NS_MAIN, Package
from xlsalesplan.io.ooxml.tables import tables
from xlsalesplan.io.planio import (
    PlanProblems,
    checked_inputs,
    column_keys,
    read_inputs,
)
from xlsalesplan.io.refresh import refresh
from xlsalesplan.plan.check import check
from xlsalesplan.plan.labels import language
from xlsalesplan.plan.model import empty
from xlsalesplan.plan.tables import RECORD_TABLES

_M = f"{{{NS_MAIN}}}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PROFILE_NAME = {"ru": "факт {year}", "en": "actual {year}"}


def _columns(door: Door, name: str) -> tuple[dict[str, int], list[list[Any]]]:
    """A table's column positions by key, and its rows' values as read."""
    headers, rows = door.read_table(name)
    return column_keys(TABLES[name], headers), [[c.value for c in row] for row in rows]


def _filled(row: list[Any]) -> bool:
    return any(v not in (None, "") for v in row)


def roll_forward(door: Door, path: object) -> list[str]:
    """Roll the plan behind ``door`` forward a year; returns what changed, one line each.

    The inputs are checked first (:class:`~xlsalesplan.io.planio.PlanProblems` and nothing
    written while any problem remains); the outputs are then refreshed for the new year.
    """
    inputs = checked_inputs(door, path)
    lang = language(inputs.settings)
    year = int(float(inputs.settings["plan_year"]))
    new_as_of = dt.date(year + 1, 1, 1)
    changes = [f"plan year {year} → {year + 1}", f"actuals as of {new_as_of:%d.%m.%Y}"]

    keys, rows = _columns(door, "tblActuals")
    months = [keys[m] for m in MONTH_KEYS]
    totals = [0.0] * 12
    for row in rows:
        for i, j in enumerate(months):
            if isinstance(row[j], (int, float)) and not isinstance(row[j], bool):
                totals[i] += row[j]
            row[j] = None
    rows = [row for row in rows if _filled(row)]

    keys_s, profiles = _columns(door, "tblSeasonality")
    profiles = [row for row in profiles if _filled(row)]
    if all(t > 0 for t in totals):
        mean = sum(totals) / 12
        new = [None] * len(profiles[0]) if profiles else [None] * 13
        new[keys_s["profile"]] = PROFILE_NAME[lang].format(year=year)
        for i, m in enumerate(MONTH_KEYS):
            new[keys_s[m]] = round(totals[i] / mean, 4)
        profiles = [p for p in profiles if p[keys_s["profile"]] != new[keys_s["profile"]]]
        profiles.append(new)
        changes.append(f"seasonality profile {new[keys_s['profile']]!r} added from the actuals")
    else:
        changes.append("seasonality profiles kept: the actuals do not cover every month")
    changes.append(f"actuals cleared for {len(rows)} employees")

    # The new year must pass the same check before anything is written: a goal whose deadline
    # is now in the past, for one, has to be moved or deleted by the planner first.
    settings = {**inputs.settings, "plan_year": year + 1, "as_of": new_as_of}
    rolled = dataclasses.replace(inputs, settings=settings, actuals=empty("actuals"))
    _, located = read_inputs(door)
    lines = [f"{located.where(p)}: {p.reason}" for p in check(rolled)]
    if lines:
        raise PlanProblems(path, lines)

    # Cell by cell on purpose: each setting has its own format (a date, a percentage, …).
    headers, cells = door.read_table("tblSettings")
    keys_k = column_keys(TABLES["tblSettings"], headers)
    as_of = serial(new_as_of) - (DATE1904_OFFSET if door.date1904 else 0.0)
    serials = {"plan_year": year + 1, "as_of": as_of, "plan_id": str(uuid.uuid4())}
    for row in cells:
        key = str(row[keys_k["key"]].value or "").strip()
        if key in serials:
            door.write_cell(*_position(row[keys_k["value"]].where), serials[key])
    door.write_table("tblSeasonality", profiles)
    door.write_table("tblActuals", rows)
    for table in RECORD_TABLES:
        door.write_table(table.name, [])
    changes.append(f"a new plan ID: approvals and history start afresh for {year + 1}")
    refresh(door, path)
    return changes


def _position(where: str) -> tuple[str, int, int]:
    """("Sheet", 0-based row, 0-based column) of a ``Sheet!B7`` address."""
    sheet, _, ref = where.rpartition("!")
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    row, col = parse_cell(ref)
    return sheet, row - 1, col - 1


def new_period_file(path: str | os.PathLike[str], *, backup: bool = True) -> list[str]:
    """Roll a plan file forward a year in place (atomic, previous file kept as a backup)."""
    path = Path(path)
    with workbook_lock(path):
        door = FileDoor.open(path)
        changes = roll_forward(door, path.name)
        door.save(backups=3 if backup else 0)
    return changes


def values_path(path: str | os.PathLike[str]) -> Path:
    """Where the frozen copy of a plan goes: ``Plan2027.xlsm`` → ``Plan2027-values.xlsx``."""
    path = Path(path)
    return path.with_name(f"{path.stem}-values.xlsx")


def freeze_file(path: str | os.PathLike[str], dest: str | os.PathLike[str] | None = None) -> Path:
    """Write a copy of a plan file with every formula replaced by its value, without macros.

    The values are the ones the file holds (Excel's last calculation, or the refresh's
    cached values), so the copy reads the same in any viewer and changes no more. A copy
    named .xlsx also loses the VBA project and the ribbon (see :func:`_without_macros`).
    """
    dest = Path(dest) if dest is not None else values_path(path)
    pkg = Package.open(path)
    for part in pkg.sheets.values():
        if _freeze_sheet(pkg.xml(part)):
            pkg.touch(part)
    for table in tables(pkg):
        calculated = table.root.findall(
            f"{_M}tableColumns/{_M}tableColumn/{_M}calculatedColumnFormula"
        )
        for node in calculated:
            node.getparent().remove(node)
        if calculated:
            pkg.touch(table.part)
    if dest.suffix.lower() == ".xlsx":
        _without_macros(pkg)
    atomic_write(dest, pkg.save, backups=0)
    return dest


def _freeze_sheet(root: Any) -> bool:
    changed = False
    for formula in root.iter(_M + "f"):
        cell = formula.getparent()
        cell.remove(formula)
        cell.attrib.pop("cm", None)  # dynamic-array metadata belongs to the formula
        if cell.get("t") == "str":  # a formula's text result; as a constant it is inline text
            value = cell.find(_M + "v")
            text = "" if value is None else value.text or ""
            if value is not None:
                cell.remove(value)
            cell.set("t", "inlineStr")
            node = etree.SubElement(etree.SubElement(cell, _M + "is"), _M + "t")
            node.set(_SPACE, "preserve")
            node.text = text
        changed = True
    return changed


def _without_macros(pkg: Package) -> None:
    """An .xlsm package as an .xlsx: the VBA project, the ribbon and their links removed."""
    remove_macros(pkg, pkg.workbook_part)
