"""Where every table of the plan lives in the workbook, and what its headers say in ru / en.

The layout is the contract between the template builder, the readers and the refresh: a table
is found by its stable name (``tblEmployees``), never by position, so a planner may move it.
Headers are matched to the model's column keys through :data:`HEADERS`, in either language.

Inputs sit on the left of a sheet and outputs to their right, so that tables that grow with
the planner's rows never run into each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsalesplan.plan import model
from xlsalesplan.plan.model import COLUMNS

MONTH_KEYS = model.MONTHS  # m01 … m12
MONTHS = {
    "ru": ["Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

# key: (Russian header, English header). One dictionary for every table: a key means the same
# thing wherever it appears.
HEADERS: dict[str, tuple[str, str]] = {
    "key": ("Ключ", "Key"),
    "setting": ("Параметр", "Setting"),
    "value": ("Значение", "Value"),
    "goal": ("Цель", "Goal"),
    "metric": ("Показатель", "Metric"),
    "baseline": ("Базовое значение", "Baseline"),
    "target": ("Целевое значение", "Target"),
    "deadline": ("Срок", "Deadline"),
    "owner": ("Ответственный", "Owner"),
    "region": ("Регион", "Region"),
    "path": ("Траектория", "Path"),
    "rollout_order": ("Очерёдность", "Rollout order"),
    "distance_km": ("Расстояние, км", "Distance, km"),
    "offices": ("Офисов", "Offices"),
    "product": ("Продукт", "Product"),
    "revenue": ("Выручка за год", "Annual revenue"),
    "avg_deal": ("Средний чек", "Average deal"),
    "profile": ("Профиль сезонности", "Seasonality profile"),
    "tier": ("Уровень", "Tier"),
    "stage": ("Этап", "Stage"),
    "conversion": ("Конверсия", "Conversion"),
    "productivity": ("Производительность в месяц", "Productivity per month"),
    "employee": ("Сотрудник", "Employee"),
    "role": ("Роль", "Role"),
    "hire_date": ("Дата найма", "Hire date"),
    "weight": ("Вес", "Weight"),
    "fixed_goal": ("Фиксированная цель", "Fixed goal"),
    "initiative": ("Инициатива", "Initiative"),
    "investment": ("Инвестиции", "Investment"),
    "effect": ("Эффект", "Effect"),
    "start": ("Начало", "Start"),
    "months": ("Месяцев действует", "Months in effect"),
    "confidence": ("Достоверность данных", "Data confidence"),
    "hurdle": ("Требование инвесторов", "Investor hurdle"),
    "weeks": ("Недель", "Weeks"),
    "end": ("Окончание", "End"),
    "horizon": ("Горизонт", "Horizon"),
    "year": ("Год", "Year"),
    "milestone": ("Веха", "Milestone"),
    "added": ("Прирост", "Added"),
    "regions": ("Регионы", "Regions"),
    "indicator": ("Показатель", "Indicator"),
    "total": ("Итого", "Total"),
    "year_volume": ("Объём за год", "Volume per year"),
    "month_volume": ("Объём в месяц", "Volume per month"),
    "heads_needed": ("Нужно людей", "Heads needed"),
    "heads_actual": ("Есть людей", "Heads now"),
    "month_goal": ("Цель на месяц", "Month goal"),
    "workdays": ("Рабочих дней", "Working days"),
    "per_day": ("В рабочий день", "Per working day"),
    "per_week": ("В неделю", "Per week"),
    "step": ("Шаг", "Step"),
    "roi": ("ROI", "ROI"),
    "roi_annual": ("ROI годовой", "Annual ROI"),
    "roi_risk": ("ROI с учётом риска", "Risk-adjusted ROI"),
    "verdict": ("Вывод", "Verdict"),
    "plan_to_date": ("План на дату", "Plan to date"),
    "fact_to_date": ("Факт на дату", "Fact to date"),
    "completion": ("Выполнение", "Completion"),
    "forecast": ("Прогноз на год", "Year forecast"),
    "status": ("Статус", "Status"),
}
for _i, _key in enumerate(MONTH_KEYS):
    HEADERS[_key] = (MONTHS["ru"][_i], MONTHS["en"][_i])


def header(key: str, lang: str) -> str:
    """The header a table shows for a column key in a language ("ru" or "en")."""
    ru, en = HEADERS[key]
    return ru if lang == "ru" else en


@dataclass(frozen=True)
class Table:
    """One Excel table (ListObject): its stable name, model key, columns and kind."""

    name: str
    model: str
    columns: list[str]
    output: bool = False
    formats: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sheet:
    """A sheet: its names, title and tables laid out from left to right."""

    key: str
    names: tuple[str, str]
    titles: tuple[str, str]
    tables: list[Table]

    def name(self, lang: str) -> str:
        return self.names[0] if lang == "ru" else self.names[1]

    def title(self, lang: str) -> str:
        return self.titles[0] if lang == "ru" else self.titles[1]


M = MONTH_KEYS
MONEY = "money"
PCT = "percent"
DATE = "date"
INT = "int"
NUM = "number"

SHEETS: list[Sheet] = [
    Sheet(
        "settings",
        ("Настройки", "Settings"),
        ("Настройки и справочники", "Settings and reference data"),
        [
            Table("tblSettings", "settings", ["key", "setting", "value"]),
            Table(
                "tblRegions",
                "regions",
                COLUMNS["regions"],
                formats={"rollout_order": INT, "distance_km": INT, "offices": INT},
            ),
            Table(
                "tblSeasonality",
                "seasonality",
                COLUMNS["seasonality"],
                formats=dict.fromkeys(M, NUM),
            ),
            Table(
                "tblTiers",
                "tiers",
                COLUMNS["tiers"],
                formats={"conversion": PCT, "productivity": INT},
            ),
        ],
    ),
    Sheet(
        "strategy",
        ("Стратегия", "Strategy"),
        ("Стратегические цели", "Strategic goals"),
        [
            Table(
                "tblGoals",
                "goals",
                COLUMNS["goals"],
                formats={"baseline": INT, "target": INT, "deadline": DATE},
            ),
            Table(
                "tblMilestones",
                "milestones",
                COLUMNS["milestones"],
                output=True,
                formats={"milestone": INT, "added": INT},
            ),
        ],
    ),
    Sheet(
        "sales",
        ("План продаж", "Sales plan"),
        ("Финансовая цель: план продаж", "The financial goal: sales plan"),
        [
            Table(
                "tblTargets",
                "targets",
                COLUMNS["targets"],
                formats={"revenue": MONEY, "avg_deal": MONEY},
            ),
            Table(
                "tblFunnelPlan",
                "funnel_plan",
                COLUMNS["funnel_plan"],
                output=True,
                formats={
                    k: INT for k in ("year_volume", "month_volume", "heads_needed", "heads_actual")
                },
            ),
            Table(
                "tblSalesPlan",
                "sales_plan",
                COLUMNS["sales_plan"],
                output=True,
                # Revenue, deals and clients share the columns: plain numbers, no currency sign.
                formats=dict.fromkeys([*M, "total"], INT),
            ),
        ],
    ),
    Sheet(
        "employees",
        ("Сотрудники", "Employees"),
        ("Сотрудники", "Employees"),
        [
            Table(
                "tblEmployees",
                "employees",
                COLUMNS["employees"],
                formats={"hire_date": DATE, "weight": NUM, "fixed_goal": MONEY},
            ),
        ],
    ),
    Sheet(
        "goals",
        ("Цели сотрудников", "Employee goals"),
        ("Цели сотрудников по месяцам и рабочим дням", "Employee goals by month and working day"),
        [
            Table(
                "tblEmployeeGoals",
                "employee_goals",
                COLUMNS["employee_goals"],
                output=True,
                formats=dict.fromkeys([*M, "total"], MONEY),
            ),
            Table(
                "tblDailyGoals",
                "daily_goals",
                COLUMNS["daily_goals"],
                output=True,
                formats={"month_goal": MONEY, "workdays": INT, "per_day": MONEY, "per_week": MONEY},
            ),
            Table(
                "tblGoalChain",
                "goal_chain",
                COLUMNS["goal_chain"],
                output=True,
                formats={"step": INT, "goal": MONEY, "deadline": DATE},
            ),
        ],
    ),
    Sheet(
        "roi",
        ("ROI", "ROI"),
        ("ROI изменений", "ROI of changes"),
        [
            Table(
                "tblInitiatives",
                "initiatives",
                COLUMNS["initiatives"],
                formats={
                    "investment": MONEY,
                    "effect": MONEY,
                    "start": DATE,
                    "months": INT,
                    "confidence": PCT,
                    "hurdle": PCT,
                },
            ),
            Table(
                "tblROI",
                "roi",
                COLUMNS["roi"],
                output=True,
                formats={"roi": PCT, "roi_annual": PCT, "roi_risk": PCT},
            ),
        ],
    ),
    Sheet(
        "planfact",
        ("План–факт", "Plan–fact"),
        ("Контроль план–факт", "Plan–fact control"),
        [
            Table("tblActuals", "actuals", COLUMNS["actuals"], formats=dict.fromkeys(M, MONEY)),
            Table(
                "tblPlanFact",
                "planfact",
                COLUMNS["planfact"],
                output=True,
                formats={
                    "plan_to_date": MONEY,
                    "fact_to_date": MONEY,
                    "completion": PCT,
                    "forecast": MONEY,
                },
            ),
        ],
    ),
    Sheet(
        "roadmap",
        ("Календарный план", "Roadmap"),
        ("Календарный план проекта стратегии", "Strategy project roadmap"),
        [
            Table(
                "tblStages",
                "stages",
                COLUMNS["stages"],
                formats={"start": DATE, "weeks": INT},
            ),
            Table(
                "tblRoadmap",
                "roadmap",
                COLUMNS["roadmap"],
                output=True,
                formats={"start": DATE, "end": DATE, "weeks": INT},
            ),
        ],
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


def sheet_count() -> int:
    """Sheets of a plan workbook: the layout's, the dashboard and the formulas."""
    return len(SHEETS) + 2


SHEET_BY_KEY = {s.key: s for s in SHEETS}
TABLES = {t.name: t for s in SHEETS for t in s.tables}
TABLE_OF_MODEL = {t.model: t for t in TABLES.values()}
SHEET_OF_TABLE = {t.name: s for s in SHEETS for t in s.tables}

# The first row of every table's header; rows above hold the title and the refresh stamp.
HEADER_ROW = 4  # 0-based: Excel row 5
TITLE_CELL = (0, 0)
STAMP_CELL = (1, 0)

# The rows of tblSettings: key, Russian and English label, format. The key column is what the
# readers trust; the label is for people.
SETTINGS: list[tuple[str, str, str, str | None]] = [
    ("company", "Компания", "Company", None),
    ("plan_year", "Год плана", "Plan year", None),  # General: 2026, not 2,026
    ("currency", "Валюта", "Currency", None),
    ("language", "Язык", "Language", None),
    ("country", "Производственный календарь (страна)", "Calendar country", None),
    ("units", "Единицы", "Units", None),
    ("as_of", "Факт на дату", "Actuals as of", DATE),
    ("on_track", "Порог «в норме» (выполнение от)", "On track from (completion)", PCT),
    ("at_risk", "Порог «риск» (выполнение от)", "At risk from (completion)", PCT),
    ("ramp_months", "Месяцев до полной нагрузки новичка", "Months for a new hire to ramp up", INT),
]
