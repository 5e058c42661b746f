"""Rounding to a number of decimals so that the rounded parts still add up exactly.

Amounts are handled in whole *units* of the last kept decimal (kopecks for ``decimals=2``,
thousands for ``decimals=-3``) held as integer-valued float64: exact up to 2**53 and much faster
than Python integers. The largest-remainder (Hamilton) method then decides which parts are
rounded up.

Examples
--------
>>> total_units(2.675, 2)
268
>>> largest_remainder(np.array([0.5, 1.5]), 2, np.array([1.0, 3.0])).tolist()
[0.0, 2.0]
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np

from xlsalesplan.core.args import ArgumentError, fmt, integer, is_blank, raw_array

MIN_DECIMALS = -15
MAX_DECIMALS = 15
_MAX_UNITS = 2**53  # beyond this a float64 no longer holds every whole number
_SNAP = 1e-12  # a value this close (relatively) to a whole unit is that unit: float noise


def decimals_arg(value: Any, name: str = "decimals") -> int | None:
    """``decimals`` as an int in [-15, 15], or ``None`` when blank (no rounding)."""
    arr = raw_array(value)
    if value is None or (arr.size == 1 and is_blank(arr.ravel()[0])):
        return None
    return integer(value, name, low=MIN_DECIMALS, high=MAX_DECIMALS)


def total_units(total: float, decimals: int, name: str = "total") -> int:
    """Excel's ``ROUND(total, decimals)`` (halves away from zero) in whole units.

    The shortest decimal text of the float is rounded, as Excel does, so 2.675 → 2.68
    although the binary float is slightly below 2.675.
    """
    scaled = Decimal(repr(float(total))).scaleb(decimals)
    units = int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if abs(units) > _MAX_UNITS:
        raise ArgumentError(
            name,
            f"{fmt(total)} rounded to {decimals} decimals has more digits than a number can "
            "hold exactly (15); use fewer decimals",
        )
    return units


def to_units(values: np.ndarray, decimals: int) -> np.ndarray:
    """``values`` in units of ``10**-decimals``; within float noise of a whole unit → that unit."""
    scaled = values * 10.0**decimals if decimals >= 0 else values / 10.0**-decimals
    whole = np.rint(scaled)
    near = np.abs(scaled - whole) <= _SNAP * np.maximum(1.0, np.abs(scaled))
    return np.where(near, whole, scaled)


def from_units(units: np.ndarray, decimals: int, out: np.ndarray | None = None) -> np.ndarray:
    """Whole units back to amounts; dividing by an exact power of ten gives the float nearest the
    decimal value, so ``round(x, decimals) == x``. ``out`` (e.g. ``units`` itself) receives the
    result instead of a new array."""
    if decimals >= 0:
        return np.divide(units, 10.0**decimals, out=out)
    return np.multiply(units, 10.0**-decimals, out=out)


def largest_remainder(
    quotas: np.ndarray,
    target: int,
    weights: np.ndarray,
    low: np.ndarray | None = None,
    high: np.ndarray | None = None,
) -> np.ndarray:
    """Round ``quotas`` (1-D, in units) to whole units adding up to ``target``.

    Every quota is rounded down, then the units still missing go to the largest remainders;
    equal remainders go to the larger weight, then to the earlier cell. ``low``/``high``
    (whole units, ``quotas`` within them) are never crossed. For a negative target the rule
    is applied to the magnitudes, so ``-x`` rounds as the mirror image of ``x``.
    """
    if target < 0:
        neg = largest_remainder(
            -quotas,
            -target,
            weights,
            None if high is None else -high,
            None if low is None else -low,
        )
        return -neg
    base = np.floor(quotas)
    if low is not None:
        base = np.maximum(base, low)
    remainder = quotas - base
    # Quotas computed along different paths (1/3 and 4/3 - 1) differ in the last bits; remainders
    # closer than this are the same remainder, so that ties are decided by the published rule.
    tol = 16 * np.finfo(float).eps * max(1.0, float(target))
    missing = round(target - float(base.sum()))
    if missing >= 0:
        if high is not None:
            remainder = np.where(base >= high, -np.inf, remainder)
        return base + _top(remainder, missing, weights, tol)
    # Only float noise makes the rounded-down quotas overshoot: take units back from the
    # smallest remainders.
    key = -remainder if low is None else np.where(base <= low, -np.inf, -remainder)
    return base - _top(key, -missing, weights, tol)


def _top(key: np.ndarray, k: int, weights: np.ndarray, tol: float) -> np.ndarray:
    """1.0 for the ``k`` largest keys, else 0.0; ties (within ``tol``): larger weight, earlier."""
    chosen = np.zeros(key.size)
    if k == 0:
        return chosen
    n = key.size
    kth = np.partition(key, n - k)[n - k]
    clear = key > kth + tol
    chosen[clear] = 1.0
    tied = np.flatnonzero((key >= kth - tol) & ~clear)
    order = np.lexsort((tied, -weights[tied]))
    chosen[tied[order[: k - int(clear.sum())]]] = 1.0
    return chosen
