"""The sales plan: each region × product target spread over the months, and the funnel by tier.

Months
    A target's months come from its region's capacity-aware plan (:mod:`.capacity`): the
    seasonality profile's index × the month's working days (production calendar, settings
    ``country``), reshaped by the region's team, whole currency units that add up exactly to the
    annual target; the region's products add up to its month plan.

Deals
    The annual deal count is revenue ÷ average deal, rounded **up** (the target is met only with
    the last, partial deal), then spread over the months like the revenue with
    ``decompose(..., decimals=0)``.

Clients
    Buying clients in the month. The plan assumes a client makes at most one deal a month, so the
    count equals the month's deals; the ``total`` is client-months (a client buying in March and
    in October counts twice), not distinct clients.

Funnel
    One row per tier, in the tiers table's order (top of the funnel first). The tier whose stage is
    called "Deals"/"Сделки" (else the last tier) must produce every deal of the sales plan. Tiers
    above it come from :func:`xlsalesplan.core.funnel.funnel` with their conversions (each tier's
    ``conversion`` leads to the next tier's stage). Tiers below it (account management, repeat
    sales / development) work the clients already won: their volume is the volume above times the
    conversion of the tier above (the share of clients passed on), rounded up. ``month_volume`` is
    the year's volume ÷ 12 rounded up; ``heads_needed`` = ⌈month_volume ÷ productivity⌉;
    ``heads_actual`` counts the employees whose role is the tier.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.decompose import decompose
from xlsalesplan.core.funnel import funnel

from . import labels
from .capacity import RegionPlan
from .model import MONTHS, frame
from .values import blank, date

# 1000 / 0.1 is 10000.000000000002 in floats: not a reason to plan one more deal.
_NOISE = 1e-9


def ceil(x: float) -> int:
    """Round up, ignoring float noise below one billionth."""
    return math.ceil(x - _NOISE * max(1.0, abs(x)))


def target_months(targets: pd.DataFrame, plans: dict[str, RegionPlan]) -> list[np.ndarray]:
    """Revenue by month of every target row, in order, from its region's plan."""
    found: list[np.ndarray] = [np.zeros(12)] * len(targets)
    for plan in plans.values():
        for k, row in enumerate(plan.targets):
            found[row] = plan.products[k]
    return found


def sales_plan(
    targets: pd.DataFrame, plans: dict[str, RegionPlan], lang: str = "ru"
) -> pd.DataFrame:
    """The ``sales_plan`` output: revenue, deals and clients rows for each region × product."""
    rows = []
    for (_, row), revenue in zip(targets.iterrows(), target_months(targets, plans), strict=True):
        count = ceil(float(row["revenue"]) / float(row["avg_deal"]))
        deals = decompose(count, revenue, decimals=0) if revenue.sum() > 0 else np.zeros(12)
        for key, values in (("revenue", revenue), ("deals", deals), ("clients", deals)):
            rows.append(
                {
                    "region": row["region"],
                    "product": row["product"],
                    "indicator": labels.text(lang, key),
                    **dict(zip(MONTHS, values.tolist(), strict=True)),
                    "total": float(values.sum()),
                }
            )
    return frame("sales_plan", rows)


def deals_tier(tiers: pd.DataFrame) -> int:
    """Position of the tier that produces the sales plan's deals (see the module docstring)."""
    names = [str(s).strip().lower() for s in tiers["stage"]]
    matches = [i for i, name in enumerate(names) if name in labels.DEALS_STAGE]
    return matches[0] if matches else len(names) - 1


def stage_volumes(tiers: pd.DataFrame, deals: float) -> list[int]:
    """Year volume of every tier's stage, top first, for ``deals`` deals in the year."""
    k = deals_tier(tiers)
    conversion = tiers["conversion"].to_numpy(dtype=float)
    upward = funnel(deals, conversion[:k][::-1]).ravel() if k else np.array([deals])
    volumes = [int(v) for v in upward[::-1]]
    for j in range(k + 1, len(tiers)):
        volumes.append(ceil(volumes[-1] * conversion[j - 1]))
    return volumes


def funnel_plan(
    tiers: pd.DataFrame,
    employees: pd.DataFrame,
    volumes: list[float],
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """The ``funnel_plan`` output: each tier's year volume (``volumes``, top first: the sum of
    the regions' monthly funnels, :mod:`.tiers`), the month average, the people it needs and
    the people on staff at the cut-off date ``as_of`` (hired by then; all without it).

    Examples
    --------
    >>> tiers = pd.DataFrame({"tier": ["SDR", "AE"], "stage": ["Leads", "Deals"],
    ...     "conversion": [0.25, None], "productivity": [100, 10]})
    >>> staff = pd.DataFrame({"employee": ["x", "y"], "role": ["AE", "AE"],
    ...     "hire_date": [None, dt.date(2026, 9, 1)]})
    >>> funnel_plan(tiers, staff, [480, 120], dt.date(2026, 7, 1)).values.tolist()
    [['SDR', 'Leads', 480, 40, 1, 0], ['AE', 'Deals', 120, 10, 1, 1]]
    """
    present = [
        as_of is None or blank(h) or date(h) <= as_of for h in employees.get("hire_date", [])
    ] or [True] * len(employees)
    roles = employees["role"][present].astype(str).str.casefold().value_counts()
    rows = []
    for (_, tier), volume in zip(tiers.iterrows(), volumes, strict=True):
        month = ceil(volume / 12)
        productivity: Any = tier["productivity"]
        rows.append(
            {
                "tier": tier["tier"],
                "stage": tier["stage"],
                "year_volume": int(volume),
                "month_volume": month,
                "heads_needed": ceil(month / float(productivity)),
                "heads_actual": int(roles.get(str(tier["tier"]).casefold(), 0)),
            }
        )
    return frame("funnel_plan", rows)
