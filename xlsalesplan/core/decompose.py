"""DECOMPOSE: split a total into parts proportional to weights, optionally rounded so that the
rounded parts still add up exactly, with locked cells and per-part floors and caps.

Conventions
-----------
* A blank weight (``None``) counts as 0; a blank in ``locked``, ``floor`` or ``cap`` means
  "not locked" / "no bound".
* All-zero weights share the total equally.
* A negative total gives negative parts. A part without its own floor (cap) never takes the
  opposite sign of the total: for a total >= 0 the implicit floor is 0, for a total < 0 the
  implicit cap is 0. So locked cells adding up to more than the total are an error, not a
  negative part for somebody else.
* "Earlier cell" (for ties) is reading order of the range: along the first row, then the next.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from xlsalesplan.core.args import (
    ArgumentError,
    fmt,
    integer,
    number,
    numbers,
    position,
    raw_array,
    same_shape,
)
from xlsalesplan.core.rounding import (
    decimals_arg,
    from_units,
    largest_remainder,
    to_units,
    total_units,
)

MAX_PARTS = 1_000_000


def decompose(
    total: Any,
    weights: Any,
    decimals: Any = None,
    locked: Any = None,
    floor: Any = None,
    cap: Any = None,
) -> np.ndarray:
    """Split a total into parts proportional to weights.

    Parameters
    ----------
    total : number
        The amount to split, e.g. the yearly revenue goal. May be negative.
    weights : range, list, array, or a positive whole number n
        One weight per part (zero or more; a blank cell counts as 0). All-zero weights give
        equal parts. A single number n gives n equal parts (at most 1,000,000).
    decimals : whole number from -15 to 15, optional
        Round every part to this many decimals (0 = whole units, -3 = thousands) so that the
        parts add up exactly to ``ROUND(total, decimals)``: each part is rounded down and the
        units still missing go to the parts that lost the most (largest remainder); on a tie,
        to the larger weight, then to the earlier cell. Blank: no rounding.
    locked : range of the same shape, optional
        A filled cell keeps exactly that value; the rest of the total is split over the other
        cells.
    floor, cap : number or range of the same shape, optional
        No part goes below its floor or above its cap (a blank cell: no bound). What a capped
        part cannot take is shared by the other parts in proportion to their weights. After
        rounding, a part still respects its bounds.

    Returns
    -------
    numpy.ndarray
        The parts, laid out like ``weights`` (a 1-D array of n parts for a number n).

    Raises
    ------
    ArgumentError
        A negative, text or logical weight; locked values, floors and caps that cannot be met
        (the message says which, e.g. ``floor: the floors add up to 120 but the total is only
        100``); a locked value with more decimals than ``decimals``.

    Examples
    --------
    >>> decompose(100, [1, 1, 1], 0).tolist()
    [34.0, 33.0, 33.0]
    >>> decompose(1000, [[1, 3]], 0).tolist()
    [[250.0, 750.0]]
    >>> decompose(100, [1, 1, 2], locked=[None, 40, None]).tolist()
    [20.0, 40.0, 40.0]
    >>> decompose(100, [1, 1, 8], cap=50).tolist()
    [25.0, 25.0, 50.0]
    """
    amount = number(total, "total")
    w = _weights(weights)
    shape = w.shape
    w = w.reshape(-1)
    digits = decimals_arg(decimals)
    lock = _cells(locked, "locked", shape, scalar_ok=False)
    lo = _cells(floor, "floor", shape, scalar_ok=True)
    hi = _cells(cap, "cap", shape, scalar_ok=True)
    _check_cells(lock, lo, hi, shape)
    biggest = w.max()
    if biggest == 0:
        w = np.ones_like(w)
    elif not 1e-100 < biggest < 1e100:
        w = w / biggest  # keeps total / sum(weights) and floor / weight within float range
    return _Split(amount, w, digits, lock, lo, hi, shape).solve().reshape(shape)


def nonnegative(values: np.ndarray, name: str) -> None:
    """Raise naming the first negative cell of ``values`` (any shape)."""
    if values.size and values.min() < 0:
        i = int(np.argmax(values.reshape(-1) < 0))
        v = values.reshape(-1)[i]
        raise ArgumentError(
            name, f"{fmt(v)} is negative; it must be zero or more", position(i, values.shape)
        )


def _weights(weights: Any) -> np.ndarray:
    if raw_array(weights).ndim == 0:
        return np.ones(integer(weights, "weights", low=1, high=MAX_PARTS))
    w = numbers(weights, "weights", blank=0.0)
    if w.size == 0:
        raise ArgumentError("weights", "is empty")
    nonnegative(w, "weights")
    return w


def _cells(value: Any, name: str, shape: tuple[int, ...], *, scalar_ok: bool) -> np.ndarray | None:
    """A flat float array with NaN for blanks, or ``None`` when nothing is given."""
    if value is None:
        return None
    arr = numbers(value, name, blank=np.nan, allow_nan=True)
    size = int(np.prod(shape))
    if scalar_ok and arr.size == 1:
        arr = np.full(size, arr.item())
    else:
        same_shape(np.broadcast_to(0.0, shape), arr, "weights", name)
    arr = arr.reshape(-1)
    infinite = np.isinf(arr)
    if infinite.any():
        raise ArgumentError(name, "is infinite", position(int(np.argmax(infinite)), shape))
    return None if np.isnan(arr).all() else arr


def _first(mask: np.ndarray) -> int | None:
    return int(np.argmax(mask)) if mask.any() else None


def _check_cells(
    lock: np.ndarray | None, lo: np.ndarray | None, hi: np.ndarray | None, shape: tuple
) -> None:
    """Per-cell contradictions: floor above cap, a locked value outside its own bounds."""
    if lo is not None and hi is not None and (i := _first(lo > hi)) is not None:
        raise ArgumentError(
            "floor",
            f"{fmt(lo[i])} is above the cap {fmt(hi[i])} of the same cell",
            position(i, shape),
        )
    if lock is None:
        return
    for bound, name, word in ((lo, "floor", "below"), (hi, "cap", "above")):
        if bound is None:
            continue
        outside = lock < bound if word == "below" else lock > bound
        if (i := _first(outside)) is not None:
            raise ArgumentError(
                "locked",
                f"{fmt(lock[i])} is {word} the {name} {fmt(bound[i])} of the same cell",
                position(i, shape),
            )


class _Split:
    """One DECOMPOSE problem, worked in units of the last kept decimal (or in amounts when
    there is no rounding)."""

    def __init__(self, amount, w, digits, lock, lo, hi, shape):
        self.amount, self.w, self.digits, self.shape = amount, w, digits, shape
        self.lock = lock
        self.free = None if lock is None else np.isnan(lock)
        self.target = amount if digits is None else total_units(amount, digits)
        self.locked_units = 0.0
        if lock is not None:
            self.locked_units = float(self._units(lock[~self.free], "locked", ~self.free).sum())
        self.rest = self.target - self.locked_units
        self.bounded = lo is not None or hi is not None
        if self.bounded:
            self.low, self.high = self._bounds(lo, hi)

    def _units(self, values: np.ndarray, name: str, where: np.ndarray) -> np.ndarray:
        """Locked values in units; each must be a whole number of units."""
        if self.digits is None:
            return values
        units = to_units(values, self.digits)
        odd = units != np.rint(units)
        if odd.any():
            i = int(np.flatnonzero(where)[np.argmax(odd)])
            raise ArgumentError(
                name,
                f"{fmt(values[np.argmax(odd)])} has more decimal places than "
                f"decimals={self.digits} allows",
                position(i, self.shape),
            )
        return units

    def _bounds(self, lo, hi):
        """Floors and caps of the free cells in units, rounded inwards, with the implicit
        sign bound filled in."""
        n = self.w.size
        lo = np.full(n, np.nan) if lo is None else lo
        hi = np.full(n, np.nan) if hi is None else hi
        self.given_lo, self.given_hi = lo, hi
        if self.digits is not None:
            lo = np.ceil(to_units(lo, self.digits))
            hi = np.floor(to_units(hi, self.digits))
            empty = lo > hi
            if self.free is not None:
                empty &= self.free
            if (i := _first(empty)) is not None:
                raise ArgumentError(
                    "floor",
                    f"no amount with {self.digits} decimals lies between the floor "
                    f"{fmt(self.given_lo[i])} and the cap {fmt(self.given_hi[i])}",
                    position(i, self.shape),
                )
        if self.amount >= 0:
            lo = np.where(np.isnan(lo), np.fmin(0.0, hi), lo)
            hi = np.where(np.isnan(hi), np.inf, hi)
        else:
            hi = np.where(np.isnan(hi), np.fmax(0.0, lo), hi)
            lo = np.where(np.isnan(lo), -np.inf, lo)
        return lo, hi

    def _amt(self, units: float) -> str:
        return fmt(
            units if self.digits is None else float(from_units(np.float64(units), self.digits))
        )

    def solve(self) -> np.ndarray:
        low = self.low if self.bounded else None
        high = self.high if self.bounded else None
        if self.free is None:
            x = self._spread(self.w, low, high)
            return x if self.digits is None else from_units(x, self.digits)
        free = self.free
        units = np.empty(self.w.size)
        if free.any():
            units[free] = self._spread(
                self.w[free],
                None if low is None else low[free],
                None if high is None else high[free],
            )
        elif abs(self.rest) > self._slack():
            raise ArgumentError(
                "locked",
                f"every cell is locked but they add up to {self._amt(self.locked_units)}, "
                f"not the total {self._amt(self.target)}",
            )
        parts = units if self.digits is None else from_units(units, self.digits)
        parts[~free] = self.lock[~free]
        return parts

    def _slack(self) -> float:
        if self.digits is not None:
            return 0.0
        return 1e-9 * max(1.0, abs(self.amount), abs(self.locked_units))

    def _spread(self, w: np.ndarray, low: np.ndarray | None, high: np.ndarray | None):
        """Split ``self.rest`` over cells of weights ``w`` (the free cells) and round."""
        self._check_room(w, low, high)
        wsum = w.sum()
        if wsum == 0:
            # Only zero-weight cells are free and the room check found rest matching their
            # bounds: each sits at its bound nearest zero.
            x = np.zeros(w.size) if low is None else np.clip(0.0, low, high)
        elif low is None:
            x = w * (self.rest / wsum)
        else:
            x = _water_fill(self.rest, w, low, high)
        if self.digits is None:
            return x
        return largest_remainder(x, int(self.rest), w, low, high)

    def _check_room(self, w, low, high) -> None:
        """Is there a way to place ``self.rest`` within the bounds? If not, say why."""
        rest, slack = self.rest, self._slack()
        locks = self.free is not None
        left = (
            f"the {self._amt(rest)} left after the locked cells"
            if locks
            else f"the total {self._amt(rest)}"
        )
        if locks and (rest < -slack if self.amount >= 0 else rest > slack):
            raise ArgumentError(
                "locked",
                f"the locked cells add up to {self._amt(self.locked_units)}, "
                f"{'more' if self.amount >= 0 else 'less'} than the total {self._amt(self.target)}",
            )
        zero = w == 0
        if low is None:
            if zero.all() and abs(rest) > slack:
                self._no_weight(rest)
            return
        at_zero = np.clip(0.0, low[zero], high[zero]).sum()
        if zero.all() and abs(rest - at_zero) > slack:
            self._no_weight(rest)
        least = at_zero + low[~zero].sum()
        most = at_zero + high[~zero].sum()
        note = "" if self.digits is None else f" (each rounded inwards to {self.digits} decimals)"
        if rest < least - slack:
            raise ArgumentError(
                "floor", f"the floors add up to {self._amt(least)}{note}, more than {left}"
            )
        if rest > most + slack:
            raise ArgumentError(
                "cap", f"the caps add up to {self._amt(most)}{note}, less than {left}"
            )

    def _no_weight(self, rest: float) -> None:
        raise ArgumentError(
            "weights",
            f"every unlocked cell has zero weight, so the {self._amt(rest)} left after the "
            "locked cells has nowhere to go",
        )


def _water_fill(rest: float, w: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Parts ``clip(t * w, low, high)`` adding up to ``rest``: proportional to the weights
    except where a bound holds them, the common level ``t`` found in one sorted pass."""
    x = np.clip(0.0, low, high)
    pos = w > 0
    if pos.any():
        wp, lp, hp = w[pos], low[pos], high[pos]
        t = _level(rest - x[~pos].sum(), wp, lp, hp)
        x[pos] = np.clip(t * wp, lp, hp)
    return x


def _level(target: float, w: np.ndarray, low: np.ndarray, high: np.ndarray) -> float:
    """The level ``t`` with ``sum(clip(t * w, low, high)) == target`` (w > 0).

    Each part is flat below ``low/w``, linear in between, flat above ``high/w``; the total is
    a piecewise linear function of t with those breakpoints. It is evaluated at every breakpoint
    with prefix sums, the segment holding ``target`` found by binary search, and t solved on it.
    """
    a, b = low / w, high / w
    fa, fb = np.isfinite(a), np.isfinite(b)
    points = np.unique(np.concatenate([a[fa], b[fb]]))
    if points.size == 0:
        return target / w.sum()
    totals = (
        (w[fa] * a[fa]).sum()
        + points * w[~fa].sum()
        + _hinges(points, w[fa], a[fa])
        - _hinges(points, w[fb], b[fb])
    )
    j = int(np.searchsorted(totals, target))
    left = points[j - 1] if j > 0 else -np.inf
    right = points[j] if j < points.size else np.inf
    at_low, at_high = a >= right, b <= left
    moving = ~(at_low | at_high)
    slope = w[moving].sum()
    if slope == 0:
        return right if np.isfinite(right) else left
    return (target - low[at_low].sum() - high[at_high].sum()) / slope


def _hinges(points: np.ndarray, w: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """``sum(w * max(p - knots, 0))`` at every p of ``points``."""
    order = np.argsort(knots)
    k, wk = knots[order], w[order]
    cum_w = np.concatenate([[0.0], np.cumsum(wk)])
    cum_wk = np.concatenate([[0.0], np.cumsum(wk * k)])
    below = np.searchsorted(k, points, side="left")
    return points * cum_w[below] - cum_wk[below]
