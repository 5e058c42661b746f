"""``xlsalesplan install``: the user's xlwings configuration on Windows and Mac; Linux told."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xlsalesplan import install
from xlsalesplan.cli import app

CONF = {
    "win32": ".xlwings/xlwings.conf",
    "darwin": "Library/Containers/com.microsoft.Excel/Data/xlwings.conf",
}


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_conf_file_gets_the_keys_xlwings_reads(tmp_path, platform):
    path, changes = install.install(platform=platform, home=tmp_path)
    assert path == tmp_path / CONF[platform]
    lines = path.read_text(encoding="utf-8").splitlines()
    interpreter = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    assert f'"{interpreter}","{sys.executable}"' in lines
    assert '"UDF MODULES","xlsalesplan.udfs"' in lines
    root = Path(install.__file__).resolve().parent.parent
    assert f'"PYTHONPATH","{root}"' in lines
    assert {c.key for c in changes} == {interpreter, "PYTHONPATH", "UDF MODULES"}


def test_xlwings_reads_back_what_was_written(tmp_path, monkeypatch):
    import xlwings
    from xlwings.utils import read_user_config

    path, _ = install.install(platform="win32", home=tmp_path)
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(path))
    config = read_user_config()
    assert config["interpreter_win"] == sys.executable
    assert config["udf modules"] == "xlsalesplan.udfs"


def test_a_second_run_changes_nothing_and_other_lines_are_kept(tmp_path):
    conf = tmp_path / CONF["win32"]
    conf.parent.mkdir(parents=True)
    conf.write_text('"LICENSE_KEY","abc"\n"PYTHONPATH","D:/old"\n', encoding="utf-8")
    _, changes = install.install(platform="win32", home=tmp_path)
    assert next(str(c) for c in changes if c.key == "PYTHONPATH").endswith("(was 'D:/old')")
    first = conf.read_bytes()
    assert conf.read_text(encoding="utf-8").splitlines()[0] == '"LICENSE_KEY","abc"'
    assert install.install(platform="win32", home=tmp_path) == (conf, [])
    assert conf.read_bytes() == first


def test_dry_run_writes_nothing(tmp_path):
    path, changes = install.install(dry_run=True, platform="darwin", home=tmp_path)
    assert len(changes) == 3 and not path.exists()


def test_on_linux_there_is_nothing_to_install(tmp_path):
    assert install.install(platform="linux", home=tmp_path) == (None, [])
    assert not any(tmp_path.iterdir())


def test_the_command_explains_what_to_use_without_excel(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    result = CliRunner().invoke(app, ["install"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Excel with xlwings runs on Windows and macOS" in text
    assert "xlsalesplan lite" in text and "xlsalesplan demo" in text


def test_the_command_prints_each_change(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    result = CliRunner().invoke(app, ["install", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would change UDF MODULES = 'xlsalesplan.udfs' (added)" in " ".join(
        result.output.split()
    )
    assert not (tmp_path / ".xlwings").exists()
    CliRunner().invoke(app, ["install"])
    again = CliRunner().invoke(app, ["install"])
    assert "already set up, nothing changed" in again.output
