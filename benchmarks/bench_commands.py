"""Whole commands as a planner runs them: ``xlsalesplan --help`` and ``xlsalesplan demo``.

Each is a new process, timed from start to exit (best of several runs), with its peak resident
memory; the ratio is against the target (0.3 s to answer ``--help``, 0.5 s to write the demo),
so below 1 meets it. ``python -m benchmarks.bench_commands``.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_core import Result, table

REPEAT = 7
TARGETS = {"help": 0.3, "demo": 0.5}


def _command() -> list[str]:
    found = shutil.which("xlsalesplan")
    return [found] if found else [sys.executable, "-m", "xlsalesplan"]


def _timed(args: list[str], folder: Path) -> tuple[float, float]:
    """Best seconds and the largest peak MiB of ``REPEAT`` runs of a command."""
    best, peak = float("inf"), 0.0
    for _ in range(REPEAT):
        for old in folder.glob("*.xlsm"):
            old.unlink()
        start = time.perf_counter()
        subprocess.run(args, cwd=folder, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return best, peak


def bench_commands() -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, args in (("help", ["--help"]), ("demo", ["demo", "plan.xlsm"])):
            seconds, peak = _timed([*_command(), *args], folder)
            label = f"xlsalesplan {args[0]}"
            size = f"target {TARGETS[name]} s"
            results.append(Result(label, size, seconds, peak, seconds / TARGETS[name]))
    return results


BENCHMARKS = [bench_commands]


if __name__ == "__main__":
    print(table(bench_commands()))
