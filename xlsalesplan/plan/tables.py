"""Every table of the plan, declared once: what the planner fills in and what refresh writes.

The declarations (:mod:`xlsalesplan.plan.schema`) drive the workbook's headers, formats and
data validation, the readers, ``check`` and the Guide sheet. Input tables come in the order a
planner fills them (``step``); output tables follow.
"""

from __future__ import annotations

from dataclasses import replace

from xlsalesplan.plan.schema import Bounds, Column, Table, months, pick

# Shared bounds: a date may fall in these years; other ranges by what the number means.
YEARS = Bounds(1950, 2100)
NON_NEGATIVE = Bounds(0)
POSITIVE = Bounds(0, low_open=True)
SHARE = Bounds(0, 1)
RATE = Bounds(0, 1, low_open=True)
COUNT = Bounds(1)

# Columns that several tables carry: one declaration, reused.
REGION = Column(
    "region",
    "Регион",
    "Region",
    refers=("regions", "region"),
    help=("Регион из таблицы регионов (лист Настройки).", "A region of the Regions table."),
    example=("Москва", "Moscow"),
)
EMPLOYEE = Column(
    "employee",
    "Сотрудник",
    "Employee",
    unique=True,
    help=("Фамилия и имя; у каждого сотрудника своя строка.", "Name; one row per employee."),
    example=("Смирнов Алексей", "Alexey Smirnov"),
)
OWNER = Column(
    "owner",
    "Ответственный",
    "Owner",
    required=False,
    help=("Кто отвечает.", "Who is responsible."),
    example=("Коммерческий директор", "Sales director"),
)
START = Column(
    "start",
    "Начало",
    "Start",
    "date",
    bounds=YEARS,
    help=("Дата начала.", "Start date."),
    example=("12.01.2026", "2026-01-12"),
)

SETTINGS: tuple[Column, ...] = (
    Column(
        "company",
        "Компания",
        "Company",
        required=False,
        help=("Название компании для заголовков.", "The company's name, for headings."),
        example=("ООО «Вектор»", "Vektor LLC"),
    ),
    Column(
        "plan_year",
        "Год плана",
        "Plan year",
        "whole",
        fmt="text",  # General: 2026, not 2,026
        bounds=Bounds(1991, 2100),
        help=("Календарный год, на который строится план.", "The calendar year of the plan."),
        example=(2026, 2026),
    ),
    Column(
        "currency",
        "Валюта",
        "Currency",
        required=False,
        help=("Валюта сумм (RUB — рубли).", "The currency of the amounts (RUB: roubles)."),
        example=("RUB", "RUB"),
    ),
    Column(
        "language",
        "Язык",
        "Language",
        choices=(("ru", "ru"), ("en", "en")),
        help=("Язык листов и сообщений: ru или en.", "The language of sheets and messages."),
        example=("ru", "en"),
    ),
    Column(
        "country",
        "Производственный календарь (страна)",
        "Calendar country",
        required=False,
        help=(
            "Страна производственного календаря (RU — Россия; none — только выходные).",
            "The country of the production calendar (RU: Russia; none: weekends only).",
        ),
        example=("RU", "RU"),
    ),
    Column(
        "units",
        "Единицы",
        "Units",
        required=False,
        help=("Единицы сумм.", "The units of the amounts."),
        example=("RUB", "RUB"),
    ),
    Column(
        "as_of",
        "Факт на дату",
        "Actuals as of",
        "date",
        bounds=YEARS,
        help=(
            "Первый день, который факт ещё не покрывает (1 июля — факт по 30 июня).",
            "The first day the actuals do not cover yet (1 July: actuals to 30 June).",
        ),
        example=("01.07.2026", "2026-07-01"),
    ),
    Column(
        "on_track",
        "Порог «в норме» (выполнение от)",
        "On track from (completion)",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Выполнение, с которого статус «в плане».", "Completion from which 'on track'."),
        example=(0.95, 0.95),
    ),
    Column(
        "at_risk",
        "Порог «риск» (выполнение от)",
        "At risk from (completion)",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Выполнение, с которого статус «под угрозой».", "Completion from which 'at risk'."),
        example=(0.85, 0.85),
    ),
    Column(
        "capacity_mode",
        "Если команда не вытягивает план",
        "When the team cannot carry the plan",
        choices=(
            ("сохранить цель", "keep the target"),
            ("снизить до мощности", "reduce to capacity"),
        ),
        required=False,
        help=(
            "Сохранить годовую цель региона (месяцы перестраиваются по мощности команды, "
            "нехватка показывается) или снизить цель до того, что команда вытянет.",
            "Keep each region's year target (months reshaped by the team's capacity, shortfall "
            "shown) or reduce it to what the team can carry.",
        ),
        example=("сохранить цель", "keep the target"),
    ),
    Column(
        "gap_tolerance",
        "Допустимый разрыв целей",
        "Tolerated gap between goals",
        "number",
        fmt="percent",
        required=False,
        bounds=SHARE,
        help=(
            "Разрыв между стратегической целью и планом, выше которого проверка предупреждает.",
            "The gap between the strategic goal and the plan above which check warns.",
        ),
        example=(0.01, 0.01),
    ),
    Column(
        "roi_window",
        "Месяцев до оценки ROI",
        "Months before judging ROI",
        "number",
        fmt="int",
        required=False,
        bounds=NON_NEGATIVE,
        help=(
            "Раньше этого изменение не оценивают (по методике — полгода–год).",
            "A change is not judged earlier (the method: half a year to a year).",
        ),
        example=(6, 6),
    ),
    Column(
        "train_limit_km",
        "Первый регион не дальше, км",
        "First region within, km",
        "number",
        fmt="int",
        required=False,
        bounds=NON_NEGATIVE,
        help=(
            "«Вечером сел в поезд — утром на месте»: первый регион не дальше этого.",
            "'Evening train, morning arrival': the first region is no further than this.",
        ),
        example=(600, 600),
    ),
    Column(
        "ramp_months",
        "Месяцев до полной нагрузки новичка",
        "Months for a new hire to ramp up",
        "number",
        fmt="int",
        bounds=NON_NEGATIVE,
        help=(
            "За сколько месяцев новичок выходит на полную нагрузку (линейно).",
            "Months a new hire takes to reach full capacity (linearly).",
        ),
        example=(3, 3),
    ),
)

INPUT_TABLES: tuple[Table, ...] = (
    Table(
        "regions",
        "tblRegions",
        (
            Column(
                "region",
                "Регион",
                "Region",
                unique=True,
                help=("Название региона (города).", "The region's (city's) name."),
                example=("Нижний Новгород", "Nizhny Novgorod"),
            ),
            Column(
                "rollout_order",
                "Очерёдность",
                "Rollout order",
                "whole",
                bounds=COUNT,
                help=("Порядок открытия: 1 — головной офис.", "Order of opening: 1 = head office."),
                example=(2, 2),
            ),
            Column(
                "distance_km",
                "Расстояние, км",
                "Distance, km",
                "number",
                fmt="int",
                required=False,
                bounds=NON_NEGATIVE,
                help=("Расстояние от головного офиса по дороге.", "Road distance from the HQ."),
                example=(420, 420),
            ),
            Column(
                "offices",
                "Офисов",
                "Offices",
                "whole",
                required=False,
                bounds=NON_NEGATIVE,
                help=("Сколько офисов откроется в регионе.", "How many offices the region gets."),
                example=(3, 3),
            ),
            Column(
                "opening",
                "Открытие",
                "Opening",
                "date",
                required=False,
                bounds=YEARS,
                help=(
                    "Когда открывается первый офис региона; до этого дня здесь не продают. "
                    "Пусто — регион уже работает.",
                    "When the region's first office opens; nothing is sold there before. "
                    "Blank = the region works already.",
                ),
                example=("01.03.2026", "2026-03-01"),
            ),
            Column(
                "from_previous_km",
                "От предыдущего, км",
                "From previous, km",
                "number",
                fmt="int",
                required=False,
                bounds=NON_NEGATIVE,
                help=(
                    "Расстояние от предыдущего по очереди региона.",
                    "Distance from the region opened before it.",
                ),
                example=(400, 400),
            ),
            Column(
                "reason",
                "Почему в этом порядке",
                "Why in this order",
                required=False,
                help=(
                    "Чем объясняется очередь открытия (рынок, дорога, кадры).",
                    "Why the region comes at this point (market, travel, people).",
                ),
                example=(
                    "Крупнейший рынок в ночи поезда",
                    "Largest market an overnight train away",
                ),
            ),
        ),
        caption=("Регионы (очерёдность открытия)", "Regions (rollout order)"),
        purpose=(
            "Регионы, где компания продаёт или откроет офисы, в порядке открытия.",
            "The regions where the company sells or will open offices, in rollout order.",
        ),
        title=("Регионы", "Regions"),
        step=1,
    ),
    Table(
        "seasonality",
        "tblSeasonality",
        (
            Column(
                "profile",
                "Профиль сезонности",
                "Seasonality profile",
                unique=True,
                help=("Название профиля.", "The profile's name."),
                example=("Оборудование", "Equipment"),
            ),
            *months(
                ("Индекс месяца (в среднем 1).", "The month's index (1 on average)."),
                kind="number",
                bounds=NON_NEGATIVE,
                example=(1.05, 1.05),
            ),
        ),
        caption=("Профили сезонности", "Seasonality profiles"),
        purpose=(
            "Как продажи распределяются по месяцам: индекс 1,2 — на 20% выше среднего месяца.",
            "How sales spread over the months: an index of 1.2 is 20% above an average month.",
        ),
        title=("Профили сезонности", "Seasonality profiles"),
        step=2,
    ),
    Table(
        "tiers",
        "tblTiers",
        (
            Column(
                "tier",
                "Уровень",
                "Tier",
                unique=True,
                help=("Уровень продаж (роль сотрудников).", "A sales tier (the employees' role)."),
                example=("Закрытие сделок", "Deal closing"),
            ),
            Column(
                "stage",
                "Этап",
                "Stage",
                help=(
                    "Этап воронки, который даёт уровень; этап «Сделки» получает сделки плана.",
                    "The funnel stage the tier produces; the 'Deals' stage gets the plan's deals.",
                ),
                example=("Встречи", "Meetings"),
            ),
            Column(
                "conversion",
                "Конверсия",
                "Conversion",
                "number",
                fmt="percent",
                required=False,
                bounds=RATE,
                help=(
                    "Доля, переходящая на следующий этап; у последнего уровня пусто.",
                    "The share that passes to the next stage; blank for the last tier.",
                ),
                example=(0.3, 0.3),
            ),
            Column(
                "productivity",
                "Производительность в месяц",
                "Productivity per month",
                "number",
                fmt="int",
                bounds=POSITIVE,
                help=(
                    "Сколько единиц этапа один сотрудник делает в месяц.",
                    "Units of the stage one person produces a month.",
                ),
                example=(25, 25),
            ),
        ),
        caption=("Уровни воронки", "Funnel tiers"),
        purpose=(
            "Воронка продаж сверху вниз: лиды → встречи → сделки → клиенты в развитии.",
            "The sales funnel, top first: leads → meetings → deals → clients in development.",
        ),
        title=("Уровни воронки", "Funnel tiers"),
        step=3,
    ),
    Table(
        "goals",
        "tblGoals",
        (
            Column(
                "goal",
                "Цель",
                "Goal",
                unique=True,
                help=("Формулировка цели.", "The goal in words."),
                example=("30 филиалов за 5 лет", "30 offices in 5 years"),
            ),
            Column(
                "metric",
                "Показатель",
                "Metric",
                help=(
                    "Чем измеряется: «выручка, ₽», «филиалы», «клиенты»…",
                    "What measures it: 'revenue, RUB', 'offices', 'clients'…",
                ),
                example=("филиалы", "offices"),
            ),
            Column(
                "baseline",
                "Базовое значение",
                "Baseline",
                "number",
                fmt="int",
                help=("Значение на начало года плана.", "The value at the start of the plan year."),
                example=(1, 1),
            ),
            Column(
                "target",
                "Целевое значение",
                "Target",
                "number",
                fmt="int",
                help=("Значение к сроку.", "The value due at the deadline."),
                example=(30, 30),
            ),
            Column(
                "deadline",
                "Срок",
                "Deadline",
                "date",
                bounds=YEARS,
                help=(
                    "Срок цели; у целей с одной метрикой — по возрастанию.",
                    "The deadline; goals with the same metric follow one another.",
                ),
                example=("31.12.2030", "2030-12-31"),
            ),
            OWNER,
            replace(
                REGION,
                required=False,
                choices=(("все", "all"),),
                help=("Регион или пусто / «все» — вся компания.", "A region, or blank / 'all'."),
                example=("все", "all"),
            ),
            Column(
                "path",
                "Траектория",
                "Path",
                required=False,
                choices=(("линейный", "linear"), ("S-кривая", "S-curve")),
                help=(
                    "Как идти к цели по годам; пусто — линейно.",
                    "How the goal is reached year by year; blank = linear.",
                ),
                example=("S-кривая", "S-curve"),
            ),
        ),
        caption=("Цели (ввод)", "Goals (input)"),
        purpose=(
            "Стратегические цели с базой, целью и сроком; план разложит их по годам.",
            "Strategic goals with a baseline, a target and a deadline; the plan sets yearly "
            "milestones.",
        ),
        step=4,
    ),
    Table(
        "targets",
        "tblTargets",
        (
            REGION,
            Column(
                "product",
                "Продукт",
                "Product",
                help=("Продукт или направление.", "A product or line of business."),
                example=("Оборудование", "Equipment"),
            ),
            Column(
                "revenue",
                "Выручка за год",
                "Annual revenue",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                help=("План выручки за год.", "The year's revenue target."),
                example=(24_000_000, 24_000_000),
            ),
            Column(
                "avg_deal",
                "Средний чек",
                "Average deal",
                "number",
                fmt="money",
                bounds=POSITIVE,
                help=("Средняя сумма сделки.", "The average deal size."),
                example=(400_000, 400_000),
            ),
            Column(
                "profile",
                "Профиль сезонности",
                "Seasonality profile",
                refers=("seasonality", "profile"),
                help=("Профиль из таблицы сезонности.", "A profile of the seasonality table."),
                example=("Оборудование", "Equipment"),
            ),
        ),
        caption=("Цели по регионам и продуктам (ввод)", "Targets by region and product (input)"),
        purpose=(
            "Финансовая цель: выручка за год по регионам и продуктам.",
            "The financial goal: the year's revenue by region and product.",
        ),
        step=5,
    ),
    Table(
        "employees",
        "tblEmployees",
        (
            EMPLOYEE,
            Column(
                "role",
                "Роль",
                "Role",
                refers=("tiers", "tier"),
                help=("Уровень из таблицы уровней воронки.", "A tier of the funnel tiers table."),
                example=("Закрытие сделок", "Deal closing"),
            ),
            REGION,
            Column(
                "hire_date",
                "Дата найма",
                "Hire date",
                "date",
                required=False,
                bounds=YEARS,
                help=(
                    "Дата выхода; пусто — работает давно. Новичок выходит на нагрузку постепенно.",
                    "First day at work; blank = long employed. New hires ramp up.",
                ),
                example=("16.03.2026", "2026-03-16"),
            ),
            Column(
                "weight",
                "Вес",
                "Weight",
                "number",
                required=False,
                bounds=NON_NEGATIVE,
                help=(
                    "Доля плана региона относительно коллег; 0 — не продаёт сам.",
                    "Share of the region's plan relative to colleagues; 0 = does not sell.",
                ),
                example=(1.0, 1.0),
            ),
            Column(
                "fixed_goal",
                "Фиксированная цель",
                "Fixed goal",
                "number",
                fmt="money",
                required=False,
                bounds=NON_NEGATIVE,
                help=(
                    "Годовая цель, заданная вручную; остальное делится по весам.",
                    "A year goal set by hand; the rest is split by weight.",
                ),
                example=(12_000_000, 12_000_000),
            ),
        ),
        caption=("Сотрудники (ввод)", "Employees (input)"),
        purpose=(
            "Команда: кто, в какой роли и регионе, с какого дня работает.",
            "The team: who, in which role and region, working since when.",
        ),
        title=("Сотрудники", "Employees"),
        step=6,
    ),
    Table(
        "initiatives",
        "tblInitiatives",
        (
            Column(
                "initiative",
                "Инициатива",
                "Initiative",
                unique=True,
                help=("Изменение, чью отдачу оцениваем.", "A change whose return is judged."),
                example=("Внедрение CRM", "CRM roll-out"),
            ),
            Column(
                "investment",
                "Инвестиции",
                "Investment",
                "number",
                fmt="money",
                bounds=POSITIVE,
                help=("Во что обошлось изменение.", "What the change cost."),
                example=(4_500_000, 4_500_000),
            ),
            Column(
                "effect",
                "Эффект",
                "Effect",
                "number",
                fmt="money",
                help=("Дополнительная прибыль за срок действия.", "Extra profit over its months."),
                example=(1_800_000, 1_800_000),
            ),
            replace(START, help=("Когда изменение начало действовать.", "When it took effect.")),
            Column(
                "months",
                "Месяцев действует",
                "Months in effect",
                "whole",
                bounds=NON_NEGATIVE,
                help=("За сколько месяцев измерен эффект.", "Months the effect was measured over."),
                example=(10, 10),
            ),
            Column(
                "confidence",
                "Достоверность данных",
                "Data confidence",
                "number",
                fmt="percent",
                bounds=SHARE,
                help=("Насколько можно доверять данным.", "How far the data can be trusted."),
                example=(0.8, 0.8),
            ),
            Column(
                "hurdle",
                "Требование инвесторов",
                "Investor hurdle",
                "number",
                fmt="percent",
                bounds=NON_NEGATIVE,
                help=(
                    "Годовая отдача, которую ждут инвесторы.",
                    "The yearly return investors ask.",
                ),
                example=(0.25, 0.25),
            ),
        ),
        caption=("Инициативы (ввод)", "Initiatives (input)"),
        purpose=(
            "Изменения в продажах с их затратами и эффектом — для оценки ROI.",
            "Changes in sales with their cost and effect, to judge their ROI.",
        ),
        step=7,
    ),
    Table(
        "actuals",
        "tblActuals",
        (
            replace(
                EMPLOYEE,
                refers=("employees", "employee"),
                help=("Сотрудник из таблицы сотрудников.", "An employee of the employees table."),
            ),
            *months(
                ("Факт выручки за месяц; пусто — ещё не внесён.", "The month's actual revenue."),
                kind="number",
                fmt="money",
                required=False,
                example=(1_250_000, 1_250_000),
            ),
        ),
        caption=("Факт по месяцам (ввод)", "Actuals by month (input)"),
        purpose=(
            "Фактическая выручка сотрудников по месяцам — для контроля план–факт.",
            "The employees' actual revenue by month, for plan–fact control.",
        ),
        step=8,
    ),
    Table(
        "stages",
        "tblStages",
        (
            Column(
                "stage",
                "Этап",
                "Stage",
                help=("Этап проекта стратегии.", "A stage of the strategy project."),
                example=("Диагностика", "Diagnostics"),
            ),
            START,
            Column(
                "weeks",
                "Недель",
                "Weeks",
                "whole",
                bounds=COUNT,
                help=("Длительность в неделях.", "Duration in weeks."),
                example=(3, 3),
            ),
            OWNER,
        ),
        caption=("Этапы (ввод)", "Stages (input)"),
        purpose=(
            "Календарный план проекта стратегии: этапы, сроки, ответственные.",
            "The strategy project's calendar plan: stages, dates, owners.",
        ),
        step=9,
    ),
)


def _out(key: str, ru: str, en: str, fmt: str = "text") -> Column:
    return Column(key, ru, en, fmt=fmt)  # type: ignore[arg-type]


_MONTHS_OUT = months(fmt="int")
# The current plan's year goal against the approved one (blank until a version is approved).
_DEVIATION = _out("deviation", "Отклонение от утверждённого", "Change since approval", "money")
# What plan–fact shows for a person and for a team.
_RESULTS = (
    _out("year_goal", "Цель на год (утверждённая)", "Year goal (approved)", "money"),
    _out("plan_to_date", "План на дату", "Plan to date", "money"),
    _out("fact_to_date", "Факт на дату", "Fact to date", "money"),
    _out("completion", "Выполнение", "Completion", "percent"),
    _out("remaining", "Осталось до цели", "Remaining to goal", "money"),
    _out("forecast", "Прогноз на год (сезонный)", "Year forecast (seasonal)", "money"),
)

OUTPUT_TABLES: tuple[Table, ...] = (
    Table(
        "milestones",
        "tblMilestones",
        (
            _out("goal", "Цель", "Goal"),
            _out("horizon", "Горизонт", "Horizon"),
            _out("year", "Год", "Year"),
            _out("milestone", "Веха", "Milestone", "int"),
            _out("added", "Прирост", "Added", "int"),
            _out("regions", "Регионы", "Regions"),
        ),
        caption=("Вехи по годам (расчёт)", "Yearly milestones (computed)"),
        output=True,
    ),
    Table(
        "funnel_plan",
        "tblFunnelPlan",
        (
            _out("tier", "Уровень", "Tier"),
            _out("stage", "Этап", "Stage"),
            _out("year_volume", "Объём за год", "Volume per year", "int"),
            _out("month_volume", "Объём в месяц", "Volume per month", "int"),
            _out("heads_needed", "Нужно людей", "Heads needed", "int"),
            _out("heads_actual", "Есть людей", "Heads now", "int"),
        ),
        caption=("Воронка и численность (расчёт)", "Funnel and head count (computed)"),
        output=True,
    ),
    Table(
        "sales_plan",
        "tblSalesPlan",
        (
            _out("region", "Регион", "Region"),
            _out("product", "Продукт", "Product"),
            _out("indicator", "Показатель", "Indicator"),
            # Revenue, deals and clients share the columns: plain numbers, no currency sign.
            *_MONTHS_OUT,
            _out("total", "Итого", "Total", "int"),
        ),
        caption=("План по месяцам (расчёт)", "Plan by month (computed)"),
        output=True,
    ),
    Table(
        "employee_goals",
        "tblEmployeeGoals",
        (
            _out("employee", "Сотрудник", "Employee"),
            _out("role", "Роль", "Role"),
            _out("region", "Регион", "Region"),
            # Plain amounts, the total with its currency: a year of months fits an A4 page.
            *_MONTHS_OUT,
            _out("total", "Итого", "Total", "money"),
        ),
        caption=("Цели по месяцам (расчёт)", "Goals by month (computed)"),
        output=True,
    ),
    Table(
        "tier_goals",
        "tblTierGoals",
        (
            _out("employee", "Сотрудник", "Employee"),
            _out("role", "Роль", "Role"),
            _out("unit", "Единица", "Unit"),
            *_MONTHS_OUT,
            _out("total", "Итого", "Total", "int"),
        ),
        caption=(
            "Цели уровней в своих единицах (лиды, встречи, сделки, клиенты)",
            "Tier goals in their own units (leads, meetings, deals, clients)",
        ),
        output=True,
    ),
    Table(
        "reconciliation",
        "tblReconciliation",
        (
            _out("scope", "Кто", "Scope"),
            _out("level", "Уровень плана", "Plan level"),
            _out("value", "Сумма", "Amount", "money"),
            _out("gap", "Разрыв с уровнем выше", "Gap to the level above", "money"),
            _out("gap_pct", "Разрыв, %", "Gap, %", "percent"),
            _out("note", "Что это значит", "What it means"),
        ),
        caption=(
            "Сверка: стратегия → цели → месяцы → сотрудники (расчёт)",
            "Reconciliation: strategy → targets → months → people (computed)",
        ),
        output=True,
    ),
    Table(
        "rollout",
        "tblRollout",
        (
            _out("region", "Регион", "Region"),
            _out("rollout_order", "Очерёдность", "Rollout order", "int"),
            _out("opening", "Открытие", "Opening", "date"),
            _out("distance_km", "От головного офиса, км", "From head office, km", "int"),
            _out("from_previous_km", "От предыдущего, км", "From previous, km", "int"),
            _out("offices_this_year", "Офисов в этом году", "Offices this year", "int"),
            _out("notes", "Правила методики", "The method's rules"),
        ),
        caption=("Очерёдность открытия регионов (расчёт)", "Regional rollout (computed)"),
        output=True,
    ),
    Table(
        "shortfall",
        "tblShortfall",
        (
            _out("region", "Регион", "Region"),
            _out("tier", "Уровень", "Tier"),
            _out("stage", "Этап", "Stage"),
            _out("month", "Месяц", "Month"),
            _out("needed", "Нужно", "Needed", "int"),
            _out("capacity", "Может команда", "Team can do", "int"),
            _out("shortfall", "Не хватает", "Short by", "int"),
            _out("heads_short", "Людей не хватает", "People short", "int"),
        ),
        caption=(
            "Где команда не вытягивает месяц",
            "Where the team cannot carry the month",
        ),
        output=True,
    ),
    Table(
        "daily_goals",
        "tblDailyGoals",
        (
            _out("employee", "Сотрудник", "Employee"),
            _out("month_goal", "Цель на месяц", "Month goal", "money"),
            _out("workdays", "Рабочих дней", "Working days", "int"),
            _out("per_day", "В рабочий день", "Per working day", "money"),
            _out("per_week", "В неделю", "Per week", "money"),
        ),
        caption=("Текущий месяц по рабочим дням", "Current month per working day"),
        output=True,
    ),
    Table(
        "goal_chain",
        "tblGoalChain",
        (
            _out("employee", "Сотрудник", "Employee"),
            _out("step", "Шаг", "Step", "int"),
            _out("goal", "Цель", "Goal", "money"),
            _out("deadline", "Срок", "Deadline", "date"),
        ),
        caption=("Цепочка целей со сроками", "Chain of goals with deadlines"),
        output=True,
    ),
    Table(
        "roi",
        "tblROI",
        (
            _out("initiative", "Инициатива", "Initiative"),
            _out("months", "Месяцев данных", "Months of data", "int"),
            _out("roi", "ROI за период", "ROI for the period", "percent"),
            _out("roi_annual", "ROI годовой (от 12 мес.)", "Annual ROI (12+ months)", "percent"),
            _out("roi_risk", "ROI с учётом риска", "Risk-adjusted ROI", "percent"),
            _out("hurdle_period", "Требование за период", "Hurdle for the period", "percent"),
            _out("verdict", "Вывод", "Verdict"),
        ),
        caption=("Оценка ROI (расчёт)", "ROI assessment (computed)"),
        output=True,
    ),
    Table(
        "planfact",
        "tblPlanFact",
        (
            _out("employee", "Сотрудник", "Employee"),
            _out("region", "Регион", "Region"),
            _out("role", "Роль", "Role"),
            *_RESULTS,
            _out("run_rate", "Прогноз по темпу", "Run-rate forecast", "money"),
            _out("status", "Статус", "Status"),
            _DEVIATION,
        ),
        caption=("Контроль на дату (расчёт)", "Control as of date (computed)"),
        output=True,
    ),
    Table(
        "team_results",
        "tblTeamResults",
        (
            _out("level", "Уровень свода", "Level"),
            _out("name", "Команда", "Team"),
            *_RESULTS,
            _out("status", "Статус", "Status"),
            _DEVIATION,
        ),
        caption=(
            "Командные результаты: регионы и уровни (расчёт)",
            "Team results: regions and tiers (computed)",
        ),
        output=True,
    ),
    Table(
        "roadmap",
        "tblRoadmap",
        (
            _out("stage", "Этап", "Stage"),
            _out("start", "Начало", "Start", "date"),
            _out("end", "Окончание", "End", "date"),
            _out("owner", "Ответственный", "Owner"),
            _out("weeks", "Недель", "Weeks", "int"),
        ),
        caption=("График (расчёт)", "Schedule (computed)"),
        output=True,
    ),
)

# The settings live in a key / label / value table of their own.
SETTINGS_TABLE = Table(
    "settings",
    "tblSettings",
    (
        Column("key", "Ключ", "Key"),
        Column("setting", "Параметр", "Setting"),
        Column("value", "Значение", "Value", required=False),
    ),
    caption=("Параметры", "Settings"),
    purpose=(
        "Общие параметры плана: год, язык, календарь, пороги статусов.",
        "The plan's general settings: year, language, calendar, status thresholds.",
    ),
)

TABLES: dict[str, Table] = {t.key: t for t in (SETTINGS_TABLE, *INPUT_TABLES, *OUTPUT_TABLES)}
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
