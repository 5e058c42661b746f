"""Plan–fact completion and run-rate forecast: hand calculations, blanks, layouts, errors."""

import math

import numpy as np
import pandas as pd
import pytest

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.control import planfact, runrate

nan = float("nan")

# --- PLANFACT ----------------------------------------------------------------------------------


def test_planfact_is_fact_over_plan():
    # 95/100 = 95%, 250/200 = 125%, a reported 0 is 0%, returns above sales are negative
    np.testing.assert_allclose(
        planfact([100, 200, 50, 100], [95, 250, 0, -10]), [0.95, 1.25, 0, -0.1]
    )
    assert planfact(80, 100) == 1.25
    assert type(planfact(80, 100)) is float


def test_planfact_blank_where_there_is_nothing_to_measure():
    # blank plan, blank fact (not reported yet), zero plan → blank; 10/20 = 50%
    out = planfact([None, 100, 0, 20], [40, None, 10, 10])
    np.testing.assert_array_equal(np.isnan(out), [True, True, True, False])
    assert out[3] == 0.5
    assert math.isnan(planfact(None, 5))
    assert math.isnan(planfact(100, ""))


def test_planfact_keeps_the_plan_layout():
    row = planfact([[100, 200, 400]], [[50, 50, 50]])
    assert row.shape == (1, 3)
    np.testing.assert_allclose(row, [[0.5, 0.25, 0.125]])
    column = planfact([[100], [200]], [[50], [50]])
    assert column.shape == (2, 1)
    # a 2×2 employees × months block: 1/2, 3/4, 5/10, 0/8
    block = planfact([[2, 4], [10, 8]], [[1, 3], [5, 0]])
    np.testing.assert_allclose(block, [[0.5, 0.75], [0.5, 0.0]])


def test_planfact_one_plan_for_a_range_of_facts():
    # 30/60, 60/60, 90/60
    np.testing.assert_allclose(planfact(60, [30, 60, 90]), [0.5, 1.0, 1.5])


def test_planfact_pandas_missing_values_are_blank():
    plan = pd.Series([100.0, np.nan, 50.0])
    fact = pd.Series([90.0, 10.0, np.nan])
    out = planfact(plan, fact)
    assert out[0] == 0.9
    assert np.isnan(out[1:]).all()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([100, -5], [1, 1]), r"^plan\[2\]: -5 is negative; completion is measured against"),
        ((["abc", 1], [1, 1]), r"^plan\[1\]: 'abc' is not a number$"),
        (([1, 2], [1, True]), r"^fact\[2\]: TRUE is a logical value, not a number$"),
        (([1, 2], [1, 2, 3]), r"^fact: has 3 cells but plan has 2 cells"),
        (([[1, 2], [3, 4]], [[1, 2, 3, 4]]), r"^fact: has 4 cells but plan has 2×2 cells"),
        (([1, float("inf")], [1, 1]), r"^plan\[2\]: is infinite$"),
    ],
)
def test_planfact_errors(args, message):
    with pytest.raises(ArgumentError, match=message):
        planfact(*args)


# --- RUNRATE -----------------------------------------------------------------------------------


def test_runrate_extends_the_pace_to_the_period_end():
    # 450,000 in 9 working days = 50,000 a day; × 21 days = 1,050,000
    assert runrate(450_000, 9, 21) == 1_050_000
    # the period is over: the forecast is the fact
    assert runrate(700, 20, 20) == 700
    # half days: 100 in 2.5 days = 40 a day; × 20 = 800
    assert runrate(100, 2.5, 20) == 800


def test_runrate_blank_before_the_first_working_day_and_for_a_blank_fact():
    out = runrate([None, 10, 30], [5, 0, 5], 20)
    assert np.isnan(out[:2]).all()
    assert out[2] == 120  # 30 / 5 × 20
    assert math.isnan(runrate(0, 0, 21))


def test_runrate_a_column_of_employees_with_shared_days():
    # 10, 20, 30 in 5 of 20 days → ×4
    out = runrate([[10], [20], [30]], 5, 20)
    assert out.shape == (3, 1)
    np.testing.assert_allclose(out, [[40], [80], [120]])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((100, 25, 21), r"^elapsed: 25 is more than total, the working days in the whole period$"),
        ((100, [5, 30], 21), r"^elapsed\[2\]: 30 is more than total"),
        ((100, 5, [21, 4]), r"^elapsed: 5 is more than total"),
        ((100, -1, 21), r"^elapsed: -1 is negative$"),
        ((100, 0, -21), r"^total: -21 is negative$"),
        ((100, None, 21), r"^elapsed: is blank$"),
        (([1, 2, 3], [1, 2], 21), r"^elapsed: has 2 cells but fact_to_date has 3 cells"),
    ],
)
def test_runrate_errors(args, message):
    with pytest.raises(ArgumentError, match=message):
        runrate(*args)
