"""The sheets of scenarios, history and the team: the side-by-side block, its chart, formats.

The Scenarios sheet gets the block of :mod:`xlsalesplan.io.scenario_view` (with its defined
name, so refresh finds it wherever it moves) and a line chart of revenue by month, one line per
scenario. Figures of different kinds share the value columns, so conditional formats show the
ROI rows as percentages and fractional head counts with a decimal. Moments (approved at,
refreshed at) show a date and a time.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.io import scenario_view
from xlsalesplan.io.block import Block
from xlsalesplan.io.derived import ROOM
from xlsalesplan.io.layout import HEADER_ROW, TABLES, Sheet
from xlsalesplan.io.ooxml.cells import Formula, quote_sheet
from xlsalesplan.plan.scenarios import SECTION
from xlsalesplan.plan.schema import pick

_FIRST = HEADER_ROW + 1  # first data row, 0-based
_CAPTION = (
    "Сценарии рядом с планом (первые {n}; все — в таблице слева)",
    "The scenarios beside the plan (the first {n}; all of them in the table on the left)",
)
_CHART = ("Выручка по месяцам: план и сценарии", "Revenue by month: the plan and the scenarios")


def write_block(wb: Workbook, ws: Worksheet, block: Block) -> None:
    """Write a formula block (blank cells left blank) and the defined name that finds it."""
    formats = [wb.add_format(f) if f else None for f in block.formats]
    for i, row in enumerate(block.cells):
        for j, cell in enumerate(row):
            if isinstance(cell, Formula):
                fmt = formats[j] if j < len(formats) else None
                ws.write_formula(block.row + i, block.col + j, "=" + cell.text, fmt, cell.cached)
    wb.define_name(block.name, f"={quote_sheet(ws.get_name())}!{block.ref()}")


def _number_formats(wb: Workbook, ws: Worksheet, cells: str, section: str, lang: str) -> None:
    """ROI rows as percentages, fractional head counts with one decimal."""
    roi = pick(lang, SECTION["roi"])
    ws.conditional_format(
        cells,
        {
            "type": "formula",
            "criteria": f'={section}="{roi}"',
            "format": wb.add_format({"num_format": "0.0%"}),
            "stop_if_true": True,
        },
    )
    first = cells.split(":")[0]
    ws.conditional_format(
        cells,
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({first}),{first}<>INT({first}))",
            "format": wb.add_format({"num_format": "#,##0.0"}),
        },
    )


def _scenarios(wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str):
    block = scenario_view.scenario_block(outputs, lang)
    write_block(wb, ws, block)
    caption = wb.add_format({"bold": True, "font_color": "#1F3864"})
    ws.write(block.row - 1, block.col, pick(lang, _CAPTION).format(n=scenario_view.SLOTS), caption)
    labels, first = block.col, block.col + scenario_view.LABELS
    last = first + scenario_view.SLOTS
    ws.set_column(labels, labels, 22)
    ws.set_column(labels + 1, labels + 1, 46)
    ws.set_column(first, last, 15)
    top, bottom = block.row + 1, block.row + scenario_view.ROWS
    section = xl_rowcol_to_cell(top, labels, col_abs=True)
    cells = f"{xl_rowcol_to_cell(top, first)}:{xl_rowcol_to_cell(bottom, last)}"
    _number_formats(wb, ws, cells, section, lang)
    # The results table: its value and base columns, by its section column.
    table = TABLES[scenario_view.RESULTS]
    c0 = origins[scenario_view.RESULTS]
    value, base = (c0 + table.keys.index(k) for k in ("value", "base"))
    section = xl_rowcol_to_cell(_FIRST, c0 + table.keys.index("section"), col_abs=True)
    cells = f"{xl_rowcol_to_cell(_FIRST, value)}:{xl_rowcol_to_cell(_FIRST + ROOM, base)}"
    _number_formats(wb, ws, cells, section, lang)
    # Revenue by month (the first twelve figures), one line per column of the block.
    name = ws.get_name()
    chart = wb.add_chart({"type": "line"})
    for col in range(first, last + 1):
        chart.add_series(
            {
                "name": [name, block.row, col],
                "categories": [name, top, labels + 1, top + 11, labels + 1],
                "values": [name, top, col, top + 11, col],
                "marker": {"type": "circle", "size": 4},
            }
        )
    chart.set_title({"name": pick(lang, _CHART)})
    chart.set_y_axis({"num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})
    chart.show_blanks_as("gap")
    chart.set_size({"width": 720, "height": 360})
    ws.insert_chart(block.row - 1, last + 2, chart)


def decorate(
    wb: Workbook,
    ws: Worksheet,
    sheet: Sheet,
    origins: dict[str, int],
    inputs: Any,
    outputs: Any,
    lang: str,
) -> None:
    """What the Scenarios sheet carries beside its tables."""
    if sheet.key == "scenarios":
        _scenarios(wb, ws, origins, outputs, lang)
