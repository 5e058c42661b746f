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

# The words of the strategy sheets' columns with choices, (ru, en).
DOC_STATUS = (
    ("не начат", "not started"),
    ("в работе", "in progress"),
    ("на согласовании", "in review"),
    ("утверждён", "approved"),
)
STEP_STATUS = (("не начато", "not started"), ("в работе", "in progress"), ("выполнено", "done"))
SECTIONS = (("ключевое положение", "key point"), ("политика", "policy"), ("план", "plan"))
FACTORS = (
    ("структура", "structure"),
    ("навыки персонала", "staff skills"),
    ("мотивация", "motivation"),
    ("автоматизация (ИТ)", "IT automation"),
    ("другие отделы", "other departments"),
    ("управление и контроль", "management and control"),
)
RISK_KINDS = (
    ("бюджет", "budget"),
    ("сроки", "schedule"),
    ("персонал", "staff"),
    ("другое", "other"),
)
CALENDAR_KINDS = (("инициатива", "initiative"), ("проект", "project"))
MEASURES = (
    ("конверсия пробных в платные", "trial-to-paid conversion"),
    ("позиций в заказе", "items per order"),
)
INITIATIVE = Column(
    "initiative",
    "Инициатива",
    "Initiative",
    refers=("initiatives", "initiative"),
    help=("Инициатива из таблицы инициатив (лист ROI).", "An initiative of the ROI sheet."),
    example=("Внедрение CRM", "CRM roll-out"),
)
ACTION = Column(
    "action",
    "Действие (инициатива)",
    "Action (initiative)",
    required=False,
    refers=("initiatives", "initiative"),
    width=24,
    help=(
        "Инициатива, которая снимает слабость или угрозу; пусто — предупреждение.",
        "The initiative that answers it; blank gives a warning.",
    ),
    example=("Внедрение CRM", "CRM roll-out"),
)
RESPONSIBLE = Column(
    "owner",
    "Ответственный",
    "Owner",
    width=22,
    help=("Человек или отдел, который отвечает.", "The person or department responsible."),
    example=("Коммерческий директор", "Sales director"),
)


def _item(key: str, ru: str, en: str, help_: tuple[str, str], example: tuple[str, str]) -> Column:
    """A unique text column of long phrases (a SWOT point, a risk, a measure): it wraps."""
    return Column(key, ru, en, unique=True, width=30, help=help_, example=example)


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
    # The strategy sheets of the method: concentration, motivation, client economics, assortment.
    Column(
        "concentration_limit",
        "Концентрация: порог доли клиента, поставщика",
        "Concentration limit per client or supplier",
        "number",
        fmt="percent",
        bounds=RATE,
        help=(
            "Доля в продажах или закупках, выше которой клиент или поставщик попадает в список.",
            "The share of sales or purchases above which a client or supplier is listed.",
        ),
        example=(0.04, 0.04),
    ),
    Column(
        "bonus_threshold",
        "Премия: порог выполнения",
        "Bonus: threshold (completion)",
        "number",
        fmt="percent",
        bounds=NON_NEGATIVE,
        help=(
            "Ниже этого выполнения премия не платится.",
            "Below this completion no bonus is paid.",
        ),
        example=(0.8, 0.8),
    ),
    Column(
        "bonus_target",
        "Премия: выполнение, за которое платится 100%",
        "Bonus: completion that pays 100%",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=(
            "От порога до этого выполнения премия пропорциональна выполнению.",
            "From the threshold to this completion the bonus follows completion.",
        ),
        example=(1.0, 1.0),
    ),
    Column(
        "bonus_accelerator",
        "Премия: ускоритель сверх цели (×)",
        "Bonus: accelerator above target (×)",
        "number",
        fmt="number",
        bounds=Bounds(1),
        help=(
            "Во сколько раз каждый процент сверх цели ценнее процента до неё.",
            "How many times each point above target pays compared with a point below it.",
        ),
        example=(2.0, 2.0),
    ),
    Column(
        "bonus_cap",
        "Премия: максимум (доля целевой премии)",
        "Bonus: cap (share of the target bonus)",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Больше этой доли целевой премии не платится.", "The most paid, as a share."),
        example=(1.5, 1.5),
    ),
    Column(
        "bonus_personal",
        "Премия: личная часть (остальное — командная)",
        "Bonus: personal part (the rest is the team's)",
        "number",
        fmt="percent",
        bounds=SHARE,
        help=(
            "Доля премии за личный результат; остальное — за результат региона.",
            "The share paid for the personal result; the rest for the region's.",
        ),
        example=(0.7, 0.7),
    ),
    Column(
        "discount_rate",
        "LTV: ставка дисконтирования в год",
        "LTV: discount rate a year",
        "number",
        fmt="percent",
        bounds=SHARE,
        help=(
            "Во сколько обходятся деньги в год: будущая маржа клиента дисконтируется.",
            "What money costs a year: a client's future margin is discounted.",
        ),
        example=(0.15, 0.15),
    ),
    Column(
        "min_margin",
        "Ассортимент: минимальная маржа",
        "Assortment: minimum margin",
        "number",
        fmt="percent",
        bounds=Bounds(high=1),
        help=("Маржа ниже этой считается низкой.", "A margin below this is low."),
        example=(0.1, 0.1),
    ),
    Column(
        "fast_growth",
        "Ассортимент: быстрый рост продаж от",
        "Assortment: fast growth from",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Рост продаж за год, с которого он быстрый.", "Yearly growth counted as fast."),
        example=(0.15, 0.15),
    ),
    Column(
        "core_share",
        "Ассортимент: ключевая позиция от (доля продаж)",
        "Assortment: core item from (share of sales)",
        "number",
        fmt="percent",
        bounds=RATE,
        help=(
            "Доля в продажах, с которой позиция — ключевая.",
            "The share of sales from which an item is a core one.",
        ),
        example=(0.2, 0.2),
    ),
    # The plan's records (issue 13): who the plan is, where its versions and history live.
    Column(
        "plan_id",
        "Идентификатор плана",
        "Plan ID",
        required=False,
        help=(
            "Номер плана в хранилище версий; пишется при создании плана, не меняйте его.",
            "The plan's identity in the plan store; written when the plan is made: keep it.",
        ),
        example=("3f2a9c1e-5b7d-4e21-9a0c-8d6f1b2e4a70", "3f2a9c1e-5b7d-4e21-9a0c-8d6f1b2e4a70"),
    ),
    Column(
        "store_url",
        "Хранилище плана (URL)",
        "Plan store (URL)",
        required=False,
        help=(
            "Где хранятся утверждённые версии, история и предложения: пусто — файл "
            "ПЛАН.xlsalesplan.sqlite рядом с планом; для команды — postgresql://пользователь@"
            "сервер/база (пароль лучше задать в переменной PGPASSWORD).",
            "Where approved versions, history and proposals are kept: blank = the file "
            "PLAN.xlsalesplan.sqlite beside the plan; for a team, postgresql://user@host/db "
            "(better give the password in PGPASSWORD).",
        ),
        example=(
            "postgresql://anna@127.0.0.1:5432/plans",
            "postgresql://anna@127.0.0.1:5432/plans",
        ),
    ),
    Column(
        "history_keep",
        "Хранить обновлений в истории",
        "Refreshes kept in the history",
        "whole",
        fmt="int",
        required=False,
        bounds=Bounds(1, 1000),
        help=(
            "Сколько последних обновлений показывает лист «История»; пусто — 20.",
            "How many of the last refreshes the History sheet keeps; blank = 20.",
        ),
        example=(20, 20),
    ),
    Column(
        "region",
        "Регион плана (для регионального плана)",
        "Region of this plan (a regional plan)",
        required=False,
        help=(
            "Для плана региона: его регион (его публикует publish); пусто — план компании.",
            "For a region's plan: its region (what publish publishes); blank = the company's.",
        ),
        example=("Москва", "Moscow"),
    ),
    Column(
        "company_plan",
        "Идентификатор плана компании",
        "Company plan ID",
        required=False,
        help=(
            "Для плана региона: идентификатор плана компании, в который он публикуется.",
            "For a region's plan: the ID of the company plan it is published to.",
        ),
        example=("9b1d7e20-…", "9b1d7e20-…"),
    ),
)

# Settings about the plan's records, not its figures: left out of the inputs' fingerprint, so
# that giving a plan its identity or a team store does not make its outputs look stale.
RECORD_SETTINGS: tuple[str, ...] = (
    "plan_id",
    "store_url",
    "history_keep",
    "region",
    "company_plan",
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
                unique=True,
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
        title=("Этапы", "Stages"),
        step=9,
    ),
    # ------------------------------------------------ the strategy documents of the method (§8)
    Table(
        "stage_work",
        "tblStageWork",
        (
            Column(
                "stage",
                "Этап",
                "Stage",
                refers=("stages", "stage"),
                width=22,
                help=("Этап из таблицы этапов (лист Календарный план).", "A stage of the Stages."),
                example=("Диагностика", "Diagnostics"),
            ),
            Column(
                "format",
                "Формат",
                "Format",
                width=22,
                help=(
                    "Как идёт работа: рабочие группы, стратегические сессии, интервью, полевые "
                    "и кабинетные исследования.",
                    "How the work is done: working group meetings, strategy sessions, "
                    "interviews, field and desk research.",
                ),
                example=("интервью", "interviews"),
            ),
            Column(
                "tasks",
                "Задачи",
                "Tasks",
                width=32,
                help=("Что делается на этапе.", "What the stage does."),
                example=("Анализ продаж и клиентов", "Analyse sales and clients"),
            ),
            Column(
                "deliverables",
                "Результаты",
                "Deliverables",
                width=30,
                help=(
                    "Что этап сдаёт: диагностический отчёт, отчёты об исследованиях, политики, "
                    "портфель проектов, сетевой график, процессы, оргструктура, системы "
                    "мотивации и KPI, стандарты работы.",
                    "What the stage hands over: diagnostic report, research reports, policies, "
                    "project portfolio, network plan, key processes, org structure, motivation "
                    "and KPI systems, work standards.",
                ),
                example=("Диагностический отчёт", "Diagnostic report"),
            ),
        ),
        caption=("Этапы: форматы, задачи, результаты (ввод)", "Stage work (input)"),
        purpose=(
            "Содержание этапов проекта стратегии; у этапа может быть несколько строк.",
            "What each stage of the strategy project does; a stage may have several rows.",
        ),
        title=("Работы этапов", "Stage work"),
        step=10,
    ),
    Table(
        "calendar",
        "tblCalendar",
        (
            _item(
                "item",
                "Инициатива или проект",
                "Initiative or project",
                (
                    "Название; у инициативы — как на листе ROI.",
                    "The name; an initiative as on ROI.",
                ),
                ("Внедрение CRM", "CRM roll-out"),
            ),
            Column(
                "kind",
                "Вид",
                "Kind",
                choices=CALENDAR_KINDS,
                help=("Инициатива или проект стратегии.", "An initiative or a strategy project."),
                example=("инициатива", "initiative"),
            ),
            RESPONSIBLE,
            START,
            Column(
                "end",
                "Окончание",
                "End",
                "date",
                bounds=YEARS,
                help=("Последний день работы.", "The last day of the work."),
                example=("30.06.2026", "2026-06-30"),
            ),
        ),
        caption=("Календарный план года (ввод)", "The year's calendar plan (input)"),
        purpose=(
            "Инициативы и проекты стратегии на год: кто, с какого и по какое число; на диаграмме "
            "Ганта вместе с этапами.",
            "The year's initiatives and strategy projects: who, from and to; on the Gantt chart "
            "with the stages.",
        ),
        title=("Календарный план года", "Calendar plan"),
        step=11,
    ),
    Table(
        "strengths",
        "tblStrengths",
        (
            _item(
                "strength",
                "Сильная сторона",
                "Strength",
                ("Чем компания сильнее конкурентов.", "Where the company beats its competitors."),
                ("Собственный сервис", "Own service team"),
            ),
        ),
        caption=("S — сильные стороны", "S — strengths"),
        purpose=(
            "Сильные стороны из стратегической сессии.",
            "Strengths from the strategy session.",
        ),
        title=("Сильные стороны", "Strengths"),
        step=12,
    ),
    Table(
        "weaknesses",
        "tblWeaknesses",
        (
            _item(
                "weakness",
                "Слабая сторона",
                "Weakness",
                ("Что мешает расти.", "What holds growth back."),
                ("Нет CRM", "No CRM"),
            ),
            ACTION,
        ),
        caption=("W — слабые стороны", "W — weaknesses"),
        purpose=(
            "Слабые стороны и инициатива, которая их снимает.",
            "Weaknesses and the initiative that answers each.",
        ),
        title=("Слабые стороны", "Weaknesses"),
        step=13,
    ),
    Table(
        "opportunities",
        "tblOpportunities",
        (
            _item(
                "opportunity",
                "Возможность",
                "Opportunity",
                ("Что рынок даёт для роста.", "What the market offers for growth."),
                ("Спрос в регионах", "Demand in the regions"),
            ),
        ),
        caption=("O — возможности", "O — opportunities"),
        purpose=("Возможности рынка.", "The market's opportunities."),
        title=("Возможности", "Opportunities"),
        step=14,
    ),
    Table(
        "threats",
        "tblThreats",
        (
            _item(
                "threat",
                "Угроза",
                "Threat",
                ("Что рынок может отнять.", "What the market may take away."),
                ("Демпинг конкурентов", "Competitors' price cuts"),
            ),
            ACTION,
        ),
        caption=("T — угрозы", "T — threats"),
        purpose=(
            "Угрозы и инициатива, которая их снижает.",
            "Threats and the initiative that reduces each.",
        ),
        title=("Угрозы", "Threats"),
        step=15,
    ),
    Table(
        "documents",
        "tblDocuments",
        (
            Column(
                "section",
                "Раздел",
                "Section",
                choices=SECTIONS,
                help=(
                    "Ключевое положение стратегии, политика или план.",
                    "A key point of the strategy, a policy or a plan.",
                ),
                example=("политика", "policy"),
            ),
            _item(
                "document",
                "Документ",
                "Document",
                ("Название документа.", "The document's name."),
                ("Коммерческая политика", "Commercial policy"),
            ),
            RESPONSIBLE,
            Column(
                "status",
                "Статус",
                "Status",
                choices=DOC_STATUS,
                width=15,
                help=("Где документ сейчас.", "Where the document stands."),
                example=("в работе", "in progress"),
            ),
            Column(
                "due",
                "Срок",
                "Due",
                "date",
                bounds=YEARS,
                help=("К какому дню документ утверждается.", "The day it is due for approval."),
                example=("30.04.2026", "2026-04-30"),
            ),
            Column(
                "until",
                "Действует до",
                "Covers until",
                "date",
                bounds=YEARS,
                help=(
                    "До какого дня документ определяет работу — по нему виден горизонт.",
                    "The last day the document governs: it gives the horizon.",
                ),
                example=("31.12.2028", "2028-12-31"),
            ),
        ),
        caption=("Реестр документов стратегии (ввод)", "Strategy documents (input)"),
        purpose=(
            "Ключевые положения стратегии и политики: коммерческая, дистрибуции, партнёрская, "
            "ассортиментная, ценовая, кадровая (мотивация и KPI); планы.",
            "The strategy's key points and policies: commercial, distribution, partner, "
            "assortment, pricing, HR (motivation and KPI); plans.",
        ),
        title=("Документы стратегии", "Strategy documents"),
        step=16,
    ),
    Table(
        "factors",
        "tblFactors",
        (
            Column(
                "factor",
                "Фактор",
                "Factor",
                choices=FACTORS,
                width=16,
                help=("Фактор внедрения по методике.", "The method's implementation factor."),
                example=("мотивация", "motivation"),
            ),
            _item(
                "measure",
                "Мероприятие",
                "Measure",
                ("Что делается.", "What is done."),
                ("Премия от плана–факта", "Bonus from plan–fact"),
            ),
            RESPONSIBLE,
            Column(
                "checkpoint",
                "Контрольная точка",
                "Checkpoint",
                "date",
                bounds=YEARS,
                width=12,
                help=("Дата проверки результата.", "The day the result is checked."),
                example=("31.03.2026", "2026-03-31"),
            ),
            Column(
                "status",
                "Статус",
                "Status",
                choices=STEP_STATUS,
                width=12,
                help=("Где мероприятие сейчас.", "Where the measure stands."),
                example=("в работе", "in progress"),
            ),
        ),
        caption=("Факторы внедрения (ввод)", "Implementation factors (input)"),
        purpose=(
            "Структура, навыки, мотивация, ИТ, другие отделы, управление: мероприятие, "
            "ответственный и контрольная точка.",
            "Structure, skills, motivation, IT, other departments, management: a measure, its "
            "owner and checkpoint.",
        ),
        title=("Факторы внедрения", "Implementation factors"),
        step=17,
    ),
    Table(
        "risks",
        "tblRisks",
        (
            _item(
                "risk",
                "Риск",
                "Risk",
                ("Что может случиться.", "What may happen."),
                ("Перерасход бюджета CRM", "CRM budget overrun"),
            ),
            Column(
                "kind",
                "Вид",
                "Kind",
                choices=RISK_KINDS,
                width=11,
                help=(
                    "Бюджет, сроки, персонал (по методике) или другое.",
                    "Budget, schedule, staff (the method's) or other.",
                ),
                example=("бюджет", "budget"),
            ),
            replace(INITIATIVE, width=22),
            Column(
                "probability",
                "Вероятность",
                "Probability",
                "number",
                fmt="percent",
                bounds=SHARE,
                help=("Насколько вероятен риск.", "How likely the risk is."),
                example=(0.3, 0.3),
            ),
            Column(
                "impact",
                "Ущерб",
                "Impact",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                help=("Во что обойдётся, если случится.", "What it costs if it happens."),
                example=(1_350_000, 1_350_000),
            ),
            Column(
                "mitigation",
                "Меры",
                "Mitigation",
                required=False,
                width=28,
                help=("Что снижает риск.", "What reduces the risk."),
                example=("Фиксированная цена", "A fixed price"),
            ),
            RESPONSIBLE,
        ),
        caption=("Риски (ввод)", "Risks (input)"),
        purpose=(
            "Риски инициатив: перерасход бюджета, срыв сроков, нехватка персонала.",
            "The initiatives' risks: budget and schedule overruns, staff shortage.",
        ),
        title=("Риски", "Risks"),
        step=18,
    ),
    Table(
        "products",
        "tblProducts",
        (
            Column(
                "product",
                "Позиция",
                "Item",
                unique=True,
                width=24,
                help=("Товар или услуга.", "A product or service."),
                example=("Компрессоры", "Compressors"),
            ),
            Column(
                "line",
                "Линия",
                "Line",
                width=14,
                help=("Продуктовая линия (направление).", "The product line."),
                example=("Оборудование", "Equipment"),
            ),
            Column(
                "sales",
                "Продажи за год",
                "Sales a year",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                help=("Продажи за последний год.", "Sales over the last year."),
                example=(42_000_000, 42_000_000),
            ),
            Column(
                "margin",
                "Маржа",
                "Margin",
                "number",
                fmt="percent",
                bounds=Bounds(high=1),
                help=("Маржа в доле продаж; убыток — меньше нуля.", "Margin as a share of sales."),
                example=(0.22, 0.22),
            ),
            Column(
                "growth",
                "Рост продаж",
                "Sales growth",
                "number",
                fmt="percent",
                bounds=Bounds(-1),
                help=("Рост продаж за год; падение — меньше нуля.", "Yearly growth of sales."),
                example=(0.12, 0.12),
            ),
        ),
        caption=("Ассортимент (ввод)", "Assortment (input)"),
        purpose=(
            "Позиции ассортимента с продажами, маржой и ростом.",
            "The items of the range with their sales, margin and growth.",
        ),
        title=("Ассортимент", "Assortment"),
        step=19,
    ),
    Table(
        "client_sales",
        "tblClientSales",
        (
            Column(
                "client",
                "Клиент",
                "Client",
                unique=True,
                width=26,
                help=("Клиент; одна строка на клиента.", "A client; one row each."),
                example=("ООО «Техстрой»", "Techstroy LLC"),
            ),
            replace(REGION, help=("Регион, где обслуживается клиент.", "The client's region.")),
            Column(
                "sales",
                "Продажи с начала года",
                "Sales to date",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                help=(
                    "Факт продаж клиенту с 1 января по дату факта; по региону — как в факте.",
                    "Actual sales to the client to the cut-off; per region as the actuals.",
                ),
                example=(4_800_000, 4_800_000),
            ),
        ),
        caption=("Факт по клиентам (ввод)", "Actuals by client (input)"),
        purpose=(
            "Продажи по клиентам с начала года — для концентрации.",
            "Sales by client to date, for concentration.",
        ),
        title=("Факт по клиентам", "Actuals by client"),
        step=20,
    ),
    Table(
        "suppliers",
        "tblSuppliers",
        (
            Column(
                "supplier",
                "Поставщик",
                "Supplier",
                unique=True,
                width=26,
                help=("Поставщик; одна строка на поставщика.", "A supplier; one row each."),
                example=("АО «Пневмомаш»", "Pnevmomash JSC"),
            ),
            Column(
                "purchases",
                "Закупки за год",
                "Purchases a year",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                help=("Закупки у поставщика за год.", "Purchases from the supplier a year."),
                example=(12_000_000, 12_000_000),
            ),
        ),
        caption=("Поставщики (ввод)", "Suppliers (input)"),
        purpose=("Закупки по поставщикам.", "Purchases by supplier."),
        title=("Поставщики", "Suppliers"),
        step=21,
    ),
    Table(
        "bonus_targets",
        "tblBonusTargets",
        (
            replace(
                EMPLOYEE,
                refers=("employees", "employee"),
                help=("Сотрудник из таблицы сотрудников.", "An employee of the employees table."),
            ),
            Column(
                "target_bonus",
                "Целевая премия за период",
                "Target bonus for the period",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                width=14,
                help=(
                    "Премия за 100% выполнения с начала года по дату факта.",
                    "The bonus for 100% completion from 1 January to the cut-off.",
                ),
                example=(300_000, 300_000),
            ),
            Column(
                "kpi_fact",
                "Факт KPI",
                "KPI done",
                "number",
                fmt="int",
                required=False,
                bounds=NON_NEGATIVE,
                width=10,
                help=(
                    "Сделано в единицах этапа уровня (лиды, встречи, сделки…) по дату факта.",
                    "Units of the tier's stage done to the cut-off (leads, meetings, deals…).",
                ),
                example=(160, 160),
            ),
        ),
        caption=("Целевые премии и факт KPI (ввод)", "Target bonuses and KPI (input)"),
        purpose=(
            "Премия каждого сотрудника за 100% и его факт по KPI уровня.",
            "Each employee's bonus at 100% and what they did in their tier's unit.",
        ),
        title=("Целевые премии", "Target bonuses"),
        step=22,
    ),
    Table(
        "channels",
        "tblChannels",
        (
            Column(
                "channel",
                "Канал привлечения",
                "Channel",
                unique=True,
                width=22,
                help=("Откуда приходят клиенты.", "Where the clients come from."),
                example=("Выставки", "Trade shows"),
            ),
            Column(
                "cac",
                "Стоимость привлечения клиента",
                "Acquisition cost per client",
                "number",
                fmt="money",
                bounds=POSITIVE,
                width=14,
                help=("Во что обходится один новый клиент.", "What one new client costs."),
                example=(180_000, 180_000),
            ),
            Column(
                "arpu",
                "Выручка с клиента в год",
                "Revenue per client a year",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                width=14,
                help=("Средняя выручка одного клиента за год.", "A client's revenue a year."),
                example=(600_000, 600_000),
            ),
            Column(
                "margin",
                "Маржа",
                "Margin",
                "number",
                fmt="percent",
                bounds=SHARE,
                help=("Маржа в доле выручки.", "Margin as a share of revenue."),
                example=(0.25, 0.25),
            ),
            Column(
                "churn",
                "Отток в год",
                "Churn a year",
                "number",
                fmt="percent",
                bounds=SHARE,
                width=10,
                help=("Доля клиентов, уходящих за год.", "The share of clients lost a year."),
                example=(0.15, 0.15),
            ),
            Column(
                "clients",
                "Новых клиентов в год",
                "New clients a year",
                "whole",
                bounds=NON_NEGATIVE,
                width=11,
                help=("Сколько клиентов канал приводит за год.", "Clients the channel brings."),
                example=(40, 40),
            ),
        ),
        caption=("Каналы привлечения (ввод)", "Acquisition channels (input)"),
        purpose=(
            "Стоимость привлечения и доход клиента по каналам — для LTV за пять лет.",
            "Acquisition cost and a client's income by channel, for the five-year LTV.",
        ),
        title=("Каналы привлечения", "Acquisition channels"),
        step=23,
    ),
    Table(
        "effects",
        "tblEffects",
        (
            replace(INITIATIVE, width=22),
            Column(
                "measure",
                "Показатель",
                "Measure",
                choices=MEASURES,
                width=27,
                help=(
                    "Что меряем: конверсию пробных в платные или позиций в заказе.",
                    "What is measured: trial-to-paid conversion or items per order.",
                ),
                example=("позиций в заказе", "items per order"),
            ),
            Column(
                "before",
                "Было",
                "Before",
                "number",
                bounds=NON_NEGATIVE,
                help=(
                    "Показатель до инициативы (конверсия 0,05 = 5%).",
                    "The measure before the initiative (a conversion of 0.05 = 5%).",
                ),
                example=(1.2, 1.2),
            ),
            Column(
                "target",
                "Цель",
                "Target",
                "number",
                bounds=NON_NEGATIVE,
                help=(
                    "Каким показатель должен быть к дате факта.",
                    "What the measure should be by the cut-off date.",
                ),
                example=(1.5, 1.5),
            ),
            Column(
                "base",
                "Пробных или заказов",
                "Trials or orders",
                "whole",
                bounds=NON_NEGATIVE,
                width=11,
                help=(
                    "Сколько продано пробных предложений или сколько было заказов.",
                    "Trial offers sold, or orders taken.",
                ),
                example=(400, 400),
            ),
            Column(
                "result",
                "Платных или позиций",
                "Paid or items",
                "whole",
                bounds=NON_NEGATIVE,
                width=11,
                help=(
                    "Сколько пробных перешли в платные, или позиций в этих заказах.",
                    "Trials converted to paid, or items in those orders.",
                ),
                example=(560, 560),
            ),
            Column(
                "unit_margin",
                "Маржа на единицу",
                "Margin per unit",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                width=12,
                help=(
                    "Маржа одного платного клиента или одной дополнительной позиции.",
                    "The margin of one paid client or one extra item.",
                ),
                example=(9_000, 9_000),
            ),
        ),
        caption=("Эффекты инициатив (ввод)", "Effects of initiatives (input)"),
        purpose=(
            "Пробное предложение (конверсия в платные) и перекрёстные продажи (позиций в "
            "заказе) — измеримые эффекты инициатив.",
            "The trial offer (conversion to paid) and cross-selling (items per order) as "
            "measurable effects of initiatives.",
        ),
        title=("Эффекты инициатив", "Effects of initiatives"),
        step=24,
    ),
    Table(
        "scenarios",
        "tblScenarios",
        (
            Column(
                "scenario",
                "Сценарий",
                "Scenario",
                unique=True,
                width=26,
                help=("Название сценария.", "The scenario's name."),
                example=("Пессимистичный", "Pessimistic"),
            ),
            Column(
                "targets_change",
                "Изменение целей по выручке",
                "Revenue targets change",
                "number",
                fmt="percent",
                required=False,
                width=13,
                bounds=Bounds(-1),
                help=(
                    "На сколько изменить все цели по выручке (и фиксированные цели); пусто — 0.",
                    "How much every revenue target (and fixed goal) changes; blank = 0.",
                ),
                example=(-0.1, -0.1),
            ),
            Column(
                "avg_deal_change",
                "Изменение среднего чека",
                "Average deal change",
                "number",
                fmt="percent",
                required=False,
                width=13,
                bounds=Bounds(-1, low_open=True),
                help=("Изменение среднего чека всех целей.", "Change of every average deal."),
                example=(0.05, 0.05),
            ),
            Column(
                "conversion_change",
                "Изменение конверсии",
                "Conversion change",
                "number",
                fmt="percent",
                required=False,
                width=13,
                bounds=Bounds(-1, low_open=True),
                help=(
                    "Изменение конверсий всех уровней воронки (не выше 100%).",
                    "Change of every tier's conversion (capped at 100%).",
                ),
                example=(-0.1, -0.1),
            ),
            Column(
                "hire_delay",
                "Задержка найма, мес.",
                "Hire delay, months",
                "whole",
                required=False,
                width=13,
                bounds=Bounds(0, 24),
                help=(
                    "На сколько месяцев позже выходят новички года плана; вышедшие за год "
                    "не учитываются.",
                    "Months later the plan year's new hires join; those pushed past the year "
                    "are left out.",
                ),
                example=(2, 2),
            ),
            Column(
                "productivity_change",
                "Изменение производительности",
                "Productivity change",
                "number",
                fmt="percent",
                required=False,
                width=13,
                bounds=Bounds(-1, low_open=True),
                help=(
                    "Изменение производительности всех уровней воронки.",
                    "Change of every tier's productivity.",
                ),
                example=(0.1, 0.1),
            ),
            Column(
                "effect_change",
                "Изменение эффекта инициатив",
                "Initiatives' effect change",
                "number",
                fmt="percent",
                required=False,
                width=13,
                bounds=Bounds(-1),
                help=("Изменение эффекта всех инициатив.", "Change of every initiative's effect."),
                example=(-0.2, -0.2),
            ),
        ),
        caption=("Сценарии (ввод)", "Scenarios (input)"),
        purpose=(
            "Что будет, если: каждый сценарий меняет план на свои проценты и считается тем же "
            "кодом, что и план; сам план не меняется.",
            "What if: each scenario changes the plan by its own percentages and is computed by "
            "the plan's own code; the plan itself does not change.",
        ),
        title=("Сценарии", "Scenarios"),
        step=25,
    ),
)


def _out(key: str, ru: str, en: str, fmt: str = "text", width: float | None = None) -> Column:
    return Column(key, ru, en, fmt=fmt, width=width)  # type: ignore[arg-type]


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
            _out("kind", "Вид", "Kind"),
            _out("start", "Начало", "Start", "date"),
            _out("end", "Окончание", "End", "date"),
            _out("owner", "Ответственный", "Owner"),
            _out("weeks", "Недель", "Weeks", "int"),
        ),
        caption=("График (расчёт)", "Schedule (computed)"),
        output=True,
    ),
    # ------------------------------------------------ the strategy documents of the method (§8)
    Table(
        "swot_actions",
        "tblSwotActions",
        (
            _out("initiative", "Инициатива", "Initiative", width=24),
            _out("weaknesses", "Слабых сторон", "Weaknesses", "int", 11),
            _out("threats", "Угроз", "Threats", "int", 8),
        ),
        caption=("Что снимает каждая инициатива", "What each initiative answers"),
        output=True,
    ),
    Table(
        "document_control",
        "tblDocumentControl",
        (
            _out("document", "Документ", "Document", width=30),
            _out("horizon", "Горизонт", "Horizon", width=15),
            _out("days_left", "Дней до срока", "Days to due", "int", 10),
            _out("state", "Состояние", "State", width=13),
        ),
        caption=("Контроль документов (расчёт)", "Document control (computed)"),
        output=True,
    ),
    Table(
        "factor_control",
        "tblFactorControl",
        (
            _out("measure", "Мероприятие", "Measure", width=30),
            _out("days_left", "Дней до точки", "Days to checkpoint", "int", 11),
            _out("state", "Состояние", "State", width=13),
        ),
        caption=("Контрольные точки (расчёт)", "Checkpoints (computed)"),
        output=True,
    ),
    Table(
        "risk_assessment",
        "tblRiskAssessment",
        (
            _out("risk", "Риск", "Risk", width=30),
            _out("expected_loss", "Ожидаемый ущерб", "Expected loss", "money", 13),
            _out("investment_share", "Доля инвестиций", "Share of investment", "percent", 11),
            _out("level", "Уровень", "Level", width=10),
        ),
        caption=("Оценка рисков (расчёт)", "Risk assessment (computed)"),
        output=True,
    ),
    Table(
        "assortment",
        "tblAssortment",
        (
            _out("product", "Позиция", "Item", width=24),
            _out("share", "Доля продаж", "Share of sales", "percent", 9),
            _out("strategy", "Стратегия", "Strategy", width=22),
            _out("reason", "Почему", "Why", width=34),
        ),
        caption=("Ассортиментная стратегия (расчёт)", "Assortment strategy (computed)"),
        output=True,
    ),
    Table(
        "concentration",
        "tblConcentration",
        (
            _out("scope", "По кому", "Of", width=11),
            _out("total", "Всего", "Total", "money", 14),
            _out("parts", "Сколько", "Count", "int", 8),
            _out("largest", "Крупнейший", "Largest", width=24),
            _out("largest_share", "Его доля", "Its share", "percent", 8),
            _out("hhi", "Индекс HHI", "HHI", "int", 8),
            _out("over_limit", "Выше порога", "Above the limit", "int", 8),
            _out("level", "Концентрация", "Concentration", width=13),
        ),
        caption=("Концентрация (расчёт)", "Concentration (computed)"),
        output=True,
    ),
    Table(
        "over_limit",
        "tblOverLimit",
        (
            _out("kind", "Кто", "Who", width=10),
            _out("name", "Название", "Name", width=24),
            _out("share", "Доля", "Share", "percent", 8),
            _out("volume", "Объём", "Volume", "money", 14),
        ),
        caption=("Выше порога концентрации (расчёт)", "Above the concentration limit (computed)"),
        output=True,
    ),
    Table(
        "bonus",
        "tblBonus",
        (
            _out("employee", "Сотрудник", "Employee", width=22),
            _out("kpi", "KPI (единица)", "KPI (unit)", width=19),
            _out("kpi_goal", "Цель KPI на дату", "KPI goal to date", "int", 9),
            _out("kpi_completion", "Выполнение KPI", "KPI completion", "percent", 12),
            _out("revenue", "Выполнение по выручке", "Revenue completion", "percent", 12),
            _out("personal", "Личный результат", "Personal result", "percent", 11),
            _out("team", "Результат команды", "Team result", "percent", 11),
            _out("personal_part", "Личная часть", "Personal part", "money", 12),
            _out("team_part", "Командная часть", "Team part", "money", 12),
            _out("bonus", "Премия", "Bonus", "money", 12),
        ),
        caption=("Премия от план–факта и KPI (расчёт)", "Bonus from plan–fact and KPI (computed)"),
        output=True,
    ),
    Table(
        "economics",
        "tblEconomics",
        (
            _out("channel", "Канал привлечения", "Channel", width=22),
            _out("ltv", "LTV за 5 лет", "5-year LTV", "money", 13),
            _out("ltv_cac", "LTV к стоимости привлечения", "LTV to acquisition cost", "number", 13),
            _out("payback", "Окупаемость, лет", "Payback, years", "number", 13),
            _out("profit", "Прибыль с клиента за 5 лет", "5-year profit per client", "money", 13),
            _out("verdict", "Вывод", "Verdict", width=31),
        ),
        caption=(
            "LTV против стоимости привлечения (расчёт)",
            "LTV against acquisition cost (computed)",
        ),
        output=True,
    ),
    Table(
        "cumulative_profit",
        "tblCumulativeProfit",
        (
            _out("channel", "Канал привлечения", "Channel", width=22),
            _out("y0", "Сейчас", "Now", "money", 13),
            *(_out(f"y{k}", f"Год {k}", f"Year {k}", "money", 13) for k in range(1, 6)),
        ),
        caption=(
            "Накопленная прибыль клиентов года (расчёт)",
            "Cumulative profit of the year's clients (computed)",
        ),
        output=True,
    ),
    Table(
        "effect_results",
        "tblEffectResults",
        (
            _out("initiative", "Инициатива", "Initiative", width=22),
            _out("actual", "Стало", "Now", "number", 9),
            _out("change", "Изменение", "Change", "number", 10),
            _out("progress", "Путь к цели", "Progress to target", "percent", 10),
            _out("extra_margin", "Дополнительная маржа", "Extra margin", "money", 15),
            _out("status", "Статус", "Status", width=13),
        ),
        caption=("Измеренный эффект (расчёт)", "Measured effect (computed)"),
        output=True,
    ),
    Table(
        "scenario_results",
        "tblScenarioResults",
        (
            _out("scenario", "Сценарий", "Scenario", width=24),
            _out("section", "Раздел", "Section", width=20),
            _out("indicator", "Показатель", "Indicator", width=46),
            _out("value", "Значение", "Value", "int", 15),
            _out("base", "В базовом плане", "In the base plan", "int", 15),
            _out("change", "Изменение", "Change", "percent", 11),
        ),
        caption=("Сценарии: результаты (расчёт)", "Scenarios: results (computed)"),
        output=True,
    ),
)

# Tables refresh does not compute: what the plan store holds about the plan (approved versions,
# the history of refreshes, the staff's proposals, the regions' published plans), written by
# approve, refresh, collect and consolidate from the store. Outputs to the planner.
RECORD_TABLES: tuple[Table, ...] = (
    Table(
        "versions",
        "tblVersions",
        (
            _out("number", "Версия", "Version", "int", 9),
            _out("approved_by", "Утвердил", "Approved by", width=20),
            _out("approved_at", "Когда", "When", "datetime", 17),
            _out("fingerprint", "Отпечаток входных данных", "Inputs fingerprint", width=15),
            _out("matches", "Совпадает с текущим планом", "Matches the current plan", width=13),
            _out("note", "Комментарий", "Note", width=30),
        ),
        caption=("Утверждённые версии", "Approved versions"),
        output=True,
    ),
    Table(
        "history",
        "tblHistory",
        (
            _out("refresh", "Обновление", "Refresh", "int", 11),
            _out("when", "Когда", "When", "datetime", 17),
            _out("kind", "Что", "Kind", width=12),
            _out("table", "Таблица", "Table", width=24),
            _out("key", "Строка", "Row", width=26),
            _out("column", "Столбец", "Column", width=18),
            _out("old", "Было", "Was", width=16),
            _out("new", "Стало", "Now", width=16),
        ),
        caption=("История обновлений (последние)", "History of refreshes (the last ones)"),
        output=True,
    ),
    Table(
        "proposals",
        "tblProposals",
        (
            _out("who", "Кто", "Who", width=22),
            _out("what", "Что", "What", width=28),
            _out("current", "Было в плане", "In the plan", "money", 15),
            _out("proposed", "Предложено", "Proposed", "money", 15),
            _out("difference", "Разница", "Difference", "money", 15),
            _out("comment", "Комментарий", "Comment", width=36),
            _out("source", "Файл", "File", width=26),
        ),
        caption=("Предложения сотрудников (collect)", "Staff proposals (collect)"),
        output=True,
    ),
    Table(
        "published",
        "tblPublished",
        (
            _out("region", "Регион", "Region"),
            _out("version", "Версия", "Version", "int"),
            _out("approved", "Утверждена", "Approved"),
            _out("total", "План региона", "Region's plan", "money"),
            _out("own_plan", "План компании", "Company's own plan", "money"),
            _out("gap", "Разница", "Difference", "money"),
        ),
        caption=(
            "Регионы: опубликованные версии (consolidate)",
            "Regions: their published versions (consolidate)",
        ),
        output=True,
    ),
    Table(
        "consolidation",
        "tblConsolidation",
        (
            _out("region", "Регион", "Region"),
            *months(fmt="money"),
            _out("total", "Итого", "Total", "money"),
        ),
        caption=(
            "План компании из планов регионов (consolidate)",
            "The company plan from the regions' plans (consolidate)",
        ),
        output=True,
    ),
)

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
