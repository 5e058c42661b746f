"""Strategic goals: the horizon of each goal and its yearly milestones.

A goal runs from its ``baseline`` (the value at the start of the plan year) to its ``target``
(due at the ``deadline``). It gets one milestone per calendar year, from the plan year to the
deadline's year; the milestone is the value due at the end of that year, and the last one is
the target exactly.

The path between them is either a straight line or an S-curve: the normalised logistic

    f(x) = (L(x) − L(0)) / (L(1) − L(0)),   L(x) = 1 / (1 + exp(−k·(x − ½))),   k = 6,

over the share of the way x = year / years (year 0 = baseline, year n = deadline year). So
f(0) = 0 and f(1) = 1 exactly: slow start, fastest growth in the middle years, slowing at the end
— the usual shape of a roll-out. The milestone of year i is baseline + (target − baseline)·f(i/n).

A goal passes through the earlier goals of the same metric and region: a long-term revenue
goal's path runs through the operational goal of the plan year, so the milestone of that year
is the operational goal exactly, and each stretch between such points follows the path's shape.

Metrics that count things (offices, clients, employees, deals — recognised by the words in
:mod:`labels`) get whole-number milestones: the total increase is split over the years with
``decompose(..., decimals=0)`` in proportion to each year's step of the path, so the yearly
additions are whole and add up exactly to the increase. For an offices metric whose region is
blank or "all", the offices opened each year are assigned to the regions in rollout order: the
regions table lists how many offices each region gets (``offices``), the head office's existing
ones first; the baseline fills the first places, each year's openings the next ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.core.decompose import decompose
from xlsalesplan.core.horizon import horizon

from . import labels
from .model import frame

S_CURVE_STEEPNESS = 6.0


def path_shares(years: int, path: str = "linear") -> np.ndarray:
    """The share of the way from baseline to target reached by the end of each year.

    ``years + 1`` values for years 0..n: 0 first, 1 last exactly.

    Examples
    --------
    >>> path_shares(4).tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    >>> path_shares(2, "s-curve").round(4).tolist()
    [0.0, 0.5, 1.0]
    """
    x = np.arange(years + 1) / years
    if not is_s_curve(path):
        return x

    def logistic(t: np.ndarray | float) -> Any:
        return 1.0 / (1.0 + np.exp(-S_CURVE_STEEPNESS * (t - 0.5)))

    low, high = logistic(0.0), logistic(1.0)
    shares = (logistic(x) - low) / (high - low)
    shares[0], shares[-1] = 0.0, 1.0
    return shares


def is_s_curve(path: Any) -> bool:
    """True when the goal's path cell says S-curve (either language)."""
    return str(path or "").strip().lower() in labels.S_CURVE


def is_office_metric(metric: Any) -> bool:
    """True for a metric counting offices / branches (either language)."""
    text = str(metric or "").lower()
    return any(word in text for word in labels.OFFICE_WORDS)


def is_count_metric(metric: Any) -> bool:
    """True for a metric counted in whole units (offices, clients, employees, deals, ...)."""
    text = str(metric or "").lower()
    return any(word in text for word in labels.COUNT_WORDS)


def is_all_regions(region: Any) -> bool:
    """True for a blank region or "all" / "все"."""
    return region is None or str(region).strip().lower() in labels.ALL_REGIONS or _nan(region)


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def office_slots(regions: pd.DataFrame) -> list[str]:
    """Every planned office as its region's name, in rollout order (repeated per office)."""
    ordered = regions.sort_values("rollout_order", kind="stable")
    return [
        str(row.region)
        for row in ordered.itertuples()
        for _ in range(int(row.offices or 0) if not _nan(row.offices) else 0)
    ]


def regions_text(names: list[str]) -> str:
    """ "Казань ×2, Нижний Новгород": regions in order of first appearance, counts above one."""
    counts = Counter(names)
    return ", ".join(f"{n} ×{counts[n]}" if counts[n] > 1 else n for n in dict.fromkeys(names))


def anchors(goal: pd.Series, goals: pd.DataFrame, plan_year: int) -> dict[int, float]:
    """The earlier goals a goal's path passes through: same metric and region, due in a year
    before its own; by year index (1 = the plan year) their targets."""
    deadline = pd.Timestamp(goal["deadline"]).date().year
    metric = str(goal["metric"]).strip().casefold()
    found = {}
    for _, other in goals.iterrows():
        year = pd.Timestamp(other["deadline"]).date().year
        same_region = is_all_regions(goal["region"]) == is_all_regions(other["region"]) and (
            is_all_regions(goal["region"]) or str(goal["region"]) == str(other["region"])
        )
        if (
            str(other["metric"]).strip().casefold() == metric
            and same_region
            and plan_year <= year < deadline
        ):
            found[year - plan_year + 1] = float(other["target"])
    return found


def path_values(
    baseline: float,
    target: float,
    years: int,
    path: Any,
    through: dict[int, float] | None = None,
    whole: bool = False,
) -> np.ndarray:
    """Values at the end of years 0..n: from the baseline through the anchors to the target,
    each stretch along the path's shape; whole units (the additions whole) if ``whole``.

    Examples
    --------
    >>> path_values(230.0, 700.0, 5, "linear", {1: 280.0}).tolist()
    [230.0, 280.0, 385.0, 490.0, 595.0, 700.0]
    """
    points = sorted({0: baseline, **(through or {}), years: target}.items())
    values = np.zeros(years + 1)
    values[0] = baseline
    for (k0, v0), (k1, v1) in itertools.pairwise(points):
        shares = path_shares(k1 - k0, path)
        if whole:
            added = decompose(v1 - v0, np.diff(shares), decimals=0)
            values[k0 + 1 : k1 + 1] = v0 + np.cumsum(added)
        else:
            values[k0 : k1 + 1] = v0 + (v1 - v0) * shares
        values[k1] = v1
    return values


def goal_milestones(
    goal: pd.Series,
    plan_year: int,
    slots: list[str],
    lang: str = "ru",
    through: dict[int, float] | None = None,
) -> list[dict[str, Any]]:
    """The milestone rows of one goal (see the module docstring for the rules); ``through``
    are the values it must pass (:func:`anchors`)."""
    deadline = pd.Timestamp(goal["deadline"]).date()
    years = deadline.year - plan_year + 1
    baseline, target = float(goal["baseline"]), float(goal["target"])
    values = path_values(
        baseline, target, years, goal["path"], through, is_count_metric(goal["metric"])
    )
    added = np.diff(values)
    name = horizon(deadline, as_of=dt.date(plan_year, 1, 1), lang=lang)
    rows = []
    opened = int(baseline) if is_office_metric(goal["metric"]) else 0
    for i in range(years):
        regions = "" if is_all_regions(goal["region"]) else str(goal["region"])
        if is_office_metric(goal["metric"]) and is_all_regions(goal["region"]):
            count = int(added[i])
            regions = regions_text(slots[max(opened, 0) : max(opened + count, 0)])
            opened += count
        rows.append(
            {
                "goal": goal["goal"],
                "horizon": name,
                "year": plan_year + i,
                "milestone": float(values[i + 1]),
                "added": float(added[i]),
                "regions": regions,
            }
        )
    return rows


def milestones(
    goals: pd.DataFrame, regions: pd.DataFrame, plan_year: int, lang: str = "ru"
) -> pd.DataFrame:
    """The ``milestones`` output: every goal's horizon and yearly milestones, goals in order.

    Examples
    --------
    >>> goals = pd.DataFrame([{"goal": "10 offices", "metric": "offices", "baseline": 2,
    ...     "target": 10, "deadline": dt.date(2027, 12, 31), "owner": "", "region": "",
    ...     "path": "linear"}])
    >>> regions = pd.DataFrame({"region": ["A", "B"], "rollout_order": [1, 2],
    ...     "distance_km": [0, 300], "offices": [6, 4]})
    >>> milestones(goals, regions, 2026, "en")[["year", "milestone", "regions"]].values.tolist()
    [[2026, 6.0, 'A ×4'], [2027, 10.0, 'B ×4']]
    """
    slots = office_slots(regions)
    rows = [
        row
        for _, goal in goals.iterrows()
        for row in goal_milestones(goal, plan_year, slots, lang, anchors(goal, goals, plan_year))
    ]
    return frame("milestones", rows)
