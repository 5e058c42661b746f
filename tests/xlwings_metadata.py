"""What xlwings itself records about ``xlsalesplan.udfs``, read on Linux in a child process.

xlwings's decorators only record a function's metadata (``__xlfunc__``: arguments, their
options and help, the result's options, the category) on Windows. Here, as the project's note
on VBA describes, stand-ins for the COM modules let ``xlwings.udfs`` import, its real
``xlfunc``/``xlarg``/``xlret`` replace the pass-through decorators, and then the UDF module is
imported: the metadata is xlwings's own, not our idea of it.

``python tests/xlwings_metadata.py`` prints it as JSON; :func:`xlwings_metadata` runs that.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types


def xlwings_metadata() -> dict[str, dict]:
    """Each UDF's ``__xlfunc__`` as xlwings records it, by function name."""
    done = subprocess.run(
        [sys.executable, __file__], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout)


def _main() -> None:
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        sys.modules[name] = types.ModuleType(name)
    sys.modules["pythoncom"].CoInitialize = lambda: None  # type: ignore[attr-defined]
    sys.modules["pywintypes"].com_error = Exception  # type: ignore[attr-defined]
    sys.modules["win32com.client"].Dispatch = None  # type: ignore[attr-defined]
    import xlwings
    import xlwings.udfs as real

    xlwings.func, xlwings.arg, xlwings.ret = real.xlfunc, real.xlarg, real.xlret
    from xlsalesplan import udfs

    found = {}
    for name in dir(udfs):
        fn = getattr(udfs, name)
        if hasattr(fn, "__xlfunc__"):
            info = dict(fn.__xlfunc__)
            info.pop("argmap", None)
            found[name] = info
    json.dump(found, sys.stdout, default=repr)


if __name__ == "__main__":
    _main()
