"""Reconciliation: the plan year's revenue told once, level by level, with every gap.

From the top: the strategic goal for the plan year (the revenue goal due that year), the
milestone path of the long-term revenue goal for that year (it passes through the goal, see
:mod:`.strategy`), the sum of the targets by region and product, the sum of the regions' month
plans, the sum of the employees' goals — each with its gap to the level above. Then every
region: its employees' goals against its targets (its month plan is the sum of its employees'
months by construction), and what stands out (no team, an office opening, offices planned this
year without a target). A gap within the tolerance of
the settings (``gap_tolerance``, 1 % by default) agrees; a larger one is named in words.

:func:`goal_gap` gives the warning ``check`` lists (without blocking anything) for a gap between
the strategic goal and the targets above the tolerance.

Examples
--------
>>> from xlsalesplan.plan.demo import demo_inputs
>>> from xlsalesplan.plan.compute import compute
>>> table = compute(demo_inputs("en")).reconciliation
>>> for row in table[table["scope"] == "company"][["level", "value", "note"]].values[1:3]:
...     print(*row, sep=" | ")
milestone path for 2026 | 280000000.0 | agrees
targets (regions × products) | 280000000.0 | agrees
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import labels
from .check import Problem
from .model import MONTHS, PlanInputs, frame
from .strategy import is_all_regions, office_slots
from .values import blank

REVENUE_WORDS = ("выручк", "revenue")
_LEVELS = ("rec_goal", "rec_no_goal", "rec_path", "rec_targets", "rec_months", "rec_people")


def is_revenue(metric: Any) -> bool:
    """True for a metric in money of revenue (either language)."""
    return any(word in str(metric or "").casefold() for word in REVENUE_WORDS)


def year_goal(goals: pd.DataFrame, year: int) -> tuple[int, float] | None:
    """(row, target) of the company's revenue goal due in ``year`` (the last one if several)."""
    found = None
    for i, goal in goals.iterrows():
        due = pd.Timestamp(goal["deadline"]).date()
        company = is_revenue(goal["metric"]) and is_all_regions(goal["region"])
        if company and due.year == year and (found is None or due >= found[2]):
            found = (int(i), float(goal["target"]), due)
    return None if found is None else found[:2]


def _milestone(milestones: pd.DataFrame, goals: pd.DataFrame, year: int) -> float | None:
    """The plan year's milestone of the company's long-term revenue goal, if there is one."""
    later = [
        str(g["goal"])
        for _, g in goals.iterrows()
        if is_revenue(g["metric"])
        and is_all_regions(g["region"])
        and pd.Timestamp(g["deadline"]).date().year > year
    ]
    rows = milestones[milestones["goal"].astype(str).isin(later) & (milestones["year"] == year)]
    return float(rows["milestone"].iloc[0]) if len(rows) else None


def _agrees(value: float | None, reference: float | None, tolerance: float) -> bool:
    if value is None or reference is None:
        return True
    return abs(value - reference) <= tolerance * max(abs(reference), 1.0)


def _row(
    scope: str,
    level: str,
    value: float | None,
    above: float | None,
    lang: str,
    tolerance: float,
    note: str = "",
) -> dict[str, Any]:
    gap = None if value is None or above is None else value - above
    if not note and gap is not None:
        note = labels.text(
            lang,
            "agrees" if _agrees(value, above, tolerance) else "gap_words",
            gap=_money(gap),
            share=f"{gap / above:+.1%}" if above else "",
        )
    return {
        "scope": scope,
        "level": level,
        "value": value,
        "gap": gap,
        "gap_pct": None if gap is None or not above else gap / above,
        "note": note,
    }


def _money(x: float) -> str:
    return f"{x:+,.0f}".replace(",", " ")


def offices_this_year(inputs: PlanInputs, milestones: pd.DataFrame) -> dict[str, int]:
    """Offices each region opens in the plan year, by the offices goal's milestones."""
    year = int(inputs.settings["plan_year"])
    slots = office_slots(inputs.regions)
    found: dict[str, int] = {}
    rows = milestones[(milestones["year"] == year) & (milestones["regions"].astype(str) != "")]
    for _, row in rows.iterrows():
        opened = int(row["milestone"] - row["added"])
        for region in slots[max(opened, 0) : max(opened + int(row["added"]), 0)]:
            found[region] = found.get(region, 0) + 1
    return found


def reconciliation(
    inputs: PlanInputs,
    milestones: pd.DataFrame,
    sales: pd.DataFrame,
    goals: pd.DataFrame,
) -> pd.DataFrame:
    """The ``reconciliation`` output (normalised inputs; see the module docstring)."""
    s = inputs.settings
    lang, year = labels.language(s), int(s["plan_year"])
    tolerance = float(s["gap_tolerance"])  # 0 is a tolerance too: no `or` default
    company = labels.text(lang, "company")
    revenue = sales[sales["indicator"] == labels.text(lang, "revenue")]
    found = year_goal(inputs.goals, year)
    goal = None if found is None else found[1]
    path = _milestone(milestones, inputs.goals, year)
    targets = float(inputs.targets["revenue"].astype(float).sum())
    months = float(revenue[MONTHS].to_numpy(dtype=float).sum())
    people = float(goals[MONTHS].to_numpy(dtype=float).sum())
    words = {key: labels.text(lang, key, year=year) for key in _LEVELS}
    rows = [
        _row(
            company,
            words["rec_goal"],
            goal,
            None,
            lang,
            tolerance,
            "" if goal is not None else words["rec_no_goal"],
        ),
        _row(company, words["rec_path"], path, goal, lang, tolerance),
        _row(
            company,
            words["rec_targets"],
            targets,
            goal if goal is not None else path,
            lang,
            tolerance,
        ),
        _row(company, words["rec_months"], months, targets, lang, tolerance),
        _row(company, words["rec_people"], people, months, lang, tolerance),
    ]
    opening = {
        str(r).casefold(): o
        for r, o in zip(inputs.regions["region"], inputs.regions["opening"], strict=True)
    }
    planned = offices_this_year(inputs, milestones)
    regions = list(dict.fromkeys([*inputs.targets["region"].astype(str), *planned]))
    for region in regions:
        key = region.casefold()
        target = float(
            inputs.targets.loc[
                inputs.targets["region"].astype(str).str.casefold() == key, "revenue"
            ]
            .astype(float)
            .sum()
        )
        mine = goals["region"].astype(str).str.casefold() == key
        carried = float(goals.loc[mine, MONTHS].to_numpy(dtype=float).sum())
        notes = []
        if planned.get(region):
            notes.append(labels.text(lang, "rec_offices", count=planned[region], year=year))
            if not target:
                notes.append(labels.text(lang, "rec_no_target"))
        if not blank(opening.get(key)) and pd.Timestamp(opening[key]).year == year:
            notes.append(labels.text(lang, "rec_opens", date=_date(opening[key], lang)))
        if target and not carried:
            notes.append(labels.text(lang, "rec_no_team"))
        gap_note = "; ".join(notes)
        row = _row(region, labels.text(lang, "rec_region"), carried, target, lang, tolerance)
        if gap_note:
            row["note"] = f"{row['note']}; {gap_note}" if row["note"] else gap_note
        rows.append(row)
    return frame("reconciliation", rows)


def _date(value: Any, lang: str) -> str:
    day = pd.Timestamp(value).date()
    return f"{day:%d.%m.%Y}" if lang == "ru" else f"{day:%Y-%m-%d}"


def goal_gap(inputs: PlanInputs, lang: str) -> list[Problem]:
    """The targets add up to more or less than the strategic goal for the plan year."""
    year = int(inputs.settings["plan_year"])
    found = year_goal(inputs.goals, year)
    if found is None:
        return []
    row, goal = found
    tolerance = float(inputs.settings["gap_tolerance"])
    targets = float(np.nansum(inputs.targets["revenue"].astype(float)))
    if _agrees(targets, goal, tolerance):
        return []
    gap = targets - goal
    reason = labels.text(
        lang,
        "warn_goal_gap",
        targets=f"{targets:,.0f}".replace(",", " "),
        goal=f"{goal:,.0f}".replace(",", " "),
        share=f"{gap / goal:+.1%}" if goal else "",
        year=year,
        tolerance=f"{tolerance * 100:g}%",  # 0.5 % is not "0 %"
    )
    return [Problem("goals", row, "target", reason)]
