"""The catalogue of bad formula inputs: every Excel function called as xlwings calls it.

xlwings hands a UDF ranges as lists of rows (``ndim=2``), blank cells as ``None`` and dates as
``datetime``. A cell holding an Excel error arrives as ``None`` with the default options and as
its text (``"#N/A"``, ``"#DIV/0!"``) with ``err_to_str=True``. Each case asserts the whole
head of the message Excel shows in the cell — ``FORMULA: argument[row,col]: reason`` — so a
planner can find the cell and knows what to change.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re

import pytest
from xlwings_metadata import xlwings_metadata

from xlsalesplan import udfs

D = dt.datetime
COL3 = [[1], [1], [1]]
JAN = ([[D(2025, 1, 1)]], [[D(2025, 1, 31)]])
NAN, INF = float("nan"), float("inf")

# (id, call, exact message head, rest of the reason as a regex)
CASES = [
    # text, booleans, blanks
    (
        "text-total",
        lambda: udfs.DECOMPOSE("abc", COL3, 0),
        "DECOMPOSE: total: ",
        "'abc' is not a number",
    ),
    (
        "text-in-weights",
        lambda: udfs.DECOMPOSE(100, [[1], ["x"], [1]], 0),
        "DECOMPOSE: weights[2,1]: ",
        "'x' is not a number",
    ),
    (
        "text-decimals",
        lambda: udfs.DECOMPOSE(100, COL3, "two"),
        "DECOMPOSE: decimals: ",
        "'two' is not a number",
    ),
    (
        "text-in-row-range",
        lambda: udfs.PLANFACT([[1, "x"]], [[1, 2]]),
        "PLANFACT: plan[1,2]: ",
        "'x' is not a number",
    ),
    (
        "bool-total",
        lambda: udfs.DECOMPOSE(True, COL3, 0),
        "DECOMPOSE: total: ",
        "TRUE is a logical value, not a number",
    ),
    (
        "bool-in-weights",
        lambda: udfs.DECOMPOSE(100, [[1], [False]], 0),
        "DECOMPOSE: weights[2,1]: ",
        "FALSE is a logical value, not a number",
    ),
    ("blank-total", lambda: udfs.DECOMPOSE(None, COL3, 0), "DECOMPOSE: total: ", "is blank"),
    (
        "blank-history",
        lambda: udfs.SEASONALITY([[1]] * 23 + [[None]], None),
        "SEASONALITY: history[24,1]: ",
        "is blank",
    ),
    (
        "blank-start-date",
        lambda: udfs.WORKDAYS([[None]], JAN[1]),
        "WORKDAYS: starts[1,1]: ",
        "is blank, a date is needed",
    ),
    ("blank-cagr-start", lambda: udfs.CAGR(None, 150, 3), "CAGR: start", "(_value)?: is blank"),
    # Excel error values as err_to_str=True passes them
    (
        "na-total",
        lambda: udfs.DECOMPOSE("#N/A", COL3, 0),
        "DECOMPOSE: total: ",
        "the cell holds the error #N/A, not a number",
    ),
    (
        "div0-in-weights",
        lambda: udfs.DECOMPOSE(100, [[1], ["#DIV/0!"]], 0),
        "DECOMPOSE: weights[2,1]: ",
        "the cell holds the error #DIV/0!, not a number",
    ),
    (
        "na-in-history",
        lambda: udfs.SEASONALITY([[1]] * 23 + [["#N/A"]], None),
        "SEASONALITY: history[24,1]: ",
        "the cell holds the error #N/A, not a number",
    ),
    (
        "div0-in-flows",
        lambda: udfs.PAYBACK(100, [[50], ["#DIV/0!"]]),
        "PAYBACK: flows[2,1]: ",
        "the cell holds the error #DIV/0!, not a number",
    ),
    (
        "na-as-date",
        lambda: udfs.WORKDAYS([["#N/A"]], JAN[1]),
        "WORKDAYS: starts[1,1]: ",
        r"'#N/A' is not a date",
    ),
    (
        "na-deadline",
        lambda: udfs.HORIZON([["#N/A"]], D(2025, 1, 1), "en"),
        "HORIZON: deadline[1,1]: ",
        r"'#N/A' is not a date",
    ),
    # Excel error values as the default options pass them: None
    ("error-as-none-total", lambda: udfs.ROI([[None]], [[100]]), "ROI: effect[1,1]: ", "is blank"),
    (
        "error-as-none-rate",
        lambda: udfs.FUNNEL(120, [[0.4], [None]]),
        "FUNNEL: rates[2,1]: ",
        "is blank",
    ),
    # NaN and infinity (from Python callers and numpy arrays)
    (
        "nan-weight",
        lambda: udfs.DECOMPOSE(100, [[1], [NAN]], 0),
        "DECOMPOSE: weights[2,1]: ",
        r"is not a number \(NaN\)",
    ),
    (
        "inf-weight",
        lambda: udfs.DECOMPOSE(100, [[1], [INF]], 0),
        "DECOMPOSE: weights[2,1]: ",
        "is infinite",
    ),
    ("inf-total", lambda: udfs.DECOMPOSE(INF, COL3, 0), "DECOMPOSE: total: ", "is infinite"),
    (
        "nan-balance",
        lambda: udfs.BALANCE([[NAN], [70]], [[50, 50]]),
        "BALANCE: row_totals[1,1]: ",
        r"is not a number \(NaN\)",
    ),
    # negatives where not allowed
    (
        "negative-weight",
        lambda: udfs.DECOMPOSE(100, [[1, 2, -1]], 0),
        "DECOMPOSE: weights[1,3]: ",
        "-1 is negative",
    ),
    (
        "negative-history",
        lambda: udfs.SEASONALITY([[1]] * 23 + [[-1]], None),
        "SEASONALITY: history[24,1]: ",
        "-1 is negative",
    ),
    (
        "negative-volume",
        lambda: udfs.CONCENTRATION([[1], [-2]], None),
        "CONCENTRATION: volumes[2,1]: ",
        "-2 is negative",
    ),
    (
        "negative-ramp-months",
        lambda: udfs.RAMP(D(2025, 3, 1), [[D(2025, 1, 1)]], -1),
        "RAMP: ramp_months: ",
        "-1 is negative",
    ),
    (
        "zero-investment",
        lambda: udfs.ROI([[1], [2]], [[100], [0]]),
        "ROI: investment[2,1]: ",
        "0 must be above 0",
    ),
    (
        "negative-payback-investment",
        lambda: udfs.PAYBACK(-100, [[1]]),
        "PAYBACK: investment: ",
        "-100 must be above 0",
    ),
    # shapes that do not match
    (
        "locked-shape",
        lambda: udfs.DECOMPOSE(100, COL3, 0, [[None], [5]]),
        "DECOMPOSE: locked: ",
        "has 2 cells but weights has 3",
    ),
    (
        "floor-shape",
        lambda: udfs.DECOMPOSE(100, COL3, 0, None, [[1], [2]]),
        "DECOMPOSE: floor: ",
        "has 2 cells but weights has 3",
    ),
    (
        "seed-shape",
        lambda: udfs.BALANCE([[30], [70]], [[50, 50]], [[1, 1, 1], [1, 1, 1]]),
        "BALANCE: seed: ",
        "is 2×3 .* it must be 2×2",
    ),
    (
        "ends-shape",
        lambda: udfs.WORKDAYS([[D(2025, 1, 1)], [D(2025, 2, 1)]], [[D(2025, 1, 31)]] * 3),
        "WORKDAYS: ends: ",
        "has 3 cells but starts has 2",
    ),
    (
        "roi-shape",
        lambda: udfs.ROI([[1], [2]], [[1], [2], [3]]),
        "ROI: investment: ",
        "has 3 cells but effect has 2",
    ),
    (
        "planfact-shape",
        lambda: udfs.PLANFACT([[1, 2]], [[1, 2, 3]]),
        "PLANFACT: fact: ",
        "has 3 cells but plan has 2",
    ),
    # empty and 1×1 ranges
    ("empty-weights", lambda: udfs.DECOMPOSE(100, [], 0), "DECOMPOSE: weights: ", "is empty"),
    ("empty-row-weights", lambda: udfs.DECOMPOSE(100, [[]], 0), "DECOMPOSE: weights: ", "is empty"),
    (
        "one-cell-text-n",
        lambda: udfs.DECOMPOSE(100, [["x"]], 0),
        "DECOMPOSE: weights: ",
        "'x' is not a number",
    ),
    (
        "one-cell-history",
        lambda: udfs.SEASONALITY([[5]], None),
        "SEASONALITY: history: ",
        r"has 1 values?; at least two full cycles \(24\)",
    ),
    ("empty-rates", lambda: udfs.FUNNEL(120, []), "FUNNEL: rates: ", "give the conversion rates"),
    (
        "all-zero-volumes",
        lambda: udfs.CONCENTRATION([[0], [None]], None),
        "CONCENTRATION: volumes: ",
        "are all 0 .*no total to share",
    ),
    # a huge n, a bad n
    (
        "huge-n",
        lambda: udfs.DECOMPOSE(100, 10**9, 0),
        "DECOMPOSE: weights: ",
        "1e\\+09 is above the largest allowed value",
    ),
    (
        "zero-n",
        lambda: udfs.DECOMPOSE(100, [[0]], 0),
        "DECOMPOSE: weights: ",
        "0 is below the smallest allowed value 1",
    ),
    (
        "fractional-n",
        lambda: udfs.DECOMPOSE(100, 2.5, 0),
        "DECOMPOSE: weights: ",
        "2.5 is not a whole number",
    ),
    # decimals out of range
    (
        "decimals-too-many",
        lambda: udfs.DECOMPOSE(100, COL3, 20),
        "DECOMPOSE: decimals: ",
        "20 is above the largest allowed value 15",
    ),
    (
        "decimals-too-negative",
        lambda: udfs.DECOMPOSE(100, COL3, -20),
        "DECOMPOSE: decimals: ",
        "-20 is below the smallest allowed value -15",
    ),
    (
        "decimals-fraction",
        lambda: udfs.DECOMPOSE(100, COL3, 1.5),
        "DECOMPOSE: decimals: ",
        "1.5 is not a whole number",
    ),
    (
        "balance-decimals",
        lambda: udfs.BALANCE([[30], [70]], [[50, 50]], None, 99),
        "BALANCE: decimals: ",
        "99 is above the largest allowed value 15",
    ),
    # dates before 1900, serials ≤ 0, the phantom 1900-02-29
    (
        "serial-zero",
        lambda: udfs.WORKDAYS([[0]], [[45000]]),
        "WORKDAYS: starts[1,1]: ",
        r"0 is not a date serial number \(Excel dates run from 1 = 1900-01-01\)",
    ),
    (
        "serial-negative",
        lambda: udfs.WORKDAYS([[45000]], [[-5]]),
        "WORKDAYS: ends[1,1]: ",
        "-5 is not a date serial number",
    ),
    (
        "serial-60",
        lambda: udfs.RAMP(60, [[D(2025, 1, 1)]], 3),
        "RAMP: hire_date: ",
        "60 is 1900-02-29, a day that does not exist",
    ),
    (
        "before-1900-ru",
        lambda: udfs.WORKDAYS([[D(1899, 12, 1)]], [[D(1900, 1, 31)]]),
        "WORKDAYS: starts[1,1]: ",
        "1899 is outside the RU production calendar",
    ),
    (
        "date-as-words",
        lambda: udfs.RAMP("tomorrow", [[D(2025, 1, 1)]], 3),
        "RAMP: hire_date: ",
        r"'tomorrow' is not a date \(use a date cell or YYYY-MM-DD\)",
    ),
    # countries and weekends
    (
        "unknown-country",
        lambda: udfs.WORKDAYS(*JAN, "XX"),
        "WORKDAYS: country: ",
        "'XX' is not a country",
    ),
    (
        "year-beyond-calendar",
        lambda: udfs.WORKDAYS([[D(2040, 1, 1)]], [[D(2040, 1, 31)]]),
        "WORKDAYS: starts[1,1]: ",
        "2040 is outside the RU production calendar",
    ),
    (
        "weekend-eight-chars",
        lambda: udfs.WORKDAYS(*JAN, "RU", None, "00000111"),
        "WORKDAYS: weekend: ",
        "'00000111' is not a weekend: use seven 0/1 characters",
    ),
    (
        "weekend-letters",
        lambda: udfs.WORKDAYS(*JAN, "RU", None, "abcdefg"),
        "WORKDAYS: weekend: ",
        "'abcdefg' is not a weekend",
    ),
    (
        "weekend-all-days",
        lambda: udfs.WORKDAYS(*JAN, "RU", None, "1111111"),
        "WORKDAYS: weekend: ",
        "'1111111' makes every day a day off",
    ),
    (
        "weekend-number-18",
        lambda: udfs.WORKDAYS(*JAN, "RU", None, 18),
        "WORKDAYS: weekend: ",
        r"18 is not a weekend number \(1–7 or 11–17\)",
    ),
    (
        "weekend-number-0",
        lambda: udfs.WORKDAYS(*JAN, "RU", None, 0),
        "WORKDAYS: weekend: ",
        "0 is not a weekend number",
    ),
    (
        "holiday-text",
        lambda: udfs.WORKDAYS(*JAN, "RU", [["x"]]),
        "WORKDAYS: holidays[1,1]: ",
        "'x' is not a date",
    ),
    # ratios and infeasible totals
    (
        "rate-zero",
        lambda: udfs.FUNNEL(120, [[0.4], [0]]),
        "FUNNEL: rates[2,1]: ",
        "0 is not a conversion rate above 0 and at most 1",
    ),
    (
        "rate-above-one",
        lambda: udfs.FUNNEL(120, [[0.4], [1.5]]),
        "FUNNEL: rates[2,1]: ",
        "1.5 is not a conversion rate",
    ),
    (
        "churn-above-one",
        lambda: udfs.LTV(100, 0.3, 2),
        "LTV: churn: ",
        r"2 is not a ratio from 0 to 1",
    ),
    (
        "churn-zero-endless",
        lambda: udfs.LTV(100, 0.3, 0),
        "LTV: churn: ",
        "is 0, so customers never leave",
    ),
    (
        "limit-above-one",
        lambda: udfs.CONCENTRATION([[1], [2]], 2),
        "CONCENTRATION: limit: ",
        "2 is not a share above 0 and at most 1",
    ),
    (
        "locked-above-total",
        lambda: udfs.DECOMPOSE(100, COL3, 0, [[None], [500], [None]]),
        "DECOMPOSE: locked: ",
        "the locked cells add up to 500, more than the total 100",
    ),
    (
        "floors-above-total",
        lambda: udfs.DECOMPOSE(100, COL3, 0, None, 50),
        "DECOMPOSE: floor: ",
        "the floors add up to 150",
    ),
    (
        "caps-below-total",
        lambda: udfs.DECOMPOSE(100, COL3, 0, None, None, 10),
        "DECOMPOSE: cap: ",
        "the caps add up to 30",
    ),
    (
        "margins-differ",
        lambda: udfs.BALANCE([[30], [70]], [[40, 50]]),
        "BALANCE: col_totals: ",
        "the column totals add up to 90 but the row totals add up to 100",
    ),
    (
        "zero-seed-row",
        lambda: udfs.BALANCE([[30], [70]], [[50, 50]], [[0, 0], [1, 1]]),
        "BALANCE: seed: ",
        r"row 1 is all zero but row_totals\[1\] is 30",
    ),
    (
        "elapsed-above-total",
        lambda: udfs.RUNRATE([[1]], [[30]], [[20]]),
        "RUNRATE: elapsed: ",
        "30 is more than total",
    ),
    (
        "period-one",
        lambda: udfs.SEASONALITY([[1]] * 24, 1),
        "SEASONALITY: period: ",
        "1 is below the smallest allowed value 2",
    ),
]


@pytest.mark.parametrize(
    ("call", "head", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_argument_message(call, head, reason):
    with pytest.raises(udfs.FormulaError) as caught:
        call()
    message = str(caught.value)
    assert message.startswith(head), message
    assert re.match(re.escape(head) + reason, message), message


def test_catalogue_covers_every_formula_with_arguments():
    named = {c[2].split(":")[0] for c in CASES}
    assert named >= {"DECOMPOSE", "BALANCE", "SEASONALITY", "WORKDAYS", "RAMP", "FUNNEL", "ROI"}
    assert len(CASES) >= 25


# Known gaps: each is reported to the lead with a suggested fix.


def _argument_names(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def test_cagr_error_names_the_excel_argument():
    assert _argument_names(udfs.CAGR)[0] == "start_value"
    with pytest.raises(udfs.FormulaError, match=r"^CAGR: start_value: 0 must be above 0"):
        udfs.CAGR(0, 150, 3)


def test_horizon_error_names_the_excel_argument():
    assert "language" in _argument_names(udfs.HORIZON)
    with pytest.raises(udfs.FormulaError, match=r"^HORIZON: language: 'de'"):
        udfs.HORIZON([[D(2030, 1, 1)]], D(2025, 1, 1), "de")


def test_with_default_xlwings_options_an_error_cell_is_a_blank():
    # What xlwings passes for an #N/A cell without err_to_str: None, the same as a blank cell,
    # which DECOMPOSE counts as weight 0 — why the range arguments ask for error text.
    assert udfs.DECOMPOSE(100, [[1], [None], [1]], 0) == [[50.0], [0.0], [50.0]]


def test_every_argument_receives_error_cells_as_text():
    # xlwings's own record of the UDFs: every argument asks for error cells as their text.
    metadata = xlwings_metadata()
    assert sorted(metadata) == sorted(f.name for f in udfs.FORMULAS)
    args = [a for info in metadata.values() for a in info["args"]]
    assert len(args) > 40
    assert [a["name"] for a in args if a["options"].get("err_to_str") is not True] == []
