"""The ribbon's Scenarios, Approve and History buttons, run as RunPython runs them (issue 13,
item 6): the same code as ``refresh``, ``approve`` and ``history`` on the command line."""

from __future__ import annotations

import shutil

import xlwings as xw
from live_fixtures import load_book
from test_ribbon_commands import command
from workbook_fixtures import table_rows

from xlsalesplan.io import files
from xlsalesplan.io.layout import SHEET_BY_KEY
from xlsalesplan.records import team
from xlsalesplan.records.history import refresh_file as history_refresh


def run(callback: str, book, monkeypatch) -> None:
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    exec(command(callback), {})  # exactly what xlwings's RunPython does with the string


def saved_demo(tmp_path):
    plan = files.write_demo(tmp_path / "plan.xlsx", "en")
    book = load_book(plan)
    book.fullname = str(plan)  # saved: its plan store goes beside it
    return plan, book


def test_scenarios_writes_only_the_scenarios_sheet(tmp_path, monkeypatch):
    _, book = saved_demo(tmp_path)
    run("OnScenarios", book, monkeypatch)
    sheets = {c[1] for c in book.calls if c[0] == "set formula"}
    assert sheets == {SHEET_BY_KEY["scenarios"].name("en")}
    assert book.app.alerts[-1]["prompt"].startswith(("Refreshed", "The plan is up to date"))


def test_approve_asks_and_records_a_version(tmp_path, monkeypatch):
    _, book = saved_demo(tmp_path)
    book.app.answers = ["yes"]
    run("OnApprove", book, monkeypatch)
    assert book.app.alerts[0]["buttons"] == "yes_no"
    assert book.app.alerts[-1]["prompt"].startswith("Version 1 approved: ")


def test_history_shows_the_stores_history_and_versions(tmp_path, monkeypatch):
    plan, book = saved_demo(tmp_path)
    history_refresh(plan, backup=False, force=True)  # the history starts
    team.approve_file(plan, "Ivanov")
    book = load_book(plan)
    book.fullname = str(plan)
    run("OnHistory", book, monkeypatch)
    assert book.app.alerts[-1]["prompt"] == "History: 1 refresh(es); 1 approved version(s)."
    history = SHEET_BY_KEY["history"].name("en")
    assert {c[1] for c in book.calls if c[0] == "set formula"} == {history}
    # The command line writes the same tables.
    copy = tmp_path / "copy.xlsx"
    shutil.copy(plan, copy)
    shutil.copy(
        plan.with_name("plan.xlsalesplan.sqlite"), copy.with_name("copy.xlsalesplan.sqlite")
    )
    team.show_history_file(copy, backup=False)
    assert table_rows(copy, "tblVersions")[1][0][:2] == [1.0, "Ivanov"]


def test_scenarios_in_a_workbook_without_a_store_still_computes_them(tmp_path, monkeypatch):
    # xlwings Lite, or a workbook not saved yet: no place for a store, the scenarios regardless.
    plan = files.write_demo(tmp_path / "plan.xlsx", "en")
    book = load_book(plan)  # fullname "plan.xlsx": nowhere on disk
    sheet, table = next((s, t) for s in book.sheets for t in s.tables if t.name == "tblScenarios")
    sheet.cells[(table.r0 + 1, table.c0 + 1)] = -0.2  # the first scenario's targets change
    run("OnScenarios", book, monkeypatch)
    prompt = book.app.alerts[-1]["prompt"]
    assert prompt.startswith("Refreshed") and "history not recorded" in prompt
    assert not (tmp_path / "plan.xlsalesplan.sqlite").exists()
