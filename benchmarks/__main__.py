"""Run every benchmark and print one table: ``python -m benchmarks``.

Each module under ``benchmarks/`` that defines ``BENCHMARKS`` (a list of functions returning a
``Result`` or a list of them) takes part; the machine the figures come from is printed above
the table. "× time" is the ratio of seconds to the benchmark's time baseline, "× memory" of
peak memory to its memory baseline (see each module).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
from pathlib import Path

from benchmarks.bench_core import run, table


def machine() -> str:
    """One line saying what the figures were measured on."""
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    results = []
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("bench_"):
            module = importlib.import_module(f"benchmarks.{info.name}")
            results += run(getattr(module, "BENCHMARKS", []))
    print(machine())
    print(table(results))


if __name__ == "__main__":
    main()
