"""BALANCE: hand calculations, properties of the fitted and rounded matrix, error messages."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.balance import balance

# --- Hand calculations -----------------------------------------------------------------------


def test_default_seed_splits_every_row_like_the_column_totals():
    # With an all-ones seed the fit is row_total * col_total / grand total:
    # 30*10/50 = 6, 30*40/50 = 24, 20*10/50 = 4, 20*40/50 = 16.
    assert balance([30, 20], [10, 40]).tolist() == [[6, 24], [4, 16]]


def test_rounding_keeps_rows_and_columns_exact():
    # Fit: [[0.6, 2.4], [0.4, 1.6]]. Row 1 needs one unit above its floors (0 + 2): the larger
    # fraction 0.6 -> [1, 2]; row 2 likewise gets it at 0.6 -> [0, 2]. Columns: 1 and 4.
    assert balance([3, 2], [1, 4], decimals=0).tolist() == [[1, 2], [0, 2]]


def test_zero_seed_cell_forces_the_only_solution():
    # Seed [[1, 0], [1, 1]]: row 1 can only use column 1 -> 2; column 1 then needs 1 more from
    # row 2, which leaves 3 for column 2.
    fitted = balance([2, 4], [3, 3], seed=[[1, 0], [1, 1]])
    assert fitted == pytest.approx(np.array([[2, 0], [1, 3]]), abs=1e-9)
    assert fitted[0, 1] == 0


def test_totals_reachable_only_by_emptying_a_seed_cell():
    # All totals 1 with seed [[1, 1], [1, 0]]: row 2 must put its 1 in column 1, so column 1
    # is full and cell (1, 1) has to be 0 although its seed is not.
    assert balance([1, 1], [1, 1], [[1, 1], [1, 0]], 0).tolist() == [[0, 1], [1, 0]]


def test_seed_proportions_are_kept_when_they_already_fit():
    seed = [[1, 2], [3, 4]]
    assert balance([3, 7], [4, 6], seed=seed) == pytest.approx(np.array(seed))


def test_totals_with_more_decimals_are_rounded_to_a_common_grand_total():
    # Columns 1.4 + 1.4 = 2.8 -> ROUND = 3 = rows; by largest remainder the columns become 2 and 1
    # (equal remainders: the earlier column).
    result = balance([1, 2], [1.4, 1.4], decimals=0)
    assert result.sum(axis=0).tolist() == [2, 1]
    assert result.sum(axis=1).tolist() == [1, 2]


def test_cents():
    result = balance([100, 50], [75, 75], decimals=2)
    assert result.tolist() == [[50, 50], [25, 25]]
    odd = balance([10, 10, 10], [15, 15], seed=[[1, 2], [1, 1], [2, 1]], decimals=2)
    assert [round(x, 2) for x in odd.sum(axis=1)] == [10, 10, 10]
    assert all(round(float(x), 2) == x for x in odd.ravel())


def test_column_and_row_ranges_are_accepted():
    result = balance([[30], [20]], [[10, 40]], decimals=0)
    assert result.shape == (2, 2)
    assert result.sum(axis=1).tolist() == [30, 20]


def test_more_columns_than_rows():
    rows, cols = [7, 5], [1, 2, 3, 2, 1, 3]
    result = balance(rows, cols, decimals=0)
    assert result.sum(axis=1).tolist() == rows
    assert result.sum(axis=0).tolist() == cols


def test_blank_totals_and_seed_cells_count_as_zero():
    result = balance([5, None], [5, None], seed=[[1, None], [1, 1]])
    assert result.tolist() == [[5, 0], [0, 0]]


# --- Errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([1, -2], [1, 1]), r"^row_totals\[2\]: -2 is negative; it must be zero or more$"),
        (([1, 1], [3, -1]), r"^col_totals\[2\]: -1 is negative"),
        (([1, 1], [1, 1], [[1, -1], [1, 1]]), r"^seed\[1,2\]: -1 is negative"),
        (([1, "x"], [1, 1]), r"^row_totals\[2\]: 'x' is not a number$"),
        (([], [1]), r"^row_totals: is empty$"),
        (
            ([1, 2], [1, 1]),
            r"^col_totals: the column totals add up to 2 but the row totals add up to 3; "
            r"both must give the same grand total$",
        ),
        (
            ([1, 2], [1.2, 1.2], None, 0),
            r"^col_totals: the column totals add up to 2.4 \(2 at 0 decimals\) but the row "
            r"totals add up to 3 \(3 at 0 decimals\)",
        ),
        (
            ([1, 2], [1, 2], [[1, 2, 3]]),
            r"^seed: is 1×3 but there are 2 row totals and 2 column totals; it must be 2×2$",
        ),
        (
            ([100, 200, 500], [400, 400], [[1, 1], [1, 1], [0, 0]]),
            r"^seed: row 3 is all zero but row_totals\[3\] is 500$",
        ),
        (
            ([300, 300], [300, 300], [[1, 0], [1, 0]]),
            r"^seed: column 2 is all zero but col_totals\[2\] is 300$",
        ),
        (
            ([2, 1], [1, 2], [[1, 0], [1, 1]]),
            r"^seed: the rows and columns could not be fitted together: after 6000 rounds",
        ),
        (([1], [1], None, 20), r"^decimals: 20 is above the largest allowed value 15$"),
    ],
)
def test_errors_name_the_argument_and_the_reason(args, message):
    with pytest.raises(ArgumentError, match=message):
        balance(*args)


# --- Properties --------------------------------------------------------------------------------


@st.composite
def feasible_problems(draw):
    """Margins taken from a hidden whole-number matrix, and a seed that is zero only where that
    matrix is zero, so that the problem is always solvable."""
    m = draw(st.integers(1, 8))
    n = draw(st.integers(1, 8))
    hidden = np.array(
        draw(st.lists(st.integers(0, 40), min_size=m * n, max_size=m * n)), dtype=float
    ).reshape(m, n)
    weights = draw(st.lists(st.floats(0.1, 10), min_size=m * n, max_size=m * n))
    seed = np.where(hidden > 0, np.array(weights).reshape(m, n), 0.0)
    extra = np.array(draw(st.lists(st.booleans(), min_size=m * n, max_size=m * n))).reshape(m, n)
    seed = np.where(extra & (hidden == 0), 1.0, seed)
    return hidden.sum(axis=1), hidden.sum(axis=0), seed


@given(problem=feasible_problems())
@settings(max_examples=300, deadline=None)
def test_rounded_matrix_keeps_both_margins_and_the_zero_cells(problem):
    rows, cols, seed = problem
    result = balance(rows, cols, seed, decimals=0)
    assert result.shape == seed.shape
    assert np.all(result == np.round(result))
    assert np.all(result >= 0)
    assert result.sum(axis=1).tolist() == rows.tolist()
    assert result.sum(axis=0).tolist() == cols.tolist()
    assert np.all(result[seed == 0] == 0)
    fitted = balance(rows, cols, seed)
    assert np.all(np.abs(result - fitted) < 1 + 1e-9)


@given(problem=feasible_problems())
@settings(max_examples=200, deadline=None)
def test_fitted_matrix_keeps_margins_and_follows_the_seed_pattern(problem):
    rows, cols, seed = problem
    fitted = balance(rows, cols, seed)
    assert np.all(fitted[seed == 0] == 0)
    assert fitted.sum(axis=1) == pytest.approx(rows, rel=1e-9, abs=1e-9)
    assert fitted.sum(axis=0) == pytest.approx(cols, rel=1e-9, abs=1e-9)


@given(
    rows=st.lists(st.integers(0, 10**6), min_size=1, max_size=30),
    n=st.integers(1, 12),
    data=st.data(),
)
@settings(max_examples=200, deadline=None)
def test_all_ones_seed_in_kopecks(rows, n, data):
    # Column totals: any split of the grand total in kopecks.
    grand = sum(rows) * 100
    cuts = sorted(data.draw(st.lists(st.integers(0, grand), min_size=n - 1, max_size=n - 1)))
    cols = [(b - a) / 100 for a, b in zip([0, *cuts], [*cuts, grand], strict=True)]
    result = balance(rows, cols, decimals=2)
    kopecks = np.rint(result * 100)
    assert np.all(np.abs(result * 100 - kopecks) < 1e-6)
    assert kopecks.sum(axis=1).tolist() == [r * 100 for r in rows]
    assert kopecks.sum(axis=0).tolist() == [round(c * 100) for c in cols]


# --- The rounding against a plain reference -------------------------------------------------


def reference_rounding(fitted: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The controlled rounding spelt out the slow way: rank every row by a stable sort, then
    recompute every column-to-column move count before each path (breadth-first, in column
    order). The fast rounding must give exactly these cells."""
    if fitted.shape[0] < fitted.shape[1]:
        return reference_rounding(fitted.T, cols, rows).T
    base = np.floor(fitted)
    frac = fitted - base
    movable = frac > 0
    need = rows - base.sum(axis=1)
    order = np.argsort(-np.where(movable, frac, -1.0), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(fitted.shape[1])[None, :], axis=1)
    up = (rank < need[:, None]) & movable
    excess = up.sum(axis=0) - (cols - base.sum(axis=0))
    while excess.any():
        counts = up.T.astype(int) @ (~up & movable).astype(int)
        parent, seen = {}, excess > 0
        frontier, steps = list(np.flatnonzero(seen)), None
        while frontier and steps is None:
            nxt = []
            for j in frontier:
                for k in np.flatnonzero((counts[j] > 0) & ~seen):
                    seen[k], parent[k] = True, j
                    if excess[k] < 0 and steps is None:
                        steps = [k]
                        while steps[-1] in parent:
                            steps.append(parent[steps[-1]])
                        steps.reverse()
                    nxt.append(k)
                if steps is not None:
                    break
            frontier = nxt
        assert steps is not None
        moves = min(counts[a, b] for a, b in pairwise(steps))
        amount = int(min(excess[steps[0]], -excess[steps[-1]], moves))
        for j, k in pairwise(steps):
            candidates = np.flatnonzero(up[:, j] & ~up[:, k] & movable[:, k])
            if candidates.size > amount:
                cost = frac[candidates, j] - frac[candidates, k]
                candidates = candidates[np.argpartition(cost, amount - 1)[:amount]]
            up[candidates, j], up[candidates, k] = False, True
        excess[steps[0]] -= amount
        excess[steps[-1]] += amount
    return base + up


# Found by search: the first surplus column cannot give to the first short one, and the units
# travel through a third column.
DETOUR = (
    np.array([2.0, 3, 2, 3, 6, 6]),
    np.array([0.0, 12, 5, 5]),
    np.array(
        [[0.0, 1, 0, 0], [0, 2, 0, 3], [0, 0, 0, 1], [0, 2, 0, 3], [0, 3, 3, 0], [0, 3, 3, 0]]
    ),
)


@given(problem=feasible_problems())
@example(problem=DETOUR)
@settings(max_examples=300, deadline=None)
def test_rounding_is_the_reference_rounding(problem):
    rows, cols, seed = problem
    fitted = balance(rows, cols, seed)
    assert balance(rows, cols, seed, decimals=0).tolist() == (
        reference_rounding(fitted, rows, cols).tolist()
    )


@pytest.mark.parametrize("cols", [12, 52])
def test_a_large_matrix_is_the_reference_rounding(cols):
    rng = np.random.default_rng(cols)
    rows = rng.integers(1_000, 500_000, 2_000).astype(float)
    season = rng.random(cols) + 0.5
    col_totals = np.floor(rows.sum() * season / season.sum())
    col_totals[0] += rows.sum() - col_totals.sum()
    seed = (rng.random((2_000, cols)) + 0.5) * (rng.random((2_000, cols)) > 0.05)
    result = balance(rows, col_totals, seed, decimals=0)
    assert result.sum(axis=1).tolist() == rows.tolist()
    assert result.sum(axis=0).tolist() == col_totals.tolist()
    fitted = balance(rows, col_totals, seed)
    assert result.tolist() == reference_rounding(fitted, rows, col_totals).tolist()
