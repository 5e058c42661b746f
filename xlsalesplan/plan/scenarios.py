"""Scenarios side by side: the plan recomputed with its drivers changed, by the plan's own code.

A scenario is a row of the Scenarios table: a name and six drivers, each blank for "no
change". :func:`apply` turns the plan's inputs into the scenario's inputs; the caller's
``compute`` (:func:`xlsalesplan.plan.compute.compute`) computes them exactly as it computes
the plan. The plan's own inputs and outputs are never touched: the base scenario *is* the plan.

Drivers
    ``targets_change``
        Every annual revenue target × (1 + change); fixed employee goals too (rounded to whole
        units), so that a region's fixed goals keep their share of its plan.
    ``avg_deal_change``
        Every average deal × (1 + change): fewer, larger deals for the same revenue.
    ``conversion_change``
        Every tier's conversion × (1 + change), at most 100 %.
    ``hire_delay``
        The plan year's new hires (hire date on or after 1 January of the plan year) join this
        many months later; a hire pushed past the plan year is left out of the scenario (with
        their actuals), as they would not be on the team that year.
    ``productivity_change``
        Every tier's productivity × (1 + change): fewer people needed for the same volumes.
    ``effect_change``
        Every initiative's effect × (1 + change).

Figures
    For the plan and each scenario, in this order: revenue by month and for the year, deals a
    year, each funnel stage's volume a year, each tier's head count needed and its average head
    count over the year (each employee counted by their ramp-up capacity, so a later hire
    counts less), and each initiative's risk-adjusted annual ROI. Every scenario has the same
    figures as the plan in the same order, so the side-by-side view can put them in columns.

A scenario whose inputs cannot be planned (a region left with revenue but nobody to sell in a
month, after a hire delay) gets blank figures and a warning naming it; it never blocks the
plan.

Examples
--------
>>> from xlsalesplan.plan.compute import compute
>>> from xlsalesplan.plan.demo import demo_inputs
>>> outputs = compute(demo_inputs("en"))
>>> results = outputs.scenario_results
>>> results["scenario"].unique().tolist()
['Base plan', 'Pessimistic', 'Optimistic', 'Hires 3 months late']
>>> base = results[results["scenario"] == "Base plan"].set_index("indicator")["value"]
>>> bool(base["Year total"] == outputs.sales_plan.query("indicator == 'revenue'")["total"].sum())
True
"""

from __future__ import annotations

import calendar
import collections
import dataclasses
import datetime as dt
import hashlib
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from . import labels
from .check import Problem
from .employees import capacities
from .model import MONTHS, PlanInputs, PlanOutputs, empty, frame
from .schema import MONTH_NAMES, pick
from .values import blank

__all__ = [
    "BASE",
    "DRIVERS",
    "Drivers",
    "apply",
    "figures",
    "scenario_results",
]

BASE = ("Базовый план", "Base plan")
DRIVERS = (
    "targets_change",
    "avg_deal_change",
    "conversion_change",
    "hire_delay",
    "productivity_change",
    "effect_change",
)

# Sections and figure names, (ru, en).
SECTION = {
    "revenue": ("Выручка", "Revenue"),
    "deals": ("Сделки", "Deals"),
    "funnel": ("Воронка, объём за год", "Funnel, volume a year"),
    "heads": ("Численность", "Head count"),
    "roi": ("ROI с учётом риска", "Risk-adjusted ROI"),
}
YEAR_TOTAL = ("Итого за год", "Year total")
DEALS_YEAR = ("Сделок за год", "Deals a year")
HEADS_NEEDED = ("{tier}: нужно", "{tier}: needed")
HEADS_AVERAGE = ("{tier}: в среднем за год", "{tier}: average over the year")
FAILED = (
    "сценарий «{name}» не считается: {reason}",
    "scenario '{name}' cannot be computed: {reason}",
)


@dataclasses.dataclass(frozen=True)
class Drivers:
    """A scenario's changes to the plan; zero everywhere is the plan itself.

    Examples
    --------
    >>> Drivers.of({"scenario": "x", "targets_change": 0.1, "hire_delay": None}).targets_change
    0.1
    """

    targets_change: float = 0.0
    avg_deal_change: float = 0.0
    conversion_change: float = 0.0
    hire_delay: int = 0
    productivity_change: float = 0.0
    effect_change: float = 0.0

    @classmethod
    def of(cls, row: Any) -> Drivers:
        """The drivers of a Scenarios row (a dict or a pandas row); blanks are no change."""
        values = {key: (0.0 if blank(row.get(key)) else float(row.get(key))) for key in DRIVERS}
        values["hire_delay"] = int(values["hire_delay"])
        return cls(**values)


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` later, on the same day of the month or the month's last.

    Examples
    --------
    >>> _add_months(dt.date(2026, 11, 30), 3)
    datetime.date(2027, 2, 28)
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _whole(x: float) -> float:
    return float(math.floor(x + 0.5))


def apply(inputs: PlanInputs, drivers: Drivers) -> PlanInputs:
    """The plan's inputs (checked and normalised) with a scenario's drivers applied.

    The result is a new :class:`PlanInputs` with no scenarios of its own; ``inputs`` is not
    changed.

    Examples
    --------
    >>> from xlsalesplan.plan.demo import demo_inputs
    >>> from xlsalesplan.plan.values import normalised
    >>> plan = normalised(demo_inputs("en"))
    >>> more = apply(plan, Drivers(targets_change=0.1))
    >>> float(more.targets["revenue"].sum() / plan.targets["revenue"].sum())
    1.1
    """
    year = int(inputs.settings["plan_year"])
    tables = {name: frame.copy() for name, frame in inputs.tables().items()}
    targets, tiers = tables["targets"], tables["tiers"]
    employees, initiatives = tables["employees"], tables["initiatives"]
    if drivers.targets_change:
        factor = 1.0 + drivers.targets_change
        targets["revenue"] = [float(v) * factor for v in targets["revenue"]]
        employees["fixed_goal"] = [
            None if blank(v) else _whole(float(v) * factor) for v in employees["fixed_goal"]
        ]
    if drivers.avg_deal_change:
        factor = 1.0 + drivers.avg_deal_change
        targets["avg_deal"] = [float(v) * factor for v in targets["avg_deal"]]
    if drivers.conversion_change:
        factor = 1.0 + drivers.conversion_change
        tiers["conversion"] = [
            None if blank(v) else min(1.0, float(v) * factor) for v in tiers["conversion"]
        ]
    if drivers.productivity_change:
        factor = 1.0 + drivers.productivity_change
        tiers["productivity"] = [float(v) * factor for v in tiers["productivity"]]
    if drivers.effect_change:
        factor = 1.0 + drivers.effect_change
        initiatives["effect"] = [float(v) * factor for v in initiatives["effect"]]
    if drivers.hire_delay:
        start = dt.date(year, 1, 1)
        hired, kept = [], []
        for value in employees["hire_date"]:
            if blank(value) or value < start:
                hired.append(value)
                kept.append(True)
            else:
                later = _add_months(value, drivers.hire_delay)
                hired.append(later)
                kept.append(later.year == year)
        employees["hire_date"] = pd.Series(hired, index=employees.index, dtype=object)
        if not all(kept):
            gone = set(employees.loc[[not k for k in kept], "employee"].astype(str).str.casefold())
            employees = employees.loc[kept].reset_index(drop=True)
            actuals = tables["actuals"]
            keep = [str(e).casefold() not in gone for e in actuals["employee"]]
            tables["actuals"] = actuals.loc[keep].reset_index(drop=True)
    tables.update(
        targets=targets,
        tiers=tiers,
        employees=employees,
        initiatives=initiatives,
        scenarios=empty("scenarios"),
    )
    return PlanInputs(settings=dict(inputs.settings), **tables)


def figures(inputs: PlanInputs, outputs: PlanOutputs, lang: str) -> list[tuple[str, str, Any]]:
    """(section, indicator, value) of a computed plan, in the order every scenario shares.

    ``inputs`` are the (normalised) inputs ``outputs`` were computed from.
    """
    found: list[tuple[str, str, Any]] = []
    sales = outputs.sales_plan
    revenue = sales[sales["indicator"] == labels.text(lang, "revenue")]
    months = revenue[MONTHS].to_numpy(dtype=float).sum(axis=0) if len(revenue) else np.zeros(12)
    section = pick(lang, SECTION["revenue"])
    for name, value in zip(MONTH_NAMES[lang], months.tolist(), strict=True):
        found.append((section, name, value))
    found.append((section, pick(lang, YEAR_TOTAL), float(months.sum())))
    deals = sales.loc[sales["indicator"] == labels.text(lang, "deals"), "total"]
    found.append((pick(lang, SECTION["deals"]), pick(lang, DEALS_YEAR), float(deals.sum())))
    funnel = outputs.funnel_plan
    section = pick(lang, SECTION["funnel"])
    for stage, volume in zip(funnel["stage"], funnel["year_volume"], strict=True):
        found.append((section, str(stage), float(volume)))
    year = int(inputs.settings["plan_year"])
    staff = inputs.employees
    caps = capacities(staff["hire_date"].tolist(), year, float(inputs.settings["ramp_months"]))
    average = caps.mean(axis=1) if len(staff) else np.zeros(0)
    roles = [str(r).casefold() for r in staff["role"]]
    section = pick(lang, SECTION["heads"])
    for tier, needed in zip(funnel["tier"], funnel["heads_needed"], strict=True):
        key = str(tier).casefold()
        heads = sum(a for a, r in zip(average.tolist(), roles, strict=True) if r == key)
        found.append((section, pick(lang, HEADS_NEEDED).format(tier=tier), float(needed)))
        found.append((section, pick(lang, HEADS_AVERAGE).format(tier=tier), round(heads, 1)))
    section = pick(lang, SECTION["roi"])
    for initiative, value in zip(outputs.roi["initiative"], outputs.roi["roi_risk"], strict=True):
        found.append((section, str(initiative), None if blank(value) else float(value)))
    return found


Compute = Callable[[PlanInputs], PlanOutputs]
Run = tuple[list[tuple[str, str, Any]] | None, str | None]  # (figures, why it failed)
_RUNS: collections.OrderedDict[str, list[Run]] = collections.OrderedDict()
_KEPT = 4  # plans whose scenario runs are remembered (refresh asks twice: outputs, warnings)


def _failure(error: Exception) -> str:
    problems = getattr(error, "problems", None)
    return problems[0].reason if problems else str(error)


def _digest(inputs: PlanInputs) -> str:
    """A digest of every input value: the same inputs give the same scenario runs."""
    digest = hashlib.sha1(repr(sorted(inputs.settings.items(), key=str)).encode())
    for name, table in inputs.tables().items():
        digest.update(repr((name, list(table.columns), table.to_numpy().tolist())).encode())
    return digest.hexdigest()


def _runs(inputs: PlanInputs, compute: Compute) -> list[Run]:
    """Each scenario computed (its figures) or not (why), for checked, normalised inputs.

    The last few plans' runs are remembered, so that the warnings about failed scenarios do
    not compute them all again after the outputs did.
    """
    key = _digest(inputs)
    if key in _RUNS:
        _RUNS.move_to_end(key)
        return _RUNS[key]
    lang = labels.language(inputs.settings)
    runs: list[Run] = []
    for _, row in inputs.scenarios.iterrows():
        try:
            changed = apply(inputs, Drivers.of(row))
            runs.append((figures(changed, compute(changed), lang), None))
        except ValueError as error:  # PlanInputError, an infeasible balance: blank figures
            runs.append((None, _failure(error)))
    _RUNS[key] = runs
    while len(_RUNS) > _KEPT:
        _RUNS.popitem(last=False)
    return runs


def scenario_results(inputs: PlanInputs, outputs: PlanOutputs, compute: Compute) -> pd.DataFrame:
    """The ``scenario_results`` output: the plan's figures, then each scenario's beside them.

    ``inputs`` are the plan's checked, normalised inputs and ``outputs`` what ``compute``
    made of them; ``compute`` computes each scenario's inputs the same way. Each row carries
    the scenario's value, the plan's value of the same figure and the change (value ÷ base
    − 1, blank where the base is 0 or blank). A scenario that cannot be computed has blank
    values (:func:`failures` says why).
    """
    lang = labels.language(inputs.settings)
    base = figures(inputs, outputs, lang)
    rows = [[pick(lang, BASE), s, i, v, v, _change(v, v)] for s, i, v in base]
    runs = _runs(inputs, compute)
    for name, (found, _) in zip(inputs.scenarios["scenario"], runs, strict=True):
        if found is None:
            found = [(s, i, None) for s, i, _ in base]
        if [f[:2] for f in found] != [b[:2] for b in base]:  # a tier or initiative went away
            by_name = {f[:2]: f[2] for f in found}
            found = [(s, i, by_name.get((s, i))) for s, i, _ in base]
        rows += [
            [str(name), s, i, v, b, _change(v, b)]
            for (s, i, v), (_, _, b) in zip(found, base, strict=True)
        ]
    return frame("scenario_results", rows)


def _change(value: Any, base: Any) -> Any:
    """value ÷ base − 1, as the table's formula computes it (blank without both, or base 0)."""
    if value is None or base is None or base == 0:
        return None
    return value / base - 1


def figure_count(results: pd.DataFrame) -> int:
    """How many figures each scenario has (the base plan's rows come first)."""
    if not len(results):
        return 0
    first = results["scenario"].iloc[0]
    names = results["scenario"].tolist()
    return next((i for i, n in enumerate(names) if n != first), len(names))


def failures(inputs: PlanInputs, compute: Compute) -> list[Problem]:
    """The scenarios that cannot be computed, with the reason, as warnings on their name
    (``inputs`` checked and normalised, as the warning rules get them)."""
    lang = labels.language(inputs.settings)
    found = []
    runs = _runs(inputs, compute)
    for i, (name, (_, why)) in enumerate(zip(inputs.scenarios["scenario"], runs, strict=True)):
        if why is not None:
            reason = pick(lang, FAILED).format(name=name, reason=why)
            found.append(Problem("scenarios", i, "scenario", reason))
    return found
