"""The native Excel formulas that output tables carry, so the file stays live without Python.

Each output column that Excel can compute itself (sums, ratios, completion, status, dates) is
written as a formula together with its cached value from the Python computation, so the file
reads right in any viewer. Both the template builder and the on-disk refresh take the formulas
from here, so that a built and a refreshed plan carry the same ones.

Formulas use only functions that Excel and LibreOffice both compute (no LET, XLOOKUP, …), and
plain A1 references within the row: output tables sit beside the input table they derive from,
on the same rows.
"""

from __future__ import annotations

from collections.abc import Callable

from xlsxwriter.utility import xl_col_to_name

from xlsalesplan.io import method_native
from xlsalesplan.io.layout import MONTH_KEYS, TABLES
from xlsalesplan.plan.labels import text
from xlsalesplan.plan.roi import MIN_CONFIDENCE, MIN_MONTHS

# Defined names the template creates over the Settings values.
NAMES = {
    "on_track": "OnTrack",
    "at_risk": "AtRisk",
    "plan_year": "PlanYear",
    "as_of": "AsOf",
    **method_native.NAMES,
}

Columns = dict[str, str]  # column key -> column letter, for the output and its input table
Rule = Callable[[Columns, int, str], str]


def _sum_months(c: Columns, r: int, lang: str) -> str:
    return f"=SUM({c[MONTH_KEYS[0]]}{r}:{c[MONTH_KEYS[-1]]}{r})"


def _roi(c: Columns, r: int, lang: str) -> str:
    return f'=IFERROR({c["effect"]}{r}/{c["investment"]}{r},"")'


def _roi_annual(c: Columns, r: int, lang: str) -> str:
    roi, months = f"{c['roi']}{r}", f"{c['months']}{r}"
    return f'=IF(AND(ISNUMBER({roi}),ISNUMBER({months}),{months}>0),(1+{roi})^(12/{months})-1,"")'


def _roi_risk(c: Columns, r: int, lang: str) -> str:
    annual, conf = f"{c['roi_annual']}{r}", f"{c['confidence']}{r}"
    return f'=IF(ISNUMBER({annual}),{annual}*{conf},"")'


def _verdict(c: Columns, r: int, lang: str) -> str:
    # The same rules, in the same order, as plan.roi.verdict.
    months, conf = f"{c['months']}{r}", f"{c['confidence']}{r}"
    risk, hurdle = f"{c['roi_risk']}{r}", f"{c['hurdle']}{r}"
    too, low, below, meets = (
        text(lang, k) for k in ("too_early", "low_confidence", "below_hurdle", "meets_hurdle")
    )
    return (
        f'=IF({months}<{MIN_MONTHS},"{too}",IF({conf}<{MIN_CONFIDENCE},"{low}",'
        f'IF({risk}<{hurdle},"{below}","{meets}")))'
    )


def _completion(c: Columns, r: int, lang: str) -> str:
    plan, fact = f"{c['plan_to_date']}{r}", f"{c['fact_to_date']}{r}"
    # No actuals yet is no completion (blank), not 0 %: as plan.control computes it.
    return f'=IF(AND(ISNUMBER({plan}),{plan}>0,ISNUMBER({fact})),{fact}/{plan},"")'


def status_labels(lang: str) -> tuple[str, str, str]:
    """The three statuses of plan–fact control, best first."""
    return tuple(text(lang, key) for key in ("on_track", "at_risk", "behind"))  # type: ignore[return-value]


def _status(c: Columns, r: int, lang: str) -> str:
    on, risk, behind = status_labels(lang)
    done = f"{c['completion']}{r}"
    return (
        f'=IF({done}="","",IF({done}>={NAMES["on_track"]},"{on}",'
        f'IF({done}>={NAMES["at_risk"]},"{risk}","{behind}")))'
    )


def _end(c: Columns, r: int, lang: str) -> str:
    # A calendar plan's row has fractional weeks (its days ÷ 7): ROUND gives its days back.
    return f"={c['start']}{r}+ROUND({c['weeks']}{r}*7,0)-1"


# output table -> (the input table whose columns the formulas may use, {column key: rule})
RULES: dict[str, tuple[str | None, dict[str, Rule]]] = {
    "tblSalesPlan": (None, {"total": _sum_months}),
    "tblEmployeeGoals": (None, {"total": _sum_months}),
    "tblROI": (
        "tblInitiatives",
        {"roi": _roi, "roi_annual": _roi_annual, "roi_risk": _roi_risk, "verdict": _verdict},
    ),
    "tblPlanFact": (None, {"completion": _completion, "status": _status}),
    "tblRoadmap": (None, {"end": _end}),
    **method_native.RULES,  # the strategy sheets of the method (§8)
}


def column_letters(table: str, first_col: int, source_first_col: int | None) -> Columns:
    """Column letters of a table's keys, and of its source table's keys not already there."""
    letters = {k: xl_col_to_name(first_col + i) for i, k in enumerate(TABLES[table].keys)}
    source = RULES.get(table, (None, {}))[0]
    if source is not None and source_first_col is not None:
        for i, k in enumerate(TABLES[source].keys):
            letters.setdefault(k, xl_col_to_name(source_first_col + i))
    return letters


def row_formulas(table: str, letters: Columns, excel_row: int, lang: str) -> dict[str, str]:
    """The formulas of one row of an output table (1-based Excel row), by column key."""
    rules = RULES.get(table, (None, {}))[1]
    return {key: rule(letters, excel_row, lang) for key, rule in rules.items()}
