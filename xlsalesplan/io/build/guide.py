"""The Guide sheet: how to fill the plan, generated from the tables' declarations.

First the way of working (fill the tables in order, refresh, read the problems, LibreOffice and
the command line), then every input table in the order a planner fills it (``step``; the
Settings first): what it is for, where it is (a link to its sheet) and one row per column with
its header, type, whether it is required, the values it may hold (:func:`rule_text`, the words
Excel's data validation and ``check`` use), an example and what it means. Columns declared
alike one after another (the twelve months) share a row. Nothing here is written by hand per
table, so a column added to a declaration appears in the Guide.

Examples
--------
>>> column_rows(TABLES["actuals"], "en")[1].cells[0]
'Jan · Feb · Mar · Apr · May · Jun · Jul · Aug · Sep · Oct · Nov · Dec'
>>> role = column_rows(TABLES["employees"], "en")[1].cells
>>> role[:4]
['Role', 'Text', 'yes', "a value from the 'Funnel tiers' table"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook

from xlsalesplan.io.build import printing
from xlsalesplan.io.build.textwidth import shown, wrapped_lines
from xlsalesplan.io.layout import DASHBOARD, GUIDE_SHEET, HEADER_ROW, SHEET_BY_KEY, SHEET_OF_TABLE
from xlsalesplan.io.vba.prebuilt import ribbon_xml
from xlsalesplan.plan import labels
from xlsalesplan.plan.schema import Column, Table, pick
from xlsalesplan.plan.tables import INPUT_TABLES, SETTINGS, SETTINGS_TABLE, TABLES, rule_text

# The Guide's columns: header (ru, en) and width in digits.
COLUMNS = (
    (("Столбец", "Column"), 28),
    (("Тип", "Type"), 14),
    (("Обязательно", "Required"), 12),
    (("Допустимые значения", "Allowed values"), 34),
    (("Пример", "Example"), 22),
    (("Что это", "What it is"), 52),
)
# The merged paragraphs span every column and the margins between them (5 pixels each).
JOIN = " · "  # between the headers of columns declared alike (the months)
_WIDTH = sum(width for _, width in COLUMNS) + 5 * (len(COLUMNS) - 1) / 7
_LINE_PT = 15  # one line of 11-point text

_TEXT = {
    "ru": {
        "title": "Руководство: как заполнить план",
        "note": (
            "Собрано из описаний таблиц плана: те же правила проверяют проверка данных Excel "
            "и команда xlsalesplan check."
        ),
        "how": "Как работать",
        "steps": [
            "Заполните таблицы с синими заголовками по шагам ниже, начиная с листа «{settings}». "
            "Таблицы с зелёными заголовками заполняет обновление: в них ничего не вводите.",
            "Нажмите «{refresh}» на вкладке ленты «{tab}» — или выполните в командной строке "
            "xlsalesplan refresh ПЛАН.xlsm. Результаты появятся в зелёных таблицах и на листе "
            "«{dashboard}».",
            "Если во входных данных есть ошибки, ничего не записывается: «{check}» (или "
            "xlsalesplan check ПЛАН.xlsm) показывает каждую как Лист!Ячейка: причина, например: "
            "{example}. Исправьте ячейки и обновите снова. Предупреждения (например, этап "
            "дольше обычного) только сообщаются и расчёт не останавливают.",
            "Без Excel: план можно править в LibreOffice (сохраните в том же формате .xlsm или "
            ".xlsx), затем выполнить xlsalesplan check ПЛАН.xlsm и xlsalesplan refresh "
            "ПЛАН.xlsm. Формулы xlsalesplan (=DECOMPOSE и другие) и кнопки ленты работают в "
            "Excel с xlwings.",
        ],
        "order": "Что заполнять, по порядку",
        "step": "Шаг {n}. {caption}",
        "where": "лист «{sheet}», таблица {table}",
        "settings_where": "лист «{sheet}», таблица {table}: значения в столбце «{value}»",
        "setting": "Параметр",
        "yes": "да",
        "no": "нет",
        "unique": "без повторов в таблице",
        "wrong_region": "Атлантида",
        "types": {
            "text": "Текст",
            "date": "Дата",
            "whole": "Целое число",
            "money": "Сумма",
            "percent": "Доля, %",
            "number": "Число",
        },
    },
    "en": {
        "title": "Guide: how to fill in the plan",
        "note": (
            "Made from the plan's table declarations: Excel's data validation and the command "
            "xlsalesplan check apply the same rules."
        ),
        "how": "How to work",
        "steps": [
            "Fill in the tables with blue headers step by step as below, starting with the "
            "'{settings}' sheet. Tables with green headers are filled by the refresh: do not "
            "type into them.",
            "Press '{refresh}' on the '{tab}' ribbon tab, or run xlsalesplan refresh PLAN.xlsm "
            "from the command line. The results appear in the green tables and on the "
            "'{dashboard}' sheet.",
            "If an input is wrong, nothing is written: '{check}' (or xlsalesplan check "
            "PLAN.xlsm) lists each problem as Sheet!Cell: reason, e.g. {example}. Correct those "
            "cells and refresh again. Warnings (e.g. a stage longer than usual) are listed "
            "but do not stop the plan.",
            "No Excel? The plan can be edited in LibreOffice (save it in the same format, .xlsm "
            "or .xlsx), then run xlsalesplan check PLAN.xlsm and xlsalesplan refresh PLAN.xlsm. "
            "The xlsalesplan formulas (=DECOMPOSE and others) and the ribbon's buttons work in "
            "Excel with xlwings.",
        ],
        "order": "What to fill in, in order",
        "step": "Step {n}. {caption}",
        "where": "sheet '{sheet}', table {table}",
        "settings_where": "sheet '{sheet}', table {table}: values in the '{value}' column",
        "setting": "Setting",
        "yes": "yes",
        "no": "no",
        "unique": "each value once in the table",
        "wrong_region": "Atlantis",
        "types": {
            "text": "Text",
            "date": "Date",
            "whole": "Whole number",
            "money": "Amount",
            "percent": "Share, %",
            "number": "Number",
        },
    },
}


@dataclass(frozen=True)
class Row:
    """One row of a table's section: the columns it stands for and the Guide's six cells."""

    headers: list[str]
    cells: list[str]


def type_text(column: Column, lang: str) -> str:
    """What kind of value the column holds, in words."""
    types = _TEXT[lang]["types"]
    if column.kind in ("text", "date", "whole"):
        return types[column.kind]
    return types[column.format if column.format in ("money", "percent") else "number"]


def allowed_text(column: Column, lang: str) -> str:
    """The allowed values: the rule in words (as validation and ``check`` say it), and
    whether each value may appear once only."""
    text = rule_text(column, lang)
    return f"{text}; {_TEXT[lang]['unique']}" if column.unique else text


def example_text(column: Column, lang: str) -> str:
    """The declared example as the workbook shows it."""
    value = pick(lang, column.example)
    return "" if value is None else shown(value, column.format, lang)


def _alike(a: Column, b: Column) -> bool:
    return replace(a, key="", ru="", en="") == replace(b, key="", ru="", en="")


def column_rows(table: Table, lang: str, columns: tuple[Column, ...] | None = None) -> list[Row]:
    """The Guide's rows for a table: one per column, or per run of columns declared alike."""
    runs: list[list[Column]] = []
    for column in columns or table.columns:
        if runs and _alike(runs[-1][-1], column):
            runs[-1].append(column)
        else:
            runs.append([column])
    t = _TEXT[lang]
    rows = []
    for run in runs:
        first = run[0]
        headers = [c.header(lang) for c in run]
        rows.append(
            Row(
                headers,
                [
                    JOIN.join(headers),
                    type_text(first, lang),
                    t["yes"] if first.required else t["no"],
                    allowed_text(first, lang),
                    example_text(first, lang),
                    pick(lang, first.help),
                ],
            )
        )
    return rows


def fill_order() -> list[Table]:
    """The tables a planner fills, in order: the Settings, then the inputs by ``step``."""
    return [SETTINGS_TABLE, *sorted(INPUT_TABLES, key=lambda t: t.step)]


def _button(lang: str, action: str) -> str:
    found = re.search(rf'<button [^>]*label="([^"]+)"[^>]*onAction="{action}"', ribbon_xml(lang))
    return found.group(1) if found else action


def _tab(lang: str) -> str:
    found = re.search(r'<tab [^>]*label="([^"]+)"', ribbon_xml(lang))
    return found.group(1) if found else ""


def _example_problem(lang: str) -> str:
    employees = TABLES["employees"]
    sheet = SHEET_OF_TABLE[employees.name].name(lang)
    col = xl_col_to_name(employees.keys.index("region"))
    reason = labels.text(
        lang,
        "not_in",
        value=_TEXT[lang]["wrong_region"],
        title=pick(lang, TABLES["regions"].title),
    )
    return f"{sheet}!{col}{HEADER_ROW + 3}: {reason}"


def how_to_steps(lang: str) -> list[str]:
    """The "how to work" block, one paragraph per step."""
    names = {
        "settings": SHEET_BY_KEY["settings"].name(lang),
        "dashboard": pick(lang, DASHBOARD),
        "refresh": _button(lang, "OnRefreshAll"),
        "check": _button(lang, "OnCheckInputs"),
        "tab": _tab(lang),
        "example": _example_problem(lang),
    }
    return [f"{i}. {text.format(**names)}" for i, text in enumerate(_TEXT[lang]["steps"], 1)]


def _height(texts: list[tuple[str, float, bool]]) -> float:
    """The height (points) of a row whose cells wrap ``(text, width, bold)``."""
    lines = max(wrapped_lines(text, width, bold) for text, width, bold in texts)
    return _LINE_PT * lines


def add_guide_sheet(wb: Workbook, lang: str, title: str) -> None:
    """Write the Guide sheet (call it first: it is the first sheet a planner sees);
    ``title`` is the plan's name for the printed pages' header."""
    t = _TEXT[lang]
    ws = wb.add_worksheet(pick(lang, GUIDE_SHEET))
    fmt = {
        "title": wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"}),
        "note": wb.add_format({"italic": True, "font_color": "#7F7F7F"}),
        "section": wb.add_format({"bold": True, "font_size": 13, "font_color": "#1F3864"}),
        "para": wb.add_format({"text_wrap": True, "valign": "top"}),
        "link": wb.add_format({"bold": True, "font_color": "#2F5597", "underline": 1}),
        "purpose": wb.add_format({"italic": True, "text_wrap": True, "valign": "top"}),
        "head": wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#2F5597"}),
        "cell": wb.add_format({"text_wrap": True, "valign": "top"}),
        "name": wb.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
        "band_cell": wb.add_format({"text_wrap": True, "valign": "top", "bg_color": "#EEF2F8"}),
        "band_name": wb.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EEF2F8"}
        ),
    }
    for col, (_, width) in enumerate(COLUMNS):
        ws.set_column(col, col, width)
    last = len(COLUMNS) - 1
    heights: list[float] = []  # each row's height in points, to keep sections on a page

    def line(height: float = _LINE_PT) -> int:
        heights.append(height)
        if height != _LINE_PT:
            ws.set_row(len(heights) - 1, height)
        return len(heights) - 1

    def paragraph(text: str, style: str) -> None:
        row = line(_height([(text, _WIDTH, False)]) + 2)
        ws.merge_range(row, 0, row, last, text, fmt[style])

    ws.write(line(21), 0, t["title"], fmt["title"])
    ws.write(line(), 0, t["note"], fmt["note"])
    line()
    ws.write(line(18), 0, t["how"], fmt["section"])
    for step in how_to_steps(lang):
        paragraph(step, "para")
    line()
    ws.write(line(18), 0, t["order"], fmt["section"])
    line()
    sections = [0]
    for n, table in enumerate(fill_order(), 1):
        sections.append(len(heights))
        sheet = SHEET_OF_TABLE[table.name].name(lang)
        if table is SETTINGS_TABLE:
            where = t["settings_where"].format(
                sheet=sheet, table=table.name, value=table.column("value").header(lang)
            )
            columns: tuple[Column, ...] = SETTINGS
        else:
            where = t["where"].format(sheet=sheet, table=table.name)
            columns = table.columns
        heading = t["step"].format(n=n, caption=pick(lang, table.caption))
        link = f"internal:'{sheet}'!A1"
        ws.write_url(line(), 0, link, fmt["link"], f"{heading} — {where}", where)
        paragraph(pick(lang, table.purpose), "purpose")
        heads = [pick(lang, head) for head, _ in COLUMNS]
        if table is SETTINGS_TABLE:
            heads[0] = t["setting"]
        ws.write_row(line(), 0, heads, fmt["head"])
        for i, guide_row in enumerate(column_rows(table, lang, columns)):
            cells = [(text, COLUMNS[c][1], c == 0) for c, text in enumerate(guide_row.cells)]
            row = line(_height(cells) + 2)
            band = "band_" if i % 2 else ""
            for col, text in enumerate(guide_row.cells):
                ws.write_string(row, col, text, fmt[band + ("name" if col == 0 else "cell")])
        line()
    ws.hide_gridlines(2)
    widths = dict(enumerate(w for _, w in COLUMNS))
    setup = printing.plan_pages([printing.Block(0, last)], widths, len(heights))
    printing.set_up(ws, title, lang, setup)
    ws.set_h_pagebreaks(printing.section_breaks(heights, sections, setup))
