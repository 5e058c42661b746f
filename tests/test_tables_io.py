"""Excel tables in a workbook file: found by name, read with addresses, resized and filled."""

from pathlib import Path

import openpyxl
import pytest

from xlsalesplan.io.ooxml.cells import Formula
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.tables import Cell, find_table, tables

EXCEL = Path(__file__).parent / "data" / "excel"
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture
def book(new_workbook):
    """Sheet "Staff": table tblStaff at B2:D5 (3 rows, money format on Goal); tblOther at F2:G3."""
    with new_workbook("plan.xlsx") as wb:
        ws = wb.add_worksheet("Staff")
        money = wb.add_format({"num_format": "#,##0.00"})
        ws.add_table(
            "B2:D5",
            {
                "name": "tblStaff",
                "columns": [
                    {"header": "Name"},
                    {"header": "Region"},
                    {"header": "Goal", "format": money},
                ],
                "data": [["Ann", "North", 100], ["Bob", "South", 200], ["Cid", "North", 300]],
            },
        )
        ws.add_table("F2:G3", {"name": "tblOther", "columns": [{"header": "A"}, {"header": "B"}]})
        ws.write("B12", "note below")
    return wb.filename


def test_tables_are_found_by_name_case_insensitively(book):
    pkg = Package.open(book)
    assert [t.name for t in tables(pkg)] == ["tblStaff", "tblOther"]
    table = find_table(pkg, "TBLSTAFF")
    assert (table.ref, table.data_ref, table.columns) == (
        "B2:D5",
        "B3:D5",
        ["Name", "Region", "Goal"],
    )
    assert (table.sheet.name, table.header_rows, table.totals_rows) == ("Staff", 1, 0)
    with pytest.raises(WorkbookError) as caught:
        find_table(pkg, "tblSales")
    assert str(caught.value) == f"{book}: has no table 'tblSales' (tables: tblStaff, tblOther)"


def test_rows_come_with_their_addresses(book):
    rows = find_table(Package.open(book), "tblStaff").rows()
    assert rows[0] == [Cell("Staff!B3", "Ann"), Cell("Staff!C3", "North"), Cell("Staff!D3", 100.0)]
    assert rows[2][2] == Cell("Staff!D5", 300.0)


def test_growing_a_table_moves_its_end_and_repeats_the_template_row_style(book, tmp_path):
    pkg = Package.open(book)
    table = find_table(pkg, "tblStaff")
    money = table.sheet.styles(3, 4, 4)[0]
    table.write([[f"E{i}", "West", i * 10] for i in range(1, 7)])
    assert table.ref == "B2:D8"
    assert table.root.find(M + "autoFilter").get("ref") == "B2:D8"
    pkg.save(tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Staff"]
    assert ws.tables["tblStaff"].ref == "B2:D8"
    assert [ws.cell(r, 4).value for r in range(3, 10)] == [10, 20, 30, 40, 50, 60, None]
    assert {ws.cell(r, 4).number_format for r in range(3, 9)} == {"#,##0.00"}
    assert find_table(Package.open(tmp_path / "out.xlsx"), "tblStaff").sheet.styles(8, 4, 4) == [
        money
    ]


def test_shrinking_a_table_clears_the_rows_it_leaves(book, tmp_path):
    pkg = Package.open(book)
    table = find_table(pkg, "tblStaff")
    table.write([["Zed", "East", 5]])
    pkg.save(tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Staff"]
    assert ws.tables["tblStaff"].ref == "B2:D3"
    assert [[c.value for c in row] for row in ws["B3:D5"]] == [["Zed", "East", 5]] + [
        [None] * 3
    ] * 2
    assert ws["B12"].value == "note below"


def test_an_empty_table_keeps_one_empty_row(book):
    table = find_table(Package.open(book), "tblStaff")
    table.write([])
    assert table.ref == "B2:D3"
    assert table.sheet.read("B3:D5") == [[None] * 3] * 3


def test_totals_row_moves_and_its_cached_results_are_recomputed(tmp_path):
    pkg = Package.open(EXCEL / "table10.xlsx")
    table = find_table(pkg, "Table1")
    assert (table.ref, table.totals_rows) == ("B3:K6", 1)
    calc = "SUM(Table1[[#This Row],[Column1]:[Column3]])"
    rows = [
        [1, 2, 3, "a", 1, 4, 4, 10, 2, Formula(calc, 6)],
        [2, 2, 6, "b", "x", 8, 1, 20, 4, Formula(calc, 10)],
        [3, 2, 9, None, 3, 6, 2, 30, 9, None],
    ]
    table.write(rows)
    assert table.ref == "B3:K7"
    assert table.root.find(M + "autoFilter").get("ref") == "B3:K6"
    pkg.save(tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Sheet1"]
    assert ws["K6"].value == f"={calc}"  # None in a calculated column writes its formula
    assert ws["I7"].value == "=SUBTOTAL(109,[Column8])"
    cached = openpyxl.load_workbook(tmp_path / "out.xlsx", data_only=True)["Sheet1"]
    # by hand: average(3,6,9)=6; counta(a,b)=2; count(1,3)=2; max(4,8,6)=8; min(4,1,2)=1;
    # sum(10,20,30)=60; stdev(2,4,9)=sqrt(13); var(6,10)=8
    got = [cached.cell(7, c).value for c in range(2, 12)]
    assert got[:9] == ["Total", None, 6, 2, 2, 8, 1, 60, pytest.approx(13**0.5)]
    assert got[9] == 8


def test_merged_cells_inside_a_table_are_named(book):
    pkg = Package.open(book)
    table = find_table(pkg, "tblStaff")
    root = table.sheet.root
    merge = root.makeelement(M + "mergeCells", {"count": "1"})
    merge.append(root.makeelement(M + "mergeCell", {"ref": "C4:D4"}))
    root.find(M + "sheetData").addnext(merge)
    pkg.touch(table.sheet.part)
    with pytest.raises(WorkbookError) as caught:
        table.write([["A", "B", 1]])
    assert str(caught.value) == (
        f"{book}: table 'tblStaff' on sheet 'Staff': merged cells Staff!C4:D4 inside the table; "
        "unmerge them"
    )


def test_a_table_does_not_grow_over_other_cells(book):
    table = find_table(Package.open(book), "tblStaff")
    with pytest.raises(WorkbookError) as caught:
        table.write([["x", "y", i] for i in range(12)])
    assert str(caught.value) == (
        f"{book}: table 'tblStaff' on sheet 'Staff': growing to row 14 would overwrite B12; "
        "move those cells below the table"
    )
    assert table.ref == "B2:D5"


def test_a_table_does_not_grow_over_another_table(new_workbook):
    with new_workbook("two.xlsx") as wb:
        ws = wb.add_worksheet("S")
        ws.add_table("A1:B3", {"name": "tblTop"})
        ws.add_table("A6:B8", {"name": "tblBelow"})
    table = find_table(Package.open(wb.filename), "tblTop")
    with pytest.raises(WorkbookError) as caught:
        table.write([[1, 2]] * 6)
    assert str(caught.value) == (
        f"{wb.filename}: table 'tblTop' on sheet 'S': "
        "growing to 7 rows would cover table 'tblBelow'"
    )


def test_rows_of_the_wrong_width_are_refused(book):
    table = find_table(Package.open(book), "tblStaff")
    with pytest.raises(WorkbookError) as caught:
        table.write([["Ann", "North", 1], ["Bob", 2]])
    assert (
        str(caught.value)
        == f"{book}: table 'tblStaff' on sheet 'Staff': row 2 has 2 values for 3 columns"
    )
