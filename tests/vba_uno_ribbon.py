"""Open plan workbooks in headless LibreOffice, list what it sees, and run ribbon callbacks.

Run with Debian's /usr/bin/python3 (the one that can `import uno`):

    /usr/bin/python3 tests/vba_uno_ribbon.py PORT REQUEST_JSON

REQUEST_JSON is ``{"inspect": [BOOK, ...], "run": {"book": BOOK, "macros": ["Ribbon.OnHelp", ...],
"cell": "Z1"}}`` (both keys optional). Prints one JSON line::

    {"inspect": {BOOK: {"sheets": [...], "tables": [...], "modules": [...]}},
     "run": {"initial": <cell text on load>, "calls": {"Ribbon.OnHelp": <cell text after>}}}

``modules`` are the Basic modules LibreOffice made of the VBA project. Each callback gets the
cell cleared first and ``Nothing`` as its ``control`` argument: a ribbon callback takes one, the
script provider refuses a call without it ("wrong number of parameters"), and a void argument
does not convert to an object parameter (``control As IRibbonControl``), so the Sub silently
does nothing. A null interface reference is VBA's ``Nothing``.

Used by tests/test_plan_vba.py; a separate process because the venv's Python has no uno.
"""

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import uno
from vba_uno_macro import _property, office

ALWAYS_EXECUTE_NO_WARN = 4  # com.sun.star.document.MacroExecMode
NOTHING = uno.Any("com.sun.star.uno.XInterface", None)


@contextmanager
def _opened(desktop, book):
    # Hidden=True is required: LibreOffice 7.4 aborts loading a spreadsheet without it.
    document = desktop.loadComponentFromURL(
        Path(book).resolve().as_uri(),
        "_blank",
        0,
        (_property("Hidden", True), _property("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN)),
    )
    if document is None:
        raise RuntimeError(f"LibreOffice could not open {book}")
    try:
        yield document
    finally:
        document.close(True)


def _inspect(desktop, book):
    with _opened(desktop, book) as document:
        libraries = document.BasicLibraries
        modules = []
        if libraries.hasByName("VBAProject"):
            libraries.loadLibrary("VBAProject")
            modules = list(libraries.getByName("VBAProject").getElementNames())
        return {
            "sheets": list(document.Sheets.getElementNames()),
            "tables": list(document.DatabaseRanges.getElementNames()),
            "modules": modules,
        }


def _run(desktop, book, macros, cell_name):
    with _opened(desktop, book) as document:
        cell = document.Sheets.getByIndex(0).getCellRangeByName(cell_name)
        initial = cell.getString()
        provider = document.getScriptProvider()
        calls = {}
        for macro in macros:
            cell.setString("")
            script = provider.getScript(
                f"vnd.sun.star.script:VBAProject.{macro}?language=Basic&location=document"
            )
            # uno.invoke keeps the Any's type, so the Sub receives Nothing, not Empty.
            uno.invoke(script, "invoke", ((NOTHING,), (), ()))
            calls[macro] = cell.getString()
        return {"initial": initial, "calls": calls}


def main(port, request):
    report = {}
    with office(port) as desktop:
        report["inspect"] = {book: _inspect(desktop, book) for book in request.get("inspect", [])}
        if "run" in request:
            run = request["run"]
            report["run"] = _run(desktop, run["book"], run["macros"], run.get("cell", "Z1"))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main(int(sys.argv[1]), json.loads(sys.argv[2]))
