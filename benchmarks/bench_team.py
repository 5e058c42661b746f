"""Benchmarks of the team's commands on plan workbooks, on SQLite and PostgreSQL.

A company of 1,000 employees in 30 regions: the company's plan workbook, and the 30 regions'
own plan workbooks (the company's cut down to each region, as ``xlsalesplan demo --region``
cuts the demo), all ``.xlsx`` files on disk with one team store. Timed, as the command line runs
them (read and check the workbook, compute, the store, write and save the workbook):

* *approve, company*: ``approve`` of the 1,000-employee plan (best of 3);
* *approve, 30 regions*: ``approve`` of each region's workbook, one after another (once);
* *publish, 30 regions*: ``publish`` of each region's approved plan to the company's (once);
* *consolidate*: ``consolidate`` of the 30 publications into the company's workbook
  (best of 3).

PostgreSQL is the server at ``XLSALESPLAN_BENCH_PG_URL`` if set, else a private cluster started
for the run with fsync on (``tests/store_fixtures.py``), as ``bench_store`` does. Peak memory is
left out (NaN): the runs are long and tracemalloc would double them.

Run ``python -m benchmarks.bench_team`` or ``python benchmarks/bench_team.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_core import Result, table
from benchmarks.bench_store import postgres_url
from xlsalesplan.io.files import workbook_bytes
from xlsalesplan.io.planio import fingerprint, stamp_text
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import PlanInputs, frame
from xlsalesplan.plan.regional import region_only
from xlsalesplan.records.team import approve_file, consolidate_file, publish_file
from xlsalesplan.store.url import sqlite_url

EMPLOYEES, REGIONS, REPEAT = 1_000, 30, 3
LANG = "ru"


def company_inputs(employees: int = EMPLOYEES, regions: int = REGIONS) -> PlanInputs:
    """The demo grown to ``regions`` regions and ``employees`` people, targets sized to teams."""
    inputs = demo_inputs(LANG)
    year = int(inputs.settings["plan_year"])
    rng = np.random.default_rng(13)
    known = inputs.regions.to_dict("records")
    rows = []
    for i in range(regions):
        row = dict(known[min(i, len(known) - 1)])
        if i >= len(known):
            row.update(region=f"Регион {i + 1:02d}", rollout_order=i + 1, opening=None)
        rows.append(row)
    inputs.regions = frame("regions", rows)
    names = [r["region"] for r in rows]
    tiers = list(inputs.tiers["tier"])
    tier_of = rng.choice(len(tiers), employees, p=[0.15, 0.45, 0.25, 0.15])
    region_of = np.sort(rng.integers(0, regions, employees))
    region_of[:regions] = np.arange(regions)  # every region has a team ...
    tier_of[:regions] = 1  # ... led by a seller employed before the plan year
    staff = []
    for i in range(employees):
        hired = dt.date(year - 1 - int(rng.integers(0, 8)), int(rng.integers(1, 13)), 1)
        if i >= regions and i % 25 == 0:
            hired = dt.date(year, int(rng.integers(1, 10)), 1)
        weight = 0.0 if tier_of[i] == 0 else float(rng.choice([0.6, 0.8, 1.0, 1.2]))
        staff.append(
            [f"Сотрудник {i + 1:04d}", tiers[tier_of[i]], names[region_of[i]], hired, weight, None]
        )
    inputs.employees = frame("employees", staff)
    products = list(inputs.seasonality["profile"])
    targets = []
    for region in names:
        team = sum(s[4] for s in staff if s[2] == region)
        revenue = round(max(team, 0.6) * 9_000_000, -5)
        targets.append([region, products[0], revenue * 0.75, 450_000.0, products[0]])
        targets.append([region, products[1], revenue * 0.25, 120_000.0, products[1]])
    inputs.targets = frame("targets", targets)
    inputs.actuals = frame("actuals", [])
    inputs.bonus_targets = frame("bonus_targets", [])
    inputs.client_sales = frame("client_sales", [])
    return inputs


def write_plan(path: Path, inputs: PlanInputs) -> Path:
    stamp = stamp_text(LANG, dt.datetime(2026, 1, 1), fingerprint(inputs))
    path.write_bytes(workbook_bytes(inputs, compute(inputs), LANG, stamp, macros=False))
    return path


def workbooks(folder: Path, url: str) -> tuple[Path, list[Path]]:
    """The company's workbook and the 30 regions' own, all using the team store ``url``."""
    company = company_inputs()
    company_id = str(uuid.uuid4())
    company.settings.update(plan_id=company_id, store_url=url)
    regional = []
    for region in company.regions["region"]:
        inputs = region_only(company, region)
        inputs.settings.update(plan_id=str(uuid.uuid4()), company_plan=company_id)
        regional.append(write_plan(folder / f"{region}.xlsx", inputs))
    return write_plan(folder / "Company.xlsx", company), regional


def once(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def best(run: Callable[[], object]) -> float:
    return min(once(run) for _ in range(REPEAT))


def bench_engine(engine: str, url: str) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench_team_") as tmp:
        company, regional = workbooks(Path(tmp), url)
        people = f"{EMPLOYEES:,} employees"
        approve_company = best(lambda: approve_file(company, "Генеральный директор"))
        approve_regions = once(lambda: [approve_file(p, "Руководитель региона") for p in regional])
        publish_regions = once(lambda: [publish_file(p) for p in regional])
        done = consolidate_file(company)
        assert len(done.regions) == REGIONS and done.total == done.own_total, done
        consolidate = best(lambda: consolidate_file(company))
        shutil.rmtree(tmp, ignore_errors=True)
    nan, files = math.nan, f"{REGIONS} region workbooks"
    return [
        Result(f"approve, {engine}", f"company, {people}", approve_company, nan),
        Result(f"approve ×{REGIONS}, {engine}", files, approve_regions, nan),
        Result(f"publish ×{REGIONS}, {engine}", files, publish_regions, nan),
        Result(f"consolidate, {engine}", f"{REGIONS} regions into 1", consolidate, nan),
    ]


FIGURES = 4


@functools.cache
def bench_team() -> tuple[Result, ...]:
    """Every figure on both engines; PostgreSQL's are NaN, with the reason, where it is missing."""
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        results = bench_engine("SQLite", sqlite_url(Path(folder) / "team.xlsalesplan.sqlite"))
        try:
            url = postgres_url(stack)
        except Exception as exc:
            print(f"PostgreSQL left out: {str(exc).splitlines()[0]}", file=sys.stderr)
            missing = [
                Result(r.name.replace("SQLite", "PostgreSQL"), "not available", math.nan, math.nan)
                for r in results
            ]
            return (*results, *missing)
        return (*results, *bench_engine("PostgreSQL", url))


BENCHMARKS: list[Callable[[], Result]] = [
    functools.partial(lambda i: bench_team()[i], i) for i in range(2 * FIGURES)
]


def main() -> None:
    print(table(list(bench_team())))


if __name__ == "__main__":
    main()
