"""Replacing a workbook on disk so that it is never half-written.

The new file is written to a temporary file in the same folder, flushed and
fsync'ed, then renamed over the original (``os.replace`` is atomic), and the
folder is fsync'ed so the rename survives a power cut. Whatever happens — a
crash, a kill, a full disk — the workbook is either the old file or the new one.

Conventions
-----------
* Backups: before the original is replaced, it is kept as ``PLAN.bak1.xlsm``;
  older backups move to ``PLAN.bak2.xlsm`` and ``PLAN.bak3.xlsm`` (three kept by
  default, the oldest dropped). The extension stays, so a backup opens in Excel
  with a double click.
* Excel: while Excel has the workbook open it keeps an owner file beside it,
  ``~$PLAN.xlsm``. For long names Office shortens it by dropping the first one or
  two characters of the name (``~$AN.xlsm`` style: ``~$`` + name[1:] or name[2:]);
  all three forms, and LibreOffice's ``.~lock.PLAN.xlsm#``, are checked. A stale
  owner file left by a crash also blocks; the message says how to clear it.
* Locking: a refresh holds an exclusive lock on ``PLAN.xlsm.lock`` (``flock`` on
  POSIX, ``msvcrt.locking`` on Windows) from reading to replacing, so two
  refreshes of one file run one after the other; the second waits up to
  ``timeout`` seconds, then gives up. The lock file is removed afterwards.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from xlsalesplan.io.ooxml.safety import WorkbookError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt


def owner_files(path: str | os.PathLike[str]) -> list[Path]:
    """The owner/lock files Excel or LibreOffice may keep beside an open workbook."""
    path = Path(path)
    name = path.name
    names = dict.fromkeys([f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"])
    return [path.with_name(candidate) for candidate in names]


def refuse_if_open(path: str | os.PathLike[str]) -> None:
    """Refuse to touch a workbook that Excel (or LibreOffice) has open.

    Raises
    ------
    WorkbookError
        An owner file exists beside the workbook.
    """
    for owner in owner_files(path):
        if owner.exists():
            user = _owner_name(owner)
            by = f" by {user}" if user else ""
            raise WorkbookError(
                path,
                f"is open in Excel{by}; close it there and try again "
                f"(if Excel is not running, delete the leftover file {owner.name})",
            )


def _owner_name(owner: Path) -> str:
    """The user name Office writes at the start of its owner file (length byte, then text)."""
    try:
        head = owner.read_bytes()[:64]
    except OSError:
        return ""
    if owner.name.startswith(".~lock."):  # LibreOffice: "Full Name,login,host,date,profile;"
        fields = head.decode("utf-8", "replace").split(",")
        return next((field for field in fields[:2] if field), "")
    if not head or head[0] > len(head) - 1:
        return ""
    text = head[1 : 1 + head[0]].decode("cp1252", "replace")
    return text if text.isprintable() else ""


def backup_names(path: str | os.PathLike[str], keep: int = 3) -> list[Path]:
    """``PLAN.bak1.xlsm`` … ``PLAN.bak{keep}.xlsm``, newest first."""
    path = Path(path)
    return [path.with_name(f"{path.stem}.bak{n}{path.suffix}") for n in range(1, keep + 1)]


@contextlib.contextmanager
def workbook_lock(path: str | os.PathLike[str], timeout: float = 30.0) -> Iterator[None]:
    """Hold the exclusive refresh lock of a workbook (``PLAN.xlsm.lock``).

    Parameters
    ----------
    path : path
        The workbook.
    timeout : float
        Seconds to wait for another refresh to finish (default 30).

    Raises
    ------
    WorkbookError
        Another refresh held the lock for longer than ``timeout``, or the lock
        file cannot be created (read-only folder).
    """
    path = Path(path)
    lock_path = path.with_name(path.name + ".lock")
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WorkbookError(path, _reason(exc, path.parent)) from None
        if _try_lock(fd):
            # Another holder may have removed the file between our open and lock.
            try:
                current = os.stat(lock_path)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(os.fstat(fd), current):
                break
            _unlock(fd)
        os.close(fd)
        if time.monotonic() >= deadline:
            raise WorkbookError(
                path,
                f"another refresh has been writing it for {timeout:g} s; "
                "try again when it finishes",
            )
        time.sleep(0.02)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        _unlock(fd)
        os.close(fd)


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def atomic_write(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], None],
    *,
    backups: int = 3,
) -> Path | None:
    """Replace ``path`` with what ``write`` produces, atomically, keeping backups.

    Parameters
    ----------
    path : path
        The workbook to replace (or create).
    write : callable
        Called with a binary file to write the new content to, e.g. ``pkg.save``.
    backups : int
        How many earlier versions to keep (default 3; 0 keeps none).

    Returns
    -------
    Path or None
        The backup of the previous file, if one was made.

    Raises
    ------
    WorkbookError
        The workbook is open in Excel or read-only, the folder is read-only, or
        the disk is full. The original is then untouched and no temporary file
        is left behind.
    """
    path = Path(path)
    refuse_if_open(path)
    exists = path.exists()
    # The read-only flag is the planner's word even where the system would let us write (root).
    if exists and (not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222):
        raise WorkbookError(path, "is read-only; allow writing to it and try again")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".~{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WorkbookError(path, _reason(exc, path.parent)) from None
    backup = None
    try:
        with os.fdopen(fd, "wb") as fp:
            write(fp)
            fp.flush()
            os.fsync(fp.fileno())
        if exists:
            os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
            if backups > 0:
                backup = _rotate(path, backups)
        else:
            # mkstemp makes the file private; a new workbook gets the usual mode.
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise WorkbookError(path, _reason(exc, path.parent)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)
    return backup


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _rotate(path: Path, keep: int) -> Path:
    """Shift the backups down by one and keep the current file as backup 1."""
    names = backup_names(path, keep)
    for n in range(keep - 1, 0, -1):
        if names[n - 1].exists():
            os.replace(names[n - 1], names[n])
    newest = names[0]
    with contextlib.suppress(FileNotFoundError):
        os.unlink(newest)
    try:
        os.link(path, newest)  # the old file's data, shared until the rename
    except OSError:
        shutil.copy2(path, newest)
    return newest


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder; NTFS journals the rename
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reason(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return "cannot be saved: the disk is full; nothing was changed"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"cannot be saved: the folder {os.fspath(folder)!r} is read-only; nothing was changed"
        )
    return f"cannot be saved ({exc.strerror or exc}); nothing was changed"
