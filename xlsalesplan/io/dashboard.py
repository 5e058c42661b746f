"""What makes the plan readable: validation, status colours, the Gantt and the dashboard charts.

Everything here is live Excel: validation lists point at the reference tables, colours are
conditional formats, the dashboard's figures are formulas over the tables (structured
references, so they follow the tables as they grow) written with their cached values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.io.formulas import status_labels
from xlsalesplan.io.layout import (
    DASHBOARD,
    HEADER_ROW,
    MONTH_KEYS,
    MONTHS,
    SHEET_BY_KEY,
    TABLES,
    Sheet,
    header,
    table_origins,
)
from xlsalesplan.io.planio import cell_value

# Room for the tables to grow: validation and colours cover this many data rows.
ROOM = 500
GANTT_WEEKS = 40
_FIRST = HEADER_ROW + 1  # first data row, 0-based


def _col(sheet: Sheet, origins: dict[str, int], table: str, key: str) -> int:
    return origins[table] + TABLES[table].columns.index(key)


def _data_range(sheet: Sheet, origins: dict[str, int], table: str, key: str) -> str:
    c = _col(sheet, origins, table, key)
    return f"{xl_rowcol_to_cell(_FIRST, c)}:{xl_rowcol_to_cell(_FIRST + ROOM, c)}"


def _list_source(lang: str, table: str, key: str) -> str:
    settings = SHEET_BY_KEY["settings"]
    origins = table_origins(settings)
    c = _col(settings, origins, table, key)
    top, bottom = (xl_rowcol_to_cell(r, c, True, True) for r in (_FIRST, _FIRST + ROOM))
    return f"='{settings.name(lang)}'!{top}:{bottom}"


_MSG = {
    "ru": ("Неверное значение", "Введите {what}."),
    "en": ("Invalid value", "Enter {what}."),
}
_WHAT = {
    "list_region": (
        "регион из справочника «Регионы» (лист Настройки)",
        "a region from the Regions table (Settings)",
    ),
    "list_role": ("уровень из справочника «Уровни воронки»", "a tier from the Funnel tiers table"),
    "date": ("дату", "a date"),
    "nonneg": ("число не меньше 0", "a number of 0 or more"),
    "ratio": ("долю от 0% до 100%", "a share from 0% to 100%"),
}


def _validate(ws: Worksheet, rng: str, kind: str, lang: str, source: str | None = None) -> None:
    title, text = _MSG[lang]
    what = _WHAT[kind][0 if lang == "ru" else 1]
    rule: dict[str, Any] = {"error_title": title, "error_message": text.format(what=what)}
    if kind.startswith("list"):
        rule |= {"validate": "list", "source": source}
    elif kind == "date":
        rule |= {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(1990, 1, 1),
            "maximum": dt.date(2100, 12, 31),
        }
    elif kind == "nonneg":
        rule |= {"validate": "decimal", "criteria": ">=", "value": 0}
    else:
        rule |= {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1}
    ws.data_validation(rng, rule)


_VALIDATION = {
    "tblEmployees": {
        "region": ("list_region", ("tblRegions", "region")),
        "role": ("list_role", ("tblTiers", "tier")),
        "hire_date": ("date", None),
        "weight": ("nonneg", None),
        "fixed_goal": ("nonneg", None),
    },
    "tblTargets": {
        "region": ("list_region", ("tblRegions", "region")),
        "revenue": ("nonneg", None),
        "avg_deal": ("nonneg", None),
    },
    "tblGoals": {"deadline": ("date", None)},
    "tblInitiatives": {
        "investment": ("nonneg", None),
        "start": ("date", None),
        "months": ("nonneg", None),
        "confidence": ("ratio", None),
        "hurdle": ("nonneg", None),
    },
    "tblStages": {"start": ("date", None), "weeks": ("nonneg", None)},
    "tblTiers": {"conversion": ("ratio", None), "productivity": ("nonneg", None)},
}


def decorate(
    wb: Workbook,
    ws: Worksheet,
    sheet: Sheet,
    origins: dict[str, int],
    inputs: Any,
    outputs: Any,
    lang: str,
) -> None:
    """Validation on the sheet's input tables, status colours and, on the roadmap, the Gantt."""
    for table in sheet.tables:
        for key, (kind, source) in _VALIDATION.get(table.name, {}).items():
            src = _list_source(lang, *source) if source else None
            _validate(ws, _data_range(sheet, origins, table.name, key), kind, lang, src)
    if sheet.key == "planfact":
        _status_colours(wb, ws, _data_range(sheet, origins, "tblPlanFact", "status"), lang)
    if sheet.key == "roi":
        rng = _data_range(sheet, origins, "tblROI", "roi_risk")
        ws.conditional_format(rng, {"type": "3_color_scale"})
    if sheet.key == "roadmap":
        _gantt(wb, ws, sheet, origins, outputs, lang)


def _status_colours(wb: Workbook, ws: Worksheet, rng: str, lang: str) -> None:
    colours = ("#C6EFCE", "#FFEB9C", "#FFC7CE")
    for label, colour in zip(status_labels(lang), colours, strict=True):
        fmt = wb.add_format({"bg_color": colour})
        ws.conditional_format(
            rng, {"type": "cell", "criteria": "==", "value": f'"{label}"', "format": fmt}
        )


def _gantt(
    wb: Workbook, ws: Worksheet, sheet: Sheet, origins: dict[str, int], outputs: Any, lang: str
) -> None:
    start_c = _col(sheet, origins, "tblRoadmap", "start")
    end_c = _col(sheet, origins, "tblRoadmap", "end")
    first_c = origins["tblRoadmap"] + len(TABLES["tblRoadmap"].columns) + 1
    roadmap = getattr(outputs, "roadmap", None) if outputs is not None else None
    first_week = None
    if roadmap is not None and len(roadmap):
        first = pd.Timestamp(min(roadmap["start"]))
        first_week = first - pd.Timedelta(days=first.weekday())
    date_fmt = wb.add_format(
        {
            "num_format": "dd.mm" if lang == "ru" else "mm-dd",
            "rotation": 90,
            "font_size": 8,
            "align": "center",
        }
    )
    col_start = xl_col_to_name(start_c)
    for w in range(GANTT_WEEKS):
        c = first_c + w
        cached = cell_value(first_week + pd.Timedelta(weeks=w)) if first_week is not None else ""
        if w == 0:
            rng = f"{col_start}{_FIRST + 1}:{col_start}{_FIRST + ROOM}"
            formula = f'=IF(COUNT({rng})=0,"",MIN({rng})-WEEKDAY(MIN({rng}),3))'
        else:
            prev = xl_rowcol_to_cell(HEADER_ROW, c - 1)
            formula = f'=IF({prev}="","",{prev}+7)'
        ws.write_formula(HEADER_ROW, c, formula, date_fmt, cached)
        ws.set_column(c, c, 2.6)
    bar = wb.add_format({"bg_color": "#4472C4", "font_color": "#4472C4"})
    top_left = xl_rowcol_to_cell(HEADER_ROW, first_c, row_abs=True)
    s = xl_rowcol_to_cell(_FIRST, start_c, col_abs=True)
    e = xl_rowcol_to_cell(_FIRST, end_c, col_abs=True)
    area = (
        f"{xl_rowcol_to_cell(_FIRST, first_c)}:"
        f"{xl_rowcol_to_cell(_FIRST + ROOM, first_c + GANTT_WEEKS - 1)}"
    )
    ws.conditional_format(
        area,
        {
            "type": "formula",
            "criteria": (
                f"=AND(ISNUMBER({s}),ISNUMBER({top_left}),{s}<={top_left}+6,{e}>={top_left})"
            ),
            "format": bar,
        },
    )
    ws.write(
        HEADER_ROW - 1,
        first_c,
        "Диаграмма Ганта (недели)" if lang == "ru" else "Gantt chart (weeks)",
        wb.add_format({"bold": True, "font_color": "#1F3864"}),
    )


def _t(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


def add_dashboard(wb: Workbook, inputs: Any, outputs: Any, lang: str) -> None:
    """The Dashboard sheet: plan vs fact by month, the funnel, ROI by initiative."""
    ws = wb.add_worksheet(_t(lang, *DASHBOARD))
    title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
    hdr = wb.add_format({"bold": True, "bottom": 1})
    money = wb.add_format({"num_format": "#,##0"})
    ws.write(0, 0, _t(lang, "Дашборд плана продаж", "Sales plan dashboard"), title)
    name = ws.get_name()
    goals = getattr(outputs, "employee_goals", None) if outputs is not None else None
    actuals = getattr(inputs, "actuals", None)
    plan_t, fact_t = _t(lang, "План", "Plan"), _t(lang, "Факт", "Actual")
    ws.write_row(3, 0, [_t(lang, "Месяц", "Month"), plan_t, fact_t], hdr)
    for i, key in enumerate(MONTH_KEYS):
        label = MONTHS[lang][i]
        fact = _sum(actuals, key)
        ws.write_string(4 + i, 0, label)
        ws.write_formula(4 + i, 1, f"=SUM(tblEmployeeGoals[{label}])", money, _sum(goals, key))
        reported = f'=IF(COUNT(tblActuals[{label}])=0,"",SUM(tblActuals[{label}]))'
        ws.write_formula(4 + i, 2, reported, money, fact if fact else "")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 2, 14)
    chart = wb.add_chart({"type": "column"})
    for col, series in ((1, plan_t), (2, fact_t)):
        cells = {"categories": [name, 4, 0, 15, 0], "values": [name, 4, col, 15, col]}
        chart.add_series({"name": series, **cells})
    chart.set_title({"name": _t(lang, "План и факт по месяцам", "Plan vs actual by month")})
    chart.set_y_axis({"num_format": "#,##0"})
    chart.set_size({"width": 620, "height": 300})
    ws.insert_chart(3, 4, chart)
    funnel = ("tblFunnelPlan", "stage", "year_volume", "funnel_plan")
    _ranked_block(
        wb,
        ws,
        20,
        funnel,
        outputs,
        lang,
        _t(lang, "Воронка: объём за год", "Funnel: volume per year"),
        "#,##0",
    )
    roi = ("tblROI", "initiative", "roi_risk", "roi")
    _ranked_block(
        wb, ws, 37, roi, outputs, lang, _t(lang, "ROI с учётом риска", "Risk-adjusted ROI"), "0%"
    )
    ws.set_landscape()
    ws.fit_to_pages(1, 1)


def _sum(frame: pd.DataFrame | None, key: str) -> float:
    if frame is None or key not in frame:
        return 0.0
    return float(pd.to_numeric(frame[key], errors="coerce").fillna(0).sum())


def _ranked_block(
    wb: Workbook,
    ws: Worksheet,
    row: int,
    source: tuple[str, str, str, str],
    outputs: Any,
    lang: str,
    title: str,
    code: str,
) -> None:
    """A small live table (first rows of an output table, by INDEX) and its bar chart."""
    table, label_key, value_key, model = source
    n = 8
    num_fmt = wb.add_format({"num_format": code})
    frame = getattr(outputs, model, None) if outputs is not None else None
    hdr = wb.add_format({"bold": True, "bottom": 1})
    ws.write_row(row, 0, [header(label_key, lang), header(value_key, lang)], hdr)
    label_ref = f"{table}[{header(label_key, lang)}]"
    value_ref = f"{table}[{header(value_key, lang)}]"
    for i in range(n):
        label = value = ""
        if frame is not None and i < len(frame):
            label = frame[label_key].iloc[i]
            v = frame[value_key].iloc[i]
            value = "" if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)
        ws.write_formula(
            row + 1 + i, 0, f'=IFERROR(INDEX({label_ref},{i + 1})&"","")', None, str(label)
        )
        ws.write_formula(
            row + 1 + i, 1, f'=IFERROR(INDEX({value_ref},{i + 1})+0,"")', num_fmt, value
        )
    shown = min(len(frame), n) if frame is not None and len(frame) else n
    name = ws.get_name()
    chart = wb.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": title,
            "categories": [name, row + 1, 0, row + shown, 0],
            "values": [name, row + 1, 1, row + shown, 1],
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    chart.set_x_axis({"num_format": code})
    chart.set_y_axis({"reverse": True})
    chart.set_size({"width": 620, "height": 300})
    ws.insert_chart(row, 4, chart)
