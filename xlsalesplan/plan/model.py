"""The plan's tables: what the planner types in (:class:`PlanInputs`) and what refresh writes
(:class:`PlanOutputs`), with the stable English column keys of every table.

The tables and their columns are declared in :mod:`xlsalesplan.plan.tables`; here they become
DataFrames. Months are always the twelve months of the plan year, ``m01`` .. ``m12``. Money is
in the plan's currency.
Blank cells are ``None`` (or NaN/NaT after pandas has seen them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import field
from functools import partial
from typing import Any

import pandas as pd

from xlsalesplan.plan import tables
from xlsalesplan.plan.schema import MONTHS as MONTHS  # the month keys, used with the tables

SETTINGS: list[str] = [s.key for s in tables.SETTINGS]
INPUTS: dict[str, list[str]] = {t.key: t.keys for t in tables.INPUT_TABLES}
OUTPUTS: dict[str, list[str]] = {t.key: t.keys for t in tables.OUTPUT_TABLES}
COLUMNS: dict[str, list[str]] = {**INPUTS, **OUTPUTS}


def default_settings(year: int, language: str = "ru") -> dict[str, Any]:
    """Settings of a new, empty plan for ``year`` (what ``xlsalesplan new`` writes)."""
    return {
        "company": "",
        "plan_year": year,
        "currency": "RUB",
        "language": language,
        "country": "RU",
        "units": "RUB",
        "as_of": dt.date(year, 1, 1),
        "on_track": 0.95,
        "at_risk": 0.85,
        "capacity_mode": "сохранить цель" if language == "ru" else "keep the target",
        "gap_tolerance": 0.01,
        "roi_window": 6,
        "train_limit_km": 600,
        "ramp_months": 3,
        "concentration_limit": 0.04,
        "bonus_threshold": 0.8,
        "bonus_target": 1.0,
        "bonus_accelerator": 2.0,
        "bonus_cap": 1.5,
        "bonus_personal": 0.7,
        "discount_rate": 0.15,
        "min_margin": 0.1,
        "fast_growth": 0.15,
        "core_share": 0.2,
    }


def empty(table: str) -> pd.DataFrame:
    """A table with its columns and no rows."""
    return pd.DataFrame({key: pd.Series(dtype=object) for key in COLUMNS[table]})


@dataclasses.dataclass
class PlanInputs:
    """Everything the planner types in: the settings and one DataFrame per input table.

    Each frame has exactly the columns of ``INPUTS[name]``, in that order; rows are data rows
    (row 0 is the first row under the header), which is how :class:`Problem` positions refer
    to cells.
    """

    settings: dict[str, Any]
    goals: pd.DataFrame = field(default_factory=partial(empty, "goals"))
    regions: pd.DataFrame = field(default_factory=partial(empty, "regions"))
    targets: pd.DataFrame = field(default_factory=partial(empty, "targets"))
    seasonality: pd.DataFrame = field(default_factory=partial(empty, "seasonality"))
    tiers: pd.DataFrame = field(default_factory=partial(empty, "tiers"))
    employees: pd.DataFrame = field(default_factory=partial(empty, "employees"))
    initiatives: pd.DataFrame = field(default_factory=partial(empty, "initiatives"))
    actuals: pd.DataFrame = field(default_factory=partial(empty, "actuals"))
    stages: pd.DataFrame = field(default_factory=partial(empty, "stages"))
    # The strategy documents of the method (§8).
    stage_work: pd.DataFrame = field(default_factory=partial(empty, "stage_work"))
    calendar: pd.DataFrame = field(default_factory=partial(empty, "calendar"))
    strengths: pd.DataFrame = field(default_factory=partial(empty, "strengths"))
    weaknesses: pd.DataFrame = field(default_factory=partial(empty, "weaknesses"))
    opportunities: pd.DataFrame = field(default_factory=partial(empty, "opportunities"))
    threats: pd.DataFrame = field(default_factory=partial(empty, "threats"))
    documents: pd.DataFrame = field(default_factory=partial(empty, "documents"))
    factors: pd.DataFrame = field(default_factory=partial(empty, "factors"))
    risks: pd.DataFrame = field(default_factory=partial(empty, "risks"))
    products: pd.DataFrame = field(default_factory=partial(empty, "products"))
    client_sales: pd.DataFrame = field(default_factory=partial(empty, "client_sales"))
    suppliers: pd.DataFrame = field(default_factory=partial(empty, "suppliers"))
    bonus_targets: pd.DataFrame = field(default_factory=partial(empty, "bonus_targets"))
    channels: pd.DataFrame = field(default_factory=partial(empty, "channels"))
    effects: pd.DataFrame = field(default_factory=partial(empty, "effects"))

    def tables(self) -> dict[str, pd.DataFrame]:
        """The input tables by name (the keys of ``INPUTS``)."""
        return {name: getattr(self, name) for name in INPUTS}


@dataclasses.dataclass
class PlanOutputs:
    """Everything refresh writes: one DataFrame per output table, columns ``OUTPUTS[name]``."""

    milestones: pd.DataFrame = field(default_factory=partial(empty, "milestones"))
    sales_plan: pd.DataFrame = field(default_factory=partial(empty, "sales_plan"))
    funnel_plan: pd.DataFrame = field(default_factory=partial(empty, "funnel_plan"))
    employee_goals: pd.DataFrame = field(default_factory=partial(empty, "employee_goals"))
    tier_goals: pd.DataFrame = field(default_factory=partial(empty, "tier_goals"))
    reconciliation: pd.DataFrame = field(default_factory=partial(empty, "reconciliation"))
    rollout: pd.DataFrame = field(default_factory=partial(empty, "rollout"))
    shortfall: pd.DataFrame = field(default_factory=partial(empty, "shortfall"))
    daily_goals: pd.DataFrame = field(default_factory=partial(empty, "daily_goals"))
    goal_chain: pd.DataFrame = field(default_factory=partial(empty, "goal_chain"))
    roi: pd.DataFrame = field(default_factory=partial(empty, "roi"))
    planfact: pd.DataFrame = field(default_factory=partial(empty, "planfact"))
    team_results: pd.DataFrame = field(default_factory=partial(empty, "team_results"))
    roadmap: pd.DataFrame = field(default_factory=partial(empty, "roadmap"))
    # The strategy documents of the method (§8).
    swot_actions: pd.DataFrame = field(default_factory=partial(empty, "swot_actions"))
    document_control: pd.DataFrame = field(default_factory=partial(empty, "document_control"))
    factor_control: pd.DataFrame = field(default_factory=partial(empty, "factor_control"))
    risk_assessment: pd.DataFrame = field(default_factory=partial(empty, "risk_assessment"))
    assortment: pd.DataFrame = field(default_factory=partial(empty, "assortment"))
    concentration: pd.DataFrame = field(default_factory=partial(empty, "concentration"))
    over_limit: pd.DataFrame = field(default_factory=partial(empty, "over_limit"))
    bonus: pd.DataFrame = field(default_factory=partial(empty, "bonus"))
    economics: pd.DataFrame = field(default_factory=partial(empty, "economics"))
    cumulative_profit: pd.DataFrame = field(default_factory=partial(empty, "cumulative_profit"))
    effect_results: pd.DataFrame = field(default_factory=partial(empty, "effect_results"))

    def tables(self) -> dict[str, pd.DataFrame]:
        """The output tables by name (the keys of ``OUTPUTS``)."""
        return {name: getattr(self, name) for name in OUTPUTS}


def frame(table: str, rows: list[dict[str, Any]] | list[list[Any]]) -> pd.DataFrame:
    """A table from rows (dicts by key or lists in column order), columns in the agreed order."""
    columns = COLUMNS[table]
    if rows and isinstance(rows[0], dict):
        return pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=columns)
    return pd.DataFrame(rows, columns=columns) if rows else empty(table)
