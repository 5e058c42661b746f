"""What makes the strategy sheets readable (SPEC §8): status colours, the Gantt's colours by kind,
the charts of the five-year case, the concentration and the assortment, and the print width.

In the style of :mod:`xlsalesplan.io.build.dashboard`: everything is live Excel — conditional
formats over ``ROOM`` rows of a column (they follow the planner's rows), charts over the output
tables' cells (refresh rewrites the cells, the charts follow).
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.io import derived
from xlsalesplan.io.build.textwidth import wrapped_lines
from xlsalesplan.io.layout import HEADER_ROW, TABLES, Sheet
from xlsalesplan.plan.columns import CALENDAR_KINDS, DOC_STATUS, STEP_STATUS
from xlsalesplan.plan.labels import text
from xlsalesplan.plan.schema import pick

ROOM = derived.ROOM
_FIRST = HEADER_ROW + 1  # first data row, 0-based

# The dashboard's status colours, and two more for work in progress and not started.
GREEN, YELLOW, RED = "#C6EFCE", "#FFEB9C", "#FFC7CE"
BLUE, GREY = "#DDEBF7", "#EDEDED"
# Gantt bars: stages as the roadmap's (blue), initiatives green, projects orange.
BAR_INITIATIVE, BAR_PROJECT = "#70AD47", "#ED7D31"
# Series colours of the charts, one per row.
SERIES = ("#2F5597", "#548235", "#C55A11", "#7030A0", "#BF9000", "#2E75B6", "#A5A5A5", "#FF0000")
CHART_ROWS = 8  # rows of a table a chart shows: channels, items (more are listed, not drawn)
BAR_ROWS = 12  # clients and suppliers above the concentration limit drawn

# The sheets of the method's strategy documents (their print set-up is printing.py's).
STRATEGY_SHEETS = (
    "swot",
    "implementation",
    "concentration",
    "motivation",
    "economics",
    "effects",
    "project",
    "policies",
    "assortment",
)


def _col(origins: dict[str, int], table: str, key: str) -> int:
    return origins[table] + TABLES[table].keys.index(key)


def _rows(origins: dict[str, int], table: str, key: str) -> str:
    """The ROOM data rows of a table's column, e.g. ``D6:D505``."""
    c = _col(origins, table, key)
    return f"{xl_rowcol_to_cell(_FIRST, c)}:{xl_rowcol_to_cell(_FIRST + ROOM - 1, c)}"


def _fills(wb: Workbook, ws: Worksheet, rng: str, colours: list[tuple[str, str]]) -> None:
    """Fill the cells of ``rng`` that hold each word with its colour."""
    for word, colour in colours:
        ws.conditional_format(
            rng,
            {
                "type": "cell",
                "criteria": "==",
                "value": '"' + word.replace('"', '""') + '"',
                "format": wb.add_format({"bg_color": colour}),
            },
        )


def _states(lang: str) -> list[tuple[str, str]]:
    return [
        (text(lang, "state_done"), GREEN),
        (text(lang, "state_on_time"), BLUE),
        (text(lang, "state_soon"), YELLOW),
        (text(lang, "state_overdue"), RED),
    ]


def decorate(
    wb: Workbook,
    ws: Worksheet,
    sheet: Sheet,
    origins: dict[str, int],
    inputs: Any,
    outputs: Any,
    lang: str,
) -> None:
    """The strategy sheets' colours and charts; on the roadmap, the Gantt's colours by kind."""
    if sheet.key in STRATEGY_SHEETS:
        fit_rows(ws, sheet, inputs, outputs, lang)
    decorate_sheet = _BY_SHEET.get(sheet.key)
    if decorate_sheet is not None:
        decorate_sheet(wb, ws, origins, outputs, lang)


def _roadmap(wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str) -> None:
    # Added before the roadmap's own bar rule, so these take precedence on their rows.
    first_c = derived.gantt_origin()[1]
    start_c, end_c = (_col(origins, "tblRoadmap", k) for k in ("start", "end"))
    kind_c = _col(origins, "tblRoadmap", "kind")
    top_left = xl_rowcol_to_cell(HEADER_ROW, first_c, row_abs=True)
    s = xl_rowcol_to_cell(_FIRST, start_c, col_abs=True)
    e = xl_rowcol_to_cell(_FIRST, end_c, col_abs=True)
    k = xl_rowcol_to_cell(_FIRST, kind_c, col_abs=True)
    area = (
        f"{xl_rowcol_to_cell(_FIRST, first_c)}:"
        f"{xl_rowcol_to_cell(_FIRST + ROOM - 1, first_c + derived.GANTT_WEEKS - 1)}"
    )
    for word, colour in (
        (pick(lang, CALENDAR_KINDS[0]), BAR_INITIATIVE),
        (pick(lang, CALENDAR_KINDS[1]), BAR_PROJECT),
    ):
        ws.conditional_format(
            area,
            {
                "type": "formula",
                "criteria": (
                    f'=AND({k}="{word}",ISNUMBER({s}),ISNUMBER({top_left}),'
                    f"{s}<={top_left}+6,{e}>={top_left})"
                ),
                "format": wb.add_format({"bg_color": colour, "font_color": colour}),
            },
        )
    _fills(
        wb,
        ws,
        _rows(origins, "tblRoadmap", "kind"),
        [(pick(lang, CALENDAR_KINDS[0]), "#E2EFDA"), (pick(lang, CALENDAR_KINDS[1]), "#FCE4D6")],
    )


def _swot(wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str) -> None:
    # A weakness or threat without its action stands out (the warning's cell).
    for table, key in (("tblWeaknesses", "weakness"), ("tblThreats", "threat")):
        item = xl_rowcol_to_cell(_FIRST, _col(origins, table, key), col_abs=True)
        action = xl_rowcol_to_cell(_FIRST, _col(origins, table, "action"), col_abs=True)
        ws.conditional_format(
            _rows(origins, table, "action"),
            {
                "type": "formula",
                "criteria": f'=AND({item}<>"",{action}="")',
                "format": wb.add_format({"bg_color": RED}),
            },
        )
    # The quadrants' captions in the colours a SWOT is drawn in.
    colours = {
        "tblStrengths": "#548235",
        "tblWeaknesses": "#C00000",
        "tblOpportunities": "#2F5597",
        "tblThreats": "#C55A11",
    }
    for table, colour in colours.items():
        caption = wb.add_format({"bold": True, "font_color": colour, "font_size": 12})
        ws.write(HEADER_ROW - 1, origins[table], pick(lang, TABLES[table].caption), caption)


def _policies(
    wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str
) -> None:
    words = [pick(lang, w) for w in DOC_STATUS]
    _fills(
        wb,
        ws,
        _rows(origins, "tblDocuments", "status"),
        list(zip(words, (GREY, BLUE, YELLOW, GREEN), strict=True)),
    )
    _fills(wb, ws, _rows(origins, "tblDocumentControl", "state"), _states(lang))


def _implementation(
    wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str
) -> None:
    words = [pick(lang, w) for w in STEP_STATUS]
    _fills(
        wb,
        ws,
        _rows(origins, "tblFactors", "status"),
        list(zip(words, (GREY, BLUE, GREEN), strict=True)),
    )
    _fills(wb, ws, _rows(origins, "tblFactorControl", "state"), _states(lang))
    _fills(
        wb,
        ws,
        _rows(origins, "tblRiskAssessment", "level"),
        [
            (text(lang, "level_high"), RED),
            (text(lang, "level_medium"), YELLOW),
            (text(lang, "level_low"), GREEN),
        ],
    )


def _assortment(
    wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str
) -> None:
    _fills(
        wb,
        ws,
        _rows(origins, "tblAssortment", "strategy"),
        [
            (text(lang, "line_optimisation"), RED),
            (text(lang, "segment_range"), YELLOW),
            (text(lang, "line_filling"), BLUE),
            (text(lang, "line_extension"), GREEN),
            (text(lang, "full_range"), "#A9D08E"),
        ],
    )
    ws.conditional_format(
        _rows(origins, "tblAssortment", "share"), {"type": "data_bar", "bar_color": "#9BC2E6"}
    )
    # Where each item stands: margin against growth, one point per item with its name.
    name = ws.get_name()
    chart = wb.add_chart({"type": "scatter"})
    x_c, y_c = _col(origins, "tblProducts", "growth"), _col(origins, "tblProducts", "margin")
    label_c = _col(origins, "tblProducts", "product")
    for i in range(_shown(outputs, "assortment")):
        row = _FIRST + i
        chart.add_series(
            {
                "name": [name, row, label_c],
                "categories": [name, row, x_c, row, x_c],
                "values": [name, row, y_c, row, y_c],
                "marker": {
                    "type": "circle",
                    "size": 8,
                    "fill": {"color": SERIES[i % len(SERIES)]},
                    "border": {"color": SERIES[i % len(SERIES)]},
                },
                "data_labels": {"series_name": True, "position": "right", "font": {"size": 10}},
            }
        )
    chart.set_title({"name": _t(lang, "Маржа и рост продаж", "Margin against sales growth")})
    chart.set_x_axis(
        {
            "name": _t(lang, "Рост продаж", "Sales growth"),
            "num_format": "0%",
            "label_position": "low",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chart.set_y_axis(
        {"name": _t(lang, "Маржа", "Margin"), "num_format": "0%", "label_position": "low"}
    )
    chart.set_legend({"none": True})
    chart.set_size({"width": 760, "height": 460})
    ws.insert_chart(HEADER_ROW - 1, _right_of(origins), chart)


def _concentration(
    wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str
) -> None:
    _fills(
        wb,
        ws,
        _rows(origins, "tblConcentration", "level"),
        [
            (text(lang, "hhi_low"), GREEN),
            (text(lang, "hhi_moderate"), YELLOW),
            (text(lang, "hhi_high"), RED),
        ],
    )
    ws.conditional_format(
        _rows(origins, "tblOverLimit", "share"), {"type": "data_bar", "bar_color": "#F4B084"}
    )
    # The client sales column: the clients above the limit stand out where they are typed.
    # (Excel takes no structured references in conditional formats: the column's ROOM rows.)
    sales_c = _col(origins, "tblClientSales", "sales")
    sales = xl_rowcol_to_cell(_FIRST, sales_c, col_abs=True)
    letter = xl_col_to_name(sales_c)
    whole = f"${letter}${_FIRST + 1}:${letter}${_FIRST + ROOM}"
    ws.conditional_format(
        _rows(origins, "tblClientSales", "client"),
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({sales}),{sales}>ConcentrationLimit*SUM({whole}))",
            "format": wb.add_format({"bg_color": "#FCE4D6"}),
        },
    )
    name = ws.get_name()
    shown = _shown(outputs, "over_limit", BAR_ROWS)
    chart = wb.add_chart({"type": "bar"})
    name_c, share_c = _col(origins, "tblOverLimit", "name"), _col(origins, "tblOverLimit", "share")
    chart.add_series(
        {
            "name": _t(lang, "Доля", "Share"),
            "categories": [name, _FIRST, name_c, _FIRST + shown - 1, name_c],
            "values": [name, _FIRST, share_c, _FIRST + shown - 1, share_c],
            "fill": {"color": "#C55A11"},
            "data_labels": {"value": True, "num_format": "0.0%", "font": {"size": 10}},
        }
    )
    chart.set_title({"name": _t(lang, "Выше порога концентрации", "Above the concentration limit")})
    chart.set_x_axis({"num_format": "0%"})
    chart.set_y_axis({"reverse": True, "num_font": {"size": 10}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 600, "height": max(260, 30 * shown + 100)})
    ws.insert_chart(HEADER_ROW - 1, _right_of(origins), chart)


def _motivation(
    wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str
) -> None:
    for key in ("kpi_completion", "revenue", "personal", "team"):
        ws.conditional_format(
            _rows(origins, "tblBonus", key),
            {
                "type": "3_color_scale",
                "min_type": "num",
                "min_value": 0.7,
                "mid_type": "num",
                "mid_value": 1.0,
                "max_type": "num",
                "max_value": 1.3,
                "min_color": "#F8696B",
                "mid_color": "#FFEB84",
                "max_color": "#63BE7B",
            },
        )
    ws.conditional_format(
        _rows(origins, "tblBonus", "bonus"), {"type": "data_bar", "bar_color": "#A9D08E"}
    )


def _economics(
    wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str
) -> None:
    _fills(
        wb,
        ws,
        _rows(origins, "tblEconomics", "verdict"),
        [
            (text(lang, "ltv_room"), GREEN),
            (text(lang, "ltv_pays"), YELLOW),
            (text(lang, "ltv_loss"), RED),
        ],
    )
    # "Acquire now at a loss": each channel's year of clients, cumulative profit over 5 years.
    name = ws.get_name()
    table = "tblCumulativeProfit"
    first, last = _col(origins, table, "y0"), _col(origins, table, "y5")
    label_c = _col(origins, table, "channel")
    chart = wb.add_chart({"type": "line"})
    for i in range(_shown(outputs, "cumulative_profit")):
        row = _FIRST + i
        colour = SERIES[i % len(SERIES)]
        chart.add_series(
            {
                "name": [name, row, label_c],
                "categories": [name, HEADER_ROW, first, HEADER_ROW, last],
                "values": [name, row, first, row, last],
                "line": {"color": colour, "width": 2.25},
                "marker": {
                    "type": "circle",
                    "size": 5,
                    "fill": {"color": colour},
                    "border": {"color": colour},
                },
            }
        )
    millions = '#,##0,," млн"' if lang == "ru" else '#,##0,,"m"'
    chart.set_title(
        {
            "name": _t(
                lang,
                "Привлечь сейчас в убыток: накопленная прибыль клиентов года",
                "Acquire now at a loss: cumulative profit of the year's clients",
            ),
            "name_font": {"size": 12},
        }
    )
    # Fonts of 11 points: the sheet prints at about two thirds, and stays above 7 points.
    chart.set_x_axis({"label_position": "low", "num_font": {"size": 11}})
    chart.set_y_axis(
        {
            "num_format": millions,
            "num_font": {"size": 11},
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chart.set_legend({"position": "bottom", "font": {"size": 11}})
    chart.set_size({"width": 640, "height": 360})
    ws.insert_chart(HEADER_ROW - 1, _right_of(origins), chart)


def _effects(wb: Workbook, ws: Worksheet, origins: dict[str, int], outputs: Any, lang: str) -> None:
    _fills(
        wb,
        ws,
        _rows(origins, "tblEffectResults", "status"),
        [
            (text(lang, "on_track"), GREEN),
            (text(lang, "at_risk"), YELLOW),
            (text(lang, "behind"), RED),
        ],
    )


LINE_HEIGHT = 15  # points: one line of the default 11-point font


def fit_rows(ws: Worksheet, sheet: Sheet, inputs: Any, outputs: Any, lang: str) -> None:
    """Row heights for the wrapped text of the sheet's tables (the header row is the
    template's).

    XlsxWriter stores no heights, and LibreOffice does not grow a row to its wrapped text; the
    tables of a sheet share their rows, so each row gets the tallest of its cells.
    """
    body: dict[int, int] = {}
    for table in sheet.tables:
        frame = getattr(outputs if table.output else inputs, table.key, None)
        for column in table.columns:
            if column.width is None or frame is None or column.format != "text":
                continue
            for i, value in enumerate(frame[column.key].tolist()):
                if isinstance(value, str) and value:
                    body[i] = max(body.get(i, 1), wrapped_lines(value, column.width))
    for i, count in body.items():
        if count > 1:
            ws.set_row(_FIRST + i, LINE_HEIGHT * count)


def _rows_of(outputs: Any, key: str) -> int:
    frame = getattr(outputs, key, None) if outputs is not None else None
    return 0 if frame is None else len(frame)


def _shown(outputs: Any, key: str, most: int = CHART_ROWS) -> int:
    """Rows a chart draws: those filled, at most ``most``; a blank plan's chart takes all
    ``most`` rows, so that they show once the planner's rows are refreshed in (as the
    dashboard's charts do)."""
    rows = _rows_of(outputs, key)
    return min(rows, most) if rows else most


def _right_of(origins: dict[str, int]) -> int:
    """The first column after the sheet's last table, one column apart."""
    last = max(origins, key=origins.get)
    return origins[last] + len(TABLES[last].columns) + 1


def _t(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


_BY_SHEET = {
    "roadmap": _roadmap,
    "swot": _swot,
    "policies": _policies,
    "implementation": _implementation,
    "assortment": _assortment,
    "concentration": _concentration,
    "motivation": _motivation,
    "economics": _economics,
    "effects": _effects,
}
