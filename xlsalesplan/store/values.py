"""Cell values kept as text plus the name of their type, so they come back as they went in.

History and proposals hold values from any column: a number, a date, a name, a blank. One text
column cannot hold them all faithfully, so each value is stored as ``(type, text)``:

========== ================================ ===========================================
type       text                             comes back as
========== ================================ ===========================================
none       NULL                             ``None`` (also for NaN-like blanks: NaT, pd.NA)
bool       ``true`` / ``false``             ``bool``
int        ``-42``                          ``int``
float      ``repr(x)``: shortest exact form ``float``, bit for bit (``nan``, ``inf`` too)
str        the text                         ``str``
date       ``2026-03-31``                   ``datetime.date``
datetime   ISO 8601 (with offset if aware)  ``datetime.datetime``
timestamp  ISO 8601 to the nanosecond       ``pandas.Timestamp``
========== ================================ ===========================================
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["decode", "encode"]


def encode(value: Any) -> tuple[str, str | None]:
    """``(type, text)`` of a cell value.

    Examples
    --------
    >>> encode(1500.0), encode(3), encode("Белов"), encode(None)
    (('float', '1500.0'), ('int', '3'), ('str', 'Белов'), ('none', None))
    >>> encode(dt.date(2026, 3, 31))
    ('date', '2026-03-31')
    """
    if value is None or value is pd.NaT or value is pd.NA:
        return "none", None
    if isinstance(value, bool | np.bool_):
        return "bool", "true" if value else "false"
    if isinstance(value, int | np.integer):
        return "int", str(int(value))
    if isinstance(value, float | np.floating):
        return "float", repr(float(value))
    if isinstance(value, str):
        return "str", value
    if isinstance(value, pd.Timestamp | np.datetime64):
        return "timestamp", pd.Timestamp(value).isoformat()
    if isinstance(value, dt.datetime):
        return "datetime", value.isoformat()
    if isinstance(value, dt.date):
        return "date", value.isoformat()
    raise TypeError(f"cannot store a value of type {type(value).__name__}: {value!r}")


def decode(kind: str, text: str | None) -> Any:
    """The value :func:`encode` turned into ``(kind, text)``.

    Examples
    --------
    >>> decode("float", "0.1") == 0.1, decode("date", "2026-03-31")
    (True, datetime.date(2026, 3, 31))
    """
    if kind == "none":
        return None
    assert text is not None, kind
    if kind == "float":
        return float(text)  # float(repr(x)) == x for every double, NaN and infinities included
    decoders = {
        "bool": lambda t: t == "true",
        "int": int,
        "str": str,
        "date": dt.date.fromisoformat,
        "datetime": dt.datetime.fromisoformat,
        "timestamp": pd.Timestamp,
    }
    return decoders[kind](text)


def is_blank(value: Any) -> bool:
    """True for the ways pandas and Excel say "no value": None, NaN, NaT, pd.NA."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)
