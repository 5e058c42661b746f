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
from xlsalesplan.io.build import captions, dashboard, printing, team_sheets
from xlsalesplan.io.build.guide import add_guide_sheet
from xlsalesplan.io.build.showcase import add_formulas_sheet
from xlsalesplan.io.build.textwidth import (
    DIGIT_PX,
    INDENT_PX,
    NUMERIC,
    Fit,
    column_width,
    fitted,
    samples,
    shown,
    wrapped_lines,
)
from xlsalesplan.io.build.validation import list_names, validate_cell, validate_table
from xlsalesplan.io.derived import ROOM, stamp_blocks
from xlsalesplan.io.layout import HEADER_ROW, SHEETS, TITLE_CELL, table_origins
from xlsalesplan.io.refresh import cell_value
from xlsalesplan.plan.schema import Table, pick
from xlsalesplan.plan.tables import RECORD_TABLES, SETTING, SETTINGS, SETTINGS_TABLE, TABLES

# A fixed creation date keeps rebuilt files byte-identical.
_CREATED = dt.datetime(2026, 1, 1)


class _Formats:
    def __init__(self, wb: Workbook, lang: str, currency: str):
        date = "dd.mm.yyyy" if lang == "ru" else "yyyy-mm-dd"
        money = '#,##0 "₽"' if currency.upper() in ("RUB", "₽", "РУБ") else "#,##0"
        self.rouble = currency.upper() in ("RUB", "₽", "РУБ")
        self.refer: Any = None  # (table key, column key) -> the inputs' values, for widths
        # Text is indented by one step so that it never touches a number on its left.
        self.by_kind = {
            "money": wb.add_format({"num_format": money}),
            "percent": wb.add_format({"num_format": "0.0%"}),
            "date": wb.add_format({"num_format": date}),
            "datetime": wb.add_format({"num_format": date + " hh:mm"}),
            "int": wb.add_format({"num_format": "#,##0"}),
            "number": wb.add_format({"num_format": "#,##0.00"}),
            "text": wb.add_format({"align": "left", "indent": 1}),
        }
        # Text in a column of declared width wraps within it (indented as any text).
        self.wrap = wb.add_format({"text_wrap": True, "align": "left", "indent": 1})
        self.title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
        self.stamp = wb.add_format({"italic": True, "font_color": "#7F7F7F"})
        self.caption = wb.add_format({"bold": True, "font_color": "#1F3864"})
        # Explicit header colours: LibreOffice does not draw table styles. A header stands
        # where its column's values do: right over numbers and dates (on two lines where it
        # is much wider than its numbers), indented over text.
        self.header = {
            (out, numeric, wrap): wb.add_format(
                {
                    "bold": True,
                    "font_color": "#FFFFFF",
                    "bg_color": colour,
                    "valign": "bottom",
                    "text_wrap": wrap,
                    **({"align": "right"} if numeric else {"align": "left", "indent": 1}),
                }
            )
            for out, colour in ((False, "#2F5597"), (True, "#548235"))
            for numeric in (False, True)
            for wrap in (False, True)
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


def _width(
    table: Table, key: str, lang: str, values: Sequence[Any], fmt: _Formats, formats=None
) -> Fit:
    """How a column shows (:class:`Fit`): a width that fits the header and the values as
    their format shows them (``formats``: each value's own format, where a column mixes
    them; an empty column gets room for what it may come to hold). A column that declares
    its width keeps it, its header wrapping above where it is wider."""
    column = table.column(key)
    if column.width is not None:  # text keeps its indent on top of the declared width
        header = column.header(lang)
        # ... and the header's longest word fits: a header breaks between words only.
        words = max(column_width([], word) for word in header.split())
        width = max(column.width + (INDENT_PX / DIGIT_PX if column.format == "text" else 0), words)
        return Fit(width, wrapped_lines(header, width, bold=True))
    kinds = formats or [column.format] * len(values)
    texts = [shown(v, k, lang, fmt.rouble) for v, k in zip(values, kinds, strict=False)]
    if not texts:
        texts = samples(column, lang, fmt.rouble, fmt.refer)
    return fitted(texts, column.header(lang), column.format in NUMERIC)


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
) -> tuple[dict[int, float], int]:
    """Write one table; returns the widths given to its columns and the lines of its tallest
    header."""
    rows = [[_cell_value(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    n = max(len(rows), 1)  # an Excel table keeps at least one (blank) data row
    first, last = HEADER_ROW, HEADER_ROW + n
    widths, fits = {}, {}
    for j, key in enumerate(table.keys):
        values = [r[j] for r in rows]
        formats = None
        if table.key == "settings" and key == "value":
            formats = [SETTING[r[0]].format if r[0] in SETTING else "text" for r in rows]
        fits[key] = _width(table, key, lang, values, fmt, formats)
        widths[col0 + j] = fits[key].width
        ws.set_column(col0 + j, col0 + j, widths[col0 + j])
    # Text wraps in a column of declared width where the builder fits the rows' heights to it;
    # the record tables are filled later, by refresh and the store, in rows nobody fits, where
    # wrapped text would spill over the row above: there it stays on one line.
    wraps = table not in RECORD_TABLES
    cell_formats = {
        c.key: fmt.wrap if wraps and c.width and c.format == "text" else fmt.by_kind[c.format]
        for c in table.columns
    }
    columns = [
        {
            "header": c.header(lang),
            "format": cell_formats[c.key],
            "header_format": fmt.header[table.output, c.format in NUMERIC, fits[c.key].wrap_header],
        }
        for c in table.columns
    ]
    ws.add_table(
        first,
        col0,
        last,
        col0 + len(table.columns) - 1,
        # No filter buttons: they would cover the right-aligned headers over numbers (and
        # LibreOffice prints their room as an extra page); a planner can switch them on.
        {
            "name": table.name,
            "columns": columns,
            "style": _STYLE[table.output],
            "autofilter": False,
        },
    )
    if not rows:  # the blank row keeps the columns' formats for the rows refresh writes
        for j, c in enumerate(table.columns):
            ws.write_blank(first + 1, col0 + j, None, cell_formats[c.key])
    source = None if source_col0 is None else (HEADER_ROW, source_col0)
    for i, row in enumerate(rows):
        computed = native.row_formulas(table.name, (HEADER_ROW, col0), source, i, lang)
        for j, (key, value) in enumerate(zip(table.keys, row, strict=True)):
            cell_fmt = cell_formats[key]
            if key in computed:
                cached = cell_value(value)
                cached = "" if cached is None else cached
                ws.write_formula(first + 1 + i, col0 + j, computed[key], cell_fmt, cached)
            elif isinstance(value, str):
                ws.write_string(first + 1 + i, col0 + j, value, cell_fmt)
            elif value is not None:
                ws.write(first + 1 + i, col0 + j, value, cell_fmt)
    return widths, max(f.header_lines for f in fits.values())


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
    fmt.refer = lambda table, key: list(_frame(inputs, TABLES[table]).get(key, []))
    title = printing.plan_title(settings, lang)
    add_guide_sheet(wb, lang, title)
    for sheet in SHEETS:
        ws = wb.add_worksheet(sheet.name(lang))
        ws.write(*TITLE_CELL, sheet.title(lang), fmt.title)
        for block in stamp_blocks(stamp, lang):
            if block.sheets == sheet.names:
                dashboard.write_block(wb, ws, block, fmt.stamp)
        origins = table_origins(sheet)
        widths: dict[int, float] = {}
        rows, header_lines = 1, 1
        for table in sheet.tables:
            frame = (
                _settings_frame(settings, lang)
                if table.key == "settings"
                else _frame(outputs if table.output else inputs, table)
            )
            _write_caption(ws, table, origins[table.name], settings, lang, fmt)
            source = native.source_of(table.name)
            written, lines = _write_table(
                ws, table, frame, origins[table.name], fmt, lang, origins.get(source)
            )
            widths.update(written)
            header_lines = max(header_lines, lines)
            rows = max(rows, len(frame))
            if not table.output and table.key != "settings":
                validate_table(ws, table, HEADER_ROW + 1, origins[table.name], ROOM, lang)
        if sheet.key == "settings":
            _write_settings_values(ws, settings, fmt)
            for i, setting in enumerate(SETTINGS):
                validate_cell(ws, setting, HEADER_ROW + 1 + i, 2, lang)
            _define_names(wb, sheet.name(lang), lang)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        if header_lines > 1:
            ws.set_row(HEADER_ROW, 15 * header_lines)
        dashboard.decorate(wb, ws, sheet, origins, inputs, outputs, lang)
        team_sheets.decorate(wb, ws, sheet, origins, inputs, outputs, lang)
        printing.set_up_sheet(ws, sheet, origins, widths, HEADER_ROW + 1 + rows, title, lang)
    page = dashboard.add_dashboard(wb, inputs, outputs, lang)
    add_formulas_sheet(wb, lang)
    printing.set_up_dashboard(wb, page, title, lang)
    printing.set_up_formulas(wb, title, lang)
    wb.close()


def _write_caption(
    ws: Worksheet, table: Table, col: int, settings: dict[str, Any], lang: str, fmt: _Formats
) -> None:
    """The caption above a table; the current month's table names its month, live."""
    formula = captions.caption_formula(table, settings, lang)
    if formula is None:
        ws.write(HEADER_ROW - 1, col, pick(lang, table.caption), fmt.caption)
    else:
        ws.write_formula(HEADER_ROW - 1, col, formula[0], fmt.caption, formula[1])


def _define_names(wb: Workbook, sheet_name: str, lang: str) -> None:
    for i, setting in enumerate(SETTINGS):
        key = setting.key
        if key in native.NAMES:
            cell = xl_rowcol_to_cell(HEADER_ROW + 1 + i, 2, row_abs=True, col_abs=True)
            wb.define_name(native.NAMES[key], f"='{sheet_name}'!{cell}")
    for name, refers in list_names(lang).items():
        wb.define_name(name, "=" + refers)
