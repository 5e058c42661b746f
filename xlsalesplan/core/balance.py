"""BALANCE: a matrix (e.g. employees × months) whose rows and columns add up to given totals.

The seed pattern is scaled by iterative proportional fitting (RAS: rows, then columns, until
both fit), then rounded with the rows and the columns kept exact: every cell goes to the whole
unit just below or just above its fitted value, never further.

Conventions: blank totals and blank seed cells count as 0; a zero seed cell stays zero.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

import numpy as np

from xlsalesplan.core.args import ArgumentError, fmt, numbers
from xlsalesplan.core.decompose import nonnegative
from xlsalesplan.core.rounding import (
    decimals_arg,
    from_units,
    largest_remainder,
    to_units,
    total_units,
)

MAX_ROUNDS = 5000
_FIT = 1e-10  # relative accuracy of the fitted rows (columns fit exactly after each round)
_SAME = 1e-9  # grand totals closer than this (relatively) are the same number
_PROBE = 500  # rounds after which a slow fit is checked for cells heading to zero


def balance(row_totals: Any, col_totals: Any, seed: Any = None, decimals: Any = None) -> np.ndarray:
    """A matrix whose rows add up to ``row_totals`` and columns to ``col_totals``.

    Parameters
    ----------
    row_totals : range, list or array
        One total per row (e.g. each employee's yearly goal), zero or more.
    col_totals : range, list or array
        One total per column (e.g. the company's goal for each month), zero or more. Both must
        add up to the same grand total.
    seed : range of rows × columns, optional
        The pattern to follow (e.g. last year's sales or working days); zero or more, a zero cell
        stays zero. Default: all ones, i.e. every row split like the column totals.
    decimals : whole number from -15 to 15, optional
        Round every cell to this many decimals (0 = whole units) keeping every row and column
        total exact. Totals that themselves have more decimals are first rounded by the
        largest-remainder method so that rows and columns reach the same grand total.

    Returns
    -------
    numpy.ndarray
        A rows × columns matrix.

    Raises
    ------
    ArgumentError
        Negative totals or seed cells; row and column totals adding up to different amounts;
        a seed whose zero cells make the totals unreachable (e.g. ``seed: row 3 is all zero
        but row_totals[3] is 500``).

    Examples
    --------
    >>> balance([3, 2], [1, 4], decimals=0).tolist()
    [[1.0, 2.0], [0.0, 2.0]]
    >>> balance([2, 4], [3, 3], seed=[[1, 0], [1, 1]]).round(9).tolist()
    [[2.0, 0.0], [1.0, 3.0]]
    """
    rows = _margin(row_totals, "row_totals")
    cols = _margin(col_totals, "col_totals")
    digits = decimals_arg(decimals)
    pattern = _seed(seed, rows.size, cols.size)
    if digits is None:
        row_target, col_target = rows, cols * _same_grand_total(rows, cols)
    else:
        row_target, col_target = _round_margins(rows, cols, digits)
    _check_reachable(pattern, row_target, col_target, rows, cols)
    fitted = _fit(pattern, row_target, col_target)
    if digits is None:
        return fitted
    if rows.size >= cols.size:
        units = _round(fitted, row_target, col_target)
    else:
        units = _round(fitted.T, col_target, row_target).T
    return from_units(units, digits, out=units)


def _margin(value: Any, name: str) -> np.ndarray:
    totals = numbers(value, name, blank=0.0).reshape(-1)
    if totals.size == 0:
        raise ArgumentError(name, "is empty")
    nonnegative(totals, name)
    return totals


def _seed(seed: Any, m: int, n: int) -> np.ndarray:
    if seed is None:
        return np.ones((m, n))
    pattern = numbers(seed, "seed", blank=0.0)
    nonnegative(pattern, "seed")
    if pattern.shape == (m, n) or (pattern.size == m * n and (pattern.ndim < 2 or 1 in (m, n))):
        return pattern.reshape(m, n)
    layout = "×".join(str(k) for k in pattern.shape)
    raise ArgumentError(
        "seed",
        f"is {layout} but there are {m} row totals and {n} column totals; it must be {m}×{n}",
    )


def _mismatch(row_sum: str, col_sum: str) -> ArgumentError:
    return ArgumentError(
        "col_totals",
        f"the column totals add up to {col_sum} but the row totals add up to {row_sum}; "
        "both must give the same grand total",
    )


def _same_grand_total(rows: np.ndarray, cols: np.ndarray) -> float:
    """The factor that removes float noise between the grand totals; an error beyond noise."""
    row_sum, col_sum = math.fsum(rows), math.fsum(cols)
    if abs(row_sum - col_sum) > _SAME * max(row_sum, col_sum):
        raise _mismatch(fmt(row_sum), fmt(col_sum))
    return row_sum / col_sum if col_sum else 1.0


def _round_margins(rows: np.ndarray, cols: np.ndarray, digits: int):
    """Row and column totals in whole units with the same grand total."""
    row_sum, col_sum = math.fsum(rows), math.fsum(cols)
    grand = total_units(row_sum, digits, "row_totals")
    col_grand = total_units(col_sum, digits, "col_totals")
    if col_grand != grand:

        def shown(exact: float, units: int) -> str:
            return (
                f"{fmt(exact)} ({fmt(from_units(np.float64(units), digits))} at {digits} decimals)"
            )

        raise _mismatch(shown(row_sum, grand), shown(col_sum, col_grand))
    return (
        largest_remainder(to_units(rows, digits), grand, rows),
        largest_remainder(to_units(cols, digits), grand, cols),
    )


def _check_reachable(pattern, row_target, col_target, rows, cols) -> None:
    """A row (column) with something to place but an all-zero seed can never be filled."""
    for axis, target, given, name, word in (
        (1, row_target, rows, "row_totals", "row"),
        (0, col_target, cols, "col_totals", "column"),
    ):
        dead = (target > 0) & ~pattern.any(axis=axis)
        if dead.any():
            i = int(np.argmax(dead))
            raise ArgumentError(
                "seed", f"{word} {i + 1} is all zero but {name}[{i + 1}] is {fmt(given[i])}"
            )


def _fit(pattern: np.ndarray, row_target: np.ndarray, col_target: np.ndarray) -> np.ndarray:
    """Iterative proportional fitting: scale rows, then columns, until the rows fit too."""
    start = pattern * (row_target > 0)[:, None] * (col_target > 0)[None, :]
    fitted, off = _scale(start, row_target, col_target, _PROBE)
    if off is None:
        return fitted
    halfway = fitted.copy()
    fitted, off = _scale(fitted, row_target, col_target, _PROBE)
    if off is None:
        return fitted
    # Totals reachable only by emptying some seed cells (e.g. seed [[1, 1], [1, 0]] with all
    # totals 1): the fitting drives those cells to zero, but slowly, like 1/rounds, so they
    # lose about half their value between round _PROBE and 2 * _PROBE while the others have
    # settled. Empty them and fit again; a result is only returned if it fits.
    vanishing = fitted < 0.75 * halfway
    fitted, off = _scale(np.where(vanishing, 0.0, start), row_target, col_target, MAX_ROUNDS)
    if off is None:
        return fitted
    rounds = 2 * _PROBE + MAX_ROUNDS
    raise ArgumentError(
        "seed",
        f"the rows and columns could not be fitted together: after {rounds} rounds the row "
        f"totals are still off by up to {fmt(off)}. The zero cells of seed make these totals "
        "unreachable",
    )


def _scale(fitted: np.ndarray, row_target: np.ndarray, col_target: np.ndarray, rounds: int):
    """RAS rounds on ``fitted`` (in place) until every row fits; returns the matrix and ``None``,
    or the matrix and how far the rows are still off after ``rounds``."""
    # Every row to its own relative accuracy: a small row next to big ones fits as well.
    tol = _FIT * (row_target + 1e-6 * float(row_target.max()))
    row_sums = fitted.sum(axis=1)
    for _ in range(rounds):
        fitted *= (row_target / np.where(row_sums > 0, row_sums, 1.0))[:, None]
        col_sums = fitted.sum(axis=0)
        fitted *= col_target / np.where(col_sums > 0, col_sums, 1.0)
        row_sums = fitted.sum(axis=1)
        off = np.abs(row_sums - row_target)
        if (off <= tol).all():
            return fitted, None
    return fitted, float(off.max())


def _round(fitted: np.ndarray, row_target: np.ndarray, col_target: np.ndarray) -> np.ndarray:
    """Whole units, each cell the floor or ceiling of ``fitted``, rows and columns exact.
    ``fitted`` is overwritten (with its fractions).

    Each row first rounds up its cells with the largest fractions (largest remainder within
    the row; equal fractions: the earlier column). That leaves some columns with units too
    many and others too few; :func:`_move_units` then moves units inside rows from the
    columns with too many to those with too few.
    """
    base = np.floor(fitted)
    frac = np.subtract(fitted, base, out=fitted)  # the fitted matrix is ours to reuse
    # einsum adds along a short axis much faster than sum(), in one thread (a BLAS product
    # would be faster still on an idle machine, and much slower on a busy one); sums of
    # whole numbers are exact in any order below 2**53.
    need = row_target - np.einsum("ij->i", base)
    up = _largest_fractions(frac, need)
    held = np.einsum("ij->j", up.view(np.uint8), dtype=np.int32)  # units rounded up per column
    excess = held - (col_target - np.einsum("ij->j", base))
    base += up
    if excess.any():
        _move_units(base, frac, up, excess)
    return base


def _move_units(base: np.ndarray, frac: np.ndarray, up: np.ndarray, excess: np.ndarray) -> None:
    """Move units of ``base`` inside rows until no column has ``excess`` (in place).

    Units travel along paths from a column with too many to a column with too few, the
    augmenting paths of the transportation problem, taking the cheapest rows for each step
    (those losing the least fraction). Such a rounding exists whenever the fitted matrix fits
    its (whole) totals, so a path always exists while a column is off.

    The path is the one a breadth-first search from the surplus columns, in column order,
    finds first (:func:`_path`). Nearly always that is a direct step from the first surplus
    column to the first short one, which costs one look at two columns; the matrix of moves
    between every two columns is only built when that step is missing, and then kept up to
    date from the rows each path changes.
    """
    # Columns as rows from here on: every step reads whole columns. A cell holding a unit
    # has a fraction, so the cells free to take one are the movable ones not holding one.
    held, movable = np.ascontiguousarray(up.T), np.greater(frac.T, 0, order="C")
    free = np.not_equal(movable, held)
    off = [int(e) for e in excess]  # a few dozen columns: plain numbers are quicker to scan
    counts = None
    while any(off):
        j = next(i for i, e in enumerate(off) if e > 0)
        k = next(i for i, e in enumerate(off) if e < 0)
        known = np.flatnonzero(held[j] & free[k])
        if known.size:
            moves, steps = known.size, [j, k]
        else:
            known = None
            if counts is None:
                counts = _moves(held, movable)
            path = _path(counts, np.array(off))
            if path is None:
                raise ArgumentError(
                    "seed", "the fitted matrix cannot be rounded with every total kept exact"
                )
            moves, steps = path
        amount = int(min(off[steps[0]], -off[steps[-1]], moves))
        for j, k in pairwise(steps):
            rows = np.flatnonzero(held[j] & free[k]) if known is None else known
            known = None
            if rows.size > amount:
                cost = frac[rows, j] - frac[rows, k]
                rows = rows[np.argpartition(cost, amount - 1)[:amount]]
            if counts is not None:
                counts -= _moves(held[:, rows], movable[:, rows])
            held[j, rows] = free[k, rows] = False
            held[k, rows] = free[j, rows] = True
            if counts is not None:
                counts += _moves(held[:, rows], movable[:, rows])
            base[rows, j] -= 1
            base[rows, k] += 1
        off[steps[0]] -= amount
        off[steps[-1]] += amount


_CHUNK = 1 << 20  # bytes of fractions sorted at a time: a buffer that stays in the cache


def _largest_fractions(frac: np.ndarray, need: np.ndarray) -> np.ndarray:
    """True for the ``need[i]`` largest fractions of each row i, never a zero one; equal
    fractions: the earlier column.

    The same cells as ranking every row by a stable sort, for the price of one plain sort:
    the need-th largest fraction of a row is its threshold, and only rows where that value is
    tied count their ties from the left.
    """
    m, n = frac.shape
    count = np.clip(need, 0, n).astype(np.intp)
    up = np.empty((m, n), dtype=bool)
    chunk = max(1, _CHUNK // (8 * n))
    for start in range(0, m, chunk):
        part, wanted = frac[start : start + chunk], count[start : start + chunk]
        ascending = np.sort(part, axis=1)
        threshold = ascending[np.arange(len(part)), np.minimum(n - wanted, n - 1)]
        threshold[wanted == 0] = np.inf
        chosen = np.greater_equal(part, threshold[:, None], out=up[start : start + chunk])
        # More values than wanted reach the threshold where the one sorted before it equals it.
        below = ascending[np.arange(len(part)), np.clip(n - wanted - 1, 0, n - 1)]
        crowded = np.flatnonzero((below == threshold) & (wanted < n))
        if crowded.size:
            level, values = threshold[crowded, None], part[crowded]
            tied = values == level
            room = wanted[crowded] - np.count_nonzero(values > level, axis=1)
            chosen[crowded] = (values > level) | (tied & (np.cumsum(tied, axis=1) <= room[:, None]))
        if (threshold <= 0).any():  # more units than fractions: a whole cell never goes up
            chosen &= part > 0
    return up


def _moves(held: np.ndarray, movable: np.ndarray) -> np.ndarray:
    """How many rows hold a unit in column j and could take one in column k, for every j, k.

    ``held`` and ``movable`` are columns × rows.
    """
    # A float32 product counts rows exactly up to 2**24, and BLAS does it fastest.
    free = (~held & movable).astype(np.float32)
    return (held.astype(np.float32) @ free.T).astype(np.int64)


def _path(counts: np.ndarray, excess: np.ndarray):
    """Shortest chain of columns from one with units too many to one with too few, where each
    step j → k has rows holding a unit in j that could take one in k (``counts[j, k] > 0``).
    Returns the smallest number of such rows over the steps and the chain, or ``None``.

    The chain is the one a breadth-first search from the surplus columns, in column order,
    finds first; a direct step is looked for first, as it nearly always exists.
    """
    surplus, short = np.flatnonzero(excess > 0), np.flatnonzero(excess < 0)
    direct = counts[np.ix_(surplus, short)] > 0
    if direct.any():
        first = int(np.argmax(direct.any(axis=1)))
        j, k = int(surplus[first]), int(short[np.argmax(direct[first])])
        return counts[j, k], [j, k]
    n = excess.size
    parent = np.full(n, -1)
    seen = excess > 0
    frontier = list(surplus)
    while frontier:
        nxt = []
        for j in frontier:
            for k in np.flatnonzero((counts[j] > 0) & ~seen):
                seen[k] = True
                parent[k] = j
                if excess[k] < 0:
                    steps = [int(k)]
                    while parent[steps[-1]] >= 0:
                        steps.append(int(parent[steps[-1]]))
                    steps.reverse()
                    moves = min(counts[a, b] for a, b in pairwise(steps))
                    return moves, steps
                nxt.append(k)
        frontier = nxt
    return None
