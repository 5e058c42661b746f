"""Every table of the plan, declared once: what the planner fills in and what refresh writes.

The declarations (:mod:`xlsalesplan.plan.schema`) drive the workbook's headers, formats and
data validation, the readers, ``check`` and the Guide sheet. Input tables come in the order a
planner fills them (``step``); output tables follow.
"""

from __future__ import annotations

from xlsalesplan.plan.columns import YEARS
from xlsalesplan.plan.economics_tables import ECONOMICS_INPUTS
from xlsalesplan.plan.input_tables import PLAN_INPUTS
from xlsalesplan.plan.method_tables import PROJECT_INPUTS
from xlsalesplan.plan.output_tables import OUTPUT_TABLES
from xlsalesplan.plan.schema import Bounds, Column, Table, pick
from xlsalesplan.plan.settings_table import RECORD_SETTINGS, SETTINGS, SETTINGS_TABLE
from xlsalesplan.plan.team_tables import RECORD_TABLES, SCENARIOS_INPUT

__all__ = [
    "BY_NAME",
    "INPUT_TABLES",
    "OUTPUT_TABLES",
    "RECORD_SETTINGS",
    "RECORD_TABLES",
    "SETTING",
    "SETTINGS",
    "SETTINGS_TABLE",
    "TABLES",
    "rule_text",
]

# In the order a planner fills them (``step``).
INPUT_TABLES: tuple[Table, ...] = (
    *PLAN_INPUTS,
    *PROJECT_INPUTS,
    *ECONOMICS_INPUTS,
    *SCENARIOS_INPUT,
)

TABLES: dict[str, Table] = {
    t.key: t for t in (SETTINGS_TABLE, *INPUT_TABLES, *OUTPUT_TABLES, *RECORD_TABLES)
}
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES.values()}
SETTING: dict[str, Column] = {s.key: s for s in SETTINGS}


def rule_text(column: Column, lang: str) -> str:
    """What a cell of ``column`` must hold, in words: the Guide, Excel's messages, ``check``.

    Examples
    --------
    >>> rule_text(TABLES["employees"].column("role"), "en")
    "a value from the 'Funnel tiers' table"
    >>> rule_text(TABLES["goals"].column("path"), "ru")
    '«линейный» или «S-кривая»'
    """
    ru = lang == "ru"
    quoted = [f"«{w}»" if ru else f"'{w}'" for w in column.words(lang)]
    if column.refers is not None:
        title = pick(lang, TABLES[column.refers[0]].title)
        quoted.insert(
            0, f"значение из таблицы «{title}»" if ru else f"a value from the '{title}' table"
        )
    if quoted:
        return (" или " if ru else " or ").join(quoted)
    if column.kind == "date":
        low, high = (column.bounds or YEARS).low, (column.bounds or YEARS).high
        return f"дату с {low:g} по {high:g} год" if ru else f"a date from {low:g} to {high:g}"
    if column.kind in ("number", "whole"):
        bounds = column.bounds or Bounds()
        return bounds.text(lang, column.format == "percent", column.kind == "whole")
    return "текст" if ru else "text"
