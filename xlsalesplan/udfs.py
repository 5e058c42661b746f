"""The formulas as Excel functions (xlwings UDFs): conversion only, the maths lives in ``core``.

Each function here receives what xlwings passes from a sheet — ranges as lists of rows, blank
cells as ``None``, dates as ``datetime`` — calls the plain Python function of the same name in
lower case, and returns a 2-D list that spills in the orientation of the main range (a row in →
a row out, a column in → a column out). Every error becomes an exception whose message Excel
shows for the cell: ``DECOMPOSE: weights[3,1]: 'abc' is not a number`` — the formula, the
argument and the cell inside the range (row, column, counted from 1).

The docstrings are the help that Excel's function wizard shows; its first 255 characters are
the description there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import xlwings as xw

from xlsalesplan import core
from xlsalesplan.core.args import ArgumentError, raw_array
from xlsalesplan.core.finance import NotReached

_F = TypeVar("_F", bound=Callable[..., Any])

CATEGORY = "xlsalesplan"

# Every Excel function of the add-in, in the order of the formula reference.
FORMULAS: list[Callable[..., Any]] = []


# Error cells (#N/A, #DIV/0!) arrive as their text, so that a formula names them instead of
# reading them as blanks and returning a silently wrong number.
_arg = functools.partial(xw.arg, err_to_str=True)


class FormulaError(ValueError):
    """What Excel shows in the cell's tooltip: the formula, the argument and the reason."""


def _formula(name: str, renamed: dict[str, str] | None = None) -> Callable[[_F], _F]:
    """Prefix every argument error with the formula's name, keeping the signature for xlwings.

    ``renamed`` maps a core argument's name to the Excel argument's, where they differ (VBA
    cannot take ``end`` as a name), so that messages name what the planner sees.
    """

    def wrap(fn: _F) -> _F:
        @functools.wraps(fn)
        def call(*args: Any) -> Any:
            try:
                return fn(*args)
            except NotReached as err:
                # Not a bad argument: the value does not exist, which Excel calls #N/A.
                raise FormulaError(f"{name}: #N/A: {err}") from None
            except ArgumentError as err:
                if renamed and err.argument in renamed:
                    err = ArgumentError(renamed[err.argument], err.reason, err.position)
                raise FormulaError(f"{name}: {err}") from None

        FORMULAS.append(call)
        return xw.func(category=CATEGORY)(call)  # type: ignore[return-value]

    return wrap


def _grid(result: Any, main: Any) -> list[list[Any]]:
    """A result laid out as Excel should spill it, in the orientation of the ``main`` range.

    An element-wise result keeps the main range's shape. A list of another length is a column,
    unless the main range is a single row.
    """
    arr = np.asarray(result, dtype=object)
    shape = raw_array(main).shape
    if arr.ndim == 0:
        return [[_cell(arr.item())]]
    if arr.ndim == 1:
        row = len(shape) == 2 and shape[0] == 1 and shape[1] > 1
        arr = arr.reshape(1, -1) if row else arr.reshape(-1, 1)
    return [[_cell(x) for x in row] for row in arr.tolist()]


def _cell(value: Any) -> Any:
    # A blank result (NaN) must reach Excel as an empty cell, not as #NUM!.
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def _blank(value: Any) -> bool:
    arr = raw_array(value)
    return arr.size == 0 or all(x is None or x == "" for x in arr.ravel().tolist())


def _opt(value: Any) -> Any:
    """An optional argument: a blank cell or a skipped argument means "not given"."""
    return None if value is None or _blank(value) else value


@_formula("DECOMPOSE")
@_arg("total", doc="The amount to split, e.g. the annual plan.")
@_arg(
    "weights",
    ndim=2,
    doc="Range of weights, one part per cell; or n for n equal parts.",
)
@_arg(
    "decimals",
    doc="Round the parts to this many decimals (0 = whole, -3 = thousands).",
)
@_arg(
    "locked",
    ndim=2,
    doc="Same size as weights: a filled cell keeps that value exactly.",
)
@_arg(
    "floor",
    ndim=2,
    doc="Smallest allowed part: one number or a range like weights.",
)
@_arg("cap", ndim=2, doc="Largest allowed part: one number or a range like weights.")
@xw.ret(expand="table")
def DECOMPOSE(total, weights, decimals=None, locked=None, floor=None, cap=None):
    """Splits a total into parts proportional to weights; rounded parts add up exactly.

    Use it to spread an annual plan over months, regions or people. Blank weights count as 0.
    With decimals, parts are rounded so that they sum exactly to the rounded total (largest
    remainder: ties go to the larger weight, then to the earlier cell). Locked cells keep their
    value; floor and cap bound every part and the rest is redistributed.

    Example: =DECOMPOSE(1200000; C2:C13; 0) spreads 1,200,000 over twelve months by the
    weights in C2:C13, whole roubles, summing exactly to 1,200,000.

    По-русски: Делит сумму на части пропорционально весам; округлённые части в сумме дают ровно
    округлённый итог (метод наибольших остатков: при равенстве — больший вес, затем более ранняя
    ячейка). Пустой вес = 0. Закреплённые ячейки (locked) сохраняют значение; floor и cap —
    нижняя и верхняя границы частей, излишек перераспределяется.

    Пример: =DECOMPOSE(1200000; C2:C13; 0) раскладывает 1 200 000 по двенадцати месяцам по весам
    из C2:C13, целыми рублями, ровно 1 200 000 в сумме.
    """
    # A single cell holds n, the number of equal parts: one weight alone would be pointless.
    cells = raw_array(weights)
    if cells.size == 1:
        weights = cells.ravel()[0]
    result = core.decompose(total, weights, _opt(decimals), _opt(locked), _opt(floor), _opt(cap))
    return _grid(result, weights)


@_formula("BALANCE")
@_arg(
    "row_totals",
    ndim=2,
    doc="A column of row totals, e.g. each employee's year goal.",
)
@_arg(
    "col_totals",
    ndim=2,
    doc="A row of column totals, e.g. the team's plan per month.",
)
@_arg(
    "seed",
    ndim=2,
    doc="Pattern (rows × columns); 0 keeps a cell at zero. Default all 1.",
)
@_arg("decimals", doc="Round to this many decimals; both margins stay exact.")
@xw.ret(expand="table")
def BALANCE(row_totals, col_totals, seed=None, decimals=None):
    """A table whose rows add up to row_totals and columns to col_totals, exactly.

    Iterative proportional fitting from the seed pattern, then rounding that keeps both the
    row and the column sums exact. Zero seed cells stay zero. The two sets of totals must add
    up to the same grand total.

    Example: =BALANCE(N2:N41; B1:M1; B2:M41; 0) gives each employee's goal per month, rows
    summing to the year goals in N2:N41 and columns to the monthly plan in B1:M1.

    По-русски: Таблица, строки которой в сумме дают row_totals, а столбцы — col_totals, точно.
    Итеративное пропорциональное выравнивание от шаблона seed, затем округление, сохраняющее обе
    суммы. Нулевые ячейки шаблона остаются нулями; итоги строк и столбцов должны совпадать.

    Пример: =BALANCE(N2:N41; B1:M1; B2:M41; 0) — цели сотрудников по месяцам: строки дают
    годовые цели из N2:N41, столбцы — план месяцев из B1:M1.
    """
    return _grid(core.balance(row_totals, col_totals, _opt(seed), _opt(decimals)), [[0, 0]])


@_formula("SEASONALITY")
@_arg("history", ndim=2, doc="At least two full cycles of history, oldest first.")
@_arg("period", doc="Length of one cycle: 12 for months (default), 4 for quarters.")
@xw.ret(expand="table")
def SEASONALITY(history, period=12):
    """Seasonal indices (average 1 over a cycle) from history: ratio to centred moving average.

    The first index belongs to the season of the first observation (with monthly history that
    starts in January, the first index is January's).

    Example: =SEASONALITY(B2:B37) on 36 months of sales gives 12 indices, e.g. 0.82 for
    January and 1.31 for December; multiply a flat monthly plan by them.

    По-русски: Индексы сезонности (в среднем 1 за цикл) по истории — отношение к центрированному
    скользящему среднему. Нужна история не менее двух полных циклов; первый индекс относится к
    сезону первого наблюдения.

    Пример: =SEASONALITY(B2:B37) по 36 месяцам продаж даёт 12 индексов, например 0,82 для января
    и 1,31 для декабря.
    """
    return _grid(core.seasonality(history, 12 if _blank(period) else period), history)


@_formula("WORKDAYS")
@_arg(
    "starts",
    ndim=2,
    doc="Start dates of the periods (a date or a range of dates).",
)
@_arg("ends", ndim=2, doc="End dates, inclusive: one date or a range like starts.")
@_arg("country", doc='Production calendar: "RU" (default), "KZ", "BY", "US", …')
@_arg(
    "holidays",
    ndim=2,
    doc="Extra days off (a range of dates), e.g. company days off.",
)
@_arg(
    "weekend",
    doc='Weekend as in NETWORKDAYS.INTL: "0000011" (Sat+Sun, default) or 1–17.',
)
@xw.ret(expand="table")
def WORKDAYS(starts, ends, country="RU", holidays=None, weekend="0000011"):
    """Working days in each period by the country's production calendar.

    Counts official holidays, transferred days off and working Saturdays of the calendar
    (Russia by default), plus your extra days off. Ready to use as DECOMPOSE weights.

    Example: =WORKDAYS(B1:M1; B2:M2) with month starts in row 1 and month ends in row 2
    gives 17, 19, 21, … for 2025 in Russia.

    По-русски: Рабочие дни в каждом периоде по производственному календарю страны (по умолчанию
    Россия): официальные праздники, перенесённые выходные и рабочие субботы, плюс ваши
    дополнительные выходные. Годится как веса для DECOMPOSE.

    Пример: =WORKDAYS(B1:M1; B2:M2) — начала месяцев в строке 1, концы в строке 2 — даёт 17, 20,
    21, … для 2025 года.
    """
    result = core.workdays(
        starts,
        ends,
        "RU" if _blank(country) else country,
        _opt(holidays),
        "0000011" if _blank(weekend) else weekend,
    )
    return _grid(result, starts)


@_formula("RAMP")
@_arg("hire_date", doc="The employee's hire date; blank = fully up to speed.")
@_arg(
    "period_starts",
    ndim=2,
    doc="Start dates of the periods, e.g. the first of each month.",
)
@_arg("ramp_months", doc="Months to reach full capacity (default 3).")
@xw.ret(expand="table")
def RAMP(hire_date, period_starts, ramp_months=3):
    """Capacity factor of an employee per period: 0 before hire, rising linearly to 1.

    Example: =RAMP(DATE(2025;3;1); B1:M1) gives 0 for January and February, then the ramp-up
    over March–May, then 1.

    По-русски: Коэффициент загрузки сотрудника по периодам: 0 до найма, затем линейный рост до 1
    за ramp_months месяцев (по умолчанию 3); каждый период получает среднее за свои дни.

    Пример: =RAMP(DATE(2026;3;1); B1:M1) даёт 0 за январь и февраль, затем выход на полную
    нагрузку за март–май.
    """
    return _grid(
        core.ramp(hire_date, period_starts, 3 if _blank(ramp_months) else ramp_months),
        period_starts,
    )


@_formula("FUNNEL")
@_arg("target", doc="What you need at the bottom of the funnel, e.g. 120 deals.")
@_arg(
    "rates",
    ndim=2,
    doc="Conversion rates between stages, bottom up: into the target first.",
)
@xw.ret(expand="table")
def FUNNEL(target, rates):
    """Volumes needed at each funnel stage to reach a target, from the bottom up.

    Rates run from the bottom up, like the result: the first is the conversion into the target
    stage. Returns the target followed by each upper stage (target ÷ cumulative conversion),
    each rounded up to whole units from its exact requirement.

    Example: =FUNNEL(120; {0,4;0,5;0,25}) with proposal→deal 40%, meeting→proposal 50% and
    lead→meeting 25% gives 120 deals, 300 proposals, 600 meetings, 2400 leads.

    По-русски: Сколько нужно на каждом этапе воронки, чтобы выйти на цель, снизу вверх.
    Конверсии тоже перечисляются снизу вверх: первая — конверсия в целевой этап. Каждый этап
    округляется вверх до целых.

    Пример: =FUNNEL(120; {0,4;0,5;0,25}) — 120 сделок, 300 предложений, 600 встреч, 2400 лидов.
    """
    return _grid(core.funnel(target, rates), rates)


@_formula("ROI")
@_arg("effect", ndim=2, doc="Effect (extra profit) of the change, for the period.")
@_arg("investment", ndim=2, doc="What the change cost; must be above 0.")
@_arg("months", ndim=2, doc="Months the effect covers; given, the ROI is annualised.")
@xw.ret(expand="table")
def ROI(effect, investment, months=None):
    """Return on investment: effect ÷ investment (format the cell as %).

    With months, annualised: (1 + ROI)^(12 / months) − 1, so changes judged over different
    periods compare fairly.

    Example: =ROI(150000; 500000) gives 30%; =ROI(150000; 500000; 6) gives 69% a year.

    По-русски: Окупаемость инвестиций: эффект ÷ инвестиции (формат ячейки — %). С months —
    годовая: (1 + ROI)^(12 / months) − 1, чтобы сравнивать изменения, оценённые за разные сроки.

    Пример: =ROI(150000; 500000) даёт 30%; =ROI(150000; 500000; 6) — 69% годовых.
    """
    return _grid(core.roi(effect, investment, _opt(months)), effect)


@_formula("PAYBACK")
@_arg("investment", doc="The amount invested at the start.")
@_arg("flows", ndim=2, doc="Cash flows per period after the investment, in order.")
def PAYBACK(investment, flows):
    """Periods until the cumulative flows repay the investment (fractional, linear in a period).

    2.5 means half-way through the third period. If the flows never repay it, the cell shows
    an error saying how much was repaid.

    Example: =PAYBACK(1000; {300;400;600}) gives 2.5.

    По-русски: Число периодов до окупаемости: когда накопленные потоки достигают инвестиций
    (дробное, линейно внутри периода). 2,5 — середина третьего периода. Если не окупается —
    ошибка #N/A с суммой, что вернулась.

    Пример: =PAYBACK(1000; {300;400;600}) даёт 2,5.
    """
    return core.payback(investment, flows)


@_formula("LTV")
@_arg("arpu", doc="Average revenue per customer per period.")
@_arg("margin", doc="Gross margin as a ratio, e.g. 35%.")
@_arg("churn", doc="Share of customers lost per period, e.g. 5%.")
@_arg("months", doc="Periods to count; blank = the customer's whole expected life.")
@_arg("discount", doc="Discount rate per period, e.g. 1%; blank = none.")
def LTV(arpu, margin, churn, months=None, discount=None):
    """Customer lifetime value: Σ arpu·margin·(1−churn)^t ÷ (1+discount)^t over the periods.

    Without months: arpu·margin ÷ churn (the whole expected lifetime).

    Example: =LTV(10000; 30%; 5%) gives 60,000.

    По-русски: Пожизненная ценность клиента: Σ arpu·маржа·(1−отток)^t ÷ (1+дисконт)^t по
    периодам; без months — arpu·маржа ÷ отток (вся ожидаемая жизнь клиента).

    Пример: =LTV(10000; 30%; 5%) даёт 60 000.
    """
    return core.ltv(arpu, margin, churn, _opt(months), _opt(discount))


@_formula("CAGR", {"start": "start_value", "end": "end_value"})
@_arg("start_value", doc="Value at the start, above 0.")
@_arg("end_value", doc="Value at the end.")
@_arg("years", doc="Years between them, above 0.")
def CAGR(start_value, end_value, years):
    """Compound annual growth rate: (end ÷ start)^(1 ÷ years) − 1.

    Example: =CAGR(100; 150; 3) gives 14.47%.

    По-русски: Среднегодовой темп роста: (конец ÷ начало)^(1 ÷ лет) − 1.

    Пример: =CAGR(100; 150; 3) даёт 14,47%.
    """
    return core.cagr(start_value, end_value, years)


@_formula("PLANFACT")
@_arg("plan", ndim=2, doc="The plan figures.")
@_arg("fact", ndim=2, doc="The actual figures, same size; blank = not reported yet.")
@xw.ret(expand="table")
def PLANFACT(plan, fact):
    """Plan completion: fact ÷ plan (format as %). A blank plan gives a blank cell.

    Example: =PLANFACT(B2:M2; B3:M3) gives each month's completion, e.g. 104%.

    По-русски: Выполнение плана: факт ÷ план (формат — %). Пустой план или ещё не внесённый факт
    дают пустую ячейку.

    Пример: =PLANFACT(B2:M2; B3:M3) — выполнение по месяцам, например 104%.
    """
    return _grid(core.planfact(plan, fact), plan)


@_formula("RUNRATE")
@_arg("fact_to_date", ndim=2, doc="The actual so far in the period.")
@_arg("elapsed", ndim=2, doc="Working days elapsed in the period.")
@_arg("total", ndim=2, doc="Working days in the whole period.")
@xw.ret(expand="table")
def RUNRATE(fact_to_date, elapsed, total):
    """Forecast for the period end at the current pace: fact_to_date × total ÷ elapsed.

    Example: =RUNRATE(600000; 12; 20) gives 1,000,000.

    По-русски: Прогноз на конец периода при текущем темпе: факт на дату × рабочих дней всего ÷
    прошедших.

    Пример: =RUNRATE(600000; 12; 20) даёт 1 000 000.
    """
    return _grid(core.runrate(fact_to_date, elapsed, total), fact_to_date)


@_formula("HORIZON", {"lang": "language"})
@_arg("deadline", ndim=2, doc="The goal's deadline (a date or a range of dates).")
@_arg("as_of", doc="The date to judge from; blank = today.")
@_arg("language", doc='"ru" (default) for Russian labels, "en" for English.')
@xw.ret(expand="table")
def HORIZON(deadline, as_of=None, language="ru"):
    """The goal's horizon: operational (this calendar year), medium-term (within 3 years) or
    long-term (later).

    Example: =HORIZON(DATE(2030;12;31); DATE(2025;1;1)) gives "долгосрочная"; with "en" as the
    third argument, "long-term".

    По-русски: Горизонт цели: операционная (до конца текущего года), среднесрочная (в пределах 3
    лет) или долгосрочная (позже).

    Пример: =HORIZON(DATE(2030;12;31); DATE(2026;1;1)) даёт «долгосрочная».
    """
    lang = "ru" if _blank(language) else str(language).strip().lower()
    return _grid(core.horizon(deadline, _opt(as_of), lang=lang), deadline)


@_formula("CONCENTRATION")
@_arg("volumes", ndim=2, doc="Volumes per client or supplier.")
@_arg("limit", doc="Largest acceptable share (default 4%).")
@xw.ret(expand="table")
def CONCENTRATION(volumes, limit=0.04):
    """Concentration of a portfolio: the largest share, the HHI, and a flag if over the limit.

    Returns three cells: the largest share of the total, the Herfindahl–Hirschman index
    (0–10,000) and TRUE when the largest share is above the limit (4% by default, the
    diversification rule).

    Example: =CONCENTRATION(B2:B200) gives 0.061; 312; TRUE.

    По-русски: Концентрация портфеля: наибольшая доля, индекс Херфиндаля–Хиршмана (0–10 000) и
    ИСТИНА, если наибольшая доля выше предела (по умолчанию 4% — правило диверсификации).

    Пример: =CONCENTRATION(B2:B200) даёт 0,061; 312; ИСТИНА.
    """
    res = core.concentration(volumes, 0.04 if _blank(limit) else limit)
    return _grid(list(res.as_row()), volumes)
