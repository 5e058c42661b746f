"""Goals and region plans between pandas and rows of the store's tables, exactly.

Months are doubles on both engines, so every float comes back bit for bit (blanks and NaN as
NaN: SQLite cannot keep NaN apart from NULL, so neither engine does). One exception: SQLite keeps
-0.0 as 0.0 (it stores whole-valued reals as integers); they compare equal. Names are text; the
row order of the frame is kept in ``row_no``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from xlsalesplan.plan.model import MONTHS
from xlsalesplan.store.values import check_text, is_blank

__all__ = ["GOAL_COLUMNS", "REGION_COLUMNS", "to_frame", "to_rows"]

GOAL_COLUMNS: list[str] = ["employee", "role", "region", *MONTHS]
REGION_COLUMNS: list[str] = ["region", *MONTHS]


def to_rows(frame: pd.DataFrame, columns: list[str], name: str) -> list[dict[str, Any]]:
    """The frame's ``columns`` as row dicts with ``row_no`` (extra columns such as ``total``
    are left out: a total is derived, the months are the plan).

    Raises ``ValueError`` naming the table and column when a column is missing or a month
    holds something that is not a number.

    Examples
    --------
    >>> to_rows(pd.DataFrame({"region": ["Казань"], **{m: [1.0] for m in MONTHS}}),
    ...         REGION_COLUMNS, "regions")[0]["m01"]
    1.0
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name}: the columns {', '.join(missing)} are missing")
    data: dict[str, list[Any]] = {}
    for column in columns:
        if column in MONTHS:
            try:
                values = frame[column].to_numpy(dtype=float, na_value=np.nan)
            except (TypeError, ValueError):
                raise ValueError(
                    f"{name}: the column {column} holds values that are not numbers"
                ) from None
            data[column] = [None if np.isnan(v) else float(v) for v in values]
        else:
            data[column] = [
                None if is_blank(v) else check_text(str(v), f"{name}.{column}")
                for v in frame[column]
            ]
    return [
        {"row_no": row, **{column: data[column][row] for column in columns}}
        for row in range(len(frame))
    ]


def to_frame(rows: list[Any], columns: list[str]) -> pd.DataFrame:
    """A frame of ``columns`` from rows in that column order, months as float64.

    Built column by column (pandas infers the text columns' type as its constructor does for
    the frames the plan makes): a row-wise build costs ten times as much.

    Examples
    --------
    >>> to_frame([("Казань", *range(12))], REGION_COLUMNS)["m12"].dtype
    dtype('float64')
    """
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    data: dict[str, Any] = {}
    for column, column_values in zip(columns, values, strict=True):
        if column in MONTHS:
            data[column] = np.array(column_values, dtype="float64")  # None → NaN
        else:
            data[column] = list(column_values) if rows else pd.Series([], dtype=object)
    return pd.DataFrame(data, columns=columns)
