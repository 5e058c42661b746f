"""Arguments as Excel hands them over, results as Excel spills them.

xlwings passes a range as a list of rows, a blank cell as None and an omitted optional
argument as its default; a result spills as rows. These helpers keep the formulas' bodies to
their one call into :mod:`xlsalesplan.core`.

Examples
--------
>>> grid([1, 2, 3], [[5, 6, 7]])     # a row in, a row out
[[1, 2, 3]]
>>> grid([1, 2, 3], [[5], [6], [7]])
[[1], [2], [3]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from xlsalesplan.core.args import raw_array


def grid(result: Any, main: Any) -> list[list[Any]]:
    """A result laid out as Excel should spill it, in the orientation of the ``main`` range.

    An element-wise result keeps the main range's shape. A list of another length is a column,
    unless the main range is a single row.
    """
    arr = np.asarray(result, dtype=object)
    shape = raw_array(main).shape
    if arr.ndim == 0:
        return [[_cell(arr.item())]]
    if arr.ndim == 1:
        row = len(shape) == 2 and shape[0] == 1 and shape[1] > 1
        arr = arr.reshape(1, -1) if row else arr.reshape(-1, 1)
    return [[_cell(x) for x in row] for row in arr.tolist()]


def _cell(value: Any) -> Any:
    # A blank result (NaN) must reach Excel as an empty cell, not as #NUM!.
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def blank(value: Any) -> bool:
    """True for a blank cell, an empty range or a range of blank cells."""
    arr = raw_array(value)
    return arr.size == 0 or all(x is None or x == "" for x in arr.ravel().tolist())


def given(value: Any) -> Any:
    """An optional argument: a blank cell or a skipped argument means "not given" (None)."""
    return None if value is None or blank(value) else value


def or_default(value: Any, default: Any) -> Any:
    """An optional argument with a default: blank means the default."""
    return default if blank(value) else value
