"""Motivation and KPI: each employee's bonus from plan–fact, personal and team parts.

Payout
    The share of the target bonus that a completion c earns (settings: ``bonus_threshold`` T,
    ``bonus_target`` G, ``bonus_accelerator`` A, ``bonus_cap`` C)::

        c < T          →  0                      (below the threshold nothing is paid)
        T ≤ c ≤ G      →  c / G                  (100 % of the bonus at the target)
        c > G          →  1 + A × (c / G − 1)    (each point above target pays A times)
        and never more than C.

    So the payout never falls as completion rises and never exceeds the cap.

Bonus
    personal part = target bonus × ``bonus_personal`` × payout(personal result), team part =
    target bonus × (1 − ``bonus_personal``) × payout(team result), each rounded to whole
    currency units (Excel's ROUND); a part without a result pays 0. The personal result is the
    employee's revenue completion from plan–fact where they have a revenue plan, else their KPI
    completion. The team result is the region's completion: the facts of its employees with
    actuals ÷ their plans to date.

KPI beyond revenue
    Each tier works in its funnel stage's unit (leads, meetings, deals, clients in development).
    The tier's month volume (the funnel plan) is shared among the tier's employees by their
    ramp capacity in each month (a new hire gets a share as they ramp up), and summed to the
    cut-off date as revenue plans are (:func:`xlsalesplan.plan.control.plan_to_date`), rounded to
    whole units. KPI completion = the KPI done (typed in) ÷ that goal.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .control import plan_to_date
from .employees import capacities, round_half_up
from .model import frame


def payout(completion: float | None, settings: dict[str, Any]) -> float:
    """The share of the target bonus a completion earns (0 for no completion).

    Examples
    --------
    >>> rules = {"bonus_threshold": 0.8, "bonus_target": 1.0, "bonus_accelerator": 2.0,
    ...          "bonus_cap": 1.5}
    >>> [payout(c, rules) for c in (0.79, 0.8, 1.0, 1.1, 1.3, None)]
    [0.0, 0.8, 1.0, 1.2000000000000002, 1.5, 0.0]
    """
    if completion is None or math.isnan(completion):
        return 0.0
    threshold, target = settings["bonus_threshold"], settings["bonus_target"]
    if completion < threshold:
        return 0.0
    if completion <= target:
        share = completion / target
    else:
        share = 1 + settings["bonus_accelerator"] * (completion / target - 1)
    return min(settings["bonus_cap"], share)


def bonus_parts(
    target_bonus: float,
    personal: float | None,
    team: float | None,
    settings: dict[str, Any],
) -> tuple[float, float]:
    """(personal part, team part) of one employee's bonus, whole currency units."""
    share = settings["bonus_personal"]
    mine = (
        0.0
        if personal is None
        else round_half_up(target_bonus * share * payout(personal, settings))
    )
    ours = (
        0.0 if team is None else round_half_up(target_bonus * (1 - share) * payout(team, settings))
    )
    return mine, ours


def kpi_goals(
    employees: pd.DataFrame, tiers: pd.DataFrame, funnel: pd.DataFrame, settings: dict[str, Any]
) -> tuple[list[str], np.ndarray]:
    """Each employee's KPI unit (the tier's stage) and KPI goal to the cut-off date."""
    year, country = int(settings["plan_year"]), settings.get("country") or "RU"
    caps = capacities(employees["hire_date"].tolist(), year, float(settings["ramp_months"]))
    roles = [str(r).casefold() for r in employees["role"]]
    stage = {str(t).casefold(): str(s) for t, s in zip(tiers["tier"], tiers["stage"], strict=True)}
    volume = {
        str(t).casefold(): float(v)
        for t, v in zip(funnel["tier"], funnel["month_volume"], strict=True)
    }
    months = np.zeros((len(employees), 12))
    for tier in set(roles):
        rows = np.array([r == tier for r in roles])
        held = caps[rows].sum(axis=0)
        shares = np.divide(caps[rows], held, out=np.zeros_like(caps[rows]), where=held > 0)
        months[rows] = volume.get(tier, 0.0) * shares
    to_date = np.atleast_1d(plan_to_date(months, settings["as_of"], country))
    goals = np.array([round_half_up(x) for x in to_date]) if len(employees) else np.zeros(0)
    return [stage.get(r, "") for r in roles], goals


def team_results(planfact: pd.DataFrame) -> dict[str, float]:
    """Each region's completion: its employees' facts ÷ their plans to date (with a fact)."""
    fact: dict[str, float] = {}
    plan: dict[str, float] = {}
    for region, p, f in zip(
        planfact["region"], planfact["plan_to_date"], planfact["fact_to_date"], strict=True
    ):
        if f is None or (isinstance(f, float) and math.isnan(f)):
            continue
        key = str(region).casefold()
        fact[key] = fact.get(key, 0.0) + float(f)
        plan[key] = plan.get(key, 0.0) + float(p)
    return {key: fact[key] / plan[key] for key in fact if plan[key] > 0}


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def bonus_table(
    targets: pd.DataFrame,
    employees: pd.DataFrame,
    tiers: pd.DataFrame,
    funnel: pd.DataFrame,
    planfact: pd.DataFrame,
    settings: dict[str, Any],
) -> pd.DataFrame:
    """The ``bonus`` output, one row per row of the target bonuses."""
    units, goals = kpi_goals(employees, tiers, funnel, settings)
    index = {str(name).casefold(): i for i, name in enumerate(employees["employee"])}
    completion = {
        str(n).casefold(): _number(c)
        for n, c in zip(planfact["employee"], planfact["completion"], strict=True)
    }
    teams = team_results(planfact)
    regions = [str(r).casefold() for r in employees["region"]]
    rows = []
    # Column by column, not row by row: a pandas row per employee cost most of the time.
    for name, bonus, fact in zip(
        targets["employee"], targets["target_bonus"], targets["kpi_fact"], strict=True
    ):
        key = str(name).casefold()
        i = index[key]
        goal = float(goals[i])
        done = _number(fact)
        kpi = done / goal if done is not None and goal > 0 else None
        revenue = completion.get(key)
        personal = revenue if revenue is not None else kpi
        team = teams.get(regions[i])
        mine, ours = bonus_parts(float(bonus), personal, team, settings)
        rows.append(
            {
                "employee": name,
                "kpi": units[i],
                "kpi_goal": goal,
                "kpi_completion": kpi,
                "revenue": revenue,
                "personal": personal,
                "team": team,
                "personal_part": mine,
                "team_part": ours,
                "bonus": mine + ours,
            }
        )
    return frame("bonus", rows)
