"""Cells of one worksheet part: reading and writing rectangular ranges in the XML.

Values are those of :mod:`xlsalesplan.io.ooxml.cells`: ``float`` for numbers (dates stay serial
numbers; the caller converts), ``str``, ``bool``, ``None`` for an empty cell, ``CellError`` for
an error value such as ``#N/A``, and ``Formula`` for a formula with its cached value.

The sheet is never parsed whole: :class:`~xlsalesplan.io.ooxml.sheetrows.SheetRows` keeps its
bytes and an index of its rows, reading parses only the rows asked for, and writing builds the
new rows as text and merges them into the rows there: cells of existing rows outside the block
stay exactly as they were, rows stay sorted and cells stay in column order. Strings are written
inline (``t="inlineStr"``), so text beginning with ``=``, ``+``, ``-`` or ``@`` stays text and
never becomes a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from numbers import Integral
from typing import Any

from lxml import etree

from xlsalesplan.io.ooxml.cells import (
    Value,
    cell_ref,
    col_letters,
    col_number,
    many_objects,
    parse_range,
    quote_sheet,
)
from xlsalesplan.io.ooxml.cellxml import (
    MAX_FORMULA,
    MAX_TEXT,
    CellReader,
    CellValueError,
    attributes,
    block_xml,
    row_xml,
    style_attribute,
    style_of,
)
from xlsalesplan.io.ooxml.package import NS_MAIN, Package
from xlsalesplan.io.ooxml.safety import MAX_COLS, MAX_ROWS, WorkbookError
from xlsalesplan.io.ooxml.sheetrows import SheetRows

__all__ = ["MAX_FORMULA", "MAX_TEXT", "Sheet"]

_M = f"{{{NS_MAIN}}}"
_ARTICLE = {"shared": "a", "array": "an"}


class _Columns(dict):
    """Column numbers by column letters, each spelling converted once (every ref repeats one)."""

    def __missing__(self, letters: str) -> int:
        self[letters] = number = col_number(letters)
        return number


_COLUMN = _Columns()


# ------------------------------------------------------------------------ sheet
class Sheet:
    """One worksheet of a :class:`~xlsalesplan.io.ooxml.package.Package`, for cell I/O.

    Every :class:`Sheet` of one part shares the part's rows, kept by the package, so a write
    through one is seen by the others.

    Parameters
    ----------
    pkg : Package
        The open workbook.
    name : str
        The sheet's name (case-insensitive).

    Raises
    ------
    WorkbookError
        No such sheet, or its ``<dimension>`` or a row lies beyond Excel's limits.

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
        dimension = self._rows().dimension
        if dimension is not None:
            self._parse(dimension, "its size")

    def _rows(self) -> SheetRows:
        rows = self.pkg.editor(self.part, self._scan)
        if rows.reader is None:
            rows.reader = CellReader(
                rows.prefix,
                rows.opening,
                lambda: self.pkg.shared_strings,
                self.pkg.date1904,
            )
        return rows

    def _scan(self, data: bytes) -> SheetRows:
        return SheetRows(data, self.pkg.path, self.name)

    # The part as a tree, for tests and tools that edit it with lxml (then ``pkg.touch``).
    @property
    def root(self) -> etree._Element:
        """The worksheet's XML tree (the part is handed over to it: see ``Package.xml``)."""
        return self.pkg.xml(self.part)

    @property
    def data(self) -> etree._Element:
        return self.root.find(_M + "sheetData")

    def rows(self) -> dict[int, etree._Element]:
        """The ``<row>`` elements of :attr:`root` by row number."""
        return {int(row.get("r")): row for row in self.data.iterchildren(_M + "row")}

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

    def _column(self, letters: str, digits: str = "") -> int:
        try:
            return _COLUMN[letters]
        except ValueError as exc:
            raise self.error(letters + digits, f"is not a valid cell ({exc})") from None

    def _cells(self, first: int, last: int) -> list[tuple[str, ...]]:
        """The matched cells (see :func:`~xlsalesplan.io.ooxml.cellxml.cell_pattern`) of rows
        ``first`` to ``last``."""
        rows = self._rows()
        pattern = rows.reader.pattern
        return [cell for text in rows.texts(first, last) for cell in pattern.findall(text)]

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
        rows = self._rows()
        fill = rows.reader.fill
        with many_objects():
            out: list[list[Value]] = [[None] * (c1 - c0 + 1) for _ in range(r1 - r0 + 1)]
            for text in rows.texts(r0, r1):
                fill(text, out, r0, c0, c1, formulas, self._column)
        return out

    def styles(self, row: int, first_col: int, last_col: int) -> list[int]:
        """Style index of each cell of one row between two columns (0 where none)."""
        cells = self._cells(row, row)
        found = {self._column(cell[0], cell[1]): style_of(cell[2]) for cell in cells}
        return [found.get(col, 0) for col in range(first_col, last_col + 1)]

    def occupied(self, ref: str) -> list[str]:
        """A1 references of the cells in ``ref`` that hold a value or a formula."""
        r0, c0, r1, c1 = self._parse(ref, "the range")
        found = []
        for letters, digits, _, fattrs, _, v, inline, other in self._cells(r0, r1):
            filled = fattrs or v or inline or other.strip()
            if filled and c0 <= self._column(letters, digits) <= c1 and r0 <= int(digits) <= r1:
                found.append(letters + digits)
        return found

    def merged(self) -> list[str]:
        """References of the sheet's merged ranges."""
        return self._rows().merged

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
        steps: list[_Step] = []
        if replacing:
            r0, c0, r1, c1 = self._parse(replacing, "the range")
            self._check_size(cell_ref(r0, c0), r1 - r0 + 1, c1 - c0 + 1)
            steps.append(_Step(r0, c0, r1, c1, None))
            self._check_removable(steps)
        with many_objects():
            block = self._block(top_left, rows, styles, steps[0] if steps else None)
            if block is not None:
                steps.append(block)
                self._check_removable(steps)
            if steps:
                self._splice(steps)

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
        """The rows to write, as the text of their cells."""
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
        try:
            if styles is not None and all(len(row) == width for row in rows):
                made = block_xml(letters, r0, rows, styles_of(0))
            else:
                made = []
                for i, values in enumerate(rows):
                    text, a, b = row_xml(letters, str(r0 + i), styles_of(i), values)
                    made.append((text.encode("utf-8"), a, b))
        except CellValueError as bad:
            raise self.error(bad.ref, bad.reason) from None
        texts = [(text, c0 + a, c0 + b) if a >= 0 else None for text, a, b in made]
        prefix = self._rows().prefix.encode()
        if prefix:  # the sheet names its elements with a prefix: so must the new cells
            texts = [t and (_prefixed(t[0], prefix), *t[1:]) for t in texts]
        return _Step(r0, c0, r1, c1, texts)

    def _style_lookup(
        self, styles, r0: int, c0: int, r1: int, c1: int, cleared: _Step | None
    ) -> Callable[[int], list[str]]:
        if styles is None:
            known: dict[tuple[int, int], int] = {}
            for letters, digits, attrs, *_ in self._cells(r0, r1):
                number, col = int(digits), self._column(letters, digits)
                kept = not (cleared and cleared.covers(number, col))
                if c0 <= col <= c1 and r0 <= number <= r1 and kept and style_of(attrs):
                    known[number - r0, col - c0] = style_of(attrs)
            width = c1 - c0 + 1
            return lambda i: [style_attribute(known.get((i, j), 0)) for j in range(width)]
        per_col = [styles] * (c1 - c0 + 1) if isinstance(styles, Integral) else list(styles)
        count = self.pkg.cell_style_count
        for style in per_col:
            if not 0 <= int(style) < count:
                raise self.error(
                    cell_ref(r0, c0), f"style {style} does not exist (the workbook has {count})"
                )
        if len(per_col) < c1 - c0 + 1:
            raise self.error(cell_ref(r0, c0), f"{len(per_col)} styles for {c1 - c0 + 1} columns")
        attributes_ = [style_attribute(int(style)) for style in per_col]
        return lambda i: attributes_

    def _check_removable(self, steps: list[_Step]) -> None:
        """Refuse a step that would cut a shared or array formula reaching outside it."""
        step, earlier = steps[-1], steps[:-1]
        if not self._rows().has_formula_range(step.r0, step.r1):
            return
        for letters, digits, _, fattrs, _, _, _, other in self._cells(step.r0, step.r1):
            if not fattrs:
                fattrs = _formula_attributes(other, self._rows().prefix)
            if not fattrs or "ref" not in fattrs:
                continue
            formula = attributes(fattrs[1:])
            if formula.get("t") not in ("shared", "array") or "ref" not in formula:
                continue
            number, col = int(digits), self._column(letters, digits)
            inside = step.r0 <= number <= step.r1 and step.c0 <= col <= step.c1
            if not inside or any(s.covers(number, col) for s in earlier):
                continue
            fr0, fc0, fr1, fc1 = self._parse(formula["ref"], "a formula's range")
            if not (step.r0 <= fr0 and fr1 <= step.r1 and step.c0 <= fc0 and fc1 <= step.c1):
                raise self.error(
                    letters + digits,
                    f"holds {_ARTICLE[formula['t']]} {formula['t']} formula for {formula['ref']}, "
                    "which reaches outside "
                    "the range being written; clear the whole formula range in Excel first",
                )

    def _splice(self, steps: list[_Step]) -> None:
        """Apply the steps row by row, in one pass over the rows they cover."""
        rows = self._rows()
        put = rows.put
        if len(steps) == 1 or (len(steps) == 2 and steps[0].rows is None):
            # One block, or a range emptied and a block written (a table's new rows): the
            # rows both cover in the same columns take one pass, as below.
            *emptied, block = steps
            gone = emptied[0] if emptied else None
            same = gone is not None and gone.columns == block.columns
            top = min(block.r0, gone.r0) if gone else block.r0
            bottom = max(block.r1, gone.r1) if gone else block.r1
            for number in range(top, bottom + 1):
                in_block = block.r0 <= number <= block.r1
                if gone is not None and gone.r0 <= number <= gone.r1 and not (same and in_block):
                    put(number, None, gone.c0, gone.c1)
                if in_block:
                    new = block.rows[number - block.r0] if block.rows is not None else None
                    put(number, new, block.c0, block.c1, same and gone.r0 <= number <= gone.r1)
            return
        top, bottom = min(s.r0 for s in steps), max(s.r1 for s in steps)
        for number in range(top, bottom + 1):
            covering = [step for step in steps if step.r0 <= number <= step.r1]
            if len(covering) == 2 and covering[0].columns == covering[1].columns:
                covering = [covering[1]]  # emptied then refilled: one pass over the row
                emptied = True
            else:
                emptied = False
            for step in covering:
                new = step.rows[number - step.r0] if step.rows is not None else None
                put(number, new, step.c0, step.c1, emptied)


@dataclass
class _Step:
    """Rows of new cells for a rectangle: each the cells' text (UTF-8) with its first and last
    column, or None for no cells (``rows`` None: the rectangle is emptied)."""

    r0: int
    c0: int
    r1: int
    c1: int
    rows: list[tuple[bytes, int, int] | None] | None

    @property
    def columns(self) -> tuple[int, int]:
        return self.c0, self.c1

    def covers(self, row: int, col: int) -> bool:
        return self.r0 <= row <= self.r1 and self.c0 <= col <= self.c1


def _formula_attributes(body: str, prefix: str) -> str | None:
    """``f`` and the attributes of the ``<f>`` starting a cell's body, if it has one."""
    start = f"<{prefix}f"
    if not body.startswith(start) or body[len(start) : len(start) + 1] not in (" ", ">", "/"):
        return None
    return "f" + body[len(start) : body.index(">")].removesuffix("/")


def _prefixed(text: bytes, prefix: bytes) -> bytes:
    """Cells written without a namespace prefix, given the sheet's (``x:``)."""
    return text.replace(b"</", b"\0").replace(b"<", b"<" + prefix).replace(b"\0", b"</" + prefix)
