"""The plan workbook's VBA project, assembled from source at build time.

The project holds, in the order the VBA editor lists them:

* the document modules ``ThisWorkbook`` and ``Sheet1`` … (the code names XlsxWriter gives);
  ``ThisWorkbook`` registers the function wizard's help when the workbook opens;
* ``Ribbon`` — the ribbon callbacks, from ``macros/Ribbon.bas``;
* ``xlwings_udfs`` — one wrapper per Excel function (:mod:`xlsalesplan.formulas`), the module
  xlwings's "Import Functions" writes (:mod:`~xlsalesplan.io.vba.udfmodule`);
* ``FunctionHelp`` — the wizard's help in the workbook's language
  (:mod:`~xlsalesplan.io.vba.wizardhelp`);
* ``xlwings`` and its ``Dictionary`` class — xlwings's standalone VBA, taken from the installed
  xlwings package, so no add-in is needed.

Building needs xlwings's VBA sources; :func:`write_prebuilt` stores the result in the package
(``macros/vbaProject.<lang>.bin``), which :mod:`~xlsalesplan.io.vba.prebuilt` reads at run time.

Examples
--------
>>> build_project("en")[:4].hex()                  # doctest: +SKIP
'd0cf11e0'
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

from xlsalesplan.formulas import FORMULAS
from xlsalesplan.formulas.declare import pick
from xlsalesplan.io.layout import sheet_count
from xlsalesplan.io.vba.modules import (
    Module,
    class_from_export,
    workbook_module,
    worksheet_module,
)
from xlsalesplan.io.vba.prebuilt import (
    LANGUAGES,
    language,
    macro_source,
    macros_folder,
    project_file,
    ribbon_xml,
)
from xlsalesplan.io.vba.project import build_vba_project
from xlsalesplan.io.vba.udfmodule import UDF_MODULE, VBA_KEYWORDS, udf_module
from xlsalesplan.io.vba.wizardhelp import WizardHelp, help_module, workbook_open_code

__all__ = [
    "LANGUAGES",
    "PYTHON_MODULE",
    "UDF_MODULE",
    "VBA_KEYWORDS",
    "build_project",
    "macro_source",
    "project_modules",
    "ribbon_xml",
    "udf_functions",
    "wizard_help",
    "write_prebuilt",
]

PYTHON_MODULE = "xlsalesplan.udfs"


def xlwings_folder() -> Path:
    """The installed xlwings package's folder (found without importing xlwings)."""
    spec = importlib.util.find_spec("xlwings")
    assert spec is not None and spec.origin is not None, "xlwings is a dependency"
    return Path(spec.origin).parent


# The data the generators take, from the formulas' declarations.


def udf_functions() -> list[tuple[str, list[tuple[str, bool]]]]:
    """(name, [(argument, optional), ...]) of each Excel function, as its wrapper declares."""
    return [(f.name, [(a.name, a.optional) for a in f.args]) for f in FORMULAS]


def wizard_help(lang: str) -> list[WizardHelp]:
    """The function wizard's help for every formula, in ``lang``."""
    lang = language(lang)
    return [
        WizardHelp(f.name, pick(lang, f.summary), f.category, [pick(lang, a.help) for a in f.args])
        for f in FORMULAS
    ]


# The project ----------------------------------------------------------------------------------


def dictionary_module() -> Module:
    """xlwings's ``Dictionary`` class as Excel stores it once imported."""
    exported = (xlwings_folder() / "addin" / "Dictionary.cls").read_bytes().decode("utf-8")
    return class_from_export(exported)


def project_modules(
    lang: str = "ru",
    *,
    with_xlwings: bool = True,
    functions: Sequence[tuple[str, Sequence[tuple[str, bool]]]] | None = None,
    help_entries: Sequence[WizardHelp] | None = None,
) -> list[Module]:
    """Every module of the plan workbook's VBA project.

    ``with_xlwings=False`` leaves out xlwings's own modules: LibreOffice Basic cannot compile
    them, and one module that does not compile silently disables every macro there.
    ``functions`` and ``help_entries`` default to those of the formulas' declarations.
    """
    functions = udf_functions() if functions is None else functions
    help_entries = wizard_help(lang) if help_entries is None else help_entries
    modules = [workbook_module(workbook_open_code())]
    modules += [worksheet_module(f"Sheet{i}") for i in range(1, sheet_count() + 1)]
    modules.append(Module.from_source(macro_source("Ribbon.bas"), "standard"))
    modules.append(udf_module(PYTHON_MODULE, functions))
    modules.append(help_module(help_entries))
    if with_xlwings:
        source = (xlwings_folder() / "xlwings.bas").read_bytes().decode("utf-8")
        modules.append(Module.from_source(source, "standard"))
        modules.append(dictionary_module())
    return modules


def build_project(lang: str = "ru") -> bytes:
    """The bytes of ``xl/vbaProject.bin`` for a plan workbook in ``lang``."""
    return build_vba_project(project_modules(language(lang)))


def write_prebuilt(folder: str | os.PathLike[str] | None = None) -> dict[str, bytes]:
    """Build the project for every language and store it as ``vbaProject.<lang>.bin``.

    ``folder`` defaults to the package's ``macros/``. Returns the bytes by language.
    """
    target = macros_folder() if folder is None else Path(folder)
    projects = {lang: build_project(lang) for lang in LANGUAGES}
    target.mkdir(parents=True, exist_ok=True)
    for lang, blob in projects.items():
        path = target / project_file(lang)
        if not path.is_file() or path.read_bytes() != blob:
            path.write_bytes(blob)
    return projects
