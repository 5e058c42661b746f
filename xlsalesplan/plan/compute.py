"""Refresh: all output tables of the plan from its inputs.

:func:`compute` checks the inputs first (:func:`check.check`) and refuses to compute from bad
ones: it raises :class:`PlanInputError` carrying every problem, so that nothing is written while
any remains.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from xlsalesplan.core.calendar import month_workdays

from . import labels
from .capacity import region_plans, starts
from .check import Problem, check
from .control import planfact_table, team_results
from .employees import daily_goals, employee_goals, goal_chain
from .method import method_outputs
from .model import PlanInputs, PlanOutputs
from .reconcile import reconciliation
from .roadmap import roadmap
from .roi import roi_table
from .rollout import rollout
from .sales import deals_tier, funnel_plan, sales_plan
from .strategy import milestones
from .tiers import tier_plan
from .values import normalised


class PlanInputError(ValueError):
    """The inputs have problems; ``problems`` lists them all (table, row, column, reason)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__(
            f"{len(problems)} problem(s) in the inputs; first: {first.table} row "
            f"{first.row}, {first.column}: {first.reason}"
        )


def compute(inputs: PlanInputs, baseline: pd.DataFrame | None = None) -> PlanOutputs:
    """Every output table of the plan.

    ``baseline``, the approved version's employee × month goals (the plan store keeps them):
    plan–fact measures against it and shows the current plan's deviation.

    Raises
    ------
    PlanInputError
        When :func:`check` finds problems.
    """
    problems = check(inputs)
    if problems:
        raise PlanInputError(problems)
    inputs = normalised(inputs)
    s = inputs.settings
    lang, year, country = labels.language(s), s["plan_year"], s.get("country") or "RU"
    as_of: dt.date = s["as_of"]
    closers = None if inputs.tiers.empty else inputs.tiers["tier"].iloc[deals_tier(inputs.tiers)]
    plans = region_plans(inputs, closers)
    sales = sales_plan(inputs.targets, plans, lang)
    goals = employee_goals(inputs.employees, plans)
    tiers = tier_plan(inputs.tiers, inputs.employees, plans, sales, lang)
    days = int(month_workdays(year, country)[as_of.month - 1])
    control = planfact_table(
        goals, starts(inputs.employees, inputs.regions), inputs.actuals, s, baseline
    )
    paths = milestones(inputs.goals, inputs.regions, year, lang)
    outputs = PlanOutputs(
        milestones=paths,
        sales_plan=sales,
        funnel_plan=funnel_plan(inputs.tiers, inputs.employees, tiers.year_volumes, as_of),
        employee_goals=goals,
        tier_goals=tiers.goals,
        reconciliation=reconciliation(inputs, paths, sales, goals),
        rollout=rollout(inputs, paths),
        shortfall=tiers.shortfall,
        daily_goals=daily_goals(goals, as_of.month, days),
        goal_chain=goal_chain(goals, inputs.employees, year),
        roi=roi_table(inputs.initiatives, lang, s["roi_window"]),
        planfact=control,
        team_results=team_results(control, s),
        roadmap=roadmap(inputs.stages, inputs.calendar, lang),
    )
    return dataclasses.replace(outputs, **method_outputs(inputs, outputs))
