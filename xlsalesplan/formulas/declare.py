"""How a formula is declared: its Excel name, arguments, help in ru / en, examples with results.

A :class:`Formula` is the one description every face is generated from: the xlwings UDF and
its VBA wrapper, the function wizard's help, the xlwings Lite function, the formula reference
in both languages and the Formulas sheet. Calling it runs the formula as Excel would, on
arguments as xlwings passes them (ranges as lists of rows, blank cells as None), and answers
a bad argument with :class:`FormulaError` naming the formula, the argument and the cell.

Examples
--------
>>> from xlsalesplan.formulas import BY_NAME
>>> BY_NAME["ROI"](150000, 500000)
[[0.3]]
>>> BY_NAME["ROI"].signature_text("ru")
'ROI(effect; investment; [months])'
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.finance import NotReached

CATEGORY = "xlsalesplan"
WIZARD_LIMIT = 255  # Excel's function wizard keeps 255 characters of each description
_REQUIRED = inspect.Parameter.empty


class FormulaError(ValueError):
    """What Excel shows in the cell's tooltip: the formula, the argument and the reason."""


def pick(lang: str, pair: tuple[str, str]) -> str:
    """The Russian or English text of a (ru, en) pair."""
    return pair[0] if lang == "ru" else pair[1]


class Percent(float):
    """A number an example shows as a percentage (30%), passed to the formula as 0.3."""


@dataclass(frozen=True)
class Arg:
    """One argument: its name in Excel, help (ru, en), default, and whether it takes a range.

    ``default`` left out makes the argument required; ``range`` arguments arrive as lists of
    rows (xlwings ``ndim=2``) so that one cell and a range look alike.
    """

    name: str
    help: tuple[str, str]
    default: Any = _REQUIRED
    range: bool = False

    @property
    def optional(self) -> bool:
        return self.default is not _REQUIRED


@dataclass(frozen=True)
class Example:
    """A call with its arguments (as xlwings passes them) and the result it gives.

    ``result`` is what the help states: a number, text, bool, or rows of them for a range;
    a test computes every example and compares.
    """

    args: tuple[Any, ...]
    result: Any
    note: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Formula:
    """One Excel function of the add-in (see the module docstring)."""

    name: str
    summary: tuple[str, str]
    args: tuple[Arg, ...]
    call: Callable[..., Any]
    details: tuple[str, str] = ("", "")
    examples: tuple[Example, ...] = ()
    formats: tuple[str, ...] = ("General",)
    spills: bool = True
    renamed: dict[str, str] = field(default_factory=dict)
    category: str = CATEGORY

    def __post_init__(self) -> None:
        for text in (*self.summary, *(h for a in self.args for h in a.help)):
            if len(text) > WIZARD_LIMIT:
                raise ValueError(f"{self.name}: help longer than {WIZARD_LIMIT}: {text[:40]}…")

    def __call__(self, *args: Any) -> Any:
        """Run the formula as Excel does; a bad argument raises :class:`FormulaError`."""
        try:
            return self.call(*args)
        except NotReached as err:
            # Not a bad argument: the value does not exist, which Excel calls #N/A.
            raise FormulaError(f"{self.name}: #N/A: {err}") from None
        except ArgumentError as err:
            if err.argument in self.renamed:
                err = ArgumentError(self.renamed[err.argument], err.reason, err.position)
            raise FormulaError(f"{self.name}: {err}") from None

    def signature(self) -> inspect.Signature:
        """The Python signature of the function xlwings exposes."""
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        return inspect.Signature(
            [inspect.Parameter(a.name, kind, default=a.default) for a in self.args]
        )

    def signature_text(self, lang: str) -> str:
        """``DECOMPOSE(total; weights; [decimals])`` with the locale's separator."""
        shown = [f"[{a.name}]" if a.optional else a.name for a in self.args]
        return f"{self.name}({separators(lang)[0].join(shown)})"

    def typed(self, example: Example, lang: str) -> str:
        """The example as a planner types it in Excel: ``=ROI(150000; 500000; 6)``."""
        shown = [literal(a, lang) for a in example.args]
        while shown and example.args[len(shown) - 1] is None:
            shown.pop()  # trailing skipped arguments are simply left out
        return f"={self.name}({separators(lang)[0].join(shown)})"


def separators(lang: str) -> tuple[str, str, str]:
    """(argument, array column, array row) separators of Excel in the locale's settings."""
    return ("; ", "\\", ";") if lang == "ru" else (", ", ",", ";")


def literal(value: Any, lang: str) -> str:
    """A value as typed in an Excel formula of the locale: numbers, text, dates, arrays."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ИСТИНА" if value else "ЛОЖЬ") if lang == "ru" else str(value).upper()
    if isinstance(value, Percent):
        text = f"{float(value) * 100:g}%"
        return text.replace(".", ",") if lang == "ru" else text
    if isinstance(value, (int, float)):
        text = (
            f"{value:g}" if isinstance(value, float) and not value.is_integer() else f"{value:.0f}"
        )
        return text.replace(".", ",") if lang == "ru" else text
    if isinstance(value, dt.date):
        sep = separators(lang)[0].strip()
        return f"DATE({value.year}{sep}{value.month}{sep}{value.day})"
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, Sequence):
        _, col, row = separators(lang)
        rows = [r if isinstance(r, Sequence) and not isinstance(r, str) else [r] for r in value]
        return "{" + row.join(col.join(_element(x, lang) for x in r) for r in rows) + "}"
    raise TypeError(f"no Excel literal for {value!r}")


def _element(value: Any, lang: str) -> str:
    """An array constant's element: no functions and no empty elements are allowed there, so
    dates go as ISO text and blanks as empty text (both read as such by the formulas)."""
    if value is None:
        return '""'
    if isinstance(value, dt.date):
        return f'"{value:%Y-%m-%d}"'
    return literal(value, lang)


def shown(value: Any, lang: str, fmt: str = "General") -> str:
    """A result as the help shows it: 30%, 1 200 000 / 1,200,000, TRUE / ИСТИНА."""
    if value is None:
        return "(пусто)" if lang == "ru" else "(blank)"
    if isinstance(value, bool):
        return literal(value, lang)
    if isinstance(value, (int, float)):
        if fmt.endswith("%"):
            decimals = fmt.count("0") - 1
            text = f"{value * 100:,.{decimals}f}%"
        elif math.isclose(value, round(value)) and abs(value) >= 1:
            text = f"{round(value):,}"
        else:
            text = f"{value:,.4g}"
        if lang == "ru":
            text = text.replace(",", "\u00a0").replace(".", ",")
        return text
    return str(value)
