"""Capacity-aware months: a region's plan follows its season, its working days and its team.

For every region, the **demand shape** of a month is what the seasonality profiles and the
production calendar give: a target's revenue spread by profile index × working days, summed
over the region's products. The **team** is the region's sellers (a weight above zero or a
fixed goal), each with a capacity per month: 0 before they start — their hire date, or the
region's opening, whichever is later — then rising over ``ramp_months`` to 1 (the same daily
ramp as RAMP). Each seller's months are their share of the region's year target spread by
their capacity × the demand shape:

    seller's month = share × capacity(month) × demand(month) ÷ Σ capacity × demand,

fixed goals kept exactly, the rest split by weight × capacity × demand. The region's month plan
is the sum over its sellers, so a seller present all year gets months proportional to the
region's season and working days, a new hire's months follow their ramp, and the months of a
region whose team grows during the year grow with it — the year target is kept (the default)
or, with settings ``capacity_mode`` "reduce to capacity", cut month by month to what the
team's deal capacity carries.

Rounded to whole units: every seller's year goal (fixed goals as given, the others by the
largest remainder so that they add up to the target exactly), then each seller's months from
their year goal by the largest remainder over their own shape — so each month is within one
unit of its exact share — and the region's month plan is the sum of its sellers' months,
exactly. The products' months come from BALANCE (rows: each target's revenue, columns: the
region's months, seed: the demand), both margins exact.

Examples
--------
>>> import datetime as dt
>>> flat = np.ones(12)
>>> plan = seller_months(1200.0, [1.0, 1.0], [None, None], np.ones((2, 12)), flat)
>>> plan.round(6).tolist()[0] == [50.0] * 12
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.balance import balance
from xlsalesplan.core.calendar import month_workdays
from xlsalesplan.core.decompose import decompose

from .employees import capacities
from .model import MONTHS
from .values import blank, date


@dataclasses.dataclass
class RegionPlan:
    """One region's plan: products × months, the month plan, its sellers × months."""

    region: str
    targets: list[int]  # rows of the targets table
    products: np.ndarray  # targets × 12, whole units; rows = target revenue, columns = months
    months: np.ndarray  # 12, whole units: the region's month plan
    staff: list[int]  # rows of the employees table, in table order
    goals: np.ndarray  # staff × 12, whole units; rows = year goals, columns = months
    capacity: np.ndarray  # staff × 12: each one's capacity in the month, 0..1


def starts(employees: pd.DataFrame, regions: pd.DataFrame) -> list[Any]:
    """Each employee's first day selling in their region: the later of the hire date and the
    region's opening (blank when both are blank: an employee from before the plan year)."""
    opening = {
        str(r).casefold(): o for r, o in zip(regions["region"], regions["opening"], strict=True)
    }
    found = []
    for hired, region in zip(employees["hire_date"], employees["region"], strict=True):
        opened = opening.get(str(region).casefold())
        dates = [date(d) for d in (hired, opened) if not blank(d)]
        found.append(max(dates) if dates else None)
    return found


def demand(targets: pd.DataFrame, seasonality: pd.DataFrame, workdays: np.ndarray) -> np.ndarray:
    """Each target's revenue spread by its profile × working days (targets × 12, unrounded)."""
    profiles = {
        str(row["profile"]).casefold(): row[MONTHS].to_numpy(dtype=float)
        for _, row in seasonality.iterrows()
    }
    rows = []
    for _, target in targets.iterrows():
        weights = profiles[str(target["profile"]).casefold()] * workdays
        rows.append(float(target["revenue"]) * weights / weights.sum())
    return np.array(rows).reshape(len(rows), 12)


def seller_months(
    total: float,
    weights: Sequence[float],
    fixed: Sequence[float | None],
    capacity: np.ndarray,
    shape: np.ndarray,
) -> np.ndarray:
    """Unrounded seller × month goals of one region (see the module docstring).

    ``weights`` and ``fixed`` per seller; ``capacity`` sellers × 12; ``shape`` the region's
    demand by month (any scale).
    """
    load = capacity * shape[np.newaxis, :]
    found = np.zeros_like(load)
    fixed_sum = 0.0
    free = []
    for i, goal in enumerate(fixed):
        if goal is not None:
            spread = load[i].sum()
            if spread > 0:
                found[i] = goal * load[i] / spread
            fixed_sum += goal
        else:
            free.append(i)
    weighted = np.array([weights[i] for i in free])[:, np.newaxis] * load[free]
    if free and weighted.sum() > 0:
        found[free] = (total - fixed_sum) * weighted / weighted.sum()
    return found


def _whole_goals(total: float, exact: np.ndarray, fixed: Sequence[float | None]) -> np.ndarray:
    """Year goals in whole units adding up to ``total``: fixed ones as given (None: none)."""
    if all(v is not None for v in fixed):
        return np.array(fixed, dtype=float)
    return decompose(total, exact.sum(axis=1), decimals=0, locked=list(fixed))


def region_plan(
    region: str,
    target_rows: list[int],
    demand_rows: np.ndarray,
    staff_rows: list[int],
    weights: Sequence[float],
    fixed: Sequence[float | None],
    capacity: np.ndarray,
    deal_capacity: np.ndarray | None = None,
) -> RegionPlan:
    """The whole plan of one region (see the module docstring).

    ``deal_capacity``, given, caps each month's revenue at what the team's deals can carry
    (revenue per month at most this), the "reduce to capacity" mode.
    """
    total = float(demand_rows.sum())
    shape = demand_rows.sum(axis=0)
    selling = [
        i for i, (w, f) in enumerate(zip(weights, fixed, strict=True)) if w > 0 or f is not None
    ]
    exact = np.zeros((len(staff_rows), 12))
    if selling and (capacity[selling] * shape).sum() > 0:
        exact[selling] = seller_months(
            total,
            [weights[i] for i in selling],
            [fixed[i] for i in selling],
            capacity[selling],
            shape,
        )
        months_exact = exact.sum(axis=0)
    else:
        months_exact = shape  # no team to carry it: the season alone, shown as a gap
    keep = deal_capacity is None
    if not keep:
        capped = np.minimum(months_exact, deal_capacity)
        scale = np.divide(capped, months_exact, out=np.zeros(12), where=months_exact > 0)
        exact *= scale[np.newaxis, :]
        months_exact = capped
        total = float(capped.sum())
    goals = np.zeros((len(staff_rows), 12))
    carrying = [i for i in selling if exact[i].sum() > 0]
    if carrying:
        # Reduced to capacity, every goal follows it, fixed ones too.
        locked = [fixed[i] if keep else None for i in carrying]
        year = _whole_goals(float(round(total)), exact[carrying], locked)
        for i, goal in zip(carrying, year, strict=True):
            goals[i] = decompose(goal, exact[i], decimals=0)
        months = goals.sum(axis=0)
    else:
        months = decompose(round(total), months_exact, decimals=0)
    products = np.zeros_like(demand_rows)
    if len(target_rows):
        revenue = decompose(float(months.sum()), demand_rows.sum(axis=1), decimals=0)
        products = balance(revenue, months, seed=demand_rows, decimals=0)
    return RegionPlan(region, target_rows, products, months, staff_rows, goals, capacity)


REDUCE = {"снизить до мощности", "reduce to capacity"}


def reduces(settings: dict[str, Any]) -> bool:
    """Whether settings ask to cut each region's target to what its team can carry."""
    return str(settings.get("capacity_mode") or "").strip().casefold() in REDUCE


def region_plans(inputs: Any, deals_tier: str | None = None) -> dict[str, RegionPlan]:
    """Every region's plan, by region name as the targets table spells it.

    ``inputs`` are normalised :class:`~xlsalesplan.plan.model.PlanInputs`; ``deals_tier``, the
    tier whose people close the deals, gives the capacity a "reduce to capacity" plan keeps to.
    """
    s = inputs.settings
    year = int(s["plan_year"])
    days = month_workdays(year, s.get("country") or "RU")
    employees, targets = inputs.employees, inputs.targets
    everyone = capacities(starts(employees, inputs.regions), year, s["ramp_months"])
    staff_regions = [str(r).casefold() for r in employees["region"]]
    spread = demand(targets, inputs.seasonality, days)
    names: dict[str, str] = {}
    for region in targets["region"]:
        names.setdefault(str(region).casefold(), str(region))
    plans: dict[str, RegionPlan] = {}
    for key, region in names.items():
        rows = [i for i, r in enumerate(targets["region"]) if str(r).casefold() == key]
        staff = [i for i, r in enumerate(staff_regions) if r == key]
        weights = [0.0 if blank(w) else float(w) for w in employees["weight"].iloc[staff]]
        fixed = [None if blank(f) else float(f) for f in employees["fixed_goal"].iloc[staff]]
        cap = None
        if reduces(s) and deals_tier is not None:
            cap = _revenue_capacity(inputs, deals_tier, rows, staff, everyone[staff])
        plans[region] = region_plan(
            region, rows, spread[rows], staff, weights, fixed, everyone[staff], cap
        )
    return plans


def _revenue_capacity(
    inputs: Any, deals_tier: str, rows: list[int], staff: list[int], capacity: np.ndarray
) -> np.ndarray:
    """The revenue a region's deal closers can carry each month: their capacity × their
    tier's productivity (deals a month) × the region's average deal."""
    tiers = inputs.tiers
    productivity = float(
        tiers.loc[
            tiers["tier"].astype(str).str.casefold() == deals_tier.casefold(), "productivity"
        ].iloc[0]
    )
    roles = inputs.employees["role"].iloc[staff].astype(str).str.casefold().to_numpy()
    closers = capacity[roles == deals_tier.casefold()].sum(axis=0)
    revenue = inputs.targets["revenue"].iloc[rows].astype(float)
    deals = (revenue / inputs.targets["avg_deal"].iloc[rows].astype(float)).sum()
    average = float(revenue.sum() / deals) if deals else 0.0
    return closers * productivity * average
