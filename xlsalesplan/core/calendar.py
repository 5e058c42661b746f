"""Working days under a country's production calendar, the way NETWORKDAYS.INTL counts them.

A day is a working day when it is not a weekend day (or is a weekend day the government made a
working day, such as the Russian working Saturday 2025-11-01), is not an official holiday or a
transferred day off, and is not one of the planner's extra days off. The national data come from
the ``holidays`` package; nothing about any country is typed in here.

Which years a calendar covers
-----------------------------
Countries whose calendar is fixed by a decree every year (Russia, Belarus, Kazakhstan, China, ...:
the ``holidays`` package records their transferred days off for each decreed year) are known only
up to the last year whose decree the installed package carries; later years would silently lose
the transfers, so they are refused. For Russia, ``holidays`` 0.109 carries the decrees up to 2027.
Countries whose holidays follow fixed rules (US, DE, ...) are covered for every year the package
supports (usually up to 2100).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, NamedTuple

import holidays as holidays_package
import numpy as np

from .args import ArgumentError, dates, integer, is_blank, optional_dates, position, raw_array

_DAY = np.timedelta64(1, "D")
_DEFAULT_WEEKEND = "0000011"
# NETWORKDAYS.INTL weekend numbers as Monday..Sunday strings.
_WEEKEND_CODES = {
    1: "0000011",
    2: "1000001",
    3: "1100000",
    4: "0110000",
    5: "0011000",
    6: "0001100",
    7: "0000110",
    **{11 + k: "".join("1" if i == (k + 6) % 7 else "0" for i in range(7)) for k in range(7)},
}
_NO_CALENDAR = ("", "none")
_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()


class Calendar(NamedTuple):
    """A resolved calendar: the country's key (``None`` = weekends only), weekend and extra days."""

    country: tuple[str, str | None] | None
    weekend: np.ndarray  # 7 booleans, Monday first: True = day off
    extra_off: np.ndarray  # datetime64[D]


def make_calendar(
    country: str | None = "RU", holidays: Any = None, weekend: Any = None
) -> Calendar:
    """Check the calendar arguments once, for several look-ups over the same calendar.

    Parameters
    ----------
    country : ISO code such as "RU", "US", "DE", optionally with a region ("DE-BY", "US-CA");
        ``None``, "" or "none" for no national calendar (weekends and ``holidays`` only).
    holidays : extra days off: a date or a range of dates; blank cells are ignored.
    weekend : an Excel weekend string of seven 0/1 characters, Monday to Sunday, 1 = day off
        ("0000011" = Saturday and Sunday, the default), or a NETWORKDAYS.INTL weekend number
        (1–7, 11–17).
    """
    return Calendar(
        _country(country), weekend_mask(weekend), optional_dates(holidays, "holidays")[0]
    )


def weekend_mask(weekend: Any) -> np.ndarray:
    """Seven booleans, Monday first, True for a day off, from an Excel weekend string or number."""
    arr = raw_array(weekend)
    if arr.size != 1:
        raise ArgumentError(
            "weekend", f"expected one weekend string or number, got {arr.size} cells"
        )
    value = arr.ravel()[0]
    value = _DEFAULT_WEEKEND if is_blank(value) else getattr(value, "item", lambda: value)()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value not in _WEEKEND_CODES:
            raise ArgumentError("weekend", f"{value:g} is not a weekend number (1–7 or 11–17)")
        value = _WEEKEND_CODES[int(value)]
    if not (isinstance(value, str) and len(value) == 7 and set(value) <= {"0", "1"}):
        raise ArgumentError(
            "weekend",
            f"{value!r} is not a weekend: use seven 0/1 characters, Monday to Sunday, "
            "1 = day off (e.g. 0000011), or a weekend number 1–7 or 11–17",
        )
    if value == "1111111":
        raise ArgumentError("weekend", "'1111111' makes every day a day off")
    return np.array([c == "1" for c in value])


def _country(country: str | None) -> tuple[str, str | None] | None:
    if country is None or (isinstance(country, str) and country.strip().lower() in _NO_CALENDAR):
        return None
    if not isinstance(country, str):
        raise ArgumentError("country", f"{country!r} is not a country code such as RU, US or DE")
    code, _, subdiv = country.strip().upper().partition("-")
    key = (code, subdiv or None)
    _coverage(key)  # unknown countries fail here, before any date is looked at
    return key


def coverage(country: str | None) -> tuple[int, int] | None:
    """First and last year the installed calendar of ``country`` knows; None without one.

    Countries that transfer days off by yearly decree (RU, BY, KZ, …) are known up to the last
    decree the installed ``holidays`` package carries.

    Examples
    --------
    >>> coverage("none") is None, coverage("RU")[0]
    (True, 1991)
    """
    key = _country(country)
    return None if key is None else _coverage(key)


def _holiday_set(key: tuple[str, str | None], years: Any) -> holidays_package.HolidayBase:
    code, subdiv = key
    try:
        return holidays_package.country_holidays(code, subdiv=subdiv, years=years)
    except NotImplementedError:
        name = f"{code}-{subdiv}" if subdiv else code
        raise ArgumentError(
            "country",
            f"{name!r} is not a country (or region) the holidays calendar knows; "
            "use an ISO code such as RU, US, DE or DE-BY",
        ) from None


@functools.lru_cache(maxsize=256)
def _coverage(key: tuple[str, str | None]) -> tuple[int, int]:
    """First and last year of the country's calendar that the installed package really knows."""
    cal = _holiday_set(key, ())
    last = cal.end_year
    if getattr(cal, "has_substituted_holidays", False):
        # Transfers are decreed year by year: the last decree on file ends what is known.
        last = min(last, max(getattr(cal, "special_public_holidays", {}) or [cal.start_year]))
    return cal.start_year, last


@functools.lru_cache(maxsize=4096)
def _year_days(key: tuple[str, str | None], year: int) -> tuple[np.ndarray, np.ndarray]:
    """Days off (holidays, transferred days) and working weekend days of one year."""
    cal = _holiday_set(key, year)
    off = np.array(sorted(d for d in cal if d.year == year), dtype="datetime64[D]")
    on = np.array(sorted(d for d in cal.weekend_workdays if d.year == year), dtype="datetime64[D]")
    return off, on


def _years(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[Y]").astype(int) + 1970


def _check_covered(cal: Calendar, **named: np.ndarray) -> None:
    """Refuse periods reaching a year the country's calendar does not know.

    ``named`` maps argument names to same-shaped date arrays; the first bad cell is reported.
    """
    if cal.country is None:
        return
    first, last = _coverage(cal.country)
    bad = {name: (_years(d) < first) | (_years(d) > last) for name, d in named.items()}
    either = np.logical_or.reduce(list(bad.values()))
    if not either.any():
        return
    i = int(np.argmax(either.ravel()))
    name = next(n for n, b in bad.items() if b.ravel()[i])
    year = int(_years(named[name]).ravel()[i])
    code = "-".join(part for part in cal.country if part)
    raise ArgumentError(
        name,
        f"{year} is outside the {code} production calendar known to the installed holidays "
        f"package ({first}–{last}); update the package (pip install -U holidays) "
        'or use country "none" to count weekends only',
        position(i, either.shape),
    )


def mask_between(cal: Calendar, first: np.datetime64, last: np.datetime64) -> np.ndarray:
    """Working-day flags for every day from ``first`` to ``last`` inclusive (coverage unchecked)."""
    days = np.arange(first, last + _DAY, dtype="datetime64[D]")
    # 1970-01-01 was a Thursday: shifting by 3 gives Monday = 0.
    work = ~cal.weekend[(days.astype(np.int64) + 3) % 7]
    if cal.country is not None:
        for year in range(int(_years(first)), int(_years(last)) + 1):
            off, on = _year_days(cal.country, year)
            _set(work, days, on, True)
            _set(work, days, off, False)
    _set(work, days, cal.extra_off, False)
    return work


def _set(work: np.ndarray, days: np.ndarray, which: np.ndarray, value: bool) -> None:
    index = (which - days[0]).astype(np.int64)
    work[index[(index >= 0) & (index < len(days))]] = value


def workdays(
    starts: Any,
    ends: Any,
    country: str | None = "RU",
    holidays: Any = None,
    weekend: Any = _DEFAULT_WEEKEND,
) -> np.ndarray | int:
    """Working days in each period from ``starts`` to ``ends``, both days included.

    Counts as Excel's NETWORKDAYS.INTL does, but with the country's production calendar built
    in: official holidays and transferred days off are days off, and weekend days the government
    made working days (e.g. Saturday 2025-11-01 in Russia) are working days. The result can be
    used directly as DECOMPOSE weights to spread a monthly plan by working days.

    Parameters
    ----------
    starts : first day of each period: a date, a range of dates, ISO text or Excel serial numbers.
    ends : last day of each period: the same size as ``starts``, or a single date for all of them.
    country : ISO country code, default "RU" (Russian production calendar); a region may follow
        ("DE-BY", "US-CA"); "none" (or ``None``) counts weekends and ``holidays`` only.
    holidays : extra days off (company holidays); blank cells are ignored.
    weekend : Excel weekend string, Monday to Sunday, 1 = day off (default "0000011" = Saturday and
        Sunday), or a NETWORKDAYS.INTL weekend number (1–7, 11–17).

    Returns
    -------
    numpy.ndarray of int, the shape of ``starts`` (an int for a single period). A period whose start
    is after its end gives a negative count, as NETWORKDAYS does.

    Raises
    ------
    ArgumentError
        A bad date (naming ``starts[i]``/``ends[i]``), a year outside the country's known
        calendar, an unknown ``country``, a bad ``weekend`` or ``holidays`` cell, or ranges of
        different sizes.

    Examples
    --------
    >>> workdays("2025-05-01", "2025-05-31")  # May 2025 in Russia
    18
    >>> workdays(["2025-01-01", "2025-02-01"], ["2025-01-31", "2025-02-28"]).tolist()
    [17, 20]
    >>> workdays("2025-01-31", "2025-01-01")
    -17
    """
    s, e = _periods(starts, ends)
    cal = make_calendar(country, holidays, weekend)
    _check_covered(cal, starts=s, ends=e)
    lo, hi = np.minimum(s, e), np.maximum(s, e)
    if s.size == 0:
        return np.zeros(s.shape, dtype=np.int64)
    first = lo.min()
    running = np.concatenate(([0], np.cumsum(mask_between(cal, first, hi.max()))))
    count = running[(hi - first).astype(np.int64) + 1] - running[(lo - first).astype(np.int64)]
    count = np.where(s > e, -count, count)
    return int(count) if count.ndim == 0 else count


def _periods(starts: Any, ends: Any) -> tuple[np.ndarray, np.ndarray]:
    s, e = dates(starts, "starts"), dates(ends, "ends")
    if s.size == 1 and e.size != 1:
        s = np.full(e.shape, s.ravel()[0])
    elif e.size == 1:
        e = np.full(s.shape, e.ravel()[0])
    if s.size != e.size:
        raise ArgumentError(
            "ends", f"has {e.size} cells but starts has {s.size}; give one end per start or one end"
        )
    return s, e.reshape(s.shape)


def working_day_mask(
    start: Any,
    end: Any,
    country: str | None = "RU",
    holidays: Any = None,
    weekend: Any = _DEFAULT_WEEKEND,
) -> tuple[np.ndarray, np.ndarray]:
    """Every day from ``start`` to ``end`` (``datetime64[D]``) and whether each is a working day.

    Examples
    --------
    >>> days, work = working_day_mask("2025-11-01", "2025-11-04")
    >>> work.tolist()  # Saturday worked; Sunday; Monday off in its place; Unity Day
    [True, False, False, False]
    """
    s, e = _periods(start, end)
    if s.size != 1:
        raise ArgumentError("start", f"expected a single date, got {s.size} cells")
    s, e = s.ravel()[0], e.ravel()[0]
    if s > e:
        raise ArgumentError("end", f"{e} is before the start {s}")
    cal = make_calendar(country, holidays, weekend)
    _check_covered(cal, start=np.array([s]), end=np.array([e]))
    return np.arange(s, e + _DAY, dtype="datetime64[D]"), mask_between(cal, s, e)


def month_workdays(
    year: int,
    country: str | None = "RU",
    holidays: Any = None,
    weekend: Any = _DEFAULT_WEEKEND,
) -> np.ndarray:
    """Working days in each month of ``year``: 12 counts, January first.

    Examples
    --------
    >>> month_workdays(2025).tolist()
    [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22]
    """
    year = integer(year, "year", low=1, high=9998)
    starts = np.arange(f"{year:04d}-01", f"{year + 1:04d}-01", dtype="datetime64[M]")
    first_days = starts.astype("datetime64[D]")
    last_days = (starts + 1).astype("datetime64[D]") - _DAY
    return workdays(first_days, last_days, country, holidays, weekend)


def working_dates(
    year: int,
    month: int,
    country: str | None = "RU",
    holidays: Any = None,
    weekend: Any = _DEFAULT_WEEKEND,
) -> list[dt.date]:
    """The working days of one month, in order (for goals per working day).

    Examples
    --------
    >>> [d.day for d in working_dates(2026, 1)]
    [12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30]
    """
    year = integer(year, "year", low=1, high=9999)
    month = integer(month, "month", low=1, high=12)
    first = np.datetime64(f"{year:04d}-{month:02d}", "M")
    days, work = working_day_mask(
        first.astype("datetime64[D]"),
        (first + 1).astype("datetime64[D]") - _DAY,
        country,
        holidays,
        weekend,
    )
    return days[work].tolist()
