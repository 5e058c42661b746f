"""The Formulas sheet: every Excel function of the add-in at work on its declared examples.

Each example shows the formula as a planner types it in the workbook's language (``;`` and
``,`` in Russian Excel) and its result as values, spilled in the orientation Excel gives it
and in the formula's number format, computed by the very code Excel calls. Results are
values, not live UDF calls: a workbook opened where Python is not set up would show #NAME?
for a UDF, since the builder asks Excel to recalculate every formula on load.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.formulas import FORMULAS
from xlsalesplan.formulas.declare import pick
from xlsalesplan.io.layout import FORMULAS_SHEET

_TEXT = {
    "ru": (
        "Формулы xlsalesplan на примерах",
        "Результаты посчитаны Python при сборке файла; в Excel с xlwings формулы считаются "
        "вживую. Мастер функций показывает справку каждой формулы (категория xlsalesplan).",
        ["Формула", "Что делает", "Пример", "Результат"],
    ),
    "en": (
        "xlsalesplan formulas by example",
        "Results were computed by Python when the file was built; in Excel with xlwings the "
        "formulas are live. The function wizard shows each formula's help (category "
        "xlsalesplan).",
        ["Formula", "What it does", "Example", "Result"],
    ),
}
_RESULT_COL = 3
_TEXT_WIDTH, _CODE_WIDTH = 48, 60  # characters
_LINE = 15  # points: one line of 11-point text


def _lines(text: str, width: int) -> int:
    """Lines a text takes when wrapped at ``width`` characters (words kept whole)."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _rows(result: Any) -> list[list[Any]]:
    return result if isinstance(result, list) else [[result]]


def _write_value(ws: Worksheet, row: int, col: int, value: Any, fmt: Any) -> None:
    if isinstance(value, (bool, np.bool_)):
        ws.write_boolean(row, col, bool(value), fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif value is not None:
        ws.write_number(row, col, float(value), fmt)


def add_formulas_sheet(wb: Workbook, lang: str) -> None:
    """Write the Formulas sheet: formula, what it does, each example and its spilled result."""
    title, note, heads = _TEXT[lang]
    ws = wb.add_worksheet(pick(lang, FORMULAS_SHEET))
    ws.write(0, 0, title, wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"}))
    ws.write(1, 0, note, wb.add_format({"italic": True, "font_color": "#7F7F7F"}))
    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#2F5597"})
    ws.write_row(3, 0, heads, head)
    code = wb.add_format(
        {"font_name": "Consolas", "font_color": "#1F3864", "valign": "top", "text_wrap": True}
    )
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    name = wb.add_format({"bold": True, "valign": "top"})
    formats: dict[str, Any] = {}
    row = 4
    widest = 1
    for formula in FORMULAS:
        ws.write_string(row, 0, formula.name, name)
        summary = pick(lang, formula.summary)
        ws.write_string(row, 1, summary, wrap)
        first = row
        for example in formula.examples:
            cells = _rows(formula(*example.args))
            typed = formula.typed(example, lang)
            ws.write_string(row, 2, typed, code)
            if len(cells) == 1:  # a wrapped example needs its lines; taller results have them
                ws.set_row(row, _LINE * _lines(typed, _CODE_WIDTH))
            width = len(cells[0])
            for i, line in enumerate(cells):
                for j, value in enumerate(line):
                    kind = formula.formats[(i * width + j) % len(formula.formats)]
                    if kind not in formats:
                        formats[kind] = wb.add_format({"num_format": kind, "valign": "top"})
                    _write_value(ws, row + i, _RESULT_COL + j, value, formats[kind])
            widest = max(widest, width)
            row += len(cells) + 1
        # The summary wraps over the formula's rows: make room where they are too few.
        missing = _lines(summary, _TEXT_WIDTH) - (row - first)
        if missing > 0:
            row += missing
        row += 1
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, _TEXT_WIDTH)
    ws.set_column(2, 2, _CODE_WIDTH)
    ws.set_column(_RESULT_COL, _RESULT_COL + widest - 1, 14)
    ws.freeze_panes(4, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(3)
