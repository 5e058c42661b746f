"""The sales funnel read from the bottom up: how many leads, meetings, … a target needs."""

from __future__ import annotations

from typing import Any

import numpy as np

from .args import ArgumentError, check_cells, number, numbers

# A stage that is a whole number up to float noise (30 / 0.3 = 100.00000000000001) is not
# rounded up to the next unit. The noise of a few divisions is a few units in the last place
# at the stage's own magnitude: a relative allowance would swallow whole units in large stages.
_NOISE_ULPS = 16


def funnel(target: Any, rates: Any) -> np.ndarray:
    """Volumes each funnel stage must reach so that the bottom stage meets the target.

    Both the rates and the result run **from the bottom of the funnel up**: ``rates[1]`` is the
    conversion into the target stage (e.g. proposal → deal), ``rates[2]`` the conversion into the
    stage above it (meeting → proposal), and so on. The result is the target followed by each
    upper stage, target ÷ (product of the rates below it), rounded **up** to whole units - you
    cannot hold 2.4 meetings, and rounding down would miss the target. Each stage is rounded from
    its exact requirement, not from the rounded stage below.

    On a sheet, list the stages bottom-up (Deals, Proposals, Meetings, Leads) and put each
    conversion rate on the row of the stage it converts *from*; the spilled result then lines up
    with the stage names::

        Stage      Rate  Required        =FUNNEL(20, B3:B5) in C2
        Deals            20
        Proposals  40%   50              20 / 0.4
        Meetings   50%   100             20 / (0.4 · 0.5)
        Leads      25%   400             20 / (0.4 · 0.5 · 0.25)

    Parameters
    ----------
    target : number
        What the bottom stage must reach (deals, clients), 0 or more.
    rates : number, row or column
        Conversion rates as ratios above 0 and at most 1 (40% is 0.4), bottom-up.

    Returns
    -------
    array
        ``len(rates) + 1`` whole numbers, laid out like ``rates`` (a column or a single cell gives
        a column, a row gives a row).

    Raises
    ------
    ArgumentError
        A negative or non-numeric target, a rate of 0, below 0 or above 1, rates that are not a
        single row or column.

    Examples
    --------
    >>> funnel(20, [0.4, 0.5, 0.25]).tolist()
    [20.0, 50.0, 100.0, 400.0]
    >>> funnel(10, [[0.3], [0.5]]).tolist()  # 10 / 0.3 = 33.3 → 34; 10 / 0.15 = 66.7 → 67
    [[10.0], [34.0], [67.0]]
    """
    goal = number(target, "target")
    if goal < 0:
        raise ArgumentError("target", f"{goal:.10g} is negative")
    r = numbers(rates, "rates")
    check_cells(
        (r > 0) & (r <= 1),
        r,
        "rates",
        "{value} is not a conversion rate above 0 and at most 1 (40% = 0.4)",
    )
    if r.size == 0 or sum(n > 1 for n in r.shape) > 1:
        raise ArgumentError("rates", "give the conversion rates as a single row or column")
    exact = goal / np.cumprod(np.concatenate(([1.0], r.ravel())))
    stages = np.ceil(np.maximum(exact - _NOISE_ULPS * np.spacing(exact), 0.0))
    if r.ndim == 2:
        return stages.reshape((1, -1) if r.shape[1] > 1 else (-1, 1))
    return stages
