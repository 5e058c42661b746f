"""The funnel read bottom-up: hand calculations, rounding up, layouts, errors, properties."""

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.funnel import funnel


def test_funnel_bottom_up():
    # 20 deals; 40% of proposals close → 50 proposals; 50% of meetings give a proposal → 100
    # meetings; 25% of leads get a meeting → 400 leads
    assert funnel(20, [0.4, 0.5, 0.25]).tolist() == [20, 50, 100, 400]


def test_funnel_rounds_each_stage_up_from_its_exact_need():
    # 10 / 0.3 = 33.3 → 34; 10 / (0.3 · 0.5) = 66.7 → 67 (not 2 · 34 = 68)
    assert funnel(10, [0.3, 0.5]).tolist() == [10, 34, 67]
    # 10.5 deals means 11; 10.5 / 0.5 = 21 proposals
    assert funnel(10.5, [0.5]).tolist() == [11, 21]


def test_funnel_float_noise_does_not_add_a_unit():
    # 21 / 0.7 is 30.000000000000004 in binary floating point; the need is exactly 30
    assert funnel(21, [0.7]).tolist() == [21, 30]
    assert funnel(100, [0.5]).tolist() == [100, 200]


def test_funnel_rate_of_one_and_target_of_zero():
    assert funnel(7, [1, 1]).tolist() == [7, 7, 7]
    assert funnel(0, [0.1, 0.2]).tolist() == [0, 0, 0]


@pytest.mark.parametrize(
    ("rates", "shape"),
    [
        ([[0.5], [0.5]], (3, 1)),
        ([[0.5, 0.5]], (1, 3)),
        ([0.5, 0.5], (3,)),
        ([[0.5]], (2, 1)),
        (0.5, (2,)),
        (np.array([0.5, 0.5]), (3,)),
    ],
)
def test_funnel_keeps_the_layout_of_rates(rates, shape):
    out = funnel(10, rates)
    assert out.shape == shape
    assert out.ravel()[-1] == (40 if out.size == 3 else 20)  # 10 / 0.5 / 0.5, or 10 / 0.5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (10, [0.5, 0]),
            r"^rates\[2\]: 0 is not a conversion rate above 0 and at most 1 \(40% = 0.4\)$",
        ),
        ((10, [[0.5], [40]]), r"^rates\[2,1\]: 40 is not a conversion rate"),
        ((10, [-0.2]), r"^rates: -0.2 is not a conversion rate"),  # one cell: no position
        ((10, [0.5, None]), r"^rates\[2\]: is blank$"),
        (
            (10, [[0.5, 0.5], [0.5, 0.5]]),
            r"^rates: give the conversion rates as a single row or column$",
        ),
        ((10, []), r"^rates: give the conversion rates as a single row or column$"),
        ((-1, [0.5]), r"^target: -1 is negative$"),
        (([10, 20], [0.5]), r"^target: expected a single number, got 2 cells$"),
        (("ten", [0.5]), r"^target: 'ten' is not a number$"),
    ],
)
def test_funnel_errors(args, message):
    with pytest.raises(ArgumentError, match=message):
        funnel(*args)


@given(
    st.integers(0, 100_000),
    st.lists(st.floats(0.01, 1), min_size=1, max_size=6),
)
# Stages near 1.6e13, where an allowance for float noise relative to the stage swallowed units.
@example(67677, [0.1327, 0.03125, 0.01, 0.01, 0.01])
def test_funnel_each_upper_stage_feeds_the_stage_below(target, rates):
    stages = funnel(target, rates)
    assert len(stages) == len(rates) + 1
    assert stages[0] == target
    assert (stages == np.floor(stages)).all()
    need = float(target)
    for k, rate in enumerate(rates):
        need /= rate
        # enough volume upstream to deliver what the stage below exactly needs (short of it by
        # float noise at most, never by a unit) ...
        assert stages[k + 1] >= need * (1 - 1e-12)
        # ... and not a whole unit more than necessary
        assert stages[k + 1] < need + 1
        assert stages[k + 1] >= stages[k]
