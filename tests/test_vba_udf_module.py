"""The UDF wrapper module is, whole text, what xlwings's own "Import Functions" writes (issue 9).

The reference is xlwings's ``import_udfs`` itself, run on the real :mod:`xlsalesplan.udfs`
(tests/xlwings_import_functions.py): the temporary file it hands to
``VBProject.VBComponents.Import``, line endings as VBA stores them.
"""

from __future__ import annotations

import pytest
from plan_vba_fixtures import xlwings_import_functions

from xlsalesplan.io.vba.modules import crlf
from xlsalesplan.io.vba.planproject import PYTHON_MODULE, udf_functions
from xlsalesplan.io.vba.udfmodule import UDF_MODULE, udf_module


@pytest.mark.parametrize(
    "workbook, addin",
    # xlwings passes ActiveWorkbook instead of ThisWorkbook when the workbook is an add-in.
    [("SalesPlan.xlsm", False), ("Sales plan add-in.xlam", True)],
)
def test_module_is_the_text_import_functions_imports(workbook, addin):
    imported = xlwings_import_functions(workbook)["module"]
    ours = udf_module(PYTHON_MODULE, udf_functions(), addin=addin)
    assert ours.source == crlf(imported)
    assert ours.name == UDF_MODULE == "xlwings_udfs"
    # The line that makes every wrapper take its Excel branch (issue 9, point 1).
    assert ours.source.splitlines()[2].startswith('#Const App = "Microsoft Excel"')


def test_wrappers_come_in_dir_order_whatever_order_is_given():
    functions = udf_functions()
    forward = udf_module(PYTHON_MODULE, functions)
    assert udf_module(PYTHON_MODULE, functions[::-1]) == forward
    names = [
        line.split("(")[0][9:] for line in forward.code.splitlines() if line[:9] == "Function "
    ]
    assert names == sorted(name for name, _ in functions)


@pytest.mark.parametrize(
    "functions, message",
    [
        ([("F", [("end", False)])], "argument 'end' is a VBA keyword"),
        ([("F", [("x", False)]), ("F", [("y", False)])], "a name comes twice"),
        ([("2F", [])], "function name '2F'"),
        ([("F", [("a b", False)])], "F: argument 'a b'"),
    ],
)
def test_functions_vba_cannot_compile_are_refused(functions, message):
    with pytest.raises(ValueError, match=message):
        udf_module(PYTHON_MODULE, functions)
