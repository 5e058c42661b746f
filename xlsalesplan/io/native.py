"""The native Excel formulas that output tables carry, so the file stays live without Python.

Each output column that Excel can compute itself (sums, ratios, completion, status, dates) is
written as a formula together with its cached value from the Python computation, so the file
reads right in any viewer. Both the template builder and the on-disk refresh take the formulas
from here, so that a built and a refreshed plan carry the same ones.

Formulas use only functions that Excel and LibreOffice both compute (no LET, XLOOKUP, …), and
plain A1 references computed when they are written: to the output row itself and, for tables
derived from an input table (ROI from the initiatives), to that table's row of the same
position, wherever each table is now. Excel keeps them pointing right when the planner later
moves either table.

Examples
--------
>>> row_formulas("tblRoadmap", (4, 6), None, 0, "en")
{'end': '=I6+ROUND(L6*7,0)-1'}
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from xlsxwriter.utility import xl_col_to_name

from xlsalesplan.io import method_native
from xlsalesplan.io.layout import MONTH_KEYS, TABLES
from xlsalesplan.plan.labels import text
from xlsalesplan.plan.roi import DEFAULT_WINDOW, MIN_CONFIDENCE

# Defined names the template creates over the Settings values.
NAMES = {
    "on_track": "OnTrack",
    "at_risk": "AtRisk",
    "plan_year": "PlanYear",
    "as_of": "AsOf",
    "roi_window": "RoiWindow",
    **method_native.NAMES,
}

Cells = dict[str, str]  # column key -> its cell in this row, for the output and its source
Rule = Callable[[Cells, str], str]


def _sum_months(c: Cells, lang: str) -> str:
    return f"=SUM({c[MONTH_KEYS[0]]}:{c[MONTH_KEYS[-1]]})"


def _months(c: Cells, lang: str) -> str:
    return f"={c['months_in']}"


def _roi(c: Cells, lang: str) -> str:
    return f'=IFERROR({c["effect"]}/{c["investment"]},"")'


def _roi_annual(c: Cells, lang: str) -> str:
    roi, months = c["roi"], c["months"]
    # A year of measurement at least: a shorter period is not extrapolated.
    return f'=IF(AND(ISNUMBER({roi}),ISNUMBER({months}),{months}>=12),(1+{roi})^(12/{months})-1,"")'


def _roi_risk(c: Cells, lang: str) -> str:
    roi, conf = c["roi"], c["confidence"]
    return f'=IF(ISNUMBER({roi}),{roi}*{conf},"")'


def _hurdle_period(c: Cells, lang: str) -> str:
    months, hurdle = c["months"], c["hurdle"]
    return f'=IF(ISNUMBER({months}),(1+{hurdle})^({months}/12)-1,"")'


def _verdict(c: Cells, lang: str) -> str:
    # The same rules, in the same order, as plan.roi.verdict.
    months, conf = c["months"], c["confidence"]
    risk, hurdle = c["roi_risk"], c["hurdle_period"]
    window = f"IF(ISNUMBER({NAMES['roi_window']}),{NAMES['roi_window']},{DEFAULT_WINDOW})"
    too, low, below, meets = (
        text(lang, k) for k in ("too_early", "low_confidence", "below_hurdle", "meets_hurdle")
    )
    return (
        f'=IF({months}<{window},"{too}",IF({conf}<{MIN_CONFIDENCE},"{low}",'
        f'IF({risk}<{hurdle}-1E-12,"{below}","{meets}")))'
    )


def _completion(c: Cells, lang: str) -> str:
    plan, fact = c["plan_to_date"], c["fact_to_date"]
    # No actuals yet is no completion (blank), not 0 %: as plan.control computes it.
    return f'=IF(AND(ISNUMBER({plan}),{plan}>0,ISNUMBER({fact})),{fact}/{plan},"")'


def _remaining(c: Cells, lang: str) -> str:
    goal, fact = c["year_goal"], c["fact_to_date"]
    return f'=IF(ISNUMBER({fact}),{goal}-{fact},"")'


def _forecast(c: Cells, lang: str) -> str:
    # The seasonal forecast: the fact plus the rest of the plan at the pace so far.
    goal, plan, fact, done = c["year_goal"], c["plan_to_date"], c["fact_to_date"], c["completion"]
    return f'=IF(ISNUMBER({done}),{fact}+({goal}-{plan})*{done},"")'


def status_labels(lang: str) -> tuple[str, str, str]:
    """The three statuses of plan–fact control, best first."""
    return tuple(text(lang, key) for key in ("on_track", "at_risk", "behind"))  # type: ignore[return-value]


def _end(c: Cells, lang: str) -> str:
    # A calendar plan's row has fractional weeks (its days ÷ 7): ROUND gives its days back.
    return f"={c['start']}+ROUND({c['weeks']}*7,0)-1"


def _change(c: Cells, lang: str) -> str:
    value, base = c["value"], c["base"]
    return f'=IF(AND(ISNUMBER({value}),ISNUMBER({base}),{base}<>0),{value}/{base}-1,"")'


def _minus(key: str, less: str) -> Rule:
    """One column less another, blank unless both are numbers."""

    def rule(c: Cells, lang: str) -> str:
        a, b = c[key], c[less]
        return f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}-{b},"")'

    return rule


# output table -> (the input table whose columns the formulas may use, {column key: rule})
RULES: dict[str, tuple[str | None, dict[str, Rule]]] = {
    "tblSalesPlan": (None, {"total": _sum_months}),
    "tblEmployeeGoals": (None, {"total": _sum_months}),
    "tblROI": (
        "tblInitiatives",
        {
            "months": _months,
            "roi": _roi,
            "roi_annual": _roi_annual,
            "roi_risk": _roi_risk,
            "hurdle_period": _hurdle_period,
            "verdict": _verdict,
        },
    ),
    "tblPlanFact": (
        None,
        {
            "completion": _completion,
            "remaining": _remaining,
            "forecast": _forecast,
            "status": method_native.status("completion"),
        },
    ),
    "tblTeamResults": (
        None,
        {
            "completion": _completion,
            "remaining": _remaining,
            "forecast": _forecast,
            "status": method_native.status("completion"),
        },
    ),
    "tblRoadmap": (None, {"end": _end}),
    **method_native.RULES,  # the strategy sheets of the method (§8)
    "tblScenarioResults": (None, {"change": _change}),
    "tblProposals": (None, {"difference": _minus("proposed", "current")}),
    "tblPublished": (None, {"gap": _minus("total", "own_plan")}),
    "tblConsolidation": (None, {"total": _sum_months}),
}


def row_formulas(
    table: str,
    origin: tuple[int, int],
    source_origin: tuple[int, int] | None,
    i: int,
    lang: str,
) -> dict[str, str]:
    """The formulas of data row ``i`` (0-based) of an output table, by column key.

    ``origin`` and ``source_origin`` are the 0-based (row, column) of the header's first cell
    of the table and of its source table (None where it has none).
    """
    source, rules = RULES.get(table, (None, {}))
    cells = _row_cells(table, origin, i)
    if source is not None and source_origin is not None:
        for key, cell in _row_cells(source, source_origin, i).items():
            # A source column of the same key as the output's is read as "<key>_in".
            cells.setdefault(key if key not in cells else f"{key}_in", cell)
    return {key: rule(cells, lang) for key, rule in rules.items()}


def _row_cells(table: str, origin: tuple[int, int], i: int) -> Cells:
    row = origin[0] + 2 + i  # 1-based Excel row of data row i
    return {key: f"{letters}{row}" for key, letters in _letters(table, origin[1])}


@functools.lru_cache(maxsize=256)
def _letters(table: str, first_col: int) -> tuple[tuple[str, str], ...]:
    """Each column key of a table with its column letters, the table starting at ``first_col``
    (made once per table and place: every row of a refresh needs them)."""
    return tuple((k, xl_col_to_name(first_col + j)) for j, k in enumerate(TABLES[table].keys))


def source_of(table: str) -> str | None:
    """The input table whose cells an output table's formulas read (None: only its own)."""
    return RULES.get(table, (None, {}))[0]
