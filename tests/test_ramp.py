"""Ramp-up factors: hand-computed linear ramps, consistency between period lengths, errors."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.ramp import ramp

MONTHS_2025 = np.arange("2025-01", "2026-01", dtype="datetime64[M]").astype("datetime64[D]")


def test_hire_on_the_first_of_a_month():
    # A line from 0 to 1 over March..May averages 1/6, 3/6 and 5/6 in those months.
    out = ramp("2025-03-01", MONTHS_2025, 3)
    assert np.allclose(out[:6], [0, 0, 1 / 6, 1 / 2, 5 / 6, 1], rtol=0, atol=1e-12)
    assert (out[5:] == 1).all() and (out[:2] == 0).all()


def test_hire_in_the_middle_of_a_month():
    # Hired 16 April (15 of April's 30 days gone), ramp 1 month: capacity reaches 1/2 by
    # 1 May (April's area 1/2 × 1/2 × 1/2 = 0.125) and 1 mid-May (May's area 3/8 + 1/2).
    out = ramp("2025-04-16", ["2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"], 1)
    assert np.allclose(out, [0, 0.125, 0.875, 1], rtol=0, atol=1e-12)


def test_no_ramp_counts_days_from_the_hire_date():
    # 17..31 March = 15 of 31 days.
    assert ramp("2025-03-17", ["2025-03-01", "2025-04-01"], 0) == pytest.approx([15 / 31, 1])
    assert ramp("2025-03-17", ["2025-03-01"], 0) == pytest.approx([15 / 31])  # one start = a month


def test_quarters_weigh_the_months_by_their_days():
    # Months 1/6, 1/2, 5/6 over 31, 28 and 31 days: (31/6 + 14 + 155/6) / 90 = 1/2.
    out = ramp(dt.date(2025, 1, 1), ["2025-01-01", "2025-04-01", "2025-07-01"], 3)
    assert np.allclose(out, [0.5, 1, 1], rtol=0, atol=1e-12)


def test_the_last_period_repeats_the_previous_step():
    weeks = ["2025-03-03", "2025-03-10"]  # Mondays; hired Thursday the 13th: 4 of 7 days
    assert ramp("2025-03-13", weeks, 0) == pytest.approx([0, 4 / 7])
    quarters = ["2025-01-01", "2025-04-01"]  # hired 1 May: May and June, 61 of 91 days
    assert ramp("2025-05-01", quarters, 0) == pytest.approx([0, 61 / 91])


def test_existing_employee_and_shapes():
    row = [[45658, 45689, 45717]]  # 2025-01-01, 02-01, 03-01 as Excel serials
    assert ramp(None, row).tolist() == [[1.0, 1.0, 1.0]]
    assert ramp([[""]], row).tolist() == [[1.0, 1.0, 1.0]]
    assert ramp("2026-01-01", row).tolist() == [[0.0, 0.0, 0.0]]
    assert ramp("2024-01-01", [["2025-01-01"], ["2025-02-01"]]).tolist() == [[1.0], [1.0]]
    assert ramp("2025-01-01", []).shape == (0,)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 700), st.floats(0, 8), st.integers(0, 400))
def test_a_month_is_the_average_of_its_days(hire_offset, months, month_offset):
    hire = np.datetime64("2024-01-01") + hire_offset
    month = np.datetime64("2024-01", "M") + month_offset % 30
    first, after = month.astype("datetime64[D]"), (month + 1).astype("datetime64[D]")
    daily = ramp(hire, np.arange(first, after))
    assert ramp(hire, [first, after])[0] == pytest.approx(daily.mean(), abs=1e-12)
    assert np.all(np.diff(daily) >= -1e-15) and daily.min() >= 0 and daily.max() <= 1


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 30), st.floats(0, 12))
def test_a_ramp_loses_half_its_length(month, months):
    # Hired on the first of a month, the months of lost output add up to ramp_months / 2.
    starts = np.arange("2024-01", "2028-01", dtype="datetime64[M]").astype("datetime64[D]")
    out = ramp(starts[month], starts, months)
    assert (1 - out[month:]).sum() == pytest.approx(months / 2, abs=1e-9)
    assert (out[:month] == 0).all()


def error(*args) -> str:
    with pytest.raises(ArgumentError) as info:
        ramp(*args)
    return str(info.value)


def test_errors():
    months = ["2025-01-01", "2025-02-01"]
    assert error("2025-01-01", months, -1) == "ramp_months: -1 is negative"
    assert error("2025-01-01", months, "three") == "ramp_months: 'three' is not a number"
    assert error("01/02/2025", months) == (
        "hire_date: '01/02/2025' is not a date (use a date cell or YYYY-MM-DD)"
    )
    assert error(["2025-01-01", "2025-02-01"], months) == "hire_date: expected one date, got 2"
    assert error("2025-01-01", ["2025-02-01", "2025-01-01"]) == (
        "period_starts[2]: 2025-01-01 is not after the period start before it; "
        "list periods in date order"
    )
    assert error("2025-01-01", [["2025-01-01", None]]) == (
        "period_starts[1,2]: is blank, a date is needed"
    )
