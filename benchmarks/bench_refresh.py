"""Benchmark of ``xlsalesplan refresh`` on a plan with 1,000 employees × 12 months.

The plan is the demo scaled up: the demo's twelve regions each get targets and a team, a
thousand employees in all, with half a year of actuals. It is written as a file the way
``xlsalesplan demo`` writes one, then :func:`~xlsalesplan.io.files.refresh_file` runs on it
(read, check, compute, write the outputs into the XML, save). The baseline is what XlsxWriter
needs to write the same output cells (every output table's rows, formulas with their cached
values) into a new workbook, measured in the same run. Targets: ratio ≤ 1.5, under 5 s.
"refresh, writing only" times just the refresh's writing of those cells into the existing file
(outputs computed beforehand), the like-for-like comparison with the baseline.

Run ``python -m benchmarks.bench_refresh`` or ``python benchmarks/bench_refresh.py``;
``--profile`` prints the refresh's top costs (cProfile).
"""

from __future__ import annotations

import atexit
import cProfile
import datetime as dt
import functools
import io
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import xlsxwriter

if __package__ in (None, ""):  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_core import Result, best_seconds, peak_mib, table
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.files import refresh_file, workbook_bytes
from xlsalesplan.io.layout import TABLE_OF_MODEL
from xlsalesplan.io.native import source_of
from xlsalesplan.io.ooxml.cells import Formula
from xlsalesplan.io.planio import fingerprint, stamp_text
from xlsalesplan.io.refresh import output_rows, planned
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import MONTHS, PlanInputs, frame

EMPLOYEES = 1_000
REPEAT = 3
LANG = "ru"


def scaled_inputs(employees: int = EMPLOYEES, year: int = 2026) -> PlanInputs:
    """The demo with ``employees`` spread over its regions, targets scaled to the teams."""
    inputs = demo_inputs(LANG, year)
    rng = np.random.default_rng(7)
    regions = list(inputs.regions["region"])
    tiers = list(inputs.tiers["tier"])
    # Tier mix of the demo: most people close deals, fewer manage accounts or generate leads.
    tier_of = rng.choice(len(tiers), employees, p=[0.15, 0.45, 0.25, 0.15])
    region_of = np.sort(rng.integers(0, len(regions), employees))
    region_of[: len(regions)] = np.arange(len(regions))  # every region has a team
    rows = []
    for i in range(employees):
        hired = dt.date(year - 1 - int(rng.integers(0, 8)), int(rng.integers(1, 13)), 1)
        if i % 25 == 0:
            hired = dt.date(year, int(rng.integers(1, 10)), 1)  # new hires during the year
        lead_generation = tier_of[i] == 0
        weight = 0.0 if lead_generation else float(rng.choice([0.6, 0.8, 1.0, 1.2]))
        if not lead_generation:
            weight = max(weight, 0.6)
        rows.append(
            [
                f"Сотрудник {i + 1:04d}",
                tiers[tier_of[i]],
                regions[region_of[i]],
                hired,
                weight,
                None,
            ]
        )
    employees_frame = frame("employees", rows)
    weighted = employees_frame[employees_frame["weight"] > 0]
    targets, products = [], list(inputs.seasonality["profile"])
    for region in regions:
        team = float(weighted[weighted["region"] == region]["weight"].sum())
        if team == 0:
            continue
        revenue = round(team * 9_000_000, -5)
        targets.append([region, products[0], revenue * 0.75, 450_000.0, products[0]])
        targets.append([region, products[1], revenue * 0.25, 120_000.0, products[1]])
    inputs.employees = employees_frame
    # Everyone on a bonus: the motivation sheet computed for the whole staff.
    inputs.bonus_targets = frame("bonus_targets", [[row[0], 200_000.0, None] for row in rows])
    inputs.targets = frame("targets", targets)
    inputs.actuals = frame("actuals", [])
    goals = compute(inputs).employee_goals
    actuals = []
    for _, goal in goals.iterrows():
        pace = float(np.clip(rng.normal(0.97, 0.1), 0.7, 1.25))
        months = [round(float(goal[m]) * pace, -3) if goal[m] > 0 else None for m in MONTHS[:6]]
        actuals.append([goal["employee"], *months, *[None] * 6])
    inputs.actuals = frame("actuals", actuals)
    return inputs


def write_plan(path: Path, inputs: PlanInputs) -> None:
    """The plan file as ``xlsalesplan demo`` writes one (.xlsm with the VBA project)."""
    stamp = stamp_text(LANG, dt.datetime(2026, 1, 1), fingerprint(inputs))
    path.write_bytes(workbook_bytes(inputs, compute(inputs), LANG, stamp, macros=True))


def output_cells(path: Path, inputs: PlanInputs) -> dict[str, list[list]]:
    """Every output table's rows, as the refresh writes them (values and cached formulas)."""
    door = FileDoor.open(path)
    outputs = compute(inputs)
    cells = {}
    for name, data in outputs.tables().items():
        table = TABLE_OF_MODEL[name]
        source = source_of(table.name)
        source_origin = door.table_origin(source) if source else None
        cells[table.name] = output_rows(
            table, data, door.table_origin(table.name), source_origin, LANG
        )
    return cells


def xlsxwriter_write(cells: dict[str, list[list]]) -> bytes:
    """The baseline: the same cells written by XlsxWriter into a new workbook."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    for name, rows in cells.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, Formula):
                    ws.write_formula(r, c, value.text, None, value.cached)
                elif value is not None:
                    ws.write(r, c, value)
    wb.close()
    return buffer.getvalue()


@functools.cache
def setup(employees: int = EMPLOYEES) -> tuple[Path, dict[str, list[list]], str]:
    """The scaled plan written to a temporary file, its output cells, and a size label."""
    folder = Path(tempfile.mkdtemp(prefix="bench_refresh_"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    inputs = scaled_inputs(employees)
    plan = folder / "Plan.xlsm"
    write_plan(plan, inputs)
    cells = output_cells(plan, inputs)
    rows = sum(len(r) for r in cells.values())
    return plan, cells, f"{employees:,} × 12, {rows:,} rows"


def bench_xlsxwriter() -> Result:
    _, cells, size = setup()
    run = functools.partial(xlsxwriter_write, cells)
    return Result("XlsxWriter, same cells", size, best_seconds(run, REPEAT), peak_mib(run))


def bench_refresh() -> Result:
    plan, cells, size = setup()
    run = functools.partial(refresh_file, plan, backup=False, force=True)
    seconds = best_seconds(run, REPEAT)
    baseline = best_seconds(functools.partial(xlsxwriter_write, cells), REPEAT)
    return Result("refresh_file", size, seconds, peak_mib(run), seconds / baseline)


def write_phase(plan: Path, inputs: PlanInputs, outputs) -> bytes:
    """Only the refresh's writing: open the file, write every output and stamp, save."""
    door = FileDoor.open(plan)
    stamp = stamp_text(LANG, dt.datetime(2026, 1, 1), "0" * 12)
    planned(door, plan.name, inputs, outputs, LANG, stamp).apply(door)
    buffer = io.BytesIO()
    door.pkg.save(buffer)
    return buffer.getvalue()


def bench_refresh_writing() -> Result:
    """The same cells as the baseline, written into the existing file: like against like."""
    plan, cells, size = setup()
    inputs = scaled_inputs()
    run = functools.partial(write_phase, plan, inputs, compute(inputs))
    seconds = best_seconds(run, REPEAT)
    baseline = best_seconds(functools.partial(xlsxwriter_write, cells), REPEAT)
    return Result("refresh, writing only", size, seconds, peak_mib(run), seconds / baseline)


def profile(employees: int = EMPLOYEES, top: int = 15) -> str:
    """cProfile of one refresh: the functions with the most cumulative and own time."""
    plan = setup(employees)[0]
    profiler = cProfile.Profile()
    profiler.runcall(refresh_file, plan, backup=False)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


BENCHMARKS = [bench_refresh, bench_refresh_writing, bench_xlsxwriter]


def main() -> None:
    results = [bench() for bench in BENCHMARKS]
    print(table(results))
    if "--profile" in sys.argv:
        print(profile())


if __name__ == "__main__":
    main()
