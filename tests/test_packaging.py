"""The wheel `pip install .` builds holds every module and every data file the package reads."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    # A copy of what a clean checkout holds: a build/ folder left by an earlier build would
    # supply modules the package's configuration forgets.
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.bak*")
    for name in ("xlsalesplan", "macros"):
        shutil.copytree(ROOT / name, src / name, symlinks=True, ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(out),
            str(src),
        ],
        check=True,
    )
    (whl,) = out.glob("*.whl")
    with zipfile.ZipFile(whl) as z:
        return set(z.namelist())


def test_every_module_is_in_the_wheel(wheel_names):
    package = ROOT / "xlsalesplan"
    sources = {
        "xlsalesplan/" + p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert sources - wheel_names == set()


def test_the_files_read_at_run_time_are_in_the_wheel(wheel_names):
    needed = {
        "xlsalesplan/_macros/vbaProject.ru.bin",
        "xlsalesplan/_macros/vbaProject.en.bin",
        "xlsalesplan/_macros/Ribbon.bas",
        "xlsalesplan/_demo/SalesPlan-demo.ru.xlsm",
        "xlsalesplan/_demo/SalesPlan-demo.en.xlsm",
        "xlsalesplan/store/migrations/script.py.mako",
    }
    assert needed - wheel_names == set()
