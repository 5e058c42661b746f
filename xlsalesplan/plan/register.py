"""The strategy's registers: documents with their horizon and state, implementation factors with
their checkpoints, risks with their expected loss — and the SWOT's actions.

Documents (key points of the strategy, policies, plans)
    ``horizon`` from the day a document covers until (``until``), judged from 1 January of the
    plan year as the strategic goals are (:func:`xlsalesplan.core.horizon.horizon`): by the end
    of the plan year operational, within three years medium-term, later long-term. ``days_left``
    = due − the cut-off date (settings ``as_of``, the plan's "today"); ``state``: approved →
    done; else due before the cut-off → overdue; due within 30 days → due soon; else on
    schedule.

Implementation factors
    The same ``days_left`` and ``state`` for each measure's checkpoint ("done" when the measure
    is done).

Risks
    ``expected_loss`` = probability × impact; ``investment_share`` = the expected loss ÷ the
    linked initiative's investment; ``level`` high from 10 % of the investment, medium from 3 %,
    low below.

SWOT
    For each initiative, how many weaknesses and threats name it as their action.

The workbook computes every one of these figures itself (:mod:`xlsalesplan.io.method_native`);
the numbers here are the cached values it starts with.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from xlsalesplan.core.horizon import horizon

from . import labels
from .columns import DOC_STATUS, STEP_STATUS
from .model import frame
from .schema import pick

DUE_SOON_DAYS = 30
HIGH_RISK = 0.10  # expected loss as a share of the initiative's investment
MEDIUM_RISK = 0.03

_HORIZON = {
    "operational": "horizon_operational",
    "medium-term": "horizon_medium",
    "long-term": "horizon_long",
}


def state(done: bool, due: dt.date, as_of: dt.date, lang: str) -> str:
    """Done, overdue, due soon or on schedule.

    Examples
    --------
    >>> day = dt.date(2026, 7, 1)
    >>> [state(False, dt.date(2026, m, d), day, "en") for m, d in ((6, 30), (7, 31), (8, 1))]
    ['overdue', 'due soon', 'on schedule']
    >>> state(True, dt.date(2026, 1, 1), day, "en")
    'done'
    """
    if done:
        key = "state_done"
    elif due < as_of:
        key = "state_overdue"
    elif (due - as_of).days <= DUE_SOON_DAYS:
        key = "state_soon"
    else:
        key = "state_on_time"
    return labels.text(lang, key)


def _is(word: tuple[str, str], value: object, lang: str) -> bool:
    return str(value or "").strip().casefold() == pick(lang, word).casefold()


def document_control(
    documents: pd.DataFrame, plan_year: int, as_of: dt.date, lang: str
) -> pd.DataFrame:
    """The ``document_control`` output, one row per document in the register's order.

    Examples
    --------
    >>> docs = pd.DataFrame([{"document": "Pricing policy", "status": "in review",
    ...     "due": dt.date(2026, 7, 15), "until": dt.date(2028, 12, 31)}])
    >>> document_control(docs, 2026, dt.date(2026, 7, 1), "en").values.tolist()
    [['Pricing policy', 'medium-term', 14, 'due soon']]
    """
    kinds = (
        horizon(list(documents["until"]), as_of=dt.date(plan_year, 1, 1)) if len(documents) else []
    )
    rows = [
        {
            "document": row["document"],
            "horizon": labels.text(lang, _HORIZON[str(kind)]),
            "days_left": (row["due"] - as_of).days,
            "state": state(_is(DOC_STATUS[-1], row["status"], lang), row["due"], as_of, lang),
        }
        for (_, row), kind in zip(documents.iterrows(), kinds, strict=True)
    ]
    return frame("document_control", rows)


def factor_control(factors: pd.DataFrame, as_of: dt.date, lang: str) -> pd.DataFrame:
    """The ``factor_control`` output: each measure's days to its checkpoint and its state."""
    rows = [
        {
            "measure": row["measure"],
            "days_left": (row["checkpoint"] - as_of).days,
            "state": state(
                _is(STEP_STATUS[-1], row["status"], lang), row["checkpoint"], as_of, lang
            ),
        }
        for _, row in factors.iterrows()
    ]
    return frame("factor_control", rows)


def risk_level(share: float | None, lang: str) -> str:
    """High, medium or low by the expected loss's share of the investment (blank: no level)."""
    if share is None:
        return ""
    key = (
        "level_high"
        if share >= HIGH_RISK
        else "level_medium"
        if share >= MEDIUM_RISK
        else "level_low"
    )
    return labels.text(lang, key)


def risk_assessment(risks: pd.DataFrame, initiatives: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ``risk_assessment`` output, one row per risk.

    Examples
    --------
    >>> risks = pd.DataFrame([{"risk": "Overrun", "initiative": "CRM", "probability": 0.3,
    ...     "impact": 1_350_000.0}])
    >>> crm = pd.DataFrame([{"initiative": "crm", "investment": 4_500_000.0}])
    >>> risk_assessment(risks, crm, "en").values.tolist()  # 405,000 of 4.5 m = 9 %
    [['Overrun', 405000.0, 0.09, 'medium']]
    """
    investment = {
        str(name).casefold(): float(amount)
        for name, amount in zip(initiatives["initiative"], initiatives["investment"], strict=True)
    }
    rows = []
    for _, row in risks.iterrows():
        expected = float(row["probability"]) * float(row["impact"])
        base = investment.get(str(row["initiative"]).casefold())
        share = expected / base if base else None
        rows.append(
            {
                "risk": row["risk"],
                "expected_loss": expected,
                "investment_share": share,
                "level": risk_level(share, lang),
            }
        )
    return frame("risk_assessment", rows)


def swot_actions(
    initiatives: pd.DataFrame, weaknesses: pd.DataFrame, threats: pd.DataFrame
) -> pd.DataFrame:
    """The ``swot_actions`` output: per initiative, the weaknesses and threats it answers."""

    def counts(actions: pd.Series) -> dict[str, int]:
        found: dict[str, int] = {}
        for action in actions:
            if action is not None and str(action).strip():
                key = str(action).strip().casefold()
                found[key] = found.get(key, 0) + 1
        return found

    weak, threat = counts(weaknesses["action"]), counts(threats["action"])
    rows = [
        {
            "initiative": name,
            "weaknesses": weak.get(str(name).casefold(), 0),
            "threats": threat.get(str(name).casefold(), 0),
        }
        for name in initiatives["initiative"]
    ]
    return frame("swot_actions", rows)
