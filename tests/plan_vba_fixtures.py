"""Helpers for tests/test_plan_vba.py: outside readers of the plan workbook's VBA project.

* :func:`olevba_modules` — what oletools' olevba decodes from a workbook;
* :func:`xlwings_import_functions` — what xlwings's own "Import Functions"
  (``xlwings.udfs.import_udfs``) imports and registers for :mod:`xlsalesplan.udfs`, run in a
  child process with stand-ins for the Windows-only modules it imports;
* :func:`libreoffice` — runs tests/vba_uno_ribbon.py under Debian's Python with UNO.
"""

from __future__ import annotations

import functools
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MACROS = REPO / "macros"
UNO_PYTHON = Path("/usr/bin/python3")
RIBBON_SCRIPT = Path(__file__).with_name("vba_uno_ribbon.py")
IMPORT_FUNCTIONS = Path(__file__).with_name("xlwings_import_functions.py")

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


@functools.cache
def xlwings_import_functions(workbook: str = "SalesPlan.xlsm") -> dict:
    """What xlwings's own "Import Functions" does to a workbook named ``workbook`` for
    xlsalesplan.udfs: ``{"module": <text imported>, "macro_options": [[macro, {...}], ...]}``
    (see tests/xlwings_import_functions.py, run in a child process)."""
    done = subprocess.run(
        [sys.executable, str(IMPORT_FUNCTIONS), "xlsalesplan.udfs", workbook],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


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
