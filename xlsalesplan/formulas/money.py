"""The money formulas: return and payback of a change (ROI, PAYBACK), a client's worth (LTV),
growth (CAGR)."""

from __future__ import annotations

from xlsalesplan import core

from .cells import given, grid
from .declare import Arg, Example, Formula, Percent


def _roi(effect, investment, months=None):
    return grid(core.roi(effect, investment, given(months)), effect)


ROI = Formula(
    "ROI",
    (
        "Окупаемость инвестиций: эффект ÷ инвестиции (формат ячейки — %); с months — годовая.",
        "Return on investment: effect ÷ investment (format the cell as %); with months, "
        "annualised.",
    ),
    (
        Arg(
            "effect",
            (
                "Эффект изменения (дополнительная прибыль) за период.",
                "Effect (extra profit) of the change, for the period.",
            ),
            range=True,
        ),
        Arg(
            "investment",
            ("Во что обошлось изменение; больше нуля.", "What the change cost; must be above 0."),
            range=True,
        ),
        Arg(
            "months",
            (
                "Месяцев, за которые получен эффект; если задано — ROI годовой.",
                "Months the effect covers; given, the ROI is annualised.",
            ),
            default=None,
            range=True,
        ),
    ),
    _roi,
    details=(
        "Годовой ROI = (1 + ROI)^(12 ÷ months) − 1, чтобы сравнивать изменения, оцененные за "
        "разные сроки. Экстраполяция короткого срока на год условна: оценивайте изменения не "
        "раньше чем через полгода.",
        "The annualised ROI is (1 + ROI)^(12 ÷ months) − 1, so changes judged over different "
        "periods compare. Extrapolating a short period to a year is a guess: judge a change "
        "after half a year at the earliest.",
    ),
    examples=(
        Example((150000, 500000), [[0.3]], ("За период.", "For the period.")),
        Example((150000, 500000, 6), [[0.69]], ("За 6 месяцев, в годовых.", "6 months, a year.")),
    ),
    formats=("0%",),
)


def _payback(investment, flows):
    return core.payback(investment, flows)


PAYBACK = Formula(
    "PAYBACK",
    (
        "Число периодов до окупаемости: когда накопленные потоки достигают инвестиций.",
        "Periods until the cumulative flows repay the investment (fractional, linear in a period).",
    ),
    (
        Arg("investment", ("Сумма, вложенная в начале.", "The amount invested at the start.")),
        Arg(
            "flows",
            (
                "Денежные потоки по периодам после вложения, по порядку.",
                "Cash flows per period after the investment, in order.",
            ),
            range=True,
        ),
    ),
    _payback,
    details=(
        "Дробное, линейно внутри периода: 2,5 — середина третьего периода. Если не "
        "окупается — ошибка #N/A с суммой, что вернулась.",
        "Fractional, linear within a period: 2.5 means half-way through the third period. If "
        "the flows never repay it, the cell shows an #N/A error saying how much was repaid.",
    ),
    examples=(Example((1000, [[300], [400], [600]]), 2.5),),
    formats=("0.0",),
    spills=False,
)


def _ltv(arpu, margin, churn, months=None, discount=None):
    return core.ltv(arpu, margin, churn, given(months), given(discount))


LTV = Formula(
    "LTV",
    (
        "Пожизненная ценность клиента: Σ arpu·маржа·(1−отток)^t ÷ (1+дисконт)^t по периодам.",
        "Customer lifetime value: Σ arpu·margin·(1−churn)^t ÷ (1+discount)^t over the periods.",
    ),
    (
        Arg(
            "arpu",
            ("Средняя выручка с клиента за период.", "Average revenue per customer per period."),
        ),
        Arg("margin", ("Валовая маржа долей, например 35%.", "Gross margin as a ratio, e.g. 35%.")),
        Arg(
            "churn",
            (
                "Доля клиентов, уходящих за период, например 5%.",
                "Share of customers lost per period, e.g. 5%.",
            ),
        ),
        Arg(
            "months",
            (
                "Сколько периодов считать; пусто — вся ожидаемая жизнь клиента.",
                "Periods to count; blank = the customer's whole expected life.",
            ),
            default=None,
        ),
        Arg(
            "discount",
            (
                "Ставка дисконтирования за период, например 1%; пусто — без неё.",
                "Discount rate per period, e.g. 1%; blank = none.",
            ),
            default=None,
        ),
    ),
    _ltv,
    details=(
        "Без months — arpu·маржа ÷ отток (вся ожидаемая жизнь клиента). Сравните с "
        "затратами на привлечение клиента.",
        "Without months: arpu·margin ÷ churn (the whole expected lifetime). Compare it with "
        "the cost of acquiring a client.",
    ),
    examples=(
        Example((10000, Percent(0.3), Percent(0.05)), 60000),
        Example(
            (10000, Percent(0.3), Percent(0.05), 60, Percent(0.01)),
            49219,
            ("Пять лет по месяцам с дисконтом 1%.", "Five years by month, 1% discount."),
        ),
    ),
    formats=("#,##0",),
    spills=False,
)


def _cagr(start_value, end_value, years):
    return core.cagr(start_value, end_value, years)


CAGR = Formula(
    "CAGR",
    (
        "Среднегодовой темп роста: (конец ÷ начало)^(1 ÷ лет) − 1.",
        "Compound annual growth rate: (end ÷ start)^(1 ÷ years) − 1.",
    ),
    (
        Arg("start_value", ("Значение в начале, больше нуля.", "Value at the start, above 0.")),
        Arg("end_value", ("Значение в конце.", "Value at the end.")),
        Arg("years", ("Лет между ними, больше нуля.", "Years between them, above 0.")),
    ),
    _cagr,
    examples=(Example((100, 150, 3), 0.1447),),
    formats=("0.00%",),
    spills=False,
    # VBA cannot name an argument "end": messages name what the planner sees.
    renamed={"start": "start_value", "end": "end_value"},
)

FORMULAS = (ROI, PAYBACK, LTV, CAGR)
