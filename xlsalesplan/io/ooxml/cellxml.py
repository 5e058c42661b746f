"""The XML text of worksheet cells: values written as ``<c>`` elements, and read back from them.

Writing builds text directly (no tree): numbers, inline strings (``t="inlineStr"``, so text
beginning with ``=``, ``+``, ``-`` or ``@`` stays text), booleans, error values, and formulas
with their cached values. Reading takes every shape Excel saves — shared strings, inline and
rich text, booleans, error values, formulas with or without a cached value, shared and array
formulas, ``t="str"`` results, ISO dates — through one regular expression for the shapes that
cover nearly every cell, and a real XML parser for anything else.

Examples
--------
>>> cell_xml("B7", ' s="3"', 1.5)
'<c r="B7" s="3"><v>1.5</v></c>'
>>> cell_xml("C7", "", Formula("=A7*2", 3.0))
'<c r="C7"><f>A7*2</f><v>3</v></c>'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from numbers import Integral, Real
from typing import Any

import numpy as np

from xlsalesplan.io.ooxml.cells import EXCEL_EPOCH, CellError, Formula, Value, col_letters
from xlsalesplan.io.ooxml.package import NS_MAIN, decode_xstring, shared_text
from xlsalesplan.io.ooxml.safety import parse_xml

MAX_TEXT = 32_767
MAX_FORMULA = 8_192
_NOT_XML = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_M = f"{{{NS_MAIN}}}"
_DAYS_1904 = 1462  # serial of 1904-01-01 in the 1900 date system


class CellValueError(ValueError):
    """A value that cannot go into a cell; ``ref`` names the cell."""

    def __init__(self, ref: str, reason: str) -> None:
        super().__init__(f"{ref}: {reason}")
        self.ref = ref
        self.reason = reason


# --------------------------------------------------------------------------- writing
def escape(text: str) -> str:
    """Text as XML character data."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _xstring_escape(match: re.Match[str]) -> str:
    found = match.group(0)
    if found.startswith("_x"):
        return "_x005F" + found
    return f"_x{ord(found):04X}_"


def number_text(ref: str, value: Real) -> str:
    """A number as ``<v>`` holds it: whole numbers without a decimal point, others exactly."""
    number = float(value)
    if not math.isfinite(number):
        raise CellValueError(ref, f"cannot write {number} (not a finite number)")
    if isinstance(value, Integral) or (number.is_integer() and abs(number) < 1e15):
        return str(int(number))
    return repr(number)


def text_xml(ref: str, text: str) -> str:
    """The ``<t>`` of an inline string, with Excel's ``_xHHHH_`` escapes for what XML cannot
    carry and ``xml:space`` where the text starts or ends with a space."""
    if len(text) > MAX_TEXT:
        raise CellValueError(ref, f"text of {len(text)} characters; a cell holds {MAX_TEXT}")
    return _text_element(text)


@lru_cache(maxsize=8192)  # a plan's texts repeat: regions, roles, statuses
def _text_element(text: str) -> str:
    text = escape(_NOT_XML.sub(_xstring_escape, text))
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def formula_xml(ref: str, s: str, formula: Formula) -> str:
    """A formula cell with its cached value (``s``: the style attribute, or "")."""
    text = (formula.text or "").removeprefix("=")
    if not text or len(text) > MAX_FORMULA:
        raise CellValueError(ref, f"a formula must have 1..{MAX_FORMULA} characters")
    cached = formula.cached
    f = f"<f>{escape(text)}</f>"
    if type(cached) is float and -1e15 < cached < 1e15:  # the commonest: a number
        number = str(int(cached)) if cached.is_integer() else repr(cached)
        return f'<c r="{ref}"{s}>{f}<v>{number}</v></c>'
    if cached is None:
        return f'<c r="{ref}"{s}>{f}</c>'
    if isinstance(cached, str):
        value = f"<v>{escape(cached)}</v>" if cached else "<v/>"
        return f'<c r="{ref}"{s} t="str">{f}{value}</c>'
    if isinstance(cached, CellError):
        return f'<c r="{ref}"{s} t="e">{f}<v>{escape(cached.code)}</v></c>'
    if isinstance(cached, (bool, np.bool_)):
        return f'<c r="{ref}"{s} t="b">{f}<v>{int(cached)}</v></c>'
    return f'<c r="{ref}"{s}>{f}<v>{number_text(ref, cached)}</v></c>'


def cell_xml(ref: str, s: str, value: Any) -> str:
    """The ``<c>`` of one value ("" for an empty cell without a style).

    Raises
    ------
    CellValueError
        NaN, infinity, a date (convert to a serial first), text or a formula too long.
    """
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if s else ""
    kind = type(value)
    if kind is str:
        return f'<c r="{ref}"{s} t="inlineStr"><is>{text_xml(ref, value)}</is></c>'
    if kind is bool or kind is np.bool_:
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if kind is float or kind is int or (isinstance(value, Real) and kind is not bool):
        return f'<c r="{ref}"{s}><v>{number_text(ref, value)}</v></c>'
    if kind is Formula:
        return formula_xml(ref, s, value)
    if kind is CellError:
        return f'<c r="{ref}"{s} t="e"><v>{escape(value.code)}</v></c>'
    raise CellValueError(
        ref, f"cannot write a {kind.__name__} ({value!r}); convert dates to serial numbers"
    )


def style_attribute(style: int) -> str:
    return f' s="{style}"' if style else ""


def row_xml(
    letters: Sequence[str], number: str, styles: Sequence[str], values: Sequence[Any]
) -> tuple[str, int, int]:
    """The cells of one row: their text, and the positions of the first and last value that
    made a cell (-1, -1 when none did). A short row writes no cells past its end."""
    cells = []
    add = cells.append
    first = last = -1
    for j, (letter, s, value) in enumerate(zip(letters, styles, values, strict=False)):
        kind = type(value)
        # The commonest cells, numbers and formulas, skip the general dispatch.
        if kind is float and -1e15 < value < 1e15:
            text = str(int(value)) if value.is_integer() else repr(value)
            add(f'<c r="{letter}{number}"{s}><v>{text}</v></c>')
        elif kind is str and 0 < len(value) <= MAX_TEXT:
            add(f'<c r="{letter}{number}"{s} t="inlineStr"><is>{_text_element(value)}</is></c>')
        elif kind is Formula:
            add(formula_xml(letter + number, s, value))
        else:
            text = cell_xml(letter + number, s, value)
            if not text:
                continue
            add(text)
        if first < 0:
            first = j
        last = j
    return "".join(cells), first, last


def block_xml(
    letters: Sequence[str],
    first_row: int,
    rows: Sequence[Sequence[Any]],
    styles: Sequence[str],
    chunk: int = 1024,
) -> list[tuple[bytes, int, int]]:
    """The cells of rows of equal width, each row's (in UTF-8) with the positions of its first
    and last value that made a cell (-1, -1 when none did), as :func:`row_xml` gives them.

    Built column by column, ``chunk`` rows at a time (so that the cells' texts are joined
    into rows before the next ones are made): a column of numbers or texts is written in one
    comprehension, without looking at each value's type; any other column cell by cell.
    """
    result: list[tuple[bytes, int, int]] = []
    width = len(letters)
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        numbers = [str(first_row + start + i) for i in range(len(part))]
        columns = [
            _column_xml(letter, s, numbers, values)
            for letter, s, values in zip(letters, styles, zip(*part, strict=True), strict=True)
        ]
        texts = [row.encode("utf-8") for row in map("".join, zip(*columns, strict=True))]
        if all(all(column) for column in columns):  # every value made a cell
            result += [(text, 0, width - 1) for text in texts]
            continue
        for text, cells in zip(texts, zip(*columns, strict=True), strict=True):
            made = [j for j, cell in enumerate(cells) if cell]
            result.append((text, made[0], made[-1]) if made else (text, -1, -1))
    return result


def _column_xml(letter: str, s: str, numbers: list[str], values: tuple[Any, ...]) -> list[str]:
    kinds = set(map(type, values))
    empty = f'<c r="{letter}{{}}"{s}/>' if s else ""
    if kinds <= {float, type(None)} and not [
        v for v in values if v is not None and not -1e15 < v < 1e15
    ]:
        return [
            (empty.format(n) if s else "")
            if v is None
            else f'<c r="{letter}{n}"{s}><v>{str(int(v)) if v.is_integer() else repr(v)}</v></c>'
            for n, v in zip(numbers, values, strict=True)
        ]
    if kinds == {int} and not [v for v in values if not -(2**53) < v < 2**53]:
        pairs = zip(numbers, values, strict=True)
        return [f'<c r="{letter}{n}"{s}><v>{v}</v></c>' for n, v in pairs]
    if kinds == {str} and all(0 < len(v) <= MAX_TEXT for v in values):
        return [
            f'<c r="{letter}{n}"{s} t="inlineStr"><is>{_text_element(v)}</is></c>'
            for n, v in zip(numbers, values, strict=True)
        ]
    cells = []
    for n, value in zip(numbers, values, strict=True):
        if type(value) is Formula:
            cells.append(formula_xml(letter + n, s, value))
        else:
            cells.append(cell_xml(letter + n, s, value))
    return cells


# --------------------------------------------------------------------------- reading
_ENTITY = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    hexa, decimal, name = match.groups()
    if name:
        return _NAMED[name]
    return chr(int(hexa, 16) if hexa else int(decimal))


def unescape(text: str) -> str:
    """XML character data as a parser gives it: entities resolved, line ends normalised."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ENTITY.sub(_entity, text) if "&" in text else text


_ATTRIBUTE = re.compile(r"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@lru_cache(maxsize=4096)
def attributes(text: str) -> dict[str, str]:
    """The attributes of a start tag's text (after its name), e.g. ``' s="3" t="s"'``."""
    return {m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in
            _ATTRIBUTE.finditer(text)}  # fmt: skip


@lru_cache(maxsize=64)
def cell_pattern(prefix: str, first: int = 1, last: int = 16_384) -> re.Pattern[str]:
    """Cells as Excel writes them, ``r`` first, for a namespace prefix ("" or "x:"); only
    those of columns ``first`` to ``last`` where these are a few (the others are passed over
    by the expression, which is much faster than looking at them).

    Groups (as :meth:`re.Pattern.findall` gives them, "" where a part is missing): column
    letters, row digits, other attributes, then either the parts of a simple body — ``f`` and
    the formula's attributes (so "" means no formula), the formula, ``<v>`` text, inline
    ``<t>`` text — or the whole of any other body.
    """
    p = re.escape(prefix)
    if last - first < 64:
        letters = "|".join(col_letters(col) for col in range(first, last + 1))
    else:
        letters = "[A-Z]+"
    return re.compile(
        rf'<{p}c r="({letters})([0-9]+)"([^>]*?)(?:/>|>'
        rf"(?:<{p}(f[^>]*?)(?:/>|>([^<]*)</{p}f>))?"
        rf"(?:<{p}v>([^<]*)</{p}v>)?"
        rf'(?:<{p}is><{p}t(?: xml:space="preserve")?>([^<]*)</{p}t></{p}is>)?'
        rf"</{p}c>|>(.*?)</{p}c>)",
        re.S,
    )


@lru_cache(maxsize=64)
def _offsets(first: int, last: int) -> dict[str, int]:
    """The position of each column from ``first`` to ``last`` among them, by its letters."""
    return {col_letters(col): col - first for col in range(first, last + 1)}


@lru_cache(maxsize=8)
def _beyond_excel(prefix: str) -> re.Pattern[str]:
    """A cell beyond Excel's last column, XFD."""
    letters = "[A-Z]{4,}|[Y-Z][A-Z]{2}|X[G-Z][A-Z]|XF[E-Z]"
    return re.compile(rf'<{re.escape(prefix)}c r="({letters})([0-9]*)')


class CellReader:
    """Values of the cells in a worksheet's text.

    Parameters
    ----------
    prefix : str
        The namespace prefix of the sheet's elements ("" where the namespace is the default).
    opening : str
        The sheet's root start tag, whose namespace declarations let a lone cell be parsed.
    shared : callable
        Gives the workbook's shared strings (called once, when a cell needs them).
    date1904 : bool
        The workbook counts dates from 1904: ISO dates (``t="d"``) become serials in it.
    """

    def __init__(
        self, prefix: str, opening: str, shared: Callable[[], list[str]], date1904: bool = False
    ) -> None:
        self.pattern = cell_pattern(prefix)
        self.prefix = prefix
        self._opening = opening
        self._closing = "</" + re.match(r"<([^\s>/]+)", opening).group(1) + ">"
        self._shared_strings = shared
        self._shared: list[str] | None = None
        self.date1904 = date1904

    def shared(self) -> list[str]:
        if self._shared is None:
            self._shared = self._shared_strings()
        return self._shared

    def fill(
        self,
        text: str,
        out: list[list[Value]],
        r0: int,
        c0: int,
        c1: int,
        formulas: bool,
        column: Callable[[str, str], int],
    ) -> None:
        """Put the value of every cell of ``text`` (whole rows) lying in rows r0… and columns
        c0…c1 into ``out[row - r0][col - c0]``; ``column(letters, digits)`` numbers a column."""
        height = len(out)
        kinds = _KINDS  # the commonest cells, numbers and shared strings, read inline
        offsets = _offsets(c0, c1)
        shared = None
        pattern = cell_pattern(self.prefix, c0, c1)
        if pattern is not cell_pattern(self.prefix):  # the cells passed over must be valid too
            bad = _beyond_excel(self.prefix).search(text)
            if bad:
                column(*bad.groups())
        for letters, digits, attrs, fattrs, ftext, v, inline, other in pattern.findall(text):
            j = offsets.get(letters)
            if j is None:
                column(letters, digits)  # outside the columns asked for: only checked
                continue
            i = int(digits) - r0
            if not 0 <= i < height:
                continue
            if v and not (other or inline or (fattrs and formulas)):
                kind = kinds.get(attrs) or _kind(attrs)
                if kind == "n":
                    out[i][j] = float(v)
                    continue
                if kind == "s" and v.isdigit():
                    shared = self.shared() if shared is None else shared
                    index = int(v)
                    out[i][j] = shared[index] if index < len(shared) else None
                    continue
            out[i][j] = self.value(letters + digits, attrs, fattrs, ftext, v, inline, other,
                                   formulas)  # fmt: skip

    def value(self, ref, attrs, fattrs, ftext, v, inline, other, formulas: bool) -> Value:
        """The value of one matched cell (the groups of :func:`cell_pattern`)."""
        if other:
            return self._parsed(f'<{self.prefix}c r="{ref}"{attrs}>{other}</{self.prefix}c>',
                                formulas)  # fmt: skip
        kind = _kind(attrs)
        if kind == "inlineStr":
            value: Value = decode_xstring(unescape(inline)) if inline else ""
        elif not v:
            value = None
        elif kind == "n":
            value = float(v)
        elif kind == "s":
            shared = self.shared()
            index = int(v)
            value = shared[index] if index < len(shared) else None
        else:
            value = self._typed(kind, unescape(v))
        if formulas and fattrs:
            borrowed = not ftext and 't="shared"' in fattrs
            return Formula(None if borrowed else unescape(ftext or ""), value)
        return value

    def _typed(self, kind: str, text: str) -> Value:
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "e":
            return CellError(text)
        if kind == "d":
            return self._date(text)
        return decode_xstring(text)

    def _date(self, text: str) -> Value:
        """An ISO 8601 date cell as the serial number the workbook's date system gives it."""
        try:
            when = dt.datetime.fromisoformat(text.strip().removesuffix("Z"))
        except ValueError:
            return text
        serial = (when - EXCEL_EPOCH).total_seconds() / 86_400
        return serial - _DAYS_1904 if self.date1904 else serial

    def _parsed(self, xml: str, formulas: bool) -> Value:
        """Any other cell, through an XML parser: rich text, phonetic runs, odd spacing."""
        root = parse_xml("", "a cell", (self._opening + xml + self._closing).encode("utf-8"))
        cell = root[0]
        v = f = node = None
        for child in cell:
            if child.tag == _M + "v" and v is None:
                v = child.text or ""
            elif child.tag == _M + "f" and f is None:
                f = child
            elif child.tag == _M + "is" and node is None:
                node = child
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            value: Value = shared_text(node) if node is not None else ""
        elif not v:
            value = None
        elif kind == "n":
            value = float(v)
        elif kind == "s":
            shared = self.shared()
            value = shared[int(v)] if v.strip().isdigit() and int(v) < len(shared) else None
        else:
            value = self._typed(kind, v)
        if formulas and f is not None:
            borrowed = f.get("t") == "shared" and not f.text
            return Formula(None if borrowed else f.text or "", value)
        return value


_KINDS: dict[str, str] = {}  # the t of the attributes seen: a sheet repeats a few


def _kind(attrs: str) -> str:
    """The ``t`` of a cell's attributes other than ``r`` ("n" when absent)."""
    kind = _KINDS.get(attrs)
    if kind is None:
        kind = attributes(attrs).get("t", "n") if "t" in attrs else "n"
        if len(_KINDS) < 4096:
            _KINDS[attrs] = kind
    return kind


@lru_cache(maxsize=4096)
def style_of(attrs: str) -> int:
    """The ``s`` of a cell's attributes other than ``r`` (0 when absent)."""
    style = attributes(attrs).get("s", "0") if "s" in attrs else "0"
    return int(style) if style.isdigit() else 0
