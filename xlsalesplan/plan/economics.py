"""Client economics: five-year LTV against the acquisition cost per channel, and the measurable
effects of initiatives (the trial offer, cross-selling).

LTV over five years
    a client's margin a year (revenue a year × margin) over five years, the first year in full,
    each later year weighted by the chance the client is still there (1 − churn a year) and
    discounted (settings ``discount_rate``): :func:`core.ltv <xlsalesplan.core.finance.ltv>`
    with months = 5 periods of a year. ``ltv_cac`` = LTV ÷ the acquisition cost; ``payback``
    = :func:`core.payback <xlsalesplan.core.finance.payback>` of the acquisition cost against
    the five yearly (discounted) margins, in years — blank when they do not repay it;
    ``profit`` = LTV − acquisition cost. The verdict: LTV at least 3 × the cost → acquire (pays
    back with room); at least the cost → pays back within 5 years; below → does not.

Acquire now at a loss
    The year's new clients of a channel cost clients × acquisition cost now (year 0, a loss)
    and bring their margin year by year: cumulative profit after k years = clients × (LTV over
    k years − acquisition cost). Where clients rarely leave, a channel deep in the red now is
    the most profitable one by year five.

Effects of initiatives
    A measure = result ÷ base: a trial offer's conversion = paid clients ÷ trials sold;
    cross-selling's items per order = items ÷ orders. ``change`` = now − before; ``progress``
    = change ÷ (target − before); ``extra_margin`` = (result − base × before) × the margin of one
    unit (the extra paid clients or items the initiative brought, at their margin); the status
    reads the progress with the plan–fact thresholds (settings ``on_track``, ``at_risk``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.finance import NotReached, ltv, payback

from . import labels
from .control import status
from .model import frame

YEARS = 5
GOOD_RATIO = 3.0  # LTV at least 3 × the acquisition cost: acquire


def verdict(ratio: float, lang: str) -> str:
    """The channel's verdict by LTV ÷ acquisition cost.

    Examples
    --------
    >>> [verdict(r, "en") for r in (3.0, 1.0, 0.99)]
    ['acquire: pays back with room', 'pays back within 5 years', 'does not pay back in 5 years']
    """
    key = "ltv_room" if ratio >= GOOD_RATIO else "ltv_pays" if ratio >= 1 else "ltv_loss"
    return labels.text(lang, key)


def yearly_margins(arpu: float, margin: float, churn: float, discount: float) -> np.ndarray:
    """The five years' discounted margin of one client: arpu·margin·((1−churn)/(1+d))^t."""
    return arpu * margin * ((1 - churn) / (1 + discount)) ** np.arange(YEARS)


def economics_tables(
    channels: pd.DataFrame, settings: dict[str, Any], lang: str
) -> dict[str, pd.DataFrame]:
    """The ``economics`` and ``cumulative_profit`` outputs, one row per channel.

    Examples
    --------
    >>> shows = pd.DataFrame([{"channel": "Shows", "cac": 100.0, "arpu": 200.0,
    ...     "margin": 0.5, "churn": 0.5, "clients": 10}])
    >>> out = economics_tables(shows, {"discount_rate": 0.0}, "en")
    >>> out["economics"].values.tolist()  # 100 + 50 + 25 + 12.5 + 6.25
    [['Shows', 193.75, 1.9375, 1.0, 93.75, 'pays back within 5 years']]
    >>> out["cumulative_profit"].values.tolist()
    [['Shows', -1000.0, 0.0, 500.0, 750.0, 875.0, 937.5]]
    """
    discount = float(settings["discount_rate"])
    economics, cumulative = [], []
    for _, row in channels.iterrows():
        cac, arpu = float(row["cac"]), float(row["arpu"])
        margin, churn, clients = float(row["margin"]), float(row["churn"]), float(row["clients"])
        value = float(ltv(arpu, margin, churn, months=YEARS, discount=discount))
        try:
            years: float | None = float(payback(cac, yearly_margins(arpu, margin, churn, discount)))
        except NotReached:
            years = None
        economics.append(
            {
                "channel": row["channel"],
                "ltv": value,
                "ltv_cac": value / cac,
                "payback": years,
                "profit": value - cac,
                "verdict": verdict(value / cac, lang),
            }
        )
        by_year = [
            clients * (-cac + float(ltv(arpu, margin, churn, months=k, discount=discount)))
            for k in range(1, YEARS + 1)
        ]
        cumulative.append(
            {"channel": row["channel"], "y0": clients * -cac}
            | {f"y{k}": v for k, v in enumerate(by_year, 1)}
        )
    return {
        "economics": frame("economics", economics),
        "cumulative_profit": frame("cumulative_profit", cumulative),
    }


def effect_results(effects: pd.DataFrame, settings: dict[str, Any], lang: str) -> pd.DataFrame:
    """The ``effect_results`` output, one row per measured effect.

    Examples
    --------
    >>> cross = pd.DataFrame([{"initiative": "Cross-selling", "measure": "items per order",
    ...     "before": 1.2, "target": 1.5, "base": 400, "result": 560, "unit_margin": 9000.0}])
    >>> thresholds = {"on_track": 0.95, "at_risk": 0.85}
    >>> row = effect_results(cross, thresholds, "en").iloc[0]  # 560 / 400 = 1.4 items
    >>> [round(float(row[k]), 6) for k in ("actual", "progress", "extra_margin")], row.status
    ([1.4, 0.666667, 720000.0], 'behind')
    """
    rows = []
    on_track, at_risk = float(settings["on_track"]), float(settings["at_risk"])
    for _, row in effects.iterrows():
        before, target = float(row["before"]), float(row["target"])
        base, result = float(row["base"]), float(row["result"])
        actual = result / base if base > 0 else None
        change = progress = extra = None
        if actual is not None:
            change = actual - before
            extra = (result - base * before) * float(row["unit_margin"])
            if target != before:
                progress = (actual - before) / (target - before)
        rows.append(
            {
                "initiative": row["initiative"],
                "actual": actual,
                "change": change,
                "progress": progress,
                "extra_margin": extra,
                "status": status(progress, on_track, at_risk, lang),
            }
        )
    return frame("effect_results", rows)
