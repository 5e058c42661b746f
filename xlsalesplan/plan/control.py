"""Plan–fact control at the cut-off date: completion, run-rate forecast and status per employee.

The cut-off date ``as_of`` (settings) is the first day the actuals do **not** cover yet: with
as_of = 1 July the actuals run to 30 June.

- ``plan_to_date`` = the employee's goals of the months before as_of's month + that month's goal
  × (working days of the month before as_of ÷ working days of the month). On 1 July that is the
  goals of January–June exactly; on 16 July, half of July is added when half its working days
  have passed.
- ``fact_to_date`` = the sum of the actuals reported (blank months are not reported yet). An
  employee with nothing reported has a blank fact, completion, forecast and status.
- ``completion`` = fact ÷ plan (``planfact``; blank while the plan to date is 0).
- ``forecast`` = run-rate to the year end by working days (``runrate``): fact × working days of
  the employee's year ÷ working days passed, where the employee's year starts at the hire date
  for a hire during the plan year (a pace is measured over the days they could sell).
- ``status``: completion ≥ ``on_track`` → "on track"; ≥ ``at_risk`` → "at risk"; else "behind".
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.calendar import month_workdays, workdays
from xlsalesplan.core.control import planfact, runrate

from . import labels
from .model import MONTHS, frame
from .values import blank, date


def plan_to_date(months: np.ndarray, as_of: dt.date, country: str = "RU") -> float | np.ndarray:
    """Plan from 1 January to the day before ``as_of``, the current month prorated by working days.

    ``months`` is one employee's twelve goals (gives a number) or a matrix with one employee a
    row (gives one number a row).

    Examples
    --------
    >>> plan_to_date(np.full(12, 100.0), dt.date(2026, 7, 1), "none")
    600.0
    """
    months = np.asarray(months, dtype=float)
    index = as_of.month - 1
    done = months[..., :index].sum(axis=-1)
    first = dt.date(as_of.year, as_of.month, 1)
    total = int(month_workdays(as_of.year, country)[index])
    if as_of > first and total:
        elapsed = workdays(first, as_of - dt.timedelta(days=1), country)
        done = done + months[..., index] * elapsed / total
    return float(done) if done.ndim == 0 else done


def status(completion: float | None, on_track: float, at_risk: float, lang: str) -> str:
    """The status text for a completion ratio (blank completion → empty text).

    Examples
    --------
    >>> [status(c, 0.95, 0.85, "en") for c in (0.95, 0.9, 0.5, None)]
    ['on track', 'at risk', 'behind', '']
    """
    if completion is None or math.isnan(completion):
        return ""
    if completion >= on_track:
        return labels.text(lang, "on_track")
    if completion >= at_risk:
        return labels.text(lang, "at_risk")
    return labels.text(lang, "behind")


def _optional(x: float) -> float | None:
    return None if math.isnan(x) else x


def reported(actuals: pd.DataFrame) -> dict[str, float]:
    """Fact to date by employee: the sum of the non-blank months (employees with any report)."""
    months = actuals[MONTHS].to_numpy(dtype=float, na_value=np.nan)
    filled = ~np.isnan(months)
    # Month by month, left to right: the same additions, in the same order, as summing a row.
    sums = np.zeros(len(actuals))
    for column in range(len(MONTHS)):
        sums = sums + np.where(filled[:, column], months[:, column], 0.0)
    facts: dict[str, float] = {}
    for name, total, any_filled in zip(actuals["employee"], sums, filled.any(axis=1), strict=True):
        if any_filled:
            facts[str(name)] = facts.get(str(name), 0.0) + float(total)
    return facts


def planfact_table(
    goals: pd.DataFrame,
    employees: pd.DataFrame,
    actuals: pd.DataFrame,
    settings: dict[str, Any],
) -> pd.DataFrame:
    """The ``planfact`` output, one row per employee in the order of the employees table."""
    lang = labels.language(settings)
    country = settings.get("country") or "RU"
    as_of = pd.Timestamp(settings["as_of"]).date()
    year = int(settings["plan_year"])
    on_track, at_risk = float(settings["on_track"]), float(settings["at_risk"])
    facts = reported(actuals)
    names = goals["employee"].tolist()
    # Each employee's year starts at the hire date for a hire during the plan year.
    january = dt.date(year, 1, 1)
    start = np.array(
        [january if blank(h) else max(january, date(h)) for h in employees["hire_date"]],
        dtype="datetime64[D]",
    )
    last = np.datetime64(as_of - dt.timedelta(days=1), "D")
    total = workdays(start, np.datetime64(dt.date(year, 12, 31), "D"), country)
    elapsed = np.zeros(len(start), dtype=np.int64)
    began = start <= last
    if began.any():
        elapsed[began] = np.maximum(workdays(start[began], last, country), 0)
    plan = plan_to_date(goals[MONTHS].to_numpy(dtype=float), as_of, country)
    fact = np.array([facts.get(str(n), np.nan) for n in names], dtype=float)
    completion = planfact(plan, fact)
    forecast = runrate(fact, elapsed, total)
    rows = [
        {
            "employee": name,
            "region": region,
            "plan_to_date": p,
            "fact_to_date": _optional(f),
            "completion": _optional(c),
            "forecast": _optional(r),
            "status": status(_optional(c), on_track, at_risk, lang),
        }
        for name, region, p, f, c, r in zip(
            names,
            goals["region"].tolist(),
            plan.tolist(),
            fact.tolist(),
            completion.tolist(),
            forecast.tolist(),
            strict=True,
        )
    ]
    return frame("planfact", rows)
