"""Benchmarks of the numeric core: DECOMPOSE of a million weights and BALANCE of 10,000 × 12.

Run ``python -m benchmarks.bench_core`` or ``python benchmarks/bench_core.py``. Each benchmark is
a function returning a :class:`Result`; :data:`BENCHMARKS` lists them and :func:`table` prints
any list of results, so other modules can add theirs and one runner can print everything.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import holidays
import numpy as np

if __package__ in (None, ""):  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xlsalesplan.core.balance import balance
from xlsalesplan.core.calendar import workdays
from xlsalesplan.core.decompose import decompose

REPEAT = 7


@dataclass
class Result:
    name: str
    size: str
    seconds: float  # best of a few runs
    peak_mib: float  # peak memory: Python's (tracemalloc) here, the process's in bench_refresh
    ratio: float | None = None  # seconds / seconds of the baseline, where there is one
    memory_ratio: float | None = None  # peak / peak of the memory baseline, where there is one


def best_seconds(run: Callable[[], object], repeat: int = REPEAT) -> float:
    """Fastest of ``repeat`` runs: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mib(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(
    name: str, size: str, run: Callable[[], object], baseline=None, repeat: int = REPEAT
) -> Result:
    """Best time of ``run`` and, with a baseline, the ratio of the two best times. Runs and
    baseline runs alternate, so that both see the same moments of the shared machine."""
    if baseline is None:
        return Result(name, size, best_seconds(run, repeat), peak_mib(run))
    times: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        times.append(best_seconds(run, 1))
        base.append(best_seconds(baseline, 1))
    return Result(name, size, min(times), peak_mib(run), min(times) / min(base))


def bare_largest_remainder(total: float, weights: np.ndarray) -> np.ndarray:
    """The least a largest-remainder split must do: quotas, floor, pick the largest remainders."""
    quotas = weights * (total / weights.sum())
    parts = np.floor(quotas)
    missing = int(total - parts.sum())
    parts[np.argpartition(parts - quotas, missing)[:missing]] += 1
    return parts


def bench_decompose(n: int = 1_000_000) -> Result:
    weights = np.random.default_rng(1).random(n)
    total = 12_345_678.0
    return measure(
        "decompose, decimals=0",
        f"{n:,} weights",
        lambda: decompose(total, weights, 0),
        baseline=lambda: bare_largest_remainder(total, weights),
    )


def balance_problem(rows: int, cols: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Yearly goals of ``rows`` employees, a seasonal company plan over ``cols`` periods, and a
    seed with some empty months (hires and leavers)."""
    rng = np.random.default_rng(2)
    row_totals = rng.integers(100_000, 5_000_000, rows).astype(float)
    season = rng.random(cols) + 0.5
    col_totals = np.floor(row_totals.sum() * season / season.sum())
    col_totals[0] += row_totals.sum() - col_totals.sum()
    seed = rng.random((rows, cols)) + 0.5
    seed[rng.random((rows, cols)) < 0.05] = 0.0
    return row_totals, col_totals, seed


def bench_balance(rows: int = 10_000, cols: int = 12) -> Result:
    """BALANCE rounded to whole units against the plain fit (IPF) of the same problem: the
    ratio is what the controlled rounding costs on top of the fitting."""
    row_totals, col_totals, seed = balance_problem(rows, cols)
    return measure(
        "balance, decimals=0",
        f"{rows:,} × {cols}",
        lambda: balance(row_totals, col_totals, seed, 0),
        baseline=lambda: balance(row_totals, col_totals, seed),
        repeat=60,
    )


def bench_balance_weeks() -> Result:
    return bench_balance(10_000, 52)


def bench_workdays(n: int = 100_000) -> Result:
    """Periods as a planner's range: a column of dates arriving as a list of rows."""
    rng = np.random.default_rng(3)
    first = dt.date(2025, 1, 1).toordinal()
    starts = [dt.date.fromordinal(first + int(d)) for d in rng.integers(0, 600, n)]
    ends = [
        s + dt.timedelta(days=int(d)) for s, d in zip(starts, rng.integers(0, 90, n), strict=True)
    ]
    column_starts, column_ends = [[s] for s in starts], [[e] for e in ends]
    days_off = np.array(
        sorted(holidays.country_holidays("RU", years=[2025, 2026, 2027])), dtype="datetime64[D]"
    )
    s64, e64 = np.array(starts, "datetime64[D]"), np.array(ends, "datetime64[D]")
    return measure(
        "workdays, RU calendar",
        f"{n:,} periods",
        lambda: workdays(column_starts, column_ends),
        # numpy's business-day count with the same days off, on ready-made date arrays
        baseline=lambda: np.busday_count(s64, e64 + 1, holidays=days_off),
    )


BENCHMARKS: list[Callable[[], Result]] = [
    bench_decompose,
    bench_balance,
    bench_balance_weeks,
    bench_workdays,
]


def table(results: list[Result]) -> str:
    head = (
        f"{'benchmark':<24} {'size':>24} {'seconds':>9} {'peak MiB':>9} {'× time':>7} "
        f"{'× memory':>9}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        memory = "" if r.memory_ratio is None else f"{r.memory_ratio:.2f}"
        peak = "" if math.isnan(r.peak_mib) else f"{r.peak_mib:.1f}"  # nan: not measured
        line = f"{r.name:<24} {r.size:>24} {r.seconds:>9.4f} {peak:>9} {ratio:>7}"
        lines.append(f"{line} {memory:>9}".rstrip())
    return "\n".join(lines)


def run(benchmarks: list[Callable[[], Result | list[Result]]]) -> list[Result]:
    """Every benchmark's results, in order (a benchmark gives one result or a list)."""
    results: list[Result] = []
    for bench in benchmarks:
        found = bench()
        results += found if isinstance(found, list) else [found]
    return results


def main() -> None:
    print(table(run(BENCHMARKS)))


if __name__ == "__main__":
    main()
