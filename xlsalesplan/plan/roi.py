"""ROI of the changes (initiatives): plain, annualised, risk-adjusted, and a verdict.

``roi`` = effect ÷ investment; ``roi_annual`` = (1 + roi)^(12 ÷ months) − 1, so changes measured
over different periods compare; ``roi_risk`` = roi_annual × confidence (how far the data can
be trusted, 0..1). With ``months`` = 0 (just started) nothing can be annualised: both are blank.

The verdict, checked in this order (the first rule that holds wins):

1. months in effect < 3                 → "too early to judge"
2. confidence < 0.5                     → "low data confidence"
3. risk-adjusted annual ROI < hurdle    → "below the investors' hurdle"
4. otherwise                            → "meets the hurdle"

One Excel formula does the same (E = months, F = confidence, G = hurdle, J = roi_risk; the texts
from :mod:`labels` in the workbook's language)::

    =IF(E2<3, "too early to judge", IF(F2<0.5, "low data confidence",
        IF(J2<G2, "below the investors' hurdle", "meets the hurdle")))
"""

from __future__ import annotations

import math

import pandas as pd

from xlsalesplan.core.finance import roi as core_roi

from . import labels
from .model import frame

MIN_MONTHS = 3
MIN_CONFIDENCE = 0.5


def verdict(months: float, confidence: float, roi_risk: float, hurdle: float, lang: str) -> str:
    """The verdict text for one initiative (rules in the module docstring).

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
    if months < MIN_MONTHS:
        key = "too_early"
    elif confidence < MIN_CONFIDENCE:
        key = "low_confidence"
    elif roi_risk < hurdle:
        key = "below_hurdle"
    else:
        key = "meets_hurdle"
    return labels.text(lang, key)


def roi_table(initiatives: pd.DataFrame, lang: str = "ru") -> pd.DataFrame:
    """The ``roi`` output, one row per initiative.

    Examples
    --------
    >>> table = pd.DataFrame([{"initiative": "CRM", "investment": 100, "effect": 21,
    ...     "start": None, "months": 6, "confidence": 0.5, "hurdle": 0.2}])
    >>> row = roi_table(table, "en").iloc[0]
    >>> [round(float(row[k]), 4) for k in ("roi", "roi_annual", "roi_risk")], row.verdict
    ([0.21, 0.4641, 0.232], 'meets the hurdle')
    """
    rows = []
    for _, item in initiatives.iterrows():
        months = float(item["months"])
        plain = float(core_roi(float(item["effect"]), float(item["investment"])))
        annual = math.nan
        if months > 0:
            annual = float(core_roi(float(item["effect"]), float(item["investment"]), months))
        risk = annual * float(item["confidence"])
        rows.append(
            {
                "initiative": item["initiative"],
                "roi": plain,
                "roi_annual": None if math.isnan(annual) else annual,
                "roi_risk": None if math.isnan(risk) else risk,
                "verdict": verdict(
                    months, float(item["confidence"]), risk, float(item["hurdle"]), lang
                ),
            }
        )
    return frame("roi", rows)
