"""Replacing a workbook: never half-written, backed up, refused while open, one writer at a time."""

import errno
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from xlsalesplan.io.doors.atomic import (
    atomic_write,
    backup_names,
    owner_files,
    refuse_if_open,
    workbook_lock,
)
from xlsalesplan.io.ooxml.safety import WorkbookError

ROOT = Path(__file__).parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
# The children skip xlsalesplan/__init__ (numpy, pandas, holidays): a trial costs ~0.1 s, not 1 s.
BARE = f"""
import sys, types
package = types.ModuleType("xlsalesplan")
package.__path__ = [{str(ROOT / "xlsalesplan")!r}]
sys.modules["xlsalesplan"] = package
"""

WRITER = (
    BARE
    + """
import sys, zipfile
from xlsalesplan.io.doors.atomic import atomic_write

def version(n):
    def write(fp):
        with zipfile.ZipFile(fp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("n.txt", str(n))
            zf.writestr("pad.bin", bytes(range(256)) * 4000)
    return write

print("ready", flush=True)
n = 0
while True:
    n += 1
    atomic_write(sys.argv[1], version(n), backups=2)
"""
)

LOCKED_APPEND = (
    BARE
    + """
import sys, time
from pathlib import Path
from xlsalesplan.io.doors.atomic import atomic_write, workbook_lock
path, go, mark = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].encode()
while not go.exists():
    time.sleep(0.002)
with workbook_lock(path, timeout=10):
    old = path.read_bytes()
    time.sleep(0.2)
    atomic_write(path, lambda fp: fp.write(old + mark))
"""
)


def _valid_version(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        return int(zf.read("n.txt"))


def test_a_killed_writer_leaves_the_old_or_the_new_file(tmp_path):
    path = tmp_path / "PLAN.xlsm"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("n.txt", "0")
        zf.writestr("pad.bin", b"")
    rng = random.Random(20240501)
    seen = set()
    for _ in range(50):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=ENV
        )
        assert writer.stdout.readline() == b"ready\n"
        started = time.perf_counter()
        time.sleep(rng.uniform(0, 0.06))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        seen.add(_valid_version(path))
        for backup in backup_names(path, 2):
            if backup.exists():
                _valid_version(backup)
        assert time.perf_counter() - started < 0.5
    assert len(seen) > 1  # the kills did land at different moments


def test_backups_rotate_and_keep_three(tmp_path):
    path = tmp_path / "PLAN.xlsm"
    for n in range(1, 6):
        backup = atomic_write(path, lambda fp, n=n: fp.write(b"v%d" % n))
    assert backup == tmp_path / "PLAN.bak1.xlsm"
    assert path.read_bytes() == b"v5"
    assert [p.read_bytes() for p in backup_names(path, 3)] == [b"v4", b"v3", b"v2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "PLAN.bak1.xlsm", "PLAN.bak2.xlsm", "PLAN.bak3.xlsm", "PLAN.xlsm",
    ]  # fmt: skip


def test_no_backup_when_told_not_to_and_the_file_mode_is_kept(tmp_path):
    path = tmp_path / "PLAN.xlsm"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    assert atomic_write(path, lambda fp: fp.write(b"new"), backups=0) is None
    assert path.read_bytes() == b"new"
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["PLAN.xlsm"]


def _untouched(tmp_path: Path, path: Path) -> None:
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["PLAN.xlsm"]  # no temp file, no backup


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_leaves_the_original_untouched(tmp_path, monkeypatch, where):
    path = tmp_path / "PLAN.xlsm"
    path.write_bytes(b"old")
    full = OSError(errno.ENOSPC, "No space left on device")

    def write(fp):
        fp.write(b"partial")
        if where == "write":
            raise full

    if where == "fsync":
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(full))
    with pytest.raises(WorkbookError) as caught:
        atomic_write(path, write)
    assert str(caught.value) == f"{path}: cannot be saved: the disk is full; nothing was changed"
    _untouched(tmp_path, path)


def test_an_error_inside_the_writer_leaves_no_trace(tmp_path):
    path = tmp_path / "PLAN.xlsm"
    path.write_bytes(b"old")
    with pytest.raises(ZeroDivisionError):
        atomic_write(path, lambda fp: 1 / 0)
    _untouched(tmp_path, path)


def test_a_read_only_file_is_refused_even_for_root(tmp_path):
    path = tmp_path / "PLAN.xlsm"
    path.write_bytes(b"old")
    os.chmod(path, 0o444)
    with pytest.raises(WorkbookError) as caught:
        atomic_write(path, lambda fp: fp.write(b"new"))
    assert str(caught.value) == f"{path}: is read-only; allow writing to it and try again"
    _untouched(tmp_path, path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anything")
def test_a_read_only_folder_is_refused(tmp_path):
    path = tmp_path / "PLAN.xlsm"
    path.write_bytes(b"old")
    os.chmod(tmp_path, 0o555)
    try:
        with pytest.raises(WorkbookError) as caught:
            atomic_write(path, lambda fp: fp.write(b"new"))
    finally:
        os.chmod(tmp_path, 0o755)
    assert "is read-only; nothing was changed" in str(caught.value)
    _untouched(tmp_path, path)


def test_a_folder_that_refuses_new_files_is_reported(tmp_path, monkeypatch):
    # what the OS answers in a read-only folder (simulated: as root every folder is writable)
    path = tmp_path / "PLAN.xlsm"
    path.write_bytes(b"old")

    def refuse(**kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WorkbookError) as caught:
        atomic_write(path, lambda fp: fp.write(b"new"))
    assert str(caught.value) == (
        f"{path}: cannot be saved: the folder {str(tmp_path)!r} is read-only; nothing was changed"
    )
    _untouched(tmp_path, path)


def test_excel_owner_file_names():
    assert [p.name for p in owner_files("/x/PLAN.xlsm")] == [
        "~$PLAN.xlsm", "~$LAN.xlsm", "~$AN.xlsm", ".~lock.PLAN.xlsm#",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("owner", "content", "by"),
    [
        ("~$SalesPlan2025.xlsm", bytes([4]) + b"Anna" + b" " * 50, " by Anna"),
        ("~$lesPlan2025.xlsm", bytes([4]) + b"Anna" + b" " * 50, " by Anna"),
        (
            ".~lock.SalesPlan2025.xlsm#",
            b"Anna Petrova,anna,pc,01.02.2025 10:00,file:///h;",
            " by Anna Petrova",
        ),
        ("~$SalesPlan2025.xlsm", b"", ""),
    ],
)
def test_a_workbook_open_in_excel_is_refused(tmp_path, owner, content, by):
    path = tmp_path / "SalesPlan2025.xlsm"
    path.write_bytes(b"old")
    (tmp_path / owner).write_bytes(content)
    with pytest.raises(WorkbookError) as caught:
        atomic_write(path, lambda fp: fp.write(b"new"))
    assert str(caught.value) == (
        f"{path}: is open in Excel{by}; close it there and try again "
        f"(if Excel is not running, delete the leftover file {owner})"
    )
    assert path.read_bytes() == b"old"
    (tmp_path / owner).unlink()
    refuse_if_open(path)


def test_a_second_refresh_waits_then_gives_up(tmp_path):
    path = tmp_path / "PLAN.xlsm"
    with workbook_lock(path):
        assert (tmp_path / "PLAN.xlsm.lock").exists()
        started = time.perf_counter()
        with pytest.raises(WorkbookError) as caught, workbook_lock(path, timeout=0.3):
            pass
        assert time.perf_counter() - started >= 0.3
    assert str(caught.value) == (
        f"{path}: another refresh has been writing it for 0.3 s; try again when it finishes"
    )
    assert not (tmp_path / "PLAN.xlsm.lock").exists()
    with workbook_lock(path, timeout=0):
        pass


def test_two_concurrent_refreshes_never_interleave(tmp_path):
    path, go = tmp_path / "PLAN.xlsm", tmp_path / "go"
    path.write_bytes(b"start")
    writers = [
        subprocess.Popen([sys.executable, "-c", LOCKED_APPEND, str(path), str(go), mark], env=ENV)
        for mark in ("|A", "|B")
    ]
    time.sleep(0.5)  # both are waiting at the barrier
    go.touch()
    assert [w.wait(timeout=20) for w in writers] == [0, 0]
    # each read-modify-write saw the other's result: no update was lost
    assert path.read_bytes() in (b"start|A|B", b"start|B|A")
