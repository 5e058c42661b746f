"""Reading and writing cell blocks in a worksheet part, checked with openpyxl as the reader."""

import datetime as dt
import math
import time
import zipfile

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from xlsalesplan.io.ooxml.cells import (
    CellError,
    Formula,
    cell_ref,
    col_letters,
    col_number,
    parse_cell,
    parse_range,
    quote_sheet,
    range_ref,
)
from xlsalesplan.io.ooxml.package import NS_MAIN, Package
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.sheetxml import Sheet

M = f"{{{NS_MAIN}}}"


@pytest.mark.parametrize(
    ("col", "letters"),
    [
        (1, "A"),
        (26, "Z"),
        (27, "AA"),
        (52, "AZ"),
        (53, "BA"),
        (702, "ZZ"),
        (703, "AAA"),
        (16384, "XFD"),
    ],
)
def test_column_letters_match_excel(col, letters):
    assert col_letters(col) == letters
    assert col_number(letters) == col
    assert col_number(letters.lower()) == col


def test_a1_helpers():
    assert parse_cell("$B$7") == (7, 2)
    assert parse_cell("XFD1048576") == (1_048_576, 16_384)
    assert parse_range("D9:B7") == (7, 2, 9, 4)
    assert parse_range("C3") == (3, 3, 3, 3)
    assert cell_ref(7, 2) == "B7"
    assert range_ref(7, 2, 9, 4) == "B7:D9"
    assert range_ref(7, 2, 7, 2) == "B7"
    assert quote_sheet("Plan") == "Plan"
    assert quote_sheet("План_2025") == "План_2025"
    assert quote_sheet("Employee goals") == "'Employee goals'"
    assert quote_sheet("Bob's") == "'Bob''s'"
    assert quote_sheet("2025") == "'2025'"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("B0", "row 0 of B0 is beyond Excel's last row 1048576"),
        ("XFE1", "column XFE is beyond Excel's last column XFD"),
        ("B", "'B' is not a cell reference like B7"),
        ("R1C1", "'R1C1' is not a cell reference like B7"),
    ],
)
def test_bad_references_say_why(ref, message):
    with pytest.raises(ValueError) as caught:
        parse_cell(ref)
    assert str(caught.value) == message
    with pytest.raises(ValueError):
        col_letters(16_385)


@pytest.fixture
def book(new_workbook):
    """A workbook written by XlsxWriter with one cell of each kind on sheet "Plan"."""
    with new_workbook("plan.xlsx") as wb:
        ws = wb.add_worksheet("Plan")
        bold = wb.add_format({"bold": True})
        ws.write_number("A1", 1.5)
        ws.write_string("B1", "Ann")
        ws.write_boolean("C1", True)
        ws.write_formula("D1", "=1+1", None, 2)
        ws.write_datetime(
            "E1", dt.datetime(2024, 1, 1), wb.add_format({"num_format": "yyyy-mm-dd"})
        )
        ws.write_rich_string("F1", "plan ", bold, "fact")
        ws.write_formula("G1", '="a"&"b"', None, "ab")
        ws.write_string("A3", "left", bold)
        ws.write_string("F3", "right")
        ws.set_row(2, 30)
    return wb.filename


def test_read_gives_each_kind_of_value(book):
    sheet = Sheet(Package.open(book), "plan")
    # 2024-01-01 is serial 45292 (days since 1899-12-30)
    assert sheet.read("A1:H2") == [
        [1.5, "Ann", True, 2.0, 45292.0, "plan fact", "ab", None],
        [None] * 8,
    ]
    assert sheet.read("D1:D1", formulas=True) == [[Formula("1+1", 2.0)]]
    assert sheet.read("A1", formulas=True) == [[1.5]]


def _saved(sheet: Sheet, tmp_path, name="out.xlsx"):
    sheet.pkg.save(tmp_path / name)
    return tmp_path / name


def test_written_values_read_back_in_openpyxl(book, tmp_path):
    sheet = Sheet(Package.open(book), "Plan")
    sheet.write(
        "B10",
        [
            [42, 0.1, -3.25e-7, True, False],
            ["=SUM(A1:A9)", "+7", "-x", "@home", " padded "],
            [Formula("=A1*2", 3.0), Formula('B1&"!"', "Ann!"),
             Formula("1/0", CellError("#DIV/0!")), CellError("#N/A"), None],
            [np.float64(2.5), np.int64(7), np.bool_(True), "Ёлка & <тег>", ""],
        ],
    )  # fmt: skip
    out = _saved(sheet, tmp_path)
    ws = openpyxl.load_workbook(out)["Plan"]
    values = [[c.value for c in row] for row in ws["B10:F13"]]
    assert values[0] == [42, 0.1, -3.25e-7, True, False]
    assert values[1] == ["=SUM(A1:A9)", "+7", "-x", "@home", " padded "]
    assert [ws[ref].data_type for ref in ("B11", "C11", "D11", "E11")] == ["s"] * 4
    assert values[2][:2] == ["=A1*2", '=B1&"!"']
    assert values[3] == [2.5, 7, True, "Ёлка & <тег>", None]
    cached = openpyxl.load_workbook(out, data_only=True)["Plan"]
    assert [c.value for c in cached["B12:E12"][0]] == [3, "Ann!", "#DIV/0!", "#N/A"]


def test_text_that_xml_cannot_carry_is_escaped_as_excel_does(book, tmp_path):
    sheet = Sheet(Package.open(book), "Plan")
    sheet.write("A20", [["bell\x07", "_x0041_ literal", "tab\tok"]])
    xml = zipfile.ZipFile(_saved(sheet, tmp_path)).read("xl/worksheets/sheet1.xml")
    # ECMA-376 ST_Xstring: a character XML cannot hold is _xHHHH_; a literal "_x" is _x005F_x
    assert b"<t>bell_x0007_</t>" in xml
    assert b"<t>_x005F_x0041_ literal</t>" in xml
    again = Sheet(Package.open(tmp_path / "out.xlsx"), "Plan")
    assert again.read("A20:C20") == [["bell\x07", "_x0041_ literal", "tab\tok"]]


def test_writing_merges_into_existing_rows_without_disturbing_them(book, tmp_path):
    pkg = Package.open(book)
    sheet = Sheet(pkg, "Plan")
    row3 = sheet.rows()[3]
    a3, f3 = (etree.tostring(c) for c in row3 if c.get("r") in ("A3", "F3"))
    sheet.write("C3", [[1, 2]])
    sheet.write("B1", [["Bob"]])
    row3 = sheet.rows()[3]
    assert [c.get("r") for c in row3] == ["A3", "C3", "D3", "F3"]
    assert etree.tostring(row3[0]) == a3 and etree.tostring(row3[3]) == f3
    assert row3.get("ht") == "30" and row3.get("spans") == "1:6"
    ws = openpyxl.load_workbook(_saved(sheet, tmp_path))["Plan"]
    assert [c.value for c in ws[3][:6]] == ["left", None, 1, 2, None, "right"]
    assert ws["A3"].font.b is True
    assert [c.value for c in ws[1][:3]] == [1.5, "Bob", True]


def test_rows_stay_sorted_and_the_dimension_follows(book, tmp_path):
    sheet = Sheet(Package.open(book), "Plan")
    sheet.write("J40", [[1]])
    sheet.write("B2", [[2], [3]])
    numbers = [int(r.get("r")) for r in sheet.data]
    assert numbers == sorted(numbers) == [1, 2, 3, 40]
    assert sheet.root.find(M + "dimension").get("ref") == "A1:J40"
    sheet.clear("J40")
    assert sheet.root.find(M + "dimension").get("ref") == "A1:G3"
    assert 40 not in sheet.rows()


def test_clear_keeps_formats_unless_told_not_to(book, tmp_path):
    sheet = Sheet(Package.open(book), "Plan")
    style = sheet.styles(3, 1, 1)[0]
    assert style > 0
    sheet.clear("A3:B3")
    a3 = sheet.rows()[3][0]
    assert dict(a3.attrib) == {"r": "A3", "s": str(style)} and len(a3) == 0
    sheet.clear("A3", keep_style=False)
    assert [c.get("r") for c in sheet.rows()[3]] == ["F3"]


def test_styles_are_kept_given_per_column_or_checked(book, tmp_path):
    pkg = Package.open(book)
    sheet = Sheet(pkg, "Plan")
    bold = sheet.styles(3, 1, 1)[0]
    sheet.write("A3", [["new"]])  # keeps the bold of A3
    sheet.write("A30", [[1, 2]], styles=[bold, 0])
    assert sheet.styles(3, 1, 1) == [bold] and sheet.styles(30, 1, 2) == [bold, 0]
    with pytest.raises(WorkbookError) as caught:
        sheet.write("A31", [[1]], styles=pkg.cell_style_count)
    count = pkg.cell_style_count
    assert (
        str(caught.value)
        == f"{book}: Plan!A31: style {count} does not exist (the workbook has {count})"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (math.nan, "cannot write nan (not a finite number)"),
        (math.inf, "cannot write inf (not a finite number)"),
        (
            dt.date(2024, 1, 1),
            "cannot write a date (datetime.date(2024, 1, 1)); convert dates to serial numbers",
        ),
        ("x" * 32_768, "text of 32768 characters; a cell holds 32767"),
        (Formula("="), "a formula must have 1..8192 characters"),
    ],
)
def test_values_a_cell_cannot_hold_are_refused(book, value, reason):
    sheet = Sheet(Package.open(book), "Plan")
    with pytest.raises(WorkbookError) as caught:
        sheet.write("B5", [[1], [value]])
    assert str(caught.value) == f"{book}: Plan!B6: {reason}"


def test_a_shared_formula_cut_by_the_block_is_refused(book):
    pkg = Package.open(book)
    sheet = Sheet(pkg, "Plan")
    master = sheet.rows()[1][3]  # D1
    master.find(M + "f").attrib.update({"t": "shared", "ref": "D1:D5", "si": "0"})
    pkg.touch(sheet.part)  # edits made outside Sheet are announced by touching the part
    with pytest.raises(WorkbookError) as caught:
        sheet.write("D1", [[1]])
    assert str(caught.value) == (
        f"{book}: Plan!D1: holds a shared formula for D1:D5, which reaches outside the range "
        "being written; clear the whole formula range in Excel first"
    )
    sheet.write("C1", [[None, None]] * 5, styles=0)  # covering D1:D5 entirely is fine
    assert sheet.read("D1:D5") == [[None]] * 5


def test_cells_and_rows_without_references_are_numbered(tmp_path, book):
    pkg = Package.open(book)
    sheet = Sheet(pkg, "Plan")
    sheet.data[:] = []
    xml = (
        f'<sheetData xmlns="{NS_MAIN}"><row><c><v>1</v></c><c><v>2</v></c></row>'
        '<row r="4"><c><v>3</v></c></row></sheetData>'
    )
    sheet.data.extend(etree.fromstring(xml))
    pkg.touch(sheet.part)  # edits made outside Sheet are announced by touching the part
    assert sheet.read("A1:B4") == [[1.0, 2.0], [None, None], [None, None], [3.0, None]]


def test_a_thousand_by_twelve_block_writes_fast(book, tmp_path):
    values = np.round(np.random.default_rng(7).random((1000, 12)) * 1e5, 2)
    pkg = Package.open(book)
    started = time.perf_counter()
    Sheet(pkg, "Plan").write("B2", values)
    pkg.save(tmp_path / "big.xlsx")
    assert time.perf_counter() - started < 1.0
    ws = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)["Plan"]
    assert [
        [c.value for c in row]
        for row in ws.iter_rows(min_row=1000, max_row=1001, min_col=2, max_col=13)
    ] == (values[998:1000].tolist())


cell_values = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    # openpyxl does not decode Excel's _xHHHH_ escapes, so control characters and "_" stay out
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="_"), max_size=12
    ),
    st.booleans(),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    top=st.integers(1, 6),
    left=st.integers(1, 6),
    block=st.lists(st.lists(cell_values, min_size=3, max_size=3), min_size=1, max_size=4),
)
def test_any_block_reads_back_in_openpyxl_and_leaves_the_rest(book, tmp_path, top, left, block):
    before = openpyxl.load_workbook(book)["Plan"]
    pkg = Package.open(book)
    Sheet(pkg, "Plan").write(cell_ref(top, left), block, styles=0)
    pkg.save(tmp_path / "prop.xlsx")
    after = openpyxl.load_workbook(tmp_path / "prop.xlsx")["Plan"]
    for row in range(1, 12):
        for col in range(1, 12):
            inside = top <= row < top + len(block) and left <= col < left + 3
            expected = block[row - top][col - left] if inside else before.cell(row, col).value
            if expected == "":
                expected = None
            got = after.cell(row, col).value
            if isinstance(expected, float) and not isinstance(got, bool):
                assert got == pytest.approx(expected, rel=0, abs=0) or got == expected
            else:
                assert got == expected, (row, col)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    emptied=st.tuples(st.integers(1, 4), st.integers(1, 2), st.integers(0, 4), st.integers(1, 6)),
    top=st.integers(1, 5),
    block=st.lists(st.lists(cell_values, min_size=6, max_size=6), min_size=1, max_size=4),
    style=st.sampled_from([0, 1]),
    same_columns=st.booleans(),
)
# A table refilled over rows whose every cell it covers, one of them formatted (row 3).
@example(emptied=(1, 1, 4, 6), top=1, block=[[1.0] * 6] * 4, style=0, same_columns=True)
@example(emptied=(1, 1, 4, 6), top=1, block=[[1.0] * 6] * 2, style=1, same_columns=True)
def test_writing_while_replacing_a_range_equals_clearing_it_first(
    book, top, block, emptied, style, same_columns
):
    # The sheet has a formatted row (row 3 has a height), cells on both sides, empty rows;
    # the one-pass write must give exactly the bytes of the two-step clear-then-write.
    r0, c0, height, width = emptied
    replaced = range_ref(r0, c0, r0 + height, c0 + width - 1)
    left, block = (c0, [row[:width] for row in block]) if same_columns else (3, block)
    parts = []
    for one_pass in (True, False):
        pkg = Package.open(book)
        sheet = Sheet(pkg, "Plan")
        sheet.write("B2", [["x", None, 3]], styles=1)  # a row of cells written earlier
        if one_pass:
            sheet.write(cell_ref(top, left), block, styles=style, replacing=replaced)
        else:
            sheet.clear(replaced, keep_style=False)
            sheet.write(cell_ref(top, left), block, styles=style)
        parts.append(etree.tostring(pkg.xml(sheet.part)))
    assert parts[0] == parts[1]


def test_every_view_of_a_sheet_sees_a_write_made_through_another(book):
    pkg = Package.open(book)
    first, second = Sheet(pkg, "Plan"), Sheet(pkg, "plan")
    assert second.read("A5") == [[None]]
    first.write("A5", [[7]])
    assert second.read("A5") == [[7.0]]
