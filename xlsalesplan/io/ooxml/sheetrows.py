"""A worksheet part as its original bytes and the rows written since, never a whole tree.

:class:`SheetRows` indexes the ``<row>`` elements of a sheet's XML by scanning its bytes, hands
out the text of any run of rows for reading, takes new row texts, and streams the sheet back
for saving: unchanged rows are copied as the original bytes, changed rows are written as
text. A 14 MB sheet costs its bytes and an index of its rows instead of a 300 MB tree.

The scan relies on the shape every producer of .xlsx writes: rows with their number in ``r``,
cells with their reference first in ``r``, nothing but rows inside ``sheetData``. A sheet of
any other shape (a row or cell without its reference, comments inside ``sheetData``, rows out
of order) is first rewritten into that shape once, through a real XML parser.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import pairwise
from typing import Any

from lxml import etree

from xlsalesplan.io.ooxml.cells import cell_ref, col_letters, col_number, quote_sheet, range_ref
from xlsalesplan.io.ooxml.package import NS_MAIN
from xlsalesplan.io.ooxml.safety import MAX_ROWS, WorkbookError, parse_xml

_AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?(worksheet|chartsheet|dialogsheet)\b[^>]*>")
_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(/?)>")
_NAMESPACE = re.compile(r"""xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']""")
_ROW_NUMBER = re.compile(rb' r="[0-9]*"')


class SheetRows:
    """The rows of one worksheet part (see the module's description).

    Parameters
    ----------
    data : bytes
        The part's XML.
    path, sheet : str
        The workbook and the sheet's name, for messages.

    Raises
    ------
    WorkbookError
        Not a worksheet, damaged, or a row beyond Excel's last row.
    """

    def __init__(self, data: bytes, path: object, sheet: str) -> None:
        self.path, self.sheet = path, sheet
        self._scan(data)
        if not self._regular():
            self._scan(_normalised(data, self._error))
            if not self._regular():  # pragma: no cover - the normalised form is regular
                raise self._error("cannot be read")
        self._edits: dict[int, bytes | None] = {}
        self._ends: dict[int, tuple[int, int] | None] = {}
        self._ordered: set[int] = set()  # written rows whose cells are known to be in order
        self.changed = False
        self._formula_ranges = False  # whether a written row holds a shared/array formula range
        self._original_ranges: bool | None = None  # the same for the original rows
        self.reader: Any = None  # what reads the cells' values, set by the sheet using it

    def _error(self, reason: str, ref: str | None = None) -> WorkbookError:
        where = quote_sheet(self.sheet) + (f"!{ref}" if ref else "")
        return WorkbookError(self.path, f"{where}: {reason}")

    # ------------------------------------------------------------ scanning
    def _scan(self, data: bytes) -> None:
        root = _ROOT.search(data)
        if root is None or root.group(2) != b"worksheet":
            raise self._error("is not a worksheet")
        found = _DATA.search(data, root.end())
        if found is None:
            raise self._error("is not a worksheet")
        self._data = data
        prefix = (found.group(1) or b"").decode()
        self.prefix, self._p = prefix, prefix.encode()
        self.opening = root.group(0).decode()
        if self.opening.endswith("/>"):
            raise self._error("is not a worksheet")
        if found.group(2):  # <sheetData/>: no rows
            self._head = data[: found.start()] + f"<{prefix}sheetData>".encode()
            self._start = self._stop = found.end()
            self._tail = f"</{prefix}sheetData>".encode() + data[found.end() :]
        else:
            self._head = data[: found.end()]
            self._start = found.end()
            self._stop = data.find(f"</{prefix}sheetData>".encode(), self._start)
            if self._stop < 0:
                raise self._error("is damaged (its sheetData is not closed)")
            self._tail = data[self._stop :]
        namespaces = dict((p, uri) for p, uri in _NAMESPACE.findall(self.opening))
        self._row_only = frozenset(
            {"r", "spans"} | {f"{p}:dyDescent" for p, uri in namespaces.items() if uri == _AC}
        )

    def _regular(self) -> bool:
        """Index the rows; False where the sheet is not in the shape the scan relies on."""
        data, start, stop = self._data, self._start, self._stop
        # Comments, CDATA, processing instructions, and cells or rows whose reference is not
        # the first attribute: one pass of one expression finds any of them.
        if _irregular(self.prefix).search(data, start, stop):
            return False
        rows = _row_pattern(self.prefix)
        starts = [match.start() for match in rows.finditer(data, start, stop)]
        numbers = list(map(int, rows.findall(data, start, stop)))
        for number in numbers:
            if not 1 <= number <= MAX_ROWS:
                raise self._error(f"row {number} is beyond Excel's last row {MAX_ROWS}")
        if any(a >= b for a, b in pairwise(numbers)):
            return False
        if starts and data[start : starts[0]].strip():
            return False
        self._numbers = numbers
        self._starts = [*starts, stop]
        return True

    @property
    def dimension(self) -> str | None:
        """The ``ref`` of the sheet's ``<dimension>``, as written."""
        found = _dimension_pattern(self.prefix).search(self._head.decode("utf-8", "replace"))
        return found.group(2) if found else None

    @property
    def merged(self) -> list[str]:
        """References of the sheet's merged ranges."""
        pattern = rf'<{re.escape(self.prefix)}mergeCell\b[^>]*?\bref="([^"]*)"'
        return re.findall(pattern, self._tail.decode("utf-8", "replace"))

    # ------------------------------------------------------------ reading
    def row_text(self, number: int) -> str | None:
        """The XML of row ``number`` (None: no such row)."""
        data = self._row(number)
        return None if data is None else data.decode("utf-8")

    def _row(self, number: int) -> bytes | None:
        if number in self._edits:
            return self._edits[number]
        i = bisect.bisect_left(self._numbers, number)
        if i < len(self._numbers) and self._numbers[i] == number:
            return self._data[self._starts[i] : self._starts[i + 1]]
        return None

    def texts(self, first: int, last: int, chunk: int = 512) -> Iterator[str]:
        """The XML of every row from ``first`` to ``last``, in order, in pieces of at most
        ``chunk`` rows: few pieces to look at, none so big that what is read from it at once
        costs much memory."""
        numbers, starts, data = self._numbers, self._starts, self._data
        i = bisect.bisect_left(numbers, first)
        j = bisect.bisect_right(numbers, last)
        edited = sorted(n for n in self._edits if first <= n <= last) if self._edits else []
        batch: list[bytes] = []
        for number in [*edited, None]:
            k = j if number is None else bisect.bisect_left(numbers, number, i, j)
            if k > i and batch:
                yield b"".join(batch).decode("utf-8")
                batch = []
            for a in range(i, k, chunk):
                yield data[starts[a] : starts[min(a + chunk, k)]].decode("utf-8")
            if number is None:
                break
            text = self._edits[number]
            if text:
                batch.append(text)
                if len(batch) >= chunk:
                    yield b"".join(batch).decode("utf-8")
                    batch = []
            i = k + 1 if k < j and numbers[k] == number else k
        if batch:
            yield b"".join(batch).decode("utf-8")

    def has_formula_range(self, first: int, last: int) -> bool:
        """Whether rows ``first`` to ``last`` may hold a shared or array formula's range (a
        cheap look for ``ref=`` before a scan of their cells)."""
        numbers, starts = self._numbers, self._starts
        if self._original_ranges is None:
            self._original_ranges = self._data.find(b"ref=", starts[0], starts[-1]) >= 0
        i = bisect.bisect_left(numbers, first)
        j = bisect.bisect_right(numbers, last)
        if self._original_ranges and j > i and self._data.find(b"ref=", starts[i], starts[j]) >= 0:
            return True
        return self._formula_ranges and any(
            text is not None and b"ref=" in text
            for number, text in self._edits.items()
            if first <= number <= last
        )

    def split(
        self, text: bytes, c0: int, c1: int, ordered: bool = False
    ) -> tuple[bytes, bytes, bytes, bytes, bytes, bytes, bool]:
        """A row's XML cut around columns c0…c1: (start tag, cells before, cells inside, cells
        after, anything else (an ``extLst``), end tag, whether the cells are now known to be
        in column order). ``ordered``: they are known to be already."""
        p = self._p
        opened = text.index(b">") + 1
        if text[opened - 2 : opened - 1] == b"/":  # <row .../>: no cells
            return text[: opened - 2] + b">", b"", b"", b"", b"", b"</" + p + b"row>", True
        closing = text.rindex(b"</" + p + b"row>")
        tag, content, end = text[:opened], text[opened:closing], text[closing:]
        before, inside, after, rest, ordered = _cut(content, c0, c1, p, ordered)
        return tag, before, inside, after, rest, end, ordered

    # ------------------------------------------------------------ writing
    def put(
        self,
        number: int,
        new: tuple[bytes, int, int] | None,
        c0: int,
        c1: int,
        emptied: bool = False,
    ) -> None:
        """Replace row ``number``'s cells in columns c0…c1 by ``new`` (the cells' text in
        UTF-8, their first and last column; None: no cells).

        ``emptied`` gives the result of first emptying those cells (formats included) and
        then writing: a row left with nothing of its own is replaced by the new cells whole.
        Cells outside the columns stay exactly as they were. Rows are kept as UTF-8: half
        the memory of text holding a single Cyrillic letter.
        """
        p = self._p
        old = self._row(number)
        self.changed = True
        cells = b"" if new is None else new[0]
        if old is None:
            if new is not None:
                self._set(number, self._new_row(number, cells), new[1:], True)
            return
        # A row written here in column order has its first and last column known.
        known = self._ends.get(number) if number in self._ordered else None
        try:
            tag, before, _, after, rest, end, ordered = self.split(old, c0, c1, known is not None)
            has_before, has_after = _has_cells(before, p), _has_cells(after, p)
            if emptied and not has_before and not has_after:
                tag = _without_spans(tag)
                if self._row_only_tag(tag) and not rest.strip():  # nothing of the row's own
                    text = None if new is None else self._new_row(number, cells)
                    self._set(number, text, None if new is None else new[1:], True)
                    return
            if has_before:
                first = known[0] if known else _first_col(before, p)
            elif new is not None:
                first = new[1]
            else:
                first = _first_col(after, p) if has_after else None
            if has_after:
                last = known[1] if known else _last_col(after, p)
            elif new is not None:
                last = new[2]
            else:
                last = _last_col(before, p) if has_before else None
        except _BadCell as bad:
            raise self._error(f"is not a valid cell ({bad.reason})", bad.ref) from None
        ends = None if first is None else (first, last)
        if b' spans="' in tag:
            tag = _without_spans(tag) if ends is None else _with_spans(tag, *ends)
        if ends is None and not rest.strip() and self._row_only_tag(tag):
            self._set(number, None, None, True)
            return
        self._set(number, b"".join((tag, before, cells, after, rest, end)), ends, ordered)

    def _new_row(self, number: int, cells: bytes) -> bytes:
        p = self._p
        return b'<%srow r="%d">%s</%srow>' % (p, number, cells, p)

    def _row_only_tag(self, tag: bytes) -> bool:
        """Whether a row's start tag carries nothing of its own (a height, a format, ...)."""
        return _attribute_names(_ROW_NUMBER.sub(b"", tag, count=1)) <= self._row_only

    def _set(
        self, number: int, text: bytes | None, ends: tuple[int, int] | None, ordered: bool
    ) -> None:
        self._edits[number] = text
        self._ends[number] = ends
        if ordered:
            self._ordered.add(number)
        else:
            self._ordered.discard(number)
        if text is not None and not self._formula_ranges and b"ref=" in text:
            self._formula_ranges = True

    # ------------------------------------------------------------ saving
    def chunks(self) -> Iterator[bytes]:
        """The sheet's XML: unchanged rows as their original bytes, the rest as new text."""
        yield self._head_with_dimension()
        numbers, starts, data = self._numbers, self._starts, self._data
        pending: list[bytes] = []
        i = 0
        for number in sorted(self._edits):
            k = bisect.bisect_left(numbers, number, i)
            if k > i:
                if pending:
                    yield b"".join(pending)
                    pending = []
                yield data[starts[i] : starts[k]]
            text = self._edits[number]
            if text:
                pending.append(text)
                if len(pending) >= 1024:
                    yield b"".join(pending)
                    pending = []
            i = k + 1 if k < len(numbers) and numbers[k] == number else k
        if pending:
            yield b"".join(pending)
        yield data[starts[i] : starts[-1]]
        yield self._tail

    def _head_with_dimension(self) -> bytes:
        head = self._head.decode("utf-8")
        ref = self._extent()
        pattern = _dimension_pattern(self.prefix)
        if pattern.search(head):
            head = pattern.sub(lambda m: f"{m.group(1)}{ref}{m.group(3)}", head, count=1)
        else:
            head = _insert_dimension(head, self.prefix, ref)
        return head.encode("utf-8")

    def _extent(self) -> str:
        """The range from the first to the last cell of the sheet: "A1" when it has none."""
        low = high = top = bottom = None
        numbers, starts, data = self._numbers, self._starts, self._data
        start = _cell_start(self._p)
        marker = b"<" + self._p + b'c r="'
        try:
            for i, number in enumerate(numbers):
                if number in self._edits:
                    continue
                found = start.search(data, starts[i], starts[i + 1])
                if found is None:
                    continue
                last = start.match(data, data.rfind(marker, starts[i], starts[i + 1]))
                ends = _col(found), _col(last)
                low, high = _low(low, *ends), _high(high, *ends)
                top = number if top is None else top
                bottom = number
        except _BadCell as bad:
            raise self._error(f"is not a valid cell ({bad.reason})", bad.ref) from None
        for number, ends in self._ends.items():
            if ends is None:
                continue
            low, high = _low(low, *ends), _high(high, *ends)
            top = number if top is None else min(top, number)
            bottom = number if bottom is None else max(bottom, number)
        if top is None:
            return "A1"
        return range_ref(top, low, bottom, high)


def _low(current: int | None, first: int, last: int) -> int:
    value = min(first, last)
    return value if current is None else min(current, value)


def _high(current: int | None, first: int, last: int) -> int:
    value = max(first, last)
    return value if current is None else max(current, value)


@lru_cache(maxsize=8)
def _irregular(prefix: str) -> re.Pattern[bytes]:
    p = re.escape(prefix.encode())
    tags = b"<" + p + rb'(?:c|row)(?! r=")[\s>/]'
    refs = b"<" + p + rb'c r="(?![A-Z]+[0-9]+")'  # a reference in lower case, spaced, ...
    return re.compile(tags + b"|" + refs + rb"|<[!?]")


@lru_cache(maxsize=8)
def _row_pattern(prefix: str) -> re.Pattern[bytes]:
    return re.compile(rb"<" + re.escape(prefix.encode()) + rb'row r="([0-9]+)"')


@lru_cache(maxsize=8)
def _dimension_pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf'(<{re.escape(prefix)}dimension\b[^>]*?\bref=")([^"]*)(")')


@lru_cache(maxsize=8)
def _cell_start(prefix: bytes) -> re.Pattern[bytes]:
    return re.compile(b"<" + re.escape(prefix) + rb'c r="([A-Z]+)([0-9]*)')


class _BadCell(ValueError):
    def __init__(self, ref: str, reason: str) -> None:
        super().__init__(reason)
        self.ref, self.reason = ref, reason


def _col(found: re.Match[bytes]) -> int:
    letters = found.group(1).decode()
    try:
        return col_number(letters)
    except ValueError as exc:
        raise _BadCell(letters + found.group(2).decode(), str(exc)) from None


def _has_cells(text: bytes, prefix: bytes) -> bool:
    return b"<" + prefix + b'c r="' in text


def _first_col(text: bytes, prefix: bytes) -> int | None:
    found = _cell_start(prefix).search(text)
    return _col(found) if found else None


def _last_col(text: bytes, prefix: bytes) -> int | None:
    at = text.rfind(b"<" + prefix + b'c r="')
    return None if at < 0 else _col(_cell_start(prefix).match(text, at))


def _cells_end(text: bytes, prefix: bytes) -> int:
    """Where a row's cells end: at its ``extLst``, if it has one."""
    at = text.find(b"<" + prefix + b"extLst")
    return len(text) if at < 0 else at


@lru_cache(maxsize=512)
def _beyond(col: int, prefix: bytes) -> re.Pattern[bytes]:
    """A cell whose column comes after ``col`` (its letters compared as Excel orders them)."""
    letters, width = col_letters(col), len(col_letters(col))
    options = [f"[A-Z]{{{width + 1},}}"]
    for i, char in enumerate(letters):
        if char < "Z":
            rest = f"[A-Z]{{{width - i - 1}}}" if width - i - 1 else ""
            options.append(f"{letters[:i]}[{chr(ord(char) + 1)}-Z]{rest}")
    return _cells_of(prefix, options)


@lru_cache(maxsize=512)
def _up_to(col: int, prefix: bytes) -> re.Pattern[bytes]:
    """A cell whose column is ``col`` or comes before it."""
    letters, width = col_letters(col), len(col_letters(col))
    options = [f"[A-Z]{{1,{width - 1}}}"] if width > 1 else []
    for i, char in enumerate(letters):
        if char > "A":
            rest = f"[A-Z]{{{width - i - 1}}}" if width - i - 1 else ""
            options.append(f"{letters[:i]}[A-{chr(ord(char) - 1)}]{rest}")
    options.append(letters)
    return _cells_of(prefix, options)


def _cells_of(prefix: bytes, letters: list[str]) -> re.Pattern[bytes]:
    """A cell whose column's letters match one of the patterns ``letters``."""
    return re.compile(
        b"<" + re.escape(prefix) + b'c r="(?:' + "|".join(letters).encode() + b")[0-9]"
    )


def _cut(
    content: bytes, c0: int, c1: int, p: bytes, ordered: bool
) -> tuple[bytes, bytes, bytes, bytes, bool]:
    """A row's content as (cells before c0, cells c0…c1, cells after c1, anything else) —
    found with two searches where the cells are in column order, as every producer writes
    them (checked with two more unless ``ordered`` says so), and whether the cells are now
    known to be in order."""
    # A row's extLst, if any, comes after its cells, last.
    end = _cells_end(content, p) if content.rstrip().endswith(b"extLst>") else len(content)
    if c0 > 1:
        found = _beyond(c0 - 1, p).search(content, 0, end)
    else:
        found = _cell_start(p).search(content, 0, end)
    i = found.start() if found else end
    found = _beyond(c1, p).search(content, i, end) if c1 < 16_384 else None
    j = found.start() if found else end
    if ordered or not (
        (c0 > 1 and _up_to(c0 - 1, p).search(content, i, j))
        or _up_to(c1, p).search(content, j, end)
    ):
        return content[:i], content[i:j], content[j:end], content[end:], ordered
    # Cells out of column order, which Excel would repair: put in order as they are cut.
    starts = [m.start() for m in _cell_start(p).finditer(content, 0, end)]
    cells = sorted(
        (
            (_first_col(content[a:b], p), content[a:b])
            for a, b in zip(starts, [*starts[1:], end], strict=True)
        ),
        key=lambda cell: cell[0],
    )
    before = b"".join(text for col, text in cells if col < c0)
    inside = b"".join(text for col, text in cells if c0 <= col <= c1)
    after = b"".join(text for col, text in cells if col > c1)
    return content[: starts[0]] + before, inside, after, content[end:], True


def _without_spans(tag: bytes) -> bytes:
    at = tag.find(b' spans="')
    return tag if at < 0 else tag[:at] + tag[tag.index(b'"', at + 8) + 1 :]


def _with_spans(tag: bytes, first: int, last: int) -> bytes:
    at = tag.find(b' spans="')
    rest = tag[tag.index(b'"', at + 8) + 1 :]
    return tag[:at] + b' spans="%d:%d"' % (first, last) + rest


@lru_cache(maxsize=1024)
def _attribute_names(tag: bytes) -> frozenset[str]:
    names = re.findall(rb"([^\s=<>/]+)\s*=", tag[tag.find(b" ") + 1 :])
    return frozenset(name.decode() for name in names)


def _insert_dimension(head: str, prefix: str, ref: str) -> str:
    """A ``<dimension>`` where the schema wants it: after ``sheetPr``, else first."""
    element = f'<{prefix}dimension ref="{ref}"/>'
    p = re.escape(prefix)
    found = re.search(rf"<{p}sheetPr\b[^>]*?/>|</{p}sheetPr>", head)
    if found is None:
        found = _ROOT_TEXT.search(head)
    return head[: found.end()] + element + head[found.end() :]


_ROOT_TEXT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?worksheet\b[^>]*>")

_M = f"{{{NS_MAIN}}}"


def _normalised(data: bytes, error: Callable[..., WorkbookError]) -> bytes:
    """The sheet in the shape :class:`SheetRows` scans, through an XML parser: comments and
    processing instructions inside ``sheetData`` dropped, every row and cell numbered (the
    reference first), rows in order."""
    root = parse_xml("", "a worksheet", data)
    sheet_data = root.find(_M + "sheetData")
    if sheet_data is None:
        raise error("is not a worksheet")
    rows, previous = {}, 0
    for node in list(sheet_data):
        if node.tag != _M + "row":
            if not isinstance(node.tag, str):  # a comment or processing instruction
                sheet_data.remove(node)
            continue
        number = node.get("r")
        current = int(number) if number and number.isdigit() else previous + 1
        if not 1 <= current <= MAX_ROWS:
            raise error(f"row {number} is beyond Excel's last row {MAX_ROWS}")
        if current in rows:
            raise error(f"row {current} appears twice; open and save the file in Excel first")
        _first(node, "r", str(current))
        column = 0
        for cell in node.iterchildren(_M + "c"):
            ref = (cell.get("r") or "").strip().upper()
            if not ref:
                ref = cell_ref(current, column + 1)
            column = _column(ref, error)
            _first(cell, "r", ref)
        rows[current] = node
        previous = current
    sheet_data[:] = [rows[n] for n in sorted(rows)]
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=True
    )


def _column(ref: str, error: Callable[..., WorkbookError]) -> int:
    try:
        return col_number(ref.rstrip("0123456789"))
    except ValueError as exc:
        raise error(f"is not a valid cell ({exc})", ref) from None


def _first(node: etree._Element, name: str, value: str) -> None:
    """Set an attribute and make it the first, where the scan looks for it."""
    rest = [(k, v) for k, v in node.attrib.items() if k != name]
    node.attrib.clear()
    node.set(name, value)
    for key, item in rest:
        node.set(key, item)
