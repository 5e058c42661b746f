"""How a table of the plan is declared: its columns, their type, format and rules, in ru / en.

A table is declared once (:mod:`xlsalesplan.plan.tables`) and every face is generated from the
declaration: the template's headers, number formats and Excel data validation, the readers,
``check``'s rules and messages, and the Guide sheet. So Excel's validation and ``check``
cannot disagree about what a cell may hold.

Examples
--------
>>> share = Column("confidence", "Достоверность", "Confidence", "number", fmt="percent",
...                bounds=Bounds(0, 1))
>>> share.header("en"), share.bounds.admits(0.5), share.bounds.admits(1.2)
('Confidence', True, False)
>>> share.bounds.text("en", percent=True)
'a share from 0% to 100%'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

# Months are always the twelve of the plan year: keys m01..m12, short names as headers.
MONTHS: list[str] = [f"m{i:02d}" for i in range(1, 13)]
MONTH_NAMES = {
    "ru": ["Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

Kind = Literal["text", "number", "whole", "date"]
Format = Literal["text", "money", "int", "number", "percent", "date"]
Lang = Literal["ru", "en"]

_DEFAULT_FORMAT: dict[str, Format] = {
    "text": "text",
    "number": "number",
    "whole": "int",
    "date": "date",
}


def pick(lang: str, pair: tuple[Any, Any]) -> Any:
    """The Russian or the English one of a (ru, en) pair."""
    return pair[0] if lang == "ru" else pair[1]


def _num(x: float, percent: bool, lang: str) -> str:
    if percent:
        text = f"{x * 100:g}%"
    elif abs(x) < 10_000:  # years and small numbers read best without a separator
        text = f"{x:.10g}"
    else:
        text = f"{x:,.10g}".replace(",", "\u00a0" if lang == "ru" else ",")
    return text.replace(".", ",") if lang == "ru" else text


@dataclass(frozen=True)
class Bounds:
    """The range a number (or a date's year) must lie in; open ends exclude the bound itself.

    Examples
    --------
    >>> Bounds(0, low_open=True).admits(0), Bounds(0, 1).admits(1)
    (False, True)
    """

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def admits(self, x: float) -> bool:
        """Whether ``x`` lies within the bounds."""
        if self.low is not None and (x < self.low or (self.low_open and x == self.low)):
            return False
        return not (
            self.high is not None and (x > self.high or (self.high_open and x == self.high))
        )

    def text(self, lang: str, percent: bool = False, whole: bool = False) -> str:
        """The rule in words, e.g. "a number of 0 or more", "a share from 0% to 100%"."""
        ru = lang == "ru"
        if percent and self.low == 0 and self.high == 1:
            what = "долю" if ru else "a share"
        elif whole:
            what = "целое число" if ru else "a whole number"
        else:
            what = "число" if ru else "a number"
        parts = []
        if self.low is not None:
            low = _num(self.low, percent, lang)
            if self.low_open:
                parts.append(f"больше {low}" if ru else f"above {low}")
            elif self.high is not None:
                parts.append(f"от {low}" if ru else f"from {low}")
            else:
                parts.append(f"не меньше {low}" if ru else f"of {low} or more")
        if self.high is not None:
            high = _num(self.high, percent, lang)
            if self.high_open:
                parts.append(f"меньше {high}" if ru else f"below {high}")
            elif self.low is not None and not self.low_open:
                parts.append(f"до {high}" if ru else f"to {high}")
            else:
                parts.append(f"не больше {high}" if ru else f"up to {high}")
        joint = (" и " if ru else " and ") if self.low_open else " "
        return " ".join([what, joint.join(parts)]) if parts else what


@dataclass(frozen=True)
class Column:
    """One column of a plan table.

    Parameters
    ----------
    key : the stable key the plan code uses (``hire_date``).
    ru, en : the header the workbook shows in each language.
    kind : what a cell holds: "text", "number", "whole" (a whole number) or "date".
    fmt : how it is shown: "money", "int", "number", "percent", "date" or "text"
        (default by kind).
    required : a blank cell is a problem.
    bounds : the range a number must lie in (for a date: the years it may fall in).
    choices : the words the cell may hold, as (ru, en) pairs; the workbook's language counts.
    refers : (table key, column key) whose values the cell must be one of.
    unique : no two rows may hold the same value (compared case-insensitively).
    help : what the column is for, (ru, en) — the Guide sheet's text.
    example : a value the Guide shows, (ru, en).
    width : a fixed column width in characters; text longer than that wraps within the cell
        (and a long header wraps above a narrow number). None: as wide as the values.
    """

    key: str
    ru: str
    en: str
    kind: Kind = "text"
    fmt: Format | None = None
    required: bool = True
    bounds: Bounds | None = None
    choices: tuple[tuple[str, str], ...] = ()
    refers: tuple[str, str] | None = None
    unique: bool = False
    help: tuple[str, str] = ("", "")
    example: tuple[Any, Any] = (None, None)
    width: float | None = None

    @property
    def format(self) -> Format:
        """The display format: the declared one, else the kind's."""
        return self.fmt or _DEFAULT_FORMAT[self.kind]

    def header(self, lang: str) -> str:
        """The header the workbook shows in ``lang``."""
        return self.ru if lang == "ru" else self.en

    def words(self, lang: str) -> list[str]:
        """The allowed words in ``lang`` (empty when the column has no choices)."""
        return [pick(lang, pair) for pair in self.choices]


def months(help_: tuple[str, str] = ("", ""), **options: Any) -> tuple[Column, ...]:
    """The twelve month columns m01..m12 with the month's short name as header."""
    return tuple(
        Column(key, MONTH_NAMES["ru"][i], MONTH_NAMES["en"][i], help=help_, **options)
        for i, key in enumerate(MONTHS)
    )


@dataclass(frozen=True)
class Table:
    """One Excel table of the plan: its stable name, columns, and what it is for.

    ``step`` orders the input tables in the Guide (what to fill first); output tables have 0.
    """

    key: str
    name: str
    columns: tuple[Column, ...]
    caption: tuple[str, str]
    output: bool = False
    purpose: tuple[str, str] = ("", "")
    step: int = 0
    title: tuple[str, str] = ("", "")  # a short name for messages; the caption by default
    _by_key: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key.update({c.key: c for c in self.columns})
        if not any(self.title):
            object.__setattr__(self, "title", self.caption)

    @property
    def keys(self) -> list[str]:
        """The column keys, left to right."""
        return [c.key for c in self.columns]

    def column(self, key: str) -> Column:
        """The column called ``key``."""
        return self._by_key[key]

    def headers(self, lang: str) -> list[str]:
        """The headers, left to right, in ``lang``."""
        return [c.header(lang) for c in self.columns]


def finite(x: Any) -> bool:
    """True for a real, finite number (not a bool)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
