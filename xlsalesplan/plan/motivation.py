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
    employee's revenue completion from plan–fact where they have one, else their KPI
    completion. The team result is the region's completion of the team results (plan–fact
    rolled up by region: the facts of the people who reported ÷ their plans to date).

KPI beyond revenue
    Each tier works in its funnel stage's unit (leads, meetings, deals, clients in development):
    the tier goals give every person's goal per month in that unit. The KPI goal is their sum to
    the cut-off date, counted as revenue plans are (:func:`xlsalesplan.plan.control.plan_to_date`:
    the current month prorated by working days), rounded to whole units; KPI completion = the
    KPI done (typed in) ÷ that goal.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from . import labels
from .control import plan_to_date
from .employees import round_half_up
from .model import MONTHS, frame


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


def kpi_to_date(tier_goals: pd.DataFrame, settings: dict[str, Any]) -> np.ndarray:
    """Each person's KPI goal to the cut-off date, whole units (rows of the tier goals)."""
    if not len(tier_goals):
        return np.zeros(0)
    months = tier_goals[MONTHS].to_numpy(dtype=float)
    done = plan_to_date(months, settings["as_of"], settings.get("country") or "RU")
    return np.array([round_half_up(x) for x in np.atleast_1d(done)])


def team_completion(team_results: pd.DataFrame, lang: str) -> dict[str, float]:
    """Each region's completion from the team results (regions with a result only)."""
    region = labels.text(lang, "level_region")
    return {
        str(name).casefold(): float(done)
        for level, name, done in zip(
            team_results["level"], team_results["name"], team_results["completion"], strict=True
        )
        if level == region and _number(done) is not None
    }


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def bonus_table(
    targets: pd.DataFrame,
    employees: pd.DataFrame,
    tier_goals: pd.DataFrame,
    planfact: pd.DataFrame,
    team_results: pd.DataFrame,
    settings: dict[str, Any],
) -> pd.DataFrame:
    """The ``bonus`` output, one row per row of the target bonuses.

    ``tier_goals`` and ``planfact`` have one row per employee, in the employees' order.
    """
    goals = kpi_to_date(tier_goals, settings)
    units = tier_goals["unit"].tolist()
    index = {str(name).casefold(): i for i, name in enumerate(employees["employee"])}
    completion = [_number(c) for c in planfact["completion"]]
    teams = team_completion(team_results, labels.language(settings))
    regions = [str(r).casefold() for r in employees["region"]]
    rows = []
    # Column by column, not row by row: a pandas row per employee cost most of the time.
    for name, bonus, fact in zip(
        targets["employee"], targets["target_bonus"], targets["kpi_fact"], strict=True
    ):
        i = index[str(name).casefold()]
        goal = float(goals[i])
        done = _number(fact)
        kpi = done / goal if done is not None and goal > 0 else None
        revenue = completion[i]
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
