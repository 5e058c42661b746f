"""Hostile and unsuitable files through the command line: ``check`` and ``refresh`` answer each
with exit code 1 and exactly one line on stderr naming the file and the reason — no traceback,
within seconds. The file builders are those of ``test_hostile.py`` (package level).
"""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hardening_fixtures import M, edit, plan_copy
from test_hostile import BILLION_LAUGHS, XXE, _cfb, _raw_zip, _with_part
from typer.testing import CliRunner

from xlsalesplan.cli import app

CLI = Path(sys.executable).with_name("xlsalesplan")


def zip_bomb(folder: Path) -> tuple[Path, str]:
    path = _raw_zip(folder / "PLAN.xlsx", [("xl/worksheets/sheet1.xml", b"\0" * 1024, 600 * 2**20)])
    return path, "unpacks to more than 500 MB; refused as a possible zip bomb"


def ratio_bomb(folder: Path) -> tuple[Path, str]:
    zeros = b"\0" * (20 * 2**20)
    path = _raw_zip(folder / "PLAN.xlsx", [("xl/worksheets/sheet1.xml", zeros, len(zeros))])
    return path, "part xl/worksheets/sheet1.xml is compressed"


def doctype(payload: bytes):
    def build(folder: Path) -> tuple[Path, str]:
        path = _with_part(folder, "xl/workbook.xml", payload)
        return path, "part xl/workbook.xml declares a DOCTYPE; refused (Excel never writes one)"

    return build


def absurd_dimension(folder: Path) -> tuple[Path, str]:
    def change(pkg):
        part = pkg.sheet_part("Employees")
        pkg.xml(part).find(M + "dimension").set("ref", "A1:ZZZZ99999999")
        pkg.touch(part)

    path = edit(plan_copy(folder), change)
    return path, "Employees!A1:ZZZZ99999999: its size is not a valid range"


def not_a_zip(folder: Path) -> tuple[Path, str]:
    path = folder / "PLAN.xlsx"
    path.write_text("name;revenue\nAnna;100\n")
    return path, "is not an Excel workbook (.xlsx/.xlsm)"


def encrypted(folder: Path) -> tuple[Path, str]:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = plan_copy(folder, "PLAIN.xlsx")
    path = folder / "PLAN.xlsx"
    with open(plain, "rb") as source, open(path, "wb") as out:
        ooxml.OOXMLFile(source).encrypt("secret", out)
    return path, "is password-protected; remove the password in Excel first"


def old_xls(folder: Path) -> tuple[Path, str]:
    # Saved under the new extension, as happens when a file is renamed by hand.
    path = folder / "PLAN.xlsx"
    path.write_bytes(_cfb(["Workbook", "SummaryInformation"]))
    return path, "is an old .xls workbook; save it as .xlsx/.xlsm in Excel first"


def missing(folder: Path) -> tuple[Path, str]:
    return folder / "NOWHERE.xlsx", "cannot be read (No such file or directory)"


def directory(folder: Path) -> tuple[Path, str]:
    path = folder / "FOLDER.xlsx"
    path.mkdir()
    return path, "cannot be read (Is a directory)"


def truncated(folder: Path) -> tuple[Path, str]:
    path = plan_copy(folder)
    path.write_bytes(path.read_bytes()[:5000])
    return path, "is damaged ("


HOSTILE = {
    "zip-bomb": zip_bomb,
    "compression-ratio-bomb": ratio_bomb,
    "billion-laughs": doctype(BILLION_LAUGHS),
    "xxe": doctype(XXE),
    "absurd-dimension": absurd_dimension,
    "not-a-zip": not_a_zip,
    "encrypted": encrypted,
    "old-xls": old_xls,
    "missing-file": missing,
    "directory": directory,
    "truncated-zip": truncated,
}


def one_line_failure(exit_code: int, stderr: str, path: Path, reason: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert exit_code == 1, stderr
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith(f"error: {path}: "), lines[0]
    assert reason in lines[0], lines[0]


@pytest.mark.parametrize("command", ["check", "refresh"])
@pytest.mark.parametrize("build", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_file_is_one_line_and_exit_1(tmp_path, command, build):
    path, reason = build(tmp_path)
    before = path.read_bytes() if path.is_file() else None
    started = time.perf_counter()
    result = CliRunner().invoke(app, [command, str(path)])
    elapsed = time.perf_counter() - started
    assert result.exception is None or isinstance(result.exception, SystemExit)
    one_line_failure(result.exit_code, result.stderr, path, reason)
    assert result.stdout == ""
    assert elapsed < 5
    if before is not None:
        assert path.read_bytes() == before  # nothing written, no backup
    assert not list(tmp_path.glob("*.bak*"))


def test_refresh_names_the_extension_it_needs(tmp_path):
    path = tmp_path / "PLAN.xls"
    path.write_bytes(_cfb(["Workbook"]))
    result = CliRunner().invoke(app, ["refresh", str(path)])
    one_line_failure(
        result.exit_code,
        result.stderr,
        path,
        "a plan workbook must be .xlsm (with the ribbon) or .xlsx",
    )


@pytest.mark.parametrize("build", [zip_bomb, encrypted], ids=["bomb", "encrypted"])
def test_the_installed_command_in_its_own_process(tmp_path, build):
    # The console script, as a planner runs it: no traceback reaches the terminal.
    path, reason = build(tmp_path)
    started = time.perf_counter()
    done = subprocess.run(
        [str(CLI), "refresh", str(path)], capture_output=True, text=True, timeout=60
    )
    assert time.perf_counter() - started < 20
    one_line_failure(done.returncode, done.stderr, path, reason)


def test_a_valid_plan_still_passes_the_same_commands(tmp_path):
    path = plan_copy(tmp_path)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 0 and result.stderr.strip() == ""
    assert " ".join(result.stdout.split()) == f"{path}: inputs are fine"
    assert zipfile.is_zipfile(path)
