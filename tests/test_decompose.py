"""DECOMPOSE: published apportionments, hand calculations, properties, and every error message."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.decompose import decompose

# --- Published example ---------------------------------------------------------------------

# Parador's Congress: 250 seats among six states, Hamilton's method. P. Tannenbaum,
# "Excursions in Modern Mathematics", 7th ed., Pearson/Prentice Hall 2010, chapter 4
# "The Mathematics of Apportionment", Tables 4-3/4-4 (standard divisor 50,000).
PARADOR_POPULATION = [1_646_000, 6_936_000, 154_000, 2_091_000, 685_000, 988_000]
PARADOR_HAMILTON_SEATS = [33, 139, 3, 42, 13, 20]


def test_parador_congress_hamilton_apportionment():
    seats = decompose(250, PARADOR_POPULATION, 0)
    assert seats.tolist() == PARADOR_HAMILTON_SEATS


# --- Hand calculations -----------------------------------------------------------------------


def test_equal_weights_tie_goes_to_the_earlier_cell():
    # 100/3 = 33.33 each: one unit left, equal remainders and weights -> the first cell.
    assert decompose(100, [1, 1, 1], 0).tolist() == [34, 33, 33]


def test_equal_remainders_go_to_the_larger_weight():
    # Quotas 0.5 and 1.5: same remainder, the larger weight (3) takes the unit.
    assert decompose(2, [1, 3], 0).tolist() == [0, 2]


def test_negative_total_mirrors_the_positive_one():
    assert decompose(-100, [1, 1, 1], 0).tolist() == [-34, -33, -33]
    assert decompose(-100, [1, 3]).tolist() == [-25, -75]


def test_thousands():
    # ROUND(10000, -3) = 10000 = 10 thousands; 3.33 each -> 4, 3, 3 thousands.
    assert decompose(10_000, [1, 1, 1], -3).tolist() == [4000, 3000, 3000]
    # ROUND(12345, -3) = 12000.
    assert decompose(12_345, [1, 1], -3).tolist() == [6000, 6000]


def test_total_is_rounded_like_excel_round():
    # Excel: ROUND(2.675, 2) = 2.68 and ROUND(-2.5, 0) = -3 (halves away from zero).
    assert decompose(2.675, [1], 2).tolist() == [2.68]
    assert decompose(-2.5, [1], 0).tolist() == [-3]
    assert decompose(0.3, [1, 1, 1], 1).tolist() == [0.1, 0.1, 0.1]


def test_kopecks():
    # 100 / 3 = 33.333..: 33.34 + 33.33 + 33.33.
    assert decompose(100, [1, 1, 1], 2).tolist() == [33.34, 33.33, 33.33]


def test_no_rounding_is_plain_proportion():
    assert decompose(1000, [1, 3]).tolist() == [250, 750]


def test_a_number_of_equal_parts():
    parts = decompose(100, 4)
    assert parts.shape == (4,)
    assert parts.tolist() == [25, 25, 25, 25]
    assert decompose(10, 3, 0).tolist() == [4, 3, 3]


def test_all_zero_weights_give_equal_parts():
    assert decompose(90, [0, 0, 0]).tolist() == [30, 30, 30]


def test_blank_weight_counts_as_zero():
    assert decompose(100, [1, None, 1]).tolist() == [50, 0, 50]


def test_locked_cell_keeps_its_value():
    assert decompose(100, [1, 1, 2], locked=[None, 40, None]).tolist() == [20, 40, 40]
    assert decompose(100, [1, 1, 1], 0, locked=[None, 40, None]).tolist() == [30, 40, 30]


def test_locked_with_all_zero_weights_splits_the_rest_equally():
    assert decompose(10, [0, 0, 0], locked=[3, None, None]).tolist() == [3, 3.5, 3.5]


def test_cap_excess_goes_to_the_others_in_proportion():
    assert decompose(100, [1, 1, 8], cap=50).tolist() == [25, 25, 50]
    # 10/20/70 -> caps 15 and 40 bind (55), the remaining 45 goes to the first cell.
    assert decompose(100, [1, 2, 7], cap=[None, 15, 40]).tolist() == [45, 15, 40]


def test_floor_is_paid_for_by_the_others():
    assert decompose(100, [1, 1, 8], floor=20).tolist() == [20, 20, 60]


def test_floors_that_stop_binding_once_a_cap_binds():
    # Plain shares 10/10/10/70. The cap of 40 on the last frees 30 for the first three, which
    # lifts them to 20 each: above their floor of 15, which therefore does not bind.
    assert decompose(100, [1, 1, 1, 7], floor=15, cap=[None, None, None, 40]).tolist() == [
        20,
        20,
        20,
        40,
    ]


def test_rounding_respects_a_fractional_floor():
    # Floor 3.5 at 0 decimals means at least 4; the other 6 split 3/3.
    assert decompose(10, [1, 1, 1], 0, floor=[3.5, None, None]).tolist() == [4, 3, 3]


def test_zero_weight_part_sits_at_its_floor():
    assert decompose(100, [0, 1], floor=[10, None]).tolist() == [10, 90]


@pytest.mark.parametrize(
    ("weights", "shape"),
    [
        ([1, 2, 3], (3,)),
        ([[1], [2], [3]], (3, 1)),
        ([[1, 2, 3]], (1, 3)),
        ([[1, 2], [3, 4]], (2, 2)),
        (np.array([[1.0, 2.0, 3.0]]), (1, 3)),
        (pd.Series([1, 2, 3]), (3,)),
        (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), (2, 2)),
    ],
)
def test_result_keeps_the_layout_of_weights(weights, shape):
    parts = decompose(100, weights, 0)
    assert parts.shape == shape
    assert parts.sum() == 100


def test_earlier_cell_is_reading_order_of_a_range():
    # Four equal weights in a 2x2 range, 2 units left over: the first row gets them.
    assert decompose(6, [[1, 1], [1, 1]], 0).tolist() == [[2, 2], [1, 1]]


# --- Errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": [1, -1]}, r"^weights\[2\]: -1 is negative; it must be zero or more$"),
        ({"weights": [[1, 2], [3, -1]]}, r"^weights\[2,2\]: -1 is negative"),
        ({"weights": [1, "a"]}, r"^weights\[2\]: 'a' is not a number$"),
        ({"weights": [1, True]}, r"^weights\[2\]: TRUE is a logical value, not a number$"),
        ({"weights": [1, float("nan")]}, r"^weights\[2\]: is not a number \(NaN\)$"),
        ({"weights": [1, float("inf")]}, r"^weights\[2\]: is infinite$"),
        ({"weights": []}, r"^weights: is empty$"),
        ({"weights": None}, r"^weights: is blank$"),
        ({"weights": 0}, r"^weights: 0 is below the smallest allowed value 1$"),
        ({"weights": 2.5}, r"^weights: 2.5 is not a whole number$"),
        ({"weights": 2_000_000}, r"^weights: 2e\+06 is above the largest allowed value 1000000$"),
        ({"total": "x"}, r"^total: 'x' is not a number$"),
        ({"decimals": 16}, r"^decimals: 16 is above the largest allowed value 15$"),
        ({"decimals": 1.5}, r"^decimals: 1.5 is not a whole number$"),
        (
            {"total": 1e6, "decimals": 15},
            r"^total: 1000000 rounded to 15 decimals has more digits than a number can hold",
        ),
        ({"locked": [1, 2]}, r"^locked: has 2 cells but weights has 3"),
        (
            {"locked": [120, None, None]},
            r"^locked: the locked cells add up to 120, more than the total 100$",
        ),
        (
            {"total": -100, "locked": [-120, None, None]},
            r"^locked: the locked cells add up to -120, less than the total -100$",
        ),
        (
            {"locked": [30, 30, 30]},
            r"^locked: every cell is locked but they add up to 90, not the total 100$",
        ),
        (
            {"decimals": 0, "locked": [0.5, None, None]},
            r"^locked\[1\]: 0.5 has more decimal places than decimals=0 allows$",
        ),
        (
            {"locked": [5, None, None], "floor": [6, None, None]},
            r"^locked\[1\]: 5 is below the floor 6 of the same cell$",
        ),
        (
            {"locked": [None, None, 50], "cap": 40},
            r"^locked\[3\]: 50 is above the cap 40 of the same cell$",
        ),
        (
            {"floor": [None, 5, None], "cap": [None, 4, None]},
            r"^floor\[2\]: 5 is above the cap 4 of the same cell$",
        ),
        (
            {"decimals": 0, "floor": [0.3, None, None], "cap": [0.7, None, None]},
            r"^floor\[1\]: no amount with 0 decimals lies between the floor 0.3 and the cap 0.7$",
        ),
        ({"floor": 40}, r"^floor: the floors add up to 120, more than the total 100$"),
        (
            {"floor": 30, "locked": [50, None, None]},
            r"^floor: the floors add up to 60, more than the 50 left after the locked cells$",
        ),
        ({"cap": [20, 30, 30]}, r"^cap: the caps add up to 80, less than the total 100$"),
        (
            {"total": 1, "decimals": 0, "floor": [0.4, 0.4, None]},
            r"^floor: the floors add up to 2 \(each rounded inwards to 0 decimals\), "
            r"more than the total 1$",
        ),
        (
            {"weights": [1, 0, 0], "locked": [50, None, None]},
            r"^weights: every unlocked cell has zero weight, so the 50 left after the locked "
            r"cells has nowhere to go$",
        ),
        ({"floor": [float("inf"), None, None]}, r"^floor\[1\]: is infinite$"),
        ({"cap": [1, "x", 1]}, r"^cap\[2\]: 'x' is not a number$"),
    ],
)
def test_errors_name_the_argument_and_the_reason(kwargs, message):
    args = {"total": 100, "weights": [1, 1, 1]} | kwargs
    with pytest.raises(ArgumentError, match=message):
        decompose(**args)


# --- Properties --------------------------------------------------------------------------------


def excel_round_units(total: float, decimals: int) -> int:
    """Excel's ROUND(total, decimals) in units of 10**-decimals (oracle for the tests)."""
    scaled = Decimal(repr(total)).scaleb(decimals)
    return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def units_of(parts: np.ndarray, decimals: int) -> list[int]:
    return [int(Decimal(repr(float(x))).scaleb(decimals)) for x in parts.ravel()]


def hamilton(total: int, weights: list[int]) -> list[int]:
    """Hamilton's method in exact fractions: ties to the larger weight, then the earlier one."""
    if not any(weights):
        weights = [1] * len(weights)
    quotas = [Fraction(total * w, sum(weights)) for w in weights]
    seats = [q.numerator // q.denominator for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - seats[i]), -weights[i], i))
    for i in order[: total - sum(seats)]:
        seats[i] += 1
    return seats


small_weights = st.lists(st.integers(0, 6), min_size=1, max_size=25)
float_weights = st.lists(
    st.floats(0, 1e6, allow_nan=False, allow_infinity=False), min_size=1, max_size=40
)


@given(total=st.integers(0, 10_000), weights=small_weights)
@settings(max_examples=300)
def test_matches_exact_hamilton_with_its_tie_rule(total, weights):
    assert decompose(total, weights, 0).tolist() == hamilton(total, weights)


@given(total=st.integers(0, 10_000), weights=small_weights)
def test_negative_total_is_the_mirror_image(total, weights):
    assert decompose(-total, weights, 0).tolist() == [-x for x in hamilton(total, weights)]


@given(
    total=st.floats(-1e9, 1e9, allow_nan=False),
    weights=float_weights,
    decimals=st.integers(-3, 4),
)
@settings(max_examples=300)
def test_rounded_parts_sum_exactly_and_stay_within_one_unit(total, weights, decimals):
    parts = decompose(total, weights, decimals)
    target = excel_round_units(total, decimals)
    assert all(round(float(x), decimals) == x for x in parts)
    assert sum(units_of(parts, decimals)) == target
    w = np.array(weights) if sum(weights) > 0 else np.ones(len(weights))
    exact = np.array([float(Fraction(target) * Fraction(x) / Fraction(w.sum())) for x in w])
    units = np.array(units_of(parts, decimals), dtype=float)
    assert np.all(np.abs(units - exact) < 1 + 1e-9 * max(1.0, abs(target)))


@given(
    weights=st.lists(st.integers(0, 50), min_size=2, max_size=12),
    data=st.data(),
)
@settings(max_examples=300)
def test_locked_cells_are_untouched_and_the_rest_adds_up(weights, data):
    n = len(weights)
    locked = data.draw(st.lists(st.none() | st.integers(0, 300), min_size=n, max_size=n))
    total = data.draw(st.integers(0, 2000))
    locked_sum = sum(v for v in locked if v is not None)
    free_weight = sum(w for w, v in zip(weights, locked, strict=True) if v is None)
    has_free = any(v is None for v in locked)
    rest = total - locked_sum
    feasible = rest >= 0 and (rest == 0 or (has_free and (free_weight > 0 or not any(weights))))
    if not feasible:
        with pytest.raises(ArgumentError, match=r"^(locked|weights):"):
            decompose(total, weights, 0, locked=locked)
        return
    parts = decompose(total, weights, 0, locked=locked)
    assert parts.sum() == total
    for part, lock in zip(parts, locked, strict=True):
        if lock is None:
            assert part >= 0
        else:
            assert part == lock


bound = st.none() | st.integers(0, 60)


@given(
    weights=st.lists(st.integers(0, 20), min_size=1, max_size=10),
    data=st.data(),
    decimals=st.sampled_from([None, 0]),
)
@settings(max_examples=400)
def test_floors_and_caps_are_kept_and_the_rest_is_proportional(weights, data, decimals):
    n = len(weights)
    floors = data.draw(st.lists(bound, min_size=n, max_size=n))
    caps = [
        None if c is None else (c if f is None else f + c)
        for f, c in zip(floors, data.draw(st.lists(bound, min_size=n, max_size=n)), strict=True)
    ]
    total = data.draw(st.integers(0, 400))
    w = weights if any(weights) else [1] * n
    low = [f or 0 for f in floors]
    high = [
        (float("inf") if c is None else c) if wi > 0 else lo
        for wi, c, lo in zip(w, caps, low, strict=True)
    ]
    if not sum(low) <= total <= sum(high):
        with pytest.raises(ArgumentError, match=r"^(floor|cap|weights):"):
            decompose(total, weights, decimals, floor=floors, cap=caps)
        return
    parts = decompose(total, weights, decimals, floor=floors, cap=caps)
    assert parts.sum() == pytest.approx(total, abs=1e-9)
    assert all(lo - 1e-9 <= x <= hi + 1e-9 for x, lo, hi in zip(parts, low, high, strict=True))
    if decimals is None:
        assert_water_filled(parts, w, low, high)
    else:
        assert parts.sum() == total
        exact = decompose(total, weights, None, floor=floors, cap=caps)
        assert np.all(np.abs(parts - exact) < 1 + 1e-9)


def assert_water_filled(parts, weights, low, high):
    """One level t: parts strictly inside their bounds are t*w; a part held at its floor would
    be lower than its floor at t*w, one held at its cap higher than its cap."""
    inside = [
        x / wi
        for x, wi, lo, hi in zip(parts, weights, low, high, strict=True)
        if wi > 0 and lo + 1e-9 < x < hi - 1e-9
    ]
    if not inside:
        return
    level = inside[0]
    assert inside == pytest.approx([level] * len(inside), rel=1e-9)
    for x, wi, lo, hi in zip(parts, weights, low, high, strict=True):
        if wi == 0 or lo == hi:
            continue
        if x <= lo + 1e-9:
            assert level * wi <= lo + 1e-6
        if x >= hi - 1e-9:
            assert level * wi >= hi - 1e-6


@given(
    weights=st.lists(st.integers(0, 9), min_size=6, max_size=6),
    shape=st.sampled_from([(6,), (6, 1), (1, 6), (2, 3), (3, 2)]),
    total=st.integers(0, 1000),
)
def test_a_range_splits_like_its_cells_in_reading_order(weights, shape, total):
    flat = decompose(total, weights, 0)
    shaped = decompose(total, np.array(weights).reshape(shape), 0)
    assert shaped.shape == shape
    assert shaped.ravel().tolist() == flat.tolist()
    nested = np.array(weights).reshape(shape).tolist() if len(shape) == 2 else weights
    assert decompose(total, nested, 0).tolist() == shaped.tolist()


@given(total=st.integers(1, 10**6), n=st.integers(1, 50))
def test_equal_parts_differ_by_at_most_one_unit(total, n):
    parts = decompose(total, n, 0)
    assume(n > 1)
    assert parts.sum() == total
    assert parts.max() - parts.min() <= 1
    # The bigger parts come first (earlier cells win equal remainders).
    assert list(parts) == sorted(parts, reverse=True)
