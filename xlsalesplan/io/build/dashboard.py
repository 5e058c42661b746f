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
from xlsalesplan.io.build.printing import GANTT_WIDTH, Page, column_pt
from xlsalesplan.io.build.textwidth import column_width, text_px
from xlsalesplan.io.build.textwidth import shown as shown_text
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
        ws.set_column(c, c, GANTT_WIDTH)
    # The header row as tall as a week's date written upwards, so that the dates stay below
    # the chart's caption.
    size = block.formats[0].get("font_size", 11)
    ws.set_row(HEADER_ROW, text_px("00.00", size=size) * 0.75 + 6)
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


# Chart text as large as the cells' (11 pt): it prints as readable as they do.
_FONT = {"size": 11}
_TITLE = {"size": 13, "bold": True}
_SIZE = {"width": 560, "height": 300}
_GAP = 2  # the column between the tables and the charts


def _label_width(outputs: Any, lang: str) -> float:
    """Column A's width: the months and the ranked blocks' labels, under their headers."""
    texts = list(MONTHS[lang])
    for block, ranked in zip(derived.ranked_blocks(outputs, lang), derived.RANKED, strict=True):
        texts += [str(row[0].cached) for row in block.cells]
        texts.append(TABLES[ranked[2]].column(ranked[3]).header(lang))
    return column_width(texts)


def _value_width(inputs: Any, outputs: Any, lang: str, plan: str) -> float:
    """Column B's width: the month plan figures and the ranked values, under their headers."""
    ranked = [TABLES[r[2]].column(r[4]).header(lang) for r in derived.RANKED]
    months = derived.month_block(inputs, outputs, lang).cells
    texts = [shown_text(v, "int", lang) for v in (12_345_678, *(row[0].cached for row in months))]
    return max(column_width(texts, head) for head in (plan, *ranked))


def add_dashboard(wb: Workbook, inputs: Any, outputs: Any, lang: str) -> Page:
    """The Dashboard sheet: plan vs fact by month, the funnel, ROI by initiative; returns
    what its print set-up needs (:class:`~xlsalesplan.io.build.printing.Page`)."""
    ws = wb.add_worksheet(_t(lang, *DASHBOARD))
    title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
    hdr = wb.add_format({"bold": True, "bottom": 1})
    hdr_right = wb.add_format({"bold": True, "bottom": 1, "align": "right"})  # over numbers
    ws.write(0, 0, _t(lang, "Дашборд плана продаж", "Sales plan dashboard"), title)
    name = ws.get_name()
    plan_t, fact_t = _t(lang, "План", "Plan"), _t(lang, "Факт", "Actual")
    top, left = derived.MONTH_BLOCK
    ws.write(top - 1, left, _t(lang, "Месяц", "Month"), hdr)
    ws.write_row(top - 1, left + 1, [plan_t, fact_t], hdr_right)
    ws.write_column(top, left, MONTHS[lang])
    write_block(wb, ws, derived.month_block(inputs, outputs, lang))
    widths = [
        _label_width(outputs, lang),
        _value_width(inputs, outputs, lang, plan_t),
        column_width([shown_text(12_345_678, "int", lang)], fact_t),
        _GAP,
    ]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    size = _SIZE
    tops = [top - 1]
    chart = wb.add_chart({"type": "column"})
    for col, series in ((1, plan_t), (2, fact_t)):
        cells = {
            "categories": [name, top, 0, top + 11, 0],
            "values": [name, top, col, top + 11, col],
        }
        chart.add_series({"name": series, **cells})
    chart.set_title(
        {"name": _t(lang, "План и факт по месяцам", "Plan vs actual by month"), "name_font": _TITLE}
    )
    # Only whole numbers on the axis: an empty plan's axis runs 0…1 and shows just its 0.
    chart.set_y_axis({"num_format": '[=0]0;[<=1]"";#,##0', "min": 0, "num_font": _FONT})
    chart.set_x_axis({"num_font": _FONT})
    chart.set_legend({"font": _FONT})
    chart.set_size(size)
    ws.insert_chart(top - 1, 4, chart)
    titles = {
        "tblFunnelPlan": _t(lang, "Воронка: объём за год", "Funnel: volume per year"),
        "tblROI": _t(lang, "ROI с учётом риска", "Risk-adjusted ROI"),
    }
    for block, (_, _, table, label_key, value_key, code, _) in zip(
        derived.ranked_blocks(outputs, lang), derived.RANKED, strict=True
    ):
        heads = [TABLES[table].column(k).header(lang) for k in (label_key, value_key)]
        ws.write(block.row - 1, 0, heads[0], hdr)
        ws.write(block.row - 1, 1, heads[1], hdr_right)
        write_block(wb, ws, block)
        shown = derived.filled_rows(outputs, table)
        chart = wb.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": titles[table],
                "categories": [name, block.row, 0, block.row + shown - 1, 0],
                "values": [name, block.row, 1, block.row + shown - 1, 1],
                "data_labels": {"value": True, "num_format": code, "font": _FONT},
            }
        )
        chart.set_title({"name": titles[table], "name_font": _TITLE})
        chart.set_legend({"none": True})
        # The bars carry their values: no value axis (an empty plan shows no stray 0 %).
        chart.set_x_axis({"visible": False, "major_gridlines": {"visible": False}})
        chart.set_y_axis({"reverse": True, "num_font": _FONT, "major_tick_mark": "none"})
        chart.set_size(size)
        ws.insert_chart(block.row - 1, 4, chart)
        tops.append(block.row - 1)
    width_pt = sum(column_pt(w) for w in widths) + size["width"] * 0.75
    return Page(width_pt, tuple(tops), size["height"] * 0.75)
