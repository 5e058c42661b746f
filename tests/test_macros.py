"""The ribbon's Python side on a recording stand-in for Excel, and its file equivalents."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import live_fixtures
import openpyxl
import pytest
from live_fixtures import load_book

from xlsalesplan import macros
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.doors.livedoor import LiveDoor
from xlsalesplan.io.files import write_demo
from xlsalesplan.io.ooxml.cells import Formula
from xlsalesplan.io.periods import new_period_file
from xlsalesplan.io.planio import read_inputs

demo_files = live_fixtures.demo_files  # the session fixture


def _table(book, name):
    for sheet in book.sheets:
        for table in sheet.tables:
            if table.name == name:
                return sheet, table
    raise KeyError(name)


def _column(book, table_name, header):
    sheet, table = _table(book, table_name)
    for c in range(table.c0, table.c1 + 1):
        if sheet.cells.get((table.r0, c)) == header:
            return [sheet.cells.get((r, c)) for r in range(table.r0 + 1, table.r1 + 1)]
    raise KeyError(header)


def _setting(book, key):
    sheet, table = _table(book, "tblSettings")
    for r in range(table.r0 + 1, table.r1 + 1):
        if sheet.cells.get((r, table.c0)) == key:
            return sheet.cells.get((r, table.c0 + 2))
    raise KeyError(key)


def test_refresh_all_fills_the_outputs_with_the_screen_off(demo_files):
    book = load_book(demo_files["en"])
    sheet, roi = _table(book, "tblROI")
    roi.r1 = roi.r0 + 1  # one empty row, as in a new plan
    for c in range(roi.c0, roi.c1 + 1):
        for r in range(roi.r0 + 1, roi.r0 + 10):
            sheet.cells.pop((r, c), None)
    macros.refresh_all(book)
    initiatives = [v for v in _column(book, "tblInitiatives", "Initiative") if v]
    assert _column(book, "tblROI", "Initiative") == initiatives
    assert all(isinstance(v, Formula) for v in _column(book, "tblROI", "ROI for the period"))
    assert book.app.screen_history == [False, True]
    assert book.app.status_history[0] == "Sales plan: refresh…"
    assert book.app.status_history[-1] is False  # the status bar is handed back to Excel
    assert [a["prompt"].split(":")[0] for a in book.app.alerts] == ["Refreshed"]


def test_check_with_broken_inputs_shows_one_message_and_writes_nothing(demo_files):
    book = load_book(demo_files["en"])
    sheet, employees = _table(book, "tblEmployees")
    sheet.cells[(employees.r0 + 2, employees.c0 + 4)] = "heavy"  # a weight
    sheet.cells[(employees.r0 + 3, employees.c0 + 3)] = "soon"  # a hire date
    macros.check(book)
    assert len(book.app.alerts) == 1
    prompt = book.app.alerts[0]["prompt"]
    assert prompt.startswith("2 problem(s) found. Nothing was written.")
    assert "\nEmployees!E7: " in prompt and "\nEmployees!D8: " in prompt
    macros.refresh_all(book)
    assert len(book.app.alerts) == 2 and "Nothing was written" in book.app.alerts[1]["prompt"]
    assert not [c for c in book.calls if not c[0].startswith("get")]
    assert book.app.screen_history == [False, True, False, True]


def test_check_of_good_inputs_says_so(demo_files):
    book = load_book(demo_files["ru"])
    macros.check(book)
    assert [a["prompt"] for a in book.app.alerts] == ["Входные данные в порядке."]
    assert book.app.alerts[0]["title"] == "План продаж"


def test_a_long_list_of_problems_is_cut_with_a_count():
    lines = [f"Sheet!A{i}: blank" for i in range(1, 41)]
    message = macros.problem_message("en", lines)
    assert message.count("\n") == 2 + macros.MAX_LINES
    assert message.endswith("… and 15 more") and message.startswith("40 problem(s)")


def test_freeze_values_in_place_leaves_no_formulas_and_keeps_the_values(demo_files):
    book = load_book(demo_files["en"])
    before = [f.cached for f in _column(book, "tblROI", "ROI for the period")]
    assert macros.freeze_values(book, in_place=True) >= 4
    for sheet in book.sheets:
        assert not [v for v in sheet.cells.values() if isinstance(v, Formula)], sheet.name
    assert _column(book, "tblROI", "ROI for the period") == before


def test_freeze_values_asks_and_cancel_does_nothing(demo_files):
    book = load_book(demo_files["en"])
    book.app.answers = ["cancel"]
    assert macros.freeze_values(book) is None
    assert book.app.alerts[0]["buttons"] == "yes_no_cancel"
    assert "demo-en-values.xlsx" in book.app.alerts[0]["prompt"]
    assert not [c for c in book.calls if not c[0].startswith("get")]


def test_freeze_values_in_a_copy_saves_and_writes_beside_it(demo_files, tmp_path):
    plan = tmp_path / "Plan.xlsm"
    write_demo(plan, "en")
    book = load_book(plan)
    book.fullname = str(plan)
    book.app.answers = ["no"]
    written = macros.freeze_values(book)
    assert written == tmp_path / "Plan-values.xlsx" and book.saved == [None]
    with zipfile.ZipFile(written) as z:
        names = z.namelist()
        sheets = [z.read(n) for n in names if n.startswith("xl/worksheets/sheet")]
        types = z.read("[Content_Types].xml")
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)
    assert "xl/vbaProject.bin" not in names and not any(n.startswith("customUI") for n in names)
    assert b"macroEnabled" not in types and b"vbaProject" not in types
    frozen = openpyxl.load_workbook(written)  # opens as a plain workbook
    original = FileDoor.open(plan)._table("tblROI")
    r0, c0 = original.bounds[:2]
    cached = original.sheet.read(original.data_ref, formulas=True)[0][1]
    assert frozen["ROI"].cell(r0 + 1, c0 + 1).value == pytest.approx(cached.cached)


def _move_past_deadlines(book):
    """The planner's part of a new period: goals due this year move to the next year's end."""
    sheet, goals = _table(book, "tblGoals")
    for r in range(goals.r0 + 1, goals.r1 + 1):
        if sheet.cells[(r, goals.c0 + 4)] < 46388.0:  # 1 Jan 2027
            sheet.cells[(r, goals.c0 + 4)] = 46752.0  # 31 Dec 2027


def test_new_period_with_a_goal_due_this_year_writes_nothing(demo_files):
    book = load_book(demo_files["en"])
    assert macros.new_period(book) is None
    assert (
        book.app.alerts[0]["prompt"].splitlines()[2].startswith("Strategy!E6: deadline 2026-12-31")
    )
    assert not [c for c in book.calls if not c[0].startswith("get")]


def test_new_period_rolls_the_year_and_clears_the_actuals(demo_files):
    book = load_book(demo_files["en"])
    _move_past_deadlines(book)
    profiles = _column(book, "tblSeasonality", "Seasonality profile")
    year = _setting(book, "plan_year")
    changes = macros.new_period(book)
    assert _setting(book, "plan_year") == year + 1
    assert _setting(book, "as_of") == float(
        (dt.date(int(year) + 1, 1, 1) - dt.date(1899, 12, 30)).days
    )
    months = [_column(book, "tblActuals", m) for m in ("Jan", "Jun", "Dec")]
    assert all(v is None for column in months for v in column)
    assert all(_column(book, "tblActuals", "Employee"))  # the employees stay
    # Half a year of actuals in the demo: too little to say anything about the season.
    assert _column(book, "tblSeasonality", "Seasonality profile") == profiles
    assert "seasonality profiles kept: the actuals do not cover every month" in changes
    assert book.app.alerts[-1]["prompt"].startswith("New period:\n• plan year")


def test_a_full_year_of_actuals_becomes_a_seasonality_profile(demo_files):
    book = load_book(demo_files["en"])
    _move_past_deadlines(book)
    sheet, actuals = _table(book, "tblActuals")
    for r in range(actuals.r0 + 1, actuals.r1 + 1):
        for m in range(12):  # every employee sells 100 × the month's number
            sheet.cells[(r, actuals.c0 + 1 + m)] = 100.0 * (m + 1)
    year = int(_setting(book, "plan_year"))
    macros.new_period(book)
    names = _column(book, "tblSeasonality", "Seasonality profile")
    assert names[-1] == f"actual {year}"
    # Month m's share of an average month: m / 6.5 (the mean of 1..12).
    assert _column(book, "tblSeasonality", "Jan")[-1] == round(1 / 6.5, 4)
    assert _column(book, "tblSeasonality", "Dec")[-1] == round(12 / 6.5, 4)


def test_new_period_of_a_file_matches_the_button(demo_files, tmp_path):
    book = load_book(demo_files["ru"])
    _move_past_deadlines(book)
    plan = tmp_path / "plan.xlsx"
    shutil.copy(demo_files["ru"], plan)
    door = FileDoor.open(plan)
    for (r, c), v in book.sheets["Стратегия"].cells.items():
        if v == 46752.0:
            door.write_cell("Стратегия", r - 1, c - 1, v)
    door.save(backups=0)
    before = read_inputs(FileDoor.open(plan))[0].settings["plan_id"]
    new_period_file(plan, backup=False)
    macros.new_period(book)
    disk, _ = read_inputs(FileDoor.open(plan))
    live, _ = read_inputs(LiveDoor(book))
    # Each gets a plan ID of its own: the new year is a new plan to the store.
    ids = {disk.settings.pop("plan_id"), live.settings.pop("plan_id"), before}
    assert len(ids) == 3
    assert disk.settings == live.settings and disk.settings["plan_year"] == 2027
    assert disk.actuals.equals(live.actuals)


def test_refresh_sheet_writes_only_the_active_sheet(demo_files):
    book = load_book(demo_files["en"])
    book.sheets.active = book.sheets["ROI"]
    macros.refresh_sheet(book)
    written = {c[1] for c in book.calls if c[0] == "set formula"}
    assert written == {"ROI"}
    book.sheets.active = book.sheets["Employees"]
    macros.refresh_sheet(book)
    assert book.app.alerts[-1]["prompt"].startswith("Sheet 'Employees' has no output tables.")
