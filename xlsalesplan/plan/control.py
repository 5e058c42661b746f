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
from .values import blank


def plan_to_date(months: np.ndarray, as_of: dt.date, country: str = "RU") -> float:
    """Plan from 1 January to the day before ``as_of``, the current month prorated by working days.

    Examples
    --------
    >>> plan_to_date(np.full(12, 100.0), dt.date(2026, 7, 1), "none")
    600.0
    """
    index = as_of.month - 1
    done = float(np.sum(months[:index]))
    first = dt.date(as_of.year, as_of.month, 1)
    if as_of == first:
        return done
    elapsed = workdays(first, as_of - dt.timedelta(days=1), country)
    total = int(month_workdays(as_of.year, country)[index])
    return done + float(months[index]) * elapsed / total if total else done


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


def reported(actuals: pd.DataFrame) -> dict[str, float]:
    """Fact to date by employee: the sum of the non-blank months (employees with any report)."""
    facts: dict[str, float] = {}
    for _, row in actuals.iterrows():
        values = [float(row[m]) for m in MONTHS if not blank(row[m])]
        if values:
            name = str(row["employee"])
            facts[name] = facts.get(name, 0.0) + sum(values)
    return facts


def _optional(x: Any) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


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
    facts = reported(actuals)
    rows = []
    for (_, goal), hire in zip(goals.iterrows(), employees["hire_date"], strict=True):
        start = dt.date(year, 1, 1)
        if not blank(hire):
            start = max(start, pd.Timestamp(hire).date())
        last = as_of - dt.timedelta(days=1)
        elapsed = max(workdays(start, last, country), 0) if last >= start else 0
        total = workdays(start, dt.date(year, 12, 31), country)
        plan = plan_to_date(goal[MONTHS].to_numpy(dtype=float), as_of, country)
        fact = facts.get(str(goal["employee"]))
        completion = _optional(planfact(plan, fact)) if fact is not None else None
        forecast = _optional(runrate(fact, elapsed, total)) if fact is not None else None
        rows.append(
            {
                "employee": goal["employee"],
                "region": goal["region"],
                "plan_to_date": plan,
                "fact_to_date": fact,
                "completion": completion,
                "forecast": forecast,
                "status": status(
                    completion, float(settings["on_track"]), float(settings["at_risk"]), lang
                ),
            }
        )
    return frame("planfact", rows)
