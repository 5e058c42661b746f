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
- ``remaining`` = the year goal − the fact to date: what is left to do.
- ``forecast`` = the seasonal forecast: the fact to date plus the rest of the year's plan at
  the pace so far (:func:`seasonal`), so a back-loaded plan is not judged by a flat pace.
- ``run_rate`` = the flat run-rate to the year end by working days (``runrate``): fact ×
  working days of the employee's year ÷ working days passed, where the employee's year starts
  at their start in the year (a pace is measured over the days they could sell).
- ``status``: completion ≥ ``on_track`` → "on track"; ≥ ``at_risk`` → "at risk"; else
  "behind" — the same as the seasonal forecast against the year goal.
- Teams: the same figures summed by region and by tier (:func:`team_results`).
- Once a version of the plan is approved, every figure is measured against the approved goals
  (the baseline), and ``deviation`` = the current plan's year goal − the approved one.
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


def measured(goals: pd.DataFrame, baseline: pd.DataFrame | None) -> np.ndarray:
    """The months each employee is measured against: their approved goals where the baseline
    has them (matched by name), else the current plan's."""
    months = goals[MONTHS].to_numpy(dtype=float).copy()
    if baseline is None or baseline.empty:
        return months
    approved = {
        str(name).casefold(): row
        for name, row in zip(
            baseline["employee"], baseline[MONTHS].to_numpy(dtype=float), strict=True
        )
    }
    for i, name in enumerate(goals["employee"]):
        found = approved.get(str(name).casefold())
        if found is not None:
            months[i] = found
    return months


def planfact_table(
    goals: pd.DataFrame,
    starts: list[Any],
    actuals: pd.DataFrame,
    settings: dict[str, Any],
    baseline: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``planfact`` output, one row per employee in the order of the goals.

    ``starts`` is each employee's first day selling (their hire date or their region's
    opening, :func:`~xlsalesplan.plan.capacity.starts`; None: from before the plan year).
    ``baseline``, the approved version's employee × month goals: completion is measured
    against it (:func:`measured`), and ``deviation`` shows how far the current plan's year
    goal has moved from the approved one.
    """
    lang = labels.language(settings)
    country = settings.get("country") or "RU"
    as_of = pd.Timestamp(settings["as_of"]).date()
    year = int(settings["plan_year"])
    on_track, at_risk = float(settings["on_track"]), float(settings["at_risk"])
    facts = reported(actuals)
    names = goals["employee"].tolist()
    # A pace is measured over the days an employee could sell: from their start in the year.
    january = dt.date(year, 1, 1)
    start = np.array(
        [january if blank(h) else max(january, date(h)) for h in starts], dtype="datetime64[D]"
    )
    last = np.datetime64(as_of - dt.timedelta(days=1), "D")
    total = workdays(start, np.datetime64(dt.date(year, 12, 31), "D"), country)
    elapsed = np.zeros(len(start), dtype=np.int64)
    began = start <= last
    if began.any():
        elapsed[began] = np.maximum(workdays(start[began], last, country), 0)
    months = measured(goals, baseline)
    year_goal = months.sum(axis=1)
    current = goals[MONTHS].to_numpy(dtype=float).sum(axis=1)
    approved = baseline is not None and not baseline.empty
    plan = plan_to_date(months, as_of, country)
    fact = np.array([facts.get(str(n), np.nan) for n in names], dtype=float)
    completion = planfact(plan, fact)
    rows = [
        {
            "employee": name,
            "region": region,
            "role": role,
            "year_goal": goal,
            "plan_to_date": p,
            "fact_to_date": _optional(f),
            "completion": _optional(c),
            "remaining": None if math.isnan(f) else goal - f,
            "forecast": _optional(seasonal(f, p, goal)),
            "run_rate": _optional(r),
            "status": status(_optional(c), on_track, at_risk, lang),
            "deviation": now - goal if approved else None,
        }
        for name, region, role, goal, now, p, f, c, r in zip(
            names,
            goals["region"].tolist(),
            goals["role"].tolist(),
            year_goal.tolist(),
            current.tolist(),
            plan.tolist(),
            fact.tolist(),
            completion.tolist(),
            runrate(fact, elapsed, total).tolist(),
            strict=True,
        )
    ]
    return frame("planfact", rows)


def seasonal(fact: float, plan: float, goal: float) -> float:
    """The year's forecast: the fact so far, plus the rest of the plan at the pace so far.

    fact + (goal − plan) × fact ÷ plan, i.e. the year goal × completion: a plan executed
    exactly along its own profile is forecast at exactly the goal. NaN without a pace.

    Examples
    --------
    >>> seasonal(600.0, 600.0, 1500.0), seasonal(540.0, 600.0, 1500.0)
    (1500.0, 1350.0)
    """
    if math.isnan(fact) or not plan > 0:
        return math.nan
    return fact + (goal - plan) * fact / plan


def team_results(planfact_rows: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """The ``team_results`` output: plan–fact rolled up by region and by tier.

    A team's completion compares the facts reported with the plan to date of the people who
    reported (a month not reported yet is no shortfall); its forecast is the team's year goal
    × that completion; teams without a revenue goal are left out.
    """
    lang = labels.language(settings)
    on_track, at_risk = float(settings["on_track"]), float(settings["at_risk"])
    rows = []
    for level, key in (("region", "region"), ("tier", "role")):
        for name, members in planfact_rows.groupby(key, sort=False):
            goal = float(members["year_goal"].sum())
            if goal <= 0:
                continue
            reporting = members[members["fact_to_date"].notna()]
            plan = float(reporting["plan_to_date"].sum())
            fact = float(reporting["fact_to_date"].sum()) if len(reporting) else math.nan
            completion = fact / plan if plan > 0 and not math.isnan(fact) else math.nan
            moved = members["deviation"].dropna()
            rows.append(
                {
                    "level": labels.text(lang, f"level_{level}"),
                    "name": name,
                    "year_goal": goal,
                    "plan_to_date": plan if len(reporting) else None,
                    "fact_to_date": _optional(fact),
                    "completion": _optional(completion),
                    "remaining": None if math.isnan(fact) else goal - fact,
                    "forecast": _optional(goal * completion),
                    "status": status(_optional(completion), on_track, at_risk, lang),
                    "deviation": float(moved.sum()) if len(moved) else None,
                }
            )
    return frame("team_results", rows)
