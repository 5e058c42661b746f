"""Employee goals: the regions' revenue plans decomposed to each employee and month.

Year goals and months
    From the region's capacity-aware plan (:mod:`.capacity`): a ``fixed_goal`` is kept exactly,
    the rest of the region's target goes to its other sellers by ``weight`` × capacity × the
    region's season, both margins exact in whole units. A role that sells nothing (lead
    generation) has weight 0 and gets a revenue goal of 0; its goals are in its own unit
    (:mod:`.tiers`). An employee without a hire date has worked since before the plan year.

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


def employee_goals(employees: pd.DataFrame, plans: dict[str, Any]) -> pd.DataFrame:
    """The ``employee_goals`` output from the regions' plans (:mod:`.capacity`), employees in
    the order of the employees table; an employee whose region has no plan has none."""
    matrix = np.zeros((len(employees), 12))
    for plan in plans.values():
        matrix[plan.staff] = plan.goals
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
