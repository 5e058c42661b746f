"""The VBA projects are built once, by ``xlsalesplan build``, and shipped in the package.

A fresh build gives the committed ``macros/vbaProject.<lang>.bin`` byte for byte (so a change
to the modules, the sheets or xlwings that is not rebuilt fails here), and writing a workbook
only copies those bytes: it neither compresses VBA nor imports xlwings for it.
"""

from __future__ import annotations

import subprocess
import sys
from zipfile import ZipFile

import pytest

from xlsalesplan.io.files import write_demo, write_new
from xlsalesplan.io.vba import planproject
from xlsalesplan.io.vba.prebuilt import LANGUAGES, macros_folder, project_file, vba_project


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("macros")
    return {"folder": folder, "projects": planproject.write_prebuilt(folder)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_fresh_build_is_the_committed_file(fresh, lang):
    committed = (macros_folder() / project_file(lang)).read_bytes()
    assert fresh["projects"][lang] == committed, (
        f"macros/{project_file(lang)} is stale: run `xlsalesplan build` and commit it"
    )
    assert (fresh["folder"] / project_file(lang)).read_bytes() == committed
    assert vba_project(lang) == committed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_workbooks_carry_the_prebuilt_project(tmp_path, lang):
    for path in (
        write_demo(tmp_path / f"demo-{lang}.xlsm", lang),
        write_new(tmp_path / f"new-{lang}.xlsm", lang, 2027),
    ):
        with ZipFile(path) as package:
            assert package.read("xl/vbaProject.bin") == vba_project(lang), path.name


def test_writing_a_workbook_does_not_build_vba():
    # The build's modules (planproject: xlwings's VBA, the UDFs) stay out of the write path.
    probe = (
        "import sys, xlsalesplan.io.files as f; "
        "print(sorted(m for m in sys.modules if m.startswith('xlsalesplan.io.vba')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    loaded = done.stdout.strip()
    assert "planproject" not in loaded and "compression" not in loaded, loaded


def test_a_missing_project_says_how_to_build_it(monkeypatch, tmp_path):
    import xlsalesplan.io.vba.prebuilt as prebuilt

    monkeypatch.setattr(prebuilt, "macros_folder", lambda: tmp_path)
    with pytest.raises(FileNotFoundError, match="run `xlsalesplan build`"):
        prebuilt.vba_project("ru")
