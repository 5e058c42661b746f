"""Open a workbook in headless LibreOffice, run one of its VBA macros, print a cell as JSON.

Run with Debian's /usr/bin/python3 (the one that can `import uno`):

    /usr/bin/python3 tests/vba_uno_macro.py BOOK.xlsm Module.Sub PORT

Prints {"value": <Sheet 1, A1 after the macro>, "before": <A1 before>}. Used by
tests/test_vba_libreoffice.py; a separate process because the venv's Python has no uno.
"""

import json
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(port, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    while True:
        try:
            return resolver.resolve(url)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextmanager
def office(port):
    """A headless soffice on its own profile, listening on ``port``: yields its Desktop."""
    with tempfile.TemporaryDirectory(prefix="vba-uno-profile-") as profile:
        process = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                f"--accept=socket,host=127.0.0.1,port={port};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            context = _connect(port, time.monotonic() + 60)
            yield context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            )
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()


def main(book, macro, port):
    with office(port) as desktop:
        document = desktop.loadComponentFromURL(
            Path(book).resolve().as_uri(),
            "_blank",
            0,
            (_property("Hidden", True), _property("MacroExecutionMode", 4)),
        )
        cell = document.Sheets.getByIndex(0).getCellByPosition(0, 0)
        before = cell.getValue()
        script = document.getScriptProvider().getScript(
            f"vnd.sun.star.script:VBAProject.{macro}?language=Basic&location=document"
        )
        script.invoke((), (), ())
        print(json.dumps({"before": before, "value": cell.getValue()}))
        document.close(True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
