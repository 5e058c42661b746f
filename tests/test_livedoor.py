"""The live door (a workbook open in Excel) against the file door: same plan in, same cells out.

The workbook is a recording stand-in for xlwings (``live_fixtures``) loaded from the demo file;
the same refresh runs through both doors and every cell of every output table is compared.
"""

from __future__ import annotations

import datetime as dt
import shutil

import live_fixtures
import pytest
from live_fixtures import FakeBook, FakeSheet, FakeTable, grid, load_book

from xlsalesplan.io import derived
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.doors.livedoor import LiveDoor, excel_input, serial
from xlsalesplan.io.layout import SHEET_OF_TABLE, STAMP_CELL, TABLES
from xlsalesplan.io.ooxml.cells import CellError, Formula, cell_ref
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.planio import PlanProblems, fingerprint, read_inputs
from xlsalesplan.io.refresh import refresh

demo_files = live_fixtures.demo_files  # the session fixture
WHEN = dt.datetime(2026, 3, 2, 9, 30)
OUTPUTS = [t.name for t in TABLES.values() if t.output]


def _file_refresh(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    door = FileDoor.open(copy)
    refresh(door, copy.name, when=WHEN, force=True)
    return door


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_refresh_gives_the_same_cells_through_both_doors(demo_files, tmp_path, lang):
    path = demo_files[lang]
    file_door = _file_refresh(path, tmp_path)
    book = load_book(path)
    refresh(LiveDoor(book), path.name, when=WHEN, force=True)
    for name in OUTPUTS:
        table = file_door._table(name)
        r0, c0, r1, c1 = table.bounds
        expected = table.sheet.read(table.ref, formulas=True)
        live = book.sheets[table.sheet.name].tables[name]
        assert (live.r0, live.c0, live.r1, live.c1) == (r0, c0, r1, c1), name
        got = grid(book.sheets[table.sheet.name], r0, c0, r1, c1)
        for i, (want_row, got_row) in enumerate(zip(expected, got, strict=True)):
            for j, (want, have) in enumerate(zip(want_row, got_row, strict=True)):
                at = f"{name} row {i} col {j}"
                if isinstance(want, Formula):
                    # Excel computes the formula; the text is what must match.
                    assert isinstance(have, Formula) and have.text == want.text.lstrip("="), at
                else:
                    assert have == (None if want == "" else want), at
    for sheet in {SHEET_OF_TABLE[n].name(lang) for n in OUTPUTS}:
        where = cell_ref(STAMP_CELL[0] + 1, STAMP_CELL[1] + 1)
        stamp = Sheet(file_door.pkg, sheet).read(where)[0][0]
        assert book.sheets[sheet].cells[(STAMP_CELL[0] + 1, STAMP_CELL[1] + 1)] == stamp


def test_excel_dates_and_file_serials_give_the_same_inputs(demo_files):
    path = demo_files["ru"]
    live, live_where = read_inputs(LiveDoor(load_book(path)))
    disk, disk_where = read_inputs(FileDoor.open(path))
    assert isinstance(load_book(path).sheets["Сотрудники"].shown(6, 4), dt.datetime)
    assert live.settings == disk.settings
    for name, frame in disk.tables().items():
        assert live.tables()[name].equals(frame), name
    assert live_where.addresses == disk_where.addresses
    assert fingerprint(live) == fingerprint(disk)


def test_reads_and_writes_are_bulk(demo_files):
    """One read per table body and header, one write per table: never cell by cell."""
    book = load_book(demo_files["en"])
    refresh(LiveDoor(book), "demo", when=WHEN)
    inputs = sum(1 for t in TABLES.values() if not t.output)
    # Output: its header, the up-to-date look at its body, room check, resize, one write, a clear.
    per_output = 6
    stamps = len({SHEET_OF_TABLE[n].key for n in OUTPUTS})
    blocks = len(derived.blocks(None, None, "en", "")) - stamps  # dashboard and Gantt weeks
    # Each input: its header, its body, the header again for the sheet; each block: its
    # formulas and values, then one write.
    bound = 3 * inputs + per_output * len(OUTPUTS) + 3 * (stamps + blocks)
    assert len(book.calls) <= bound
    writes = [c for c in book.calls if c[0] == "set formula"]
    assert len(writes) == len(OUTPUTS) + stamps + blocks
    employees = book.sheets["Employee goals"].tables["tblEmployeeGoals"]
    assert employees.r1 - employees.r0 == 40  # the demo's 40 employees, written in one call


def _small_book() -> tuple[FakeBook, FakeSheet, FakeTable]:
    book = FakeBook()
    sheet = FakeSheet(book, "Data sheet")
    book.sheets.append(sheet)
    table = FakeTable(sheet, "tblX", (3, 2, 6, 3))  # header B3:C3, three data rows
    sheet.tables.append(table)
    sheet.cells[(3, 2)], sheet.cells[(3, 3)] = "Key", "Value"  # Excel keeps headers as text
    for r in range(4, 7):
        sheet.cells[(r, 2)], sheet.cells[(r, 3)] = f"k{r}", float(r)
    return book, sheet, table


def test_shrinking_a_table_clears_the_rows_it_left():
    book, sheet, table = _small_book()
    LiveDoor(book).write_table("tblX", [["a", 1]])
    assert (table.r0, table.r1) == (3, 4)
    assert grid(sheet, 4, 2, 6, 3) == [["a", 1.0], [None, None], [None, None]]


def test_empty_rows_leave_one_blank_data_row_and_read_as_none():
    book, sheet, table = _small_book()
    door = LiveDoor(book)
    door.write_table("tblX", [])
    assert table.r1 == 4 and grid(sheet, 4, 2, 6, 3) == [[None, None]] * 3
    table.r1 = 3  # Excel: a table with no data rows has no data body
    assert door.read_table("tblX") == (["Key", "Value"], [])


def test_growing_over_the_planners_cells_is_refused_and_writes_nothing():
    book, sheet, table = _small_book()
    sheet.cells[(9, 3)] = "my note"
    with pytest.raises(WorkbookError, match=r"'Data sheet'!B7:C9 would overwrite C9; move those"):
        LiveDoor(book).write_table("tblX", [["r", i] for i in range(6)])
    assert table.r1 == 6 and sheet.cells[(4, 2)] == "k4"


def test_addresses_are_quoted_like_the_file_doors():
    book, _, _ = _small_book()
    headers, rows = LiveDoor(book).read_table("TBLX")  # names match case-insensitively
    assert headers == ["Key", "Value"]
    assert [c.where for c in rows[0]] == ["'Data sheet'!B4", "'Data sheet'!C4"]
    assert LiveDoor(book).table_origin("tblX") == (2, 1)


def test_a_missing_table_is_named_with_the_tables_there_are():
    book, _, _ = _small_book()
    with pytest.raises(WorkbookError, match=r"has no table 'tblGoals' \(tables: tblX\)"):
        LiveDoor(book).read_table("tblGoals")


def test_rows_of_the_wrong_width_are_refused():
    book, _, _ = _small_book()
    with pytest.raises(WorkbookError, match="row 1 has 3 values for 2 columns"):
        LiveDoor(book).write_table("tblX", [[1, 2, 3]])


def test_text_stays_text_and_formulas_become_formulas():
    assert excel_input("12") == "'12"
    assert excel_input("=SUM(A1)") == "'=SUM(A1)"
    assert excel_input(Formula("SUM(B4:M4)", 5.0)) == "=SUM(B4:M4)"
    assert excel_input(Formula("=B4/C4", 0.5)) == "=B4/C4"
    assert excel_input(CellError("#N/A")) == "=#N/A"
    assert excel_input(None) == "" and excel_input("") == ""
    assert excel_input(dt.date(2027, 1, 1)) == 46388.0


def test_dates_become_excel_serial_numbers():
    # Published anchors: 1 Jan 1900 is serial 1 (after Excel's 1900 leap-year bug: 1 Mar 1900
    # is 61), 1 Jan 2027 is 46388; noon is half a day.
    assert serial(dt.datetime(1900, 3, 1)) == 61.0
    assert serial(dt.date(2027, 1, 1)) == 46388.0
    assert serial(dt.datetime(2027, 1, 1, 12)) == 46388.5
    assert serial("text") == "text"


def test_bad_inputs_write_nothing_through_the_live_door(demo_files):
    book = load_book(demo_files["en"])
    sheet = book.sheets["Employees"]
    table = sheet.tables["tblEmployees"]
    sheet.cells[(table.r0 + 2, table.c0 + 4)] = "heavy"  # weight of the second employee
    with pytest.raises(PlanProblems) as caught:
        refresh(LiveDoor(book), "demo", when=WHEN)
    assert any(line.startswith("Employees!E7:") for line in caught.value.lines), caught.value.lines
    assert not [c for c in book.calls if not c[0].startswith("get")]
