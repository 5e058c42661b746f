"""ROI of the changes (initiatives), judged as the method judges them.

``roi`` = effect ÷ investment, for the period the effect was measured over (``months``);
``roi_annual`` = (1 + roi)^(12 ÷ months) − 1 only from a year of measurement on — a shorter
period is not extrapolated into a year; ``roi_risk`` = roi × confidence (how far the data can
be trusted, 0..1); ``hurdle_period`` = the investors' yearly hurdle for the same period,
(1 + hurdle)^(months ÷ 12) − 1, so a change is compared with what investors ask over the time it
has had.

The verdict, checked in this order (the first rule that holds wins):

1. months in effect < the evaluation window (settings ``roi_window``, default 6: the method
   judges a change after half a year to a year)  → "too early to judge"
2. confidence < 0.5                                → "low data confidence"
3. risk-adjusted ROI < the hurdle for the period   → "below the investors' hurdle"
4. otherwise (equal included)                      → "meets the hurdle"
"""

from __future__ import annotations

import pandas as pd

from xlsalesplan.core.finance import roi as core_roi

from . import labels
from .model import frame

DEFAULT_WINDOW = 6
MIN_CONFIDENCE = 0.5
# A risk-adjusted ROI this close to the hurdle equals it (powers leave float noise).
_SAME = 1e-12


def verdict(
    months: float, confidence: float, roi_risk: float, hurdle: float, lang: str, window: float = 6
) -> str:
    """The verdict text for one initiative (rules in the module docstring); ``hurdle`` is the
    hurdle for the same period as ``roi_risk``.

    Examples
    --------
    >>> verdict(2, 0.9, 1.0, 0.25, "en")
    'too early to judge'
    >>> verdict(12, 0.4, 1.0, 0.25, "en")
    'low data confidence'
    >>> verdict(12, 0.8, 0.2, 0.25, "en")
    "below the investors' hurdle"
    >>> verdict(12, 0.8, 0.25, 0.25, "en")
    'meets the hurdle'
    """
    if months < window:
        key = "too_early"
    elif confidence < MIN_CONFIDENCE:
        key = "low_confidence"
    elif roi_risk < hurdle - _SAME:
        key = "below_hurdle"
    else:
        key = "meets_hurdle"
    return labels.text(lang, key)


def roi_table(initiatives: pd.DataFrame, lang: str = "ru", window: float = 6) -> pd.DataFrame:
    """The ``roi`` output, one row per initiative.

    Examples
    --------
    >>> table = pd.DataFrame([{"initiative": "CRM", "investment": 100, "effect": 21,
    ...     "start": None, "months": 6, "confidence": 0.5, "hurdle": 0.2}])
    >>> row = roi_table(table, "en").iloc[0]
    >>> [round(float(row[k]), 4) for k in ("roi", "roi_risk", "hurdle_period")], row.verdict
    ([0.21, 0.105, 0.0954], 'meets the hurdle')
    >>> row.roi_annual is None  # half a year is not extrapolated into a year
    True
    """
    rows = []
    for _, item in initiatives.iterrows():
        months = float(item["months"])
        plain = float(core_roi(float(item["effect"]), float(item["investment"])))
        annual = None
        if months >= 12:
            annual = float(core_roi(float(item["effect"]), float(item["investment"]), months))
        risk = plain * float(item["confidence"])
        hurdle = (1 + float(item["hurdle"])) ** (months / 12) - 1
        rows.append(
            {
                "initiative": item["initiative"],
                "months": months,
                "roi": plain,
                "roi_annual": annual,
                "roi_risk": risk,
                "hurdle_period": hurdle,
                "verdict": verdict(months, float(item["confidence"]), risk, hurdle, lang, window),
            }
        )
    return frame("roi", rows)
