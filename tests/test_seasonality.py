"""Seasonal indices: a textbook example, exact multiplicative series, properties, errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.seasonality import seasonality


def test_textbook_television_sales():
    # Anderson, Sweeney & Williams, "Statistics for Business and Economics", chapter on time
    # series (classical decomposition): quarterly television set sales (thousands) over four
    # years, centred moving averages 5.475 … 7.075, published seasonal indexes
    # Q1 0.93, Q2 0.84, Q3 1.09, Q4 1.14.
    sales = [4.8, 4.1, 6.0, 6.5, 5.8, 5.2, 6.8, 7.4, 6.0, 5.6, 7.5, 7.8, 6.3, 5.9, 8.0, 8.4]
    indices = seasonality(sales, 4)
    assert np.abs(indices - [0.93, 0.84, 1.09, 1.14]).max() < 0.005


def test_a_level_times_a_season_gives_the_season_back():
    season = np.array([0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8])
    history = np.tile(season, 3) * 250.0
    assert np.allclose(seasonality(history), season, rtol=0, atol=1e-12)


def test_odd_period_uses_a_plain_centred_average():
    week = np.array([1.2, 1.1, 1.0, 1.0, 1.3, 0.9, 0.5])  # mean 1
    assert np.allclose(seasonality(np.tile(week, 2) * 40, period=7), week, atol=1e-12)


def test_first_index_is_the_first_observation_position():
    season = np.array([0.8, 1.2, 0.9, 1.1])
    history = np.tile(season, 4)[1:10] * 10  # starts in the second quarter
    assert np.allclose(seasonality(history, 4), [1.2, 0.9, 1.1, 0.8], atol=1e-12)


def test_a_years_by_months_block_reads_row_by_row():
    rng = np.random.default_rng(3)
    flat = rng.uniform(50, 150, 36)
    assert np.array_equal(seasonality(flat.reshape(3, 12).tolist()), seasonality(flat))
    assert np.array_equal(seasonality(flat.reshape(36, 1)), seasonality(flat))


def test_a_zero_month_is_allowed():
    history = np.tile([0.0, 2, 1, 1], 3) * 5
    assert np.allclose(seasonality(history, 4), [0, 2, 1, 1], atol=1e-12)


series = st.integers(2, 13).flatmap(
    lambda p: st.tuples(
        st.just(p),
        st.lists(st.floats(0.1, 1e6), min_size=2 * p, max_size=4 * p + 3),
    )
)


@settings(max_examples=200, deadline=None)
@given(series, st.floats(0.001, 1000))
def test_mean_is_one_and_scale_does_not_matter(case, factor):
    period, history = case
    indices = seasonality(history, period)
    assert indices.shape == (period,)
    assert (indices >= 0).all()
    assert indices.mean() == pytest.approx(1, abs=1e-12)
    assert np.allclose(seasonality(np.array(history) * factor, period), indices, rtol=1e-9)


def error(*args, **kwargs) -> str:
    with pytest.raises(ArgumentError) as info:
        seasonality(*args, **kwargs)
    return str(info.value)


def test_errors():
    assert error(list(range(1, 24))) == (
        "history: has 23 values; at least two full cycles (24) are needed"
    )
    assert error([1, 2, 3, 4] * 2, 1) == "period: 1 is below the smallest allowed value 2"
    assert error([1, 2, 3, 4] * 2, 2.5) == "period: 2.5 is not a whole number"
    assert error([1, 2, None, 4] * 2, 4) == "history[3]: is blank"
    assert error([[1, 2, 3, 4], [1, 2, "n/a", 4]], 4) == "history[2,3]: 'n/a' is not a number"
    assert error([1, 2, 3, 4, 1, -2, 3, 4], 4) == "history[6]: -2 is negative"
    assert error([0] * 8, 4) == "history: is all zeros; there is no season to measure"
    assert error([0, 0, 0, 0, 0, 1, 2, 3, 4, 5], 4) == (
        "history: a whole cycle of zeros around value 3; its seasonal ratio is undefined"
    )
