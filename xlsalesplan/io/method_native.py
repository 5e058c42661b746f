"""The native Excel formulas of the strategy sheets' output tables (SPEC §8).

As in :mod:`xlsalesplan.io.native`, each rule gives one row's formula from the column letters of
the output table and of the input table beside it (same rows); the cached value is the Python
computation of :mod:`xlsalesplan.plan.method`'s modules, whose docstrings state the same rules.
Other tables are named by structured references (``tblProducts[Продажи за год]``), which
follow a table wherever the planner moves it. Only functions LibreOffice 7.4 computes too.
"""

from __future__ import annotations

from collections.abc import Callable

from xlsalesplan.io.layout import TABLES
from xlsalesplan.plan.columns import DOC_STATUS, STEP_STATUS
from xlsalesplan.plan.diversification import HHI_HIGH, HHI_LOW
from xlsalesplan.plan.economics import GOOD_RATIO, YEARS
from xlsalesplan.plan.labels import text
from xlsalesplan.plan.register import DUE_SOON_DAYS, HIGH_RISK, MEDIUM_RISK
from xlsalesplan.plan.schema import pick

Cells = dict[str, str]  # column key -> its cell in this row (output and source table)
Rule = Callable[[Cells, str], str]

# Defined names over the settings the formulas read (setting key -> name).
NAMES = {
    "concentration_limit": "ConcentrationLimit",
    "bonus_threshold": "BonusThreshold",
    "bonus_target": "BonusTarget",
    "bonus_accelerator": "BonusAccelerator",
    "bonus_cap": "BonusCap",
    "bonus_personal": "BonusPersonal",
    "discount_rate": "DiscountRate",
    "min_margin": "MinMargin",
    "fast_growth": "FastGrowth",
    "core_share": "CoreShare",
}


def ref(table: str, key: str, lang: str) -> str:
    """A structured reference to a table's column: ``tblProducts[Продажи за год]``."""
    return f"{table}[{TABLES[table].column(key).header(lang)}]"


def _q(lang: str, key: str) -> str:
    """A label as a formula's text constant."""
    return '"' + text(lang, key).replace('"', '""') + '"'


# ------------------------------------------------------------------ documents and factors
def _state(date_key: str, done: tuple[str, str]) -> Rule:
    def rule(c: Cells, lang: str) -> str:
        day, status = c[date_key], c["status"]
        finished = '"' + pick(lang, done) + '"'
        return (
            f"=IF({status}={finished},{_q(lang, 'state_done')},"
            f"IF({day}<AsOf,{_q(lang, 'state_overdue')},"
            f"IF({day}-AsOf<={DUE_SOON_DAYS},{_q(lang, 'state_soon')},"
            f"{_q(lang, 'state_on_time')})))"
        )

    return rule


def _days_left(date_key: str) -> Rule:
    return lambda c, lang: f"={c[date_key]}-AsOf"


def _horizon(c: Cells, lang: str) -> str:
    until = c["until"]
    return (
        f'=IF({until}="","",IF({until}<=DATE(PlanYear,12,31),{_q(lang, "horizon_operational")},'
        f"IF({until}<=DATE(PlanYear+3,1,1),{_q(lang, 'horizon_medium')},"
        f"{_q(lang, 'horizon_long')})))"
    )


# ------------------------------------------------------------------------------- risks
def _expected_loss(c: Cells, lang: str) -> str:
    return f"={c['probability']}*{c['impact']}"


def _investment_share(c: Cells, lang: str) -> str:
    invest = ref("tblInitiatives", "investment", lang)
    names = ref("tblInitiatives", "initiative", lang)
    return f'=IFERROR({c["expected_loss"]}/INDEX({invest},MATCH({c["initiative"]},{names},0)),"")'


def _risk_level(c: Cells, lang: str) -> str:
    share = c["investment_share"]
    return (
        f'=IF({share}="","",IF({share}>={HIGH_RISK},{_q(lang, "level_high")},'
        f"IF({share}>={MEDIUM_RISK},{_q(lang, 'level_medium')},{_q(lang, 'level_low')})))"
    )


# -------------------------------------------------------------------------------- SWOT
def _answers(table: str) -> Rule:
    def rule(c: Cells, lang: str) -> str:
        return f"=SUMPRODUCT(--({ref(table, 'action', lang)}={c['initiative']}))"

    return rule


# -------------------------------------------------------------------------- assortment
def _share_of_sales(c: Cells, lang: str) -> str:
    return f'=IFERROR({c["sales"]}/SUM({ref("tblProducts", "sales", lang)}),"")'


def _assortment(outcomes: tuple[str, ...]) -> Rule:
    """The rule chain of :func:`xlsalesplan.plan.assortment.suggest` with these six outcomes."""

    def rule(c: Cells, lang: str) -> str:
        m, g, s = c["margin"], c["growth"], c["share"]
        loss, low_falling, fast, core, steady, falling, low = (_q(lang, k) for k in outcomes)
        return (
            f"=IF({m}<0,{loss},IF(AND({m}<MinMargin,{g}<0),{low_falling},"
            f"IF(AND({g}>=FastGrowth,{m}>=MinMargin),{fast},"
            f"IF(AND(ISNUMBER({s}),{s}>=CoreShare,{m}>=MinMargin),{core},"
            f"IF(AND({m}>=MinMargin,{g}>=0),{steady},IF({g}<0,{falling},{low}))))))"
        )

    return rule


_STRATEGIES = (
    "line_optimisation",
    "line_optimisation",
    "line_extension",
    "full_range",
    "line_filling",
    "segment_range",
    "segment_range",
)
_REASONS = (
    "why_loss",
    "why_low_falling",
    "why_fast",
    "why_core",
    "why_steady",
    "why_falling",
    "why_low",
)


# ----------------------------------------------------------------------- concentration
def _volumes(lang: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(names, volumes) of the clients and of the suppliers."""
    return (
        (ref("tblClientSales", "client", lang), ref("tblClientSales", "sales", lang)),
        (ref("tblSuppliers", "supplier", lang), ref("tblSuppliers", "purchases", lang)),
    )


def _by_scope(make: Callable[[str, str], str], word: str) -> Rule:
    """A formula of the clients' or the suppliers' volumes, chosen by the row's first cell."""

    def rule(c: Cells, lang: str) -> str:
        (cn, cv), (sn, sv) = _volumes(lang)
        first = c["scope"] if "scope" in c else c["kind"]
        return f"=IF({first}={_q(lang, word)},{make(cn, cv)},{make(sn, sv)})"

    return rule


def _over_limit_rule(make: Callable[[str, str, str], str]) -> Rule:
    def rule(c: Cells, lang: str) -> str:
        name = c["name"]
        return _by_scope(lambda n, v: make(n, v, name), "kind_client")(c, lang)

    return rule


def _hhi_level(c: Cells, lang: str) -> str:
    hhi = c["hhi"]
    return (
        f'=IF({hhi}="","",IF({hhi}<{HHI_LOW},{_q(lang, "hhi_low")},'
        f"IF({hhi}<={HHI_HIGH},{_q(lang, 'hhi_moderate')},{_q(lang, 'hhi_high')})))"
    )


# --------------------------------------------------------------------------- motivation
def _payout(x: str) -> str:
    """The payout formula of :func:`xlsalesplan.plan.motivation.payout` for a completion x."""
    return (
        f"IF({x}<BonusThreshold,0,MIN(BonusCap,IF({x}<=BonusTarget,{x}/BonusTarget,"
        f"1+BonusAccelerator*({x}/BonusTarget-1))))"
    )


def _kpi_completion(c: Cells, lang: str) -> str:
    done, goal = c["kpi_fact"], c["kpi_goal"]
    return f'=IF(AND(ISNUMBER({done}),N({goal})>0),{done}/{goal},"")'


def _personal(c: Cells, lang: str) -> str:
    revenue = c["revenue"]
    return f"=IF(ISNUMBER({revenue}),{revenue},{c['kpi_completion']})"


def _part(result_key: str, share: str) -> Rule:
    def rule(c: Cells, lang: str) -> str:
        x = c[result_key]
        return f"=IF(ISNUMBER({x}),ROUND({c['target_bonus']}*{share}*{_payout(x)},0),0)"

    return rule


def _bonus(c: Cells, lang: str) -> str:
    return f"={c['personal_part']}+{c['team_part']}"


# ------------------------------------------------------------------------ client economics
def _margin_over(c: Cells, years: int) -> str:
    """One client's discounted margin over ``years`` years (:func:`core.ltv` with months)."""
    churn = c["churn"]
    q = f"(1-{churn})/(1+DiscountRate)"
    return f"{c['arpu']}*{c['margin']}*IF({churn}+DiscountRate=0,{years},(1-({q})^{years})/(1-{q}))"


def _ltv(c: Cells, lang: str) -> str:
    return "=" + _margin_over(c, YEARS)


def _ltv_cac(c: Cells, lang: str) -> str:
    return f'=IFERROR({c["ltv"]}/{c["cac"]},"")'


def _profit(c: Cells, lang: str) -> str:
    return f"={c['ltv']}-{c['cac']}"


def _economics_verdict(c: Cells, lang: str) -> str:
    ratio = c["ltv_cac"]
    return (
        f"=IF({ratio}>={GOOD_RATIO:g},{_q(lang, 'ltv_room')},"
        f"IF({ratio}>=1,{_q(lang, 'ltv_pays')},{_q(lang, 'ltv_loss')}))"
    )


def _cumulative(years: int) -> Rule:
    def rule(c: Cells, lang: str) -> str:
        if years == 0:
            return f"={c['clients']}*(-{c['cac']})"
        return f"={c['clients']}*(-{c['cac']}+{_margin_over(c, years)})"

    return rule


# ----------------------------------------------------------------------------- effects
def _actual(c: Cells, lang: str) -> str:
    return f'=IF({c["base"]}>0,{c["result"]}/{c["base"]},"")'


def _change(c: Cells, lang: str) -> str:
    now = c["actual"]
    return f'=IF(ISNUMBER({now}),{now}-{c["before"]},"")'


def _progress(c: Cells, lang: str) -> str:
    now, before, target = c["actual"], c["before"], c["target"]
    return f'=IF(AND(ISNUMBER({now}),{target}<>{before}),({now}-{before})/({target}-{before}),"")'


def _extra_margin(c: Cells, lang: str) -> str:
    now = c["actual"]
    return f'=IF(ISNUMBER({now}),({c["result"]}-{c["base"]}*{c["before"]})*{c["unit_margin"]},"")'


def status(key: str) -> Rule:
    """The status of a completion-like column against the OnTrack and AtRisk settings (blank
    while it is blank): plan–fact's, and an initiative effect's progress."""

    def rule(c: Cells, lang: str) -> str:
        done = c[key]
        return (
            f'=IF({done}="","",IF({done}>=OnTrack,{_q(lang, "on_track")},'
            f"IF({done}>=AtRisk,{_q(lang, 'at_risk')},{_q(lang, 'behind')})))"
        )

    return rule


def _sum_share(n: str, v: str) -> str:
    return f'IFERROR(MAX({v})/SUM({v}),"")'


RULES: dict[str, tuple[str | None, dict[str, Rule]]] = {
    "tblDocumentControl": (
        "tblDocuments",
        {
            "horizon": _horizon,
            "days_left": _days_left("due"),
            "state": _state("due", DOC_STATUS[-1]),
        },
    ),
    "tblFactorControl": (
        "tblFactors",
        {"days_left": _days_left("checkpoint"), "state": _state("checkpoint", STEP_STATUS[-1])},
    ),
    "tblRiskAssessment": (
        "tblRisks",
        {
            "expected_loss": _expected_loss,
            "investment_share": _investment_share,
            "level": _risk_level,
        },
    ),
    "tblSwotActions": (
        None,
        {"weaknesses": _answers("tblWeaknesses"), "threats": _answers("tblThreats")},
    ),
    "tblAssortment": (
        "tblProducts",
        {
            "share": _share_of_sales,
            "strategy": _assortment(_STRATEGIES),
            "reason": _assortment(_REASONS),
        },
    ),
    "tblConcentration": (
        None,
        {
            "total": _by_scope(lambda n, v: f"SUM({v})", "scope_clients"),
            "parts": _by_scope(lambda n, v: f"COUNT({v})", "scope_clients"),
            "largest": _by_scope(
                lambda n, v: f'IF(SUM({v})=0,"",INDEX({n},MATCH(MAX({v}),{v},0)))',
                "scope_clients",
            ),
            "largest_share": _by_scope(_sum_share, "scope_clients"),
            "hhi": _by_scope(
                lambda n, v: f'IFERROR(SUMPRODUCT(({v}/SUM({v})*100)^2),"")', "scope_clients"
            ),
            "over_limit": _by_scope(
                lambda n, v: f'IFERROR(SUMPRODUCT(--({v}/SUM({v})>ConcentrationLimit)),"")',
                "scope_clients",
            ),
            "level": _hhi_level,
        },
    ),
    "tblOverLimit": (
        None,
        {
            "share": _over_limit_rule(
                lambda n, v, name: f'IFERROR(SUMPRODUCT(--({n}={name}),{v})/SUM({v}),"")'
            ),
            "volume": _over_limit_rule(lambda n, v, name: f"SUMPRODUCT(--({n}={name}),{v})"),
        },
    ),
    "tblBonus": (
        "tblBonusTargets",
        {
            "kpi_completion": _kpi_completion,
            "personal": _personal,
            "personal_part": _part("personal", "BonusPersonal"),
            "team_part": _part("team", "(1-BonusPersonal)"),
            "bonus": _bonus,
        },
    ),
    "tblEconomics": (
        "tblChannels",
        {
            "ltv": _ltv,
            "ltv_cac": _ltv_cac,
            "profit": _profit,
            "verdict": _economics_verdict,
        },
    ),
    "tblCumulativeProfit": (
        "tblChannels",
        {f"y{k}": _cumulative(k) for k in range(YEARS + 1)},
    ),
    "tblEffectResults": (
        "tblEffects",
        {
            "actual": _actual,
            "change": _change,
            "progress": _progress,
            "extra_margin": _extra_margin,
            "status": status("progress"),
        },
    ),
}
