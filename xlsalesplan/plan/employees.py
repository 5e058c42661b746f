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
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.balance import balance
from xlsalesplan.core.decompose import decompose
from xlsalesplan.core.ramp import ramp

from .model import MONTHS, frame
from .values import blank

QUARTER_ENDS = (3, 6, 9, 12)


def month_starts(plan_year: int) -> list[dt.date]:
    """The first day of each month of the plan year."""
    return [dt.date(plan_year, m, 1) for m in range(1, 13)]


def capacity(hire_date: Any, plan_year: int, ramp_months: int = 3) -> np.ndarray:
    """Ramp capacity (0..1) of an employee in each month of the plan year."""
    if blank(hire_date):
        return np.ones(12)
    hired = pd.Timestamp(hire_date).date()
    factors = ramp(hired, month_starts(plan_year), ramp_months)
    return np.asarray(factors, dtype=float).ravel()


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


def region_goals(
    staff: pd.DataFrame, plan: np.ndarray, plan_year: int, ramp_months: int = 3
) -> np.ndarray:
    """Employees × months goals of one region: rows sum to the year goals, columns to ``plan``."""
    caps = np.array([capacity(h, plan_year, ramp_months) for h in staff["hire_date"]])
    caps = caps.reshape(len(staff), 12)
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
    regions = employees["region"].astype(str).to_numpy()
    for region in dict.fromkeys(regions):
        rows = np.flatnonzero(regions == region)
        plan = region_plans.get(region)
        if plan is not None:
            matrix[rows] = region_goals(employees.iloc[rows], plan, plan_year, ramp_months)
    records = [
        {
            "employee": emp["employee"],
            "role": emp["role"],
            "region": emp["region"],
            **dict(zip(MONTHS, matrix[i].tolist(), strict=True)),
            "total": float(matrix[i].sum()),
        }
        for i, (_, emp) in enumerate(employees.iterrows())
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
    column = MONTHS[month - 1]
    rows = [
        {
            "employee": row["employee"],
            "month_goal": float(row[column]),
            "workdays": int(workdays),
            "per_day": float(round_half_up(row[column] / workdays)) if workdays else 0.0,
            "per_week": float(round_half_up(row[column] * 5 / workdays)) if workdays else 0.0,
        }
        for _, row in goals.iterrows()
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
    for (_, row), hire_date in zip(goals.iterrows(), employees["hire_date"], strict=True):
        cumulative = np.cumsum(row[MONTHS].to_numpy(dtype=float))
        if cumulative[-1] <= 0:
            continue
        joined = dt.date(plan_year - 1, 12, 31)
        if not blank(hire_date):
            joined = max(joined, quarter_end(pd.Timestamp(hire_date).date()))
        step = 0
        for month in QUARTER_ENDS:
            deadline = quarter_end(dt.date(plan_year, month, 1))
            if deadline <= joined or cumulative[month - 1] <= 0:
                continue
            step += 1
            rows.append(
                {
                    "employee": row["employee"],
                    "step": step,
                    "goal": float(cumulative[month - 1]),
                    "deadline": deadline,
                }
            )
    return frame("goal_chain", rows)
