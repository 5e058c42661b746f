"""Money formulas: ROI, payback period, customer lifetime value and CAGR.

Every argument may be one number or a range. Ranges are combined cell by cell; a single number
is used for every cell (the ROI of a range of effects over one investment). The result keeps the
layout of the first argument that is a range (a single number in → a single number out).

The small helpers :func:`aligned` and :func:`check` are shared with the plan–fact, funnel and
concentration formulas of the core.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .args import (
    ArgumentError,
    aligned,
    check_cells,
    fmt,
    format_position,
    is_vector,
    like,
    numbers,
    position,
    shape_text,
)


class NotReached(ArgumentError):
    """The flows never add up to the investment: there is no payback period.

    The Excel layer shows it as ``#N/A`` (the value does not exist), not as a bad argument.
    """


def roi(effect: Any, investment: Any, months: Any = None) -> float | np.ndarray:
    """Return on investment: effect ÷ investment, as a ratio (format the cell as %).

    Parameters
    ----------
    effect : number or range
        The money the change brought (extra margin, savings); a loss is negative.
    investment : number or range
        What the change cost; must be above 0.
    months : number or range, optional
        How long the change has been in effect. When given, the ROI is annualised so that
        changes measured over different periods compare: (1 + ROI)^(12 / months) − 1.
        A loss of the whole investment or more (ROI ≤ −100%) annualises to −100%: there is
        nothing left to compound, and (1 + ROI) below zero has no fractional power.

    Returns
    -------
    float or array
        One ratio per cell, laid out like the first range among the arguments.

    Raises
    ------
    ArgumentError
        A blank or non-numeric cell, an investment of 0 or less, months of 0 or less.

    Examples
    --------
    >>> roi(150_000, 100_000)
    1.5
    >>> round(roi(21_000, 100_000, months=6), 4)  # +21% in half a year ≈ +46.4% a year
    0.4641
    >>> roi([50, 100, -20], 100).tolist()
    [0.5, 1.0, -0.2]
    """
    args = [
        ("effect", numbers(effect, "effect")),
        ("investment", numbers(investment, "investment")),
    ]
    if months is not None:
        args.append(("months", numbers(months, "months")))
    for name, arr in args[1:]:
        check_cells(arr > 0, arr, name, "{value} must be above 0")
    shape, (e, inv, *rest) = aligned(*args)
    ratio = e / inv
    if not rest:
        return like(ratio, shape)
    (m,) = rest
    growth = 1.0 + ratio
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        annual = np.where(growth > 0, np.power(np.maximum(growth, 0.0), 12.0 / m) - 1.0, -1.0)
    check_cells(
        np.isfinite(annual),
        m,
        "months",
        "{value} months is too short: the annualised ROI is too large to show",
        args[2][1].shape,
    )
    return like(annual, shape)


def payback(investment: Any, flows: Any) -> float | np.ndarray:
    """Payback period: how many periods until the cumulative flows repay the investment.

    The count is fractional, assuming a period's flow comes in evenly: 2.5 means "during the
    3rd period, halfway through it"; 3.0 means "exactly at the end of the 3rd period". Flows
    may be negative (a bad month); the payback is the first moment the running total reaches
    the investment.

    Parameters
    ----------
    investment : number or range
        The amount to repay, above 0. A range gives one payback per investment, all against
        the same flows.
    flows : row or column
        The money coming back in each period, in order. A blank cell is a period with no flow.

    Returns
    -------
    float or array
        Periods, laid out like ``investment``.

    Raises
    ------
    NotReached
        The flows never add up to the investment (Excel shows #N/A); the message says how much
        they do repay.
    ArgumentError
        An investment of 0 or less, a flows range that is not a single row or column, a
        non-numeric cell.

    Examples
    --------
    >>> payback(100, [40, 40, 40])  # 40 + 40 = 80, the last 20 come halfway through period 3
    2.5
    """
    inv = numbers(investment, "investment")
    check_cells(inv > 0, inv, "investment", "{value} must be above 0")
    cash = numbers(flows, "flows", blank=0.0)
    if not is_vector(cash.shape) or cash.size == 0:
        raise ArgumentError(
            "flows", f"has {shape_text(cash.shape)}; give a single row or column of flows"
        )
    cash = cash.ravel()
    cumulative = np.cumsum(cash)
    # The running maximum first reaches a level where the running total first does, and it is
    # sorted, so one binary search per investment finds the period of payback.
    k = np.searchsorted(np.maximum.accumulate(cumulative), inv, side="left")
    never = k >= cash.size
    if never.any():
        i = int(np.argmax(never.ravel()))
        which = (
            "the investment"
            if inv.size == 1
            else f"investment{format_position(position(i, inv.shape))}"
        )
        raise NotReached(
            "flows",
            f"never repay {which} (total repaid {fmt(cumulative[-1])} "
            f"of {fmt(float(inv.ravel()[i]))})",
        )
    before = np.where(k > 0, cumulative[np.maximum(k - 1, 0)], 0.0)
    return like(k + (inv - before) / cash[k], inv.shape)


def ltv(
    arpu: Any, margin: Any, churn: Any, months: Any = None, discount: Any = None
) -> float | np.ndarray:
    """Customer lifetime value: the margin a customer brings over their life with you.

    With ``months``: Σ arpu·margin·(1−churn)^t / (1+discount)^t for t = 0 … months−1, i.e.
    the first period counts in full (the customer is there and paying) and each later period
    is weighted by the chance the customer is still there and, with ``discount``, by the time
    value of money. Without ``months`` the sum runs for ever: arpu·margin/churn, or with a
    discount arpu·margin·(1+discount)/(churn+discount).

    Parameters
    ----------
    arpu : number or range
        Average revenue per customer per period (0 or more).
    margin : number or range
        Margin as a ratio from 0 to 1 (25% is 0.25).
    churn : number or range
        Share of customers lost per period, a ratio from 0 to 1. Without ``months`` and without
        ``discount`` it must be above 0 (otherwise customers never leave and the value is
        infinite).
    months : number or range, optional
        Number of periods to count, a whole number of at least 1.
    discount : number or range, optional
        Discount rate per period as a ratio from 0 to 1 (1% a month is 0.01).

    Returns
    -------
    float or array
        Value per customer, laid out like the first range among the arguments.

    Raises
    ------
    ArgumentError
        A ratio outside 0…1, a negative arpu, months that are not a whole number ≥ 1, or churn 0
        with neither months nor discount.

    Examples
    --------
    >>> ltv(1000, 0.5, 0.05)  # 500 a month, 5% leave each month: 500 / 0.05
    10000.0
    >>> ltv(1000, 0.5, 0.5, months=3)  # 500 + 250 + 125
    875.0
    """
    raw = {"arpu": arpu, "margin": margin, "churn": churn}
    raw |= {name: v for name, v in (("months", months), ("discount", discount)) if v is not None}
    given = {name: numbers(v, name) for name, v in raw.items()}
    check_cells(given["arpu"] >= 0, given["arpu"], "arpu", "{value} is negative")
    for name in ("margin", "churn", "discount"):
        if name in given:
            arr = given[name]
            check_cells(
                (arr >= 0) & (arr <= 1),
                arr,
                name,
                "{value} is not a ratio from 0 to 1 (25% = 0.25)",
            )
    if "months" in given:
        m = given["months"]
        check_cells(
            (m >= 1) & (m == np.floor(m)),
            m,
            "months",
            "{value} is not a whole number of at least 1",
        )
    shape, cells = aligned(*given.items())
    cell = dict(zip(given, cells, strict=True))
    per_period = cell["arpu"] * cell["margin"]
    c = cell["churn"]
    d = cell.get("discount", np.zeros(shape))
    # Σ q^t with q = (1−c)/(1+d); written with log1p/expm1 and 1−q = (c+d)/(1+d) so that a churn
    # of a fraction of a percent keeps its digits.
    one_minus_q = (c + d) / (1.0 + d)
    if "months" not in given:
        check_cells(
            c + d > 0,
            c,
            "churn",
            "is 0, so customers never leave and the value is endless; give months or a discount",
            given["churn"].shape,
        )
        return like(per_period / one_minus_q, shape)
    m = cell["months"]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = np.log1p(-c) - np.log1p(d)
        geometric = np.where(one_minus_q > 0, -np.expm1(m * log_q) / one_minus_q, m)
    return like(per_period * geometric, shape)


def cagr(start: Any, end: Any, years: Any) -> float | np.ndarray:
    """Compound annual growth rate: (end / start)^(1 / years) − 1.

    Parameters
    ----------
    start : number or range
        Value at the beginning, above 0.
    end : number or range
        Value at the end, 0 or more (0 gives −100%).
    years : number or range
        Years between them, above 0 (fractions allowed: 18 months is 1.5).

    Returns
    -------
    float or array
        The yearly growth rate as a ratio, laid out like the first range among the arguments.

    Raises
    ------
    ArgumentError
        A start of 0 or less, a negative end, years of 0 or less.

    Examples
    --------
    >>> round(cagr(100, 150, 3), 4)  # 1.5^(1/3) = 1.1447
    0.1447
    """
    s, e, y = numbers(start, "start"), numbers(end, "end"), numbers(years, "years")
    check_cells(s > 0, s, "start", "{value} must be above 0")
    check_cells(e >= 0, e, "end", "{value} is negative")
    check_cells(y > 0, y, "years", "{value} must be above 0")
    shape, (s_, e_, y_) = aligned(("start", s), ("end", e), ("years", y))
    with np.errstate(over="ignore"):
        rate = np.power(e_ / s_, 1.0 / y_) - 1.0
    check_cells(
        np.isfinite(rate),
        y_,
        "years",
        "{value} is too short: the growth rate is too large to show",
        y.shape,
    )
    return like(rate, shape)
