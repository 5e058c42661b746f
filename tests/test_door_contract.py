"""The door contract: every door to a workbook answers the same cases with the same cells.

A plan's code talks to a workbook only through a door (``io.doors.door.Door``): the file on
disk and a workbook open in Excel (xlwings; in xlwings Lite the same class over Lite's book).
Each case below runs against every door opened on the same plan — the file door on the file,
the live door on a recording stand-in of an xlwings Book loaded from that file — and the
answers must be equal: headers, cells and their addresses, origins, defined names, blocks,
writes read back, and tables with no data rows.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from live_fixtures import FakeTable, load_book
from workbook_fixtures import built

from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.doors.livedoor import LiveDoor
from xlsalesplan.io.ooxml.cells import Formula
from xlsalesplan.io.planio import read_inputs

__all__ = ["built"]  # the session fixture, imported for pytest

Open = Callable[[Path], object]
DOORS: dict[str, Open] = {
    "file": lambda path: FileDoor.open(path),
    "live": lambda path: LiveDoor(load_book(path)),
}


@pytest.fixture
def plan(built, tmp_path) -> Path:
    return Path(shutil.copy(built.demo("en", ".xlsx"), tmp_path / "plan.xlsx"))


def answers(door) -> dict[str, object]:
    headers, rows = door.read_table("tblRegions")
    return {
        "header": door.read_header("tblEmployees"),
        "regions": (headers, [[(c.where, c.value) for c in row] for row in rows]),
        "origin": door.table_origin("tblROI"),
        "name": door.defined_name("xlsp_dash_months"),
        "no name": door.defined_name("no_such_name"),
        "block": door.read_block("Dashboard", 5, 2, 6, 3),
        "date1904": door.date1904,
    }


def test_every_door_answers_alike(plan):
    found = {kind: answers(open_(plan)) for kind, open_ in DOORS.items()}
    assert found["file"] == found["live"]
    assert found["file"]["name"] == ("Dashboard", (5, 2, 16, 3))
    block = found["file"]["block"]
    assert isinstance(block[0][0], Formula) and "tblEmployeeGoals" in block[0][0].text


@pytest.mark.parametrize("kind", list(DOORS))
def test_writes_read_back(plan, kind):
    door = DOORS[kind](plan)
    rows = [
        ["Stage A", "stage", 46031.0, 46044.0, "PM", 2.0],
        ["Stage B", "stage", 46045.0, 46058.0, "PM", 2.0],
    ]
    door.write_table("tblRoadmap", rows)
    _, back = door.read_table("tblRoadmap")
    assert [[c.value for c in row] for row in back] == rows
    door.write_block("Dashboard", 60, 5, [[Formula("1+1", 2.0), "note"]])
    ((written, note),) = door.read_block("Dashboard", 61, 6, 61, 7)
    # The text is what a door keeps; the value is Excel's (a file keeps the one written).
    assert isinstance(written, Formula) and written.text == "1+1" and note == "note"
    door.write_table("tblRoadmap", [])  # an Excel table keeps one empty row
    _, back = door.read_table("tblRoadmap")
    assert [[c.value for c in row] for row in back] in ([], [[None] * 6])


def test_a_table_with_no_data_rows_reads_as_empty_through_every_door(plan):
    # Excel hands a table whose rows were all deleted to xlwings without a data body; in the
    # file, such a table's range is its header row alone.
    from xlsalesplan.io.ooxml.package import Package
    from xlsalesplan.io.ooxml.tables import find_table

    pkg = Package.open(plan)
    stages = find_table(pkg, "tblStages")
    r0 = stages.bounds[0]
    stages.sheet.clear(stages.data_ref, keep_style=False)
    stages.root.set("ref", f"{stages.ref.split(':')[0]}:{stages.ref.split(':')[1][0]}{r0}")
    autofilter = stages.root.find("{*}autoFilter")  # only where the filter buttons are on
    if autofilter is not None:
        autofilter.set("ref", stages.root.get("ref"))
    pkg.touch(stages.part)
    pkg.save(plan)
    file_inputs, _ = read_inputs(FileDoor.open(plan))
    book = load_book(plan)
    table = book.sheets["Roadmap"].tables["tblStages"]
    assert isinstance(table, FakeTable) and table.data_body_range is None
    live_inputs, _ = read_inputs(LiveDoor(book))
    assert len(file_inputs.stages) == len(live_inputs.stages) == 0
    assert file_inputs.settings == live_inputs.settings
