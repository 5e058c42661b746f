"""The add-in's formulas, each declared once: name, arguments, help in ru / en, examples.

Every face is generated from these declarations: the xlwings UDFs (:mod:`xlsalesplan.udfs`),
their VBA wrappers and the function wizard's help in the workbook, the xlwings Lite functions,
the formula reference (``docs/formulas.md``, ``docs/formulas.ru.md``) and the Formulas sheet.
Nothing here imports xlwings.

Examples
--------
>>> [f.name for f in FORMULAS][:3]
['DECOMPOSE', 'BALANCE', 'SEASONALITY']
>>> BY_NAME["DECOMPOSE"](100, [[1], [1], [1]], 0)
[[34.0], [33.0], [33.0]]
"""

from xlsalesplan.formulas import control, money, planning
from xlsalesplan.formulas.declare import CATEGORY, Arg, Example, Formula, FormulaError

# In the order of the formula reference: planning, money, control.
FORMULAS: tuple[Formula, ...] = (*planning.FORMULAS, *money.FORMULAS, *control.FORMULAS)
BY_NAME: dict[str, Formula] = {f.name: f for f in FORMULAS}

__all__ = ["BY_NAME", "CATEGORY", "FORMULAS", "Arg", "Example", "Formula", "FormulaError"]
