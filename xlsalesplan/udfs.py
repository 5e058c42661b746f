"""The formulas as Excel functions: xlwings UDFs made from their declarations.

Each function here is :mod:`xlsalesplan.formulas`' declaration behind xlwings's decorators:
its arguments (ranges as ``ndim=2``, error cells as their text so that ``#N/A`` is named, not
read as a blank), the help the function wizard shows (the declaration's English summary and
argument help; the workbook registers its own language's when it opens), and results that
spill. Point xlwings at this module (``UDF MODULES = xlsalesplan.udfs``); Import Functions
writes the same VBA module that the plan workbooks carry.

Examples
--------
>>> from xlsalesplan.udfs import DECOMPOSE
>>> DECOMPOSE(1200000, [[1], [1], [2]], 0)
[[300000.0], [300000.0], [600000.0]]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import xlwings as xw

from xlsalesplan.formulas import BY_NAME, FORMULAS, Formula, FormulaError


def udf(formula: Formula) -> Callable[..., Any]:
    """The xlwings function of a declared formula."""

    def call(*args: Any) -> Any:
        return formula(*args)

    call.__name__ = call.__qualname__ = formula.name
    call.__doc__ = formula.summary[1]  # xlwings registers its first 255 characters
    call.__signature__ = formula.signature()  # type: ignore[attr-defined]
    call.__module__ = __name__
    for arg in reversed(formula.args):
        options = {"ndim": 2} if arg.range else {}
        call = xw.arg(arg.name, err_to_str=True, doc=arg.help[1], **options)(call)
    if formula.spills:
        call = xw.ret(expand="table")(call)
    return xw.func(category=formula.category)(call)


# One name per formula, so that xlwings finds them in this module.
DECOMPOSE = udf(BY_NAME["DECOMPOSE"])
BALANCE = udf(BY_NAME["BALANCE"])
SEASONALITY = udf(BY_NAME["SEASONALITY"])
WORKDAYS = udf(BY_NAME["WORKDAYS"])
RAMP = udf(BY_NAME["RAMP"])
FUNNEL = udf(BY_NAME["FUNNEL"])
ROI = udf(BY_NAME["ROI"])
PAYBACK = udf(BY_NAME["PAYBACK"])
LTV = udf(BY_NAME["LTV"])
CAGR = udf(BY_NAME["CAGR"])
PLANFACT = udf(BY_NAME["PLANFACT"])
RUNRATE = udf(BY_NAME["RUNRATE"])
HORIZON = udf(BY_NAME["HORIZON"])
CONCENTRATION = udf(BY_NAME["CONCENTRATION"])

__all__ = ["FORMULAS", "FormulaError", *BY_NAME]
