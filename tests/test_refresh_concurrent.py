"""Two refreshes of the same plan file at once: the second waits for the first (or gives up
after the lock's timeout with a clear message); the file is a valid workbook at every moment,
and the result equals one refresh's outputs.

The package-level lock is tested in ``test_atomic.py``; here the real ``refresh_file`` runs in
two processes forked after the package is imported, released together by a barrier.
"""

from __future__ import annotations

import functools
import multiprocessing
import threading
import time
import zipfile
from pathlib import Path

import pytest
from hardening_fixtures import plan_copy, table_values

from xlsalesplan.io import files
from xlsalesplan.io.doors import atomic
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.layout import TABLES
from xlsalesplan.plan.demo import demo_inputs

OUTPUTS = [name for name, table in TABLES.items() if table.output]
fork = multiprocessing.get_context("fork")


def _refresh(path: str, barrier, results, spans, lock_timeout: float | None = None) -> None:
    if lock_timeout is not None:
        files.workbook_lock = functools.partial(atomic.workbook_lock, timeout=lock_timeout)
    # Record when this process reads the file and when its write is done.
    opened, saved = FileDoor.open, FileDoor.save
    moments: list[float] = []
    FileDoor.open = classmethod(lambda cls, p: (moments.append(time.monotonic()), opened(p))[1])
    FileDoor.save = lambda self, **kw: (saved(self, **kw), moments.append(time.monotonic()))[0]
    barrier.wait(timeout=30)
    try:
        # Forced: the second refresh would otherwise find the plan up to date, write nothing.
        results.put(("ok", files.refresh_file(path, force=True)))
    except Exception as exc:  # the message is what is asserted
        results.put((type(exc).__name__, str(exc)))
    spans.put(tuple(moments))


def _outputs(path: Path) -> dict[str, list]:
    return {name: table_values(path, name) for name in OUTPUTS}


def _valid_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.testzip() is None and "xl/workbook.xml" in zf.namelist()
    except (zipfile.BadZipFile, FileNotFoundError, OSError):
        return False


def _run_two(path: Path, lock_timeouts=(None, None)) -> tuple[list, list[bool], list]:
    barrier, results, spans = fork.Barrier(3), fork.Queue(), fork.Queue()
    workers = [
        fork.Process(target=_refresh, args=(str(path), barrier, results, spans, timeout))
        for timeout in lock_timeouts
    ]
    for worker in workers:
        worker.start()
    seen: list[bool] = []
    stop = threading.Event()

    def watch() -> None:  # a reader that opens the file while both write
        while not stop.is_set():
            seen.append(_valid_zip(path))

    watcher = threading.Thread(target=watch)
    barrier.wait(timeout=30)
    watcher.start()
    for worker in workers:
        worker.join(timeout=60)
    stop.set()
    watcher.join()
    assert [w.exitcode for w in workers] == [0, 0]
    done = sorted(results.get(timeout=5) for _ in workers)
    return done, seen, sorted(spans.get(timeout=5) for _ in workers)


@functools.cache
def _blank_plan() -> bytes:
    """The demo's inputs with empty outputs: a refreshed file is told apart from the original."""
    return files.workbook_bytes(demo_inputs("en"), None, "en", "", macros=False)


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> dict[str, list]:
    path = plan_copy(tmp_path_factory.mktemp("single"))
    files.refresh_file(path, backup=False, force=True)
    return _outputs(path)


def test_two_refreshes_at_once_wait_for_each_other(tmp_path, single):
    path = tmp_path / "PLAN.xlsx"
    path.write_bytes(_blank_plan())
    results, seen, spans = _run_two(path)
    assert [status for status, _ in results] == ["ok", "ok"]
    # Read-compute-write of one refresh ends before the other's read begins.
    (_, saved1), (open2, _) = spans
    assert saved1 <= open2
    assert seen and all(seen)  # never a half-written file
    assert _valid_zip(path)
    assert _outputs(path) == single
    # Each refresh kept the file it replaced: two backups, both valid, none interleaved.
    backups = atomic.backup_names(path)
    assert [b.exists() for b in backups] == [True, True, False]
    assert all(_valid_zip(b) for b in backups[:2])
    # The second refresh read and replaced the first one's result, not the original.
    assert _outputs(backups[0]) == single
    assert backups[1].read_bytes() == _blank_plan()
    leftovers = {p.name for p in tmp_path.iterdir()} - {path.name, *(b.name for b in backups)}
    assert leftovers == set()  # no lock file, no temporary file


def test_a_refresh_that_cannot_get_the_lock_gives_up_with_a_clear_message(tmp_path, single):
    path = plan_copy(tmp_path)
    with atomic.workbook_lock(path):
        results, seen, spans = _run_two(path, lock_timeouts=(0.3, 0.3))
        assert path.read_bytes() == plan_copy(tmp_path, "FRESH.xlsx").read_bytes()
    message = f"{path}: another refresh has been writing it for 0.3 s; try again when it finishes"
    assert results == [("WorkbookError", message)] * 2
    assert all(seen) and spans == [(), ()]  # neither even read the file
    assert not atomic.backup_names(path)[0].exists()
