"""Benchmarks of the plan store on SQLite and PostgreSQL.

For each engine: *approve* of a 1,000-employee company plan (goals 1,000 × 12 and 30 region
plans), *publish* of 30 region versions (each region's approved version, read from its own
SQLite store, copied into the team store: 30 transactions), *consolidate* of those 30 regions,
and *open* of an existing store (connect and check the schema revision). Seconds, best of 3.

PostgreSQL is the server at ``XLSALESPLAN_BENCH_PG_URL`` if set (a database the benchmark may
write into), else a private cluster started for the run as the tests start theirs
(``tests/store_fixtures.py``), with fsync on so that commits cost what they cost. Where
PostgreSQL is missing its rows are left out and the reason is printed.

Run ``python -m benchmarks.bench_store`` or ``python benchmarks/bench_store.py``.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_core import Result, peak_mib, table
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.store import Version, open_store
from xlsalesplan.store.url import sqlite_url

ROOT = Path(__file__).resolve().parents[1]
EMPLOYEES, REGIONS, REPEAT = 1_000, 30, 3
PG_ENV = "XLSALESPLAN_BENCH_PG_URL"


def company_plan() -> tuple[pd.DataFrame, pd.DataFrame]:
    """1,000 employees over 30 regions, whole-rouble month goals, and the regions' sums."""
    rng = np.random.default_rng(11)
    region_of = np.sort(rng.integers(0, REGIONS, EMPLOYEES))
    region_of[:REGIONS] = np.arange(REGIONS)  # every region has people
    names = [f"Регион {r + 1:02d}" for r in range(REGIONS)]
    months = np.round(rng.uniform(2e5, 3e6, (EMPLOYEES, 12)))
    goals = pd.DataFrame(months, columns=MONTHS)
    goals.insert(0, "region", [names[r] for r in region_of])
    goals.insert(0, "role", rng.choice(["Лидогенерация", "Закрытие сделок", "Ведение"], EMPLOYEES))
    goals.insert(0, "employee", [f"Сотрудник {i:04d}" for i in range(EMPLOYEES)])
    regions = goals.groupby("region", sort=True)[MONTHS].sum().reset_index()
    return goals, regions


def best_of(setup: Callable[[], object], run: Callable[[object], object]) -> float:
    """Fastest of REPEAT runs, each after its own (untimed) setup."""
    times = []
    for _ in range(REPEAT):
        prepared = setup()
        start = time.perf_counter()
        run(prepared)
        times.append(time.perf_counter() - start)
    return min(times)


def regional_versions(folder: Path, goals: pd.DataFrame, regions: pd.DataFrame) -> list[Version]:
    """Each region's plan approved in the regions' own SQLite store (outside the timings)."""
    with open_store(sqlite_url(folder / "regions.xlsalesplan.sqlite")) as own:
        return [
            own.approve(
                str(uuid.uuid4()),
                name,
                "Руководитель региона",
                "fp",
                goals[goals["region"] == name].reset_index(drop=True),
                regions[regions["region"] == name].reset_index(drop=True),
            )
            for name in regions["region"]
        ]


FIGURES = ["approve", "publish", "consolidate", "open"]


def bench_engine(engine: str, url: str, versions: list[Version]) -> list[Result]:
    """The four figures on one engine, in the order of FIGURES."""
    goals, regions = company_plan()
    with open_store(url) as store:
        plan = str(uuid.uuid4())

        def approve(_: object = None) -> None:
            store.approve(plan, "ООО Вектор", "Генеральный директор", "fp", goals, regions)

        def new_company() -> str:  # a fresh company plan each time: republishing is a no-op
            return str(uuid.uuid4())

        def publish(company: str) -> None:
            for version in versions:
                store.publish(company, version.scope, version)

        company = new_company()
        publish(company)
        assert len(store.consolidate(company)[0]) == EMPLOYEES

        def consolidate(_: object = None) -> None:
            store.consolidate(company)

        def reopen(_: object = None) -> None:
            open_store(url).close()

        runs = [
            ("approve", f"{EMPLOYEES:,} employees", lambda: None, approve, approve),
            ("publish", f"{REGIONS} regions", new_company, publish, lambda: publish(new_company())),
            ("consolidate", f"{REGIONS} regions", lambda: None, consolidate, consolidate),
            ("open", "existing store", lambda: None, reopen, reopen),
        ]
        return [
            Result(f"{name}, {engine}", size, best_of(setup, run), peak_mib(once))
            for name, size, setup, run, once in runs
        ]


def postgres_url(stack: contextlib.ExitStack) -> str:
    """A database for the benchmark: the given server, or a private cluster for this run."""
    if os.environ.get(PG_ENV):
        return os.environ[PG_ENV]
    sys.path.insert(0, str(ROOT / "tests"))
    from store_fixtures import PostgresCluster  # the tests' cluster, here with fsync on

    cluster = stack.enter_context(PostgresCluster(durable=True))
    return cluster.new_database("bench")


@functools.cache
def bench_store() -> tuple[Result, ...]:
    """Every figure on both engines; PostgreSQL's are NaN, with the reason, where it is missing."""
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        versions = regional_versions(Path(folder), *company_plan())
        team = sqlite_url(Path(folder) / "team.xlsalesplan.sqlite")
        results = bench_engine("SQLite", team, versions)
        try:
            url = postgres_url(stack)
        except Exception as exc:
            reason = str(exc).splitlines()[0]
            print(f"PostgreSQL left out: {reason}", file=sys.stderr)
            missing = [
                Result(f"{f}, PostgreSQL", "not available", math.nan, math.nan) for f in FIGURES
            ]
            return (*results, *missing)
        return (*results, *bench_engine("PostgreSQL", url, versions))


# The runner (python -m benchmarks) wants one function per figure; they share one measurement
# so that PostgreSQL starts once.
BENCHMARKS: list[Callable[[], Result]] = [
    functools.partial(lambda i: bench_store()[i], i) for i in range(2 * len(FIGURES))
]


def main() -> None:
    print(table(list(bench_store())))


if __name__ == "__main__":
    main()
