"""Run xlwings's own "Import Functions" (``xlwings.udfs.import_udfs``) on Linux and report what
it does to the workbook: the module text it imports and every ``Application.MacroOptions`` call.

``xlwings.udfs`` is Windows code: it imports pywin32 at the top and talks to Excel over COM.
Writing the module and registering the help need neither, so this script puts stand-ins for
``pythoncom``, ``pywintypes`` and ``win32com.client`` into ``sys.modules``, makes
``xlwings.func/arg/ret`` xlwings's real decorators (off Windows they return the function
unchanged), imports the UDF module, and calls ``import_udfs`` with a stand-in workbook whose
``VBProject.VBComponents.Import(path)`` keeps the file's text and whose
``Application.MacroOptions(...)`` records its arguments.

Run in a child process (it changes xlwings for the whole interpreter)::

    python tests/xlwings_import_functions.py xlsalesplan.udfs SalesPlan.xlsm

prints one JSON object: ``{"module": <text of the imported file>, "macro_options":
[[<macro>, {<keyword>: <value>, ...}], ...], "removed": [...]}``.
"""

from __future__ import annotations

import importlib
import json
import sys
import types
from pathlib import Path


class ComError(Exception):
    """Stand-in for ``pywintypes.com_error``."""


def _install_stand_ins() -> None:
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        sys.modules[name] = types.ModuleType(name)
    sys.modules["pythoncom"].CoInitialize = lambda: None  # type: ignore[attr-defined]
    sys.modules["pywintypes"].com_error = ComError  # type: ignore[attr-defined]
    sys.modules["win32com.client"].Dispatch = None  # type: ignore[attr-defined]


class _Components:
    """``Workbook.VBProject.VBComponents``: no module of that name yet; Import keeps the text."""

    def __init__(self, report: dict) -> None:
        self.report = report

    def __call__(self, name: str) -> object:
        raise ComError(f"no component {name}")

    def Remove(self, component: object) -> None:
        self.report["removed"].append(component)

    def Import(self, path: str) -> None:
        # As written: Python's text mode on Linux, so LF line endings.
        self.report["module"] = Path(path).read_text()


class _Application:
    Version = "16.0"  # Excel 2016 and later (365) all report 16.0

    def __init__(self, report: dict) -> None:
        self.report = report

    def MacroOptions(self, macro: str, **options: object) -> None:
        self.report["macro_options"].append([macro, options])


def import_functions(module_name: str, workbook_name: str) -> dict:
    """What ``import_udfs(module_name, workbook)`` imports and registers."""
    _install_stand_ins()
    import xlwings
    import xlwings.udfs as xlwings_udfs

    xlwings.func, xlwings.arg, xlwings.ret = (
        xlwings_udfs.xlfunc,
        xlwings_udfs.xlarg,
        xlwings_udfs.xlret,
    )
    module = importlib.import_module(module_name)
    # import_udfs looks for embedded code in the workbook through COM before importing a
    # module it has not seen; a module in xlwings's own cache is taken as it is.
    xlwings_udfs.udf_modules[module_name] = {
        "filename": module.__file__,
        "filetime": None,
        "module": module,
    }
    report: dict = {"module": None, "macro_options": [], "removed": []}
    workbook = types.SimpleNamespace(
        Name=workbook_name,
        VBProject=types.SimpleNamespace(VBComponents=_Components(report)),
        Application=_Application(report),
    )
    xlwings_udfs.import_udfs(module_name, workbook)
    return report


if __name__ == "__main__":
    result = import_functions(sys.argv[1], sys.argv[2])
    # import_udfs prints a line of its own; the report is the last line.
    sys.stdout.write("\n" + json.dumps(result, ensure_ascii=False) + "\n")
