"""Excel's data validation for the input tables, made from the tables' declarations.

Each input column gets the rule its declaration gives (:mod:`xlsalesplan.plan.tables`), the
same one ``check`` applies: a whole number, a number or a date within its bounds, one of the
allowed words, or a value of another table. So Excel refuses, as the planner types, exactly
what ``check`` would report. Lists of another table's values point at a defined name over the
table's column (a structured reference), which follows the table wherever the planner moves it.
Selecting a cell shows what the column is for (the Guide's text).

Examples
--------
>>> rule(TABLES["employees"].column("weight"), "A6", "en")["criteria"]
'>='
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.plan.columns import YEARS
from xlsalesplan.plan.schema import Bounds, Column, Table, pick
from xlsalesplan.plan.tables import TABLES, rule_text

_TITLES = {"ru": "Неверное значение", "en": "Invalid value"}
_ENTER = {"ru": "Введите {rule}.", "en": "Enter {rule}."}
# Excel limits: an input title of 32 characters, messages of 255.
_TITLE_MAX, _MESSAGE_MAX = 32, 255
# Unbounded numbers still refuse text: Excel's decimal rule needs a range.
_HUGE = 9.99e307


def list_name(table: str, column: str) -> str:
    """The defined name over a key column, used as the source of validation lists."""
    return f"lst_{table}_{column}"


def list_names(lang: str) -> dict[str, str]:
    """Every list name and what it refers to: ``{"lst_regions_region": "tblRegions[Регион]"}``."""
    found = {}
    for table in TABLES.values():
        for column in table.columns:
            if column.refers is not None:
                source = TABLES[column.refers[0]]
                header = source.column(column.refers[1]).header(lang)
                found[list_name(*column.refers)] = f"{source.name}[{header}]"
    return found


def _number_rule(bounds: Bounds, kind: str, cell: str) -> dict[str, Any]:
    """An integer/decimal rule for the bounds; mixed open ends need a formula."""
    validate = "integer" if kind == "whole" else "decimal"
    low, high = bounds.low, bounds.high
    if low is not None and high is not None:
        if bounds.low_open or bounds.high_open:
            above = f"{cell}>{low:g}" if bounds.low_open else f"{cell}>={low:g}"
            below = f"{cell}<{high:g}" if bounds.high_open else f"{cell}<={high:g}"
            whole = f",{cell}=INT({cell})" if kind == "whole" else ""
            return {"validate": "custom", "value": f"=AND(ISNUMBER({cell}){whole},{above},{below})"}
        return {"validate": validate, "criteria": "between", "minimum": low, "maximum": high}
    if low is not None:
        return {"validate": validate, "criteria": ">" if bounds.low_open else ">=", "value": low}
    if high is not None:
        return {"validate": validate, "criteria": "<" if bounds.high_open else "<=", "value": high}
    return {"validate": validate, "criteria": "between", "minimum": -_HUGE, "maximum": _HUGE}


def rule(column: Column, cell: str, lang: str) -> dict[str, Any] | None:
    """XlsxWriter's data validation options for a column whose first cell is ``cell``.

    None where Excel has nothing to check (free text).
    """
    words = column.words(lang)
    if column.refers is not None:
        name = list_name(*column.refers)
        if not words:
            found: dict[str, Any] = {"validate": "list", "source": f"={name}"}
        else:  # a value of the table, or one of the words: no list can say both
            extra = ",".join(f'LOWER({cell})="{w.lower()}"' for w in words)
            found = {"validate": "custom", "value": f"=OR(COUNTIF({name},{cell})>0,{extra})"}
    elif words:
        found = {"validate": "list", "source": words}
    elif column.kind == "date":
        years = column.bounds or YEARS
        found = {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(int(years.low or 1900), 1, 1),
            "maximum": dt.date(int(years.high or 9999), 12, 31),
        }
    elif column.kind in ("number", "whole"):
        found = _number_rule(column.bounds or Bounds(), column.kind, cell)
    else:
        return None
    found["error_title"] = _TITLES[lang]
    found["error_message"] = _ENTER[lang].format(rule=rule_text(column, lang))[:_MESSAGE_MAX]
    help_ = pick(lang, column.help)
    if help_:
        found["input_title"] = column.header(lang)[:_TITLE_MAX]
        found["input_message"] = help_[:_MESSAGE_MAX]
    return found


def validate_table(ws: Worksheet, table: Table, row: int, col: int, rows: int, lang: str) -> None:
    """Validation on ``rows`` data rows of an input table from 0-based (row, col)."""
    for j, column in enumerate(table.columns):
        options = rule(column, xl_rowcol_to_cell(row, col + j), lang)
        if options is not None:
            ws.data_validation(row, col + j, row + rows - 1, col + j, options)


def validate_cell(ws: Worksheet, column: Column, row: int, col: int, lang: str) -> None:
    """Validation on one cell (a setting's value)."""
    options = rule(column, xl_rowcol_to_cell(row, col), lang)
    if options is not None:
        ws.data_validation(row, col, row, col, options)
