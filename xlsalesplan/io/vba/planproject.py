"""The plan workbook's VBA project and ribbon, assembled from source on any machine.

The project holds, in the order the VBA editor lists them:

* the document modules ``ThisWorkbook`` and ``Sheet1`` … (the code names XlsxWriter gives);
* ``Ribbon`` — the ribbon callbacks, from ``macros/Ribbon.bas``;
* ``xlsalesplan_udfs`` — one wrapper per Excel function of :mod:`xlsalesplan.udfs`, the same
  VBA that xlwings's "Import Functions" writes, generated here;
* ``xlwings`` and its ``Dictionary`` class — xlwings's standalone VBA, taken from the installed
  xlwings package, so no add-in is needed.

Examples
--------
>>> blob = vba_project()                     # doctest: +SKIP
>>> blob[:4].hex()                               # doctest: +SKIP
'd0cf11e0'
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

import xlwings

from xlsalesplan.formulas import FORMULAS, Formula
from xlsalesplan.io.layout import sheet_count
from xlsalesplan.io.vba.modules import Module, workbook_module, worksheet_module
from xlsalesplan.io.vba.project import build_vba_project

UDF_MODULE = "xlsalesplan_udfs"
RIBBON_FILES = {"ru": "customUI14.xml", "en": "customUI14_en.xml"}
# VBA keywords that cannot name an argument (a wrapper using one would not compile).
VBA_KEYWORDS = frozenset(
    [
        "and",
        "as",
        "boolean",
        "byref",
        "byte",
        "byval",
        "call",
        "case",
        "const",
        "currency",
        "date",
        "declare",
        "dim",
        "do",
        "double",
        "each",
        "else",
        "elseif",
        "empty",
        "end",
        "enum",
        "eqv",
        "erase",
        "error",
        "exit",
        "false",
        "for",
        "function",
        "get",
        "global",
        "gosub",
        "goto",
        "if",
        "imp",
        "implements",
        "in",
        "integer",
        "is",
        "let",
        "lib",
        "like",
        "long",
        "loop",
        "lset",
        "me",
        "mod",
        "new",
        "next",
        "not",
        "nothing",
        "null",
        "on",
        "optional",
        "or",
        "paramarray",
        "preserve",
        "private",
        "property",
        "public",
        "redim",
        "rem",
        "resume",
        "return",
        "rset",
        "select",
        "set",
        "single",
        "static",
        "step",
        "stop",
        "string",
        "sub",
        "then",
        "to",
        "true",
        "type",
        "typeof",
        "until",
        "variant",
        "wend",
        "while",
        "with",
        "xor",
        "base",
    ]
)


def macro_source(name: str) -> str:
    """A file of the ``macros/`` folder (VBA modules, ribbon XML) as text."""
    return resources.files("xlsalesplan._macros").joinpath(name).read_text(encoding="utf-8")


def ribbon_xml(lang: str) -> str:
    """The ribbon definition (customUI14.xml) for a workbook language."""
    return macro_source(RIBBON_FILES["ru" if lang == "ru" else "en"])


def xlwings_folder() -> Path:
    return Path(xlwings.__file__).parent


def _exported(text: str) -> str:
    """An exported .cls file without the VERSION/BEGIN…END block the editor adds."""
    return re.sub(
        r"\AVERSION[^\n]*\n(BEGIN\n.*?\nEND\n)?", "", text.replace("\r\n", "\n"), flags=re.S
    )


def udf_arguments(formula: Formula) -> list[tuple[str, bool]]:
    """(name, optional) of each argument of an Excel function, as its wrapper declares them."""
    return [(a.name, a.optional) for a in formula.args]


def udf_wrapper(formula: Formula, module: str = "xlsalesplan.udfs") -> str:
    """The VBA function that forwards one Excel function to Python through xlwings."""
    name = formula.name
    args = udf_arguments(formula)
    signature = ", ".join(("Optional " if optional else "") + arg for arg, optional in args)
    array = "Array(" + ", ".join(arg for arg, _ in args) + ")"
    call = f'XLPy.CallUDF("{module}", "{name}", {array}'
    return "\n".join(
        [
            f"Function {name}({signature})",
            '    #If App = "Microsoft Excel" Then',
            "        If TypeOf Application.Caller Is Range Then On Error GoTo failed",
            f"        {name} = {call}, ThisWorkbook, Application.Caller)",
            "        Exit Function",
            "    #Else",
            f"        {name} = {call})",
            "        Exit Function",
            "    #End If",
            "failed:",
            f"    {name} = Err.Description",
            "End Function",
            "",
        ]
    )


def udf_module() -> Module:
    """The module of every UDF wrapper."""
    return Module(UDF_MODULE, "\n".join(udf_wrapper(f) for f in FORMULAS))


def project_modules(*, with_xlwings: bool = True) -> list[Module]:
    """Every module of the plan workbook's VBA project.

    ``with_xlwings=False`` leaves out xlwings's own modules: LibreOffice Basic cannot compile
    them, and one module that does not compile silently disables every macro there.
    """
    modules = [workbook_module()]
    modules += [worksheet_module(f"Sheet{i}") for i in range(1, sheet_count() + 1)]
    modules.append(Module.from_source(macro_source("Ribbon.bas"), "standard"))
    modules.append(udf_module())
    if with_xlwings:
        folder = xlwings_folder()
        modules.append(Module.from_source((folder / "xlwings.bas").read_text("utf-8"), "standard"))
        dictionary = _exported((folder / "addin" / "Dictionary.cls").read_text("utf-8"))
        modules.append(Module.from_source(dictionary, "class"))
    return modules


@cache
def vba_project(*, with_xlwings: bool = True) -> bytes:
    """The bytes of ``xl/vbaProject.bin`` for the plan workbook (the same in both languages:
    the texts people read come from Python)."""
    return build_vba_project(project_modules(with_xlwings=with_xlwings))
