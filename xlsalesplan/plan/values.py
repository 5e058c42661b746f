"""Reading one cell's value the way the plan needs it: blank, number, whole number, date, text.

Cells arrive from the io layer as Python/pandas values: numbers, text, dates or datetimes, Excel
date serials, ``None``/NaN/NaT for blank. :func:`check` uses these readers to report bad cells;
:func:`normalised` uses the same readers to give :func:`compute` clean tables (dates as
``datetime.date``, numbers as float, blank as ``None``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.args import (
    EXCEL_EPOCH,
    EXCEL_ERRORS,
    EXCEL_MAX_SERIAL,
    ArgumentError,
    dates,
    fmt,
)

from .model import PlanInputs, default_settings
from .tables import SETTINGS, TABLES


class BadValue(ValueError):
    """A cell that is not what the column needs: ``key`` names the reason in :mod:`labels`."""

    def __init__(self, key: str, value: Any):
        self.key, self.value = key, value
        super().__init__(f"{key}: {value!r}")


def blank(value: Any) -> bool:
    """True for an empty cell: None, "", whitespace, NaN, NaT, pandas NA."""
    kind = type(value)
    if kind is float:  # the commonest cells first: pd.isna is slow on one value
        return math.isnan(value)
    if kind is str:
        return not value.strip()
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, bool, dt.date)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _error(value: Any) -> None:
    """Refuse an error value (#N/A, #DIV/0!, …): a failed formula, never data."""
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        raise BadValue("error_cell", value.strip().upper())


def number(value: Any) -> float:
    """A cell as a float; text, logical values, error values and infinities are refused."""
    if type(value) is float and math.isfinite(value):
        return value
    if blank(value):
        raise BadValue("blank", value)
    _error(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise BadValue("not_number", value)
    x = float(value)
    if not math.isfinite(x):
        raise BadValue("not_number", value)
    return x


def whole(value: Any) -> int:
    """A cell as a whole number."""
    x = number(value)
    if x != int(x):
        raise BadValue("not_whole", fmt(x))
    return int(x)


_EXCEL_EPOCH = EXCEL_EPOCH.astype(dt.date)  # day 0 of Excel serials from 61 on


def date(value: Any) -> dt.date:
    """A cell as a date: a date/datetime, ISO text or an Excel serial number."""
    if type(value) is float and 61 <= value <= EXCEL_MAX_SERIAL:
        # A date cell's serial, the commonest case; from 61 on, serials follow the calendar.
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    if blank(value):
        raise BadValue("blank", value)
    _error(value)
    # Date objects need no parsing (datetime and Timestamp are dates too: drop the time).
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dates([value], "cell")[0].astype(dt.date)
    except ArgumentError:
        raise BadValue("not_date", value) from None


def text(value: Any) -> str:
    """A cell as text, stripped (a number typed as a name becomes its text, 12 → "12")."""
    if blank(value):
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value).strip()


def text_cell(value: Any) -> str:
    """A text input cell: as :func:`text`, but an error value is refused, not taken as a name."""
    _error(value)
    return text(value)


READERS = {"text": text_cell, "number": number, "whole": whole, "date": date}


def _cell(reader: Any, value: Any) -> Any:
    return None if blank(value) else reader(value)


def normalised(inputs: PlanInputs) -> PlanInputs:
    """The inputs with clean values; call only after :func:`check` found no problems.

    A blank optional setting takes its default (:func:`~xlsalesplan.plan.model.default_settings`).
    """
    settings = dict(inputs.settings)
    year = int(number(settings["plan_year"]))
    defaults = default_settings(year, str(settings.get("language") or "ru"))
    for column in SETTINGS:
        value = settings.get(column.key)
        if blank(value):
            settings[column.key] = defaults.get(column.key)
        elif column.kind in ("number", "whole"):
            settings[column.key] = number(value)
        elif column.kind == "date":
            settings[column.key] = date(value)
        else:
            settings[column.key] = text(value)
    settings["plan_year"] = year
    tables = {}
    for name, frame in inputs.tables().items():
        frame = frame.copy().astype(object)
        for column in TABLES[name].columns:
            # Whole numbers stay floats, as every number the plan computes with.
            reader = {"text": text, "whole": number}.get(column.kind, READERS[column.kind])
            frame[column.key] = [_cell(reader, v) for v in frame[column.key]]
        tables[name] = frame.reset_index(drop=True)
    return dataclasses.replace(inputs, settings=settings, **tables)
