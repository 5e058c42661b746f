"""The planning formulas: split a plan (DECOMPOSE, BALANCE), shape it (SEASONALITY, WORKDAYS,
RAMP) and size the funnel behind it (FUNNEL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xlsalesplan import core
from xlsalesplan.core.args import raw_array

from .cells import given, grid, or_default
from .declare import Arg, Example, Formula


def _decompose(total, weights, decimals=None, locked=None, floor=None, cap=None):
    # A single cell holds n, the number of equal parts: one weight alone would be pointless.
    cells = raw_array(weights)
    if cells.size == 1:
        weights = cells.ravel()[0]
    parts = core.decompose(total, weights, given(decimals), given(locked), given(floor), given(cap))
    return grid(parts, weights)


DECOMPOSE = Formula(
    "DECOMPOSE",
    (
        "Делит сумму на части пропорционально весам; округлённые части в сумме дают ровно "
        "округлённый итог.",
        "Splits a total into parts proportional to weights; rounded parts add up exactly.",
    ),
    (
        Arg(
            "total",
            (
                "Сумма, которую нужно разделить, например годовой план.",
                "The amount to split, e.g. the annual plan.",
            ),
        ),
        Arg(
            "weights",
            (
                "Веса, по одной части на ячейку; или число n — n равных частей.",
                "Range of weights, one part per cell; or n for n equal parts.",
            ),
            range=True,
        ),
        Arg(
            "decimals",
            (
                "Знаков после запятой (0 — целые, -3 — тысячи); пусто — без округления.",
                "Round the parts to this many decimals (0 = whole, -3 = thousands).",
            ),
            default=None,
        ),
        Arg(
            "locked",
            (
                "Как weights: заполненная ячейка сохраняет своё значение точно.",
                "Same size as weights: a filled cell keeps that value exactly.",
            ),
            default=None,
            range=True,
        ),
        Arg(
            "floor",
            (
                "Наименьшая часть: одно число или диапазон как weights.",
                "Smallest allowed part: one number or a range like weights.",
            ),
            default=None,
            range=True,
        ),
        Arg(
            "cap",
            (
                "Наибольшая часть: одно число или диапазон как weights.",
                "Largest allowed part: one number or a range like weights.",
            ),
            default=None,
            range=True,
        ),
    ),
    _decompose,
    details=(
        "Раскладывает годовой план по месяцам, регионам или людям. Пустой вес = 0. С decimals "
        "части округляются так, что в сумме дают ровно округлённый итог (метод наибольших "
        "остатков: при равенстве — больший вес, затем более ранняя ячейка). Закреплённые "
        "ячейки (locked) сохраняют значение; floor и cap — нижняя и верхняя границы частей, "
        "излишек перераспределяется между свободными частями.",
        "Use it to spread an annual plan over months, regions or people. Blank weights count "
        "as 0. With decimals, parts are rounded so that they sum exactly to the rounded total "
        "(largest remainder: ties go to the larger weight, then to the earlier cell). Locked "
        "cells keep their value; floor and cap bound every part and the excess is "
        "redistributed over the parts still free.",
    ),
    examples=(
        Example(
            (1200000, [[1], [1], [2]], 0),
            [[300000], [300000], [600000]],
            ("1 200 000 по весам 1, 1, 2.", "1,200,000 by weights 1, 1, 2."),
        ),
        Example(
            (100, [[1], [1], [1]], 0),
            [[34], [33], [33]],
            (
                "Остаток уходит первой ячейке: сумма ровно 100.",
                "The remainder goes to the first cell: exactly 100 in all.",
            ),
        ),
        Example(
            (1000, [[1], [1], [1], [1]], 0, [[400], [""], [""], [""]]),
            [[400], [200], [200], [200]],
            ("Первая часть закреплена на 400.", "The first part is locked at 400."),
        ),
        Example(
            (100, [[5, 3, 2]], 0, None, 25),
            [[47, 28, 25]],
            ("Ни одна часть не меньше 25.", "No part below 25."),
        ),
    ),
    formats=("#,##0",),
)


def _balance(row_totals, col_totals, seed=None, decimals=None):
    return grid(core.balance(row_totals, col_totals, given(seed), given(decimals)), [[0, 0]])


BALANCE = Formula(
    "BALANCE",
    (
        "Таблица, строки которой в сумме дают row_totals, а столбцы — col_totals, точно.",
        "A table whose rows add up to row_totals and columns to col_totals, exactly.",
    ),
    (
        Arg(
            "row_totals",
            (
                "Столбец итогов строк, например годовые цели сотрудников.",
                "A column of row totals, e.g. each employee's year goal.",
            ),
            range=True,
        ),
        Arg(
            "col_totals",
            (
                "Строка итогов столбцов, например план команды по месяцам.",
                "A row of column totals, e.g. the team's plan per month.",
            ),
            range=True,
        ),
        Arg(
            "seed",
            (
                "Шаблон (строки × столбцы); 0 оставляет ячейку нулём. По умолчанию все 1.",
                "Pattern (rows × columns); 0 keeps a cell at zero. Default all 1.",
            ),
            default=None,
            range=True,
        ),
        Arg(
            "decimals",
            (
                "Знаков после запятой; обе суммы остаются точными.",
                "Round to this many decimals; both margins stay exact.",
            ),
            default=None,
        ),
    ),
    _balance,
    details=(
        "Итеративное пропорциональное выравнивание от шаблона seed, затем округление, "
        "сохраняющее обе суммы. Нулевые ячейки шаблона остаются нулями; итоги строк и столбцов "
        "должны совпадать. Так годовые цели сотрудников раскладываются по месяцам плана "
        "команды.",
        "Iterative proportional fitting from the seed pattern, then rounding that keeps both "
        "the row and the column sums exact. Zero seed cells stay zero. The two sets of totals "
        "must add up to the same grand total. This is how employees' year goals are spread "
        "over the team's monthly plan.",
    ),
    examples=(
        Example(
            ([[30], [70]], [[40, 60]], None, 0),
            [[12, 18], [28, 42]],
            ("Строки 30 и 70, столбцы 40 и 60.", "Rows 30 and 70, columns 40 and 60."),
        ),
        Example(
            ([[30], [70]], [[40, 60]], [[1, 0], [1, 1]], 0),
            [[30, 0], [10, 60]],
            ("Первый ещё не работает во втором месяце.", "The first is not there in month 2."),
        ),
    ),
    formats=("#,##0",),
)


def _seasonality(history, period=12):
    return grid(core.seasonality(history, or_default(period, 12)), history)


SEASONALITY = Formula(
    "SEASONALITY",
    (
        "Индексы сезонности (в среднем 1 за цикл) по истории — отношение к центрированному "
        "скользящему среднему.",
        "Seasonal indices (average 1 over a cycle) from history: ratio to centred moving average.",
    ),
    (
        Arg(
            "history",
            (
                "Не меньше двух полных циклов истории, от старых к новым.",
                "At least two full cycles of history, oldest first.",
            ),
            range=True,
        ),
        Arg(
            "period",
            (
                "Длина цикла: 12 для месяцев (по умолчанию), 4 для кварталов.",
                "Length of one cycle: 12 for months (default), 4 for quarters.",
            ),
            default=12,
        ),
    ),
    _seasonality,
    details=(
        "Первый индекс относится к сезону первого наблюдения: у месячной истории с января "
        "первый индекс — январский. Умножьте ровный план месяцев на индексы.",
        "The first index belongs to the season of the first observation: with monthly history "
        "that starts in January, the first index is January's. Multiply a flat monthly plan "
        "by them.",
    ),
    examples=(
        Example(
            ([[x] for x in [80, 120, 90, 110] * 2], 4),
            [[0.8], [1.2], [0.9], [1.1]],
            ("Два года по кварталам.", "Two years by quarter."),
        ),
    ),
    formats=("0.00",),
)


def _workdays(starts, ends, country="RU", holidays=None, weekend="0000011"):
    found = core.workdays(
        starts,
        ends,
        or_default(country, "RU"),
        given(holidays),
        or_default(weekend, "0000011"),
    )
    return grid(found, starts)


WORKDAYS = Formula(
    "WORKDAYS",
    (
        "Рабочие дни в каждом периоде по производственному календарю страны (по умолчанию Россия).",
        "Working days in each period by the country's production calendar (Russia by default).",
    ),
    (
        Arg(
            "starts",
            (
                "Даты начала периодов (дата или диапазон дат).",
                "Start dates of the periods (a date or a range of dates).",
            ),
            range=True,
        ),
        Arg(
            "ends",
            (
                "Даты окончания, включительно: одна дата или диапазон как starts.",
                "End dates, inclusive: one date or a range like starts.",
            ),
            range=True,
        ),
        Arg(
            "country",
            (
                'Производственный календарь: "RU" (по умолчанию), "KZ", "BY", "none"…',
                'Production calendar: "RU" (default), "KZ", "BY", "none", …',
            ),
            default="RU",
        ),
        Arg(
            "holidays",
            (
                "Дополнительные выходные (диапазон дат), например дни компании.",
                "Extra days off (a range of dates), e.g. company days off.",
            ),
            default=None,
            range=True,
        ),
        Arg(
            "weekend",
            (
                'Выходные как в NETWORKDAYS.INTL: "0000011" (сб+вс, по умолчанию) или 1–17.',
                'Weekend as in NETWORKDAYS.INTL: "0000011" (Sat+Sun, default) or 1–17.',
            ),
            default="0000011",
        ),
    ),
    _workdays,
    details=(
        "Учитывает официальные праздники, перенесённые выходные и рабочие субботы календаря, "
        "плюс ваши дополнительные выходные. Годится как веса для DECOMPOSE.",
        "Counts official holidays, transferred days off and working Saturdays of the "
        "calendar, plus your extra days off. Ready to use as DECOMPOSE weights.",
    ),
    examples=(
        Example(
            (
                [[dt.date(2026, 1, 1)], [dt.date(2026, 5, 1)]],
                [[dt.date(2026, 1, 31)], [dt.date(2026, 5, 31)]],
            ),
            [[15], [19]],
            ("Январь и май 2026 года в России.", "January and May 2026 in Russia."),
        ),
        Example(
            (dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
            [[20]],
            ("Февраль 2025 года.", "February 2025."),
        ),
    ),
    formats=("0",),
)


def _ramp(hire_date, period_starts, ramp_months=3):
    found = core.ramp(hire_date, period_starts, or_default(ramp_months, 3))
    return grid(found, period_starts)


RAMP = Formula(
    "RAMP",
    (
        "Коэффициент загрузки сотрудника по периодам: 0 до найма, затем линейный рост до 1.",
        "Capacity factor of an employee per period: 0 before hire, rising linearly to 1.",
    ),
    (
        Arg(
            "hire_date",
            (
                "Дата найма; пусто — сотрудник на полной нагрузке.",
                "The employee's hire date; blank = fully up to speed.",
            ),
        ),
        Arg(
            "period_starts",
            (
                "Даты начала периодов, например первые числа месяцев.",
                "Start dates of the periods, e.g. the first of each month.",
            ),
            range=True,
        ),
        Arg(
            "ramp_months",
            (
                "Месяцев до полной нагрузки (по умолчанию 3).",
                "Months to reach full capacity (default 3).",
            ),
            default=3,
        ),
    ),
    _ramp,
    details=(
        "Рост линейный от даты найма за ramp_months месяцев; каждый период получает среднее "
        "за свои дни, так что месяцы, недели и дни согласованы.",
        "The ramp rises linearly from the hire date over ramp_months months; each period gets "
        "its average over its days, so months, weeks and days agree.",
    ),
    examples=(
        Example(
            (dt.date(2026, 3, 1), [[dt.date(2026, m, 1) for m in (2, 3, 4, 5, 6)]], 3),
            [[0, 0.1667, 0.5, 0.8333, 1]],
            ("Найм 1 марта 2026: февраль — июнь.", "Hired 1 March 2026: February to June."),
        ),
    ),
    formats=("0.00",),
)


def _funnel(target: Any, rates: Any) -> list[list[Any]]:
    return grid(core.funnel(target, rates), rates)


FUNNEL = Formula(
    "FUNNEL",
    (
        "Сколько нужно на каждом этапе воронки, чтобы выйти на цель, снизу вверх.",
        "Volumes needed at each funnel stage to reach a target, from the bottom up.",
    ),
    (
        Arg(
            "target",
            (
                "Что нужно внизу воронки, например 120 сделок.",
                "What you need at the bottom of the funnel, e.g. 120 deals.",
            ),
        ),
        Arg(
            "rates",
            (
                "Конверсии между этапами снизу вверх: первая — в целевой этап.",
                "Conversion rates between stages, bottom up: into the target first.",
            ),
            range=True,
        ),
    ),
    _funnel,
    details=(
        "Возвращает цель и объём каждого верхнего этапа (цель ÷ накопленная конверсия), "
        "каждый округлён вверх до целых от своей точной потребности.",
        "Returns the target followed by each upper stage (target ÷ cumulative conversion), "
        "each rounded up to whole units from its exact requirement.",
    ),
    examples=(
        Example(
            (120, [[0.4], [0.5], [0.25]]),
            [[120], [300], [600], [2400]],
            (
                "Предложение→сделка 40%, встреча→предложение 50%, лид→встреча 25%.",
                "Proposal→deal 40%, meeting→proposal 50%, lead→meeting 25%.",
            ),
        ),
    ),
    formats=("#,##0",),
)

FORMULAS = (DECOMPOSE, BALANCE, SEASONALITY, WORKDAYS, RAMP, FUNNEL)
