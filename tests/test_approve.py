"""Approval (issue 13, item 2): the current plan recorded as an approved version, from the command
line and the ribbon, on the same code path.

The version holds who, when, the inputs' fingerprint, the employee × month goals and the region
plans exactly as the workbook shows them; approving again makes the next version and the first
never changes; the Versions table lists them. A store that cannot be reached, or inputs with
problems, leave the workbook as it was and approve nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from live_fixtures import load_book
from team_fixtures import input_cell, setting_cell
from workbook_fixtures import edit_cells, table_rows

from xlsalesplan import macros
from xlsalesplan.io import files
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.layout import TABLES
from xlsalesplan.io.ooxml.cells import serial
from xlsalesplan.io.periods import new_period_file
from xlsalesplan.io.planio import PlanProblems, fingerprint, read_inputs
from xlsalesplan.io.recordbook import COMPANY, region_plans
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.plan.values import date
from xlsalesplan.records import team
from xlsalesplan.records.history import refresh_file as history_refresh
from xlsalesplan.store import StoreError, open_store, store_url


@pytest.fixture
def plan(tmp_path):
    return files.write_demo(tmp_path / "plan.xlsx", "en")


def plan_id(path) -> str:
    return read_inputs(FileDoor.open(path))[0].settings["plan_id"]


def versions(path):
    with open_store(store_url(path)) as store:
        return [store.version(plan_id(path), COMPANY, v.number) for v in store.versions(
            plan_id(path), COMPANY)]  # fmt: skip


def test_approve_records_the_plan_as_the_workbook_shows_it(plan):
    done = team.approve_file(plan, "Ivanov", "first round")
    assert (done.version.number, done.version.approved_by, done.version.note) == (
        1,
        "Ivanov",
        "first round",
    )
    inputs = read_inputs(FileDoor.open(plan))[0]
    outputs = compute(inputs)
    (version,) = versions(plan)
    assert version.fingerprint == fingerprint(inputs) and version.scope == COMPANY
    _, rows = table_rows(plan, "tblEmployeeGoals")
    shown = pd.DataFrame(rows, columns=outputs.employee_goals.columns)
    assert version.goals["employee"].tolist() == shown["employee"].tolist()
    assert np.array_equal(version.goals[MONTHS].to_numpy(), shown[MONTHS].to_numpy(dtype=float))
    expected = region_plans(outputs, "en")
    assert version.regions["region"].tolist() == expected["region"].tolist()
    assert np.array_equal(version.regions[MONTHS].to_numpy(), expected[MONTHS].to_numpy())
    # The region plans are the sums of the employees' goals, month by month.
    by_region = version.goals.groupby("region", sort=False)[MONTHS].sum()
    assert np.array_equal(by_region.loc[expected["region"]].to_numpy(), expected[MONTHS].to_numpy())
    _, rows = table_rows(plan, "tblVersions")
    assert [r[0] for r in rows] == [1.0] and rows[0][1] == "Ivanov" and rows[0][4] == "yes"


def test_approving_again_makes_the_next_version_and_keeps_the_first(plan):
    team.approve_file(plan, "Ivanov")
    first = versions(plan)[0]
    edit_cells(plan, {input_cell(plan, "targets", 0, "revenue"): 200_000_000.0})
    history_refresh(plan, backup=False)
    # The plan moved; the approved baseline did not, and the Versions table says so.
    again = versions(plan)[0]
    assert again.fingerprint == first.fingerprint
    pd.testing.assert_frame_equal(again.goals, first.goals)
    _, rows = table_rows(plan, "tblVersions")
    assert rows[0][4] == "no"
    team.approve_file(plan, "Petrov")
    one, two = versions(plan)
    pd.testing.assert_frame_equal(one.goals, first.goals)
    assert two.number == 2 and two.fingerprint != one.fingerprint
    assert two.goals[MONTHS].to_numpy().sum() > one.goals[MONTHS].to_numpy().sum()
    _, rows = table_rows(plan, "tblVersions")
    assert [(r[0], r[1], r[4]) for r in rows] == [(2.0, "Petrov", "yes"), (1.0, "Ivanov", "no")]


def shown(plan, name: str) -> pd.DataFrame:
    """An output table as the workbook shows it, by its declaration's keys."""
    header, rows = table_rows(plan, name)
    keys = {column.en: column.key for column in TABLES[name].columns}
    return pd.DataFrame(rows, columns=[keys[h] for h in header])


def test_plan_fact_is_measured_against_the_approved_version_once_the_plan_moves(plan):
    team.approve_file(plan, "Ivanov")
    approved = shown(plan, "tblPlanFact").set_index("employee")
    # Right after the approval the plan is its own baseline: every deviation is 0.
    assert (approved["deviation"] == 0).all()
    target = input_cell(plan, "targets", 0, "revenue")
    region = read_inputs(FileDoor.open(plan))[0].targets.loc[0, "region"]
    revenue = read_inputs(FileDoor.open(plan))[0].targets.loc[0, "revenue"]
    edit_cells(plan, {target: revenue + 12_000_000.0})
    history_refresh(plan, backup=False)
    now = shown(plan, "tblPlanFact").set_index("employee")
    goals = shown(plan, "tblEmployeeGoals").set_index("employee")
    # Completion is measured against what was approved, not against the moved plan ...
    measured = ["year_goal", "plan_to_date", "fact_to_date", "completion", "remaining"]
    pd.testing.assert_frame_equal(now[measured], approved[measured])
    # ... and the deviation is the current year goal less the approved one, per employee ...
    moved = goals["total"] - approved["year_goal"]
    assert np.allclose(now["deviation"].astype(float), moved.loc[now.index].astype(float))
    in_region = now["region"] == region
    assert (now.loc[in_region, "deviation"] > 0).any()
    assert (now.loc[~in_region, "deviation"] == 0).all()
    # ... and per region, where the region's deviations add up to the 12 m added.
    teams = shown(plan, "tblTeamResults").set_index("name")
    assert teams.loc[region, "deviation"] == pytest.approx(12_000_000.0)
    # Without the baseline the same inputs would measure against the moved goals.
    fresh = compute(read_inputs(FileDoor.open(plan))[0]).planfact.set_index("employee")
    assert not np.allclose(fresh.loc[in_region[in_region].index, "year_goal"],
                           approved.loc[in_region, "year_goal"])  # fmt: skip


def test_a_stale_workbook_is_refreshed_before_it_is_approved(plan):
    edit_cells(plan, {input_cell(plan, "targets", 0, "revenue"): 200_000_000.0})
    done = team.approve_file(plan, "Ivanov")
    assert done.refreshed.written
    _, rows = table_rows(plan, "tblSalesPlan")
    (version,) = versions(plan)
    moscow = version.regions.set_index("region").loc["Moscow", MONTHS].sum()
    shown = sum(r[-1] for r in rows if r[0] == "Moscow" and r[2] == "revenue")
    assert moscow == shown
    # The refresh before the approval is in the history too.
    with open_store(store_url(plan)) as store:
        assert [r.number for r in store.history(plan_id(plan))] == [1]


def test_problems_in_the_inputs_approve_nothing_and_write_nothing(plan):
    edit_cells(plan, {input_cell(plan, "employees", 0, "weight"): -1.0})
    before = plan.read_bytes()
    with pytest.raises(PlanProblems):
        team.approve_file(plan, "Ivanov")
    assert plan.read_bytes() == before
    assert versions(plan) == []


def test_an_unreachable_store_approves_nothing_and_leaves_the_workbook(plan, tmp_path):
    url = "postgresql+psycopg://head:secret@127.0.0.1:1/plans"
    edit_cells(plan, {setting_cell(plan, "store_url"): url})
    assert read_inputs(FileDoor.open(plan))[0].settings["store_url"] == url
    edit_cells(
        plan, {input_cell(plan, "targets", 0, "revenue"): 200_000_000.0}
    )  # stale: approve would refresh
    before = plan.read_bytes()
    with pytest.raises(StoreError) as error:
        team.approve_file(plan, "Ivanov")
    assert plan.read_bytes() == before and "secret" not in str(error.value)
    done = subprocess.run(
        [sys.executable, "-m", "xlsalesplan", "approve", str(plan), "--by", "Ivanov"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and plan.read_bytes() == before
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot be reached" in lines[0], done.stderr


def test_the_command_line_says_which_version(plan):
    done = subprocess.run(
        [sys.executable, "-m", "xlsalesplan", "approve", str(plan), "--by", "Иванов И."],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "approved as version 1 of the company plan by Иванов И." in done.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "xlsalesplan", "approve", str(plan)], capture_output=True, text=True
    )
    assert missing.returncode != 0 and "--by" in missing.stderr


# ----------------------------------------------------------------- the ribbon's Approve


def test_the_approve_button_asks_then_records_through_the_live_door(plan):
    book = load_book(plan)
    book.fullname = str(plan)  # a saved workbook: its store is beside it
    book.app.answers = ["no"]
    assert macros.approve(book, by="Ivanov") is None
    assert versions(plan) == []
    assert "Approved by: Ivanov" in book.app.alerts[-1]["prompt"]
    book.app.answers = ["yes"]
    done = macros.approve(book, by="Ivanov")
    assert done.version.number == 1
    assert book.app.alerts[-1]["prompt"].startswith("Version 1 approved: Ivanov")
    (version,) = versions(plan)
    # The same version the command line records: the goals as the workbook holds them.
    file_copy = plan.with_name("copy.xlsx")
    shutil.copy(plan, file_copy)
    inputs = read_inputs(FileDoor.open(file_copy))[0]
    assert version.fingerprint == fingerprint(inputs)
    written = [c for c in book.calls if c[0] == "set formula"]
    assert any(c[1] == "History" for c in written)  # the Versions table on the History sheet


def test_the_approve_button_in_an_unsaved_workbook_says_to_save_it(plan):
    book = load_book(plan)  # fullname "plan.xlsx": not saved anywhere
    book.app.answers = ["yes"]
    assert macros.approve(book, by="Ivanov") is None
    assert "not saved yet" in book.app.alerts[-1]["prompt"]


def test_the_approve_button_reports_an_unreachable_store_in_one_message(plan):
    url = "postgresql+psycopg://head:secret@127.0.0.1:1/plans"
    edit_cells(plan, {setting_cell(plan, "store_url"): url})
    book = load_book(plan)
    book.fullname = str(plan)
    book.app.answers = ["yes"]
    calls = len(book.calls)
    assert macros.approve(book, by="Ivanov") is None
    prompt = book.app.alerts[-1]["prompt"]
    assert prompt.startswith("The plan store cannot be used; nothing was written")
    assert "secret" not in prompt
    assert not [c for c in book.calls[calls:] if c[0] == "set formula"]


def test_the_history_starts_at_the_approval(plan):
    # The approval's refresh (plan–fact now against the version) is where the history starts.
    team.approve_file(plan, "Ivanov")
    edit_cells(plan, {input_cell(plan, "employees", 1, "weight"): 0.9})
    history_refresh(plan, backup=False)
    with open_store(store_url(plan)) as store:
        latest, start = store.history(plan_id(plan))
    assert (start.number, start.changes) == (1, ())
    assert latest.number == 2 and latest.changes[0].key == "Olga Kuznetsova"
    assert (latest.changes[0].old, latest.changes[0].new) == (1.2, 0.9)


def test_a_new_period_is_a_new_plan_to_the_store(plan):
    team.approve_file(plan, "Ivanov")
    old_id = plan_id(plan)
    goals = read_inputs(FileDoor.open(plan))[0].goals
    # Every deadline a year later: none is due in the year that closes.
    late = {
        input_cell(plan, "goals", i, "deadline"): serial(
            date(deadline).replace(year=date(deadline).year + 1)
        )
        for i, deadline in enumerate(goals["deadline"])
    }
    edit_cells(plan, late)
    changes = new_period_file(plan, backup=False)
    assert "a new plan ID: approvals and history start afresh for 2027" in changes
    # Last year's approval is not next year's baseline, and its records are not shown as this
    # year's; they stay in the store under the old ID.
    assert plan_id(plan) != old_id
    for name in ("tblVersions", "tblHistory"):
        assert all(v is None for row in table_rows(plan, name)[1] for v in row)
    history_refresh(plan, backup=False, force=True)
    assert shown(plan, "tblPlanFact")["deviation"].isna().all()
    with open_store(store_url(plan)) as store:
        assert [v.number for v in store.versions(old_id, COMPANY)] == [1]
        assert store.versions(plan_id(plan), COMPANY) == []
