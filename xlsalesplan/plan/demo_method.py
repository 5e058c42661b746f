"""The demo's strategy documents (SPEC §8): the same company, people, regions and initiatives.

Vektor's strategy project (the stages of the roadmap) produced a SWOT whose every weakness and
threat is answered by one of the five initiatives of the ROI sheet; a register of the key
points, policies and plans, one of them overdue at the cut-off (1 July) and two due within a
month; the implementation factors with their owners and checkpoints (the CRM roll-out is late);
the initiatives' risks, the hiring in Nizhny Novgorod the riskiest; the year's calendar plan of
those initiatives and three strategy projects.

The numbers tie to the plan: the items of the range sell 230 m a year, the strategic goals'
baseline, and the five assortment strategies each appear once at least; sales by client are the
actuals of each region to 30 June split over its clients (three of them above 4 %); the
suppliers are few, so most are above the limit; every employee hired by the cut-off has a
target bonus for January–June and a KPI done in their tier's unit, in step with their revenue
pace; the channels show the five-year case (trade shows cost most now and earn most by year
five, key accounts that rarely leave pay back in their third year, search ads never); the trial
offer and cross-selling measure the effects the ROI sheet books for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np

from xlsalesplan.core.decompose import decompose

from .control import reported
from .model import PlanInputs, frame
from .values import normalised

D = dt.date

# (ru, en) of the people and departments who own the documents, measures and risks.
CEO = ("Генеральный директор", "CEO")
CFO = ("Финансовый директор", "CFO")
SALES = ("Коммерческий директор", "Sales director")
PRODUCT = ("Директор по продукту", "Product director")
HR = ("HR-директор", "HR director")
IT = ("ИТ-директор", "IT director")
MARKETING = ("Директор по маркетингу", "Marketing director")
OPERATIONS = ("Операционный директор", "Operations director")
PARTNERS = ("Руководитель по партнёрам", "Head of partnerships")
DEVELOPMENT = ("Директор по развитию", "Development director")

# Initiatives by their index in demo.INITIATIVES.
CRM, TRIAL, CROSS, HIRING, TRAINING = range(5)

STRENGTHS = [
    ("15 лет на рынке Москвы, известный бренд", "15 years in Moscow, a known brand"),
    ("Свой сервис: монтаж и обслуживание", "Own service: installation and maintenance"),
    ("Опытная команда закрытия сделок", "An experienced deal-closing team"),
    ("Прямые контракты с производителями", "Direct contracts with manufacturers"),
]
WEAKNESSES = [
    ("Нет CRM: сделки в таблицах и почте", "No CRM: deals live in spreadsheets and mail", CRM),
    ("Мало повторных продаж: 22% выручки", "Few repeat sales: 22% of revenue", CROSS),
    ("Новички долго выходят на план", "New sellers take long to reach plan", TRAINING),
    ("Нет офисов за пределами Москвы", "No offices outside Moscow", HIRING),
]
OPPORTUNITIES = [
    ("Спрос на модернизацию в регионах", "Demand for upgrades in the regions"),
    ("Уход иностранных поставщиков", "Foreign suppliers leaving the market"),
    ("Сервисные контракты вместо разовых продаж", "Service contracts, not one-off sales"),
]
THREATS = [
    ("Региональные конкуренты дешевле", "Cheaper regional competitors", TRIAL),
    ("Дорожает привлечение клиента", "Client acquisition grows dearer", CROSS),
    ("Мало опытных продавцов в регионах", "Few experienced sellers in the regions", TRAINING),
]

# Stage work by the demo's stage index: (format, tasks, deliverables), each (ru, en).
STAGE_WORK = [
    (
        0,
        ("интервью, рабочая группа", "interviews, working group"),
        ("Анализ продаж, клиентов и процессов", "Analyse sales, clients and processes"),
        ("Диагностический отчёт", "Diagnostic report"),
    ),
    (
        1,
        ("полевые и кабинетные исследования", "field and desk research"),
        ("Ёмкость рынка и конкуренты в 12 городах", "Market size and competitors in 12 cities"),
        ("Отчёты об исследованиях", "Research reports"),
    ),
    (
        2,
        ("стратегические сессии", "strategy sessions"),
        ("SWOT, цели, политики, проекты", "SWOT, goals, policies, projects"),
        (
            "Политики, портфель проектов, сетевой график",
            "Policies, project portfolio, network plan",
        ),
    ),
    (
        3,
        ("рабочие группы", "working group meetings"),
        ("Процессы и оргструктура", "Processes and org structure"),
        ("Ключевые процессы, оргструктура", "Key processes, org structure"),
    ),
    (
        3,
        ("рабочие группы", "working group meetings"),
        ("Мотивация и KPI, стандарты работы", "Motivation and KPI, work standards"),
        ("Системы мотивации и KPI, стандарты работы", "Motivation and KPI systems, standards"),
    ),
]

# The year's calendar plan: (ru, en, initiative index or None for a project, owner, start, end).
CALENDAR: list[tuple[Any, ...]] = [
    (None, None, CRM, IT, (1, 12), (6, 30)),
    (None, None, CROSS, SALES, (1, 12), (12, 25)),
    (None, None, TRAINING, HR, (2, 2), (11, 27)),
    (None, None, HIRING, HR, (2, 2), (9, 30)),
    (
        "Открытие офиса в Нижнем Новгороде",
        "Nizhny Novgorod office opening",
        None,
        CEO,
        (2, 2),
        (4, 30),
    ),
    (None, None, TRIAL, MARKETING, (5, 4), (8, 31)),
    ("Партнёрская программа", "Partner programme", None, PARTNERS, (7, 1), (10, 30)),
    (
        "Офисы 2027: Ярославль, Тула, Воронеж",
        "2027 offices: Yaroslavl, Tula, Voronezh",
        None,
        DEVELOPMENT,
        (9, 1),
        (12, 18),
    ),
]

# (section index, ru, en, owner, status index, due (m, d), covers until (years on, m, d))
DOCUMENTS = [
    (0, "Рыночные возможности роста", "Market opportunities for growth", SALES, 3, (2, 27), 4),
    (0, "Долгосрочные цели продаж", "Long-term sales goals", CEO, 3, (2, 27), 4),
    (0, "Продуктовые направления", "Product directions", PRODUCT, 3, (3, 31), 4),
    (0, "Регионы и рынки: 30 филиалов", "Regions and markets: 30 offices", CEO, 3, (3, 31), 4),
    (0, "Модель и система продаж", "Sales model and system", SALES, 2, (6, 30), 4),
    (1, "Коммерческая политика", "Commercial policy", SALES, 3, (4, 30), 2),
    (1, "Политика дистрибуции", "Distribution policy", SALES, 1, (9, 30), 2),
    (1, "Партнёрская политика", "Partner policy", PARTNERS, 0, (10, 30), 2),
    (1, "Ассортиментная политика", "Assortment policy", PRODUCT, 1, (7, 31), 2),
    (1, "Ценовая политика", "Pricing policy", CFO, 2, (7, 15), 2),
    (1, "Кадровая политика: мотивация и KPI", "HR policy: motivation and KPI", HR, 1, (9, 30), 2),
    (2, "Сводный план внедрения", "Consolidated implementation plan", SALES, 3, (4, 30), 0),
    (2, "Календарный план проектов года", "The year's calendar plan", DEVELOPMENT, 3, (4, 30), 0),
    (2, "План продаж на год", "Annual sales plan", SALES, 3, (1, 30), 0),
]

# (factor index, ru, en, owner, checkpoint (m, d), status index)
FACTORS = [
    (
        0,
        "Каждый шаг — за отделом или сотрудником",
        "Every step assigned to a person",
        SALES,
        (2, 27),
        2,
    ),
    (1, "Обучение техникам продаж", "Training in sales techniques", HR, (9, 30), 1),
    (
        2,
        "Премия от план–факта: личная и командная",
        "Bonus from plan–fact: personal and team",
        HR,
        (3, 31),
        2,
    ),
    (3, "CRM во всех офисах", "CRM in every office", IT, (6, 30), 1),
    (
        4,
        "План закупок и логистики под план продаж",
        "Purchasing and logistics on the sales plan",
        OPERATIONS,
        (7, 20),
        1,
    ),
    (5, "Ежемесячный разбор план–факта", "Monthly plan–fact review", SALES, (7, 10), 1),
]

# (ru, en, kind index, initiative index, probability, impact, ru mitigation, en mitigation, owner)
RISKS = [
    (
        "Перерасход бюджета CRM",
        "CRM budget overrun",
        0,
        CRM,
        0.3,
        1_350_000,
        "Фиксированная цена у интегратора",
        "A fixed price with the integrator",
        CFO,
    ),
    (
        "Открытие в Нижнем Новгороде затянется",
        "Nizhny Novgorod opening runs late",
        1,
        HIRING,
        0.4,
        3_000_000,
        "Два месяца запаса в календарном плане",
        "Two months of slack in the calendar plan",
        CEO,
    ),
    (
        "Не хватит продавцов в Нижнем Новгороде",
        "Too few sellers in Nizhny Novgorod",
        2,
        HIRING,
        0.5,
        2_400_000,
        "Кадровое агентство и рекомендации",
        "A recruitment agency and referrals",
        HR,
    ),
    (
        "Обученные продавцы уйдут к конкурентам",
        "Trained sellers leave for competitors",
        2,
        TRAINING,
        0.15,
        900_000,
        "Договор об обучении с отработкой",
        "A training agreement with a stay period",
        HR,
    ),
    (
        "Пробный продукт не перейдёт в платный",
        "Trials do not convert to paid",
        0,
        TRIAL,
        0.35,
        600_000,
        "Пересмотр предложения после 3 месяцев",
        "Rework the offer after 3 months",
        MARKETING,
    ),
    (
        "Перекрёстные продажи отвлекут от новых клиентов",
        "Cross-selling distracts from new clients",
        3,
        CROSS,
        0.1,
        200_000,
        "Отдельный план по новым клиентам",
        "A separate plan for new clients",
        SALES,
    ),
]

# The range: (ru, en, line key, sales last year, margin, growth); sales add up to 230 m.
PRODUCTS = [
    ("Компрессоры", "Compressors", "equipment", 62_000_000, 0.24, 0.08),
    ("Насосное оборудование", "Pumps", "equipment", 41_000_000, 0.21, 0.18),
    ("Запорная арматура", "Valves", "equipment", 28_000_000, 0.17, 0.04),
    ("Системы управления", "Control systems", "equipment", 19_000_000, 0.28, 0.35),
    ("Фильтры и расходники", "Filters and consumables", "equipment", 14_000_000, 0.08, 0.06),
    ("Импортные горелки", "Imported burners", "equipment", 8_000_000, -0.03, -0.22),
    ("Сервисные контракты", "Service contracts", "service", 31_000_000, 0.34, 0.16),
    ("Монтаж и пусконаладка", "Installation", "service", 18_000_000, 0.26, -0.04),
    ("Ремонт", "Repairs", "service", 7_000_000, 0.06, -0.09),
    ("Обучение персонала клиентов", "Client staff training", "service", 2_000_000, 0.41, 0.09),
]

# Clients by region index with their weight in the region's sales to date.
CLIENTS = [
    (0, "ГК «Мосстройтех»", "Mosstroytech Group", 7.0),
    (0, "АО «Промсервис»", "Promservice JSC", 5.8),
    (0, "ООО «Техстрой»", "Techstroy LLC", 4.8),
    (0, "ООО «Северный порт»", "Severny Port LLC", 4.0),
    (0, "АО «Городские сети»", "City Networks JSC", 3.93),
    (0, "ООО «Агрохолдинг Заря»", "Zarya Agroholding LLC", 3.85),
    (0, "ООО «Фармацевт»", "Pharmacist LLC", 3.78),
    (0, "АО «Хладокомбинат»", "Cold Storage JSC", 3.71),
    (0, "ООО «Логистик-Центр»", "Logistic Centre LLC", 3.63),
    (0, "ООО «ТЭЦ-Сервис»", "CHP Service LLC", 3.56),
    (0, "ООО «Пищекомбинат»", "Food Works LLC", 3.49),
    (0, "АО «Стальконструкция»", "Steel Structures JSC", 3.42),
    (0, "ООО «ГринХаус»", "Greenhouse LLC", 3.34),
    (0, "ООО «Водоканал-Сервис»", "Water Utility Service LLC", 3.27),
    (0, "ООО «Бетон-М»", "Beton-M LLC", 3.2),
    (0, "АО «Типография «Слово»", "Slovo Printing JSC", 3.12),
    (0, "ООО «Автопарк»", "Autopark LLC", 3.05),
    (0, "ООО «Мебельная фабрика»", "Furniture Factory LLC", 2.98),
    (0, "ООО «Клиника Здоровье»", "Zdorovye Clinic LLC", 2.9),
    (0, "ООО «Торговый дом Восток»", "Vostok Trading House LLC", 2.83),
    (0, "ООО «Пекарня №1»", "Bakery No. 1 LLC", 2.76),
    (0, "АО «Спортивный комплекс»", "Sports Complex JSC", 2.68),
    (0, "ООО «Прачечная Люкс»", "Lux Laundry LLC", 2.61),
    (0, "ООО «Автомойка Профи»", "Profi Car Wash LLC", 2.54),
    (0, "ООО «Стройбаза»", "Stroybaza LLC", 2.47),
    (0, "ООО «Химчистка»", "Dry Cleaning LLC", 2.39),
    (0, "ООО «Бизнес-центр Арбат»", "Arbat Business Centre LLC", 2.32),
    (0, "ООО «Ресторан Волга»", "Volga Restaurant LLC", 2.25),
    (0, "ООО «Гостиница Мир»", "Mir Hotel LLC", 2.17),
    (0, "ООО «Склад-Сервис»", "Warehouse Service LLC", 2.1),
    (1, "АО «Волжский завод»", "Volga Works JSC", 38.0),
    (1, "ООО «НН-Энерго»", "NN-Energo LLC", 14.0),
    (1, "ООО «Автокомпоненты»", "Auto Components LLC", 11.0),
    (1, "ООО «Нижегородский хлеб»", "Nizhny Bread LLC", 9.0),
    (1, "ООО «Сормовская верфь»", "Sormovo Yard LLC", 8.0),
    (1, "ООО «Кстово-Сервис»", "Kstovo Service LLC", 7.0),
    (1, "ООО «Дзержинск-Химия»", "Dzerzhinsk Chemicals LLC", 6.0),
    (1, "ООО «Медтехника НН»", "Medtekhnika NN LLC", 4.0),
    (1, "ООО «Гостиница Ока»", "Oka Hotel LLC", 3.0),
]

# Suppliers and purchases a year: a few manufacturers carry most of it.
SUPPLIERS = [
    ("АО «Пневмомаш»", "Pnevmomash JSC", 38_000_000),
    ("ООО «Гидросистемы»", "Hydrosystems LLC", 22_000_000),
    ("АО «Арматурный завод»", "Valve Works JSC", 17_000_000),
    ("ООО «Автоматика-Про»", "Automatika-Pro LLC", 12_000_000),
    ("ООО «ФильтрТех»", "FilterTech LLC", 9_000_000),
    ("ООО «Термоимпорт»", "Thermoimport LLC", 7_000_000),
    ("ООО «Электрокомплект»", "Electrokomplekt LLC", 6_000_000),
    ("ООО «Метизы»", "Fasteners LLC", 3_500_000),
    ("ООО «ТрансЛогистик»", "TransLogistic LLC", 3_200_000),
    ("ООО «Упаковка»", "Packaging LLC", 2_000_000),
    ("ООО «Спецодежда»", "Workwear LLC", 1_300_000),
    ("ООО «Канцсервис»", "Office Supplies LLC", 600_000),
]

# Acquisition channels: (ru, en, acquisition cost, revenue a year, margin, churn, clients).
CHANNELS = [
    ("Выставки", "Trade shows", 400_000, 900_000, 0.25, 0.08, 40),
    ("Партнёры", "Partners", 90_000, 500_000, 0.20, 0.15, 60),
    ("Холодные звонки", "Cold calls", 60_000, 350_000, 0.22, 0.35, 120),
    ("Ключевые клиенты", "Key accounts", 900_000, 3_000_000, 0.15, 0.05, 12),
    ("Контекстная реклама", "Search ads", 45_000, 120_000, 0.18, 0.45, 150),
]

# Effects of initiatives: (initiative, measure index, before, target, base, result, unit margin).
EFFECTS = [
    (TRIAL, 0, 0.08, 0.13, 420, 54, 4_800),
    (CROSS, 1, 1.2, 1.4, 1_150, 1_552, 3_000),
]

# Target bonus for January–June by tier key; the regional lead gets more.
BONUS = {"dc": 240_000, "am": 150_000, "rs": 150_000, "lg": 90_000}
LEAD_BONUS = 300_000


def _pick(lang: str, pair: tuple[Any, Any]) -> Any:
    return pair[0] if lang == "ru" else pair[1]


def _words(table_choices: tuple[tuple[str, str], ...], lang: str) -> list[str]:
    return [_pick(lang, pair) for pair in table_choices]


def method_inputs(inputs: PlanInputs, staff: list[tuple[Any, ...]], lang: str) -> dict[str, Any]:
    """The demo's strategy tables, tied to its ``inputs`` (actuals, people, initiatives)."""
    from .columns import CALENDAR_KINDS, DOC_STATUS, MEASURES, RISK_KINDS, SECTIONS, STEP_STATUS
    from .columns import FACTORS as FACTOR_WORDS

    year = int(inputs.settings["plan_year"])
    initiatives = list(inputs.initiatives["initiative"])
    stages = list(inputs.stages["stage"])
    regions = list(inputs.regions["region"])
    products = {
        key: _pick(lang, pair)
        for key, pair in {
            "equipment": ("Оборудование", "Equipment"),
            "service": ("Сервис", "Service"),
        }.items()
    }
    calendar = []
    for ru, en, initiative, owner, (m0, d0), (m1, d1) in CALENDAR:
        if initiative is None:
            name, kind = _pick(lang, (ru, en)), CALENDAR_KINDS[1]
        else:
            name, kind = initiatives[initiative], CALENDAR_KINDS[0]
        calendar.append(
            [name, _pick(lang, kind), _pick(lang, owner), D(year, m0, d0), D(year, m1, d1)]
        )
    tables: dict[str, Any] = {
        "stage_work": frame(
            "stage_work",
            [
                [stages[i], _pick(lang, f), _pick(lang, t), _pick(lang, d)]
                for i, f, t, d in STAGE_WORK
            ],
        ),
        "calendar": frame("calendar", calendar),
        "strengths": frame("strengths", [[_pick(lang, s)] for s in STRENGTHS]),
        "weaknesses": frame(
            "weaknesses", [[_pick(lang, (ru, en)), initiatives[a]] for ru, en, a in WEAKNESSES]
        ),
        "opportunities": frame("opportunities", [[_pick(lang, o)] for o in OPPORTUNITIES]),
        "threats": frame(
            "threats", [[_pick(lang, (ru, en)), initiatives[a]] for ru, en, a in THREATS]
        ),
        "documents": frame(
            "documents",
            [
                [
                    _pick(lang, SECTIONS[section]),
                    _pick(lang, (ru, en)),
                    _pick(lang, owner),
                    _pick(lang, DOC_STATUS[status]),
                    D(year, m, d),
                    D(year + later, 12, 31),
                ]
                for section, ru, en, owner, status, (m, d), later in DOCUMENTS
            ],
        ),
        "factors": frame(
            "factors",
            [
                [
                    _pick(lang, FACTOR_WORDS[f]),
                    _pick(lang, (ru, en)),
                    _pick(lang, owner),
                    D(year, m, d),
                    _pick(lang, STEP_STATUS[status]),
                ]
                for f, ru, en, owner, (m, d), status in FACTORS
            ],
        ),
        "risks": frame(
            "risks",
            [
                [
                    _pick(lang, (ru, en)),
                    _pick(lang, RISK_KINDS[kind]),
                    initiatives[initiative],
                    p,
                    impact,
                    _pick(lang, (m_ru, m_en)),
                    _pick(lang, owner),
                ]
                for ru, en, kind, initiative, p, impact, m_ru, m_en, owner in RISKS
            ],
        ),
        "products": frame(
            "products",
            [
                [_pick(lang, (ru, en)), products[line], sales, margin, growth]
                for ru, en, line, sales, margin, growth in PRODUCTS
            ],
        ),
        "client_sales": frame("client_sales", _client_sales(inputs, regions, lang)),
        "suppliers": frame(
            "suppliers", [[_pick(lang, (ru, en)), amount] for ru, en, amount in SUPPLIERS]
        ),
        "channels": frame(
            "channels",
            [[_pick(lang, (ru, en)), *numbers] for ru, en, *numbers in CHANNELS],
        ),
        "effects": frame(
            "effects",
            [[initiatives[i], _pick(lang, MEASURES[m]), *numbers] for i, m, *numbers in EFFECTS],
        ),
    }
    tables["bonus_targets"] = frame("bonus_targets", _bonus_targets(inputs, staff, tables))
    return tables


def _client_sales(inputs: PlanInputs, regions: list[str], lang: str) -> list[list[Any]]:
    """Each region's actuals to date split over its clients by weight, in whole thousands."""
    region_of = dict(zip(inputs.employees["employee"], inputs.employees["region"], strict=True))
    totals: dict[str, float] = {}
    for name, fact in reported(inputs.actuals).items():
        totals[region_of[name]] = totals.get(region_of[name], 0.0) + fact
    rows = []
    for index, region in enumerate(regions):
        clients = [(ru, en, w) for r, ru, en, w in CLIENTS if r == index]
        if not clients or not totals.get(region):
            continue
        parts = decompose(totals[region], [w for *_, w in clients], decimals=-3)
        rows += [
            [_pick(lang, (ru, en)), region, float(part)]
            for (ru, en, _), part in zip(clients, parts, strict=True)
        ]
    return rows


def _bonus_targets(
    inputs: PlanInputs, staff: list[tuple[Any, ...]], tables: dict[str, Any]
) -> list[list[Any]]:
    """A target bonus for everyone hired by the cut-off, and their KPI done to date.

    The KPI done follows the employee's revenue pace where they sell (their completion), else a
    pace of their own, with a seeded wobble: the demo is the same every time.
    """
    from .compute import compute  # the plan so far: its tier goals and plan–fact
    from .motivation import kpi_to_date

    plan = compute(dataclasses.replace(inputs, **tables))
    goals = kpi_to_date(plan.tier_goals, normalised(inputs).settings)
    paces = plan.planfact["completion"].tolist()
    as_of = inputs.settings["as_of"]
    rng = np.random.default_rng(int(inputs.settings["plan_year"]) + 14)
    rows = []
    for i, (row, person) in enumerate(zip(inputs.employees.itertuples(), staff, strict=True)):
        tier, fixed = person[2], person[6]
        if row.hire_date is not None and row.hire_date >= as_of:
            continue
        bonus = LEAD_BONUS if fixed is not None and tier == "dc" and person[3] == 1 else BONUS[tier]
        speed = paces[i] if paces[i] == paces[i] and paces[i] is not None else None
        speed = speed or float(np.clip(rng.normal(0.98, 0.12), 0.7, 1.3))
        done = round(float(goals[i]) * speed * float(rng.normal(1.0, 0.05)))
        rows.append([row.employee, bonus, float(max(done, 0))])
    return rows
