"""The demo plan: a B2B equipment and service company with its head office in Moscow that means
to have 30 branch offices in Russian cities in 5 years.

The first new region is Nizhny Novgorod (about 420 km, an overnight train from Moscow), opened in
the plan year; the following regions are rolled out in order of distance and market (Yaroslavl,
Tula, Voronezh, then Kazan, Saint Petersburg, ... Novosibirsk). The plan year has 40 employees in
a 4-tier funnel (lead generation, deal closing, account management, repeat sales and
development), 5 of them hired during the year, and half a year of actuals (cut-off 1 July):
each seller's months are their plan times a personal pace drawn with a fixed seed, so some are on
track, some at risk and some behind. Everything is deterministic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np

from .capacity import region_plans
from .demo_method import method_inputs
from .employees import employee_goals
from .model import MONTHS, PlanInputs, default_settings, frame
from .values import normalised

D = dt.date
DEMO_YEAR = 2026  # the year the demo's story is told in; its actuals run to 30 June

# (ru, en, road km from Moscow, offices planned), in rollout order.
# (ru, en, road km from Moscow, offices planned, km from the region before, (opening month
# in the plan year or None), why it comes at this point (ru, en)), in rollout order.
REGIONS = [
    ("Москва", "Moscow", 0, 1, None, None, ("Головной офис", "Head office")),
    (
        "Нижний Новгород",
        "Nizhny Novgorod",
        420,
        3,
        420,
        3,
        (
            "Крупнейший рынок в пределах ночного поезда; Ярославль и Тула ближе, их до "
            "открытия офисов ведут из Москвы выездами",
            "The largest market within an overnight train; Yaroslavl and Tula are nearer and "
            "served from Moscow by day trips until their offices open",
        ),
    ),
    (
        "Ярославль",
        "Yaroslavl",
        270,
        2,
        320,
        None,
        ("Рядом с Нижним: его команда помогает запуску", "Near Nizhny: its team helps launch"),
    ),
    ("Тула", "Tula", 180, 2, 440, None, ("Ближний рынок, клиенты уже есть", "Near, with clients")),
    ("Воронеж", "Voronezh", 520, 3, 330, None, ("Через Тулу на юг", "Through Tula to the south")),
    (
        "Казань",
        "Kazan",
        820,
        3,
        1000,
        None,
        ("Поволжье: крупный рынок", "The Volga: a large market"),
    ),
    (
        "Санкт-Петербург",
        "Saint Petersburg",
        710,
        4,
        1530,
        None,
        ("Атипичный рынок: после отработки модели", "Atypical: once the model is proven"),
    ),
    ("Самара", "Samara", 1060, 3, 360, None, ("Поволжье после Казани", "The Volga after Kazan")),
    ("Ростов-на-Дону", "Rostov-on-Don", 1070, 3, 1040, None, ("Юг", "The south")),
    ("Краснодар", "Krasnodar", 1340, 2, 280, None, ("Юг после Ростова", "The south after Rostov")),
    ("Екатеринбург", "Yekaterinburg", 1790, 2, 2300, None, ("Урал", "The Urals")),
    ("Новосибирск", "Novosibirsk", 3300, 2, 1600, None, ("Сибирь", "Siberia")),
]

PRODUCTS = {"equipment": ("Оборудование", "Equipment"), "service": ("Сервис", "Service")}

# Seasonality indices (mean 1): equipment peaks at the year end when budgets are spent.
PROFILES = {
    "equipment": [0.80, 0.90, 1.05, 1.00, 0.95, 0.90, 0.85, 0.85, 1.05, 1.10, 1.20, 1.35],
    "service": [0.95, 0.95, 1.00, 1.00, 1.00, 0.95, 0.90, 0.90, 1.05, 1.05, 1.10, 1.15],
}

# (region index, product, annual revenue, average deal)
TARGETS = [
    (0, "equipment", 185_000_000, 450_000),
    (0, "service", 65_000_000, 120_000),
    (1, "equipment", 24_000_000, 400_000),
    (1, "service", 6_000_000, 100_000),
]

TIERS = {  # key: (ru tier, en tier, ru stage, en stage, conversion, productivity a month)
    "lg": ("Лидогенерация", "Lead generation", "Лиды", "Leads", 0.30, 120),
    "dc": ("Закрытие сделок", "Deal closing", "Встречи", "Meetings", 0.30, 25),
    "am": ("Ведение клиентов", "Account management", "Сделки", "Deals", 0.50, 12),
    "rs": (
        "Повторные продажи и развитие",
        "Repeat sales and development",
        "Клиенты в развитии",
        "Clients in development",
        None,
        8,
    ),
}

# (ru name, en name, tier, region index, hire date, weight, fixed goal)
STAFF: list[tuple[str, str, str, int, Any, float, float | None]] = [
    ("Смирнов Алексей", "Alexey Smirnov", "dc", 0, D(2018, 3, 12), 1.2, 14_000_000),
    ("Кузнецова Ольга", "Olga Kuznetsova", "dc", 0, D(2019, 9, 2), 1.2, None),
    ("Попов Дмитрий", "Dmitry Popov", "dc", 0, D(2020, 2, 17), 1.0, None),
    ("Васильева Анна", "Anna Vasilyeva", "dc", 0, D(2021, 6, 1), 1.0, None),
    ("Петров Сергей", "Sergey Petrov", "dc", 0, D(2021, 10, 11), 1.0, None),
    ("Соколова Мария", "Maria Sokolova", "dc", 0, D(2022, 4, 4), 1.0, None),
    ("Михайлов Андрей", "Andrey Mikhailov", "dc", 0, D(2022, 8, 15), 1.0, None),
    ("Новикова Елена", "Elena Novikova", "dc", 0, D(2023, 1, 16), 1.0, None),
    ("Фёдоров Игорь", "Igor Fedorov", "dc", 0, D(2023, 5, 22), 0.9, None),
    ("Морозова Татьяна", "Tatiana Morozova", "dc", 0, D(2024, 2, 5), 0.9, None),
    ("Волков Павел", "Pavel Volkov", "dc", 0, D(2024, 9, 9), 0.8, None),
    ("Алексеева Наталья", "Natalia Alekseeva", "dc", 0, D(2025, 3, 3), 0.8, None),
    ("Лебедев Максим", "Maxim Lebedev", "dc", 0, D(2026, 2, 2), 0.8, None),
    ("Семёнова Ирина", "Irina Semenova", "am", 0, D(2017, 11, 7), 0.7, 9_000_000),
    ("Егоров Николай", "Nikolay Egorov", "am", 0, D(2019, 4, 15), 0.6, None),
    ("Павлова Юлия", "Yulia Pavlova", "am", 0, D(2020, 7, 20), 0.6, None),
    ("Козлов Артём", "Artem Kozlov", "am", 0, D(2021, 3, 1), 0.6, None),
    ("Степанова Светлана", "Svetlana Stepanova", "am", 0, D(2022, 10, 3), 0.6, None),
    ("Николаев Владимир", "Vladimir Nikolaev", "am", 0, D(2023, 6, 5), 0.6, None),
    ("Орлова Екатерина", "Ekaterina Orlova", "am", 0, D(2024, 1, 15), 0.5, None),
    ("Андреев Роман", "Roman Andreev", "am", 0, D(2025, 2, 10), 0.5, None),
    ("Макарова Вероника", "Veronika Makarova", "rs", 0, D(2018, 8, 20), 0.8, None),
    ("Захаров Евгений", "Evgeny Zakharov", "rs", 0, D(2020, 1, 13), 0.8, None),
    ("Зайцева Дарья", "Daria Zaitseva", "rs", 0, D(2021, 9, 6), 0.8, None),
    ("Соловьёв Кирилл", "Kirill Solovyov", "rs", 0, D(2022, 12, 5), 0.8, None),
    ("Борисова Полина", "Polina Borisova", "rs", 0, D(2023, 11, 13), 0.7, None),
    ("Яковлев Денис", "Denis Yakovlev", "rs", 0, D(2024, 6, 3), 0.7, None),
    ("Григорьева Алина", "Alina Grigorieva", "lg", 0, D(2021, 5, 17), 0.0, None),
    ("Романов Илья", "Ilya Romanov", "lg", 0, D(2022, 3, 14), 0.0, None),
    ("Воробьёва Ксения", "Ksenia Vorobyova", "lg", 0, D(2023, 2, 20), 0.0, None),
    ("Сергеев Антон", "Anton Sergeev", "lg", 0, D(2023, 10, 2), 0.0, None),
    ("Кузьмина Виктория", "Victoria Kuzmina", "lg", 0, D(2024, 4, 22), 0.0, None),
    ("Фролов Глеб", "Gleb Frolov", "lg", 0, D(2025, 1, 20), 0.0, None),
    ("Белов Михаил", "Mikhail Belov", "dc", 1, D(2016, 9, 1), 1.2, 12_000_000),
    ("Тарасова Людмила", "Lyudmila Tarasova", "am", 1, D(2024, 3, 1), 0.6, None),
    ("Комаров Степан", "Stepan Komarov", "lg", 1, D(2025, 11, 10), 0.0, None),
    ("Киселева Алёна", "Alena Kiseleva", "lg", 1, D(2026, 3, 2), 0.0, None),
    ("Макаров Олег", "Oleg Makarov", "dc", 1, D(2026, 3, 16), 1.0, None),
    ("Жукова Валерия", "Valeria Zhukova", "dc", 1, D(2026, 4, 1), 1.0, None),
    ("Ильин Тимур", "Timur Ilyin", "rs", 1, D(2026, 9, 1), 0.8, None),
]

# (ru, en, investment, effect = the gain, start, months in effect at 1 July, confidence, hurdle)
INITIATIVES = [
    ("Внедрение CRM", "CRM roll-out", 4_500_000, 1_800_000, (-1, 9), 10, 0.8, 0.25),
    ("Пробный продукт", "Trial product", 1_200_000, 100_000, (0, 5), 2, 0.6, 0.25),
    ("Перекрёстные продажи", "Cross-selling", 800_000, 500_000, (-1, 11), 8, 0.4, 0.25),
    (
        "Найм в Нижнем Новгороде",
        "Hiring in Nizhny Novgorod",
        6_000_000,
        300_000,
        (0, 3),
        4,
        0.7,
        0.25,
    ),
    ("Обучение продавцов", "Sales training", 1_500_000, 450_000, (-1, 7), 12, 0.7, 0.25),
]

# (ru, en, start (month, day) in the plan year, weeks, ru owner, en owner)
STAGES = [
    ("Диагностика", "Diagnostics", (1, 12), 3, "Консультант", "Consultant"),
    ("Исследование рынка", "Market research", (2, 2), 6, "Аналитик", "Analyst"),
    ("Разработка стратегии", "Strategy development", (3, 16), 6, "Консультант", "Consultant"),
    (
        "Сопровождение внедрения",
        "Implementation support",
        (4, 27),
        26,
        "Коммерческий директор",
        "Sales director",
    ),
]


def _pick(lang: str, ru: Any, en: Any) -> Any:
    return ru if lang == "ru" else en


def _goals(lang: str, year: int) -> list[list[Any]]:
    revenue = sum(t[2] for t in TARGETS)
    s_curve, linear = _pick(lang, "S-кривая", "S-curve"), _pick(lang, "линейный", "linear")
    money = _pick(lang, "выручка, ₽", "revenue, RUB")
    ceo, cfo = _pick(lang, "Генеральный директор", "CEO"), _pick(lang, "Финансовый директор", "CFO")
    sales = _pick(lang, "Коммерческий директор", "Sales director")
    return [
        [
            _pick(
                lang,
                f"План продаж {year}: {revenue // 10**6} млн ₽",
                f"Sales plan {year}: RUB {revenue // 10**6} m",
            ),
            money,
            230_000_000,
            revenue,
            D(year, 12, 31),
            sales,
            "",
            linear,
        ],
        [
            _pick(lang, "Доля повторных продаж 40%", "Repeat sales at 40% of revenue"),
            _pick(lang, "доля повторных продаж, %", "repeat sales share, %"),
            22,
            40,
            D(year + 1, 12, 31),
            sales,
            "",
            linear,
        ],
        [
            _pick(lang, "Выручка 700 млн ₽ в год", "Revenue of RUB 700 m a year"),
            money,
            230_000_000,
            700_000_000,
            D(year + 4, 12, 31),
            cfo,
            "",
            s_curve,
        ],
        [
            _pick(
                lang,
                "30 филиалов в городах России за 5 лет",
                "30 branch offices in Russian cities in 5 years",
            ),
            _pick(lang, "филиалы", "offices"),
            1,
            30,
            D(year + 4, 12, 31),
            ceo,
            "",
            s_curve,
        ],
    ]


def _actuals(inputs: PlanInputs, year: int) -> list[list[Any]]:
    """January–June actuals: plan × the seller's pace × a month's wobble, in thousands."""
    clean = normalised(inputs)
    goals = employee_goals(inputs.employees, region_plans(clean))
    rng = np.random.default_rng(year)
    rows = []
    for _, goal in goals.iterrows():
        pace = float(np.clip(rng.normal(0.97, 0.1), 0.7, 1.25))
        wobble = rng.normal(0.0, 0.06, 6)
        months: list[Any] = [None] * 12
        for m in range(6):
            plan = float(goal[MONTHS[m]])
            if plan > 0:  # reported from the first month with a goal
                months[m] = float(round(plan * pace * (1 + wobble[m]), -3))
        rows.append([goal["employee"], *months])
    return rows


def reference_tables(lang: str = "ru") -> dict[str, Any]:
    """The reference data every new plan starts with: funnel tiers and seasonality profiles."""
    product = {k: _pick(lang, *v) for k, v in PRODUCTS.items()}
    return {
        "seasonality": frame("seasonality", [[product[p], *PROFILES[p]] for p in PRODUCTS]),
        "tiers": frame(
            "tiers",
            [
                [_pick(lang, ru, en), _pick(lang, s_ru, s_en), conv, prod]
                for ru, en, s_ru, s_en, conv, prod in TIERS.values()
            ],
        ),
    }


def demo_inputs(lang: str = "ru", year: int = DEMO_YEAR) -> PlanInputs:
    """The filled example plan of the 30-offices company for ``year``, in Russian or English."""
    settings = default_settings(year, lang)
    settings.update(company=_pick(lang, "ООО «Вектор»", "Vektor LLC"), as_of=D(year, 7, 1))
    region = [_pick(lang, r[0], r[1]) for r in REGIONS]
    product = {k: _pick(lang, *v) for k, v in PRODUCTS.items()}
    tier = {k: _pick(lang, v[0], v[1]) for k, v in TIERS.items()}
    inputs = PlanInputs(
        settings=settings,
        goals=frame("goals", _goals(lang, year)),
        regions=frame(
            "regions",
            [
                [
                    region[i],
                    i + 1,
                    km,
                    n,
                    None if m is None else D(year, m, 1),
                    prev,
                    _pick(lang, *why),
                ]
                for i, (_, _, km, n, prev, m, why) in enumerate(REGIONS)
            ],
        ),
        targets=frame(
            "targets",
            [[region[r], product[p], rev, deal, product[p]] for r, p, rev, deal in TARGETS],
        ),
        **reference_tables(lang),
        employees=frame(
            "employees",
            [
                [_pick(lang, ru, en), tier[t], region[r], hire, w, fixed]
                for ru, en, t, r, hire, w, fixed in STAFF
            ],
        ),
        initiatives=frame(
            "initiatives",
            [
                [_pick(lang, ru, en), inv, eff, D(year + dy, m, 1), months, conf, hurdle]
                for ru, en, inv, eff, (dy, m), months, conf, hurdle in INITIATIVES
            ],
        ),
        stages=frame(
            "stages",
            [
                [_pick(lang, ru, en), D(year, m, d), weeks, _pick(lang, o_ru, o_en)]
                for ru, en, (m, d), weeks, o_ru, o_en in STAGES
            ],
        ),
    )
    inputs.actuals = frame("actuals", _actuals(inputs, year))
    # The strategy documents of the method (§8), tied to the tables above.
    return dataclasses.replace(inputs, **method_inputs(inputs, STAFF, lang))
