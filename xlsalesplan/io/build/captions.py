"""Table captions that say more than the table's name: the current month's table names its month.

The caption of ``tblDailyGoals`` is a live formula over the Settings' named cells (``AsOf``,
``PlanYear``), written with its cached value, so it follows a new cut-off date in Excel or
LibreOffice without a refresh. Month names come from ``CHOOSE``, not ``TEXT``: ``TEXT``'s date
codes depend on the language of the Excel that opens the file.

Examples
--------
>>> import datetime as dt
>>> from xlsalesplan.plan.tables import TABLES
>>> settings = {"as_of": dt.date(2026, 7, 1), "plan_year": 2026}
>>> caption_formula(TABLES["daily_goals"], settings, "en")[1]
'Current month per working day: July 2026'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xlsalesplan.io.native import NAMES
from xlsalesplan.plan.schema import Table, pick

MONTH_NAMES = {
    "ru": [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def caption_formula(table: Table, settings: dict[str, Any], lang: str) -> tuple[str, str] | None:
    """``(formula, cached text)`` for a caption that names its month, else ``None``."""
    if table.name != "tblDailyGoals":
        return None
    caption = pick(lang, table.caption)
    as_of, year = settings.get("as_of"), settings.get("plan_year")
    cached = caption
    if isinstance(as_of, dt.date) and isinstance(year, (int, float)):
        cached = f"{caption}: {MONTH_NAMES[lang][as_of.month - 1]} {year:g}"
    months = ",".join(f'"{m}"' for m in MONTH_NAMES[lang])
    month = f'CHOOSE(MONTH({NAMES["as_of"]}),{months})&" "&{NAMES["plan_year"]}'
    return f'="{caption}"&IFERROR(": "&{month},"")', cached
