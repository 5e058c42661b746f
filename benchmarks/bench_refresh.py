"""Benchmarks of ``xlsalesplan refresh`` and ``check`` on plans of 1,000 and 10,000 employees.

The plan is the demo scaled up: the demo's twelve regions each get targets and a team, with
half a year of actuals. It is written as a file the way ``xlsalesplan demo`` writes one, then
:func:`~xlsalesplan.io.files.refresh_file` runs on it end to end (read, check, compute, write
the outputs into the XML, save atomically). Baselines, measured in the same run:

* for the refresh's time, XlsxWriter writing the same output cells (every output table's rows,
  formulas with their cached values) into a new workbook — target ratio ≤ 1;
* for its memory, openpyxl loading and saving the same file — target ratio ≤ 1;
* for :func:`~xlsalesplan.io.files.check_file`, python-calamine (the Rust reader) reading every
  sheet of the file — target ratio ≤ 2.

Each case runs in a process of its own (:mod:`benchmarks.worker`): seconds are the best of a
few runs, memory is the peak resident size (``VmHWM``) of a process that runs the case once,
everything it holds, imports included. A case and its baseline alternate, so both see the
same moments of the shared machine.

Run ``python -m benchmarks.bench_refresh`` or ``python benchmarks/bench_refresh.py``;
``--profile`` prints the refresh's top costs at 10,000 employees (cProfile).
"""

from __future__ import annotations

import atexit
import cProfile
import datetime as dt
import functools
import importlib.util
import io
import json
import pickle
import pstats
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_core import Result, run, table
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.files import refresh_file, workbook_bytes
from xlsalesplan.io.layout import TABLE_OF_MODEL
from xlsalesplan.io.native import source_of
from xlsalesplan.io.ooxml.cells import Formula
from xlsalesplan.io.planio import fingerprint, stamp_text
from xlsalesplan.io.refresh import output_rows
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import MONTHS, PlanInputs, frame

SIZES = (1_000, 10_000)
ROUNDS = 2  # a case and its baseline alternate this many times
REPEAT = {100: 5, 1_000: 7, 10_000: 3}  # runs per process
LANG = "ru"
ROOT = Path(__file__).resolve().parents[1]


def scaled_inputs(employees: int = 1_000, year: int = 2026) -> PlanInputs:
    """The demo with ``employees`` spread over its regions, targets scaled to the teams.

    Any size from one employee per region up works: each region's first employee is a seller
    hired before the plan year, so every region can carry every month of its plan.
    """
    inputs = demo_inputs(LANG, year)
    rng = np.random.default_rng(7)
    regions = list(inputs.regions["region"])
    tiers = list(inputs.tiers["tier"])
    if employees < len(regions):
        raise ValueError(f"at least {len(regions)} employees: one per region")
    # Tier mix of the demo: most people close deals, fewer manage accounts or generate leads.
    tier_of = rng.choice(len(tiers), employees, p=[0.15, 0.45, 0.25, 0.15])
    region_of = np.sort(rng.integers(0, len(regions), employees))
    anchors = np.arange(len(regions))
    region_of[anchors] = anchors  # every region has a team ...
    tier_of[anchors] = 1  # ... led by someone closing deals
    rows = []
    for i in range(employees):
        hired = dt.date(year - 1 - int(rng.integers(0, 8)), int(rng.integers(1, 13)), 1)
        if i % 25 == 0 and i >= len(regions):
            hired = dt.date(year, int(rng.integers(1, 10)), 1)  # new hires during the year
        lead_generation = tier_of[i] == 0
        weight = 0.0 if lead_generation else float(rng.choice([0.6, 0.8, 1.0, 1.2]))
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
        table_ = TABLE_OF_MODEL[name]
        source = source_of(table_.name)
        source_origin = door.table_origin(source) if source else None
        cells[table_.name] = output_rows(
            table_, data, door.table_origin(table_.name), source_origin, LANG
        )
    return cells


def xlsxwriter_write(cells: dict[str, list[list]]) -> bytes:
    """The baseline: the same cells written by XlsxWriter into a new workbook.

    Formulas come as ``("=", text, cached)``, so that the measured process needs nothing of
    xlsalesplan (see :func:`plain_cells`).
    """
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    for name, rows in cells.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if type(value) is tuple:
                    ws.write_formula(r, c, value[1], None, value[2])
                elif value is not None:
                    ws.write(r, c, value)
    wb.close()
    return buffer.getvalue()


def plain_cells(cells: dict[str, list[list]]) -> dict[str, list[list]]:
    """The cells with each :class:`Formula` as a plain ``("=", text, cached)`` tuple."""

    def plain(value):
        return ("=", value.text, value.cached) if isinstance(value, Formula) else value

    return {name: [[plain(v) for v in row] for row in rows] for name, rows in cells.items()}


@functools.cache
def folder() -> Path:
    path = Path(tempfile.mkdtemp(prefix="bench_refresh_"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.cache
def setup(employees: int) -> tuple[Path, Path, str]:
    """The scaled plan written to a file, its output cells pickled, and a size label."""
    inputs = scaled_inputs(employees)
    plan = folder() / f"Plan{employees}.xlsm"
    write_plan(plan, inputs)
    cells = output_cells(plan, inputs)
    pickled = folder() / f"cells{employees}.pickle"
    pickled.write_bytes(pickle.dumps(plain_cells(cells)))
    rows = sum(len(r) for r in cells.values())
    return plan, pickled, f"{employees:,} × 12, {rows:,} rows"


def measured(case: str, file: Path, repeat: int) -> tuple[float, float]:
    """(best seconds, peak MiB) of one case in a fresh process (:mod:`benchmarks.worker`)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.worker", case, str(file), str(repeat)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["seconds"], result["peak_mib"]


def side_by_side(pairs: list[tuple[str, Path]], repeat: int) -> list[tuple[float, float]]:
    """The cases measured in turns, ``ROUNDS`` times, for their best seconds; then each once
    more, alone in a process, for its peak memory (runs after the first would add what the
    earlier ones left behind)."""
    best = [float("inf")] * len(pairs)
    for _ in range(ROUNDS):
        for i, (case, file) in enumerate(pairs):
            best[i] = min(best[i], measured(case, file, repeat)[0])
    return [
        (seconds, measured(case, file, 1)[1])
        for seconds, (case, file) in zip(best, pairs, strict=True)
    ]


def memory_baseline(plan: Path) -> tuple[float, float]:
    """openpyxl loading and saving the plan, once: its peak memory is the baseline, not its time."""
    return measured("openpyxl", plan, 1)


def bench_refresh() -> list[Result]:
    """refresh_file against XlsxWriter (time) and openpyxl load + save (memory), per size."""
    results = []
    for employees in SIZES:
        plan, pickled, size = setup(employees)
        cases = [("refresh", plan), ("xlsxwriter", pickled)]
        (ours, peak), (writer, writer_peak) = side_by_side(cases, REPEAT[employees])
        opx, opx_peak = memory_baseline(plan)
        results += [
            Result("refresh_file", size, ours, peak, ours / writer, peak / opx_peak),
            Result("XlsxWriter, same cells", size, writer, writer_peak),
            Result("openpyxl load + save", size, opx, opx_peak),
        ]
    return results


def bench_check() -> list[Result]:
    """check_file against python-calamine reading the whole file."""
    if importlib.util.find_spec("python_calamine") is None:
        print("(check vs calamine skipped: pip install -r benchmarks/requirements.txt)")
        return []
    results = []
    for employees in SIZES:
        plan, _, size = setup(employees)
        cases = [("check", plan), ("calamine", plan)]
        (ours, peak), (reader, reader_peak) = side_by_side(cases, REPEAT[employees])
        results += [
            Result("check_file", size, ours, peak, ours / reader),
            Result("python-calamine read", size, reader, reader_peak),
        ]
    return results


def bench_small() -> list[Result]:
    """The smallest plan the benchmark makes: the generator works from 100 employees."""
    plan, _, size = setup(100)
    ((seconds, peak),) = side_by_side([("refresh", plan)], REPEAT[100])
    return [Result("refresh_file", size, seconds, peak)]


def profile(employees: int = 10_000, top: int = 20) -> str:
    """cProfile of one refresh: the functions with the most cumulative and own time."""
    plan = setup(employees)[0]
    copy = folder() / "profiled.xlsm"
    shutil.copyfile(plan, copy)
    profiler = cProfile.Profile()
    profiler.runcall(refresh_file, copy, backup=False, force=True)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# Each returns a list of results (bench_core's return one).
BENCHMARKS = [bench_small, bench_refresh, bench_check]


def main() -> None:
    print(table(run(BENCHMARKS)))
    if "--profile" in sys.argv:
        print(profile())


if __name__ == "__main__":
    main()
