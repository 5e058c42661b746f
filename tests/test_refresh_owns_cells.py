"""Property: whatever a planner types outside the cells refresh owns survives a refresh, byte for
byte in value, and refresh never writes a cell it does not own.

Hypothesis picks cells anywhere on the plan's sheets — beside, above and below the tables and
blocks, on every sheet — and values of every kind; the cells owned by refresh (output tables,
the blocks its defined names mark) are skipped. The inputs are then changed so that refresh has
work to do, the file is refreshed, and each planted cell must read back exactly as planted.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_fixtures import edit_cells

from xlsalesplan.io import files
from xlsalesplan.io.layout import SHEETS
from xlsalesplan.io.ooxml.cells import cell_ref, parse_range, sheet_range
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import tables

DEMO = Path(tempfile.mkdtemp(prefix="owns-")) / "demo.xlsx"
SHEET_NAMES = [s.name("en") for s in SHEETS] + ["Dashboard"]


@cache
def demo() -> Path:
    return files.write_demo(DEMO, "en")


@cache
def owned() -> dict[str, list[tuple[int, int, int, int]]]:
    """Every rectangle refresh may write, by sheet: output tables (with room to grow) and
    the blocks of its defined names; input tables too, which are the planner's data."""
    pkg = Package.open(demo())
    found: dict[str, list[tuple[int, int, int, int]]] = {}
    for table in tables(pkg):
        r0, c0, r1, c1 = parse_range(table.ref)
        found.setdefault(table.sheet_name, []).append((r0, c0, r1 + 100, c1))
    for name in pkg.defined_names:
        where = sheet_range(name.text) if name.name.startswith("xlsp_") else None
        if where:
            found.setdefault(where[0], []).append(where[1])
    return found


def free(sheet: str, row: int, col: int) -> bool:
    return not any(r0 <= row <= r1 and c0 <= col <= c1 for r0, c0, r1, c1 in owned().get(sheet, []))


values = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
        lambda s: s.strip() == s and s
    ),
    st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 6)),
    st.integers(-1000, 100000).map(float),
)
plantings = st.lists(
    st.tuples(st.sampled_from(SHEET_NAMES), st.integers(1, 80), st.integers(1, 60), values),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plantings)
def test_cells_outside_the_owned_ones_survive_a_refresh(planted):
    planted = [(s, r, c, v) for s, r, c, v in planted if free(s, r, c)]
    work = Path(tempfile.mkdtemp(prefix="owns-")) / "plan.xlsx"
    shutil.copy(demo(), work)
    cells = {(sheet, cell_ref(r, c)): value for sheet, r, c, value in planted}
    # The plan changes too, so that refresh rewrites its outputs.
    cells[("Sales plan", "C6")] = 190_000_000.0
    edit_cells(work, cells)
    files.refresh_file(work, backup=False)
    pkg = Package.open(work)
    for (sheet, ref), value in cells.items():
        if (sheet, ref) == ("Sales plan", "C6"):
            continue
        assert Sheet(pkg, sheet).read(ref)[0][0] == value, (sheet, ref)
