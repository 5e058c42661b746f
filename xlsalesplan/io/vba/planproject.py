"""The plan workbook's VBA project, assembled from source at build time.

The project holds, in the order the VBA editor lists them:

* the document modules ``ThisWorkbook`` and ``Sheet1`` … (the code names XlsxWriter gives);
  ``ThisWorkbook`` registers the function wizard's help when the workbook opens;
* ``Ribbon`` — the ribbon callbacks, from ``macros/Ribbon.bas``;
* ``xlwings_udfs`` — one wrapper per Excel function of :mod:`xlsalesplan.udfs`, the module
  xlwings's "Import Functions" writes (:mod:`~xlsalesplan.io.vba.udfmodule`);
* ``FunctionHelp`` — the wizard's help in the workbook's language
  (:mod:`~xlsalesplan.io.vba.wizardhelp`);
* ``xlwings`` and its ``Dictionary`` class — xlwings's standalone VBA, taken from the installed
  xlwings package, so no add-in is needed.

Building needs xlwings and the UDFs; :func:`write_prebuilt` stores the result in the package
(``macros/vbaProject.<lang>.bin``), which :mod:`~xlsalesplan.io.vba.prebuilt` reads at run time.

Examples
--------
>>> build_project("en")[:4].hex()                  # doctest: +SKIP
'd0cf11e0'
"""

from __future__ import annotations

import ast
import inspect
import os
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import xlwings

from xlsalesplan import udfs
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
from xlsalesplan.io.vba.wizardhelp import WizardHelp, help_module, shorten, workbook_open_code

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
RUSSIAN = "По-русски:"


def xlwings_folder() -> Path:
    return Path(xlwings.__file__).parent


# The data the generators take: udf_functions() for the wrappers, wizard_help(lang) for the
# wizard. Until the formula declarations land they read the UDFs themselves; then one import of
# the two from the declarations replaces this section.


def udf_functions(
    formulas: Iterable[Callable[..., Any]] = udfs.FORMULAS,
) -> list[tuple[str, list[tuple[str, bool]]]]:
    """(name, [(argument, optional), ...]) of each Excel function, as its wrapper declares."""
    return [
        (
            fn.__name__,
            [
                (p.name, p.default is not inspect.Parameter.empty)
                for p in inspect.signature(fn).parameters.values()
            ],
        )
        for fn in formulas
    ]


def _help_from_docstring(fn: Callable[..., Any], lang: str) -> WizardHelp:
    """The wizard's help from a UDF's docstring: the first paragraph (English) or the one
    starting with "По-русски:" (Russian), and the ``doc`` of each ``@xw.arg``."""
    paragraphs = (inspect.getdoc(fn) or "").split("\n\n")
    description = paragraphs[0]
    if lang == "ru":
        russian = [p for p in paragraphs if p.startswith(RUSSIAN)]
        description = russian[0][len(RUSSIAN) :] if russian else description
    return WizardHelp(fn.__name__, shorten(description), udfs.CATEGORY, _argument_docs(fn))


def _argument_docs(fn: Callable[..., Any]) -> list[str]:
    """The ``doc=`` of each ``@xw.arg`` decorator, read from the source: off Windows xlwings's
    decorators return the function unchanged and keep nothing. An argument without one gets
    xlwings's own default text."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(fn))))
    docs = {}
    for decorator in tree.body[0].decorator_list:  # type: ignore[attr-defined]
        if isinstance(decorator, ast.Call) and decorator.args:
            for keyword in decorator.keywords:
                if keyword.arg == "doc":
                    docs[ast.literal_eval(decorator.args[0])] = ast.literal_eval(keyword.value)
    names = inspect.signature(fn).parameters
    return [docs.get(name, f"Positional argument {i + 1}") for i, name in enumerate(names)]


def wizard_help(lang: str) -> list[WizardHelp]:
    """The function wizard's help for every UDF, in ``lang``."""
    return [_help_from_docstring(fn, language(lang)) for fn in udfs.FORMULAS]


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
    ``functions`` and ``help_entries`` default to those of :mod:`xlsalesplan.udfs`.
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
