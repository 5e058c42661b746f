"""Warnings: where the plan can be computed but does not hang together. Listed, never blocking.

``check`` refuses what cannot be computed; :func:`warnings` points at what can but is
inconsistent — a stage longer than the method allows, a gap between the strategic goal and
the targets, … Each rule is a function of the (checked, normalised) inputs returning
:class:`~xlsalesplan.plan.check.Problem` s; modules add theirs with :func:`rule`.

Examples
--------
>>> from xlsalesplan.plan.demo import demo_inputs
>>> [w.reason for w in warnings(demo_inputs("en"))]
[]
"""

from __future__ import annotations

from collections.abc import Callable

from . import labels, reconcile, rollout
from .check import Problem
from .model import PlanInputs
from .values import normalised, text

Rule = Callable[[PlanInputs, str], list[Problem]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Register a warning rule: ``fn(inputs, lang)`` returns the problems it sees."""
    RULES.append(fn)
    return fn


def warnings(inputs: PlanInputs) -> list[Problem]:
    """Every warning about inputs that pass ``check`` (call it only on those)."""
    clean = normalised(inputs)
    lang = labels.language(clean.settings)
    return [problem for found in RULES for problem in found(clean, lang)]


rule(reconcile.goal_gap)
rule(rollout.first_region_distance)
rule(rollout.opening_order)
rule(rollout.offices_without_plan)


# The strategy project's stages and the method's durations in weeks (low, high; None: open).
STAGE_WEEKS: dict[str, tuple[float, float | None]] = {
    "диагностика": (2, 4),
    "diagnostics": (2, 4),
    "исследование рынка": (4, 8),
    "market research": (4, 8),
    "разработка стратегии": (4, 8),
    "strategy development": (4, 8),
    "сопровождение внедрения": (13, None),
    "implementation support": (13, None),
}


@rule
def stage_durations(inputs: PlanInputs, lang: str) -> list[Problem]:
    """A stage the method knows, planned outside the method's range of weeks."""
    found = []
    for i, (stage, weeks) in enumerate(
        zip(inputs.stages["stage"], inputs.stages["weeks"], strict=True)
    ):
        known = STAGE_WEEKS.get(text(stage).lower())
        if known is None or weeks is None:
            continue
        low, high = known
        if weeks < low or (high is not None and weeks > high):
            span = f"{low:g}–{high:g}" if high is not None else f"≥ {low:g}"
            reason = labels.text(lang, "stage_weeks", value=f"{weeks:g}", span=span)
            found.append(Problem("stages", i, "weeks", reason))
    return found
