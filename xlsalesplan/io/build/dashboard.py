"""What makes the plan readable: validation, status colours, the Gantt and the dashboard charts.

Everything here is live Excel: validation lists point at the reference tables, colours are
conditional formats, the dashboard's figures are formulas over the tables (structured
references, so they follow the tables as they grow) written with their cached values.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.io import derived
from xlsalesplan.io.build import strategy_sheets
from xlsalesplan.io.layout import (
    DASHBOARD,
    HEADER_ROW,
    MONTHS,
    TABLES,
    Sheet,
)
from xlsalesplan.io.native import status_labels
from xlsalesplan.io.ooxml.cells import Formula, quote_sheet

ROOM = derived.ROOM
_FIRST = HEADER_ROW + 1  # first data row, 0-based


def _col(sheet: Sheet, origins: dict[str, int], table: str, key: str) -> int:
    return origins[table] + TABLES[table].keys.index(key)


def _data_range(sheet: Sheet, origins: dict[str, int], table: str, key: str) -> str:
    c = _col(sheet, origins, table, key)
    return f"{xl_rowcol_to_cell(_FIRST, c)}:{xl_rowcol_to_cell(_FIRST + ROOM, c)}"


def decorate(
    wb: Workbook,
    ws: Worksheet,
    sheet: Sheet,
    origins: dict[str, int],
    inputs: Any,
    outputs: Any,
    lang: str,
) -> None:
    """Status colours and, on the roadmap, the Gantt."""
    # The strategy sheets' own (first: the Gantt's colours by kind go before its plain bars).
    strategy_sheets.decorate(wb, ws, sheet, origins, inputs, outputs, lang)
    if sheet.key == "planfact":
        _status_colours(wb, ws, _data_range(sheet, origins, "tblPlanFact", "status"), lang)
    if sheet.key == "roi":
        rng = _data_range(sheet, origins, "tblROI", "roi_risk")
        ws.conditional_format(rng, {"type": "3_color_scale"})
    if sheet.key == "roadmap":
        _gantt(wb, ws, outputs, lang)


def _status_colours(wb: Workbook, ws: Worksheet, rng: str, lang: str) -> None:
    colours = ("#C6EFCE", "#FFEB9C", "#FFC7CE")
    for label, colour in zip(status_labels(lang), colours, strict=True):
        fmt = wb.add_format({"bg_color": colour})
        ws.conditional_format(
            rng, {"type": "cell", "criteria": "==", "value": f'"{label}"', "format": fmt}
        )


def _gantt(wb: Workbook, ws: Worksheet, outputs: Any, lang: str) -> None:
    block = derived.gantt_block(outputs, lang)
    write_block(wb, ws, block)
    first_c = block.col
    start_c = block.col - len(TABLES["tblRoadmap"].columns) - 1
    start_c, end_c = (start_c + TABLES["tblRoadmap"].keys.index(k) for k in ("start", "end"))
    for c in range(first_c, first_c + derived.GANTT_WEEKS):
        ws.set_column(c, c, 2.6)
    bar = wb.add_format({"bg_color": "#4472C4", "font_color": "#4472C4"})
    top_left = xl_rowcol_to_cell(HEADER_ROW, first_c, row_abs=True)
    s = xl_rowcol_to_cell(_FIRST, start_c, col_abs=True)
    e = xl_rowcol_to_cell(_FIRST, end_c, col_abs=True)
    last = xl_rowcol_to_cell(_FIRST + ROOM, first_c + derived.GANTT_WEEKS - 1)
    ws.conditional_format(
        f"{xl_rowcol_to_cell(_FIRST, first_c)}:{last}",
        {
            "type": "formula",
            "criteria": (
                f"=AND(ISNUMBER({s}),ISNUMBER({top_left}),{s}<={top_left}+6,{e}>={top_left})"
            ),
            "format": bar,
        },
    )
    caption = _t(lang, "Диаграмма Ганта (недели)", "Gantt chart (weeks)")
    ws.write(
        HEADER_ROW - 1, first_c, caption, wb.add_format({"bold": True, "font_color": "#1F3864"})
    )


def write_block(wb: Workbook, ws: Worksheet, block: derived.Block, fmt: Any = None) -> None:
    """Write a block refresh owns (formulas with their cached values, or a stamp's text) and
    the defined name that finds it wherever the planner moves it."""
    formats = [wb.add_format(f) if f else fmt for f in block.formats]
    for i, row in enumerate(block.cells):
        for j, cell in enumerate(row):
            cell_fmt = formats[j] if j < len(formats) else fmt
            if isinstance(cell, Formula):
                ws.write_formula(
                    block.row + i, block.col + j, "=" + cell.text, cell_fmt, cell.cached
                )
            else:
                ws.write_string(block.row + i, block.col + j, cell, cell_fmt)
    wb.define_name(block.name, f"={quote_sheet(ws.get_name())}!{block.ref()}")


def _t(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


def add_dashboard(wb: Workbook, inputs: Any, outputs: Any, lang: str) -> None:
    """The Dashboard sheet: plan vs fact by month, the funnel, ROI by initiative."""
    ws = wb.add_worksheet(_t(lang, *DASHBOARD))
    title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
    hdr = wb.add_format({"bold": True, "bottom": 1})
    ws.write(0, 0, _t(lang, "Дашборд плана продаж", "Sales plan dashboard"), title)
    name = ws.get_name()
    plan_t, fact_t = _t(lang, "План", "Plan"), _t(lang, "Факт", "Actual")
    top, left = derived.MONTH_BLOCK
    ws.write_row(top - 1, left, [_t(lang, "Месяц", "Month"), plan_t, fact_t], hdr)
    ws.write_column(top, left, MONTHS[lang])
    write_block(wb, ws, derived.month_block(inputs, outputs, lang))
    ws.set_column(0, 0, 34)
    ws.set_column(1, 2, 14)
    chart = wb.add_chart({"type": "column"})
    for col, series in ((1, plan_t), (2, fact_t)):
        cells = {
            "categories": [name, top, 0, top + 11, 0],
            "values": [name, top, col, top + 11, col],
        }
        chart.add_series({"name": series, **cells})
    chart.set_title({"name": _t(lang, "План и факт по месяцам", "Plan vs actual by month")})
    chart.set_y_axis({"num_format": "#,##0"})
    chart.set_size({"width": 620, "height": 300})
    ws.insert_chart(top - 1, 4, chart)
    titles = {
        "tblFunnelPlan": _t(lang, "Воронка: объём за год", "Funnel: volume per year"),
        "tblROI": _t(lang, "ROI с учётом риска", "Risk-adjusted ROI"),
    }
    for block, (_, _, table, label_key, value_key, code, _) in zip(
        derived.ranked_blocks(outputs, lang), derived.RANKED, strict=True
    ):
        heads = [TABLES[table].column(k).header(lang) for k in (label_key, value_key)]
        ws.write_row(block.row - 1, 0, heads, hdr)
        write_block(wb, ws, block)
        shown = derived.filled_rows(outputs, table)
        chart = wb.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": titles[table],
                "categories": [name, block.row, 0, block.row + shown - 1, 0],
                "values": [name, block.row, 1, block.row + shown - 1, 1],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": titles[table]})
        chart.set_legend({"none": True})
        chart.set_x_axis({"num_format": code})
        chart.set_y_axis({"reverse": True})
        chart.set_size({"width": 620, "height": 300})
        ws.insert_chart(block.row - 1, 4, chart)
    ws.set_landscape()
    ws.fit_to_pages(1, 1)
