"""Goal horizons: boundaries of the calendar year and of three years, labels, errors."""

import datetime as dt

import numpy as np
import pytest

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.horizon import horizon


@pytest.mark.parametrize(
    "deadline, expected",
    [
        ("2025-03-15", "operational"),
        ("2025-12-31", "operational"),  # the last day of the as-of year
        ("2026-01-01", "medium-term"),  # the first day after it
        ("2028-03-15", "medium-term"),  # exactly three years on
        ("2028-03-16", "long-term"),
        ("2030-01-01", "long-term"),
        ("2024-06-30", "operational"),  # overdue: still today's business
    ],
)
def test_boundaries(deadline, expected):
    assert horizon(deadline, as_of="2025-03-15") == expected


def test_new_years_eve_and_leap_day():
    assert horizon("2025-01-01", as_of="2024-12-31") == "medium-term"
    assert horizon("2027-12-31", as_of="2024-12-31") == "medium-term"
    assert horizon("2028-01-01", as_of="2024-12-31") == "long-term"
    # From 29 February three years on is 28 February (2027 has no 29 February).
    assert horizon("2027-02-28", as_of="2024-02-29") == "medium-term"
    assert horizon("2027-03-01", as_of="2024-02-29") == "long-term"


def test_russian_labels_and_language_spelling():
    deadlines = ["2025-06-01", "2027-01-01", "2035-01-01"]
    assert horizon(deadlines, as_of="2025-01-01", lang="ru").tolist() == [
        "операционная",
        "среднесрочная",
        "долгосрочная",
    ]
    assert horizon("2035-01-01", as_of="2025-01-01", lang=" RU ") == "долгосрочная"
    assert horizon("2035-01-01", as_of="2025-01-01", lang=None) == "long-term"


def test_ranges_keep_their_shape_and_blanks_stay_blank():
    column = [[45658], [None], [dt.date(2031, 5, 1)]]  # 45658 = 2025-01-01
    out = horizon(column, as_of=dt.datetime(2025, 1, 1, 9, 30))
    assert out.shape == (3, 1)
    assert out.tolist() == [["operational"], [""], ["long-term"]]
    assert horizon(None, as_of="2025-01-01") == ""
    assert isinstance(horizon("2025-01-01", as_of="2025-01-01"), str)


def test_one_as_of_per_deadline():
    out = horizon(["2026-06-01", "2026-06-01"], as_of=["2026-01-01", "2025-01-01"])
    assert out.tolist() == ["operational", "medium-term"]


def test_as_of_defaults_to_today():
    today = dt.date.today()
    assert horizon(today) == "operational"
    assert horizon(dt.date(today.year, 12, 31), as_of=[[None]]) == "operational"
    assert horizon(dt.date(today.year + 1, 1, 1)) == "medium-term"
    assert horizon(dt.date(today.year + 10, 1, 1)) == "long-term"


def test_numpy_dates():
    deadlines = np.array(["2025-05-01", "2029-05-01"], dtype="datetime64[D]")
    assert horizon(deadlines, as_of=np.datetime64("2025-01-01")).tolist() == [
        "operational",
        "long-term",
    ]


def error(*args, **kwargs) -> str:
    with pytest.raises(ArgumentError) as info:
        horizon(*args, **kwargs)
    return str(info.value)


def test_errors():
    assert (
        error("2025-01-01", lang="de") == "lang: 'de' is not a template language; use 'ru' or 'en'"
    )
    assert error(["2025-01-01", "soon"]) == (
        "deadline[2]: 'soon' is not a date (use a date cell or YYYY-MM-DD)"
    )
    assert error("2025-01-01", as_of="yesterday") == (
        "as_of: 'yesterday' is not a date (use a date cell or YYYY-MM-DD)"
    )
    assert error(["2025-01-01"] * 3, as_of=["2025-01-01"] * 2) == (
        "as_of: has 2 cells but deadline has 3; give one date or one each"
    )
