"""Plan workbooks for the engine tests, built once per session, and zip-level helpers.

Import the fixtures into a test module (``from workbook_fixtures import built``); the helpers
read and edit workbook files at the level of their zip members, as a planner's Excel would
leave them, without going through the code under test where a test checks that code.
"""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from lxml import etree

from xlsalesplan.io import files
from xlsalesplan.io.layout import DASHBOARD, SHEETS, STAMP_CELL
from xlsalesplan.io.ooxml.cells import Formula, cell_ref
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import find_table

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

# The planner's own content injected into a demo (see :func:`inject_planner_content`).
OWN_SHEET = "Мой анализ"
OWN_NAME = "МояВыручка"
COMMENT_SHEET = "План продаж"
COMMENT_CELL = "C6"  # tblTargets: Moscow, equipment, annual revenue — an input cell
COMMENT_TEXT = "Согласовать с финансовым директором"


# --------------------------------------------------------------------------- builds
@dataclass
class Built:
    """Workbooks built once per session into a private folder; copy them before editing."""

    folder: Path
    _cache: dict[tuple, Path] = field(default_factory=dict)

    def demo(self, lang: str = "ru", suffix: str = ".xlsm") -> Path:
        key = ("demo", lang, suffix)
        if key not in self._cache:
            self._cache[key] = files.write_demo(self.folder / f"demo_{lang}{suffix}", lang)
        return self._cache[key]

    def new(self, lang: str = "ru", suffix: str = ".xlsm") -> Path:
        key = ("new", lang, suffix)
        if key not in self._cache:
            target = self.folder / f"new_{lang}{suffix}"
            self._cache[key] = files.write_new(target, lang, 2027)
        return self._cache[key]

    def templates(self, run: int = 1) -> list[Path]:
        key = ("templates", run)
        if key not in self._cache:
            # The VBA projects go to a scratch folder: a test never rewrites the package.
            written = files.build_templates(
                self.folder / f"templates{run}",
                self.folder / f"macros{run}",
                self.folder / f"templates{run}",
            )
            self._cache[key] = self.folder / f"templates{run}"
            assert len(written) == 6  # the four templates and the two shipped demos
        return sorted(self._cache[key].iterdir())


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The session's plan workbooks (demo ru/en, empty plans, templates), built on first use."""
    return Built(tmp_path_factory.mktemp("plans"))


def copy_to(source: Path, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


# --------------------------------------------------------------------------- reading
def members(path: Path) -> dict[str, bytes]:
    """Every zip member's uncompressed bytes."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def stored(path: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every member as stored: (compressed bytes, CRC, compression method)."""
    data = path.read_bytes()
    result = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            start = info.header_offset
            name_len, extra_len = struct.unpack_from("<HH", data, start + 26)
            body = start + 30 + name_len + extra_len
            result[info.filename] = (
                data[body : body + info.compress_size],
                info.CRC,
                info.compress_type,
            )
    return result


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → worksheet part, read from workbook.xml and its relationships."""
    parts = members(path)
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    result = {}
    for sheet in etree.fromstring(parts["xl/workbook.xml"]).iter(f"{{{NS}}}sheet"):
        target = targets[sheet.get(f"{{{NS_R}}}id")]
        result[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return result


def owned_parts(path: Path, lang: str) -> set[str]:
    """The parts a refresh may change (README): sheets with outputs, their output tables, the
    dashboard, workbook.xml; and the content types and workbook relationships when a calcChain
    is there."""
    pkg = Package.open(path)
    owned = {pkg.workbook_part, pkg.sheet_part(DASHBOARD[0 if lang == "ru" else 1])}
    for sheet in SHEETS:
        outputs = [t for t in sheet.tables if t.output]
        if outputs:
            owned.add(pkg.sheet_part(sheet.name(lang)))
            owned.update(find_table(pkg, t.name).part for t in outputs)
    if any(r.kind == "calcChain" for r in pkg.rels(pkg.workbook_part)):
        owned |= {"[Content_Types].xml", "xl/_rels/workbook.xml.rels"}
    return owned


def output_sheet_names(lang: str) -> list[str]:
    return [s.name(lang) for s in SHEETS if any(t.output for t in s.tables)]


def plain(value: Any) -> Any:
    return value.cached if isinstance(value, Formula) else value


def table_rows(path: Path, name: str) -> tuple[list[str], list[list[Any]]]:
    """A table's header texts and its rows of values (formulas by their cached value)."""
    table = find_table(Package.open(path), name)
    return table.columns, [[plain(c.value) for c in row] for row in table.rows()]


def cell_value(path: Path, sheet: str, ref: str) -> Any:
    return Sheet(Package.open(path), sheet).read(ref)[0][0]


def stamp(path: Path, sheet: str) -> str:
    return cell_value(path, sheet, cell_ref(STAMP_CELL[0] + 1, STAMP_CELL[1] + 1))


def masked_sheet(xml: bytes, ref: str) -> bytes:
    """A worksheet part with the content of one cell removed (the stamp), re-serialised."""
    root = etree.fromstring(xml)
    for cell in root.iter(f"{{{NS}}}c"):
        if cell.get("r") == ref:
            for child in list(cell):
                cell.remove(child)
            cell.attrib.pop("t", None)
    return etree.tostring(root)


# --------------------------------------------------------------------------- editing
def rewrite(path: Path, changes: dict[str, bytes | None]) -> None:
    """Rewrite a workbook with some members replaced (bytes), removed (None) or added."""
    old = members(path)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in old.items():
            data = changes.get(name, data)
            if data is not None:
                archive.writestr(name, data)
        for name, data in changes.items():
            if name not in old and data is not None:
                archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def edit_cells(path: Path, edits: dict[tuple[str, str], Any]) -> None:
    """Type values into cells, as a planner would: {(sheet, "E8"): -1.0}."""
    pkg = Package.open(path)
    for (sheet, ref), value in edits.items():
        Sheet(pkg, sheet).write(ref, [[value]])
    pkg.save(path)


def rename_column(path: Path, table: str, old: str, new: str) -> str:
    """Rename a table column (its header cell and the table part); returns the header cell."""
    pkg = Package.open(path)
    found = find_table(pkg, table)
    r0, c0 = found.bounds[:2]
    index = found.columns.index(old)
    found.root.findall(f"{{{NS}}}tableColumns/{{{NS}}}tableColumn")[index].set("name", new)
    pkg.touch(found.part)
    ref = cell_ref(r0, c0 + index)
    found.sheet.write(ref, [[new]])
    pkg.save(path)
    return ref


def _png() -> bytes:
    """A 4 × 4 red PNG, made by hand (no imaging library needed)."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _donor() -> dict[str, bytes]:
    """An XlsxWriter workbook with the planner's sheet (data, image, chart) and a comment."""
    buffer = BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    own = wb.add_worksheet(OWN_SHEET)
    for i, (label, value) in enumerate([("Q1", 40), ("Q2", 55), ("Q3", 60), ("Q4", 75)]):
        own.write_row(i, 0, [label, value])
    own.insert_image("D2", "logo.png", {"image_data": BytesIO(_png())})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": [OWN_SHEET, 0, 0, 3, 0], "values": [OWN_SHEET, 0, 1, 3, 1]})
    own.insert_chart("D8", chart)
    commented = wb.add_worksheet(COMMENT_SHEET)
    commented.write_comment(COMMENT_CELL, COMMENT_TEXT)
    wb.close()
    with zipfile.ZipFile(buffer) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def _unused(names: set[str], template: str) -> str:
    number = 1
    while template.format(number) in names:
        number += 1
    return template.format(number)


def _rel(rels: etree._Element, kind: str, target: str) -> str:
    taken = {r.get("Id") for r in rels}
    rid = _unused(taken, "rIdPlanner{}")
    etree.SubElement(rels, f"{{{NS_PR}}}Relationship", Id=rid, Type=REL_TYPE + kind, Target=target)
    return rid


@dataclass
class Injected:
    """What :func:`inject_planner_content` added: the new parts, and the edited ones."""

    added: list[str]
    own_sheet_part: str


def inject_planner_content(path: Path) -> Injected:
    """Add what a planner adds in Excel: their own sheet with an image and a chart, a comment
    on an input cell of a sheet with outputs, and a defined name of their own."""
    donor = _donor()
    old = members(path)
    names = set(old)
    sheet = _unused(names, "xl/worksheets/sheet{}.xml")
    drawing = _unused(names, "xl/drawings/drawing{}.xml")
    chart = _unused(names, "xl/charts/chart{}.xml")
    image = _unused(names, "xl/media/image{}.png")
    comments = _unused(names, "xl/comments{}.xml")
    vml = _unused(names, "xl/drawings/vmlDrawing{}.vml")

    def base(part: str) -> str:
        return part.rsplit("/", 1)[1]

    def retarget(rels: bytes, mapping: dict[str, str]) -> bytes:
        for old_target, new_target in mapping.items():
            rels = rels.replace(old_target.encode(), new_target.encode())
        return rels

    changes: dict[str, bytes | None] = {
        sheet: donor["xl/worksheets/sheet1.xml"],
        f"xl/worksheets/_rels/{base(sheet)}.rels": retarget(
            donor["xl/worksheets/_rels/sheet1.xml.rels"],
            {"../drawings/drawing1.xml": f"../drawings/{base(drawing)}"},
        ),
        drawing: donor["xl/drawings/drawing1.xml"],
        f"xl/drawings/_rels/{base(drawing)}.rels": retarget(
            donor["xl/drawings/_rels/drawing1.xml.rels"],
            {
                "../charts/chart1.xml": f"../charts/{base(chart)}",
                "../media/image1.png": f"../media/{base(image)}",
            },
        ),
        chart: donor["xl/charts/chart1.xml"],
        image: donor["xl/media/image1.png"],
        comments: donor["xl/comments1.xml"],
        vml: donor["xl/drawings/vmlDrawing1.vml"],
    }
    added = list(changes)

    # The workbook: the planner's sheet and name.
    book = etree.fromstring(old["xl/workbook.xml"])
    wb_rels = etree.fromstring(old["xl/_rels/workbook.xml.rels"])
    rid = _rel(wb_rels, "worksheet", f"worksheets/{base(sheet)}")
    sheets = book.find(f"{{{NS}}}sheets")
    ids = [int(s.get("sheetId")) for s in sheets]
    etree.SubElement(
        sheets,
        f"{{{NS}}}sheet",
        {"name": OWN_SHEET, "sheetId": str(max(ids) + 1), f"{{{NS_R}}}id": rid},
    )
    defined = book.find(f"{{{NS}}}definedNames")
    if defined is None:
        defined = etree.Element(f"{{{NS}}}definedNames")
        sheets.addnext(defined)
    etree.SubElement(
        defined, f"{{{NS}}}definedName", name=OWN_NAME
    ).text = f"'{OWN_SHEET}'!$B$1:$B$4"
    changes["xl/workbook.xml"] = etree.tostring(
        book, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    changes["xl/_rels/workbook.xml.rels"] = etree.tostring(
        wb_rels, xml_declaration=True, encoding="UTF-8", standalone=True
    )

    # The comment: relationships and a legacyDrawing in the commented sheet.
    target = sheet_parts(path)[COMMENT_SHEET]
    target_rels = f"xl/worksheets/_rels/{base(target)}.rels"
    rels = (
        etree.fromstring(old[target_rels])
        if target_rels in old
        else etree.Element(f"{{{NS_PR}}}Relationships", nsmap={None: NS_PR})
    )
    _rel(rels, "comments", f"../{base(comments)}")
    vml_id = _rel(rels, "vmlDrawing", f"../drawings/{base(vml)}")
    changes[target_rels] = etree.tostring(
        rels, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    root = etree.fromstring(old[target])
    legacy = etree.Element(f"{{{NS}}}legacyDrawing", {f"{{{NS_R}}}id": vml_id})
    anchor = root.find(f"{{{NS}}}tableParts")
    if anchor is None:
        anchor = root.find(f"{{{NS}}}extLst")
    if anchor is not None:
        anchor.addprevious(legacy)
    else:
        root.append(legacy)
    changes[target] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # Content types.
    types = etree.fromstring(old["[Content_Types].xml"])
    defaults = {d.get("Extension") for d in types.iter(f"{{{NS_CT}}}Default")}
    for extension, kind in (
        ("png", "image/png"),
        ("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"),
    ):
        if extension not in defaults:
            etree.SubElement(types, f"{{{NS_CT}}}Default", Extension=extension, ContentType=kind)
    office = "application/vnd.openxmlformats-officedocument."
    for part, kind in (
        (sheet, "spreadsheetml.worksheet+xml"),
        (drawing, "drawing+xml"),
        (chart, "drawingml.chart+xml"),
        (comments, "spreadsheetml.comments+xml"),
    ):
        etree.SubElement(
            types, f"{{{NS_CT}}}Override", PartName=f"/{part}", ContentType=office + kind
        )
    changes["[Content_Types].xml"] = etree.tostring(
        types, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    rewrite(path, changes)
    return Injected(added, sheet)


def lines_at(lines: list[str], where: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{where}: ")]


CELL_LINE = re.compile(r"^('[^']+'|[^\s!']+)!\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?: \S")


def problem_lines(output: str) -> Iterator[str]:
    """Lines of command output that report a problem as ``Sheet!Cell: reason``."""
    return (line for line in output.splitlines() if CELL_LINE.match(line))
