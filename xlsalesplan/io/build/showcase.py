"""The Formulas sheet: every Excel function of the add-in at work on a small example.

Each row shows the formula as a planner types it (as text) and its result as values, computed
by the very functions Excel calls. Results are values, not live UDF calls: a workbook opened
where Python is not set up would show #NAME? for a UDF, since XlsxWriter asks Excel to
recalculate every formula on load.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from xlsxwriter.workbook import Workbook

from xlsalesplan import udfs
from xlsalesplan.io.layout import FORMULAS_SHEET

# (function, arguments as xlwings passes them, as typed in Russian Excel, in English Excel).
# Dates are ISO text, which the formulas accept, so that one example reads in any locale.
EXAMPLES: list[tuple[Any, tuple, str, str]] = [
    (udfs.DECOMPOSE, (1200000, [[1], [1], [2]], 0), "1200000; {1;1;2}; 0", "1200000, {1;1;2}, 0"),
    (udfs.DECOMPOSE, (100, [[1], [1], [1]], 0), "100; {1;1;1}; 0", "100, {1;1;1}, 0"),
    (
        udfs.BALANCE,
        ([[30], [70]], [[40, 60]], None, 0),
        "{30;70}; {40\\60}; ; 0",
        "{30;70}, {40,60}, , 0",
    ),
    (
        udfs.SEASONALITY,
        ([[x] for x in [80, 120, 90, 110] * 2], 4),
        "{80;120;90;110;80;120;90;110}; 4",
        "{80;120;90;110;80;120;90;110}, 4",
    ),
    (
        udfs.WORKDAYS,
        ([["2026-01-01"], ["2026-05-01"]], [["2026-01-31"], ["2026-05-31"]]),
        '{"2026-01-01";"2026-05-01"}; {"2026-01-31";"2026-05-31"}',
        '{"2026-01-01";"2026-05-01"}, {"2026-01-31";"2026-05-31"}',
    ),
    (
        udfs.RAMP,
        ("2026-03-01", [[f"2026-{m:02d}-01" for m in (2, 3, 4, 5, 6)]], 3),
        '"2026-03-01"; {"2026-02-01"\\"2026-03-01"\\"2026-04-01"\\"2026-05-01"\\"2026-06-01"}; 3',
        '"2026-03-01", {"2026-02-01","2026-03-01","2026-04-01","2026-05-01","2026-06-01"}, 3',
    ),
    (udfs.FUNNEL, (120, [[0.4], [0.5], [0.25]]), "120; {0,4;0,5;0,25}", "120, {0.4;0.5;0.25}"),
    (udfs.ROI, (150000, 500000, 6), "150000; 500000; 6", "150000, 500000, 6"),
    (udfs.PAYBACK, (1000, [[300], [400], [600]]), "1000; {300;400;600}", "1000, {300;400;600}"),
    (udfs.LTV, (10000, 0.3, 0.05), "10000; 30%; 5%", "10000, 30%, 5%"),
    (udfs.CAGR, (100, 150, 3), "100; 150; 3", "100, 150, 3"),
    (udfs.PLANFACT, ([[100, 200]], [[104, 150]]), "{100\\200}; {104\\150}", "{100,200}, {104,150}"),
    (udfs.RUNRATE, (600000, 12, 20), "600000; 12; 20", "600000, 12, 20"),
    (
        udfs.HORIZON,
        ([["2026-12-31"], ["2028-06-30"], ["2031-12-31"]], "2026-01-01"),
        '{"2026-12-31";"2028-06-30";"2031-12-31"}; "2026-01-01"',
        '{"2026-12-31";"2028-06-30";"2031-12-31"}, "2026-01-01", "en"',
    ),
    (udfs.CONCENTRATION, ([[50], [30], [20]], 0.04), "{50;30;20}; 4%", "{50;30;20}, 4%"),
]


def _flat(result: Any) -> list[Any]:
    if isinstance(result, list):
        return [cell for row in result for cell in row]
    return [result]


def add_formulas_sheet(wb: Workbook, lang: str) -> None:
    """Write the Formulas sheet: formula, what it does, example, result values."""
    ru = lang == "ru"
    ws = wb.add_worksheet(FORMULAS_SHEET[0] if ru else FORMULAS_SHEET[1])
    title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#2F5597"})
    code = wb.add_format({"font_name": "Consolas", "font_color": "#1F3864"})
    ws.write(
        0, 0, "Формулы xlsalesplan на примерах" if ru else "xlsalesplan formulas by example", title
    )
    note = (
        "Результаты посчитаны Python при сборке файла; в Excel с xlwings формулы считаются вживую."
        if ru
        else "Results were computed by Python when the file was built; in Excel with xlwings "
        "the formulas are live."
    )
    ws.write(1, 0, note, wb.add_format({"italic": True, "font_color": "#7F7F7F"}))
    ws.write_row(
        3, 0, ["Формула", "Пример", "Результат"] if ru else ["Formula", "Example", "Result"], head
    )
    for i, (fn, args, typed_ru, typed_en) in enumerate(EXAMPLES):
        row = 4 + i
        example = f"={fn.__name__}({typed_ru if ru else typed_en})"
        if fn is udfs.HORIZON and not ru:
            args = (*args, "en")
        ws.write_string(row, 0, fn.__name__)
        ws.write_string(row, 1, example, code)
        for j, value in enumerate(_flat(fn(*args))):
            if isinstance(value, (bool, np.bool_)):
                ws.write_boolean(row, 2 + j, bool(value))
            elif isinstance(value, str):
                ws.write_string(row, 2 + j, value)
            elif value is not None:
                ws.write_number(row, 2 + j, float(value))
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 84)
    ws.set_column(2, 8, 14)
    ws.freeze_panes(4, 0)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
