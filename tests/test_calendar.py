"""Working days: published production calendars, NETWORKDAYS.INTL results, errors."""

import datetime as dt
import re

import holidays as holidays_package
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.calendar import month_workdays, workdays, working_dates, working_day_mask

# Russian production calendars, 5-day week, working days per month as published by the Ministry
# of Labour and Consultant Plus ("Производственный календарь на ... год"), from the transfer
# decrees: 2024 — Government decree of 10.08.2023 No. 1306; 2025 — of 04.10.2024 No. 1335;
# 2026 — of September 2025 (No. 1466). Yearly totals: 248, 247, 247.
PUBLISHED_RU = {
    2024: [17, 20, 20, 21, 20, 19, 23, 22, 21, 23, 21, 21],
    2025: [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22],
    2026: [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22],
}
PUBLISHED_TOTAL = {2024: 248, 2025: 247, 2026: 247}


@pytest.mark.parametrize("year", sorted(PUBLISHED_RU))
def test_russian_production_calendar_by_month(year):
    assert sum(PUBLISHED_RU[year]) == PUBLISHED_TOTAL[year]
    assert month_workdays(year).tolist() == PUBLISHED_RU[year]


@pytest.mark.parametrize("year", sorted(PUBLISHED_RU))
def test_russian_year_total(year):
    assert workdays(f"{year}-01-01", f"{year}-12-31") == PUBLISHED_TOTAL[year]


@pytest.mark.parametrize(
    "day, working",
    [
        ("2025-11-01", True),  # Saturday made a working day (for Monday 3 November)
        ("2025-11-03", False),
        ("2024-12-28", True),  # Saturday worked in exchange for 30 December
        ("2024-12-30", False),
        ("2026-01-09", False),  # Friday off in exchange for Saturday 3 January
        ("2026-03-09", False),  # 8 March fell on a Sunday
        ("2025-06-13", False),  # transferred from Saturday 8 March
        ("2025-01-13", True),
    ],
)
def test_single_days_of_the_russian_calendar(day, working):
    assert workdays(day, day) == int(working)


def test_excel_serials_and_datetimes():
    assert workdays(45658, 45688) == 17  # 45658 = 2025-01-01, 45688 = 2025-01-31
    assert workdays(45658.75, dt.datetime(2025, 1, 31, 18, 30)) == 17  # times are ignored


def test_shape_follows_starts_and_a_single_end_applies_to_all():
    starts = [["2025-01-01"], ["2025-02-01"], ["2025-03-01"]]
    out = workdays(starts, "2025-03-31")
    assert out.shape == (3, 1)
    assert out.ravel().tolist() == [17 + 20 + 21, 20 + 21, 21]
    row = workdays([["2025-01-01", "2025-02-01"]], [["2025-01-31", "2025-02-28"]])
    assert row.tolist() == [[17, 20]]
    assert workdays("2025-01-01", ["2025-01-31", "2025-02-28"]).tolist() == [17, 37]


def test_start_after_end_counts_negative_like_networkdays():
    # NETWORKDAYS.INTL(DATE(2006,2,28), DATE(2006,1,31)) = -21 (Microsoft's documentation).
    assert workdays("2006-02-28", "2006-01-31", country=None) == -21
    assert workdays("2025-01-31", "2025-01-01") == -17


# Microsoft's NETWORKDAYS.INTL documentation examples, plus hand counts for January 2006
# (it starts on a Sunday: five Sundays, four Saturdays).
@pytest.mark.parametrize(
    "start, end, weekend, extra, expected",
    [
        ("2006-01-01", "2006-01-31", "0000011", None, 22),
        ("2006-01-01", "2006-02-01", 7, ["2006-01-02", "2006-01-16"], 22),
        ("2006-01-01", "2006-02-01", "0010001", ["2006-01-02", "2006-01-16"], 20),
        ("2006-01-01", "2006-01-31", 1, None, 22),
        ("2006-01-01", "2006-01-31", 11, None, 26),  # Sunday only
        ("2006-01-01", "2006-01-31", 17, None, 27),  # Saturday only
        ("2006-01-01", "2006-01-31", 2.0, None, 21),  # Sunday + Monday, a number from a cell
        ("2006-01-01", "2006-01-31", "0000000", None, 31),
        ("2006-01-01", "2006-01-31", None, None, 22),  # blank weekend = default
    ],
)
def test_weekend_codes_match_networkdays_intl(start, end, weekend, extra, expected):
    assert workdays(start, end, country="none", holidays=extra, weekend=weekend) == expected


def test_extra_holidays_ignore_blanks_and_weekends():
    extra = [["2025-01-09"], [None], ["2025-01-11"], [45677]]  # 45677 = Monday 2025-01-20
    assert workdays("2025-01-01", "2025-01-31", holidays=extra) == 17 - 2
    assert workdays("2025-01-01", "2025-01-31", holidays=dt.date(2025, 1, 9)) == 16
    assert workdays("2025-01-01", "2025-01-31", holidays=[None, ""]) == 17
    numpy_days = np.array(["2025-01-09", "NaT", "2025-01-20"], dtype="datetime64[D]")
    assert workdays("2025-01-01", "2025-01-31", holidays=numpy_days) == 15


def test_other_countries():
    # US federal holidays 2025: 11 on weekdays of 261 → 250 (OPM's 2025 work days).
    assert workdays("2025-01-01", "2025-12-31", country="US") == 250
    # Germany, nationwide holidays 2025: Jan 1, Good Friday Apr 18, Easter Monday Apr 21, May 1,
    # Ascension May 29, Whit Monday Jun 9, Oct 3, Dec 25, Dec 26 — all weekdays: 261 - 9.
    assert workdays("2025-01-01", "2025-12-31", country="DE") == 252
    # January 2025 has 23 weekdays; Bavaria also keeps Epiphany (Monday 6 January).
    assert workdays("2025-01-01", "2025-01-31", country="de") == 22
    assert workdays("2025-01-01", "2025-01-31", country="DE-BY") == 21


def test_working_day_mask_and_dates():
    days, work = working_day_mask("2025-10-31", "2025-11-05")
    assert days[0] == np.datetime64("2025-10-31") and len(days) == 6
    assert work.tolist() == [True, True, False, False, False, True]
    november = working_dates(2025, 11)
    assert november[0] == dt.date(2025, 11, 1)
    assert [d.day for d in november] == [1, 5, 6, 7, *range(10, 15), *range(17, 22), *range(24, 29)]
    assert len(working_dates(2026, 1)) == PUBLISHED_RU[2026][0]


def error(fn, *args, **kwargs) -> str:
    with pytest.raises(ArgumentError) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_unknown_country():
    assert error(workdays, "2025-01-01", "2025-01-31", country="XX") == (
        "country: 'XX' is not a country (or region) the holidays calendar knows; "
        "use an ISO code such as RU, US, DE or DE-BY"
    )
    assert error(workdays, "2025-01-01", "2025-01-31", country="DE-ZZ").startswith(
        "country: 'DE-ZZ' is not a country (or region)"
    )
    assert error(workdays, "2025-01-01", "2025-01-31", country=7) == (
        "country: 7 is not a country code such as RU, US or DE"
    )


def test_years_without_a_decree_are_refused():
    last_decree = max(holidays_package.country_holidays("RU").special_public_holidays)
    assert last_decree >= 2026
    assert workdays(f"{last_decree}-12-01", f"{last_decree}-12-31") > 0
    message = error(workdays, ["2025-01-01", f"{last_decree}-01-01"], f"{last_decree + 1}-01-31")
    assert message == (
        f"ends[1]: {last_decree + 1} is outside the RU production calendar known to the installed "
        f"holidays package (1991–{last_decree}); update the package (pip install -U holidays) "
        'or use country "none" to count weekends only'
    )
    assert re.match(r"starts\[2\]: 1990 is outside", error(workdays, [45658, 33000], 45700))
    # Rule-based calendars run as far as the package does; weekends-only has no limit.
    # January 2100 starts on a Friday: 21 weekdays, less New Year and Martin Luther King Day.
    assert workdays("2100-01-01", "2100-01-31", country="US") == 19
    assert error(workdays, "2101-01-01", "2101-01-31", country="US").startswith(
        "starts: 2101 is outside the US production calendar"
    )
    assert workdays("2101-01-01", "2101-01-31", country=None) == 21  # starts on a Saturday


@pytest.mark.parametrize(
    "weekend, message",
    [
        ("1111111", "weekend: '1111111' makes every day a day off"),
        (8, "weekend: 8 is not a weekend number (1–7 or 11–17)"),
        (1.5, "weekend: 1.5 is not a weekend number (1–7 or 11–17)"),
        (
            "0000012",
            "weekend: '0000012' is not a weekend: use seven 0/1 characters, Monday to Sunday, "
            "1 = day off (e.g. 0000011), or a weekend number 1–7 or 11–17",
        ),
        (True, "weekend: True is not a weekend: use seven"),
        (["0000011", "0000011"], "weekend: expected one weekend string or number, got 2 cells"),
    ],
)
def test_bad_weekend(weekend, message):
    assert error(workdays, "2025-01-01", "2025-01-31", weekend=weekend).startswith(message)


def test_bad_dates_and_sizes():
    assert error(workdays, ["2025-01-01", None], "2025-01-31") == (
        "starts[2]: is blank, a date is needed"
    )
    assert error(workdays, "2025-01-01", [["2025-01-31"], ["31.01.2025"]]) == (
        "ends[2,1]: '31.01.2025' is not a date (use a date cell or YYYY-MM-DD)"
    )
    assert error(workdays, ["2025-01-01"] * 3, ["2025-01-31"] * 2) == (
        "ends: has 2 cells but starts has 3; give one end per start or one end"
    )
    assert error(workdays, "2025-01-01", "2025-01-31", holidays=["2025-01-09", "soon"]) == (
        "holidays[2]: 'soon' is not a date (use a date cell or YYYY-MM-DD)"
    )
    assert error(working_day_mask, "2025-02-01", "2025-01-01") == (
        "end: 2025-01-01 is before the start 2025-02-01"
    )
    assert error(month_workdays, "next") == "year: 'next' is not a number"
    assert error(working_dates, 2025, 13) == ("month: 13 is above the largest allowed value 12")


def test_empty_ranges_give_empty_results():
    assert workdays([], []).shape == (0,)


days_2004_on = st.integers(0, 3000).map(lambda n: np.datetime64("2004-01-01") + n)
masks = st.text("01", min_size=7, max_size=7).filter(lambda w: w != "1111111")


@settings(max_examples=200, deadline=None)
@given(days_2004_on, st.integers(0, 400), masks, st.lists(days_2004_on, max_size=5))
def test_weekends_only_agrees_with_numpy_busday_count(start, length, weekend, extra):
    end = start + length
    inverted = "".join("0" if c == "1" else "1" for c in weekend)
    expected = np.busday_count(start, end + 1, weekmask=inverted, holidays=extra)
    assert workdays(start, end, country=None, holidays=extra, weekend=weekend) == expected


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 1000), st.integers(0, 400))
def test_russian_counts_agree_with_the_package_day_by_day(offset, length):
    start = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=length)
    ru = holidays_package.country_holidays("RU", years=range(2024, 2028))
    expected = sum(
        1
        for n in range(length + 1)
        if (d := start + dt.timedelta(days=n)) not in ru
        and (d.weekday() < 5 or d in ru.weekend_workdays)
    )
    assert workdays(start, end) == expected


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 700), st.integers(0, 300), st.integers(0, 300))
def test_counts_add_up_over_adjacent_periods(offset, first, second):
    a = np.datetime64("2024-01-01") + offset
    b = a + first
    c = b + 1 + second
    assert workdays(a, c) == workdays(a, b) + workdays(b + 1, c)
