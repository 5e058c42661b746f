"""A workbook file as a package of parts, edited in place.

:class:`Package` reads a workbook's zip directory and its workbook part (sheet
names, defined names), hands out parsed XML parts to edit, and saves a new zip
in which **every part it was not asked to change keeps its exact compressed
bytes** (its local header, data and directory entry are copied as they are).
Changed parts are re-serialised. Nothing goes through openpyxl, so charts,
images, pivot tables, comments and VBA survive untouched.

Conventions
-----------
* Strings are written as inline strings, so ``xl/sharedStrings.xml`` is never
  rewritten; shared strings are only read.
* Styles are never added: the template pre-creates every cell format a refresh
  needs and the refresh reuses the style index of the row it fills (the
  template row). :attr:`Package.cell_style_count` lets callers check an index.
* Saving drops ``xl/calcChain.xml`` (with its relationship and content-type
  entry) and sets ``<calcPr fullCalcOnLoad="1"/>``: Excel rebuilds the chain and
  recalculates when it opens the file, so no stale chain points at moved cells.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from xlsalesplan.io.ooxml.safety import (
    DEFAULT_LIMITS,
    Limits,
    WorkbookError,
    check_container,
    check_zip,
)
from xlsalesplan.io.ooxml.safety import parse_xml as _parse_xml

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"

_M = f"{{{NS_MAIN}}}"

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: ``kind`` is the last segment of its type URI."""

    id: str
    kind: str
    target: str
    external: bool


@dataclass(frozen=True)
class DefinedName:
    """A workbook name; ``sheet`` is set for names local to one sheet."""

    name: str
    text: str
    sheet: str | None


def decode_xstring(text: str) -> str:
    """Undo the ``_xHHHH_`` escapes Excel uses for characters XML cannot carry."""
    if "_x" not in text:
        return text
    return _XSTRING_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


class Package:
    """An .xlsx/.xlsm file opened for editing at the XML level.

    Open with :meth:`open`; edit parts obtained from :meth:`xml` and mark them
    with :meth:`touch` (or replace bytes with :meth:`write`); write the result
    with :meth:`save`. The whole file is read into memory once, so no handle on
    the original stays open and it can be replaced atomically afterwards.

    Examples
    --------
    >>> pkg = Package.open("PLAN.xlsm")                      # doctest: +SKIP
    >>> pkg.sheets                                           # doctest: +SKIP
    {'Settings': 'xl/worksheets/sheet1.xml', ...}
    """

    def __init__(self, path: Path, data: bytes, zf: zipfile.ZipFile, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self._data = data
        self._zf = zf
        self._infos = {info.filename: info for info in zf.infolist()}
        self._trees: dict[str, etree._Element] = {}
        self._changed: dict[str, etree._Element | bytes] = {}
        self._dropped: set[str] = set()
        self._versions: dict[str, int] = {}
        self._shared: list[str] | None = None
        # Objects higher layers build over a part (a sheet's row index), shared by every view
        # of that part; each checks :meth:`version` before trusting what it cached.
        self.derived: dict[str, object] = {}
        self.workbook_part = self._office_document()
        self.sheets: dict[str, str] = {}
        self.defined_names: list[DefinedName] = []
        self.date1904 = False
        self._read_workbook()

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Package:
        """Open a workbook after checking it is a safe, sane .xlsx/.xlsm.

        Parameters
        ----------
        path : str or os.PathLike
            The workbook file.
        limits : Limits, optional
            Resource limits (default :data:`~xlsalesplan.io.safety.DEFAULT_LIMITS`).

        Raises
        ------
        WorkbookError
            Not a workbook, an old .xls, password-protected, a zip bomb, damaged,
            Strict Open XML, or without a workbook part.
        """
        path = Path(path)
        check_container(path)
        size = path.stat().st_size
        if size > limits.total_size:
            raise WorkbookError(path, f"is larger than {limits.total_size // 2**20} MB")
        data = path.read_bytes()
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
            raise WorkbookError(path, f"is damaged ({exc})") from None
        check_zip(path, zf, limits)
        return cls(path, data, zf, limits)

    def _office_document(self) -> str:
        for rel in self.rels(""):
            if rel.kind == "officeDocument" and not rel.external:
                return rel.target
        raise WorkbookError(self.path, "is not an Excel workbook (no workbook part)")

    def _read_workbook(self) -> None:
        root = self.xml(self.workbook_part)
        if root.tag.startswith(f"{{{NS_STRICT_MAIN}}}"):
            raise WorkbookError(
                self.path,
                "is saved as Strict Open XML; save it as an ordinary Excel workbook first",
            )
        if root.tag != _M + "workbook":
            raise WorkbookError(self.path, "is not an Excel workbook (.xlsx/.xlsm)")
        targets = {rel.id: rel.target for rel in self.rels(self.workbook_part)}
        names = []
        for sheet in root.iterfind(f"{_M}sheets/{_M}sheet"):
            name = sheet.get("name", "")
            names.append(name)
            target = targets.get(sheet.get(f"{{{NS_REL}}}id", ""))
            if target in self._infos:
                self.sheets[name] = target
        for item in root.iterfind(f"{_M}definedNames/{_M}definedName"):
            local = item.get("localSheetId")
            sheet = (
                names[int(local)] if local and local.isdigit() and int(local) < len(names) else None
            )
            self.defined_names.append(DefinedName(item.get("name", ""), item.text or "", sheet))
        # Excel for Mac may count dates from 1904: every date serial is then 1,462 days less.
        properties = root.find(_M + "workbookPr")
        flag = "" if properties is None else properties.get("date1904", "")
        self.date1904 = flag.strip().lower() in ("1", "true")

    # ------------------------------------------------------------------ parts
    @property
    def members(self) -> list[str]:
        """Part names in the order of the zip's directory."""
        return list(self._infos)

    def read(self, part: str) -> bytes:
        """The uncompressed bytes of a part as it is in the original file.

        Raises
        ------
        KeyError
            No such part.
        WorkbookError
            The part is damaged (bad CRC, truncated data).
        """
        info = self._infos[part]
        try:
            with self._zf.open(info) as fp:
                return fp.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise WorkbookError(self.path, f"part {part} is damaged ({exc})") from None

    def xml(self, part: str) -> etree._Element:
        """The parsed root element of an XML part (parsed once, then cached).

        Edits to the tree reach the saved file only after :meth:`touch`.
        """
        if part not in self._trees:
            self._trees[part] = _parse_xml(self.path, part, self.read(part))
        return self._trees[part]

    def touch(self, part: str) -> None:
        """Mark an XML part obtained from :meth:`xml` as changed, to be re-serialised."""
        self._changed[part] = self.xml(part)
        self._versions[part] = self.version(part) + 1

    def version(self, part: str) -> int:
        """How many times ``part`` was touched: lets objects built over a part see edits."""
        return self._versions.get(part, 0)

    def write(self, part: str, data: bytes) -> None:
        """Replace an existing part's bytes."""
        if part not in self._infos:
            raise KeyError(part)
        self._trees.pop(part, None)
        self._changed[part] = data

    @property
    def changed(self) -> set[str]:
        """Parts that will be re-serialised by :meth:`save`."""
        return set(self._changed)

    def rels(self, part: str) -> list[Relationship]:
        """Relationships of ``part`` ("" for the package), with targets as part names."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if rels_part not in self._infos:
            return []
        result = []
        for rel in self.xml(rels_part).iterfind(f"{{{NS_PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                target = posixpath.normpath(joined)
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            result.append(Relationship(rel.get("Id", ""), kind, target, external))
        return result

    def sheet_part(self, name: str) -> str:
        """The part holding sheet ``name`` (matched case-insensitively, as Excel does).

        Raises
        ------
        WorkbookError
            No worksheet of that name.
        """
        for sheet, part in self.sheets.items():
            if sheet.casefold() == name.casefold():
                return part
        known = ", ".join(self.sheets) or "none"
        raise WorkbookError(self.path, f"has no worksheet {name!r} (sheets: {known})")

    def sheet_name(self, part: str) -> str:
        """The sheet name of a worksheet part."""
        return next(name for name, p in self.sheets.items() if p == part)

    @property
    def shared_strings(self) -> list[str]:
        """The shared string table's texts, in index order (rich text runs joined)."""
        if self._shared is None:
            parts = [r.target for r in self.rels(self.workbook_part) if r.kind == "sharedStrings"]
            self._shared = []
            if parts and parts[0] in self._infos:
                for si in self.xml(parts[0]).iterfind(_M + "si"):
                    texts = [el.text or "" for el in si if el.tag == _M + "t"]
                    texts += [t.text or "" for r in si.iterfind(_M + "r") for t in r.iter(_M + "t")]
                    self._shared.append(decode_xstring("".join(texts)))
        return self._shared

    @property
    def cell_style_count(self) -> int:
        """Number of cell formats (``cellXfs``); valid style indices are below it."""
        parts = [r.target for r in self.rels(self.workbook_part) if r.kind == "styles"]
        if not parts or parts[0] not in self._infos:
            return 1
        return max(1, len(self.xml(parts[0]).findall(f"{_M}cellXfs/{_M}xf")))

    # ----------------------------------------------------------------- saving
    def save(self, dest: str | os.PathLike[str] | BinaryIO) -> None:
        """Write the package: unchanged parts copied raw, changed parts re-serialised.

        Parameters
        ----------
        dest : path or binary file
            Where to write. Use :func:`xlsalesplan.io.atomic.atomic_write` to
            replace the original safely.
        """
        self._drop_calc_chain()
        if isinstance(dest, (str, os.PathLike)):
            with open(dest, "wb") as fp:
                self._write_zip(fp)
        else:
            self._write_zip(dest)

    def _drop_calc_chain(self) -> None:
        workbook = self.xml(self.workbook_part)
        calc = workbook.find(_M + "calcPr")
        if calc is None:
            calc = etree.SubElement(workbook, _M + "calcPr")
            _place_calc_pr(workbook, calc)
        calc.set("fullCalcOnLoad", "1")
        self.touch(self.workbook_part)
        chains = [r for r in self.rels(self.workbook_part) if r.kind == "calcChain"]
        if not chains:
            return
        folder, name = posixpath.split(self.workbook_part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        rels_root = self.xml(rels_part)
        for rel in rels_root.iterfind(f"{{{NS_PKG_REL}}}Relationship"):
            if rel.get("Id") in {c.id for c in chains}:
                rels_root.remove(rel)
        self.touch(rels_part)
        types = self.xml("[Content_Types].xml")
        for chain in chains:
            self._dropped.add(chain.target)
            for override in types.iterfind(f"{{{NS_CT}}}Override"):
                if override.get("PartName", "").lstrip("/") == chain.target:
                    types.remove(override)
        self.touch("[Content_Types].xml")

    def _write_zip(self, fp: BinaryIO) -> None:
        central = _central_records(self._data, self._zf.infolist())
        writer = _ZipWriter(fp)
        for info, record in zip(self._zf.infolist(), central, strict=True):
            if info.filename in self._dropped:
                continue
            if info.filename in self._changed:
                writer.add(info, self._serialised(info.filename))
            elif record is not None:
                writer.copy_raw(self._data, info, record)
            else:
                writer.add(info, self.read(info.filename))
        writer.finish()

    def _serialised(self, part: str) -> bytes:
        value = self._changed[part]
        if isinstance(value, bytes):
            return value
        return etree.tostring(
            value.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=True
        )


def _place_calc_pr(workbook: etree._Element, calc: etree._Element) -> None:
    """Move a new calcPr to where the schema wants it: right after definedNames/sheets."""
    anchor = None
    for tag in ("definedNames", "externalReferences", "functionGroups", "sheets"):
        anchor = workbook.find(_M + tag)
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addnext(calc)


def _central_records(data: bytes, infos: list[zipfile.ZipInfo]) -> list[bytes | None]:
    """The raw central-directory record of each member, or None where it cannot be reused.

    A record is reused only for a plain (non-zip64) member whose name matches
    what :mod:`zipfile` read; anything unusual is re-encoded instead, which
    still keeps its content identical.
    """
    fallback: list[bytes | None] = [None] * len(infos)
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) - end < _END.size:
        return fallback
    _, _, _, _, count, size, offset, _ = _END.unpack_from(data, end)
    if count != len(infos) or offset + size > end:
        return fallback
    records: list[bytes | None] = []
    pos = offset
    for info in infos:
        if data[pos : pos + 4] != b"PK\x01\x02":
            return fallback
        fields = _CENTRAL.unpack_from(data, pos)
        name_len, extra_len, comment_len = fields[12:15]
        length = _CENTRAL.size + name_len + extra_len + comment_len
        name = data[pos + _CENTRAL.size : pos + _CENTRAL.size + name_len]
        zip64 = 0xFFFFFFFF in (fields[10], fields[11], fields[18])
        same = name == info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        records.append(data[pos : pos + length] if same and not zip64 else None)
        pos += length
    return records


class _ZipWriter:
    """A minimal zip writer that can append members verbatim from another zip."""

    def __init__(self, fp: BinaryIO) -> None:
        self._fp = fp
        self._offset = 0
        self._central: list[bytes] = []

    def _emit(self, chunk: bytes | memoryview) -> None:
        self._fp.write(chunk)
        self._offset += len(chunk)

    def copy_raw(self, data: bytes, info: zipfile.ZipInfo, record: bytes) -> None:
        start = info.header_offset
        header = _LOCAL.unpack_from(data, start)
        length = _LOCAL.size + header[10] + header[11] + info.compress_size
        if info.flag_bits & 0x08:
            has_signature = data[start + length : start + length + 4] == b"PK\x07\x08"
            length += 16 if has_signature else 12
        self._central.append(record[:42] + struct.pack("<L", self._offset) + record[46:])
        self._emit(memoryview(data)[start : start + length])

    def add(self, info: zipfile.ZipInfo, content: bytes) -> None:
        method = info.compress_type if info.compress_type == zipfile.ZIP_STORED else 8
        body = content
        if method == 8:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            body = compressor.compress(content) + compressor.flush()
        crc = zlib.crc32(content)
        name = info.filename.encode("utf-8")
        flags = 0x800 if not info.filename.isascii() else 0
        year, month, day, hour, minute, second = info.date_time
        dos_date = (year - 1980) << 9 | month << 5 | day
        dos_time = hour << 11 | minute << 5 | second // 2
        fields = (flags, method, dos_time, dos_date, crc, len(body), len(content), len(name))
        local = _LOCAL.pack(b"PK\x03\x04", 20, 0, *fields, 0)
        attributes = (0, 0, 0, info.internal_attr, info.external_attr, self._offset)
        self._central.append(
            _CENTRAL.pack(b"PK\x01\x02", 20, 0, 20, 0, *fields, *attributes) + name
        )
        self._emit(local + name)
        self._emit(body)

    def finish(self) -> None:
        start = self._offset
        for record in self._central:
            self._emit(record)
        count = len(self._central)
        self._emit(_END.pack(b"PK\x05\x06", 0, 0, count, count, self._offset - start, start, 0))
