"""One measured case in a process of its own: ``python -m benchmarks.worker CASE FILE REPEAT``.

Prints one line of JSON: the best of ``REPEAT`` runs in seconds and the process's peak
resident memory in MiB (``VmHWM``: what the system gave the whole process, lxml's and numpy's
allocations included, not only Python's). Each case imports only what it needs, so a baseline
is not charged for our imports nor we for its.

Cases
-----
refresh    ``xlsalesplan.io.files.refresh_file`` on a copy of FILE (a plan)
check      ``xlsalesplan.io.files.check_file`` on FILE
xlsxwriter XlsxWriter writing the cells pickled in FILE into a new workbook
openpyxl   openpyxl loading FILE (macros kept) and saving it
calamine   python-calamine reading every sheet of FILE
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _refresh(path: Path, scratch: Path) -> Callable[[], object]:
    from xlsalesplan.io.files import refresh_file

    copy = scratch / path.name

    def run() -> None:
        shutil.copyfile(path, copy)  # every run refreshes the plan as it was written
        refresh_file(copy, backup=False, force=True)  # outputs rewritten even if unchanged

    return run


def _check(path: Path, scratch: Path) -> Callable[[], object]:
    from xlsalesplan.io.files import check_file

    return lambda: check_file(path)


def _xlsxwriter(path: Path, scratch: Path) -> Callable[[], object]:
    import pickle

    from benchmarks.bench_refresh import xlsxwriter_write

    cells = pickle.loads(path.read_bytes())
    return lambda: xlsxwriter_write(cells)


def _openpyxl(path: Path, scratch: Path) -> Callable[[], object]:
    import openpyxl

    def run() -> None:
        book = openpyxl.load_workbook(path, keep_vba=True)
        book.save(scratch / path.name)
        book.vba_archive.close()  # openpyxl leaves it open

    return run


def _calamine(path: Path, scratch: Path) -> Callable[[], object]:
    from python_calamine import CalamineWorkbook

    def run() -> None:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()

    return run


CASES = {
    "refresh": _refresh,
    "check": _check,
    "xlsxwriter": _xlsxwriter,
    "openpyxl": _openpyxl,
    "calamine": _calamine,
}


def main(case: str, file: str, repeat: str) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_worker_") as scratch:
        run = CASES[case](Path(file), Path(scratch))
        best = float("inf")
        for _ in range(int(repeat)):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "peak_mib": peak_mib()}))


def peak_mib() -> float:
    """The process's peak resident size. Linux's ``ru_maxrss`` would also count the parent's
    size at the fork before this process started; ``VmHWM`` is this program's alone."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main(*sys.argv[1:4])
