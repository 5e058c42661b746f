"""The plan's records in the workbook: its identity, and the tables its store fills.

A plan is known to its store by the ``plan_id`` in its Settings (a UUID that ``new`` and
``demo`` write; a plan without one gets one the first time it needs it). The record tables
(``tblVersions``, ``tblHistory``, ``tblProposals``, ``tblPublished``, ``tblConsolidation``,
declared in :mod:`xlsalesplan.plan.tables`) are written here through any door, with the same
row writer as the outputs (native formulas with cached values). Moments are shown in the local
time of the machine that writes them.

Nothing here touches the store: :mod:`xlsalesplan.records` (above both ``io`` and ``store``)
opens it and hands this module plain values.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.layout import TABLE_OF_MODEL
from xlsalesplan.io.ooxml.cells import DATE1904_OFFSET, serial, sheet_range
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.refresh import output_rows
from xlsalesplan.plan import labels
from xlsalesplan.plan.model import MONTHS, PlanOutputs
from xlsalesplan.plan.schema import pick
from xlsalesplan.plan.values import blank

COMPANY = "company"  # the store's scope of a company plan (a regional plan's is its region)
DEFAULT_KEEP = 20

TEXTS = {
    "no_id_row": (
        "в таблице настроек нет строки plan_id; добавьте строку с ключом plan_id",
        "the Settings table has no plan_id row; add a row with the key plan_id",
    ),
    "yes": ("да", "yes"),
    "no": ("нет", "no"),
}


def say(lang: str, key: str, **values: Any) -> str:
    """A message of this module in the workbook's language."""
    return pick(lang, TEXTS[key]).format(**values)


def plan_location(door: Door) -> Path | None:
    """The workbook's file, where the default store goes beside it; None for an unsaved one."""
    path = getattr(door, "path", None)
    if path is not None:  # a file on disk
        return Path(path).resolve()
    full = str(getattr(getattr(door, "book", None), "fullname", "") or "")
    # Excel gives a new workbook's name ("Book1") until it is saved.
    if not full or not Path(full).is_absolute() or not Path(full).parent.is_dir():
        return None
    return Path(full)


def _settings_rows(door: Door) -> dict[str, Any]:
    """Each setting's value cell, by key: (the cell as read, its address)."""
    from xlsalesplan.io.planio import column_keys

    headers, rows = door.read_table(TABLE_OF_MODEL["settings"].name)
    index = column_keys(TABLE_OF_MODEL["settings"], headers)
    return {str(row[index["key"]].value or "").strip(): row[index["value"]] for row in rows}


def set_settings(door: Door, values: dict[str, Any]) -> None:
    """Write settings' values into their cells of the Settings table (keys it has)."""
    cells = _settings_rows(door)
    for key, value in values.items():
        if key in cells:
            sheet, (row, col, _, _) = sheet_range(cells[key].where)
            door.write_cell(sheet, row - 1, col - 1, value)


def plan_id_of(door: Door) -> str:
    """The plan ID in a workbook's Settings ("" when it has none), reading nothing else."""
    cell = _settings_rows(door).get("plan_id")
    value = None if cell is None else cell.value
    return "" if blank(value) else str(value).strip()


def lists_a_version(door: Door) -> bool:
    """Whether the workbook's Versions table lists an approved version: its store then holds
    the baseline plan–fact is measured against."""
    _, rows = door.read_table(TABLE_OF_MODEL["versions"].name)
    return any(row and not blank(row[0].value) for row in rows)


def setting_text(settings: dict[str, Any], key: str) -> str:
    """A text setting, stripped; "" when blank."""
    value = settings.get(key)
    return "" if blank(value) else str(value).strip()


def scope_of(settings: dict[str, Any]) -> str:
    """The store's scope of the plan: its region for a regional plan, else the company's."""
    return setting_text(settings, "region") or COMPANY


def history_keep(settings: dict[str, Any]) -> int:
    """How many refreshes the History sheet keeps (Settings, default 20)."""
    value = settings.get("history_keep")
    return DEFAULT_KEEP if blank(value) else max(1, int(float(value)))


def ensure_plan_id(door: Door, path: object, settings: dict[str, Any], located: Any, lang: str):
    """The plan's ID; a plan without one gets a new one, written into its Settings cell.

    Raises
    ------
    WorkbookError
        The Settings table has no ``plan_id`` row to write it in.
    """
    found = setting_text(settings, "plan_id")
    if found:
        return found
    where = located.addresses.get("settings", [{}])[0].get("plan_id")
    place = sheet_range(where) if where else None
    if place is None:
        raise WorkbookError(path, say(lang, "no_id_row"))
    new = str(uuid.uuid4())
    sheet, (row, col, _, _) = place
    door.write_cell(sheet, row - 1, col - 1, new)
    settings["plan_id"] = new
    return new


def region_plans(outputs: PlanOutputs, lang: str) -> pd.DataFrame:
    """Each region's month plan (its revenue over all products): columns region, m01..m12.

    Examples
    --------
    >>> from xlsalesplan.plan.demo import demo_inputs
    >>> from xlsalesplan.plan.compute import compute
    >>> region_plans(compute(demo_inputs("en")), "en")["region"].tolist()
    ['Moscow', 'Nizhny Novgorod']
    """
    sales = outputs.sales_plan
    revenue = sales[sales["indicator"] == labels.text(lang, "revenue")]
    plans: dict[str, np.ndarray] = {}
    for region, months in zip(
        revenue["region"].astype(str), revenue[MONTHS].to_numpy(dtype=float), strict=True
    ):
        plans[region] = plans.get(region, np.zeros(12)) + months
    frame = pd.DataFrame(list(plans.values()), columns=MONTHS, dtype="float64")
    frame.insert(0, "region", list(plans))
    return frame


# --------------------------------------------------------------------- writing the tables


def moment(when: dt.datetime | None, date1904: bool = False) -> float | None:
    """A moment (UTC or local) as an Excel serial of the local time, in the workbook's system."""
    if when is None:
        return None
    local = when.astimezone() if when.tzinfo else when
    value = serial(local.replace(tzinfo=None))
    return value - DATE1904_OFFSET if date1904 else value


def write_record(door: Door, key: str, frame: pd.DataFrame, lang: str) -> None:
    """Write a record table (columns of its declaration) where the table is now."""
    door.write_table(TABLE_OF_MODEL[key].name, record_rows(door, key, frame, lang))


def record_rows(door: Door, key: str, frame: pd.DataFrame, lang: str) -> list[list[Any]]:
    """The rows of a record table as its door writes them (formulas where it has them)."""
    table = TABLE_OF_MODEL[key]
    origin = door.table_origin(table.name)
    return output_rows(table, frame, origin, None, lang, getattr(door, "date1904", False))


def versions_frame(
    infos: list[Any], fingerprint: str, lang: str, date1904: bool = False
) -> pd.DataFrame:
    """The ``versions`` table: every approved version, the latest first."""
    rows = [
        [
            info.number,
            info.approved_by,
            moment(info.approved_at, date1904),
            info.fingerprint,
            say(lang, "yes" if info.fingerprint == fingerprint else "no"),
            info.note,
        ]
        for info in sorted(infos, key=lambda v: v.number, reverse=True)
    ]
    return pd.DataFrame(rows, columns=TABLE_OF_MODEL["versions"].keys)
