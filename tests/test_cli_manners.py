"""The command line as a new user meets it: commands that never lose a file, a plan year
checked in the planner's terms, a version, and output that pipes cleanly (issue 12)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from xlsalesplan import __version__
from xlsalesplan.cli import app
from xlsalesplan.core.calendar import coverage


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a planner's shell runs it, its output piped (not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "xlsalesplan", *args], capture_output=True, text=True, timeout=120
    )


def test_version_and_python_dash_m():
    done = run("--version")
    assert done.returncode == 0 and done.stdout == f"xlsalesplan {__version__}\n"


@pytest.mark.parametrize("command", ["demo", "new"])
def test_an_existing_file_is_refused_then_replaced_with_a_backup_only_when_forced(
    tmp_path, command
):
    plan = tmp_path / "plan.xlsm"
    plan.write_bytes(b"the planner's own file")
    refused = CliRunner().invoke(app, [command, str(plan)])
    assert refused.exit_code == 1
    assert "already exists; use --force" in refused.output
    assert plan.read_bytes() == b"the planner's own file"
    forced = CliRunner().invoke(app, [command, str(plan), "--force"])
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "plan.bak1.xlsm").read_bytes() == b"the planner's own file"
    assert plan.read_bytes()[:2] == b"PK"


def test_a_plan_year_outside_the_calendar_is_explained_and_nothing_written(tmp_path):
    last = coverage("RU")[1]
    for year in (0, last + 4):
        plan = tmp_path / f"p{year}.xlsm"
        done = run("new", str(plan), "--year", str(year))
        assert done.returncode == 1 and not plan.exists()
        (line,) = done.stderr.splitlines()
        assert f"--year {year}: a plan year from 1991 to {last} is needed" in line
    assert "pip install -U holidays" in line and "`--country none` counts weekends only" in line
    # ... and that advice works: a plan for that year on a weekends-only calendar.
    plan = tmp_path / "weekends.xlsx"
    done = run("new", str(plan), "--year", str(last + 4), "--country", "none")
    assert done.returncode == 0, done.stderr
    assert run("check", str(plan)).stdout.strip() == f"{plan}: inputs are fine"


def test_an_unknown_calendar_is_named():
    done = run("new", "never-written.xlsx", "--country", "XX")
    assert done.returncode == 1
    assert done.stderr.startswith("error: --country XX: not a calendar the holidays package knows")


def test_output_piped_is_neither_wrapped_nor_padded(tmp_path):
    # A long path stays on one line; nothing on stderr, no blank lines.
    plan = tmp_path / ("a-folder-name-long-enough-to-pass-eighty-columns-" * 2) / "plan.xlsm"
    plan.parent.mkdir()
    done = run("demo", str(plan), "--lang", "en")
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Demo plan written: {plan} (plan ID ")
    assert "" not in lines
