"""The assortment: each item's share of sales and a suggested strategy in the method's words.

The method names five assortment strategies: the full range; a range for a segment and
channel; line extension; line filling; line optimisation (dropping what does not pay). Each
item gets the first of these rules that holds, with its reason; the thresholds are settings
(minimum margin ``min_margin``, fast growth ``fast_growth``, core item ``core_share``):

1. margin below 0                                   → line optimisation (loss-making)
2. margin below the minimum and sales falling       → line optimisation
3. growth at least fast, margin at least the minimum → line extension
4. share at least the core share, margin at least the minimum → full range (a core item)
5. margin at least the minimum, growth 0 or more    → line filling (close the gaps)
6. otherwise (a low margin, or falling sales)       → a range for the segment and channel that
   buy (or pay)

``share`` = the item's sales ÷ the sales of every item. The sheet computes the same with one
formula per column (:mod:`xlsalesplan.io.method_native`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import labels
from .model import frame


def suggest(
    share: float | None, margin: float, growth: float, settings: dict[str, Any]
) -> tuple[str, str]:
    """(strategy key, reason key) of the first rule that holds (see the module docstring).

    Examples
    --------
    >>> rules = {"min_margin": 0.1, "fast_growth": 0.15, "core_share": 0.2}
    >>> suggest(0.3, -0.02, 0.4, rules), suggest(0.3, 0.25, 0.05, rules)
    (('line_optimisation', 'why_loss'), ('full_range', 'why_core'))
    """
    low, fast, core = settings["min_margin"], settings["fast_growth"], settings["core_share"]
    if margin < 0:
        return "line_optimisation", "why_loss"
    if margin < low and growth < 0:
        return "line_optimisation", "why_low_falling"
    if growth >= fast and margin >= low:
        return "line_extension", "why_fast"
    if share is not None and share >= core and margin >= low:
        return "full_range", "why_core"
    if margin >= low and growth >= 0:
        return "line_filling", "why_steady"
    return "segment_range", "why_falling" if growth < 0 else "why_low"


def assortment(products: pd.DataFrame, settings: dict[str, Any], lang: str) -> pd.DataFrame:
    """The ``assortment`` output, one row per item in the order given."""
    total = sum(float(v) for v in products["sales"])
    rows = []
    for _, item in products.iterrows():
        share = float(item["sales"]) / total if total else None
        strategy, reason = suggest(share, float(item["margin"]), float(item["growth"]), settings)
        rows.append(
            {
                "product": item["product"],
                "share": share,
                "strategy": labels.text(lang, strategy),
                "reason": labels.text(lang, reason),
            }
        )
    return frame("assortment", rows)
