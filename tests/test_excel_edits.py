"""Refresh after what planners do in a spreadsheet: rows inserted above its blocks, tables moved,
sorted and filtered, sheets renamed, a sheet of their own under an old name, notes typed where a
block used to be.

The edits are made by a real spreadsheet engine (LibreOffice, through UNO: ``lo.edit``), which
moves every reference with the cells as Excel does — formulas, defined names, tables,
validation — and saves the file. Then ``refresh_file`` runs on it: the planner's cells must
survive, every output must land where its table or block is now, and LibreOffice's
recalculation of the refreshed file must equal the values refresh cached.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from libreoffice.cached import compare_cached_to_recalculated
from workbook_fixtures import built, copy_to

from xlsalesplan.io import files
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.ooxml.cells import DATE1904_OFFSET, Formula, cell_ref, parse_range
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import find_table
from xlsalesplan.io.planio import read_inputs
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.plan.tables import INPUT_TABLES
from xlsalesplan.plan.values import date

__all__ = ["built"]  # the session fixture, imported for pytest
NOTE = "Заметка планировщика"


def edited(lo, built, tmp_path: Path, steps: list[dict]) -> Path:
    source = copy_to(built.demo("ru", ".xlsx"), tmp_path, "source.xlsx")
    return lo.edit(source, steps, tmp_path / "plan.xlsx")


def cell(path: Path, sheet: str, ref: str):
    return Sheet(Package.open(path), sheet).read(ref, formulas=True)[0][0]


def named(path: Path, name: str) -> tuple[str, tuple[int, int, int, int]]:
    found = FileDoor.open(path).defined_name(name)
    assert found is not None, name
    return found


def test_rows_inserted_above_the_blocks_move_them_and_the_notes_stay(lo, built, tmp_path):
    plan = edited(
        lo,
        built,
        tmp_path,
        [
            {"do": "insert_rows", "sheet": "Дашборд", "at": 0, "count": 3},
            {"do": "set", "sheet": "Дашборд", "cell": "B5", "value": NOTE},
            {"do": "insert_rows", "sheet": "Календарный план", "at": 0, "count": 2},
            {"do": "set", "sheet": "Календарный план", "cell": "M5", "value": NOTE},
            {"do": "insert_rows", "sheet": "Цели сотрудников", "at": 0, "count": 2},
            {"do": "set", "sheet": "Цели сотрудников", "cell": "A2", "value": NOTE},
            # An input change, so that refresh has something to write.
            {"do": "set", "sheet": "План продаж", "cell": "C6", "value": 200_000_000},
        ],
    )
    assert named(plan, "xlsp_dash_months")[1][:2] == (8, 2)  # B5 → B8, as the engine moved it
    files.refresh_file(plan, backup=False)
    for sheet, ref in (("Дашборд", "B5"), ("Календарный план", "M5"), ("Цели сотрудников", "A2")):
        assert cell(plan, sheet, ref) == NOTE, (sheet, ref)
    assert str(cell(plan, "Цели сотрудников", "A4")).startswith("Обновлено: ")
    months = cell(plan, "Дашборд", "B8")
    assert isinstance(months, Formula) and "tblEmployeeGoals" in months.text
    assert compare_cached_to_recalculated(plan, session=lo) == []


def test_formulas_follow_an_input_table_shifted_down(lo, built, tmp_path):
    # Insert › Shift cells down over tblInitiatives: it moves four rows, tblROI does not.
    plan = edited(
        lo,
        built,
        tmp_path,
        [
            {"do": "insert_cells_down", "sheet": "ROI", "range": "A5:G8"},
            {"do": "set", "sheet": "ROI", "cell": "C10", "value": 2_700_000},  # CRM's effect
        ],
    )
    pkg = Package.open(plan)
    assert parse_range(find_table(pkg, "tblInitiatives").ref)[0] == 9
    assert parse_range(find_table(pkg, "tblROI").ref)[0] == 5
    files.refresh_file(plan, backup=False)
    roi = cell(plan, "ROI", "K6")  # the first initiative's ROI, next to its old row
    assert isinstance(roi, Formula) and roi.text == 'IFERROR(C10/B10,"")'
    assert roi.cached == pytest.approx(2_700_000 / 4_500_000)
    assert compare_cached_to_recalculated(plan, session=lo) == []


def test_a_sorted_and_filtered_input_table_gives_the_same_plan(lo, built, tmp_path):
    # Data › Sort the employees by region, descending, then Data › Filter to one region: rows
    # move and most are hidden, as a planner leaves them; every row is still an employee.
    source = copy_to(built.demo("ru", ".xlsx"), tmp_path, "source.xlsx")
    table = find_table(Package.open(source), "tblEmployees")
    region = table.columns.index("Регион")
    where = {"sheet": "Сотрудники", "range": table.ref, "column": region}
    steps = [
        {"do": "sort", **where, "descending": True},
        {"do": "filter", **where, "equals": "Москва"},
    ]
    plan = lo.edit(source, steps, tmp_path / "plan.xlsx")
    sheet = find_table(Package.open(plan), "tblEmployees").sheet.part
    xml = Package.open(plan).read(sheet).decode()
    assert xml.count('hidden="true"') + xml.count('hidden="1"') >= 5  # Nizhny Novgorod's rows
    names = [r[0].value for r in find_table(Package.open(plan), "tblEmployees").rows()]
    assert names != list(demo_inputs("ru").employees["employee"])  # sorted: another order
    files.refresh_file(plan, backup=False, force=True)
    expected = compute(demo_inputs("ru")).employee_goals.set_index("employee")
    for row in find_table(Package.open(plan), "tblEmployeeGoals").rows():
        who, months = row[0].value, [c.value for c in row[3:15]]
        assert months == list(expected.loc[who, MONTHS]), who
    assert compare_cached_to_recalculated(plan, session=lo) == []


def test_formulas_follow_a_moved_output_table(lo, built, tmp_path):
    plan = edited(
        lo,
        built,
        tmp_path,
        [
            {"do": "move_range", "sheet": "ROI", "range": "I5:M10", "to": "I20"},
            {"do": "set", "sheet": "ROI", "cell": "C6", "value": 2_700_000},
        ],
    )
    files.refresh_file(plan, backup=False)
    roi = cell(plan, "ROI", "K21")
    assert isinstance(roi, Formula) and roi.text == 'IFERROR(C6/B6,"")'
    assert compare_cached_to_recalculated(plan, session=lo) == []


def test_a_renamed_dashboard_is_refreshed_and_the_new_sheet_of_its_old_name_is_not(
    lo, built, tmp_path
):
    plan = edited(
        lo,
        built,
        tmp_path,
        [
            {"do": "rename_sheet", "sheet": "Дашборд", "name": "Итоги"},
            {"do": "add_sheet", "name": "Дашборд"},
            *(
                {"do": "set", "sheet": "Дашборд", "cell": f"{col}{row}", "value": NOTE}
                for col in "ABC"
                for row in range(1, 50)
            ),
            {"do": "rename_sheet", "sheet": "План–факт", "name": "Контроль"},
            {"do": "set", "sheet": "План продаж", "cell": "C6", "value": 200_000_000},
        ],
    )
    files.refresh_file(plan, backup=False)
    mine = Sheet(Package.open(plan), "Дашборд").read("A1:C49")
    assert all(value == NOTE for row in mine for value in row)
    assert isinstance(cell(plan, "Итоги", "B5"), Formula)
    assert str(cell(plan, "Контроль", "A2")).startswith("Обновлено: ")
    assert compare_cached_to_recalculated(plan, session=lo) == []


def test_a_note_typed_inside_a_block_stops_the_refresh_before_anything_is_written(
    lo, built, tmp_path
):
    plan = edited(
        lo,
        built,
        tmp_path,
        [
            {"do": "set", "sheet": "Дашборд", "cell": "C7", "value": NOTE},
            {"do": "set", "sheet": "План продаж", "cell": "C6", "value": 200_000_000},
        ],
    )
    before = plan.read_bytes()
    with pytest.raises(WorkbookError) as refused:
        files.refresh_file(plan, backup=False)
    assert "Дашборд!C7" in str(refused.value) and NOTE in str(refused.value)
    assert plan.read_bytes() == before


def in_1904(path: Path) -> int:
    """Save a plan as Excel does in the 1904 date system: date serials 1,462 smaller, the flag
    set on the workbook. Returns how many date cells moved."""
    pkg = Package.open(path)
    moved = 0
    for table in INPUT_TABLES:
        dates = [c.header("en") for c in table.columns if c.kind == "date"]
        if not dates:
            continue
        found = find_table(pkg, table.name)
        r0, c0, r1, _ = parse_range(found.data_ref)
        for header in dates:
            col = c0 + found.columns.index(header)
            for r in range(r0, r1 + 1):
                ref = cell_ref(r, col)
                value = Sheet(pkg, found.sheet_name).read(ref)[0][0]
                if isinstance(value, float):
                    Sheet(pkg, found.sheet_name).write(ref, [[value - DATE1904_OFFSET]])
                    moved += 1
    settings = find_table(pkg, "tblSettings")
    r0, c0, r1, _ = parse_range(settings.data_ref)
    sheet = Sheet(pkg, settings.sheet_name)
    for r in range(r0, r1 + 1):
        if sheet.read(cell_ref(r, c0))[0][0] == "as_of":
            ref = cell_ref(r, c0 + 2)
            sheet.write(ref, [[sheet.read(ref)[0][0] - DATE1904_OFFSET]])
    workbook = pkg.xml(pkg.workbook_part)
    workbook.find("{*}workbookPr").set("date1904", "1")
    pkg.touch(pkg.workbook_part)
    pkg.save(path)
    return moved


def test_a_plan_saved_in_the_1904_date_system_reads_and_writes_its_own_dates(lo, built, tmp_path):
    plan = copy_to(built.demo("en", ".xlsx"), tmp_path, "mac.xlsx")
    assert in_1904(plan) > 40
    door = FileDoor.open(plan)
    assert door.date1904
    inputs, _ = read_inputs(door)
    expected = demo_inputs("en")
    # The same calendar dates as the original plan (read as 1900-system serials).
    assert date(inputs.settings["as_of"]) == dt.date(2026, 7, 1)
    assert [None if v is None else date(v) for v in inputs.employees["hire_date"]] == list(
        expected.employees["hire_date"]
    )
    assert files.check_file(plan) == []
    files.refresh_file(plan, backup=False, force=True)
    first_end = compute(expected).roadmap["end"].iloc[0]
    end = cell(plan, "Roadmap", "I6")  # a date the refresh computed, as this workbook counts
    assert isinstance(end, Formula)
    assert end.cached == (first_end - dt.date(1904, 1, 1)).days
    # A spreadsheet engine counting in 1904 dates recalculates what refresh cached.
    assert compare_cached_to_recalculated(plan, session=lo) == []
