"""Rollout of the regions by the method's rules.

The method opens regions one after another, the first within an overnight train of the head
office ("evening train, morning arrival": settings ``train_limit_km``, 600 km by default), and
treats Moscow and Saint Petersburg as atypical markets. A region opens once the region before it
has reached its plan: at the earliest when the newcomers there have ramped up (settings
``ramp_months`` after its opening). The ``rollout`` table shows each region's place, distances,
offices opening in the plan year and these rules; breaking one is a warning, not an error.

Examples
--------
>>> atypical("Санкт-Петербург"), atypical("Tula")
(True, False)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from . import labels
from .check import Problem
from .model import PlanInputs, frame
from .reconcile import offices_this_year
from .strategy import milestones, office_slots
from .values import blank

ATYPICAL = {"москва", "moscow", "санкт-петербург", "saint petersburg", "st petersburg", "спб"}


def atypical(region: Any) -> bool:
    """Moscow and Saint Petersburg, the method's atypical markets (either language)."""
    return str(region or "").strip().casefold() in ATYPICAL


def _ordered(inputs: PlanInputs) -> pd.DataFrame:
    regions = inputs.regions.copy()
    regions["row"] = range(len(regions))
    return regions.sort_values("rollout_order", kind="stable")


def _ready(opening: dt.date, ramp_months: float) -> dt.date:
    """When a region opened on ``opening`` can be at plan: its newcomers ramped up."""
    months = round(ramp_months)
    month = opening.month - 1 + months
    return dt.date(opening.year + month // 12, month % 12 + 1, min(opening.day, 28))


def first_region_distance(inputs: PlanInputs, lang: str) -> list[Problem]:
    """The first region after the head office is further than an overnight train."""
    regions = _ordered(inputs)
    if len(regions) < 2:
        return []
    first = regions.iloc[1]
    limit = float(inputs.settings["train_limit_km"])
    if blank(first["distance_km"]) or float(first["distance_km"]) <= limit:
        return []
    reason = labels.text(
        lang, "warn_far_first", value=f"{first['distance_km']:g}", limit=f"{limit:g}"
    )
    return [Problem("regions", int(first["row"]), "distance_km", reason)]


def opening_order(inputs: PlanInputs, lang: str) -> list[Problem]:
    """A region opening before the region before it can have reached its plan."""
    ramp = float(inputs.settings.get("ramp_months") or 0)
    found = []
    previous = None
    for _, region in _ordered(inputs).iterrows():
        opening = region["opening"]
        if previous is not None and not blank(opening) and not blank(previous["opening"]):
            ready = _ready(previous["opening"], ramp)
            if opening < ready:
                reason = labels.text(
                    lang,
                    "warn_opens_early",
                    value=_shown(opening, lang),
                    previous=previous["region"],
                    since=_shown(previous["opening"], lang),
                    ready=_shown(ready, lang),
                )
                found.append(Problem("regions", int(region["row"]), "opening", reason))
        previous = region
    return found


def _shown(day: dt.date, lang: str) -> str:
    return f"{day:%d.%m.%Y}" if lang == "ru" else f"{day:%Y-%m-%d}"


def _opened_before(inputs: PlanInputs, paths: pd.DataFrame) -> set[str]:
    """Regions with an office before the plan year (the offices goal's baseline)."""
    year = int(inputs.settings["plan_year"])
    rows = paths[(paths["year"] == year) & (paths["regions"].astype(str) != "")]
    if not len(rows):
        return set()
    before = int(rows["milestone"].iloc[0] - rows["added"].iloc[0])
    return set(office_slots(inputs.regions)[: max(before, 0)])


def offices_without_plan(inputs: PlanInputs, lang: str) -> list[Problem]:
    """Offices opening in the plan year in a region without a target or an opening date."""
    year = int(inputs.settings["plan_year"])
    paths = milestones(inputs.goals, inputs.regions, year, lang)
    opened = _opened_before(inputs, paths)
    targeted = {str(r).casefold() for r in inputs.targets["region"]}
    rows = {str(r): i for i, r in enumerate(inputs.regions["region"])}
    found = []
    for region, count in offices_this_year(inputs, paths).items():
        row = rows.get(region)
        if row is None:
            continue
        if region.casefold() not in targeted:
            reason = labels.text(lang, "warn_offices_no_target", count=count, year=year)
            found.append(Problem("regions", row, "offices", reason))
        if region not in opened and blank(inputs.regions["opening"].iloc[row]):
            reason = labels.text(lang, "warn_offices_no_opening", count=count, year=year)
            found.append(Problem("regions", row, "opening", reason))
    return found


def rollout(inputs: PlanInputs, paths: pd.DataFrame) -> pd.DataFrame:
    """The ``rollout`` output: every region in rollout order with the method's rules."""
    lang = labels.language(inputs.settings)
    opening = offices_this_year(inputs, paths)
    notes: dict[int, list[str]] = {}
    for rule in (first_region_distance, opening_order, offices_without_plan):
        for problem in rule(inputs, lang):
            notes.setdefault(int(problem.row or 0), []).append(problem.reason)
    regions = _ordered(inputs)
    rows = []
    for place, (_, region) in enumerate(regions.iterrows()):
        found = []
        if place == 1 and not notes.get(int(region["row"])):
            found.append(labels.text(lang, "first_ok"))
        if atypical(region["region"]):
            found.append(labels.text(lang, "atypical"))
        found += notes.get(int(region["row"]), [])
        if not blank(region["reason"]):
            found.append(str(region["reason"]))
        rows.append(
            {
                "region": region["region"],
                "rollout_order": region["rollout_order"],
                "opening": None if blank(region["opening"]) else region["opening"],
                "distance_km": region["distance_km"],
                "from_previous_km": region["from_previous_km"],
                "offices_this_year": opening.get(str(region["region"]), 0),
                "notes": "; ".join(found),
            }
        )
    return frame("rollout", rows)
