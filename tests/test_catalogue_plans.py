"""The catalogue of broken plan files: each case breaks a copy of the demo at the XML level,
as a planner's Excel would leave it, and asserts the one message that names the place.

Decisions recorded here:

* Extra columns in an INPUT table are the planner's own: check and refresh ignore them and
  refresh leaves their cells as they were.
* An extra column in an OUTPUT table makes refresh refuse (the output rows no longer fit); the
  file is left untouched.
* An input cell holding a formula is read by its cached value (what Excel shows), and refresh
  keeps the formula in the input cell.
* Text beginning with ``=``, ``+``, ``-`` or ``@`` is plain text: accepted by check, and every
  output cell that echoes it is an inline string, never a formula (no formula injection).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hardening_fixtures import (
    M,
    address,
    cell_xml,
    column_index,
    edit,
    members,
    plan_copy,
    read_cell,
    set_cell,
    table_values,
)
from lxml import etree

from xlsalesplan.io import files
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.ooxml.cells import CellError, Formula, cell_ref, parse_range
from xlsalesplan.io.ooxml.tables import find_table
from xlsalesplan.io.planio import read_inputs

EXCEL_EPOCH = dt.date(1899, 12, 30)


def serial(day: dt.date) -> float:
    return float((day - EXCEL_EPOCH).days)


def problems(path: Path) -> list[str]:
    with pytest.raises(files.PlanProblems) as caught:
        files.check_file(path)
    return caught.value.lines


# ------------------------------------------------------------------ edits
def drop_sheet(name: str):
    def change(pkg):
        root = pkg.xml(pkg.workbook_part)
        for sheet in list(root.iter(M + "sheet")):
            if sheet.get("name") == name:
                sheet.getparent().remove(sheet)
        pkg.touch(pkg.workbook_part)

    return change


def rename_table(old: str, new: str):
    def change(pkg):
        table = find_table(pkg, old)
        table.root.set("displayName", new)
        table.root.set("name", new)
        pkg.touch(table.part)

    return change


def rename_column(table_name: str, key: str, new: str):
    def change(pkg):
        table = find_table(pkg, table_name)
        j = column_index(table, key)
        table.root.findall(f"{M}tableColumns/{M}tableColumn")[j].set("name", new)
        pkg.touch(table.part)
        r0, c0 = parse_range(table.ref)[:2]
        table.sheet.write(cell_ref(r0, c0 + j), [[new]])

    return change


def add_column(table_name: str, header: str, value: str):
    """Widen a table by one column on its right, as Excel does when one types next to it."""

    def change(pkg):
        table = find_table(pkg, table_name)
        r0, c0, r1, c1 = parse_range(table.ref)
        columns = table.root.find(M + "tableColumns")
        column = etree.SubElement(columns, M + "tableColumn")
        column.set("id", str(len(columns)))
        column.set("name", header)
        columns.set("count", str(len(columns)))
        ref = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1 + 1)}"
        table.root.set("ref", ref)
        autofilter = table.root.find(M + "autoFilter")  # only where the filter buttons are on
        if autofilter is not None:
            autofilter.set("ref", ref)
        pkg.touch(table.part)
        table.sheet.write(cell_ref(r0, c1 + 1), [[header]] + [[value]] * (r1 - r0))

    return change


def merge(table_name: str, row: int, first: str, last: str):
    """Merge two cells of a data row; Excel keeps only the first one's value."""

    def change(pkg):
        table, ref0 = address(pkg, table_name, row, first)
        ref1 = address(pkg, table_name, row, last)[1]
        root = pkg.xml(table.sheet.part)
        merged = root.find(M + "mergeCells")
        if merged is None:
            merged = etree.Element(M + "mergeCells")
            root.find(M + "sheetData").addnext(merged)
        etree.SubElement(merged, M + "mergeCell").set("ref", f"{ref0}:{ref1}")
        merged.set("count", str(len(merged)))
        pkg.touch(table.sheet.part)
        table.sheet.write(ref1, [[None]])

    return change


def cell(table: str, row: int, key: str, value):
    return lambda pkg: set_cell(pkg, table, row, key, value)


def copy_name(row: int, to: int):
    def change(pkg):
        name = read_cell(pkg, "tblEmployees", row, "employee")
        set_cell(pkg, "tblEmployees", to, "employee", name)

    return change


def zero_weights(region: str):
    def change(pkg):
        for i, row in enumerate(table_rows(pkg, "tblEmployees")):
            if row[2] == region:
                set_cell(pkg, "tblEmployees", i, "weight", 0)

    return change


def table_rows(pkg, name: str) -> list[list]:
    return [[c.value for c in row] for row in find_table(pkg, name).rows()]


# The English demo: employees start at Employees!A6 (Alexey Smirnov, Moscow, fixed goal);
# settings values in Settings!C6.. (plan_year C7, country C10, as_of C12); targets at A6.
CHECK_CASES = [
    (
        "duplicate-employee",
        copy_name(0, 1),
        "Employees!A7: 'Alexey Smirnov' is already above in this table (Employees!A6)",
    ),
    (
        "hire-date-after-the-plan-year",
        cell("tblEmployees", 1, "hire_date", serial(dt.date(2027, 3, 1))),
        ("Employees!D7: hire date 2027-03-01 is after the plan year 2026",),
    ),
    (
        "date-typed-as-dotted-text",
        cell("tblEmployees", 1, "hire_date", "01.03.2024"),
        "Employees!D7: '01.03.2024' is not a date",
    ),
    (
        "all-zero-weights-in-a-region",
        zero_weights("Moscow"),
        "Employees!E7: region 'Moscow' has a revenue target but its employees have no weight",
    ),
    (
        "plan-year-outside-the-calendar",
        cell("tblSettings", 1, "value", 2031),
        (
            "Settings!C10: 2031",
            "the RU production calendar does not cover this year (2031 is "
            "outside the RU production calendar known to the installed holidays package",
        ),
    ),
    (
        "error-value-in-a-number-cell",
        cell("tblTargets", 0, "revenue", CellError("#N/A")),
        "'Sales plan'!C6: the cell holds the error #N/A, not a value",
    ),
    (
        # A failed lookup in a name: never a person who gets a goal.
        "error-value-in-a-text-cell",
        cell("tblEmployees", 0, "employee", CellError("#N/A")),
        "Employees!A6: the cell holds the error #N/A, not a value",
    ),
    (
        "error-value-as-a-formula-result-in-a-region",
        cell("tblEmployees", 1, "region", Formula("VLOOKUP(A7,X:Y,2,0)", CellError("#N/A"))),
        "Employees!C7: the cell holds the error #N/A, not a value",
    ),
    (
        "text-in-a-number-cell",
        cell("tblTargets", 0, "revenue", "a lot"),
        "'Sales plan'!C6: 'a lot' is not a number",
    ),
    (
        "negative-weight",
        cell("tblEmployees", 1, "weight", -1),
        "Employees!E7: -1: needs a number of 0 or more",
    ),
    (
        "unknown-region",
        cell("tblEmployees", 1, "region", "Atlantis"),
        "Employees!C7: 'Atlantis' is not in the 'Regions' table",
    ),
    (
        "blank-plan-year",
        cell("tblSettings", 1, "value", None),
        "Settings!C7: blank cell, a value is needed",
    ),
    (
        "fractional-plan-year",
        cell("tblSettings", 1, "value", 2026.5),
        "Settings!C7: 2026.5 is not a whole number",
    ),
    (
        "merged-cells-in-an-input-table",
        merge("tblEmployees", 1, "employee", "role"),
        "Employees!B7: blank cell, a value is needed",
    ),
    (
        "missing-column",
        rename_column("tblEmployees", "weight", "Share"),
        "Employees!A5:F5: table tblEmployees has no column 'Weight'; "
        "restore it (it may have been renamed)",
    ),
]


@pytest.mark.parametrize(
    ("change", "line"), [c[1:] for c in CHECK_CASES], ids=[c[0] for c in CHECK_CASES]
)
def test_check_names_the_cell_and_the_reason(tmp_path, change, line):
    head, *rest = (line,) if isinstance(line, str) else line
    path = edit(plan_copy(tmp_path), change)
    found = problems(path)
    assert any(f.startswith(head) and all(r in f for r in rest) for f in found), found


def test_nothing_is_written_while_a_problem_remains(tmp_path):
    path = edit(plan_copy(tmp_path), cell("tblEmployees", 1, "weight", -1))
    before = path.read_bytes()
    with pytest.raises(files.PlanProblems):
        files.refresh_file(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak*"))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (drop_sheet("Employees"), "has no table 'tblEmployees' (tables: tblSettings,"),
        (rename_table("tblEmployees", "Staff"), "has no table 'tblEmployees' (tables: "),
    ],
    ids=["missing-sheet", "renamed-table"],
)
def test_a_missing_table_is_one_line_naming_it(tmp_path, change, reason):
    path = edit(plan_copy(tmp_path), change)
    for run in (files.check_file, files.refresh_file):
        with pytest.raises(files.WorkbookError) as caught:
            run(path)
        assert str(caught.value).startswith(f"{path}: {reason}")
        assert "\n" not in str(caught.value)
    if "Staff" in reason:
        assert "Staff" in str(caught.value)


def test_an_extra_column_in_an_input_table_is_the_planners_own(tmp_path):
    path = edit(plan_copy(tmp_path), add_column("tblEmployees", "My notes", "call back"))
    files.check_file(path)
    files.refresh_file(path, backup=False)
    rows = table_values(path, "tblEmployees")
    assert {row[-1] for row in rows} == {"call back"}
    # The outputs are those of the untouched demo (the extra column changes nothing).
    reference = plan_copy(tmp_path, "REFERENCE.xlsx")
    files.refresh_file(reference, backup=False)
    assert table_values(path, "tblEmployeeGoals") == table_values(reference, "tblEmployeeGoals")


def test_an_extra_column_in_an_output_table_is_named_and_nothing_written(tmp_path):
    path = edit(plan_copy(tmp_path), add_column("tblEmployeeGoals", "My notes", "call back"))
    before = path.read_bytes()
    with pytest.raises(files.PlanProblems) as caught:
        files.refresh_file(path)
    (line,) = caught.value.lines
    assert line.startswith(
        "'Employee goals'!A5:Q5: the columns of table tblEmployeeGoals were changed "
        "(+'My notes'); it needs: Employee, Role, Region, Jan,"
    )
    assert line.endswith("put your own columns outside it")
    assert path.read_bytes() == before


def test_merged_cells_inside_an_output_table_are_refused_naming_them(tmp_path):
    path = edit(plan_copy(tmp_path), merge("tblEmployeeGoals", 1, "m01", "m02"))
    before = path.read_bytes()
    with pytest.raises(files.WorkbookError) as caught:
        files.refresh_file(path)
    assert str(caught.value) == (
        f"{path}: table 'tblEmployeeGoals' on sheet 'Employee goals': merged cells "
        "'Employee goals'!D7:E7 inside the table; unmerge them"
    )
    assert path.read_bytes() == before


def test_a_formula_in_an_input_cell_counts_by_its_cached_value_and_stays(tmp_path):
    path = edit(plan_copy(tmp_path), cell("tblEmployees", 1, "weight", Formula("1+1", 2)))
    files.check_file(path)
    inputs, _ = read_inputs(FileDoor.open(path))
    assert inputs.employees["weight"].iloc[1] == 2
    files.refresh_file(path, backup=False)
    kept = cell_xml(path, "tblEmployees", 1, "weight")
    assert kept.findtext(M + "f") == "1+1" and kept.findtext(M + "v") == "2"


def test_a_formula_without_a_cached_value_is_a_problem(tmp_path):
    path = edit(plan_copy(tmp_path), cell("tblEmployees", 1, "weight", Formula("1+1")))
    assert any(line.startswith("Employees!E7: ") for line in problems(path))


def test_dates_typed_as_iso_text_are_read_as_dates(tmp_path):
    path = edit(plan_copy(tmp_path), cell("tblEmployees", 1, "hire_date", "2024-03-01"))
    files.check_file(path)
    inputs, _ = read_inputs(FileDoor.open(path))
    assert str(inputs.employees["hire_date"].iloc[1]) == "2024-03-01"


def test_the_plan_year_in_messages_is_a_whole_number(tmp_path):
    path = edit(
        plan_copy(tmp_path), cell("tblEmployees", 1, "hire_date", serial(dt.date(2027, 3, 1)))
    )
    assert problems(path) == ["Employees!D7: hire date 2027-03-01 is after the plan year 2026"]


def test_a_duplicate_names_the_first_cell(tmp_path):
    path = edit(plan_copy(tmp_path), copy_name(0, 1))
    assert problems(path)[0] == (
        "Employees!A7: 'Alexey Smirnov' is already above in this table (Employees!A6)"
    )


# ------------------------------------------------------------ formula injection
INJECTIONS = ["=1+1", "+79161234567", "-Ivan", "@SUM(A1)", '=HYPERLINK("http://x.example","y")']


def rename_employees(names: list[str]):
    """Give the first employees these names, in every table that names them."""

    def change(pkg):
        actuals = [row[0] for row in table_rows(pkg, "tblActuals")]
        bonuses = [row[0] for row in table_rows(pkg, "tblBonusTargets")]
        for i, name in enumerate(names):
            old = read_cell(pkg, "tblEmployees", i, "employee")
            set_cell(pkg, "tblEmployees", i, "employee", name)
            set_cell(pkg, "tblActuals", actuals.index(old), "employee", name)
            set_cell(pkg, "tblBonusTargets", bonuses.index(old), "employee", name)

    return change


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> Path:
    path = plan_copy(tmp_path_factory.mktemp("inject"))
    edit(path, rename_employees(INJECTIONS))
    files.check_file(path)  # formula-looking text is plain text to the plan
    files.refresh_file(path, backup=False)
    return path


@pytest.mark.parametrize("row", range(len(INJECTIONS)), ids=INJECTIONS)
@pytest.mark.parametrize("table", ["tblEmployeeGoals", "tblDailyGoals", "tblPlanFact"])
def test_echoed_text_is_an_inline_string_not_a_formula(injected, table, row):
    found = cell_xml(injected, table, row, "employee")
    assert found.get("t") == "inlineStr"
    assert found.find(M + "f") is None
    assert "".join(found.find(M + "is").itertext()) == INJECTIONS[row]


def test_no_formula_anywhere_carries_the_injected_text(injected):
    for part, data in members(injected).items():
        if part.startswith("xl/worksheets/sheet"):
            texts = [f.text or "" for f in etree.fromstring(data).iter(M + "f")]
            assert not [t for t in texts if "HYPERLINK" in t or t in ("1+1", "SUM(A1)")], part
