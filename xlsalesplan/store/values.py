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
str0       the text, backslash-escaped      ``str`` holding NUL characters (PostgreSQL
                                            text cannot hold NUL)
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

__all__ = ["check_text", "decode", "encode", "is_blank"]


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
        if "\x00" in value:
            return "str0", value.encode("unicode_escape").decode("ascii")
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
        "str0": lambda t: t.encode("ascii").decode("unicode_escape"),
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


def check_text(value: str, name: str) -> str:
    """``value`` if the store can keep it as a name or key on every engine: no NUL character
    (PostgreSQL refuses it; Excel cannot hold one either), else ``ValueError`` naming it.

    Examples
    --------
    >>> check_text("Белов", "employee")
    'Белов'
    """
    if "\x00" in value:
        raise ValueError(f"{name} contains a NUL character, which cannot be stored: {value!r}")
    return value
