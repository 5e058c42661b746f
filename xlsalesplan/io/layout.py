"""Where every table of the plan lives in the workbook: which sheet, in which order.

The tables themselves (columns, headers, formats, rules) are declared in
:mod:`xlsalesplan.plan.tables`; here they are placed on sheets. The layout is the contract
between the template builder, the readers and the refresh: a table is found by its stable name
(``tblEmployees``), never by position, so a planner may move it.

Inputs sit on the left of a sheet and outputs to their right, so that tables that grow with
the planner's rows never run into each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsalesplan.plan import schema
from xlsalesplan.plan import tables as declared
from xlsalesplan.plan.schema import Table

MONTH_KEYS = schema.MONTHS  # m01 … m12
MONTHS = schema.MONTH_NAMES  # the months' short names by language


@dataclass(frozen=True)
class Sheet:
    """A sheet: its names, title and tables laid out from left to right."""

    key: str
    names: tuple[str, str]
    titles: tuple[str, str]
    tables: tuple[Table, ...]

    def name(self, lang: str) -> str:
        return self.names[0] if lang == "ru" else self.names[1]

    def title(self, lang: str) -> str:
        return self.titles[0] if lang == "ru" else self.titles[1]


def _on(*keys: str) -> tuple[Table, ...]:
    return tuple(declared.TABLES[key] for key in keys)


SHEETS: list[Sheet] = [
    Sheet(
        "settings",
        ("Настройки", "Settings"),
        ("Настройки и справочники", "Settings and reference data"),
        _on("settings", "regions", "seasonality", "tiers"),
    ),
    Sheet(
        "strategy",
        ("Стратегия", "Strategy"),
        ("Стратегические цели", "Strategic goals"),
        _on("goals", "milestones"),
    ),
    Sheet(
        "sales",
        ("План продаж", "Sales plan"),
        ("Финансовая цель: план продаж", "The financial goal: sales plan"),
        _on("targets", "funnel_plan", "sales_plan"),
    ),
    Sheet("employees", ("Сотрудники", "Employees"), ("Сотрудники", "Employees"), _on("employees")),
    Sheet(
        "goals",
        ("Цели сотрудников", "Employee goals"),
        ("Цели сотрудников по месяцам и рабочим дням", "Employee goals by month and working day"),
        _on("employee_goals", "daily_goals", "goal_chain", "tier_goals"),
    ),
    Sheet("roi", ("ROI", "ROI"), ("ROI изменений", "ROI of changes"), _on("initiatives", "roi")),
    Sheet(
        "planfact",
        ("План–факт", "Plan–fact"),
        ("Контроль план–факт", "Plan–fact control"),
        _on("actuals", "planfact", "team_results"),
    ),
    Sheet(
        "reconciliation",
        ("Сверка", "Reconciliation"),
        (
            "Сверка плана: от стратегической цели до рабочего дня",
            "The plan reconciled: from the strategic goal down to the working day",
        ),
        _on("reconciliation", "rollout", "shortfall"),
    ),
    Sheet(
        "roadmap",
        ("Календарный план", "Roadmap"),
        ("Календарный план проекта стратегии", "Strategy project roadmap"),
        _on("stages", "roadmap"),
    ),
    # The strategy documents of the method (§8).
    Sheet(
        "project",
        ("План проекта", "Project plan"),
        (
            "Проект стратегии: форматы, задачи, результаты этапов и календарный план года",
            "Strategy project: formats, tasks, deliverables and the year's calendar plan",
        ),
        _on("stage_work", "calendar"),
    ),
    Sheet(
        "swot",
        ("SWOT", "SWOT"),
        ("SWOT-анализ и действия", "SWOT analysis and actions"),
        _on("strengths", "weaknesses", "opportunities", "threats", "swot_actions"),
    ),
    Sheet(
        "policies",
        ("Политики", "Policies"),
        ("Ключевые положения стратегии и политики", "Key points of the strategy and policies"),
        _on("documents", "document_control"),
    ),
    Sheet(
        "implementation",
        ("Внедрение", "Implementation"),
        ("Факторы внедрения и риски", "Implementation factors and risks"),
        _on("factors", "factor_control", "risks", "risk_assessment"),
    ),
    Sheet(
        "assortment",
        ("Ассортимент", "Assortment"),
        ("Ассортиментная стратегия", "Assortment strategy"),
        _on("products", "assortment"),
    ),
    Sheet(
        "concentration",
        ("Концентрация", "Concentration"),
        (
            "Концентрация клиентов и поставщиков",
            "Concentration of clients and suppliers",
        ),
        _on("client_sales", "suppliers", "concentration", "over_limit"),
    ),
    Sheet(
        "motivation",
        ("Мотивация", "Motivation"),
        ("Мотивация и KPI: премия от план–факта", "Motivation and KPI: bonus from plan–fact"),
        _on("bonus_targets", "bonus"),
    ),
    Sheet(
        "economics",
        ("Экономика клиента", "Client economics"),
        (
            "Экономика клиента: LTV за пять лет против стоимости привлечения",
            "Client economics: five-year LTV against acquisition cost",
        ),
        _on("channels", "economics", "cumulative_profit"),
    ),
    Sheet(
        "effects",
        ("Эффекты инициатив", "Initiative effects"),
        (
            "Измеримые эффекты инициатив: пробное предложение и перекрёстные продажи",
            "Measurable effects of initiatives: the trial offer and cross-selling",
        ),
        _on("effects", "effect_results"),
    ),
    Sheet(
        "scenarios",
        ("Сценарии", "Scenarios"),
        ("Сценарии рядом с планом", "Scenarios side by side with the plan"),
        _on("scenarios", "scenario_results"),
    ),
    Sheet(
        "history",
        ("История", "History"),
        ("Утверждённые версии и история изменений", "Approved versions and the history of changes"),
        _on("versions", "history"),
    ),
    Sheet(
        "team",
        ("Команда", "Team"),
        ("Предложения сотрудников и консолидация регионов", "Staff proposals and the regions"),
        _on("proposals", "published", "consolidation"),
    ),
]


def table_origins(sheet: Sheet) -> dict[str, int]:
    """First column (0-based) of each table on a sheet: left to right, one empty column apart."""
    origins, col = {}, 0
    for table in sheet.tables:
        origins[table.name] = col
        col += len(table.columns) + 1
    return origins


DASHBOARD = ("Дашборд", "Dashboard")
FORMULAS_SHEET = ("Формулы", "Formulas")
GUIDE_SHEET = ("Руководство", "Guide")  # the first sheet: how to fill the plan


def sheet_count() -> int:
    """Sheets of a plan workbook: the guide, the layout's, the dashboard and the formulas."""
    return len(SHEETS) + 3


SHEET_BY_KEY = {s.key: s for s in SHEETS}
TABLES: dict[str, Table] = {t.name: t for s in SHEETS for t in s.tables}
TABLE_OF_MODEL: dict[str, Table] = {t.key: t for t in TABLES.values()}
SHEET_OF_TABLE = {t.name: s for s in SHEETS for t in s.tables}

# The first row of every table's header; rows above hold the title and the refresh stamp.
HEADER_ROW = 4  # 0-based: Excel row 5
TITLE_CELL = (0, 0)
STAMP_CELL = (1, 0)
