"""Refresh: all output tables of the plan from its inputs.

:func:`compute` checks the inputs first (:func:`check.check`) and refuses to compute from bad
ones: it raises :class:`PlanInputError` carrying every problem, so that nothing is written while
any remains.
"""

from __future__ import annotations

import datetime as dt

from xlsalesplan.core.calendar import month_workdays

from . import labels
from .capacity import region_plans
from .check import Problem, check
from .control import planfact_table
from .employees import daily_goals, employee_goals, goal_chain
from .model import PlanInputs, PlanOutputs
from .roadmap import roadmap
from .roi import roi_table
from .sales import deals_tier, funnel_plan, sales_plan
from .strategy import milestones
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


def compute(inputs: PlanInputs) -> PlanOutputs:
    """Every output table of the plan.

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
    deals = sales.loc[sales["indicator"] == labels.text(lang, "deals"), "total"].sum()
    goals = employee_goals(inputs.employees, plans)
    days = int(month_workdays(year, country)[as_of.month - 1])
    return PlanOutputs(
        milestones=milestones(inputs.goals, inputs.regions, year, lang),
        sales_plan=sales,
        funnel_plan=funnel_plan(inputs.tiers, inputs.employees, float(deals)),
        employee_goals=goals,
        daily_goals=daily_goals(goals, as_of.month, days),
        goal_chain=goal_chain(goals, inputs.employees, year),
        roi=roi_table(inputs.initiatives, lang),
        planfact=planfact_table(goals, inputs.employees, inputs.actuals, s),
        roadmap=roadmap(inputs.stages),
    )
