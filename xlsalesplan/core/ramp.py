"""Ramp-up of a new hire: the share of full capacity an employee has in each planning period."""

from __future__ import annotations

from typing import Any

import numpy as np

from .args import ArgumentError, dates, number, optional_dates, position, raw_array

_DAY = np.timedelta64(1, "D")


def ramp(hire_date: Any, period_starts: Any, ramp_months: Any = 3) -> np.ndarray:
    """Capacity factor of an employee in each period: 0 before hire, rising to 1 over the ramp.

    Capacity grows in a straight line from 0 on the hire date to full capacity ``ramp_months``
    calendar months later, and each period gets its average capacity over its calendar days.
    So a new hire loses exactly half of ``ramp_months`` months of output, a hire in the middle
    of a month counts only from the hire date, and monthly, weekly and daily factors agree
    (the month's factor is the average of its days' factors).

    Hired on 1 March with a 3-month ramp, by month: March 1/6, April 1/2, May 5/6, June on 1
    (the average of a line rising over three months, month by month). Hired on 16 April
    (half-way through its 30 days) with a 1-month ramp: April 0.125, May 0.875, June 1.

    Parameters
    ----------
    hire_date : the employee's first day. Blank = an existing employee, fully ramped (all 1).
    period_starts : first day of each planning period, in increasing order (a row or a column).
        Each period runs to the day before the next start; the last one is as long as the step
        before it (a calendar month for month starts, 7 days for weekly starts), and a single
        period start is taken as a month.
    ramp_months : months to full capacity, default 3; 0 = full capacity from the hire date;
        fractions allowed (0.5 = half a month).

    Returns
    -------
    numpy.ndarray of factors between 0 and 1, the shape of ``period_starts``.

    Raises
    ------
    ArgumentError
        A bad or multi-cell ``hire_date``, period starts that are not dates or not increasing,
        a negative or non-numeric ``ramp_months``.

    Examples
    --------
    >>> ramp("2025-03-01", ["2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"])
    array([0.        , 0.16666667, 0.5       , 0.83333333, 1.        ])
    """
    starts = dates(period_starts, "period_starts")
    months = number(ramp_months, "ramp_months", default=3.0)
    if months < 0:
        raise ArgumentError("ramp_months", f"{months:g} is negative")
    if raw_array(hire_date).size != 1:
        raise ArgumentError("hire_date", f"expected one date, got {raw_array(hire_date).size}")
    hired, blank = optional_dates(hire_date, "hire_date")
    flat = starts.ravel()
    _check_increasing(flat, starts.shape)
    if blank.all() or flat.size == 0:
        return np.ones(starts.shape)
    ends = np.r_[flat[1:], _end_of_last(flat)]
    days = np.arange(flat[0], ends[-1], dtype="datetime64[D]")
    daily = daily_capacity(days, month_time(hired)[0], months)
    running = np.r_[0.0, np.cumsum(daily)]
    first, stop = (flat - flat[0]).astype(np.int64), (ends - flat[0]).astype(np.int64)
    average = (running[stop] - running[first]) / (stop - first)
    # Capacity never falls, so a period whose first day is at full capacity is exactly 1.
    return np.where(daily[first] == 1.0, 1.0, average).reshape(starts.shape)


def _check_increasing(flat: np.ndarray, shape: tuple[int, ...]) -> None:
    if flat.size > 1 and not (np.diff(flat) > np.timedelta64(0, "D")).all():
        i = int(np.argmin(np.diff(flat) > np.timedelta64(0, "D"))) + 1
        raise ArgumentError(
            "period_starts",
            f"{flat[i]} is not after the period start before it; list periods in date order",
            position(i, shape),
        )


def _end_of_last(flat: np.ndarray) -> np.datetime64:
    """The day after the last period: one more step of the same size."""
    last_month = flat[-1].astype("datetime64[M]")
    offset = flat[-1] - last_month.astype("datetime64[D]")
    if flat.size == 1:
        step = np.timedelta64(1, "M")
    else:
        previous_month = flat[-2].astype("datetime64[M]")
        if flat[-2] - previous_month.astype("datetime64[D]") != offset:
            return flat[-1] + (flat[-1] - flat[-2])
        step = last_month - previous_month
    return (last_month + step).astype("datetime64[D]") + offset


def month_time(days: np.ndarray) -> np.ndarray:
    """Dates as fractional months since 1970-01: each month is one unit, whatever its length."""
    month = days.astype("datetime64[M]")
    start = month.astype("datetime64[D]")
    length = ((month + 1).astype("datetime64[D]") - start).astype(np.float64)
    return month.astype(np.float64) + (days - start).astype(np.float64) / length


def daily_capacity(days: np.ndarray, hired: float, months: float) -> np.ndarray:
    """Average capacity on each day: the ramp line integrated over the day, in month time."""
    begin, end = month_time(days), month_time(days + _DAY)
    if months == 0:
        return np.clip((end - hired) / (end - begin), 0.0, 1.0)
    average = (_area(end, hired, months) - _area(begin, hired, months)) / (end - begin)
    # Exact 0 and 1 away from the ramp, so fully ramped periods give exactly 1.
    return np.where(end <= hired, 0.0, np.where(begin >= hired + months, 1.0, average))


def _area(t: np.ndarray, hired: float, months: float) -> np.ndarray:
    """Capacity accumulated from the hire date up to month time ``t``."""
    x = np.clip(t - hired, 0.0, None)
    rising = np.minimum(x, months)
    return rising * rising / (2 * months) + np.maximum(x - months, 0.0)
