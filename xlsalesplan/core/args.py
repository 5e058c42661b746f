"""Turning what a planner passes (a cell, a range, a list, an array) into checked numpy arrays.

Every formula of the core accepts scalars, lists, nested lists (a list of rows, as an Excel
range arrives through xlwings), numpy arrays and pandas Series/DataFrames. The helpers here
convert them once, check every element, and raise :class:`ArgumentError` naming the argument
and the 1-based position of the first bad element, so that a planner can find the cell.

Examples
--------
>>> numbers([[1], [2.5]], "weights").shape
(2, 1)
>>> numbers([1, "abc"], "weights")
Traceback (most recent call last):
...
xlsalesplan.core.args.ArgumentError: weights[2]: 'abc' is not a number
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is the phantom 1900-02-29
# that Excel keeps for Lotus compatibility; from serial 61 on, day 0 is 1899-12-30.
EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()

Shape = tuple[int, ...]


class ArgumentError(ValueError):
    """A bad argument: the message names the argument, the position inside it and the reason.

    ``position`` is a tuple of 1-based indices (row, column for a 2-D range) or ``None``.
    """

    def __init__(self, argument: str, reason: str, position: tuple[int, ...] | None = None):
        self.argument = argument
        self.reason = reason
        self.position = position
        super().__init__(f"{argument}{format_position(position)}: {reason}")


def format_position(position: tuple[int, ...] | None) -> str:
    """``(3,)`` → ``"[3]"``, ``(2, 1)`` → ``"[2,1]"``; ``None`` → ``""``."""
    if not position:
        return ""
    return "[" + ",".join(str(i) for i in position) + "]"


def position(flat_index: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    """The 1-based position (row, column for a range) of a flat index into ``shape``."""
    return tuple(int(i) + 1 for i in np.unravel_index(flat_index, shape)) if shape else ()


def fmt(x: float) -> str:
    """A number as a planner would type it in a message: ``120``, ``0.3``, ``1500000``."""
    return f"{x:.15g}"


# The error values a cell can hold; they reach the formulas as this text.
EXCEL_ERRORS = frozenset(
    ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"]
)


def _describe(value: Any) -> str:
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return f"the cell holds the error {value.strip().upper()}, not a number"
    if isinstance(value, str):
        return f"{value!r} is not a number"
    if isinstance(value, (bool, np.bool_)):
        return f"{'TRUE' if value else 'FALSE'} is a logical value, not a number"
    if isinstance(value, float) and math.isnan(value):
        return "is not a number (NaN)"
    if isinstance(value, (float, np.floating)) and math.isinf(value):
        return "is infinite"
    return f"{value!r} is not a number"


def is_blank(value: Any) -> bool:
    """True for what an empty cell becomes: ``None``, ``""`` or a pandas NA."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    return value is pd.NA or value is pd.NaT


def raw_array(value: Any) -> np.ndarray:
    """Any accepted input as a numpy array keeping its shape (a scalar gives a 0-d array)."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.to_numpy()
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, (list, tuple)):
        shape = _nested_shape(value)
        if len(shape) == 2 and shape[1]:
            # numpy builds a rectangular range in one step, unless cells hold sequences.
            arr = np.array(value, dtype=object)
            if arr.shape == shape:
                return arr
        arr = np.empty(shape, dtype=object)
        if arr.size:
            arr[...] = _fill(value, arr.ndim)
        return arr
    if isinstance(value, np.generic):
        return np.asarray(value)
    return np.asarray(value, dtype=object)


def _nested_shape(value: Sequence) -> tuple[int, ...]:
    if len(value) and isinstance(value[0], (list, tuple)):
        widths = set(map(len, value)) if all(isinstance(r, (list, tuple)) for r in value) else ()
        if len(widths) != 1:
            raise ArgumentError("range", "rows of different lengths")
        return (len(value), widths.pop())
    return (len(value),)


def _fill(value: Sequence, ndim: int) -> list:
    # Assigning a list of lists element-wise keeps tuples/lists from becoming nested arrays.
    return [list(row) for row in value] if ndim == 2 else list(value)


def numbers(
    value: Any,
    name: str,
    *,
    blank: float | None = None,
    allow_nan: bool = False,
) -> np.ndarray:
    """A float64 array of the same shape as ``value``, every element checked.

    Parameters
    ----------
    value : scalar, list, nested list, numpy array, pandas Series or DataFrame
    name : the argument's name, used in error messages.
    blank : what a blank cell (``None``) becomes; ``None`` (default) makes a blank an error.
    allow_nan : keep NaN as NaN (used with ``blank=np.nan`` for "no value" markers).

    Raises
    ------
    ArgumentError
        For text, logical values, NaN or infinity, or a blank where none is allowed.
    """
    arr = raw_array(value)
    if arr.dtype.kind in "iuf":
        out = arr.astype(np.float64, copy=False)
    elif arr.dtype.kind == "b" and arr.size:
        raise ArgumentError(name, _describe(arr.ravel()[0].item()), position(0, arr.shape))
    else:
        out = np.empty(arr.shape, dtype=np.float64)
        flat_out = out.reshape(-1)
        for i, item in enumerate(arr.ravel()):
            flat_out[i] = _one_number(item, name, blank, arr.shape, i)
    if not allow_nan:
        finite = np.isfinite(out)
        if not finite.all():
            bad = int(np.argmin(finite.ravel()))
            raise ArgumentError(name, _describe(float(out.ravel()[bad])), position(bad, arr.shape))
    return out


def _one_number(item: Any, name: str, blank: float | None, shape: tuple, i: int) -> float:
    if is_blank(item):
        if blank is None:
            raise ArgumentError(name, "is blank", position(i, shape))
        return blank
    if isinstance(item, (bool, np.bool_, str)) or not isinstance(item, (int, float, np.number)):
        raise ArgumentError(name, _describe(item), position(i, shape))
    return float(item)


def number(value: Any, name: str, *, default: float | None = None) -> float:
    """One number: a scalar or a 1×1 range. A blank gives ``default`` (an error when ``None``)."""
    arr = raw_array(value)
    if arr.size != 1:
        raise ArgumentError(name, f"expected a single number, got {arr.size} cells")
    item = arr.ravel()[0]
    if is_blank(item) and default is not None:
        return default
    x = _one_number(item, name, None, (), 0)
    if not math.isfinite(x):
        raise ArgumentError(name, _describe(x))
    return x


def integer(
    value: Any,
    name: str,
    *,
    default: int | None = None,
    low: int | None = None,
    high: int | None = None,
) -> int:
    """A whole number within [low, high] (a scalar or a 1×1 range)."""
    x = number(value, name, default=None if default is None else float(default))
    if x != int(x):
        raise ArgumentError(name, f"{x:g} is not a whole number")
    if low is not None and x < low:
        raise ArgumentError(name, f"{x:g} is below the smallest allowed value {low}")
    if high is not None and x > high:
        raise ArgumentError(name, f"{x:g} is above the largest allowed value {high}")
    return int(x)


def _one_date(item: Any, name: str, shape: tuple, i: int) -> np.datetime64:
    if isinstance(item, (dt.date, dt.datetime, pd.Timestamp)):
        return np.datetime64(item.date() if isinstance(item, dt.datetime) else item, "D")
    if isinstance(item, np.datetime64):
        return item.astype("datetime64[D]")
    if isinstance(item, str) and item:
        try:
            return np.datetime64(dt.date.fromisoformat(item.strip()[:10]), "D")
        except ValueError:
            raise ArgumentError(
                name, f"{item!r} is not a date (use a date cell or YYYY-MM-DD)", position(i, shape)
            ) from None
    if is_blank(item):
        raise ArgumentError(name, "is blank, a date is needed", position(i, shape))
    if isinstance(item, (bool, np.bool_)) or not isinstance(item, (int, float, np.number)):
        raise ArgumentError(name, f"{item!r} is not a date", position(i, shape))
    return serial_to_date(float(item), name, position(i, shape))


def serial_to_date(
    serial: float, name: str, position: tuple[int, ...] | None = None
) -> np.datetime64:
    """An Excel serial number (1900 date system) as a date; fractions (times) are dropped."""
    if not math.isfinite(serial) or serial < 1 or serial > EXCEL_MAX_SERIAL:
        raise ArgumentError(
            name,
            f"{serial:g} is not a date serial number (Excel dates run from 1 = 1900-01-01)",
            position,
        )
    whole = int(serial)
    if whole == 60:
        raise ArgumentError(name, "60 is 1900-02-29, a day that does not exist", position)
    # Before the phantom leap day, serials are one day "ahead" of the real calendar.
    return EXCEL_EPOCH + np.timedelta64(whole + (1 if whole < 60 else 0), "D")


def dates(value: Any, name: str) -> np.ndarray:
    """A ``datetime64[D]`` array of the same shape: dates, datetimes, ISO text or Excel serials.

    Clean ranges (all serials after 1900-02-28, or all date objects) convert in one vectorised
    step; anything else goes cell by cell, so that a bad cell is named.
    """
    arr = raw_array(value)
    if arr.dtype.kind == "M":
        out = arr.astype("datetime64[D]")
        if np.isnat(out).any():
            bad = int(np.argmax(np.isnat(out).ravel()))
            raise ArgumentError(name, "is blank, a date is needed", position(bad, arr.shape))
        return out
    if arr.dtype.kind in "iuf" and arr.size:
        whole = np.floor(arr)
        if np.all((whole >= 61) & (whole <= EXCEL_MAX_SERIAL)):
            return EXCEL_EPOCH + whole.astype(np.int64).astype("timedelta64[D]")
    elif (
        arr.dtype == object
        and arr.size
        and all(type(x) in (dt.date, dt.datetime) for x in arr.ravel())
    ):
        # Ordinals are ~10x faster than numpy's own conversion of date objects.
        ordinals = np.fromiter((x.toordinal() for x in arr.ravel()), np.int64, arr.size)
        days = (ordinals - _UNIX_ORDINAL).astype("timedelta64[D]")
        return (np.datetime64("1970-01-01", "D") + days).reshape(arr.shape)
    out = np.empty(arr.shape, dtype="datetime64[D]")
    flat = out.reshape(-1)
    for i, item in enumerate(arr.ravel()):
        flat[i] = _one_date(item, name, arr.shape, i)
    return out


def optional_dates(value: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Dates of the non-blank cells of ``value`` and the blank mask (same shape as ``value``).

    Errors keep the position of the cell inside the original range.
    """
    arr = raw_array(value)
    if arr.dtype.kind == "M":
        blank = np.isnat(arr)
        return arr.astype("datetime64[D]")[~blank], blank
    blank = np.vectorize(is_blank, otypes=[bool])(arr) if arr.size else np.zeros(arr.shape, bool)
    filled = arr.astype(object)
    # A placeholder in the blank cells lets `dates` report the true position of a bad cell.
    filled[blank] = dt.date(2000, 1, 1)
    return dates(filled, name)[~blank], blank


def aligned(*arguments: tuple[str, np.ndarray]) -> tuple[Shape, list[np.ndarray]]:
    """Lay out several arguments cell by cell, as an Excel array formula would.

    The layout is that of the first argument with more than one cell (or of the first argument
    when all are single numbers). Every other argument must be a single number (used for every
    cell), a range of the same layout, or - for rows and columns only - a row or column with the
    same number of cells (a row of 12 months against a column of 12 months).

    Raises
    ------
    ArgumentError
        Naming the argument whose size does not fit.
    """
    main_name, main = next(((name, arr) for name, arr in arguments if arr.size > 1), arguments[0])
    shape = main.shape
    out = []
    for name, arr in arguments:
        fits = arr.size == 1 or arr.shape == shape
        fits = fits or (arr.size == main.size and is_vector(arr.shape) and is_vector(shape))
        if not fits:
            raise ArgumentError(
                name,
                f"has {shape_text(arr.shape)} but {main_name} has {shape_text(shape)}; "
                "give a single number or a range of the same size",
            )
        out.append(np.broadcast_to(arr.reshape(()) if arr.size == 1 else arr.reshape(shape), shape))
    return shape, out


def check_cells(
    ok: np.ndarray | bool,
    values: np.ndarray,
    name: str,
    reason: str,
    shape: Shape | None = None,
) -> None:
    """Raise :class:`ArgumentError` at the first cell where ``ok`` is false.

    ``reason`` may contain ``{value}``, replaced by the offending value. ``shape`` is the
    argument's own layout as the planner gave it (default ``values.shape``), so that a value
    spread over a range by :func:`aligned` is reported without a position and a row matched
    against a column is reported at its own cell.
    """
    ok = np.asarray(ok)
    if ok.all():
        return
    i = int(np.argmin(np.broadcast_to(ok, values.shape).ravel()))
    shape = values.shape if shape is None else shape
    where = position(i, shape) if math.prod(shape) > 1 else None
    raise ArgumentError(name, reason.format(value=fmt(float(values.ravel()[i]))), where)


def shape_text(shape: Shape) -> str:
    """How many cells a range has, as a message says it: "12 cells", "3×4 cells"."""
    size = math.prod(shape)
    if is_vector(shape):
        return f"{size} cell" if size == 1 else f"{size} cells"
    return "×".join(str(n) for n in shape) + " cells"


def is_vector(shape: Shape) -> bool:
    """True for a single cell, a row or a column."""
    return sum(n > 1 for n in shape) <= 1


def same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise unless two arguments have the same number of cells laid out the same way."""
    if a.shape != b.shape and a.size != b.size:
        raise ArgumentError(
            name_b,
            f"has {b.size} cells but {name_a} has {a.size}; they must be the same size",
        )


def like(result: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | float:
    """``result`` laid out in ``shape``; a 0-d result becomes a plain Python float."""
    if shape == ():
        return float(np.asarray(result).reshape(()))
    return np.asarray(result).reshape(shape)
