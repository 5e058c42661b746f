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

from . import labels, reconcile, rollout, scenarios
from .check import Problem
from .columns import CALENDAR_KINDS, RISK_KINDS
from .compute import compute
from .control import reported
from .model import PlanInputs
from .schema import pick
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
    "предварительная диагностика": (1, 1),
    "pre-diagnostics": (1, 1),
    "диагностика": (2, 4),
    "diagnostics": (2, 4),
    "исследование рынка": (4, 8),
    "market research": (4, 8),
    "разработка стратегии": (4, 8),
    "strategy development": (4, 8),
    "сопровождение внедрения": (13, None),
    "implementation support": (13, None),
}
# Stages the method measures in days (shown so): in a plan of whole weeks, one week at most.
STAGE_DAYS: dict[str, str] = {"предварительная диагностика": "1–3", "pre-diagnostics": "1–3"}


@rule
def stage_durations(inputs: PlanInputs, lang: str) -> list[Problem]:
    """A stage the method knows, planned outside the method's range of weeks."""
    found = []
    for i, (stage, weeks) in enumerate(
        zip(inputs.stages["stage"], inputs.stages["weeks"], strict=True)
    ):
        name = text(stage).lower()
        known = STAGE_WEEKS.get(name)
        if known is None or weeks is None:
            continue
        low, high = known
        if weeks < low or (high is not None and weeks > high):
            if name in STAGE_DAYS:
                span = labels.text(lang, "days_span", span=STAGE_DAYS[name])
            else:
                weeks_span = f"{low:g}–{high:g}" if high is not None else f"≥ {low:g}"
                span = labels.text(lang, "weeks_span", span=weeks_span)
            reason = labels.text(lang, "stage_weeks", value=f"{weeks:g}", span=span)
            found.append(Problem("stages", i, "weeks", reason))
    return found


# ------------------------------------------------ the strategy documents of the method (§8)
@rule
def swot_actions(inputs: PlanInputs, lang: str) -> list[Problem]:
    """A weakness or threat without an action: the method asks an initiative for each."""
    found = []
    for table, key in (("weaknesses", "weakness"), ("threats", "threat")):
        frame = getattr(inputs, table)
        for i, (item, action) in enumerate(zip(frame[key], frame["action"], strict=True)):
            if not text(action):
                reason = labels.text(lang, "swot_no_action", value=text(item))
                found.append(Problem(table, i, "action", reason))
    return found


@rule
def stage_deliverables(inputs: PlanInputs, lang: str) -> list[Problem]:
    """A stage with no row in the stage work table (once that table is used at all)."""
    if not len(inputs.stage_work):
        return []
    worked = {text(s).casefold() for s in inputs.stage_work["stage"]}
    return [
        Problem("stages", i, "stage", labels.text(lang, "stage_no_work", value=text(stage)))
        for i, stage in enumerate(inputs.stages["stage"])
        if text(stage).casefold() not in worked
    ]


@rule
def calendar_initiatives(inputs: PlanInputs, lang: str) -> list[Problem]:
    """An initiative of the calendar plan that the initiatives table (ROI) does not know."""
    known = {text(i).casefold() for i in inputs.initiatives["initiative"]}
    word = pick(lang, CALENDAR_KINDS[0]).casefold()
    return [
        Problem("calendar", i, "item", labels.text(lang, "not_an_initiative", value=text(item)))
        for i, (item, kind) in enumerate(
            zip(inputs.calendar["item"], inputs.calendar["kind"], strict=True)
        )
        if text(kind).casefold() == word and text(item).casefold() not in known
    ]


@rule
def risk_kinds(inputs: PlanInputs, lang: str) -> list[Problem]:
    """A risk register without a budget, a schedule or a staff risk (the method's three)."""
    if not len(inputs.risks):
        return []
    present = {text(k).casefold() for k in inputs.risks["kind"]}
    return [
        Problem(
            "risks", None, "kind", labels.text(lang, "risk_kind_missing", kind=pick(lang, kind))
        )
        for kind in RISK_KINDS[:3]
        if pick(lang, kind).casefold() not in present
    ]


@rule
def client_sales(inputs: PlanInputs, lang: str) -> list[Problem]:
    """Sales by client that do not add up to the region's actuals to date."""
    if not len(inputs.client_sales):
        return []
    region_of = {
        text(e).casefold(): text(r).casefold()
        for e, r in zip(inputs.employees["employee"], inputs.employees["region"], strict=True)
    }
    actuals: dict[str, float] = {}
    for name, total in reported(inputs.actuals).items():
        region = region_of.get(name.casefold(), "")
        actuals[region] = actuals.get(region, 0.0) + total
    clients: dict[str, float] = {}
    first: dict[str, tuple[int, str]] = {}
    for i, (region, sales) in enumerate(
        zip(inputs.client_sales["region"], inputs.client_sales["sales"], strict=True)
    ):
        key = text(region).casefold()
        clients[key] = clients.get(key, 0.0) + float(sales or 0.0)
        first.setdefault(key, (i, text(region)))
    found = []
    for key, (row, name) in first.items():
        fact = actuals.get(key, 0.0)
        if abs(clients[key] - fact) > GAP_TOLERANCE:
            reason = labels.text(
                lang,
                "client_sales_gap",
                value=name,
                clients=_amount(clients[key], lang),
                actuals=_amount(fact, lang),
            )
            found.append(Problem("client_sales", row, "sales", reason))
    return found


GAP_TOLERANCE = 0.5  # half a currency unit: sums of whole amounts that differ in rounding only


def _amount(x: float, lang: str) -> str:
    """An amount as the planner reads it: 14,517,000 (14 517 000 in Russian)."""
    shown = f"{x:,.0f}"
    return shown.replace(",", "\u00a0") if lang == "ru" else shown


@rule
def scenarios_that_fail(inputs: PlanInputs, lang: str) -> list[Problem]:
    """A scenario the plan's code cannot compute (its figures are left blank)."""
    return scenarios.failures(inputs, compute) if len(inputs.scenarios) else []
