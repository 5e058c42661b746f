"""The staff discussion (issue 13, item 4): split → the staff edit their workbooks → collect.

A round trip: each person's workbook carries their goals; what they propose comes back into the
plan's store and its Proposals table, and nothing else in the plan changes. Collecting again
adds nothing; a workbook that is not one of these, or belongs to another plan, is refused by
name and nothing is collected.
"""

from __future__ import annotations

import shutil
import zipfile

import pytest
from workbook_fixtures import edit_cells, members, sheet_parts, table_rows

from xlsalesplan.io import files
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.layout import SHEET_BY_KEY
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.tables import find_table
from xlsalesplan.io.planio import read_inputs
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.records.split import CollectRefused, collect_files, split_file
from xlsalesplan.store import open_store, store_url

EXCEL_FILE = "tests/data/excel/table10.xlsx"  # a workbook saved by Excel, with a table


@pytest.fixture
def plan(tmp_path):
    return files.write_demo(tmp_path / "plan.xlsx", "en")


def rows_of(workbook):
    table = find_table(Package.open(workbook), "tblProposal")
    return [[c.value for c in row] for row in table.rows()]


def proposals(plan):
    plan_id = read_inputs(FileDoor.open(plan))[0].settings["plan_id"]
    with open_store(store_url(plan)) as store:
        return store.proposals(plan_id)


def test_each_employee_gets_their_goals(plan, tmp_path):
    written = split_file(plan, "employee", tmp_path / "staff")
    outputs = compute(read_inputs(FileDoor.open(plan))[0])
    goals, units = outputs.employee_goals, outputs.tier_goals
    selling = goals[goals[MONTHS].sum(axis=1) > 0]
    # Everyone with a goal: sellers, and lead generators with goals in leads.
    assert sorted(p.stem for p in written) == sorted({*selling["employee"], *units["employee"]})
    generator = units[units["unit"] == "Leads"].iloc[0]
    theirs = rows_of(tmp_path / "staff" / f"{generator['employee']}.xlsx")
    assert [r[4] for r in theirs] == [
        f"{generator['employee']} / Leads / {m}" for m in [*MONTHS, "total"]
    ]
    assert [r[1] for r in theirs[:12]] == [float(generator[m]) for m in MONTHS]
    assert theirs[0][0] == "Leads: goal for Jan"
    belov = tmp_path / "staff" / "Mikhail Belov.xlsx"
    rows = rows_of(belov)
    mine = selling.set_index("employee").loc["Mikhail Belov"]
    assert [r[1] for r in rows[:12]] == [float(mine[m]) for m in MONTHS]
    assert rows[12][1] == float(mine[MONTHS].sum()) and rows[12][0] == "Goal for the year"
    assert [r[4] for r in rows[:13]] == [f"Mikhail Belov / {m}" for m in [*MONTHS, "total"]]
    # ... then his goals in his tier's units (meetings, deals), each by month and for the year.
    his = units[units["employee"] == "Mikhail Belov"]
    assert len(rows) == 13 * (1 + len(his))
    assert rows[13][4] == f"Mikhail Belov / {his.iloc[0]['unit']} / m01"
    assert all(r[2] is None and r[3] is None for r in rows)
    # The workbook knows its plan and whom it is for; the sheet is protected but for the entries.
    with zipfile.ZipFile(belov) as z:
        custom = z.read("docProps/custom.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    plan_id = read_inputs(FileDoor.open(plan))[0].settings["plan_id"]
    assert plan_id in custom and "Mikhail Belov" in custom
    assert "<sheetProtection" in sheet


def test_split_then_edit_then_collect_round_trip(plan, tmp_path):
    folder = tmp_path / "staff"
    split_file(plan, "employee", folder)
    belov, olga = folder / "Mikhail Belov.xlsx", folder / "Olga Kuznetsova.xlsx"
    current = rows_of(belov)[2][1]
    edit_cells(belov, {("Proposals", "C8"): 900_000.0, ("Proposals", "D8"): "vacation in March"})
    edit_cells(olga, {("Proposals", "D18"): "the year goal is too high"})
    before = {
        name: table_rows(plan, name)
        for name in ("tblEmployees", "tblTargets", "tblEmployeeGoals", "tblSalesPlan")
    }
    done = collect_files(plan, sorted(folder.glob("*.xlsx")), backup=False)
    assert (done.proposals, done.added, done.updated, done.rows) == (2, 2, 0, 2)
    found = proposals(plan)
    assert [(p.who, p.what, p.current, p.proposed, p.comment, p.source) for p in found] == [
        ("Mikhail Belov", "Mikhail Belov / m03", current, 900_000.0, "vacation in March",
         "Mikhail Belov.xlsx"),
        ("Olga Kuznetsova", "Olga Kuznetsova / total", rows_of(olga)[12][1], None,
         "the year goal is too high", "Olga Kuznetsova.xlsx"),
    ]  # fmt: skip
    _, rows = table_rows(plan, "tblProposals")
    assert rows[0] == [
        "Mikhail Belov",
        "Mikhail Belov / Mar",
        current,
        900_000.0,
        900_000.0 - current,
        "vacation in March",
        "Mikhail Belov.xlsx",
    ]
    assert rows[1][1] == "Olga Kuznetsova / Year" and rows[1][3] is None
    # Nothing else in the plan was overwritten.
    for name, table in before.items():
        assert table_rows(plan, name) == table, name
    # Collecting again adds nothing; a changed proposal is updated in place.
    edit_cells(belov, {("Proposals", "C8"): 950_000.0})
    again = collect_files(plan, sorted(folder.glob("*.xlsx")), backup=False)
    assert (again.added, again.updated, again.unchanged, again.rows) == (0, 1, 1, 2)
    assert [p.proposed for p in proposals(plan)] == [950_000.0, None]


def test_a_region_gets_its_month_plan_and_its_targets(plan, tmp_path):
    written = split_file(plan, "region", tmp_path / "regions")
    assert sorted(p.stem for p in written) == ["Moscow", "Nizhny Novgorod"]
    rows = rows_of(tmp_path / "regions" / "Moscow.xlsx")
    keys = [r[4] for r in rows]
    assert keys[:13] == [f"Moscow / {m}" for m in [*MONTHS, "total"]]
    assert "Moscow / Equipment / revenue" in keys and "Moscow / Service / avg_deal" in keys
    revenue = next(r for r in rows if r[4] == "Moscow / Equipment / revenue")
    assert revenue[1] == 185_000_000.0
    edit_cells(tmp_path / "regions" / "Moscow.xlsx", {("Proposals", "C19"): 175_000_000.0})
    collect_files(plan, written, backup=False)
    (proposal,) = proposals(plan)
    assert proposal.what == "Moscow / Equipment / revenue" and proposal.proposed == 175e6
    _, rows = table_rows(plan, "tblProposals")
    assert rows[0][1] == "Moscow / Equipment / Annual revenue"


def test_a_workbook_saved_by_libreoffice_is_still_collected(plan, tmp_path, lo):
    split_file(plan, "employee", tmp_path / "staff")
    edit_cells(tmp_path / "staff" / "Mikhail Belov.xlsx", {("Proposals", "C8"): 900_000.0})
    saved = lo.save_as(tmp_path / "staff" / "Mikhail Belov.xlsx", tmp_path / "Mikhail Belov.xlsx")
    done = collect_files(plan, [saved], backup=False)
    assert done.added == 1 and proposals(plan)[0].proposed == 900_000.0


def test_foreign_workbooks_are_refused_by_name_and_nothing_is_collected(plan, tmp_path):
    folder = tmp_path / "staff"
    split_file(plan, "employee", folder)
    belov = folder / "Mikhail Belov.xlsx"
    edit_cells(belov, {("Proposals", "C8"): 900_000.0})
    other_plan = files.write_demo(tmp_path / "other.xlsx", "en")
    split_file(other_plan, "employee", tmp_path / "other")
    stranger = tmp_path / "other" / "Olga Kuznetsova.xlsx"
    excel = tmp_path / "budget.xlsx"
    shutil.copy(EXCEL_FILE, excel)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    typo = folder / "Olga Kuznetsova.xlsx"
    edit_cells(typo, {("Proposals", "C8"): "a lot"})
    before = plan.read_bytes()
    with pytest.raises(CollectRefused) as refused:
        collect_files(plan, [belov, stranger, excel, text, typo])
    lines = refused.value.lines
    other_id = read_inputs(FileDoor.open(other_plan))[0].settings["plan_id"]
    assert lines[0].startswith("Olga Kuznetsova.xlsx: a proposal workbook of another plan")
    assert other_id in lines[0]
    assert (
        lines[1] == "budget.xlsx: not a proposal workbook of xlsalesplan (split did not write it)"
    )
    assert lines[2].startswith("notes.xlsx")
    assert lines[3] == "Olga Kuznetsova.xlsx: Proposals!C8: 'a lot' is not a number"
    assert len(lines) == 4
    assert plan.read_bytes() == before and proposals(plan) == []


def test_split_refuses_to_overwrite_without_force(plan, tmp_path):
    split_file(plan, "employee", tmp_path / "staff")
    first = (tmp_path / "staff" / "Mikhail Belov.xlsx").read_bytes()
    with pytest.raises(WorkbookError, match="already exists; use --force"):
        split_file(plan, "employee", tmp_path / "staff")
    split_file(plan, "employee", tmp_path / "staff", force=True)
    assert (tmp_path / "staff" / "Mikhail Belov.bak1.xlsx").read_bytes() == first


def test_a_plan_without_an_id_gets_one_when_it_is_split(tmp_path):
    demo = read_inputs(FileDoor.open(files.write_demo(tmp_path / "demo.xlsx", "en")))[0]
    demo.settings["plan_id"] = None
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(files.workbook_bytes(demo, None, "en", "", False))
    settings = sheet_parts(plan)[SHEET_BY_KEY["settings"].name("en")]
    before = members(plan)[settings]
    split_file(plan, "employee", tmp_path / "staff")
    plan_id = read_inputs(FileDoor.open(plan))[0].settings["plan_id"]
    assert len(plan_id) == 36 and members(plan)[settings] != before
    with zipfile.ZipFile(tmp_path / "staff" / "Mikhail Belov.xlsx") as z:
        assert plan_id in z.read("docProps/custom.xml").decode()
