"""ROI, payback, LTV and CAGR against hand calculations and textbook examples."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.finance import NotReached, cagr, ltv, payback, roi

# --- ROI ---------------------------------------------------------------------------------------


def test_roi_is_effect_over_investment():
    # 150,000 / 100,000 = 1.5 (150%)
    assert roi(150_000, 100_000) == 1.5
    assert type(roi(150_000, 100_000)) is float


def test_roi_annualised_compounds_to_a_year():
    # +21% in 6 months: 1.21^(12/6) − 1 = 1.4641 − 1 = 0.4641
    assert roi(21_000, 100_000, months=6) == pytest.approx(0.4641, abs=1e-12)
    # over exactly 12 months the annualised ROI is the ROI itself
    assert roi(10, 100, months=12) == pytest.approx(0.1, abs=1e-15)
    # +10% over 24 months: √1.1 − 1 = 0.0488088481701516
    assert roi(10, 100, months=24) == pytest.approx(0.0488088481701516, rel=1e-12)


def test_roi_total_loss_annualises_to_minus_one():
    # ROI −100% and −150%: (1 + ROI) is 0 or negative, nothing left to compound
    assert roi(-100, 100, months=6) == -1.0
    assert roi(-150, 100, months=6) == -1.0
    assert roi(-150, 100) == -1.5


def test_roi_broadcasts_one_investment_over_a_range_of_effects():
    # 10/100, 20/100, 30/100, 40/100
    out = roi([[10, 20], [30, 40]], 100)
    assert out.shape == (2, 2)
    np.testing.assert_allclose(out, [[0.1, 0.2], [0.3, 0.4]], rtol=1e-15)


def test_roi_one_effect_over_a_range_takes_the_range_layout():
    out = roi(100, [[50], [200]])  # 100/50 = 2, 100/200 = 0.5
    assert out.shape == (2, 1)
    np.testing.assert_allclose(out, [[2.0], [0.5]])


@pytest.mark.parametrize(
    ("effect", "shape"),
    [([[10, 20, 30]], (1, 3)), ([[10], [20], [30]], (3, 1)), ([10, 20, 30], (3,))],
)
def test_roi_keeps_rows_columns_and_lists(effect, shape):
    out = roi(effect, [10, 10, 10])
    assert out.shape == shape
    np.testing.assert_allclose(out.ravel(), [1, 2, 3])


def test_roi_row_against_column_of_same_size_goes_cell_by_cell():
    # 1/1, 2/2, 3/4 in the layout of the effect row
    out = roi([[1, 2, 3]], [[1], [2], [4]])
    assert out.shape == (1, 3)
    np.testing.assert_allclose(out, [[1.0, 1.0, 0.75]])


def test_roi_accepts_numpy_and_pandas():
    np.testing.assert_allclose(roi(np.array([5.0, 10.0]), pd.Series([10, 10])), [0.5, 1.0])
    frame = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    np.testing.assert_allclose(roi(frame, 2), [[0.5, 1.5], [1.0, 2.0]])


def test_roi_months_per_cell():
    # 21% over 6 months → 46.41%; 10% over 12 months → 10%
    np.testing.assert_allclose(roi([21, 10], 100, months=[6, 12]), [0.4641, 0.1], rtol=1e-12)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((100, 0), r"^investment: 0 must be above 0$"),
        ((100, [100, -5]), r"^investment\[2\]: -5 must be above 0$"),
        ((100, [[1, 2], [3, 0]]), r"^investment\[2,2\]: 0 must be above 0$"),
        ((100, 100, 0), r"^months: 0 must be above 0$"),
        ((100, 100, [6, -1]), r"^months\[2\]: -1 must be above 0$"),
        (([1, None], 100), r"^effect\[2\]: is blank$"),
        (("abc", 100), r"^effect: 'abc' is not a number$"),
        (([1, 2, 3], [1, 2]), r"^investment: has 2 cells but effect has 3 cells"),
        (([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4], [5, 6]]), r"^investment: has 3×2 cells but"),
        ((1e6, 1, 0.001), r"^months: 0.001 months is too short"),
    ],
)
def test_roi_errors(args, message):
    with pytest.raises(ArgumentError, match=message):
        roi(*args)


# --- payback -----------------------------------------------------------------------------------


def test_payback_halfway_through_the_third_period():
    # 40 + 40 = 80 after two periods; the remaining 20 of the third period's 40 → 2 + 0.5
    assert payback(100, [40, 40, 40]) == 2.5


def test_payback_textbook_uneven_flows():
    # 50,000 invested; cumulative 10,000 / 23,000 / 39,000 / 58,000: three full years plus
    # 11,000 / 19,000 of the fourth = 3.578947368...
    assert payback(50_000, [10_000, 13_000, 16_000, 19_000, 22_000]) == pytest.approx(
        3 + 11 / 19, rel=1e-15
    )


def test_payback_exactly_at_a_period_end_and_within_the_first():
    assert payback(100, [50, 50]) == 2.0  # repaid exactly at the end of period 2
    assert payback(100, [400]) == 0.25  # a quarter into period 1


def test_payback_with_a_dip():
    # cumulative 60, 30, 80, 120: the last 20 of period 4's 40 → 3.5
    assert payback(100, [60, -30, 50, 40]) == 3.5
    # reached in period 1 (100/120), the later dip does not undo it
    assert payback(100, [120, -50, 60]) == pytest.approx(100 / 120)


def test_payback_blank_flow_is_a_period_without_flow():
    # cumulative 50, 50, 100 → exactly at the end of period 3
    assert payback(100, [50, None, 50]) == 3.0


def test_payback_for_a_range_of_investments():
    # against 40/40/40: 50 → 1 + 10/40; 100 → 2.5; 120 → 3
    out = payback([[50], [100], [120]], [[40, 40, 40]])
    assert out.shape == (3, 1)
    np.testing.assert_allclose(out, [[1.25], [2.5], [3.0]])
    assert payback(100, [[40], [40], [40]]) == 2.5


def test_payback_never_reached_is_its_own_error():
    with pytest.raises(
        NotReached, match=r"^flows: never repay the investment \(total repaid 90 of 100\)$"
    ) as info:
        payback(100, [30, 30, 30])
    assert isinstance(info.value, ArgumentError)
    with pytest.raises(NotReached, match=r"never repay investment\[2\] \(total repaid 120 of 200"):
        payback([50, 200], [40, 40, 40])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, [40, 40]), r"^investment: 0 must be above 0$"),
        (([10, -1], [40, 40]), r"^investment\[2\]: -1 must be above 0$"),
        ((100, [[40, 40], [40, 40]]), r"^flows: has 2×2 cells; give a single row or column"),
        ((100, []), r"^flows: has 0 cells; give a single row or column"),
        ((100, [40, "x"]), r"^flows\[2\]: 'x' is not a number$"),
    ],
)
def test_payback_errors(args, message):
    with pytest.raises(ArgumentError, match=message):
        payback(*args)


@given(
    st.lists(st.integers(-50, 100), min_size=1, max_size=20),
    st.integers(1, 500),
)
def test_payback_cumulative_flow_at_the_payback_point_is_the_investment(flows, investment):
    cumulative = np.concatenate(([0.0], np.cumsum(flows)))
    if cumulative.max() < investment:
        with pytest.raises(NotReached):
            payback(investment, flows)
        return
    p = payback(investment, flows)
    # linear within the period: the running total at time p, read off the polyline
    assert np.interp(p, np.arange(len(cumulative)), cumulative) == pytest.approx(investment)
    # and it is the first time: every period end before p was still short
    assert (cumulative[: math.ceil(p)] < investment).all()


# --- LTV ---------------------------------------------------------------------------------------


def test_ltv_without_months_is_margin_over_churn():
    # 1,000 × 50% = 500 a month; 5% leave each month → 500 / 0.05 = 10,000
    assert ltv(1000, 0.5, 0.05) == pytest.approx(10_000, rel=1e-14)


def test_ltv_over_months_sums_the_surviving_customers():
    # 500 + 500·0.5 + 500·0.25 = 875
    assert ltv(1000, 0.5, 0.5, months=3) == 875.0
    # no churn: 30 a month for 12 months = 360; full churn: only the first month, 30
    assert ltv(100, 0.3, 0, months=12) == pytest.approx(360)
    assert ltv(100, 0.3, 1, months=12) == pytest.approx(30)


def test_ltv_discounted():
    # 100 + 100·0.9/1.1 = 181.8181...
    assert ltv(100, 1, 0.1, months=2, discount=0.1) == pytest.approx(100 + 90 / 1.1, rel=1e-14)
    # for ever: 100 / (1 − 0.9/1.1) = 100·1.1/0.2 = 550
    assert ltv(100, 1, 0.1, discount=0.1) == pytest.approx(550, rel=1e-14)
    # churn 0 is fine when discounting: 100·1.01/0.01 = 10,100
    assert ltv(100, 1, 0, discount=0.01) == pytest.approx(10_100, rel=1e-12)


def test_ltv_keeps_its_digits_for_a_tiny_churn():
    # Σ (1 − 1e-12)^t, t < 12 = 12 − 66e-12: naive (1 − q^m)/(1 − q) loses most digits here
    assert ltv(100, 1, 1e-12, months=12) == pytest.approx(1200 - 66e-10, rel=1e-13)


def test_ltv_broadcasts():
    # 100·0.5/0.1 = 500, 200·0.5/0.1 = 1,000
    out = ltv([[100], [200]], 0.5, 0.1)
    assert out.shape == (2, 1)
    np.testing.assert_allclose(out, [[500], [1000]])


@given(
    st.floats(0, 10_000),
    st.floats(0, 1),
    st.floats(0, 1),
    st.integers(1, 60),
    st.floats(0, 0.2),
)
def test_ltv_closed_form_matches_the_plain_sum(arpu, margin, churn, months, discount):
    terms = [arpu * margin * (1 - churn) ** t / (1 + discount) ** t for t in range(months)]
    assert ltv(arpu, margin, churn, months, discount) == pytest.approx(sum(terms), rel=1e-9)


@given(st.floats(0.01, 1), st.floats(0, 0.2))
def test_ltv_long_horizon_approaches_the_endless_value(churn, discount):
    assert ltv(100, 0.5, churn, 20_000, discount) == pytest.approx(
        ltv(100, 0.5, churn, discount=discount), rel=1e-9
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"margin": 25}, r"^margin: 25 is not a ratio from 0 to 1 \(25% = 0.25\)$"),
        ({"churn": -0.1}, r"^churn: -0.1 is not a ratio from 0 to 1"),
        ({"discount": 1.5}, r"^discount: 1.5 is not a ratio from 0 to 1"),
        ({"arpu": [10, -1]}, r"^arpu\[2\]: -1 is negative$"),
        ({"months": 0}, r"^months: 0 is not a whole number of at least 1$"),
        ({"months": 2.5}, r"^months: 2.5 is not a whole number of at least 1$"),
        ({"churn": 0}, r"^churn: is 0, so customers never leave .* give months or a discount$"),
        ({"churn": [0.1, 0]}, r"^churn\[2\]: is 0, so customers never leave"),
        ({"arpu": [1, 2], "churn": [0.1, 0.2, 0.3]}, r"^churn: has 3 cells but arpu has 2 cells"),
    ],
)
def test_ltv_errors(kwargs, message):
    args = {"arpu": 100, "margin": 0.5, "churn": 0.1} | kwargs
    with pytest.raises(ArgumentError, match=message):
        ltv(**args)


# --- CAGR --------------------------------------------------------------------------------------


def test_cagr_textbook():
    # 100 → 150 in 3 years: 1.5^(1/3) − 1 = 14.47%
    assert cagr(100, 150, 3) == pytest.approx(0.1447142425533319, rel=1e-12)
    # 100 → 121 in 2 years: √1.21 − 1 = 10%; halving in a year: −50%; down to 0: −100%
    assert cagr(100, 121, 2) == pytest.approx(0.1, rel=1e-12)
    assert cagr(200, 100, 1) == -0.5
    assert cagr(100, 0, 5) == -1.0


def test_cagr_broadcasts():
    # 100 → 121 and 100 → 144 over 2 years: 10% and 20%
    out = cagr(100, [[121, 144]], 2)
    assert out.shape == (1, 2)
    np.testing.assert_allclose(out, [[0.1, 0.2]], rtol=1e-12)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, 150, 3), r"^start: 0 must be above 0$"),
        (([100, -1], 150, 3), r"^start\[2\]: -1 must be above 0$"),
        ((100, -5, 3), r"^end: -5 is negative$"),
        ((100, 150, 0), r"^years: 0 must be above 0$"),
        ((100, [150, 1e300], 1e-3), r"^years: 0.001 is too short"),
        ((100, [150, 200], [1, 2, 3]), r"^years: has 3 cells but end has 2 cells"),
    ],
)
def test_cagr_errors(args, message):
    with pytest.raises(ArgumentError, match=message):
        cagr(*args)
