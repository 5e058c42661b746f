"""Cells of one worksheet part: reading and writing rectangular ranges in the XML.

Values are those of :mod:`xlsalesplan.io.ooxml.cells`: ``float`` for numbers (dates stay serial
numbers; the caller converts), ``str``, ``bool``, ``None`` for an empty cell, ``CellError`` for
an error value such as ``#N/A``, and ``Formula`` for a formula with its cached value.

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
from numbers import Integral, Real
from typing import Any

import numpy as np
from lxml import etree

from xlsalesplan.io.ooxml.cells import (
    CellError,
    Formula,
    Value,
    cell_ref,
    col_letters,
    col_number,
    parse_range,
    quote_sheet,
    range_ref,
)
from xlsalesplan.io.ooxml.package import NS_MAIN, Package, decode_xstring
from xlsalesplan.io.ooxml.safety import MAX_COLS, MAX_ROWS, WorkbookError

_M = f"{{{NS_MAIN}}}"
_ROW, _C, _V, _F, _IS, _T = (_M + tag for tag in ("row", "c", "v", "f", "is", "t"))
_NOT_XML = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DY_DESCENT = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac}dyDescent"
_ROW_ONLY_ATTRIBUTES = {"r", "spans", _DY_DESCENT}
_NS = {"m": NS_MAIN}
_CELL_REFS = etree.XPath("m:row/m:c/@r", namespaces=_NS, smart_strings=False)
_CELL_COUNT = etree.XPath("count(m:row/m:c)", namespaces=_NS)
_MASTERS = etree.XPath("m:row/m:c[m:f[1][@ref and (@t='shared' or @t='array')]]", namespaces=_NS)
MAX_TEXT = 32_767
MAX_FORMULA = 8_192


_DIGITS = "0123456789"


class _Columns(dict):
    """Column numbers by column letters, each spelling converted once (every ref repeats one)."""

    def __missing__(self, letters: str) -> int:
        self[letters] = number = col_number(letters)
        return number


_COLUMN = _Columns()


def _col_of(ref: str) -> int:
    return _COLUMN[ref.rstrip(_DIGITS)]


def _known_columns(refs: list[str]) -> bool:
    """Whether every reference names a valid column (each distinct spelling checked once)."""
    try:
        return all(_COLUMN[letters] for letters in {ref.rstrip(_DIGITS) for ref in refs})
    except ValueError:
        return False


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
        return self._rows().index

    def _rows(self) -> _Rows:
        view = self.pkg.derived.get(self.part)
        version = self.pkg.version(self.part)
        if not isinstance(view, _Rows) or view.data is not self.data or view.version != version:
            view = self._index_rows(version)
            self.pkg.derived[self.part] = view
        return view

    def _index_rows(self, version: int) -> _Rows:
        # One bulk look at every cell reference decides whether any row needs the slow path
        # that numbers unnamed cells and names the first bad reference.
        refs = _CELL_REFS(self.data)
        number_cells = len(refs) != _CELL_COUNT(self.data) or not _known_columns(refs)
        index: dict[int, etree._Element] = {}
        previous = 0
        ordered = True
        for row in self.data.iterchildren(_ROW):
            number = row.get("r")
            current = int(number) if number and number.isdigit() else previous + 1
            if not 1 <= current <= MAX_ROWS:
                reason = f"{quote_sheet(self.name)}: row {number} is beyond Excel's last row"
                raise WorkbookError(self.pkg.path, f"{reason} {MAX_ROWS}")
            if number != str(current):
                row.set("r", str(current))
            if number_cells:
                _number_cells(row, current, self)
            ordered = ordered and current > previous and row.tail is None
            index[current] = row
            previous = current
        return _Rows(self.data, version, index, ordered and len(index) == len(self.data))

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
        for number, row in self._rows_between(r0, r1):
            line = out[number - r0]
            for cell in row.iterchildren(_C):
                col = _COLUMN[cell.get("r").rstrip(_DIGITS)]
                if c0 <= col <= c1:
                    kind = cell.get("t", "n")
                    if shared is None and kind == "s":
                        shared = self.pkg.shared_strings
                    line[col - c0] = _value(cell, kind, shared, formulas)
        return out

    def _rows_between(self, r0: int, r1: int) -> list[tuple[int, etree._Element]]:
        """The existing rows from ``r0`` to ``r1``, in order of row number."""
        index = self.rows()
        if r1 - r0 < len(index):
            return [(n, index[n]) for n in range(r0, r1 + 1) if n in index]
        return [(n, index[n]) for n in sorted(index) if r0 <= n <= r1]

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
        for _, row in self._rows_between(r0, r1):
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
        *,
        replacing: str | None = None,
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
        replacing : str, optional
            A range emptied first, formats included, in the same pass: the result is
            that of ``clear(replacing, keep_style=False)`` followed by this write, as
            when a table's old rows give way to new ones.

        Raises
        ------
        WorkbookError
            A value that cannot go into a cell (NaN, infinity, a date, text longer
            than 32,767 characters), a style index the workbook lacks, a block
            beyond Excel's limits, or a shared/array formula cut by the block.
        """
        view = self._rows()
        steps: list[_Step] = []
        if replacing:
            r0, c0, r1, c1 = self._parse(replacing, "the range")
            self._check_size(cell_ref(r0, c0), r1 - r0 + 1, c1 - c0 + 1)
            steps.append(_Step(r0, c0, r1, c1, [None] * (r1 - r0 + 1)))
            self._check_removable(view, steps)
        block = self._block(top_left, rows, styles, steps[0] if steps else None)
        if block is not None:
            steps.append(block)
            self._check_removable(view, steps)
        if steps:
            self._splice(view, steps)

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

    def _block(self, top_left: str, rows, styles, cleared: _Step | None) -> _Step | None:
        """The rows to write, parsed from their XML built as one text."""
        r0, c0 = self._parse(top_left, "the top-left cell")[:2]
        rows = rows.tolist() if hasattr(rows, "tolist") else rows
        width = max((len(row) for row in rows), default=0)
        if not rows or not width:
            return None
        r1, c1 = r0 + len(rows) - 1, c0 + width - 1
        if r1 > MAX_ROWS or c1 > MAX_COLS:
            raise self.error(top_left, f"a block of {len(rows)} × {width} does not fit the sheet")
        self._check_size(top_left, len(rows), width)
        styles_of = self._style_lookup(styles, r0, c0, r1, c1, cleared)
        letters = [col_letters(col) for col in range(c0, c1 + 1)]
        chunks = [f'<sheetData xmlns="{NS_MAIN}">']
        add = chunks.append
        for i, values in enumerate(rows):
            number = str(r0 + i)
            add(f'<row r="{number}">')
            # a short row writes no cells past its end
            for letter, s, value in zip(letters, styles_of(i), values, strict=False):
                kind = type(value)
                # The commonest cells, numbers and formulas, skip the general dispatch.
                if kind is float and -1e15 < value < 1e15:
                    text = str(int(value)) if value.is_integer() else repr(value)
                    add(f'<c r="{letter}{number}"{s}><v>{text}</v></c>')
                elif kind is Formula:
                    add(self._formula_xml(letter + number, s, value))
                else:
                    add(self._cell_xml(letter + number, s, value))
            add("</row>")
        chunks.append("</sheetData>")
        block = etree.fromstring("".join(chunks).encode("utf-8"))
        return _Step(r0, c0, r1, c1, list(block))

    def _style_lookup(self, styles, r0: int, c0: int, r1: int, c1: int, cleared: _Step | None):
        if styles is None:
            known: dict[tuple[int, int], int] = {}
            for number, row in self._rows_between(r0, r1):
                for cell in row.iterchildren(_C):
                    col = _col_of(cell.get("r"))
                    kept = not (cleared and cleared.covers(number, col))
                    if c0 <= col <= c1 and cell.get("s") and kept:
                        known[number - r0, col - c0] = int(cell.get("s"))
            width = c1 - c0 + 1
            return lambda i: [_style_attribute(known.get((i, j), 0)) for j in range(width)]
        per_col = [styles] * (c1 - c0 + 1) if isinstance(styles, Integral) else list(styles)
        count = self.pkg.cell_style_count
        for style in per_col:
            if not 0 <= int(style) < count:
                raise self.error(
                    cell_ref(r0, c0), f"style {style} does not exist (the workbook has {count})"
                )
        if len(per_col) < c1 - c0 + 1:
            raise self.error(cell_ref(r0, c0), f"{len(per_col)} styles for {c1 - c0 + 1} columns")
        attributes = [_style_attribute(int(style)) for style in per_col]
        return lambda i: attributes

    def _cell_xml(self, ref: str, s: str, value: Any) -> str:
        if value is None or value == "":
            return f'<c r="{ref}"{s}/>' if s else ""
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

    def _check_removable(self, view: _Rows, steps: list[_Step]) -> None:
        """Refuse a step that would cut a shared or array formula reaching outside it."""
        step, earlier = steps[-1], steps[:-1]
        masters = view.masters_of(self.data)
        for number in sorted(n for n in masters if step.r0 <= n <= step.r1):
            for cell in masters[number]:
                col = _col_of(cell.get("r"))
                if not step.c0 <= col <= step.c1 or any(s.covers(number, col) for s in earlier):
                    continue
                f = cell.find(_F)
                fr0, fc0, fr1, fc1 = self._parse(f.get("ref"), "a formula's range")
                if not (step.r0 <= fr0 and fr1 <= step.r1 and step.c0 <= fc0 and fc1 <= step.c1):
                    raise self.error(
                        cell.get("r"),
                        f"holds a {f.get('t')} formula for {f.get('ref')}, which reaches outside "
                        "the range being written; clear the whole formula range in Excel first",
                    )

    def _splice(self, view: _Rows, steps: list[_Step]) -> None:
        """Apply the steps row by row, in one pass over the rows they cover."""
        index = view.index
        top, bottom = min(s.r0 for s in steps), max(s.r1 for s in steps)
        below = [n for n in index if n < top]
        prev = index[max(below)] if below and view.ordered else None
        resort = False
        for number in range(top, bottom + 1):
            covering = [step for step in steps if step.r0 <= number <= step.r1]
            if len(covering) == 2 and covering[0].columns == covering[1].columns:
                covering = [covering[1]]  # emptied then refilled: one pass over the row
                emptied = True
            else:
                emptied = False
            for step in covering:
                new = step.rows[number - step.r0]
                if view.put(number, new, step.c0, step.c1, emptied):
                    if not view.ordered:
                        resort = True
                    elif prev is None:
                        self.data.insert(0, new)
                    else:
                        prev.addnext(new)
            prev = index.get(number, prev)
        if resort:
            self.data[:] = [index[number] for number in sorted(index)]
        self._update_dimension(view)
        self.pkg.touch(self.part)
        view.version = self.pkg.version(self.part)

    def _update_dimension(self, view: _Rows) -> None:
        firsts, lasts = view.ends_of()
        if firsts:
            low = min(min(firsts.values()), min(lasts.values()))
            high = max(max(firsts.values()), max(lasts.values()))
            ref = range_ref(min(firsts), low, max(firsts), high)
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


@dataclass
class _Step:
    """Rows of new cells for a rectangle (None: no cells, i.e. the rectangle is emptied)."""

    r0: int
    c0: int
    r1: int
    c1: int
    rows: list[etree._Element | None]

    @property
    def columns(self) -> tuple[int, int]:
        return self.c0, self.c1

    def covers(self, row: int, col: int) -> bool:
        return self.r0 <= row <= self.r1 and self.c0 <= col <= self.c1


class _Rows:
    """A worksheet's rows by number, kept in the package for every :class:`Sheet` of the part.

    Built once per version of the part, so successive writes do not re-read the sheet.
    ``ordered`` says sheetData holds nothing but rows in increasing order: a new row can go
    straight to its place. Otherwise a write that adds rows re-sorts sheetData. The first and
    last column of each row (for ``<dimension>``) and the cells holding shared or array
    formulas are found on the first write.
    """

    def __init__(self, data, version: int, index: dict[int, etree._Element], ordered: bool):
        self.data = data
        self.version = version
        self.index = index
        self.ordered = ordered
        self._firsts: dict[int, int] | None = None
        self._lasts: dict[int, int] = {}
        self._masters: dict[int, list[etree._Element]] | None = None

    def ends_of(self) -> tuple[dict[int, int], dict[int, int]]:
        """First and last column of every row that has cells, by row number."""
        if self._firsts is None:
            self._firsts = {}
            for number, row in self.index.items():
                self._note_ends(number, row)
        return self._firsts, self._lasts

    def _note_ends(self, number: int, row: etree._Element) -> None:
        if len(row):
            self._firsts[number] = _col_of(row[0].get("r"))
            self._lasts[number] = _col_of(row[-1].get("r"))
        else:
            self._forget_ends(number)

    def _forget_ends(self, number: int) -> None:
        self._firsts.pop(number, None)
        self._lasts.pop(number, None)

    def masters_of(self, data: etree._Element) -> dict[int, list[etree._Element]]:
        """Cells holding a shared or array formula's range, by row number."""
        if self._masters is None:
            self._masters = {}
            for cell in _MASTERS(data):
                row = cell.getparent()
                number = int(row.get("r"))
                if self.index.get(number) is row:
                    self._masters.setdefault(number, []).append(cell)
        return self._masters

    def put(
        self, number: int, new: etree._Element | None, c0: int, c1: int, emptied: bool = False
    ) -> bool:
        """Replace row ``number``'s cells in columns c0…c1 by those of ``new`` (None: none).

        ``emptied`` gives the result of first emptying those cells (formats included) and
        then writing: a row left with nothing of its own is replaced by ``new`` whole.
        Returns True when ``new`` becomes a row that the caller must place in sheetData.
        """
        old = self.index.get(number)
        self.ends_of()
        if old is None:
            return self._add(number, new)
        before, after = [], []
        inside = 0
        in_order = True  # cells before, inside and after the columns, in that order
        for cell in old.iterchildren(_C):
            col = _COLUMN[cell.get("r").rstrip(_DIGITS)]
            if col < c0:
                before.append(cell)
                in_order = in_order and not (inside or after)
            elif col > c1:
                after.append(cell)
            else:
                inside += 1
                in_order = in_order and not after
        if emptied and not before and not after:
            if old.get("spans") is not None:
                del old.attrib["spans"]
            if set(old.attrib) <= _ROW_ONLY_ATTRIBUTES:
                self._drop_masters(number)
                if self.ordered and new is not None and len(new):
                    old.getparent().replace(old, new)
                    self.index[number] = new
                    self._note_ends(number, new)
                    return False
                old.getparent().remove(old)
                del self.index[number]
                self._forget_ends(number)
                return self._add(number, new)
        if in_order and len(before) + inside + len(after) == len(old):
            # Only the cells inside the columns move; their neighbours stay where they are.
            del old[len(before) : len(before) + inside]
            if new is not None:
                old[len(before) : len(before)] = list(new)
        else:
            old[:] = [*before, *new, *after] if new is not None else [*before, *after]
        if self._masters and number in self._masters:
            self._masters[number] = [c for c in self._masters[number] if c.getparent() is old]
        self._note_ends(number, old)
        if old.get("spans") is not None:
            if len(old):
                old.set("spans", f"{self._firsts[number]}:{self._lasts[number]}")
            else:
                del old.attrib["spans"]
        if not len(old) and set(old.attrib) <= _ROW_ONLY_ATTRIBUTES:
            old.getparent().remove(old)
            del self.index[number]
        return False

    def _add(self, number: int, new: etree._Element | None) -> bool:
        if new is None or not len(new):
            return False
        self.index[number] = new
        self._note_ends(number, new)
        return True

    def _drop_masters(self, number: int) -> None:
        if self._masters:
            self._masters.pop(number, None)


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


def _value(cell: etree._Element, kind: str, shared: list[str] | None, formulas: bool) -> Value:
    v = f = node = None
    for child in cell:  # one look at the children instead of a search for each
        tag = child.tag
        if tag == _V:
            v = child if v is None else v
        elif tag == _F:
            f = child if f is None else f
        elif tag == _IS:
            node = child if node is None else node
    text = v.text if v is not None else None
    if kind == "inlineStr":
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
    if formulas and f is not None:
        borrowed = f.get("t") == "shared" and not f.text
        return Formula(None if borrowed else f.text or "", value)
    return value


def _style_attribute(style: int) -> str:
    return f' s="{style}"' if style else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xstring_escape(match: re.Match[str]) -> str:
    found = match.group(0)
    if found.startswith("_x"):
        return "_x005F" + found
    return f"_x{ord(found):04X}_"
