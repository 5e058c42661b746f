"""Writing a whole plan workbook with XlsxWriter: the shipped templates and the demo plan.

The builder lays every table of :mod:`xlsalesplan.io.layout` out as an Excel table (ListObject),
with number formats, data validation on inputs, frozen headers and widths that fit, native
formulas with cached values in outputs (:mod:`xlsalesplan.io.native`), a refresh stamp on
every sheet with outputs, the Gantt of the roadmap, the dashboard's charts and the Formulas
sheet. The same inputs always give the same bytes: the document's dates are fixed.

Examples
--------
>>> from xlsalesplan.plan.demo import demo_inputs                  # doctest: +SKIP
>>> build_workbook("plan.xlsx", demo_inputs("en"), lang="en")       # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.io import native
from xlsalesplan.io.build import dashboard
from xlsalesplan.io.build.showcase import add_formulas_sheet
from xlsalesplan.io.build.validation import list_names, validate_cell, validate_table
from xlsalesplan.io.derived import ROOM, stamp_blocks
from xlsalesplan.io.layout import HEADER_ROW, SHEETS, TITLE_CELL, table_origins
from xlsalesplan.io.refresh import cell_value
from xlsalesplan.plan.schema import Table, pick
from xlsalesplan.plan.tables import SETTINGS, SETTINGS_TABLE

# A fixed creation date keeps rebuilt files byte-identical.
_CREATED = dt.datetime(2026, 1, 1)


class _Formats:
    def __init__(self, wb: Workbook, lang: str, currency: str):
        date = "dd.mm.yyyy" if lang == "ru" else "yyyy-mm-dd"
        money = '#,##0 "₽"' if currency.upper() in ("RUB", "₽", "РУБ") else "#,##0"
        self.by_kind = {
            "money": wb.add_format({"num_format": money}),
            "percent": wb.add_format({"num_format": "0.0%"}),
            "date": wb.add_format({"num_format": date}),
            "int": wb.add_format({"num_format": "#,##0"}),
            "number": wb.add_format({"num_format": "#,##0.00"}),
            "text": wb.add_format({}),
        }
        # Text in a column of declared width wraps within it.
        self.wrap = wb.add_format({"text_wrap": True})
        self.title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
        self.stamp = wb.add_format({"italic": True, "font_color": "#7F7F7F"})
        self.caption = wb.add_format({"bold": True, "font_color": "#1F3864"})
        # Explicit header colours: LibreOffice does not draw table styles.
        self.header = {
            out: wb.add_format(
                {
                    "bold": True,
                    "font_color": "#FFFFFF",
                    "bg_color": colour,
                    "text_wrap": True,
                    "valign": "top",
                }
            )
            for out, colour in ((False, "#2F5597"), (True, "#548235"))
        }


def _cell_value(value: Any) -> Any:
    """A pandas/numpy value as XlsxWriter should write it (``None`` for a blank)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _width(table: Table, key: str, lang: str, values: Sequence[Any]) -> float:
    """A column width that fits the header and the values as they will be shown."""
    if table.column(key).width is not None:
        return table.column(key).width
    kind = table.column(key).format
    shown = [table.column(key).header(lang)]
    for v in values[:200]:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            shown.append(f"{v:,.1%}" if kind == "percent" else f"{v:,.0f} ₽")
        elif isinstance(v, dt.date):
            shown.append("00.00.0000")
        elif v is not None:
            shown.append(str(v))
    return min(max(len(t) for t in shown) + 2, 48)


def _frame(container: Any, table: Table) -> pd.DataFrame:
    frame = getattr(container, table.key, None) if container is not None else None
    if frame is None:
        return pd.DataFrame(columns=table.keys)
    return frame.reindex(columns=table.keys)


def _write_table(
    ws: Worksheet,
    table: Table,
    frame: pd.DataFrame,
    col0: int,
    fmt: _Formats,
    lang: str,
    source_col0: int | None,
) -> None:
    rows = [[_cell_value(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    n = max(len(rows), 1)  # an Excel table keeps at least one (blank) data row
    first, last = HEADER_ROW, HEADER_ROW + n
    formats = [
        fmt.wrap if c.width and c.format == "text" else fmt.by_kind[c.format] for c in table.columns
    ]
    columns = [
        {"header": c.header(lang), "format": f, "header_format": fmt.header[table.output]}
        for c, f in zip(table.columns, formats, strict=True)
    ]
    ws.add_table(
        first,
        col0,
        last,
        col0 + len(table.columns) - 1,
        {"name": table.name, "columns": columns, "style": _STYLE[table.output]},
    )
    source = None if source_col0 is None else (HEADER_ROW, source_col0)
    for i, row in enumerate(rows):
        computed = native.row_formulas(table.name, (HEADER_ROW, col0), source, i, lang)
        for j, (key, value) in enumerate(zip(table.keys, row, strict=True)):
            cell_fmt = formats[j]
            if key in computed:
                cached = cell_value(value)
                cached = "" if cached is None else cached
                ws.write_formula(first + 1 + i, col0 + j, computed[key], cell_fmt, cached)
            elif isinstance(value, str):
                ws.write_string(first + 1 + i, col0 + j, value, cell_fmt)
            elif value is not None:
                ws.write(first + 1 + i, col0 + j, value, cell_fmt)
    for j, key in enumerate(table.keys):
        ws.set_column(col0 + j, col0 + j, _width(table, key, lang, [r[j] for r in rows]))


_STYLE = {False: "Table Style Light 9", True: "Table Style Light 11"}


def _settings_frame(settings: dict[str, Any], lang: str) -> pd.DataFrame:
    rows = [(s.key, s.header(lang), settings.get(s.key)) for s in SETTINGS]
    return pd.DataFrame(rows, columns=SETTINGS_TABLE.keys)


def _write_settings_values(ws: Worksheet, settings: dict[str, Any], fmt: _Formats) -> None:
    # Each setting gets its own number format and, where the refresh or formulas read it, a name.
    for i, setting in enumerate(SETTINGS):
        row = HEADER_ROW + 1 + i
        value = _cell_value(settings.get(setting.key))
        if value is not None:
            ws.write(row, 2, value, fmt.by_kind[setting.format])


def build_workbook(
    path: str | Path | BinaryIO,
    inputs: Any,
    outputs: Any = None,
    *,
    lang: str = "ru",
    stamp: str = "",
    vba_project: bytes | None = None,
) -> None:
    """Write a plan workbook: inputs (a ``PlanInputs``), outputs (a ``PlanOutputs`` or None).

    Parameters
    ----------
    path : a file name or a binary file; a macro workbook needs ``vba_project`` (the bytes of
        vbaProject.bin).
    inputs, outputs : the plan's tables; outputs ``None`` leaves the output tables blank.
    lang : "ru" or "en" — sheet names, headers, labels.
    stamp : the text of the refresh stamp shown on sheets with outputs.

    """
    options = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    target = path if hasattr(path, "write") else str(path)
    wb = xlsxwriter.Workbook(target, options)
    wb.set_properties({"created": _CREATED, "title": "xlsalesplan", "company": ""})
    wb.set_calc_mode("auto")
    if vba_project is not None:
        wb.add_vba_project(BytesIO(vba_project), is_stream=True)
        wb.set_vba_name("ThisWorkbook")
    settings = inputs.settings
    fmt = _Formats(wb, lang, str(settings.get("currency") or "RUB"))
    for sheet in SHEETS:
        ws = wb.add_worksheet(sheet.name(lang))
        ws.write(*TITLE_CELL, sheet.title(lang), fmt.title)
        for block in stamp_blocks(stamp, lang):
            if block.sheets == sheet.names:
                dashboard.write_block(wb, ws, block, fmt.stamp)
        origins = table_origins(sheet)
        for table in sheet.tables:
            frame = (
                _settings_frame(settings, lang)
                if table.key == "settings"
                else _frame(outputs if table.output else inputs, table)
            )
            ws.write(HEADER_ROW - 1, origins[table.name], pick(lang, table.caption), fmt.caption)
            source = native.source_of(table.name)
            _write_table(ws, table, frame, origins[table.name], fmt, lang, origins.get(source))
            if not table.output and table.key != "settings":
                validate_table(ws, table, HEADER_ROW + 1, origins[table.name], ROOM, lang)
        if sheet.key == "settings":
            _write_settings_values(ws, settings, fmt)
            for i, setting in enumerate(SETTINGS):
                validate_cell(ws, setting, HEADER_ROW + 1 + i, 2, lang)
            _define_names(wb, sheet.name(lang), lang)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_paper(9)
        dashboard.decorate(wb, ws, sheet, origins, inputs, outputs, lang)
    dashboard.add_dashboard(wb, inputs, outputs, lang)
    add_formulas_sheet(wb, lang)
    wb.close()


def _define_names(wb: Workbook, sheet_name: str, lang: str) -> None:
    for i, setting in enumerate(SETTINGS):
        key = setting.key
        if key in native.NAMES:
            cell = xl_rowcol_to_cell(HEADER_ROW + 1 + i, 2, row_abs=True, col_abs=True)
            wb.define_name(native.NAMES[key], f"='{sheet_name}'!{cell}")
    for name, refers in list_names(lang).items():
        wb.define_name(name, "=" + refers)
