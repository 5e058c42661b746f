"""The planning horizon of a goal: operational, medium-term or long-term, from its deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from .args import ArgumentError, dates, is_blank, optional_dates, raw_array

# Russian labels agree with «цель» (feminine): операционная / среднесрочная / долгосрочная цель.
LABELS = {
    "en": ("operational", "medium-term", "long-term"),
    "ru": ("операционная", "среднесрочная", "долгосрочная"),
}
MEDIUM_TERM_YEARS = 3


def horizon(deadline: Any, as_of: Any = None, lang: str = "en") -> np.ndarray | str:
    """The horizon of a goal from its deadline: operational, medium-term or long-term.

    - operational: the deadline falls by the end of the calendar year of ``as_of``, including
      deadlines already past (an overdue goal is still today's business);
    - medium-term: later, but no more than 3 years after ``as_of`` (the same date 3 years on
      counts as medium-term; from 29 February, 28 February);
    - long-term: later than that.

    Parameters
    ----------
    deadline : a goal's deadline, or a range of deadlines. Blank cells give a blank label.
    as_of : the date the plan is made, default today; one date, or one per deadline.
    lang : "en" (operational, medium-term, long-term) or "ru" (операционная, среднесрочная,
        долгосрочная — agreeing with «цель»).

    Returns
    -------
    A label for one deadline, or an array of labels of the shape of ``deadline``.

    Raises
    ------
    ArgumentError
        A deadline or ``as_of`` that is not a date, ``as_of`` of a different size, or an
        unknown ``lang``.

    Examples
    --------
    >>> horizon("2025-12-31", as_of="2025-03-15")
    'operational'
    >>> horizon(["2028-03-15", "2028-03-16"], as_of="2025-03-15", lang="ru").tolist()
    ['среднесрочная', 'долгосрочная']
    """
    labels = _labels(lang)
    arr = raw_array(deadline)
    found, blank = optional_dates(arr, "deadline")
    when = _as_of(as_of, arr.size)[~blank.ravel()]
    year_end = (when.astype("datetime64[Y]") + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    kind = np.where(found <= year_end, 0, np.where(found <= _years_later(when), 1, 2))
    out = np.full(arr.shape, "", dtype=object)
    out[~blank] = np.array(labels, dtype=object)[kind]
    return out.item() if out.ndim == 0 else out


def _labels(lang: Any) -> tuple[str, str, str]:
    key = "en" if is_blank(lang) else str(lang).strip().lower()
    if key not in LABELS:
        raise ArgumentError("lang", f"{lang!r} is not a template language; use 'ru' or 'en'")
    return LABELS[key]


def _as_of(as_of: Any, size: int) -> np.ndarray:
    """One as-of date per deadline, flat."""
    arr = raw_array(as_of)
    if arr.size == 1 and is_blank(arr.ravel()[0]):
        return np.full(size, np.datetime64(dt.date.today(), "D"))
    when = dates(arr, "as_of").ravel()
    if when.size == 1:
        return np.full(size, when[0])
    if when.size != size:
        raise ArgumentError(
            "as_of", f"has {when.size} cells but deadline has {size}; give one date or one each"
        )
    return when


def _years_later(days: np.ndarray) -> np.ndarray:
    """The same date MEDIUM_TERM_YEARS years on (29 February becomes 28 February)."""
    month = days.astype("datetime64[M]")
    later = month + 12 * MEDIUM_TERM_YEARS
    last_day = (later + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.minimum(
        later.astype("datetime64[D]") + (days - month.astype("datetime64[D]")), last_day
    )
