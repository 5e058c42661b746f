"""Each ribbon button's Python command, run as RunPython runs it, does what the button promises.

The commands are read from macros/Ribbon.bas as VBA builds them (LibreOffice runs those
callbacks in tests/test_plan_vba.py and records the same strings); here each one is executed
with ``xw.Book.caller()`` answering with a recording stand-in of the workbook in Excel.
"""

from __future__ import annotations

import re

import live_fixtures
import pytest
import xlwings as xw
from live_fixtures import load_book

from xlsalesplan.io.ooxml.cells import Formula
from xlsalesplan.io.vba.planproject import macro_source

demo_files = live_fixtures.demo_files  # the session fixture

# The VBA: RunPython "import xlsalesplan.macros as m; m." & action & "()"
PREFIX, SUFFIX = re.search(
    r'RunPython "([^"]*)" & action & "([^"]*)"', macro_source("Ribbon.bas")
).groups()
ACTIONS = dict(
    re.findall(
        r"Sub (On\w+)\(control As IRibbonControl\)\s+Run \"(\w+)\"", macro_source("Ribbon.bas")
    )
)


def command(callback: str) -> str:
    return f"{PREFIX}{ACTIONS[callback]}{SUFFIX}"


def run(command_text: str, book, monkeypatch) -> None:
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    exec(command_text, {})  # exactly what xlwings's RunPython does with the string


def cells_of(book, name):
    for sheet in book.sheets:
        for table in sheet.tables:
            if table.name == name:
                return sheet, table
    raise KeyError(name)


def test_every_button_has_a_command():
    assert set(ACTIONS) == {
        "OnRefreshAll",
        "OnRefreshSheet",
        "OnCheckInputs",
        "OnFreezeValues",
        "OnNewPeriod",
        "OnScenarios",
        "OnApprove",
        "OnHistory",
        "OnHelp",
    }
    assert command("OnRefreshAll") == "import xlsalesplan.macros as m; m.refresh_all()"


def test_refresh_all_writes_every_output_table(demo_files, monkeypatch):
    book = load_book(demo_files["en"])
    run(command("OnRefreshAll"), book, monkeypatch)
    written = {c[2] for c in book.calls if c[0] == "set formula"}
    assert len(written) >= 9  # the nine output tables, the stamps, the dashboard
    assert book.app.alerts[-1]["prompt"].startswith("Refreshed")


def test_refresh_sheet_writes_only_the_active_sheet(demo_files, monkeypatch):
    book = load_book(demo_files["en"])
    book.sheets.active = book.sheets["ROI"]
    run(command("OnRefreshSheet"), book, monkeypatch)
    sheets = {c[1] for c in book.calls if c[0] == "set formula"}
    assert sheets == {"ROI"}


def test_check_inputs_reports_and_writes_nothing(demo_files, monkeypatch):
    book = load_book(demo_files["en"])
    sheet, employees = cells_of(book, "tblEmployees")
    sheet.cells[(employees.r0 + 2, employees.c0 + 4)] = "heavy"  # a weight
    run(command("OnCheckInputs"), book, monkeypatch)
    (alert,) = book.app.alerts
    assert "Employees!E7: 'heavy' is not a number" in alert["prompt"]
    assert not [c for c in book.calls if not c[0].startswith("get")]


def test_freeze_values_in_place_leaves_no_formula(demo_files, monkeypatch):
    book = load_book(demo_files["en"])
    book.app.answers = ["yes"]  # replace the formulas in this workbook
    run(command("OnFreezeValues"), book, monkeypatch)
    assert not [v for sheet in book.sheets for v in sheet.cells.values() if isinstance(v, Formula)]


def test_new_period_rolls_the_plan_year(demo_files, monkeypatch):
    book = load_book(demo_files["en"])
    sheet, goals = cells_of(book, "tblGoals")
    # The demo's operational goal ends with 2026; a new period needs deadlines in 2027 on.
    for r in range(goals.r0 + 1, goals.r1 + 1):
        deadline = sheet.cells.get((r, goals.c0 + 4))
        if isinstance(deadline, (int, float)) and deadline < 46388:  # 2027-01-01
            sheet.cells[(r, goals.c0 + 4)] = 46752.0  # 2027-12-31
    run(command("OnNewPeriod"), book, monkeypatch)
    settings_sheet, settings = cells_of(book, "tblSettings")
    years = [
        settings_sheet.cells.get((r, settings.c0 + 2))
        for r in range(settings.r0 + 1, settings.r1 + 1)
        if settings_sheet.cells.get((r, settings.c0)) == "plan_year"
    ]
    assert years == [2027]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_help_names_every_button(demo_files, monkeypatch, lang):
    book = load_book(demo_files[lang])
    run(command("OnHelp"), book, monkeypatch)
    (alert,) = book.app.alerts
    labels = re.findall(
        r'button id="\w+" label="([^"]+)"',
        macro_source("customUI14.xml" if lang == "ru" else "customUI14_en.xml"),
    )
    for label in labels:
        assert label in alert["prompt"]
    assert {"ru": "лист «Руководство»", "en": "the 'Guide' sheet"}[lang] in alert["prompt"]
