"""Editing Excel-made workbooks in place keeps every part we do not own byte-for-byte."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.ooxml.macroparts import RIBBON_TYPES, remove_macros, set_ribbon
from xlsalesplan.io.ooxml.package import NS_MAIN, Package
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import find_table

EXCEL = Path(__file__).parent / "data" / "excel"
SAMPLES = ["chart_bar01.xlsx", "image01.xlsx", "comment01.xlsx", "table10.xlsx", "macro01.xlsm"]
CALC_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's local header name and compressed bytes, exactly as stored."""
    start = info.header_offset
    name_len, extra_len = (
        int.from_bytes(data[start + 26 : start + 28], "little"),
        int.from_bytes(data[start + 28 : start + 30], "little"),
    )
    begin = start + 30 + name_len + extra_len
    return data[begin : begin + info.compress_size]


def _edit(pkg: Package, sample: str) -> None:
    if sample == "table10.xlsx":
        find_table(pkg, "Table1").write([[1, 2, 3, 4, 5, 6, 7, 8, 9, None]] * 3)
    else:
        Sheet(pkg, "Sheet1").write("H20", [[1.5, "text"], [True, None]])


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_part_but_the_edited_ones_stays_byte_identical(tmp_path, sample):
    source = EXCEL / sample
    pkg = Package.open(source)
    _edit(pkg, sample)
    out = tmp_path / sample
    pkg.save(out)

    before, after = zipfile.ZipFile(source), zipfile.ZipFile(out)
    assert after.testzip() is None
    edited = {"xl/worksheets/sheet1.xml", "xl/tables/table1.xml"} | CALC_PARTS
    old_data, new_data = source.read_bytes(), out.read_bytes()
    for name in after.namelist():
        if name not in edited:
            assert after.read(name) == before.read(name), name
            raw_old = _raw_member(old_data, before.getinfo(name))
            assert _raw_member(new_data, after.getinfo(name)) == raw_old, name
    assert set(before.namelist()) - set(after.namelist()) == (
        {"xl/calcChain.xml"} if "xl/calcChain.xml" in before.namelist() else set()
    )
    assert after.namelist() == [n for n in before.namelist() if n != "xl/calcChain.xml"]


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_edited_workbook_opens_in_openpyxl_with_the_new_values(tmp_path, sample):
    pkg = Package.open(EXCEL / sample)
    _edit(pkg, sample)
    pkg.save(tmp_path / sample)
    ws = openpyxl.load_workbook(tmp_path / sample)["Sheet1"]
    if sample == "table10.xlsx":
        assert [ws.cell(row, 2).value for row in range(4, 8)] == [1, 1, 1, "Total"]
        assert ws.tables["Table1"].ref == "B3:K7"
    else:
        assert [[c.value for c in row] for row in ws["H20:I21"]] == [[1.5, "text"], [True, None]]


def test_the_vba_project_survives(tmp_path):
    pkg = Package.open(EXCEL / "macro01.xlsm")
    _edit(pkg, "macro01.xlsm")
    pkg.save(tmp_path / "out.xlsm")
    original = zipfile.ZipFile(EXCEL / "macro01.xlsm").read("xl/vbaProject.bin")
    assert zipfile.ZipFile(tmp_path / "out.xlsm").read("xl/vbaProject.bin") == original


def test_saving_drops_the_calc_chain_and_asks_excel_to_recalculate(tmp_path):
    pkg = Package.open(EXCEL / "table10.xlsx")
    pkg.save(tmp_path / "out.xlsx")
    out = zipfile.ZipFile(tmp_path / "out.xlsx")
    assert "xl/calcChain.xml" not in out.namelist()
    assert b"calcChain" not in out.read("[Content_Types].xml")
    assert b"calcChain" not in out.read("xl/_rels/workbook.xml.rels")
    workbook = out.read("xl/workbook.xml")
    assert b'<calcPr calcId="124519" fullCalcOnLoad="1"/>' in workbook


def test_a_workbook_without_calc_pr_gets_one_in_schema_order(tmp_path, new_workbook):
    with new_workbook("plain.xlsx") as wb:
        wb.add_worksheet("Plan").write("A1", 1)
        wb.define_name("Rate", "=0.2")
    source = Path(wb.filename)
    pkg = Package.open(source)
    pkg.xml("xl/workbook.xml").remove(pkg.xml("xl/workbook.xml").find(f"{{{NS_MAIN}}}calcPr"))
    pkg.save(tmp_path / "out.xlsx")
    root = Package.open(tmp_path / "out.xlsx").xml("xl/workbook.xml")
    tags = [child.tag.split("}")[1] for child in root]
    assert tags[tags.index("definedNames") + 1] == "calcPr"


def test_workbook_structure_is_read(new_workbook):
    with new_workbook("plan.xlsx") as wb:
        wb.add_worksheet("Настройки").write("A1", "Компания")
        wb.add_worksheet("Plan").write("A1", "x")
        wb.define_name("Rate", "=0.2")
        wb.define_name("Plan!Local", "=Plan!$A$1")
    pkg = Package.open(wb.filename)
    assert pkg.sheets == {
        "Настройки": "xl/worksheets/sheet1.xml",
        "Plan": "xl/worksheets/sheet2.xml",
    }
    names = {(d.name, d.sheet, d.text) for d in pkg.defined_names}
    assert ("Rate", None, "0.2") in names
    assert ("Local", "Plan", "Plan!$A$1") in names
    assert pkg.shared_strings == ["Компания", "x"]
    assert pkg.sheet_part("plan") == "xl/worksheets/sheet2.xml"


def test_an_unknown_sheet_names_the_sheets_there_are():
    pkg = Package.open(EXCEL / "table10.xlsx")
    with pytest.raises(WorkbookError) as caught:
        pkg.sheet_part("Plan")
    assert (
        str(caught.value) == f"{EXCEL / 'table10.xlsx'}: has no worksheet 'Plan' (sheets: Sheet1)"
    )


def test_members_with_data_descriptors_are_copied_raw(tmp_path):
    # zipfile writing to a stream it cannot seek uses data descriptors (flag bit 3)
    class Unseekable(io.RawIOBase):
        def __init__(self):
            self.buffer = bytearray()

        def writable(self):
            return True

        def write(self, b):
            self.buffer += b
            return len(b)

    stream = Unseekable()
    with (
        zipfile.ZipFile(EXCEL / "image01.xlsx") as src,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
    source = tmp_path / "descriptors.xlsx"
    source.write_bytes(bytes(stream.buffer))
    assert all(i.flag_bits & 0x08 for i in zipfile.ZipFile(source).infolist())

    pkg = Package.open(source)
    Sheet(pkg, "Sheet1").write("A1", [[42]])
    pkg.save(tmp_path / "out.xlsx")
    before, after = zipfile.ZipFile(source), zipfile.ZipFile(tmp_path / "out.xlsx")
    assert after.testzip() is None
    old, new = source.read_bytes(), (tmp_path / "out.xlsx").read_bytes()
    assert _raw_member(new, after.getinfo("xl/media/image1.png")) == _raw_member(
        old, before.getinfo("xl/media/image1.png")
    )
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Sheet1"]["A1"].value == 42


def test_replacing_a_part_by_bytes(tmp_path):
    pkg = Package.open(EXCEL / "image01.xlsx")
    pkg.write("docProps/app.xml", b"<x/>")
    pkg.save(tmp_path / "out.xlsx")
    assert zipfile.ZipFile(tmp_path / "out.xlsx").read("docProps/app.xml") == b"<x/>"
    with pytest.raises(KeyError):
        pkg.write("xl/new.xml", b"<x/>")


def test_the_edited_workbooks_load_in_libreoffice(tmp_path, lo):
    for sample in SAMPLES:
        pkg = Package.open(EXCEL / sample)
        _edit(pkg, sample)
        pkg.save(tmp_path / sample)
    table = lo.recalc(tmp_path / "table10.xlsx")["Sheet1"]
    # calculated column K = Column1 + Column2 + Column3 = 1 + 2 + 3 in each of the 3 rows
    assert [table[r][10].value for r in (3, 4, 5)] == [6, 6, 6]
    # LibreOffice 7.4 cannot evaluate the unqualified "[Column8]" of Excel's totals row (#NAME?
    # in Excel's own file too), so check the cached totals: Column3 average 3, Column6 max 6,
    # Column7 min 7, Column8 sum 3 × 8 = 24.
    totals = lo.cached(tmp_path / "table10.xlsx")["Sheet1"][6]
    assert [totals[c].value for c in (3, 6, 7, 8)] == [3, 6, 7, 24]
    chart = lo.recalc(tmp_path / "chart_bar01.xlsx")["Sheet1"]
    assert chart[19][7].value == 1.5 and chart[19][8].value == "text"


# --- The package layer: parts, relationships, content types --------------------------------


def test_parts_and_relationships_are_added_and_removed_with_their_content_types(tmp_path):
    pkg = Package.open(EXCEL / "image01.xlsx")
    pkg.add_part("xl/extra/data.json", b'{"a": 1}', "application/json")
    rid = pkg.add_relationship(
        pkg.workbook_part, "http://example.com/rel/extra", "xl/extra/data.json"
    )
    assert pkg.content_type("xl/extra/data.json") == "application/json"
    assert pkg.content_type("xl/workbook.xml").endswith("sheet.main+xml")
    pkg.add_part("xl/extra/note.xml", b"<note/>", "application/xml")  # the xml Default says it
    pkg.save(tmp_path / "added.xlsx")

    out = zipfile.ZipFile(tmp_path / "added.xlsx")
    assert out.namelist()[-2:] == ["xl/extra/data.json", "xl/extra/note.xml"]
    assert out.read("xl/extra/data.json") == b'{"a": 1}'
    types = out.read("[Content_Types].xml")
    assert b'PartName="/xl/extra/data.json" ContentType="application/json"' in types
    assert b"/xl/extra/note.xml" not in types
    again = Package.open(tmp_path / "added.xlsx")
    extra = [r for r in again.rels(again.workbook_part) if r.kind == "extra"]
    assert [(r.id, r.target) for r in extra] == [(rid, "xl/extra/data.json")]

    again.remove_part("xl/extra/data.json")
    assert not again.has("xl/extra/data.json")
    assert not [r for r in again.rels(again.workbook_part) if r.kind == "extra"]
    again.save(tmp_path / "removed.xlsx", recalc=False)
    out = zipfile.ZipFile(tmp_path / "removed.xlsx")
    assert "xl/extra/data.json" not in out.namelist()
    assert b"data.json" not in out.read("[Content_Types].xml")
    assert openpyxl.load_workbook(tmp_path / "removed.xlsx")["Sheet1"] is not None


def test_a_part_removed_then_added_again_is_saved_once_in_its_place(tmp_path):
    pkg = Package.open(EXCEL / "image01.xlsx")
    order = pkg.members
    pkg.remove_part("docProps/app.xml")
    pkg.add_part("docProps/app.xml", b"<Properties/>")
    pkg.save(tmp_path / "out.xlsx", recalc=False)
    names = zipfile.ZipFile(tmp_path / "out.xlsx").namelist()
    assert names == order


def test_saving_without_recalc_copies_the_workbook_part(tmp_path):
    pkg = Package.open(EXCEL / "table10.xlsx")
    pkg.save(tmp_path / "out.xlsx", recalc=False)
    before, after = zipfile.ZipFile(EXCEL / "table10.xlsx"), zipfile.ZipFile(tmp_path / "out.xlsx")
    assert [after.read(n) for n in after.namelist()] == [before.read(n) for n in before.namelist()]


def test_the_ribbon_and_the_macros_come_and_go_through_the_package(tmp_path):
    pkg = Package.open(EXCEL / "macro01.xlsm")
    ribbon = (
        '<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs>'
        '<tab id="t" label="T"/></tabs></ribbon></customUI>'
    )
    set_ribbon(pkg, ribbon)
    set_ribbon(pkg, ribbon)  # replaced, not added twice
    assert [r.target for r in pkg.rels("") if r.type in RIBBON_TYPES] == ["customUI/customUI14.xml"]
    remove_macros(pkg, pkg.workbook_part)
    pkg.save(tmp_path / "plain.xlsx")
    out = zipfile.ZipFile(tmp_path / "plain.xlsx")
    names = out.namelist()
    assert "xl/vbaProject.bin" not in names and not any(n.startswith("customUI") for n in names)
    types = out.read("[Content_Types].xml")
    assert b"macroEnabled" not in types and b"vbaProject" not in types
    assert b"vbaProject" not in out.read("xl/_rels/workbook.xml.rels")
    assert b"extensibility" not in out.read("_rels/.rels")
    assert openpyxl.load_workbook(tmp_path / "plain.xlsx")["Sheet1"]["A1"].value is not None


# --- The 1904 date system ----------------------------------------------------------------


@pytest.mark.parametrize(("attribute", "expected"), [("1", True), ("true", True), ("0", False)])
def test_the_date_system_is_read_from_the_workbook(tmp_path, attribute, expected):
    source = zipfile.ZipFile(EXCEL / "table10.xlsx")
    path = tmp_path / "dates.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                # as Excel writes it: <workbookPr date1904="1" defaultThemeVersion="124226"/>
                data = re.sub(
                    rb"<workbookPr", b'<workbookPr date1904="' + attribute.encode() + b'"', data
                )
            out.writestr(info, data)
    assert Package.open(path).date1904 is expected
    assert FileDoor.open(path).date1904 is expected
    assert Package.open(EXCEL / "table10.xlsx").date1904 is False
