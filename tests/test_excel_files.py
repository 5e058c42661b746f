"""Every cell state Excel saves is read right: workbooks made by Excel, and Excel's own XML shapes.

The workbooks in ``tests/data/excel`` were created and saved by Excel (see its README); the
expected values come from the files' XML and from the programs that made them, and openpyxl
reads every cell of every one of them as an independent check. The XML shapes Excel 2010 and
later write but those files lack (``mc:Ignorable``, ``x14ac:dyDescent``, shared formulas),
and those the schema allows though Excel does not write them (cells and rows without a
reference, a namespace prefix, comments, ISO dates), are made from those files by editing
their sheet's XML as Excel would have written it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.ooxml.cells import CellError, Formula, cell_ref, col_letters
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import find_table

EXCEL = Path(__file__).parent / "data" / "excel"
EVERY_FILE = sorted(p.name for p in EXCEL.glob("*.xls[xm]"))
EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def column(name: str, ref: str, *, formulas: bool = False, sheet: str = "Sheet1") -> list:
    return [row[0] for row in Sheet(Package.open(EXCEL / name), sheet).read(ref, formulas=formulas)]


# --------------------------------------------------------------- each cell state
def test_formula_results_of_every_kind():
    assert column("formula_results01.xlsx", "A1:A12") == [
        2.0,
        "Foo",
        True,
        False,
        *map(CellError, ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"]),
        CellError("#DIV/0!"),
    ]
    formulas = column("formula_results01.xlsx", "A1:A3", formulas=True)
    assert formulas == [
        Formula("1+1", 2.0),
        Formula('"Foo"', "Foo"),
        Formula("IF(B3,FALSE,TRUE)", True),
    ]


def test_booleans_and_error_values():
    assert column("types02.xlsx", "A1:A2") == [True, False]
    assert column("types07.xlsx", "A1:A3", formulas=True) == [
        Formula("#NUM!", CellError("#NUM!")),
        Formula("1/0", CellError("#DIV/0!")),
        Formula("-1/0", CellError("#DIV/0!")),
    ]


def test_escaped_characters_in_formulas_results_text_and_sheet_names():
    pkg = Package.open(EXCEL / "escapes01.xlsx")
    assert list(pkg.sheets) == ["5&4"]
    sheet = Sheet(pkg, "5&4")
    assert [r[0] for r in sheet.read("A1:A8")] == [1.0, "'<>&", "1b", "'", '"', "&&", None, '"&<>']
    assert [r[0] for r in sheet.read("A1:A6", formulas=True)][::5] == [
        Formula("IF(1>2,0,1)", 1.0),
        Formula('"&" & "&"', "&&"),
    ]
    assert sheet.where("A8") == "'5&4'!A8"


def test_shared_strings_rich_text_unicode_and_inline_strings():
    assert column("rich_string01.xlsx", "A1:A3") == ["Foo", "Bar", "abcdefg"]
    assert column("utf8_01.xlsx", "A1") == ["Это фраза на русском!"]
    assert column("optimize01.xlsx", "A1:A2") == ["Hello", 123.0]


def test_array_and_dynamic_array_formulas():
    assert column("array_formula01.xlsx", "A1:A3", formulas=True) == [
        Formula("SUM(B1:C1*B2:C2)", 0.0),
        0.0,
        0.0,
    ]
    assert column("dynamic_array01.xlsx", "A1:A2", formulas=True) == [
        Formula("AVERAGE(TIMEVALUE(B1:B2))", 0.0),
        None,
    ]
    sheet = Sheet(Package.open(EXCEL / "array_formula01.xlsx"), "Sheet1")
    with pytest.raises(WorkbookError, match=r"Sheet1!A1: holds an array formula for A1:A3"):
        sheet.write("A1", [[1]])
    sheet.write("A1", [[1], [2], [3]])  # the whole range: the formula gives way
    assert [r[0] for r in sheet.read("A1:A3", formulas=True)] == [1.0, 2.0, 3.0]


def test_either_date_system():
    # XlsxWriter's tests wrote the same serial numbers into both files (with a date format):
    # in the 1904 system they are these dates, in the 1900 system 4 years and a day earlier.
    dates = [dt.date(1904, 1, 1), dt.date(1906, 9, 27), dt.date(1917, 9, 9)]
    dates += [dt.date(1931, 5, 19), dt.date(2177, 10, 15), dt.date(4641, 11, 27)]
    mac, windows = (
        Package.open(EXCEL / "date_1904_02.xlsx"),
        Package.open(EXCEL / "date_1904_01.xlsx"),
    )
    assert (mac.date1904, windows.date1904) == (True, False)
    assert FileDoor.open(EXCEL / "date_1904_02.xlsx").date1904 is True
    serials = [row[0] for row in Sheet(mac, "Sheet1").read("A1:A6")]
    assert [(EPOCH_1904 + dt.timedelta(days=s)).date() for s in serials] == dates
    assert [row[0] for row in Sheet(windows, "Sheet1").read("A2:A6")] == serials[1:]
    assert (EPOCH_1900 + dt.timedelta(days=serials[1])).date() == dt.date(1902, 9, 26)


def test_a_table_without_a_header_row():
    table = find_table(Package.open(EXCEL / "table07.xlsx"), "Table1")
    assert (table.header_rows, table.totals_rows, table.data_ref) == (0, 0, "C3:F13")
    assert table.columns == ["Column1", "Column2", "Column3", "Column4"]
    rows = table.rows()
    assert len(rows) == 11 and rows[0][0].where == "Sheet1!C3"
    assert all(cell.value is None for row in rows for cell in row)


def test_an_empty_table_and_a_one_row_table_without_header(tmp_path):
    pkg = Package.open(EXCEL / "table26.xlsx")
    empty, headless = find_table(pkg, "Table1"), find_table(pkg, "Table2")
    assert (empty.ref, empty.data_ref, headless.data_ref) == ("C2:D3", "C3:D3", "F3:G3")
    assert [[c.value for c in row] for row in empty.rows()] == [[None, None]]
    assert [[c.value for c in row] for row in headless.rows()] == [[None, None]]
    empty.write([["a", 1], ["b", 2]])
    assert empty.ref == "C2:D4" and empty.root.find(M + "autoFilter").get("ref") == "C2:D4"
    pkg.save(tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Sheet1"]
    assert [[c.value for c in row] for row in ws["C2:D4"]] == [
        ["Column1", "Column2"],
        ["a", 1],
        ["b", 2],
    ]


def test_a_table_whose_rows_were_all_deleted_reads_as_empty(tmp_path):
    path = _edited(
        tmp_path, "table26.xlsx", lambda x: x.replace('"C2:D3"', '"C2:D2"'), "xl/tables/table1.xml"
    )
    table = find_table(Package.open(path), "Table1")
    assert (table.data_rows, table.rows()) == (0, [])


def test_a_table_with_a_totals_row_reads_and_refills():
    pkg = Package.open(EXCEL / "table17.xlsx")
    table = find_table(pkg, "Table1")
    assert (table.ref, table.data_ref, table.totals_rows) == ("B3:K6", "B4:K5", 1)
    assert [[c.value for c in row] for row in table.rows()] == [
        [0.0, 0.0, 0.0, None, None, 4.0, 0.0, 1.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, None, None, 5.0, 0.0, 2.0, 0.0, 0.0],
    ]
    totals = table.sheet.read("B6:K6", formulas=True)[0]
    assert totals[0] == "Total" and totals[5] == Formula("SUBTOTAL(104,[Column6])", 5.0)
    table.write([[1, 2, 3, "a", 5, 6, 7, 8, 9, 10]] * 3)
    assert table.ref == "B3:K7"
    assert table.sheet.read("G7:H7", formulas=True)[0] == [
        Formula("SUBTOTAL(104,[Column6])", 6.0),
        Formula("SUBTOTAL(105,[Column7])", 7.0),
    ]


def test_a_table_with_a_calculated_column():
    table = find_table(Package.open(EXCEL / "table35.xlsx"), "Table1")
    assert table.columns == ["Column1", "Column2", "Column3", "Column4"]
    rows = [[c.value for c in row] for row in table.rows(formulas=True)]
    assert [row[:2] for row in rows] == [["Foo", 1234.0], ["Bar", 1256.0], ["Baz", 2234.0],
                                         ["Bop", 1324.0]]  # fmt: skip
    assert {row[3] for row in rows} == {Formula("_xlfn.BASE(0,2)", 0.0)}


def test_global_and_local_defined_names():
    pkg = Package.open(EXCEL / "defined_name01.xlsx")
    names = {(d.name, d.sheet, d.text) for d in pkg.defined_names}
    assert ("Abc", None, "Sheet1!$A$1") in names
    assert ("Baz", None, "0.98") in names
    assert {("Bar", "Sheet 3", "'Sheet 3'!$A$1"), ("Bar", "Sheet1", "Sheet1!$A$1")} <= names
    assert ("_xlnm._FilterDatabase", "Sheet1", "Sheet1!$F$1:$G$1") in names
    assert list(pkg.sheets) == ["Sheet1", "Sheet2", "Sheet 3"]


# --------------------------------------------------------------- openpyxl agrees
def _plain(value, epoch: dt.datetime):
    """An openpyxl value as Sheet.read gives it."""
    if isinstance(value, dt.datetime):
        days = (value - epoch).total_seconds() / 86_400
        # Serials before 1 March 1900 count the 29 February 1900 that never was.
        return days - 1 if epoch == EPOCH_1900 and value < dt.datetime(1900, 3, 1) else days
    if isinstance(value, dt.date):
        return float((value - epoch.date()).days)
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86_400
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


@pytest.mark.parametrize("name", EVERY_FILE)
def test_every_cell_of_every_excel_file_reads_as_openpyxl_reads_it(name):
    pkg = Package.open(EXCEL / name)
    book = openpyxl.load_workbook(EXCEL / name, data_only=True)
    epoch = EPOCH_1904 if pkg.date1904 else EPOCH_1900
    for title in pkg.sheets:
        expected = book[title]
        if expected.max_row == 1 and expected.max_column == 1 and expected["A1"].value is None:
            continue
        ref = f"A1:{col_letters(expected.max_column)}{expected.max_row}"
        ours = Sheet(pkg, title).read(ref)
        for r, row in enumerate(expected.iter_rows(), start=1):
            for c, cell in enumerate(row, start=1):
                got = ours[r - 1][c - 1]
                got = got.code if isinstance(got, CellError) else got
                want = _plain(cell.value, epoch)
                if isinstance(want, float) and isinstance(got, float):
                    assert got == pytest.approx(want, abs=1e-9), (name, title, cell_ref(r, c))
                else:
                    assert got == want, (name, title, cell_ref(r, c))


@pytest.mark.parametrize("name", EVERY_FILE)
def test_every_excel_file_takes_a_block_and_keeps_the_rest(tmp_path, name):
    pkg = Package.open(EXCEL / name)
    first = next(iter(pkg.sheets))
    Sheet(pkg, first).write("M30", [[1.5, "text", True], [Formula("M30*2", 3.0), None, False]])
    out = tmp_path / name
    pkg.save(out)
    before = openpyxl.load_workbook(EXCEL / name)[first]
    after = openpyxl.load_workbook(out)[first]
    assert [[c.value for c in row] for row in after["M30:O31"]] == [
        [1.5, "text", True],
        ["=M30*2", None, False],
    ]
    for row in before.iter_rows():
        for cell in row:
            assert _same(after[cell.coordinate].value) == _same(cell.value), (name, cell.coordinate)


def _same(value):
    """openpyxl's value of a cell, comparable between two loads (array formulas are objects)."""
    return (value.ref, value.text) if hasattr(value, "ref") and hasattr(value, "text") else value


# --------------------------------------------------------------- Excel's XML shapes
def _edited(tmp_path: Path, name: str, edit, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """A copy of an Excel file with one part's XML changed by ``edit(text) -> text``."""
    path = tmp_path / name
    with zipfile.ZipFile(EXCEL / name) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
    return path


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"


def _as_excel_2010(text: str) -> str:
    """The sheet as Excel 2010 and later write it: ``mc:Ignorable="x14ac"`` on the root and a
    ``x14ac:dyDescent`` on every row."""
    text = text.replace(
        'relationships">',
        f'relationships" xmlns:mc="{MC}" mc:Ignorable="x14ac" xmlns:x14ac="{AC}">',
        1,
    )
    return re.sub(r'(<row r="\d+" spans="[^"]*")', r'\1 x14ac:dyDescent="0.25"', text)


def test_excel_2010_rows_read_and_refill(tmp_path):
    path = _edited(tmp_path, "table17.xlsx", _as_excel_2010)
    pkg = Package.open(path)
    table = find_table(pkg, "Table1")
    assert [c.value for c in table.rows()[1]][5:8] == [5.0, 0.0, 2.0]
    table.write([[1, 2, 3, "a", 5, 6, 7, 8, 9, 10]] * 2)
    pkg.save(tmp_path / "out.xlsx")
    xml = zipfile.ZipFile(tmp_path / "out.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert 'mc:Ignorable="x14ac"' in xml
    assert '<row r="1" spans="1:11" x14ac:dyDescent="0.25">' in xml  # untouched row, as it was
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Sheet1"]
    assert [c.value for c in ws["B5:K5"][0]] == [1, 2, 3, "a", 5, 6, 7, 8, 9, 10]


def test_shared_formulas_as_excel_saves_them(tmp_path):
    # Excel saves a column of like formulas as one shared formula: the first cell holds it and
    # its range, the others only refer to it.
    def shared(text: str) -> str:
        return text.replace(
            '<c r="I4"><v>1</v></c>',
            '<c r="I4"><f t="shared" ref="I4:I5" si="0">G4-3</f><v>1</v></c>',
        ).replace('<c r="I5"><v>2</v></c>', '<c r="I5"><f t="shared" si="0"/><v>2</v></c>')

    pkg = Package.open(_edited(tmp_path, "table17.xlsx", shared))
    sheet = Sheet(pkg, "Sheet1")
    assert [r[0] for r in sheet.read("I4:I5")] == [1.0, 2.0]
    assert [r[0] for r in sheet.read("I4:I5", formulas=True)] == [
        Formula("G4-3", 1.0),
        Formula(None, 2.0),
    ]
    with pytest.raises(WorkbookError, match=r"Sheet1!I4: holds a shared formula for I4:I5"):
        sheet.write("I4", [[0]])
    find_table(pkg, "Table1").write([[0] * 10] * 2)  # the table's rows, the formula's range too


def test_cells_and_rows_without_references_a_prefix_and_comments(tmp_path):
    # All allowed by the schema: rows and cells without r (the next row, the next column), the
    # main namespace under a prefix, comments and whitespace between rows.
    def odd(text: str) -> str:
        text = re.sub(r'<c r="[A-Z]+\d+"', "<c", text)
        text = re.sub(r'<row r="\d+"', "<row", text)
        text = text.replace("<sheetData>", "<sheetData>\n  <!-- rows -->\n  ")
        text = text.replace("</row>", "</row>\n  ")
        text = text.replace('<worksheet xmlns="', '<x:worksheet xmlns:x="').replace(
            "</worksheet>", "</x:worksheet>"
        )
        return re.sub(r"<(/?)(?!x:|\?|!)([A-Za-z])", r"<\1x:\2", text)

    path = _edited(tmp_path, "formula_results01.xlsx", odd)
    sheet = Sheet(Package.open(path), "Sheet1")
    assert [r[0] for r in sheet.read("A1:A4")] == [2.0, "Foo", True, False]
    sheet.write("B2", [["new"]])
    sheet.pkg.save(tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Sheet1"]
    assert (ws["A1"].value, ws["B2"].value, ws["A12"].value) == ("=1+1", "new", "=1/0")


def test_rich_inline_strings_phonetic_runs_iso_dates_and_spaced_tags(tmp_path):
    def shapes(text: str) -> str:
        return (
            text.replace(
                '<c r="A1"><f>1+1</f><v>2</v></c>',
                '<c r="A1" t="inlineStr"><is><r><rPr><b/><color rgb="FFFF0000"/></rPr>'
                '<t>rich</t></r><r><t xml:space="preserve"> text</t></r>'
                '<rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>',
            )
            .replace('<c r="A2" t="str">', '<c r="A2" t="d">')
            .replace("<v>Foo</v>", "<v>2026-07-01T00:00:00</v>")
            .replace('<c r="A3" t="b">', "<c r='A3'  t='b' >")
        )

    path = _edited(tmp_path, "formula_results01.xlsx", shapes)
    values = [r[0] for r in Sheet(Package.open(path), "Sheet1").read("A1:A3")]
    assert values == ["rich text", 46204.0, True]  # 2026-07-01 is serial 46204
