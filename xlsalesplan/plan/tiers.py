"""Every tier's goals in its own unit, and where a team cannot carry its month.

The funnel runs per region and month: the region's deals of the month (the sales plan) need
so many meetings, leads, … at the tiers above the deals tier and pass so many clients on to
the tiers below it (:func:`~xlsalesplan.plan.sales.stage_volumes`, whole units rounded up).
Each tier's volume of a region-month is split over the region's people of that tier by their
capacity in the month (0 before they start, then their ramp), whole units adding up exactly:
every person's goal per month in the tier's unit (leads, meetings, deals, clients in
development). A tier whose people cannot carry the month — capacity × productivity below the
volume, or nobody of the tier in the region — shows as a shortfall: the units missing and the
people that would take.

Examples
--------
>>> tiers = pd.DataFrame({"tier": ["SDR", "AE"], "stage": ["Leads", "Deals"],
...     "conversion": [0.25, None], "productivity": [100, 10]})
>>> stage_months(tiers, np.array([8.0] * 12))[:, 0].tolist()
[32.0, 8.0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.decompose import decompose

from . import labels
from .capacity import RegionPlan
from .model import MONTHS, frame
from .sales import stage_volumes
from .schema import MONTH_NAMES


def stage_months(tiers: pd.DataFrame, deals: np.ndarray) -> np.ndarray:
    """Each tier's stage volume (rows, top first) in each month for the month's deals."""
    found = np.zeros((len(tiers), len(deals)))
    for m, count in enumerate(deals):
        if count > 0:
            found[:, m] = stage_volumes(tiers, float(count))
    return found


@dataclass
class TierPlan:
    """Goals per person in the tier's unit, the shortfalls, and each tier's year volume."""

    goals: pd.DataFrame
    shortfall: pd.DataFrame
    year_volumes: list[float]


def _region_deals(sales: pd.DataFrame, lang: str) -> dict[str, np.ndarray]:
    rows = sales[sales["indicator"] == labels.text(lang, "deals")]
    found: dict[str, np.ndarray] = {}
    for region, months in zip(rows["region"], rows[MONTHS].to_numpy(dtype=float), strict=True):
        key = str(region)
        found[key] = found.get(key, np.zeros(12)) + months
    return found


def tier_plan(
    tiers: pd.DataFrame,
    employees: pd.DataFrame,
    plans: dict[str, RegionPlan],
    sales: pd.DataFrame,
    lang: str,
) -> TierPlan:
    """The ``tier_goals`` and ``shortfall`` outputs (normalised inputs; see the module)."""
    goals = np.zeros((len(employees), 12))
    roles = employees["role"].astype(str).str.casefold().to_numpy()
    shortfalls: list[dict[str, Any]] = []
    year = np.zeros(len(tiers))
    for region, deals in _region_deals(sales, lang).items():
        plan = plans.get(region)
        if plan is None:
            continue
        volumes = stage_months(tiers, deals)
        year += volumes.sum(axis=1)
        staff = np.array(plan.staff, dtype=int)
        for t, (_, tier) in enumerate(tiers.iterrows()):
            mine = [k for k, row in enumerate(staff) if roles[row] == str(tier["tier"]).casefold()]
            capacity = plan.capacity[mine] if mine else np.zeros((0, 12))
            for m in range(12):
                need = volumes[t, m]
                present = capacity[:, m] if mine else np.zeros(0)
                if need > 0 and present.sum() > 0:
                    goals[staff[mine], m] = decompose(need, present, decimals=0)
                can = float(present.sum()) * float(tier["productivity"])
                if need > can + 1e-9:
                    shortfalls.append(
                        {
                            "region": region,
                            "tier": tier["tier"],
                            "stage": tier["stage"],
                            "month": MONTH_NAMES[lang][m],
                            "needed": need,
                            "capacity": math.floor(can + 1e-9),
                            "shortfall": need - math.floor(can + 1e-9),
                            "heads_short": math.ceil(
                                (need - can) / float(tier["productivity"]) - 1e-9
                            ),
                        }
                    )
    stage_of = {str(t).casefold(): s for t, s in zip(tiers["tier"], tiers["stage"], strict=True)}
    records = [
        [name, role, stage_of.get(str(role).casefold(), ""), *months.tolist(), float(months.sum())]
        for name, role, months in zip(employees["employee"], employees["role"], goals, strict=True)
    ]
    return TierPlan(frame("tier_goals", records), frame("shortfall", shortfalls), year.tolist())
