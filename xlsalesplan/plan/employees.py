"""Employee goals: the regions' revenue plans decomposed to each employee and month.

Year goals
    An employee with a ``fixed_goal`` keeps it exactly. The rest of the region's annual revenue is
    spread over the region's other employees in proportion to ``weight`` × their average ramp
    capacity over the year (``ramp`` of the hire date at the twelve month starts, settings
    ``ramp_months``), with ``decompose(decimals=0, locked=fixed goals)``. A role that sells
    nothing (lead generation) has weight 0 and gets a goal of 0 — a row of zeros, left out of the
    balancing. An employee without a hire date has worked since before the plan year (capacity 1).

Months
    ``balance`` per region: rows = the employees' year goals, columns = the region's monthly
    revenue plan, seed = each employee's monthly ramp capacity (0 before the hire, so a new
    hire's months before joining stay 0). Both margins are exact in whole units.

Per working day
    For the month of the cut-off date (settings ``as_of``): ``per_day`` = month goal ÷ the month's
    working days (production calendar), ``per_week`` = month goal × 5 ÷ working days (a full
    five-day week), both rounded to whole units — the same as ``=ROUND(goal/days, 0)`` and
    ``=ROUND(goal*5/days, 0)`` on the sheet. The whole month's working days are used, also for a
    hire joining mid-month (their month goal is already small from the ramp).

Goal chain
    Cumulative goals at the quarter ends (Q1, H1, 9 months, year), each deadline after the
    previous. A hire's first deadline is the end of the first full quarter after the quarter
    of the hire date, so nobody is judged on a quarter they joined in; employees with no year
    goal get no chain.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.args import ArgumentError, dates
from xlsalesplan.core.balance import balance
from xlsalesplan.core.decompose import decompose
from xlsalesplan.core.ramp import daily_capacity, month_time

from .model import MONTHS, frame
from .values import blank, date

QUARTER_ENDS = (3, 6, 9, 12)


def month_starts(plan_year: int) -> list[dt.date]:
    """The first day of each month of the plan year."""
    return [dt.date(plan_year, m, 1) for m in range(1, 13)]


def capacities(hire_dates: Sequence[Any], plan_year: int, ramp_months: float = 3) -> np.ndarray:
    """Ramp capacity (0..1) of each employee (rows) in each month of the plan year (columns).

    Row by row the numbers of ``ramp(hire_date, month_starts(plan_year), ramp_months)``, to the
    last bit: the same day-by-day ramp line averaged over each month, computed for all the
    distinct hire dates at once (calling ``ramp`` per employee cost a second for 1,000 people).
    A blank hire date is an employee from before the plan year, fully ramped.
    """
    months = float(ramp_months)
    if months < 0:
        raise ArgumentError("ramp_months", f"{months:g} is negative")
    hired = [i for i, h in enumerate(hire_dates) if not blank(h)]
    result = np.ones((len(hire_dates), 12))
    if not hired:
        return result
    distinct, which = np.unique(
        dates([hire_dates[i] for i in hired], "hire_date"), return_inverse=True
    )
    bounds = np.array([*month_starts(plan_year), dt.date(plan_year + 1, 1, 1)], "datetime64[D]")
    days = np.arange(bounds[0], bounds[-1], dtype="datetime64[D]")
    daily = daily_capacity(days[np.newaxis, :], month_time(distinct)[:, np.newaxis], months)
    running = np.concatenate([np.zeros((len(distinct), 1)), np.cumsum(daily, axis=1)], axis=1)
    offsets = (bounds - bounds[0]).astype(np.int64)
    first, stop = offsets[:-1], offsets[1:]
    average = (running[:, stop] - running[:, first]) / (stop - first)
    # As in ``ramp``: capacity never falls, so a month starting at full capacity is exactly 1.
    result[hired] = np.where(daily[:, first] == 1.0, 1.0, average)[which]
    return result


def year_goals(staff: pd.DataFrame, total: float, capacities: np.ndarray) -> np.ndarray:
    """Year goals of one region's employees: fixed goals kept, the rest by weight × capacity."""
    fixed = [None if blank(v) else float(v) for v in staff["fixed_goal"]]
    weights = staff["weight"].fillna(0).to_numpy(dtype=float) * capacities.mean(axis=1)
    if all(v is not None for v in fixed):
        return np.array(fixed, dtype=float)
    free = [v is None for v in fixed]
    if not any(w > 0 for w, f in zip(weights, free, strict=True) if f):
        # Nothing to spread over: only the fixed goals carry revenue (check reports a gap).
        return np.array([v or 0.0 for v in fixed])
    return decompose(total, weights, decimals=0, locked=fixed)


def region_goals(staff: pd.DataFrame, plan: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Employees × months goals of one region: rows sum to the year goals, columns to ``plan``.

    ``caps`` are the employees' monthly capacities (:func:`capacities`).
    """
    goals = year_goals(staff, float(plan.sum()), caps)
    matrix = np.zeros((len(staff), 12))
    selling = goals > 0
    if selling.any():
        matrix[selling] = balance(goals[selling], plan, seed=caps[selling], decimals=0)
    return matrix


def employee_goals(
    employees: pd.DataFrame,
    region_plans: dict[str, np.ndarray],
    plan_year: int,
    ramp_months: int = 3,
) -> pd.DataFrame:
    """The ``employee_goals`` output, employees in the order of the employees table."""
    matrix = np.zeros((len(employees), 12))
    caps = capacities(employees["hire_date"].tolist(), plan_year, ramp_months)
    regions = employees["region"].astype(str).to_numpy()
    for region in dict.fromkeys(regions):
        rows = np.flatnonzero(regions == region)
        plan = region_plans.get(region)
        if plan is not None:
            matrix[rows] = region_goals(employees.iloc[rows], plan, caps[rows])
    names = zip(*(employees[key].tolist() for key in ("employee", "role", "region")), strict=True)
    totals = matrix.sum(axis=1).tolist()
    records = [
        [*name, *months, total]
        for name, months, total in zip(names, matrix.tolist(), totals, strict=True)
    ]
    return frame("employee_goals", records)


def daily_goals(goals: pd.DataFrame, month: int, workdays: int) -> pd.DataFrame:
    """The ``daily_goals`` output for ``month`` (1..12) with ``workdays`` working days in it.

    Examples
    --------
    >>> goals = pd.DataFrame({"employee": ["Anna"], **{m: [0.0] for m in MONTHS}})
    >>> goals["m07"] = 230_000.0
    >>> daily_goals(goals, 7, 23).values.tolist()
    [['Anna', 230000.0, 23, 10000.0, 50000.0]]
    """
    days = int(workdays)
    rows = [
        [
            name,
            float(goal),
            days,
            float(round_half_up(goal / days)) if days else 0.0,
            float(round_half_up(goal * 5 / days)) if days else 0.0,
        ]
        for name, goal in zip(
            goals["employee"].tolist(), goals[MONTHS[month - 1]].tolist(), strict=True
        )
    ]
    return frame("daily_goals", rows)


def round_half_up(x: float) -> float:
    """Excel's ROUND(x, 0): halves away from zero (Python's round goes to even)."""
    return math.copysign(math.floor(abs(x) + 0.5), x)


def quarter_end(day: dt.date) -> dt.date:
    """The last day of the quarter containing ``day``."""
    month = (day.month - 1) // 3 * 3 + 3
    return dt.date(day.year, month, 31 if month in (3, 12) else 30)


def goal_chain(goals: pd.DataFrame, employees: pd.DataFrame, plan_year: int) -> pd.DataFrame:
    """The ``goal_chain`` output: cumulative quarter-end goals of every employee with a goal."""
    rows = []
    deadlines = [quarter_end(dt.date(plan_year, month, 1)) for month in QUARTER_ENDS]
    cumulative = np.cumsum(goals[MONTHS].to_numpy(dtype=float), axis=1)
    at_deadline = cumulative[:, [month - 1 for month in QUARTER_ENDS]].tolist()
    for name, hire_date, year_goal, targets in zip(
        goals["employee"].tolist(),
        employees["hire_date"].tolist(),
        cumulative[:, -1].tolist(),
        at_deadline,
        strict=True,
    ):
        if year_goal <= 0:
            continue
        joined = dt.date(plan_year - 1, 12, 31)
        if not blank(hire_date):
            joined = max(joined, quarter_end(date(hire_date)))
        chain = [
            (goal, deadline)
            for goal, deadline in zip(targets, deadlines, strict=True)
            if deadline > joined and goal > 0
        ]
        rows += [[name, step, goal, deadline] for step, (goal, deadline) in enumerate(chain, 1)]
    return frame("goal_chain", rows)
