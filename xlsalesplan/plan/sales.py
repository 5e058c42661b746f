"""The sales plan: each region × product target spread over the months, and the funnel by tier.

Months
    A target's month weights are its seasonality profile's index times the month's working days
    under the production calendar (settings ``country``), so a short January (New Year holidays)
    and a seasonal peak both show. ``revenue`` is ``decompose(revenue, weights, decimals=0)``:
    whole currency units that add up exactly to the annual target.

Deals
    The annual deal count is revenue ÷ average deal, rounded **up** (the target is met only with
    the last, partial deal), then spread over the months by the same weights with
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

import math
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.calendar import month_workdays
from xlsalesplan.core.decompose import decompose
from xlsalesplan.core.funnel import funnel

from . import labels
from .model import MONTHS, frame

# 1000 / 0.1 is 10000.000000000002 in floats: not a reason to plan one more deal.
_NOISE = 1e-9


def ceil(x: float) -> int:
    """Round up, ignoring float noise below one billionth."""
    return math.ceil(x - _NOISE * max(1.0, abs(x)))


def profiles(seasonality: pd.DataFrame) -> dict[str, np.ndarray]:
    """Seasonality indices by profile name: 12 floats, January first."""
    return {
        str(row["profile"]): row[MONTHS].to_numpy(dtype=float) for _, row in seasonality.iterrows()
    }


def target_months(
    targets: pd.DataFrame, seasonality: pd.DataFrame, workdays: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(revenue by month, deals by month) for every target row, in order."""
    indices = profiles(seasonality)
    result = []
    for _, row in targets.iterrows():
        weights = indices[str(row["profile"])] * workdays
        revenue = decompose(float(row["revenue"]), weights, decimals=0)
        deals = decompose(ceil(float(row["revenue"]) / float(row["avg_deal"])), weights, decimals=0)
        result.append((revenue, deals))
    return result


def sales_plan(
    targets: pd.DataFrame,
    seasonality: pd.DataFrame,
    plan_year: int,
    country: str = "RU",
    lang: str = "ru",
) -> pd.DataFrame:
    """The ``sales_plan`` output: revenue, deals and clients rows for each region × product.

    Examples
    --------
    >>> targets = pd.DataFrame([{"region": "A", "product": "P", "revenue": 1_200_000,
    ...     "avg_deal": 100_000, "profile": "flat"}])
    >>> flat = pd.DataFrame([{"profile": "flat", **{m: 1.0 for m in MONTHS}}])
    >>> plan = sales_plan(targets, flat, 2026, "none", "en")
    >>> plan[["indicator", "total"]].values.tolist()
    [['revenue', 1200000.0], ['deals', 12.0], ['clients', 12.0]]
    """
    days = month_workdays(plan_year, country)
    rows = []
    for (_, row), (revenue, deals) in zip(
        targets.iterrows(), target_months(targets, seasonality, days), strict=True
    ):
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


def region_revenue(
    targets: pd.DataFrame, seasonality: pd.DataFrame, plan_year: int, country: str = "RU"
) -> dict[str, np.ndarray]:
    """Each region's monthly revenue plan (the sum over its products), whole units."""
    days = month_workdays(plan_year, country)
    plans: dict[str, np.ndarray] = {}
    for (_, row), (revenue, _) in zip(
        targets.iterrows(), target_months(targets, seasonality, days), strict=True
    ):
        region = str(row["region"])
        plans[region] = plans.get(region, np.zeros(12)) + revenue
    return plans


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


def funnel_plan(tiers: pd.DataFrame, employees: pd.DataFrame, deals: float) -> pd.DataFrame:
    """The ``funnel_plan`` output: volumes and head count per tier for ``deals`` deals a year.

    Examples
    --------
    >>> tiers = pd.DataFrame({"tier": ["SDR", "AE"], "stage": ["Leads", "Deals"],
    ...     "conversion": [0.25, None], "productivity": [100, 10]})
    >>> staff = pd.DataFrame({"employee": ["x"], "role": ["AE"]})
    >>> funnel_plan(tiers, staff, 120).values.tolist()
    [['SDR', 'Leads', 480, 40, 1, 0], ['AE', 'Deals', 120, 10, 1, 1]]
    """
    roles = employees["role"].astype(str).value_counts()
    rows = []
    for (_, tier), volume in zip(tiers.iterrows(), stage_volumes(tiers, deals), strict=True):
        month = ceil(volume / 12)
        productivity: Any = tier["productivity"]
        rows.append(
            {
                "tier": tier["tier"],
                "stage": tier["stage"],
                "year_volume": volume,
                "month_volume": month,
                "heads_needed": ceil(month / float(productivity)),
                "heads_actual": int(roles.get(str(tier["tier"]), 0)),
            }
        )
    return frame("funnel_plan", rows)
