"""Plan–fact control at a checkpoint: completion of the plan and the run-rate forecast.

A blank result (NaN in the float array) means "nothing to show yet"; the Excel layer shows it
as an empty cell, so a month not yet reported stays empty instead of reading 0%.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .args import aligned, check_cells, like, numbers


def _optional(value: Any, name: str) -> np.ndarray:
    """Numbers where a blank cell (or a pandas NaN) is kept as NaN; infinity is still an error."""
    arr = numbers(value, name, blank=np.nan, allow_nan=True)
    check_cells(~np.isinf(arr), arr, name, "is infinite")
    return arr


def planfact(plan: Any, fact: Any) -> float | np.ndarray:
    """Completion of the plan: fact ÷ plan, as a ratio (format the cell as %).

    The result is blank (an empty cell) where there is nothing to measure yet:

    - the plan is blank (no plan for that cell);
    - the fact is blank (the month is not reported yet; a reported zero gives 0%);
    - the plan is 0 (nothing was planned, so a completion percentage has no meaning - a
      seasonal month without sales does not break the whole row with an error).

    A negative fact (returns exceeding sales) gives a negative completion.

    Parameters
    ----------
    plan : number or range
        Planned values, 0 or more; blanks allowed.
    fact : number or range
        Actual values, same size as ``plan`` (or a single number); blanks allowed.

    Returns
    -------
    float or array
        Completion ratios laid out like ``plan`` (like ``fact`` when ``plan`` is a single number);
        NaN for blank.

    Raises
    ------
    ArgumentError
        A negative plan, a non-numeric cell, or sizes that do not fit.

    Examples
    --------
    >>> planfact([100, 200, 0, None], [95, 250, 10, 40]).tolist()
    [0.95, 1.25, nan, nan]
    """
    p, f = _optional(plan, "plan"), _optional(fact, "fact")
    check_cells(
        ~(p < 0),
        p,
        "plan",
        "{value} is negative; completion is measured against a plan of 0 or more",
    )
    shape, (p_, f_) = aligned(("plan", p), ("fact", f))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(p_ > 0, f_ / p_, np.nan)
    return like(ratio, shape)


def runrate(fact_to_date: Any, elapsed: Any, total: Any) -> float | np.ndarray:
    """Run-rate forecast at the end of the period: fact_to_date × total ÷ elapsed.

    If sales keep the pace of the working days so far, this is what the period will end with.
    ``elapsed`` and ``total`` are working days (use WORKDAYS), fractions allowed for half days.

    The forecast is blank (an empty cell) when the fact is blank (not reported yet) or when no
    working day has passed (``elapsed`` = 0: there is no pace to extend yet; showing the fact
    to date would pass off zero as a forecast).

    Parameters
    ----------
    fact_to_date : number or range
        Actual value from the start of the period to today; blanks allowed.
    elapsed : number or range
        Working days passed, from 0 to ``total``.
    total : number or range
        Working days in the whole period, 0 or more.

    Returns
    -------
    float or array
        Forecasts laid out like the first range among the arguments; NaN for blank.

    Raises
    ------
    ArgumentError
        Negative days, more days elapsed than the period has, a non-numeric cell, or sizes that
        do not fit.

    Examples
    --------
    >>> runrate(450_000, 9, 21)  # 50,000 a working day for 21 days
    1050000.0
    """
    fact = _optional(fact_to_date, "fact_to_date")
    done, days = numbers(elapsed, "elapsed"), numbers(total, "total")
    check_cells(done >= 0, done, "elapsed", "{value} is negative")
    check_cells(days >= 0, days, "total", "{value} is negative")
    shape, (f, e, t) = aligned(("fact_to_date", fact), ("elapsed", done), ("total", days))
    check_cells(
        e <= t,
        e,
        "elapsed",
        "{value} is more than total, the working days in the whole period",
        done.shape,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        forecast = np.where(e > 0, f * t / e, np.nan)
    return like(forecast, shape)
