"""The history of refreshes (issue 13, item 3): what each refresh changed, in the store and on
the History sheet.

A property over random edits of a demo plan: the refresh after them records exactly the input
cells that changed (table, row key, column, old → new) and, as outputs, exactly the region month
plans and employee year goals that moved. Around it: the first refresh starts the history, an
up-to-date refresh leaves the store alone, only the last N refreshes are kept, a store that
cannot be reached stops the refresh before anything is written, and a plan without an ID gets
one.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from live_fixtures import load_book
from team_fixtures import input_cell as where
from workbook_fixtures import edit_cells, members, sheet_parts, table_rows

from xlsalesplan.io import files
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.doors.livedoor import LiveDoor
from xlsalesplan.io.layout import SHEET_BY_KEY
from xlsalesplan.io.planio import read_inputs
from xlsalesplan.io.refresh import refresh
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.tables import INPUT_TABLES
from xlsalesplan.plan.values import normalised
from xlsalesplan.records.history import REGION_PLANS, YEAR_GOALS, changes, recorder, state
from xlsalesplan.records.history import refresh_file as history_refresh
from xlsalesplan.store import StoreError, open_store, store_url
from xlsalesplan.store.url import default_store_path


@cache
def baseline() -> Path:
    """A demo plan refreshed once: its store holds the state the next refresh compares with."""
    folder = Path(tempfile.mkdtemp(prefix="history-"))
    plan = files.write_demo(folder / "plan.xlsx", "en")
    history_refresh(plan, backup=False, force=True)
    return plan


def copy_plan(folder: Path) -> Path:
    plan = folder / "plan.xlsx"
    shutil.copy(baseline(), plan)
    shutil.copy(default_store_path(baseline()), default_store_path(plan))
    return plan


def history(plan: Path, last: int | None = None):
    inputs = read_inputs(FileDoor.open(plan))[0]
    with open_store(store_url(plan)) as store:
        return store.history(inputs.settings["plan_id"], last)


# ------------------------------------------------------------------ the property
DEMO = read_inputs(FileDoor.open(baseline()))[0]
CLEAN = normalised(DEMO)
EMPLOYEES = list(CLEAN.employees["employee"])
OWNERS = ["CEO", "Sales director", "Владелец", "Анна"]
# (table, column, values to pick from): every edit keeps the plan computable.
EDITS = [
    ("employees", "weight", st.sampled_from([0.6, 0.9, 1.1, 1.4])),
    ("targets", "revenue", st.sampled_from([0.9, 1.1, 1.25])),  # × the current target
    ("targets", "avg_deal", st.sampled_from([150_000.0, 300_000.0, 520_000.0])),
    ("initiatives", "effect", st.integers(100, 3_000).map(lambda k: k * 1000.0)),
    ("initiatives", "confidence", st.sampled_from([0.3, 0.6, 0.9])),
    ("goals", "owner", st.sampled_from(OWNERS)),
    ("actuals", "m03", st.one_of(st.none(), st.integers(0, 3_000).map(lambda k: k * 1000.0))),
    ("scenarios", "targets_change", st.sampled_from([-0.2, 0.05, 0.3])),
    ("settings", "company", st.sampled_from(["Vektor LLC", "Вектор", "Acme"])),
]


@st.composite
def edit_lists(draw):
    """Cell edits (table, row, column, value) and employee renames (row, new name)."""
    edits = []
    for _ in range(draw(st.integers(1, 6))):
        table, column, values = draw(st.sampled_from(EDITS))
        if table == "settings":
            edits.append((table, None, column, draw(values)))
            continue
        row = draw(st.integers(0, len(getattr(CLEAN, table)) - 1))
        value = draw(values)
        if table == "targets" and column == "revenue":
            value = round(float(CLEAN.targets["revenue"].iloc[row]) * value, -3)
        edits.append((table, row, column, value))
    renames = draw(st.lists(st.integers(0, len(EMPLOYEES) - 1), max_size=2, unique=True))
    return edits, [(row, f"Новый сотрудник {i}") for i, row in enumerate(renames)]


def expected_inputs(edits, renames) -> dict[tuple[str, str, str], tuple]:
    """(table, row key, column) → (old, new) for each cell whose value the edits change."""
    before = state(DEMO, compute(DEMO))
    now: dict[str, list] = {t: [(k, dict(v)) for k, v in rows] for t, rows in before.items()}
    for table, row, column, value in edits:
        if table == "settings":
            index = [k for k, _ in now["settings"]].index(column)
            now["settings"][index][1]["value"] = value
        else:
            now[table][row][1][column] = value
    for row, name in renames:
        old = EMPLOYEES[row]
        for table in INPUT_TABLES:
            for column in table.columns:
                if column.refers == ("employees", "employee") or (
                    table.key == "employees" and column.key == "employee"
                ):
                    for i, (key, values) in enumerate(now[table.key]):
                        if values.get(column.key) == old:
                            values[column.key] = name
                            if key == old:
                                now[table.key][i] = (name, values)
    found = {}
    for table, rows in now.items():
        if table in (REGION_PLANS, YEAR_GOALS):
            continue
        old_rows = dict(before[table])
        for position, (key, values) in enumerate(rows):
            previous = old_rows.get(key) or before[table][position][1]
            for column, value in values.items():
                if previous.get(column) != value:
                    found[(table, key, column)] = (previous.get(column), value)
    return found


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_lists())
def test_the_history_lists_exactly_the_cells_changed(edit_list):
    edits, renames = edit_list
    with tempfile.TemporaryDirectory() as tmp:
        plan = copy_plan(Path(tmp))
        cells = {}
        for table, row, column, value in edits:
            cells[where(plan, table, row, column)] = value
        for row, name in renames:
            old = EMPLOYEES[row]
            for table in INPUT_TABLES:
                for column in table.columns:
                    refers = column.refers == ("employees", "employee")
                    if refers or (table.key == "employees" and column.key == "employee"):
                        for i, value in enumerate(getattr(CLEAN, table.key)[column.key]):
                            if value == old:
                                cells[where(plan, table.key, i, column.key)] = name
        edit_cells(plan, cells)
        expected = expected_inputs(edits, renames)
        history_refresh(plan, backup=False)
        recorded = history(plan)
        latest = recorded[0]
        if not expected:  # the edits wrote the values that were there: nothing to record
            assert len(recorded) == 1
            return
        inputs = {(c.table, c.key, c.column): (c.old, c.new) for c in latest.changes}
        inputs = {k: v for k, v in inputs.items() if k[0] not in (REGION_PLANS, YEAR_GOALS)}
        assert inputs == expected
        # The outputs that moved: exactly the region months and year goals that differ.
        after = read_inputs(FileDoor.open(plan))[0]
        moved = changes(state(DEMO, compute(DEMO)), state(after, compute(after)))
        outputs = [c for c in latest.changes if c.kind == "output"]
        assert outputs == [c for c in moved if c.kind == "output"]
        assert len(latest.changes) == len(set((c.table, c.key, c.column) for c in latest.changes))


# ------------------------------------------------------------------ around it


def test_the_first_refresh_starts_the_history_and_the_sheet_shows_it(tmp_path):
    plan = files.write_demo(tmp_path / "plan.xlsx", "en")
    assert history_refresh(plan).startswith("up to date")
    assert not default_store_path(plan).exists()  # an up-to-date refresh opens no store
    history_refresh(plan, backup=False, force=True)
    (first,) = history(plan)
    assert first.number == 1 and first.changes == ()
    _, rows = table_rows(plan, "tblHistory")
    assert [r[:3] for r in rows] == [[1.0, pytest.approx(rows[0][1]), "start of the history"]]
    # Forced again with nothing changed: nothing recorded, the History sheet as it was.
    before = members(plan)[sheet_parts(plan)[SHEET_BY_KEY["history"].name("en")]]
    history_refresh(plan, backup=False, force=True)
    assert len(history(plan)) == 1
    after = members(plan)[sheet_parts(plan)[SHEET_BY_KEY["history"].name("en")]]
    assert after == before


def test_an_edit_is_listed_with_the_outputs_it_moved(tmp_path):
    plan = copy_plan(tmp_path)
    edit_cells(plan, {where(plan, "employees", 1, "weight"): 0.9})
    history_refresh(plan, backup=False)
    latest = history(plan)[0]
    assert latest.number == 2
    first = latest.changes[0]
    assert (first.kind, first.table, first.key, first.column) == (
        "input",
        "employees",
        "Olga Kuznetsova",
        "weight",
    )
    assert (first.old, first.new) == (1.2, 0.9)
    moved = {c.key for c in latest.changes if c.table == YEAR_GOALS}
    assert "Olga Kuznetsova" in moved and len(moved) > 1  # her colleagues carry the rest
    _, rows = table_rows(plan, "tblHistory")
    assert rows[0][:8] == [2.0, rows[0][1], "input", "Employees", "Olga Kuznetsova", "Weight",
                           1.2, 0.9]  # fmt: skip
    assert rows[-1][0] == 1.0 and rows[-1][2] == "start of the history"


def test_only_the_last_n_refreshes_are_kept(tmp_path):
    plan = copy_plan(tmp_path)
    edit_cells(plan, {where(plan, "settings", None, "history_keep"): 2.0})
    for weight in (0.7, 0.8, 0.9):
        edit_cells(plan, {where(plan, "employees", 1, "weight"): weight})
        history_refresh(plan, backup=False)
    assert [r.number for r in history(plan)] == [4, 3]
    _, rows = table_rows(plan, "tblHistory")
    assert {r[0] for r in rows} == {4.0, 3.0}


def test_an_unreachable_store_stops_the_refresh_before_anything_is_written(tmp_path):
    plan = copy_plan(tmp_path)
    url = "postgresql+psycopg://planner:secret@127.0.0.1:1/plans"
    edit_cells(
        plan,
        {
            where(plan, "settings", None, "store_url"): url,
            where(plan, "employees", 1, "weight"): 0.9,
        },
    )
    before = plan.read_bytes()
    with pytest.raises(StoreError) as error:
        history_refresh(plan)
    assert plan.read_bytes() == before
    message = str(error.value)
    assert "\n" not in message and "secret" not in message and "cannot be reached" in message
    done = subprocess.run(
        [sys.executable, "-m", "xlsalesplan", "refresh", str(plan)], capture_output=True, text=True
    )
    assert done.returncode == 1 and plan.read_bytes() == before
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    # Without the history the plan still refreshes.
    history_refresh(plan, backup=False, history=False)
    assert plan.read_bytes() != before


def test_a_plan_without_an_id_gets_one_in_its_settings(tmp_path):
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(files.workbook_bytes(files.new_inputs("en", 2027), None, "en", "", False))
    assert not read_inputs(FileDoor.open(plan))[0].settings.get("plan_id")
    settings_part = sheet_parts(plan)[SHEET_BY_KEY["settings"].name("en")]
    before = members(plan)
    history_refresh(plan, backup=False)
    plan_id = read_inputs(FileDoor.open(plan))[0].settings["plan_id"]
    assert len(plan_id) == 36 and history(plan)[0].plan_id == plan_id
    assert members(plan)[settings_part] != before[settings_part]


def test_the_live_door_records_the_same_history(tmp_path):
    plan = copy_plan(tmp_path)
    edit_cells(plan, {where(plan, "employees", 1, "weight"): 0.9})
    book = load_book(plan)
    book.fullname = str(plan)  # a saved workbook: its store is beside it
    done = refresh(LiveDoor(book), book.name, record=recorder())
    assert done.written
    latest = history(plan)[0]
    assert latest.number == 2 and latest.changes[0].key == "Olga Kuznetsova"


def test_an_unsaved_workbook_refreshes_without_history(tmp_path):
    plan = copy_plan(tmp_path)
    edit_cells(plan, {where(plan, "employees", 1, "weight"): 0.9})
    book = load_book(plan)  # fullname "plan.xlsx": not saved anywhere yet
    done = refresh(LiveDoor(book), book.name, when=dt.datetime(2026, 11, 28), record=recorder())
    assert done.written
    assert any(
        w.startswith("history not recorded: the workbook is not saved") for w in done.warnings
    )
    assert len(history(plan)) == 1


def test_the_command_line_help_loads_neither_pandas_nor_sqlalchemy():
    code = (
        "import sys\n"
        "from xlsalesplan.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'sqlalchemy', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
