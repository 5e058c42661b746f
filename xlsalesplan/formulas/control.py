"""The control formulas: completion and forecast (PLANFACT, RUNRATE), a goal's horizon
(HORIZON), concentration of clients or suppliers (CONCENTRATION)."""

from __future__ import annotations

import datetime as dt

from xlsalesplan import core

from .cells import blank, given, grid, or_default
from .declare import Arg, Example, Formula, Percent


def _planfact(plan, fact):
    return grid(core.planfact(plan, fact), plan)


PLANFACT = Formula(
    "PLANFACT",
    (
        "Выполнение плана: факт ÷ план (формат — %). Пустой план или ещё не внесённый факт — "
        "пустая ячейка.",
        "Plan completion: fact ÷ plan (format as %). A blank plan or a fact not reported yet "
        "gives a blank cell.",
    ),
    (
        Arg("plan", ("Плановые значения.", "The plan figures."), range=True),
        Arg(
            "fact",
            (
                "Фактические значения того же размера; пусто — ещё не внесены.",
                "The actual figures, same size; blank = not reported yet.",
            ),
            range=True,
        ),
    ),
    _planfact,
    examples=(Example(([[100, 200]], [[104, 150]]), [[1.04, 0.75]]),),
    formats=("0%",),
)


def _runrate(fact_to_date, elapsed, total):
    return grid(core.runrate(fact_to_date, elapsed, total), fact_to_date)


RUNRATE = Formula(
    "RUNRATE",
    (
        "Прогноз на конец периода при текущем темпе: факт на дату × рабочих дней всего ÷ "
        "прошедших.",
        "Forecast for the period end at the current pace: fact_to_date × total ÷ elapsed.",
    ),
    (
        Arg(
            "fact_to_date",
            ("Факт с начала периода.", "The actual so far in the period."),
            range=True,
        ),
        Arg("elapsed", ("Прошло рабочих дней.", "Working days elapsed in the period."), range=True),
        Arg("total", ("Рабочих дней в периоде.", "Working days in the whole period."), range=True),
    ),
    _runrate,
    details=(
        "Ровный темп по рабочим дням. Если план сезонный, сравнивайте с сезонным прогнозом "
        "листа План–факт.",
        "A flat pace by working days. Where the plan is seasonal, compare with the seasonal "
        "forecast of the Plan–fact sheet.",
    ),
    examples=(Example((600000, 12, 20), [[1000000]]),),
    formats=("#,##0",),
)


def _horizon(deadline, as_of=None, language="ru"):
    lang = "ru" if blank(language) else str(language).strip().lower()
    return grid(core.horizon(deadline, given(as_of), lang=lang), deadline)


HORIZON = Formula(
    "HORIZON",
    (
        "Горизонт цели: операционная (до конца года), среднесрочная (в пределах 3 лет) или "
        "долгосрочная.",
        "The goal's horizon: operational (this calendar year), medium-term (within 3 years) "
        "or long-term (later).",
    ),
    (
        Arg(
            "deadline",
            (
                "Срок цели (дата или диапазон дат).",
                "The goal's deadline (a date or a range of dates).",
            ),
            range=True,
        ),
        Arg(
            "as_of",
            ("Дата, от которой судить; пусто — сегодня.", "The date to judge from; blank = today."),
            default=None,
        ),
        Arg(
            "language",
            (
                '"ru" (по умолчанию) — по-русски, "en" — по-английски.',
                '"ru" (default) for Russian labels, "en" for English.',
            ),
            default="ru",
        ),
    ),
    _horizon,
    details=(
        "Операционная — срок не позже 31 декабря года as_of; среднесрочная — не позже той же "
        "даты через 3 года; долгосрочная — позже. Просроченная цель — операционная.",
        "Operational: due by 31 December of as_of's year; medium-term: by the same date 3 "
        "years on; long-term: later. An overdue goal is operational.",
    ),
    examples=(
        Example(
            (
                [[dt.date(2026, 12, 31)], [dt.date(2028, 6, 30)], [dt.date(2031, 12, 31)]],
                dt.date(2026, 1, 1),
                "en",
            ),
            [["operational"], ["medium-term"], ["long-term"]],
        ),
        Example(
            (
                [[dt.date(2026, 12, 31)], [dt.date(2028, 6, 30)], [dt.date(2031, 12, 31)]],
                dt.date(2026, 1, 1),
                "ru",
            ),
            [["операционная"], ["среднесрочная"], ["долгосрочная"]],
        ),
    ),
    renamed={"lang": "language"},
)


def _concentration(volumes, limit=0.04):
    found = core.concentration(volumes, or_default(limit, 0.04))
    return grid(list(found.as_row()), volumes)


CONCENTRATION = Formula(
    "CONCENTRATION",
    (
        "Концентрация: наибольшая доля, индекс Херфиндаля–Хиршмана, флаг превышения предела и "
        "число долей выше него.",
        "Concentration of a portfolio: the largest share, the HHI, a flag if over the limit "
        "and how many parts are over it.",
    ),
    (
        Arg(
            "volumes",
            ("Объёмы по клиентам или поставщикам.", "Volumes per client or supplier."),
            range=True,
        ),
        Arg(
            "limit",
            (
                "Наибольшая допустимая доля (по умолчанию 4%).",
                "Largest acceptable share (default 4%).",
            ),
            default=0.04,
        ),
    ),
    _concentration,
    details=(
        "Четыре ячейки: наибольшая доля, индекс Херфиндаля–Хиршмана (0–10 000), ИСТИНА, если "
        "наибольшая доля выше предела (4% — правило диверсификации: ни один клиент или "
        "поставщик не больше 4% продаж), и число долей выше предела.",
        "Four cells: the largest share of the total, the Herfindahl–Hirschman index "
        "(0–10,000), TRUE when the largest share is above the limit (4% by default, the "
        "diversification rule: no client or supplier above 4% of sales) and how many parts "
        "are above it.",
    ),
    examples=(
        Example(
            ([[50], [30], [20]], Percent(0.04)),
            [[0.5], [3800], [True], [3]],
            ("Три клиента.", "Three clients."),
        ),
    ),
    formats=("0.0%", "#,##0", "General", "0"),
)

FORMULAS = (PLANFACT, RUNRATE, HORIZON, CONCENTRATION)
