"""The Formulas sheet shows every example as Excel would spill it: in the orientation of the
result, each cell formatted by the declaration, booleans as TRUE/FALSE (issue 9)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from xlsalesplan.formulas import FORMULAS
from xlsalesplan.io.layout import FORMULAS_SHEET
from xlsalesplan.plan.schema import pick

WORKBOOKS = Path(__file__).resolve().parents[1] / "workbooks"
RESULT_COL = 4  # column D, 1-based


def _grid(result):
    return result if isinstance(result, list) else [[result]]


@pytest.mark.parametrize(("lang", "name"), [("en", "SalesPlan_en.xlsx"), ("ru", "SalesPlan.xlsx")])
def test_every_example_spills_its_result_formatted(lang, name):
    ws = openpyxl.load_workbook(WORKBOOKS / name)[pick(lang, FORMULAS_SHEET)]
    rows = {ws.cell(r, 3).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value}
    for formula in FORMULAS:
        for example in formula.examples:
            row = rows[formula.typed(example, lang)]
            cells = _grid(formula(*example.args))
            width = len(cells[0])
            for i, line in enumerate(cells):
                for j, want in enumerate(line):
                    cell = ws.cell(row + i, RESULT_COL + j)
                    where = (formula.name, cell.coordinate)
                    if isinstance(want, bool):
                        assert cell.value is want, where
                    elif isinstance(want, str):
                        assert cell.value == want, where
                    elif want is not None:
                        assert cell.value == pytest.approx(float(want)), where
                    kind = formula.formats[(i * width + j) % len(formula.formats)]
                    assert cell.number_format == kind, where
            # Nothing spills past the result's own shape.
            assert ws.cell(row, RESULT_COL + width).value is None, formula.name
            assert ws.cell(row + len(cells), RESULT_COL).value is None, formula.name
