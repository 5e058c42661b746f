"""Helpers for the tests of issue 13 (approval, history, the staff's workbooks, the team)."""

from __future__ import annotations

from pathlib import Path

from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.ooxml.cells import cell_ref, sheet_range
from xlsalesplan.io.planio import read_inputs


def input_cell(plan: Path, table: str, row: int | None, column: str) -> tuple[str, str]:
    """(sheet, cell) of an input cell where it is now; ``table="settings"``, ``row=None`` and
    the setting's key for a setting's value."""
    located = read_inputs(FileDoor.open(plan))[1]
    sheet, (r, c, _, _) = sheet_range(located.addresses[table][row or 0][column])
    return sheet, cell_ref(r, c)


def setting_cell(plan: Path, key: str) -> tuple[str, str]:
    """(sheet, cell) of a setting's value."""
    return input_cell(plan, "settings", None, key)
