"""The streamed worksheet: any sequence of writes gives the cells a plain model of the grid gives,
whatever shape the rows had, and the saved part is well-formed XML that openpyxl reads."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from xlsalesplan.io.ooxml.cells import cell_ref, range_ref
from xlsalesplan.io.ooxml.package import NS_MAIN, Package
from xlsalesplan.io.ooxml.sheetrows import SheetRows
from xlsalesplan.io.ooxml.sheetxml import Sheet

pytestmark = pytest.mark.filterwarnings("ignore:Unknown extension:UserWarning")
M = f"{{{NS_MAIN}}}"
SHEET = (
    f'<worksheet xmlns="{NS_MAIN}"><dimension ref="A1:F4"/><sheetData>'
    '<row r="1" spans="1:6"><c r="A1"><v>1</v></c><c r="C1" s="1"><v>3</v></c>'
    '<c r="F1" t="inlineStr"><is><t>f1</t></is></c></row>'
    # cells out of column order, as no producer writes them but the schema does not forbid
    '<row r="2" spans="1:6"><c r="E2"><v>5</v></c><c r="B2"><v>2</v></c></row>'
    '<row r="3" ht="30" customHeight="1"/>'
    '<row r="4"><c r="D4" t="b"><v>1</v></c><extLst><ext uri="{x}"/></extLst></row>'
    "</sheetData></worksheet>"
)
START = {(1, 1): 1.0, (1, 3): 3.0, (1, 6): "f1", (2, 5): 5.0, (2, 2): 2.0, (4, 4): True}


@pytest.fixture
def book(new_workbook):
    with new_workbook("rows.xlsx") as wb:
        wb.add_worksheet("S").write("A1", 0, wb.add_format({"bold": True}))
    return wb.filename


def _with_sheet(path, tmp_path, xml: str):
    out = tmp_path / "shaped.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, xml.encode() if info.filename.endswith("sheet1.xml") else data)
    return out


values = st.one_of(
    st.none(), st.integers(-50, 50).map(float), st.text("xyz", min_size=1, max_size=3)
)
writes = st.lists(
    st.tuples(
        st.integers(1, 6),  # top row
        st.integers(1, 6),  # left column
        st.lists(st.lists(values, min_size=1, max_size=3), min_size=1, max_size=3),
        st.booleans(),  # replacing the block's own rectangle first
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=writes)
def test_any_writes_give_the_cells_of_a_plain_model(book, tmp_path, steps):
    path = _with_sheet(book, tmp_path, SHEET)
    pkg = Package.open(path)
    sheet = Sheet(pkg, "S")
    model = dict(START)
    for top, left, block, replacing in steps:
        width = max(len(row) for row in block)
        rect = range_ref(top, left, top + len(block) - 1, left + width - 1)
        sheet.write(cell_ref(top, left), block, styles=0, replacing=rect if replacing else None)
        for i, row in enumerate(block):
            for j in range(width):  # short rows are padded with None
                model.pop((top + i, left + j), None)
                if j < len(row) and row[j] is not None:
                    model[top + i, left + j] = row[j]
        grid = sheet.read("A1:I9")
        got = {
            (r + 1, c + 1): v
            for r, row in enumerate(grid)
            for c, v in enumerate(row)
            if v is not None
        }
        assert got == model
    pkg.save(tmp_path / "out.xlsx")
    xml = zipfile.ZipFile(tmp_path / "out.xlsx").read("xl/worksheets/sheet1.xml")
    root = etree.fromstring(xml)  # well-formed
    numbers = [int(r.get("r")) for r in root.iter(M + "row")]
    assert numbers == sorted(set(numbers))
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["S"]
    cells = [cell for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert {(cell.row, cell.column): cell.value for cell in cells} == model


def test_a_row_with_its_own_height_and_an_extension_keeps_them(book, tmp_path):
    pkg = Package.open(_with_sheet(book, tmp_path, SHEET))
    sheet = Sheet(pkg, "S")
    sheet.write("A3", [[7]], styles=0, replacing="A3")
    sheet.write("D4", [[None]], styles=0, replacing="D4")
    rows = sheet.rows()
    assert rows[3].get("ht") == "30" and [c.get("r") for c in rows[3]] == ["A3"]
    assert [child.tag for child in rows[4]] == [M + "extLst"]


def test_the_scan_indexes_rows_without_parsing_them():
    rows = SheetRows(SHEET.encode(), "x.xlsx", "S")
    assert rows.dimension == "A1:F4"
    assert rows.row_text(3) == '<row r="3" ht="30" customHeight="1"/>'
    assert rows.row_text(5) is None
    assert "".join(rows.texts(2, 4)).count("<row") == 3


def test_a_reference_in_lower_case_is_read_as_excel_reads_it():
    xml = f'<worksheet xmlns="{NS_MAIN}"><sheetData><row r="1"><c r="b1"><v>3</v></c></row>'
    rows = SheetRows((xml + "</sheetData></worksheet>").encode(), "x.xlsx", "S")
    assert rows.row_text(1) == '<row r="1"><c r="B1"><v>3</v></c></row>'
