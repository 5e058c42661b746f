"""Cells of one worksheet part: reading and writing rectangular ranges in the XML.

Values are plain Python: ``float`` for numbers (dates stay serial numbers; the
caller converts), ``str``, ``bool``, ``None`` for an empty cell,
:class:`CellError` for an error value such as ``#N/A``, and :class:`Formula`
for a formula with its cached value.

Writing builds the XML of a whole block of rows as text and parses it once,
then merges the new rows into ``sheetData``: cells of existing rows outside the
block are left exactly as they were, rows stay sorted and cells stay in column
order. Strings are written inline (``t="inlineStr"``), so text beginning with
``=``, ``+``, ``-`` or ``@`` stays text and never becomes a formula.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from numbers import Integral, Real
from typing import Any, Union

import numpy as np
from lxml import etree

from xlsalesplan.io.package import NS_MAIN, Package, decode_xstring
from xlsalesplan.io.safety import MAX_COLS, MAX_ROWS, WorkbookError

_M = f"{{{NS_MAIN}}}"
_ROW, _C, _V, _F, _IS, _T = (_M + tag for tag in ("row", "c", "v", "f", "is", "t"))
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_NOT_XML = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_PLAIN = re.compile(r"^[^\W\d]\w*$")
_DY_DESCENT = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac}dyDescent"
_ROW_ONLY_ATTRIBUTES = {"r", "spans", _DY_DESCENT}
MAX_TEXT = 32_767
MAX_FORMULA = 8_192


@dataclass(frozen=True)
class CellError:
    """An Excel error value, e.g. ``CellError("#N/A")``."""

    code: str


@dataclass(frozen=True)
class Formula:
    """A formula and the value Excel would show for it.

    Parameters
    ----------
    text : str or None
        The formula, with or without its leading ``=``. ``None`` when read from a
        cell that only borrows a shared formula defined in another cell.
    cached : number, str, bool, CellError or None
        The cached result, written so the file reads right in any viewer.
    """

    text: str | None
    cached: Any = None


Value = Union[float, str, bool, None, CellError, Formula]  # noqa: UP007 (a runtime alias)


# --------------------------------------------------------------------- A1 helpers
@lru_cache(maxsize=MAX_COLS)
def col_letters(col: int) -> str:
    """Column letters of a 1-based column number: 1 → "A", 28 → "AB".

    Raises
    ------
    ValueError
        Outside 1…16,384 (A…XFD).
    """
    if not 1 <= col <= MAX_COLS:
        raise ValueError(f"column {col} is outside Excel's columns 1..{MAX_COLS}")
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@lru_cache(maxsize=4 * MAX_COLS)
def col_number(letters: str) -> int:
    """1-based column number of column letters: "A" → 1, "XFD" → 16,384."""
    number = 0
    for char in letters.upper():
        if not "A" <= char <= "Z":
            raise ValueError(f"{letters!r} is not a column")
        number = number * 26 + ord(char) - 64
    if not 1 <= number <= MAX_COLS:
        raise ValueError(f"column {letters} is beyond Excel's last column XFD")
    return number


def parse_cell(ref: str) -> tuple[int, int]:
    """(row, column), both 1-based, of an A1 reference such as "B7" or "$B$7".

    Raises
    ------
    ValueError
        Not an A1 reference, or beyond Excel's 1,048,576 rows × 16,384 columns.
    """
    match = _CELL_REF.match(ref)
    if not match:
        raise ValueError(f"{ref!r} is not a cell reference like B7")
    row = int(match.group(2))
    if not 1 <= row <= MAX_ROWS:
        raise ValueError(f"row {row} of {ref} is beyond Excel's last row {MAX_ROWS}")
    return row, col_number(match.group(1))


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of "B7:D9" (or of a single "B7")."""
    first, _, last = ref.partition(":")
    r0, c0 = parse_cell(first)
    r1, c1 = parse_cell(last) if last else (r0, c0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def cell_ref(row: int, col: int) -> str:
    """A1 reference of a 1-based (row, column): (7, 2) → "B7"."""
    return f"{col_letters(col)}{row}"


def range_ref(r0: int, c0: int, r1: int, c1: int) -> str:
    """A1 reference of a rectangle: (7, 2, 9, 4) → "B7:D9"; one cell gives "B7"."""
    first, last = cell_ref(r0, c0), cell_ref(r1, c1)
    return first if first == last else f"{first}:{last}"


@lru_cache(maxsize=256)
def quote_sheet(name: str) -> str:
    """A sheet name as a formula or message writes it: quoted when it needs to be."""
    if _SHEET_NAME_PLAIN.match(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def _col_of(ref: str) -> int:
    return col_number(ref.rstrip("0123456789"))


# ------------------------------------------------------------------------ sheet
class Sheet:
    """One worksheet of a :class:`~xlsalesplan.io.package.Package`, for cell I/O.

    Parameters
    ----------
    pkg : Package
        The open workbook.
    name : str
        The sheet's name (case-insensitive).

    Raises
    ------
    WorkbookError
        No such sheet, or its ``<dimension>`` or a cell lies beyond Excel's limits.

    Examples
    --------
    >>> sheet = Sheet(pkg, "Employees")                    # doctest: +SKIP
    >>> sheet.write("B7", [[1, "Ann"], [2, "Bob"]], styles=[3, 0])  # doctest: +SKIP
    >>> sheet.read("B7:C8")                                # doctest: +SKIP
    [[1.0, 'Ann'], [2.0, 'Bob']]
    """

    def __init__(self, pkg: Package, name: str) -> None:
        self.pkg = pkg
        self.part = pkg.sheet_part(name)
        self.name = pkg.sheet_name(self.part)
        self.root = pkg.xml(self.part)
        self.data = self.root.find(_M + "sheetData")
        if self.data is None:
            raise WorkbookError(pkg.path, f"sheet {self.name!r} is not a worksheet")
        dimension = self.root.find(_M + "dimension")
        if dimension is not None:
            self._parse(dimension.get("ref", "A1"), "its size")
        self._index: dict[int, etree._Element] | None = None
        self._seen = -1

    def where(self, ref: str) -> str:
        """A cell or range as messages show it: ``Sheet!B7``."""
        return f"{quote_sheet(self.name)}!{ref}"

    def error(self, ref: str, reason: str) -> WorkbookError:
        """A :class:`WorkbookError` about a cell or range: ``PLAN.xlsm: Sheet!B7: reason``."""
        return WorkbookError(self.pkg.path, f"{self.where(ref)}: {reason}")

    def _parse(self, ref: str, what: str) -> tuple[int, int, int, int]:
        try:
            return parse_range(ref)
        except ValueError as exc:
            raise self.error(ref, f"{what} is not a valid range ({exc})") from None

    def rows(self) -> dict[int, etree._Element]:
        """The sheet's ``<row>`` elements by row number (rebuilt after edits made elsewhere)."""
        if self._index is None or self._seen != self.pkg.version(self.part):
            index: dict[int, etree._Element] = {}
            previous = 0
            for row in self.data.iterchildren(_ROW):
                number = row.get("r")
                current = int(number) if number and number.isdigit() else previous + 1
                if not 1 <= current <= MAX_ROWS:
                    reason = f"{quote_sheet(self.name)}: row {number} is beyond Excel's last row"
                    raise WorkbookError(self.pkg.path, f"{reason} {MAX_ROWS}")
                row.set("r", str(current))
                _number_cells(row, current, self)
                index[current] = row
                previous = current
            self._index = index
            self._seen = self.pkg.version(self.part)
        return self._index

    # -------------------------------------------------------------- reading
    def read(self, ref: str, *, formulas: bool = False) -> list[list[Value]]:
        """Values of a rectangular range, row by row (missing cells are None).

        Parameters
        ----------
        ref : str
            "B7:D9".
        formulas : bool
            False (default): formula cells give their cached value. True: they give
            a :class:`Formula` with the text and the cached value.
        """
        r0, c0, r1, c1 = self._parse(ref, "the range")
        self._check_size(ref, r1 - r0 + 1, c1 - c0 + 1)
        out: list[list[Value]] = [[None] * (c1 - c0 + 1) for _ in range(r1 - r0 + 1)]
        shared = None
        index = self.rows()
        for number in range(r0, r1 + 1) if r1 - r0 < len(index) else sorted(index):
            row = index.get(number)
            if row is None or not r0 <= number <= r1:
                continue
            line = out[number - r0]
            for cell in row.iterchildren(_C):
                col = _col_of(cell.get("r"))
                if c0 <= col <= c1:
                    if shared is None and cell.get("t") == "s":
                        shared = self.pkg.shared_strings
                    line[col - c0] = _value(cell, shared, formulas)
        return out

    def styles(self, row: int, first_col: int, last_col: int) -> list[int]:
        """Style index of each cell of one row between two columns (0 where none)."""
        found = {}
        element = self.rows().get(row)
        if element is not None:
            found = {_col_of(c.get("r")): int(c.get("s", "0")) for c in element.iterchildren(_C)}
        return [found.get(col, 0) for col in range(first_col, last_col + 1)]

    def occupied(self, ref: str) -> list[str]:
        """A1 references of the cells in ``ref`` that hold a value or a formula."""
        r0, c0, r1, c1 = self._parse(ref, "the range")
        found = []
        for number, row in sorted(self.rows().items()):
            if r0 <= number <= r1:
                for cell in row.iterchildren(_C):
                    if c0 <= _col_of(cell.get("r")) <= c1 and len(cell):
                        found.append(cell.get("r"))
        return found

    def merged(self) -> list[str]:
        """References of the sheet's merged ranges."""
        return [m.get("ref", "") for m in self.root.iterfind(f"{_M}mergeCells/{_M}mergeCell")]

    # -------------------------------------------------------------- writing
    def write(
        self,
        top_left: str,
        rows: Sequence[Sequence[Any]],
        styles: int | Sequence[int] | None = None,
    ) -> None:
        """Write a block of values with its top-left cell at ``top_left``.

        Parameters
        ----------
        top_left : str
            "B7".
        rows : sequence of sequences
            One sequence per row (a numpy array or ``DataFrame.to_numpy()`` works);
            short rows are padded with None. Numbers, str, bool, None,
            :class:`CellError`, :class:`Formula`. An empty string is written as an
            empty cell, as Excel stores a cell whose text was deleted.
        styles : int, sequence of int, or None
            Style index for every cell, one per column, or None to keep the style
            each cell already has (new cells get the default style 0). A None
            value with a style other than 0 leaves a formatted empty cell.

        Raises
        ------
        WorkbookError
            A value that cannot go into a cell (NaN, infinity, a date, text longer
            than 32,767 characters), a style index the workbook lacks, a block
            beyond Excel's limits, or a shared/array formula cut by the block.
        """
        r0, c0 = self._parse(top_left, "the top-left cell")[:2]
        rows = rows.tolist() if hasattr(rows, "tolist") else rows
        width = max((len(row) for row in rows), default=0)
        if not rows or not width:
            return
        r1, c1 = r0 + len(rows) - 1, c0 + width - 1
        if r1 > MAX_ROWS or c1 > MAX_COLS:
            raise self.error(top_left, f"a block of {len(rows)} × {width} does not fit the sheet")
        self._check_size(top_left, len(rows), width)
        style_of = self._style_lookup(styles, r0, c0, r1, c1)
        letters = [col_letters(col) for col in range(c0, c1 + 1)]
        chunks = [f'<sheetData xmlns="{NS_MAIN}">']
        for i, values in enumerate(rows):
            number = str(r0 + i)
            chunks.append(f'<row r="{number}">')
            for j, value in enumerate(values):
                chunks.append(self._cell_xml(letters[j] + number, style_of(i, j), value))
            chunks.append("</row>")
        chunks.append("</sheetData>")
        block = etree.fromstring("".join(chunks).encode("utf-8"))
        self._merge(block, r0, c0, r1, c1)

    def clear(self, ref: str, *, keep_style: bool = True) -> None:
        """Empty every cell of a range, keeping each cell's format unless told not to."""
        r0, c0, r1, c1 = self._parse(ref, "the range")
        blank = [[None] * (c1 - c0 + 1)] * (r1 - r0 + 1)
        self.write(cell_ref(r0, c0), blank, None if keep_style else 0)

    def _check_size(self, ref: str, nrows: int, ncols: int) -> None:
        if nrows * ncols > self.pkg.limits.cells:
            raise self.error(
                ref, f"{nrows * ncols} cells is more than the {self.pkg.limits.cells} handled"
            )

    def _style_lookup(self, styles, r0: int, c0: int, r1: int, c1: int):
        if styles is None:
            known: dict[tuple[int, int], int] = {}
            index = self.rows()
            for number in range(r0, r1 + 1) if r1 - r0 < len(index) else sorted(index):
                row = index.get(number)
                if row is not None and r0 <= number <= r1:
                    for cell in row.iterchildren(_C):
                        col = _col_of(cell.get("r"))
                        if c0 <= col <= c1 and cell.get("s"):
                            known[number - r0, col - c0] = int(cell.get("s"))
            return lambda i, j: known.get((i, j), 0)
        per_col = [styles] * (c1 - c0 + 1) if isinstance(styles, Integral) else list(styles)
        count = self.pkg.cell_style_count
        for style in per_col:
            if not 0 <= int(style) < count:
                raise self.error(
                    cell_ref(r0, c0), f"style {style} does not exist (the workbook has {count})"
                )
        if len(per_col) < c1 - c0 + 1:
            raise self.error(cell_ref(r0, c0), f"{len(per_col)} styles for {c1 - c0 + 1} columns")
        return lambda i, j: per_col[j]

    def _cell_xml(self, ref: str, style: int, value: Any) -> str:
        s = f' s="{style}"' if style else ""
        if value is None or value == "":
            return f'<c r="{ref}"{s}/>' if style else ""
        kind = type(value)
        if kind is str:
            return f'<c r="{ref}"{s} t="inlineStr"><is>{self._text_xml(ref, value)}</is></c>'
        if kind is bool or kind is np.bool_:
            return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
        if kind is float or kind is int or (isinstance(value, Real) and kind is not bool):
            return f'<c r="{ref}"{s}><v>{self._number(ref, value)}</v></c>'
        if kind is Formula:
            return self._formula_xml(ref, s, value)
        if kind is CellError:
            return f'<c r="{ref}"{s} t="e"><v>{_escape(value.code)}</v></c>'
        raise self.error(
            ref, f"cannot write a {kind.__name__} ({value!r}); convert dates to serial numbers"
        )

    def _number(self, ref: str, value: Real) -> str:
        number = float(value)
        if not math.isfinite(number):
            raise self.error(ref, f"cannot write {number} (not a finite number)")
        if isinstance(value, Integral) or (number.is_integer() and abs(number) < 1e15):
            return str(int(number))
        return repr(number)

    def _text_xml(self, ref: str, text: str) -> str:
        if len(text) > MAX_TEXT:
            raise self.error(ref, f"text of {len(text)} characters; a cell holds {MAX_TEXT}")
        text = _escape(_NOT_XML.sub(_xstring_escape, text))
        if text[:1].isspace() or text[-1:].isspace():
            return f'<t xml:space="preserve">{text}</t>'
        return f"<t>{text}</t>"

    def _formula_xml(self, ref: str, s: str, formula: Formula) -> str:
        text = (formula.text or "").removeprefix("=")
        if not text or len(text) > MAX_FORMULA:
            raise self.error(ref, f"a formula must have 1..{MAX_FORMULA} characters")
        cached = formula.cached
        f = f"<f>{_escape(text)}</f>"
        if cached is None:
            return f'<c r="{ref}"{s}>{f}</c>'
        if isinstance(cached, str):
            return f'<c r="{ref}"{s} t="str">{f}<v>{_escape(cached)}</v></c>'
        if isinstance(cached, CellError):
            return f'<c r="{ref}"{s} t="e">{f}<v>{_escape(cached.code)}</v></c>'
        if isinstance(cached, (bool, np.bool_)):
            return f'<c r="{ref}"{s} t="b">{f}<v>{int(cached)}</v></c>'
        return f'<c r="{ref}"{s}>{f}<v>{self._number(ref, cached)}</v></c>'

    def _merge(self, block: etree._Element, r0: int, c0: int, r1: int, c1: int) -> None:
        index = self.rows()
        added = False
        for new in list(block):
            number = int(new.get("r"))
            old = index.get(number)
            if old is None:
                if len(new):
                    index[number] = new
                    added = True
                continue
            before, after = [], []
            for cell in old.iterchildren(_C):
                col = _col_of(cell.get("r"))
                if col < c0:
                    before.append(cell)
                elif col > c1:
                    after.append(cell)
                else:
                    self._check_removable(cell, r0, c0, r1, c1)
            old[:] = [*before, *new, *after]
            if old.get("spans") is not None:
                if len(old):
                    first, last = _col_of(old[0].get("r")), _col_of(old[-1].get("r"))
                    old.set("spans", f"{first}:{last}")
                else:
                    del old.attrib["spans"]
            if not len(old) and set(old.attrib) <= _ROW_ONLY_ATTRIBUTES:
                self.data.remove(old)
                del index[number]
        if added:
            self.data[:] = [index[number] for number in sorted(index)]
        self._update_dimension()
        self.pkg.touch(self.part)
        self._seen = self.pkg.version(self.part)

    def _check_removable(self, cell: etree._Element, r0: int, c0: int, r1: int, c1: int) -> None:
        f = cell.find(_F)
        if f is None or f.get("ref") is None or f.get("t") not in ("shared", "array"):
            return
        fr0, fc0, fr1, fc1 = self._parse(f.get("ref"), "a formula's range")
        if not (r0 <= fr0 and fr1 <= r1 and c0 <= fc0 and fc1 <= c1):
            raise self.error(
                cell.get("r"),
                f"holds a {f.get('t')} formula for {f.get('ref')}, which reaches outside "
                "the range being written; clear the whole formula range in Excel first",
            )

    def _update_dimension(self) -> None:
        index = self.rows()
        filled = [row for _, row in sorted(index.items()) if len(row)]
        if filled:
            cols = [_col_of(row[0].get("r")) for row in filled]
            cols += [_col_of(row[-1].get("r")) for row in filled]
            ref = range_ref(int(filled[0].get("r")), min(cols), int(filled[-1].get("r")), max(cols))
        else:
            ref = "A1"
        dimension = self.root.find(_M + "dimension")
        if dimension is None:
            dimension = etree.Element(_M + "dimension")
            sheet_pr = self.root.find(_M + "sheetPr")
            if sheet_pr is not None:
                sheet_pr.addnext(dimension)
            else:
                self.root.insert(0, dimension)
        dimension.set("ref", ref)


def _number_cells(row: etree._Element, number: int, sheet: Sheet) -> None:
    """Give every cell of a row its explicit reference (the schema lets them be implied)."""
    previous = 0
    for cell in row.iterchildren(_C):
        ref = cell.get("r")
        if ref is None:
            ref = cell_ref(number, previous + 1)
            cell.set("r", ref)
        try:
            previous = _col_of(ref)
        except ValueError as exc:
            raise sheet.error(ref, f"is not a valid cell ({exc})") from None


def _value(cell: etree._Element, shared: list[str] | None, formulas: bool) -> Value:
    kind = cell.get("t", "n")
    v = cell.find(_V)
    text = v.text if v is not None else None
    if kind == "inlineStr":
        node = cell.find(_IS)
        value: Value = decode_xstring("".join(node.itertext(_T))) if node is not None else ""
    elif text is None:
        value = None
    elif kind == "n":
        value = float(text)
    elif kind == "s":
        value = shared[int(text)] if shared is not None and int(text) < len(shared) else None
    elif kind == "b":
        value = text.strip() == "1"
    elif kind == "e":
        value = CellError(text)
    else:
        value = decode_xstring(text)
    if formulas:
        f = cell.find(_F)
        if f is not None:
            borrowed = f.get("t") == "shared" and not f.text
            return Formula(None if borrowed else f.text or "", value)
    return value


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xstring_escape(match: re.Match[str]) -> str:
    found = match.group(0)
    if found.startswith("_x"):
        return "_x005F" + found
    return f"_x{ord(found):04X}_"
