"""Helpers for tests/test_plan_vba.py: outside readers of the plan workbook's VBA project.

* :func:`olevba_modules` — what oletools' olevba decodes from a workbook;
* :func:`xlwings_wrappers` — the VBA that xlwings's own "Import Functions" code
  (``xlwings.udfs.generate_vba_wrapper``) writes for :mod:`xlsalesplan.udfs`, run in a child
  process with stand-ins for the Windows-only modules it imports;
* :func:`libreoffice` — runs tests/vba_uno_ribbon.py under Debian's Python with UNO.

Run as a script (``python plan_vba_fixtures.py xlwings-wrappers``) it prints xlwings's VBA.
"""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MACROS = REPO / "macros"
UNO_PYTHON = Path("/usr/bin/python3")
RIBBON_SCRIPT = Path(__file__).with_name("vba_uno_ribbon.py")

# The test build's stand-in for xlwings's RunPython: it records the Python command in a cell.
RECORD_CELL = "Z1"
RUNPYTHON_STUB = (
    "Sub RunPython(cmd As String)\n"
    f'    ThisWorkbook.Sheets(1).Range("{RECORD_CELL}").Value = cmd\n'
    "End Sub\n"
)

_FUNCTION = re.compile(r"^Function (\w+)\((.*)\)$", re.M)


def olevba_modules(path: Path) -> list[tuple[str, str]]:
    """(file name olevba gives, decoded source) of every module, in the project's order."""
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return [(name, code) for _, _, name, code in parser.extract_macros()]
    finally:
        parser.close()


def vba_functions(source: str) -> dict[str, str]:
    """``Function`` blocks of a VBA module by name, line endings as LF."""
    text = source.replace("\r\n", "\n")
    starts = list(_FUNCTION.finditer(text))
    blocks = {}
    for match in starts:
        end = text.index("End Function\n", match.start()) + len("End Function\n")
        blocks[match.group(1)] = text[match.start() : end]
    return blocks


def function_signatures(source: str) -> dict[str, list[str]]:
    """Declared arguments (``"Optional x"`` or ``"x"``) of every ``Function`` of a module."""
    return {
        m.group(1): [a.strip() for a in m.group(2).split(",") if a.strip()]
        for m in _FUNCTION.finditer(source.replace("\r\n", "\n"))
    }


def xlwings_wrappers() -> str:
    """The UDF module xlwings's "Import Functions" would write for xlsalesplan.udfs."""
    done = subprocess.run(
        [sys.executable, __file__, "xlwings-wrappers"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def _print_xlwings_wrappers() -> None:
    # xlwings.udfs imports COM modules at the top, but writing the VBA needs none of them.
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        sys.modules[name] = types.ModuleType(name)
    sys.modules["pythoncom"].CoInitialize = lambda: None  # type: ignore[attr-defined]
    sys.modules["win32com.client"].Dispatch = None  # type: ignore[attr-defined]
    import xlwings.udfs as xlwings_udfs

    from xlsalesplan import udfs

    module = types.ModuleType("xlsalesplan.udfs")
    for formula in udfs.FORMULAS:
        fn = getattr(udfs, formula.name)
        setattr(module, formula.name, xlwings_udfs.xlfunc(fn))
    out = io.StringIO()
    book = types.SimpleNamespace(Name="SalesPlan.xlsm")
    xlwings_udfs.generate_vba_wrapper("xlsalesplan.udfs", module, out, book)
    sys.stdout.write(out.getvalue())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def libreoffice(request: dict) -> dict:
    """Run tests/vba_uno_ribbon.py with ``request`` (see there) and return its report."""
    done = subprocess.run(
        [str(UNO_PYTHON), str(RIBBON_SCRIPT), str(_free_port()), json.dumps(request)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"vba_uno_ribbon.py failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__" and sys.argv[1:] == ["xlwings-wrappers"]:
    _print_xlwings_wrappers()
