"""Seasonal indices by the classical ratio-to-centred-moving-average method."""

from __future__ import annotations

from typing import Any

import numpy as np

from .args import ArgumentError, integer, numbers, position


def seasonality(history: Any, period: Any = 12) -> np.ndarray:
    """Seasonal indices (mean 1) of a sales history, by ratio to the centred moving average.

    An index says how far a month (or quarter) runs above or below an average one. The indices
    average exactly 1, so a yearly plan ÷ 12 × a month's index is that month's plan, and the
    indices can be used directly as DECOMPOSE weights.

    Method (classical multiplicative decomposition): a centred moving average over one cycle
    removes the season (for an even period such as 12, the 2×12 average: half weight on the two
    end months); each observation divided by its centred average is a seasonal ratio; the
    ratios of each position in the cycle are averaged, and the averages scaled to a mean of 1.

    Parameters
    ----------
    history : past values in time order, at least two full cycles (24 months for period 12).
        A row, a column, or a block read row by row, so years down and months across works.
        No blanks, text or negative values.
    period : length of the cycle: 12 for months (default), 4 for quarters, 7 for weekdays.

    Returns
    -------
    numpy.ndarray of ``period`` indices, mean 1. The first index belongs to the position of the
    first observation in the cycle: with monthly history starting in April, the first index is
    April's.

    Raises
    ------
    ArgumentError
        Fewer than two full cycles, a blank, text or negative value, all zeros, a whole cycle of
        zeros (no average to compare with), or a period below 2.

    Examples
    --------
    >>> seasonality([80, 120, 90, 110] * 2, period=4).round(6).tolist()
    [0.8, 1.2, 0.9, 1.1]
    """
    n_season = integer(period, "period", default=12, low=2)
    table = numbers(history, "history")
    values = table.ravel()
    if values.size < 2 * n_season:
        raise ArgumentError(
            "history",
            f"has {values.size} values; at least two full cycles ({2 * n_season}) are needed",
        )
    if (values < 0).any():
        bad = int(np.argmax(values < 0))
        raise ArgumentError("history", f"{values[bad]:g} is negative", position(bad, table.shape))
    if not values.any():
        raise ArgumentError("history", "is all zeros; there is no season to measure")
    average, first = _centred_average(values, n_season)
    if not average.all():
        at = first + int(np.argmin(average))
        raise ArgumentError(
            "history",
            f"a whole cycle of zeros around value {at + 1}; its seasonal ratio is undefined",
        )
    ratios = values[first : first + average.size] / average
    positions = np.arange(first, first + average.size) % n_season
    means = np.bincount(positions, ratios, n_season) / np.bincount(positions, None, n_season)
    return means * (n_season / means.sum())


def _centred_average(values: np.ndarray, period: int) -> tuple[np.ndarray, int]:
    """The centred moving average over one cycle and the index of its first observation."""
    if period % 2:
        weights = np.full(period, 1.0 / period)
    else:
        # 2×period average: a period-long average of two adjacent period-long averages.
        weights = np.r_[0.5, np.ones(period - 1), 0.5] / period
    return np.convolve(values, weights, mode="valid"), len(weights) // 2
