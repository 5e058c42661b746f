"""A workbook file as a package of parts, edited in place.

:class:`Package` is an :class:`~xlsalesplan.io.ooxml.opc.OpcPackage` that knows it holds a
workbook: its workbook part, sheet names, defined names, date system, shared strings and cell
formats. Saving keeps **every part it was not asked to change byte-for-byte** (see
:mod:`~xlsalesplan.io.ooxml.opc`). Nothing goes through openpyxl, so charts, images, pivot
tables, comments and VBA survive untouched.

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

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from xlsalesplan.io.ooxml.opc import NS_CT, NS_PKG_REL, OpcPackage, Relationship
from xlsalesplan.io.ooxml.safety import DEFAULT_LIMITS, Limits, WorkbookError

__all__ = [
    "NS_CT",
    "NS_MAIN",
    "NS_PKG_REL",
    "NS_REL",
    "DefinedName",
    "Package",
    "Relationship",
    "decode_xstring",
]

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"

_M = f"{{{NS_MAIN}}}"
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_TRUE = {"1", "true"}


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


def shared_text(si: etree._Element) -> str:
    """The text of a shared string item (``<si>``) or inline string (``<is>``): its ``<t>``, or
    its rich-text runs' ``<t>`` joined; phonetic runs (``<rPh>``, furigana) are not the text."""
    texts = []
    for child in si:
        if child.tag == _M + "t":
            texts.append(child.text or "")
        elif child.tag == _M + "r":
            texts += [t.text or "" for t in child.iterchildren(_M + "t")]
    return decode_xstring("".join(texts))


class Package(OpcPackage):
    """An .xlsx/.xlsm file opened for editing at the XML level.

    Open with :meth:`open`; edit parts obtained from :meth:`xml` and mark them
    with :meth:`touch` (or replace bytes with :meth:`write`); write the result
    with :meth:`save`. Worksheets are edited through
    :class:`~xlsalesplan.io.ooxml.sheetxml.Sheet`, which streams them.

    Examples
    --------
    >>> pkg = Package.open("PLAN.xlsm")                      # doctest: +SKIP
    >>> pkg.sheets                                           # doctest: +SKIP
    {'Settings': 'xl/worksheets/sheet1.xml', ...}
    """

    def __init__(self, path: Path, data: bytes, zf: zipfile.ZipFile, limits: Limits) -> None:
        super().__init__(path, data, zf, limits)
        self._shared: list[str] | None = None
        self.workbook_part = self._office_document()
        self.sheets: dict[str, str] = {}
        self.defined_names: list[DefinedName] = []
        self.date1904 = False
        self._read_workbook()

    @classmethod
    def open(cls, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Package:
        """Open a workbook after checking it is a safe, sane .xlsx/.xlsm.

        Parameters
        ----------
        path : str or os.PathLike
            The workbook file.
        limits : Limits, optional
            Resource limits (default :data:`~xlsalesplan.io.ooxml.safety.DEFAULT_LIMITS`).

        Raises
        ------
        WorkbookError
            Not a workbook, an old .xls, password-protected, a zip bomb, damaged,
            Strict Open XML, or without a workbook part.
        """
        return super().open(path, limits)

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
        # Excel for Mac may count dates from 1904: every date serial is then 1,462 days less.
        properties = root.find(_M + "workbookPr")
        if properties is not None:
            self.date1904 = properties.get("date1904", "").strip().lower() in _TRUE
        targets = {rel.id: rel.target for rel in self.rels(self.workbook_part)}
        names = []
        for sheet in root.iterfind(f"{_M}sheets/{_M}sheet"):
            name = sheet.get("name", "")
            names.append(name)
            target = targets.get(sheet.get(f"{{{NS_REL}}}id", ""))
            if target is not None and self.has(target):
                self.sheets[name] = target
        for item in root.iterfind(f"{_M}definedNames/{_M}definedName"):
            local = item.get("localSheetId")
            sheet = (
                names[int(local)] if local and local.isdigit() and int(local) < len(names) else None
            )
            self.defined_names.append(DefinedName(item.get("name", ""), item.text or "", sheet))

    # ------------------------------------------------------------------ sheets
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
            if parts and self.has(parts[0]):
                self._shared = [shared_text(si) for si in self.xml(parts[0]).iterfind(_M + "si")]
        return self._shared

    @property
    def cell_style_count(self) -> int:
        """Number of cell formats (``cellXfs``); valid style indices are below it."""
        parts = [r.target for r in self.rels(self.workbook_part) if r.kind == "styles"]
        if not parts or not self.has(parts[0]):
            return 1
        return max(1, len(self.xml(parts[0]).findall(f"{_M}cellXfs/{_M}xf")))

    # ----------------------------------------------------------------- saving
    def save(self, dest: str | os.PathLike[str] | BinaryIO, *, recalc: bool = True) -> None:
        """Write the package: unchanged parts copied raw, changed parts re-serialised.

        Parameters
        ----------
        dest : path or binary file
            Where to write. Use :func:`xlsalesplan.io.doors.atomic.atomic_write` to
            replace the original safely.
        recalc : bool
            Drop the calculation chain and have Excel recalculate on opening (default), as
            any change to cells needs. False saves the workbook part as it is, for edits of
            the package alone (a ribbon, the macros).
        """
        if recalc:
            self._drop_calc_chain()
        super().save(dest)

    def _drop_calc_chain(self) -> None:
        workbook = self.xml(self.workbook_part)
        calc = workbook.find(_M + "calcPr")
        if calc is None:
            calc = etree.SubElement(workbook, _M + "calcPr")
            _place_calc_pr(workbook, calc)
        if calc.get("fullCalcOnLoad") != "1":
            calc.set("fullCalcOnLoad", "1")
            self.touch(self.workbook_part)
        for chain in self.rels(self.workbook_part):
            if chain.kind == "calcChain" and self.has(chain.target):
                self.remove_part(chain.target)
        self.remove_relationships(self.workbook_part, lambda rel: rel.kind == "calcChain")


def _place_calc_pr(workbook: etree._Element, calc: etree._Element) -> None:
    """Move a new calcPr to where the schema wants it: right after definedNames/sheets."""
    anchor = None
    for tag in ("definedNames", "externalReferences", "functionGroups", "sheets"):
        anchor = workbook.find(_M + tag)
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addnext(calc)
