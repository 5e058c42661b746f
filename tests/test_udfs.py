"""The Excel functions, called as xlwings calls them: ranges as lists of rows, blanks as None.

On Linux the xlwings decorators return the function unchanged, so these are the very functions
Excel runs. Expected values are hand calculations.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xlsalesplan import udfs

COLUMN = [[1], [1], [1]]
ROW = [[1, 1, 1]]


def test_decompose_keeps_the_orientation_of_the_weights():
    assert udfs.DECOMPOSE(100, COLUMN, 0) == [[34.0], [33.0], [33.0]]
    assert udfs.DECOMPOSE(100, ROW, 0) == [[34.0, 33.0, 33.0]]


def test_decompose_single_cell_is_n_equal_parts_in_a_column():
    assert udfs.DECOMPOSE(10, [[4]], 0) == [[3.0], [3.0], [2.0], [2.0]]
    assert udfs.DECOMPOSE(10, 4, 0) == [[3.0], [3.0], [2.0], [2.0]]


def test_decompose_blank_optional_cells_mean_not_given():
    # Excel passes an empty cell referenced as an optional argument as None.
    assert udfs.DECOMPOSE(90, COLUMN, None, None, None, None) == [[30.0], [30.0], [30.0]]
    locked = [[None], [50], [None]]
    assert udfs.DECOMPOSE(100, COLUMN, 0, locked) == [[25.0], [50.0], [25.0]]


def test_decompose_error_names_formula_argument_and_cell():
    with pytest.raises(
        udfs.FormulaError, match=r"^DECOMPOSE: weights\[2,1\]: 'abc' is not a number"
    ):
        udfs.DECOMPOSE(100, [[1], ["abc"], [1]], 0)
    with pytest.raises(udfs.FormulaError, match=r"^DECOMPOSE: weights\[1,3\]: .*negative"):
        udfs.DECOMPOSE(100, [[1, 2, -1]], 0)


def test_error_cells_are_named_not_read_as_blanks():
    # xlwings passes error cells as their text (err_to_str): #N/A must not count as weight 0.
    with pytest.raises(
        udfs.FormulaError, match=r"^DECOMPOSE: weights\[2,1\]: the cell holds the error #N/A"
    ):
        udfs.DECOMPOSE(100, [[1], ["#N/A"], [1]], 0)


def test_balance_both_margins_exact():
    grid = udfs.BALANCE([[30], [70]], [[50, 50]], None, 0)
    assert [sum(r) for r in grid] == [30, 70]
    assert [sum(c) for c in zip(*grid, strict=True)] == [50, 50]


def test_balance_margins_that_differ_are_an_error():
    with pytest.raises(
        udfs.FormulaError, match=r"^BALANCE: col_totals: .*add up to 90.*row totals add up to 100"
    ):
        udfs.BALANCE([[30], [70]], [[40, 50]], None, 0)


def test_workdays_russian_calendar_and_orientation():
    # Published RU production calendar 2025: January 17, February 20, March 21 working days.
    starts = [[dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1), dt.datetime(2025, 3, 1)]]
    ends = [[dt.datetime(2025, 1, 31), dt.datetime(2025, 2, 28), dt.datetime(2025, 3, 31)]]
    assert udfs.WORKDAYS(starts, ends, None, None, None) == [[17, 20, 21]]
    column = [[s] for s in starts[0]]
    assert udfs.WORKDAYS(column, [[e] for e in ends[0]]) == [[17], [20], [21]]


def test_workdays_unknown_country_is_an_error():
    with pytest.raises(udfs.FormulaError, match=r"^WORKDAYS: country"):
        udfs.WORKDAYS([[dt.datetime(2025, 1, 1)]], [[dt.datetime(2025, 1, 31)]], "XX")


def test_seasonality_of_a_flat_history_is_all_ones_in_a_column():
    out = udfs.SEASONALITY([[100.0]] * 24, None)
    assert len(out) == 12 and all(row == [pytest.approx(1.0)] for row in out)


def test_ramp_before_hire_is_zero():
    starts = [[dt.datetime(2025, m, 1) for m in (1, 2, 3, 6)]]
    out = udfs.RAMP(dt.datetime(2025, 3, 1), starts, 3)
    assert out[0][:2] == [0.0, 0.0] and out[0][3] == 1.0


def test_funnel_column_bottom_up():
    # 120 deals at 40% from proposals → 300; at 50% from meetings → 600; at 25% from leads → 2400.
    assert udfs.FUNNEL(120, [[0.4], [0.5], [0.25]]) == [[120.0], [300.0], [600.0], [2400.0]]


def test_roi_annualised_and_error_cell():
    # 150,000 / 500,000 = 30 %; over 6 months: 1.3^2 − 1 = 69 %.
    assert udfs.ROI([[150000]], [[500000]], None) == [[pytest.approx(0.3)]]
    assert udfs.ROI([[150000]], [[500000]], [[6]]) == [[pytest.approx(0.69)]]
    with pytest.raises(udfs.FormulaError, match=r"^ROI: investment"):
        udfs.ROI([[1], [2]], [[100], [0]])


def test_payback_and_never():
    # 300 + 400 = 700 after two periods; 300 more of the third period's 600 → 2.5.
    assert udfs.PAYBACK(1000, [[300], [400], [600]]) == pytest.approx(2.5)
    never = r"^PAYBACK: #N/A: flows: never repay the investment \(total repaid 200 of 1000\)"
    with pytest.raises(udfs.FormulaError, match=never):
        udfs.PAYBACK(1000, [[100], [100]])


def test_ltv_cagr():
    assert udfs.LTV(10000, 0.3, 0.05) == pytest.approx(60000)  # 10,000·0.3 / 0.05
    assert udfs.CAGR(100, 150, 3) == pytest.approx(0.144714, abs=1e-6)  # 1.5^(1/3) − 1


def test_planfact_blank_plan_gives_blank_cell():
    assert udfs.PLANFACT([[100, None, 200]], [[104, 5, None]]) == [
        [pytest.approx(1.04), None, None]
    ]


def test_runrate():
    assert udfs.RUNRATE([[600000]], [[12]], [[20]]) == [[pytest.approx(1_000_000)]]


def test_horizon_labels_follow_language():
    as_of = dt.datetime(2025, 1, 1)
    deadlines = [[dt.datetime(2025, 12, 31)], [dt.datetime(2027, 6, 30)], [dt.datetime(2030, 1, 1)]]
    assert udfs.HORIZON(deadlines, as_of, None) == [
        ["операционная"],
        ["среднесрочная"],
        ["долгосрочная"],
    ]
    assert udfs.HORIZON(deadlines, as_of, "en") == [["operational"], ["medium-term"], ["long-term"]]


def test_concentration_spills_the_named_result():
    # Shares 50/30/20 %: HHI = 2500 + 900 + 400 = 3800; the largest (50 %) is above 4 %.
    out = udfs.CONCENTRATION([[50], [30], [20]], None)
    assert out[0] == [pytest.approx(0.5)] and out[1] == [pytest.approx(3800)] and out[2] == [True]
