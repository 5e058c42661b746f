"""The layers import downwards only, and the command line starts light.

``core`` (numerics) ← ``formulas`` (the declarations) and ``plan`` (the domain) ← ``io``
(workbooks) and ``store`` ← ``records`` (the plan's records: between the workbook and the store)
← ``udfs``, ``macros``, ``cli``, ``lite``, ``install`` (the faces).
Read from the source's own import statements; and measured on a fresh interpreter: the
command line imports neither xlwings, pandas, SQLAlchemy nor the LibreOffice tooling to
answer ``--help``, and no module of ``io`` imports a face.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "xlsalesplan"
# What each part may import from the package (besides itself and the package root).
ALLOWED = {
    "core": set(),
    "formulas": {"core"},
    "plan": {"core"},
    "io": {"core", "plan", "formulas"},
    "store": {"core", "plan"},
    "records": {"core", "plan", "formulas", "io", "store"},
}
FACES = {"udfs", "macros", "cli", "lite", "install", "__main__"}


def part_of(module: str) -> str:
    """``xlsalesplan.io.ooxml.package`` → ``io``; a top-level module is its own part."""
    return module.split(".")[1] if module.count(".") >= 1 else module


def imports(path: Path, package: Path = PACKAGE) -> list[str]:
    """The xlsalesplan modules a source file of ``package`` imports (absolute or relative)."""
    relative_to = ".".join(path.relative_to(package.parent).with_suffix("").parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("xlsalesplan")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = relative_to.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - node.level + 1]
                found.append(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module and node.module.startswith("xlsalesplan"):
                found.append(node.module)
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "_macros" not in p.parts)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_import_points_downwards(path):
    own = part_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    if own not in ALLOWED:
        return  # a face, or the package root: it may import any layer
    wrong = [
        module
        for module in imports(path)
        if module.count(".") >= 1 and part_of(module) != own and part_of(module) not in ALLOWED[own]
    ]
    assert wrong == [], f"{own} imports {wrong}"


def test_the_checker_sees_a_wrong_import(tmp_path):
    stray = tmp_path / "xlsalesplan" / "plan" / "_stray_probe.py"
    stray.parent.mkdir(parents=True)
    stray.write_text("from xlsalesplan.io import files\nfrom ..udfs import DECOMPOSE\n")
    assert imports(stray, tmp_path / "xlsalesplan") == ["xlsalesplan.io", "xlsalesplan.udfs"]


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_the_command_line_starts_without_the_heavy_libraries():
    loaded = loaded_after("import xlsalesplan.cli")
    heavy = {"pandas", "numpy", "xlwings", "sqlalchemy", "xlsxwriter", "libreoffice", "holidays"}
    assert not heavy & {m.split(".")[0] for m in loaded}


def test_no_io_module_imports_a_face():
    modules = [
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in SOURCES
        if p.relative_to(PACKAGE).parts[0] == "io"
    ]
    loaded = loaded_after("\n".join(f"import {m}" for m in modules))
    assert not {f"xlsalesplan.{face}" for face in FACES} & loaded
    assert "xlwings" not in {m.split(".")[0] for m in loaded}
