"""The strategy sheets of the method (§8) against hand calculations: bonuses, KPI goals,
concentration, LTV against acquisition cost, the five-year case, effects, registers, assortment.

Every expected number is worked out in the comment above it, never taken from this code.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlsalesplan.plan.assortment import suggest
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.diversification import concentration_tables
from xlsalesplan.plan.economics import economics_tables, effect_results
from xlsalesplan.plan.model import frame
from xlsalesplan.plan.motivation import bonus_parts, bonus_table, kpi_to_date, payout
from xlsalesplan.plan.register import document_control, risk_assessment, swot_actions

D = dt.date
RULES = {
    "bonus_threshold": 0.8,
    "bonus_target": 1.0,
    "bonus_accelerator": 2.0,
    "bonus_cap": 1.5,
    "bonus_personal": 0.7,
}


# ------------------------------------------------------------------------------ bonus
@pytest.mark.parametrize(
    ("completion", "expected"),
    [
        (None, 0.0),
        (0.0, 0.0),
        (0.79, 0.0),  # below the 80 % threshold nothing is paid
        (0.8, 0.8),  # at the threshold: 0.8 / 1.0
        (0.95, 0.95),
        (1.0, 1.0),
        (1.1, 1.2),  # 1 + 2 × (1.1 − 1)
        (1.25, 1.5),  # 1 + 2 × 0.25 = 1.5, exactly the cap
        (1.4, 1.5),  # 1 + 2 × 0.4 = 1.8, capped at 1.5
    ],
)
def test_payout_by_hand(completion, expected):
    assert payout(completion, RULES) == pytest.approx(expected)


def test_bonus_parts_by_hand():
    # Target bonus 240,000; personal result 90 %, team result 110 %:
    # personal 240,000 × 0.7 × 0.9 = 151,200; team 240,000 × 0.3 × (1 + 2 × 0.1) = 86,400.
    assert bonus_parts(240_000, 0.9, 1.1, RULES) == (151_200, 86_400)
    # Below the threshold the personal part is 0; the team's 95 % still pays 240,000 × 0.3 ×
    # 0.95 = 68,400.
    assert bonus_parts(240_000, 0.79, 0.95, RULES) == (0, 68_400)
    # 140 % is capped at 150 % of the bonus: 240,000 × 0.7 × 1.5 = 252,000; no team result, 0.
    assert bonus_parts(240_000, 1.4, None, RULES) == (252_000, 0)
    # 100 % paid at 110 % completion: 99 % pays 0.99 / 1.1 = 0.9 → 100,000 × 0.7 × 0.9 = 63,000.
    later = {**RULES, "bonus_target": 1.1}
    assert bonus_parts(100_000, 0.99, None, later) == (63_000, 0)


def _small_team():
    """Seller A and lead generator B in R1, seller C in R2, as the plan's outputs show them."""
    employees = pd.DataFrame({"employee": ["A", "B", "C"], "region": ["R1", "R1", "R2"]})
    # Tier goals: A and C 10 deals a month each, B 100 leads a month (B hired in April: none
    # before, 120 from May).
    months = {
        f"m{m:02d}": [10.0, 0.0 if m < 4 else 60.0 if m == 4 else 120.0, 10.0] for m in range(1, 13)
    }
    tier_goals = pd.DataFrame(
        {
            "employee": ["A", "B", "C"],
            "role": ["AE", "LG", "AE"],
            "unit": ["Deals", "Leads", "Deals"],
            **months,
        }
    )
    planfact = pd.DataFrame(
        {
            "employee": ["A", "B", "C"],
            "region": ["R1", "R1", "R2"],
            "completion": [0.9, None, 1.2],
        }
    )
    teams = pd.DataFrame(
        {
            "level": ["region", "region", "tier"],
            "name": ["R1", "R2", "AE"],
            # R1: 900,000 of A's 1,000,000 (B reports no revenue); R2: 600,000 of 500,000.
            "completion": [0.9, 1.2, 1.0],
        }
    )
    settings = {**RULES, "language": "en", "country": "none", "as_of": D(2026, 7, 1)}
    return employees, tier_goals, planfact, teams, settings


def test_kpi_goals_are_the_tier_goals_to_the_cut_off():
    _, tier_goals, _, _, settings = _small_team()
    # To 1 July (January–June): A and C 6 × 10 = 60 deals; B 60 + 2 × 120 = 300 leads.
    assert kpi_to_date(tier_goals, settings).tolist() == [60, 300, 60]
    # To 16 July the July goal counts for the working days gone (weekends only: 11 of 23):
    # 60 + 10 × 11 / 23 = 64.78 → 65 deals; 300 + 120 × 11 / 23 = 357.39 → 357 leads.
    mid = {**settings, "as_of": D(2026, 7, 16)}
    assert kpi_to_date(tier_goals, mid).tolist() == [65, 357, 65]


def test_bonus_table_by_hand():
    employees, tier_goals, planfact, teams, settings = _small_team()
    targets = pd.DataFrame(
        {
            "employee": ["A", "B", "C"],
            "target_bonus": [100_000.0, 50_000.0, 100_000.0],
            "kpi_fact": [66.0, 330.0, None],
        }
    )
    table = bonus_table(targets, employees, tier_goals, planfact, teams, settings)
    assert table["team"].tolist() == pytest.approx([0.9, 0.9, 1.2])
    # A sells: personal = revenue 0.9 → 100,000 × 0.7 × 0.9 = 63,000; team 0.9 → 27,000.
    # B generates leads: KPI 330 / 300 = 1.1 → payout 1.2 → 50,000 × 0.7 × 1.2 = 42,000;
    #   team 0.9 → 50,000 × 0.3 × 0.9 = 13,500.
    # C: revenue 1.2 → payout 1 + 2 × 0.2 = 1.4 → 98,000; team 1.2 → 100,000 × 0.3 × 1.4 = 42,000.
    assert table["personal_part"].tolist() == [63_000, 42_000, 98_000]
    assert table["team_part"].tolist() == [27_000, 13_500, 42_000]
    assert table["bonus"].tolist() == [90_000, 55_500, 140_000]
    assert table["kpi_goal"].tolist() == [60, 300, 60]
    assert table["kpi_completion"].tolist()[:2] == pytest.approx([1.1, 1.1])
    assert math.isnan(table["kpi_completion"].iloc[2])  # no KPI typed in


completions = st.one_of(st.none(), st.floats(0, 3, allow_nan=False))


@given(
    a=st.floats(0, 3),
    b=st.floats(0, 3),
    threshold=st.floats(0, 1),
    target=st.floats(0.5, 1.5),
    accelerator=st.floats(1, 4),
    cap=st.floats(0.5, 3),
)
def test_payout_never_falls_and_never_exceeds_the_cap(a, b, threshold, target, accelerator, cap):
    rules = {
        "bonus_threshold": min(threshold, target),
        "bonus_target": target,
        "bonus_accelerator": accelerator,
        "bonus_cap": cap,
    }
    low, high = sorted((a, b))
    assert 0 <= payout(low, rules) <= payout(high, rules) <= cap


@given(personal=completions, more=st.floats(0, 1), team=completions, bonus=st.floats(0, 1e7))
def test_a_better_result_never_pays_less(personal, more, team, bonus):
    mine, ours = bonus_parts(bonus, personal, team, RULES)
    better = None if personal is None else personal + more
    mine_better, _ = bonus_parts(bonus, better, team, RULES)
    assert mine <= mine_better
    # Never above the cap: 150 % of each part's share of the target bonus (+ rounding).
    assert mine <= bonus * 0.7 * 1.5 + 0.5 and ours <= bonus * 0.3 * 1.5 + 0.5


# ----------------------------------------------------------------------- concentration
def test_concentration_by_hand():
    clients = pd.DataFrame({"client": list("ABCDEFG"), "sales": [30.0, 20, 10, 10, 10, 10, 10]})
    suppliers = pd.DataFrame({"supplier": ["P", "Q"], "purchases": [60.0, 40.0]})
    out = concentration_tables(clients, suppliers, 0.15, "en")
    summary = out["concentration"]
    # Clients: shares 30, 20, 10 × 5 % → HHI 900 + 400 + 5 × 100 = 1,800 (moderate); above
    # 15 %: A and B. Suppliers: 60² + 40² = 5,200 (high), both above 15 %.
    assert summary["scope"].tolist() == ["clients", "suppliers"]
    assert summary["total"].tolist() == [100, 100]
    assert summary["parts"].tolist() == [7, 2]
    assert summary["largest"].tolist() == ["A", "P"]
    assert summary["largest_share"].tolist() == pytest.approx([0.3, 0.6])
    assert summary["hhi"].tolist() == pytest.approx([1800, 5200])
    assert summary["over_limit"].tolist() == [2, 2]
    assert summary["level"].tolist() == ["moderate", "high"]
    listed = out["over_limit"]
    assert listed[["kind", "name"]].values.tolist() == [
        ["client", "A"],
        ["client", "B"],
        ["supplier", "P"],
        ["supplier", "Q"],
    ]
    assert listed["share"].tolist() == pytest.approx([0.3, 0.2, 0.6, 0.4])


def test_the_four_percent_rule():
    # 24 clients of 4 and one of 5: total 101. 5 / 101 = 4.95 % is above 4 %, 4 / 101 = 3.96 %
    # is not. HHI = (500/101)² + 24 × (400/101)² = (250,000 + 3,840,000) / 10,201 = 400.94.
    clients = pd.DataFrame({"client": [f"c{i}" for i in range(25)], "sales": [5.0] + [4.0] * 24})
    none = pd.DataFrame({"supplier": [], "purchases": []})
    out = concentration_tables(clients, none, 0.04, "en")
    row = out["concentration"].iloc[0]
    assert row["hhi"] == pytest.approx(4_090_000 / 10_201)
    assert row["over_limit"] == 1 and row["level"] == "low"
    assert out["over_limit"][["name", "share"]].values.tolist() == [["c0", pytest.approx(5 / 101)]]
    # Exactly 4 % is not above the limit: 25 equal clients, nobody listed.
    equal = pd.DataFrame({"client": [f"c{i}" for i in range(25)], "sales": [4.0] * 25})
    assert concentration_tables(equal, none, 0.04, "en")["over_limit"].empty


def test_no_sales_give_a_row_without_shares():
    clients = pd.DataFrame({"client": ["A"], "sales": [0.0]})
    none = pd.DataFrame({"supplier": [], "purchases": []})
    row = concentration_tables(clients, none, 0.04, "en")["concentration"].iloc[0]
    assert row["total"] == 0 and row["largest"] == "" and row["level"] == ""


# --------------------------------------------------------------------- client economics
def _channel(cac: float, clients: int = 10) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "channel": "Shows",
                "cac": cac,
                "arpu": 400_000.0,
                "margin": 0.25,
                "churn": 0.2,
                "clients": clients,
            }
        ]
    )


def test_ltv_against_acquisition_cost_by_hand():
    # Margin a year 400,000 × 0.25 = 100,000; q = (1 − 0.2) / (1 + 0.25) = 0.64:
    # LTV = 100,000 × (1 + 0.64 + 0.4096 + 0.262144 + 0.16777216) = 247,951.616.
    settings = {"discount_rate": 0.25}
    out = economics_tables(_channel(150_000), settings, "en")
    row = out["economics"].iloc[0]
    assert row["ltv"] == pytest.approx(247_951.616)
    assert row["ltv_cac"] == pytest.approx(247_951.616 / 150_000)
    # Payback: 100,000 in year 1, then 50,000 of year 2's 64,000: 1 + 50/64 = 1.78125 years.
    assert row["payback"] == pytest.approx(1.78125)
    assert row["profit"] == pytest.approx(97_951.616)
    assert row["verdict"] == "pays back within 5 years"
    # Ten clients: now −1.5 m; after k years 10 × (LTV over k years − 150,000):
    # k=1 −500,000; k=2 10 × (164,000 − 150,000) = 140,000; k=3 10 × 54,960 = 549,600;
    # k=4 10 × 81,174.4 = 811,744; k=5 10 × 97,951.616 = 979,516.16.
    cumulative = out["cumulative_profit"].iloc[0]
    assert [cumulative[f"y{k}"] for k in range(6)] == pytest.approx(
        [-1_500_000, -500_000, 140_000, 549_600, 811_744, 979_516.16]
    )


def test_verdicts_and_payback_at_the_edges():
    settings = {"discount_rate": 0.25}
    # 247,951.616 / 30,000 = 8.3 ≥ 3: acquire. Paid back within the first year: 0.3.
    cheap = economics_tables(_channel(30_000), settings, "en")["economics"].iloc[0]
    assert cheap["verdict"] == "acquire: pays back with room"
    assert cheap["payback"] == pytest.approx(0.3)
    # Exactly the first year's margin: paid back at the end of year 1.
    assert economics_tables(_channel(100_000), settings, "en")["economics"].iloc[0][
        "payback"
    ] == pytest.approx(1.0)
    # 300,000 is more than five years bring: no payback, a loss.
    dear = economics_tables(_channel(300_000), settings, "en")["economics"].iloc[0]
    assert dear["verdict"] == "does not pay back in 5 years" and pd.isna(dear["payback"])


@given(
    cac=st.floats(1, 1e6),
    arpu=st.floats(0, 1e7),
    margin=st.floats(0, 1),
    churn=st.floats(0, 1),
    discount=st.floats(0, 1),
    clients=st.integers(0, 1000),
)
def test_the_five_year_case_ends_at_clients_times_ltv_less_cost(
    cac, arpu, margin, churn, discount, clients
):
    channel = pd.DataFrame(
        [
            {
                "channel": "x",
                "cac": cac,
                "arpu": arpu,
                "margin": margin,
                "churn": churn,
                "clients": clients,
            }
        ]
    )
    out = economics_tables(channel, {"discount_rate": discount}, "en")
    economics, cumulative = out["economics"].iloc[0], out["cumulative_profit"].iloc[0]
    years = [cumulative[f"y{k}"] for k in range(6)]
    assert years[0] == pytest.approx(-clients * cac)
    assert years[5] == pytest.approx(clients * economics["profit"], rel=1e-9, abs=1e-6)
    # Margins are never negative, so the profit never falls from one year to the next.
    assert all(b >= a - 1e-6 * (1 + abs(a)) for a, b in itertools.pairwise(years))
    # A payback exists exactly when five years repay the cost.
    if not pd.isna(economics["payback"]):
        assert 0 < economics["payback"] <= 5 and economics["ltv"] >= cac * (1 - 1e-9)


def test_effects_by_hand():
    effects = pd.DataFrame(
        [
            # Trial: 54 of 420 trials paid = 12.857 %; before 8 %, target 13 %:
            # progress 4.857 / 5 = 97.1 % (on track); extra paid (54 − 420 × 0.08) = 20.4 clients
            # × 4,800 = 97,920.
            ["Trial", "trial-to-paid conversion", 0.08, 0.13, 420, 54, 4_800.0],
            # Cross-selling: 1,552 items / 1,150 orders = 1.3496; before 1.2, target 1.4:
            # progress 0.14957 / 0.2 = 74.8 % (behind); extra items 1,552 − 1,380 = 172 × 3,000.
            ["Cross", "items per order", 1.2, 1.4, 1_150, 1_552, 3_000.0],
            # Nothing measured yet: no base.
            ["Later", "items per order", 1.2, 1.4, 0, 0, 3_000.0],
        ],
        columns=["initiative", "measure", "before", "target", "base", "result", "unit_margin"],
    )
    table = effect_results(effects, {"on_track": 0.95, "at_risk": 0.85}, "en")
    assert table["actual"].tolist()[:2] == pytest.approx([54 / 420, 1552 / 1150])
    progress = [(54 / 420 - 0.08) / 0.05, (1552 / 1150 - 1.2) / 0.2]
    assert table["progress"].tolist()[:2] == pytest.approx(progress)
    assert table["extra_margin"].tolist()[:2] == pytest.approx([97_920, 516_000])
    assert table["status"].tolist() == ["on track", "behind", ""]


# -------------------------------------------------------------------------- registers
def test_documents_horizon_days_and_state_by_hand():
    docs = pd.DataFrame(
        [
            ["Sales model", "in review", D(2026, 6, 30), D(2030, 12, 31)],
            ["Assortment policy", "in progress", D(2026, 7, 31), D(2028, 12, 31)],
            ["Partner policy", "not started", D(2026, 8, 1), D(2026, 12, 31)],
            ["Sales plan", "approved", D(2026, 1, 30), D(2029, 1, 1)],
            ["Regions", "Approved", D(2026, 9, 30), D(2029, 1, 2)],
        ],
        columns=["document", "status", "due", "until"],
    )
    table = document_control(docs, 2026, D(2026, 7, 1), "en")
    # Cut-off 1 July: 30 June is a day late; 31 July in 30 days is due soon, 1 August in 31
    # is on schedule; approved is done whatever the date (any case of the word).
    assert table["days_left"].tolist() == [-1, 30, 31, -152, 91]
    assert table["state"].tolist() == ["overdue", "due soon", "on schedule", "done", "done"]
    # Horizon from 1 January 2026: to the year end operational, to 1 January 2029 (three years
    # on) medium-term, later long-term.
    assert table["horizon"].tolist() == [
        "long-term",
        "medium-term",
        "operational",
        "medium-term",
        "long-term",
    ]


def test_risks_by_hand():
    initiatives = pd.DataFrame(
        {"initiative": ["CRM", "Hiring", "Cross"], "investment": [4_500_000.0, 6e6, 1e6]}
    )
    risks = pd.DataFrame(
        [
            ["overrun", "crm", 0.3, 1_350_000.0],  # 405,000 = 9 % of 4.5 m: medium
            ["late", "Hiring", 0.5, 2_400_000.0],  # 1.2 m = 20 % of 6 m: high
            ["exactly", "Cross", 0.1, 1_000_000.0],  # 100,000 = 10 % of 1 m: high (from 10 %)
            ["small", "Cross", 0.1, 200_000.0],  # 20,000 = 2 %: low
        ],
        columns=["risk", "initiative", "probability", "impact"],
    )
    table = risk_assessment(risks, initiatives, "en")
    assert table["expected_loss"].tolist() == pytest.approx([405_000, 1_200_000, 100_000, 20_000])
    assert table["investment_share"].tolist() == pytest.approx([0.09, 0.2, 0.1, 0.02])
    assert table["level"].tolist() == ["medium", "high", "high", "low"]


def test_swot_actions_count_each_initiatives_weaknesses_and_threats():
    initiatives = pd.DataFrame({"initiative": ["CRM", "Training", "Trial"]})
    weaknesses = pd.DataFrame({"weakness": ["a", "b", "c"], "action": ["CRM", "crm", None]})
    threats = pd.DataFrame({"threat": ["x"], "action": ["Training"]})
    table = swot_actions(initiatives, weaknesses, threats)
    assert table.values.tolist() == [["CRM", 2, 0], ["Training", 0, 1], ["Trial", 0, 0]]


# ------------------------------------------------------------------------ assortment
ASSORTMENT = {"min_margin": 0.1, "fast_growth": 0.15, "core_share": 0.2}


@pytest.mark.parametrize(
    ("share", "margin", "growth", "expected"),
    [
        (0.3, -0.01, 0.5, ("line_optimisation", "why_loss")),  # a loss beats everything
        (0.3, 0.09, -0.01, ("line_optimisation", "why_low_falling")),
        (0.05, 0.1, 0.15, ("line_extension", "why_fast")),  # both at their threshold
        (0.2, 0.1, 0.14, ("full_range", "why_core")),  # a core share at the minimum margin
        (0.19, 0.3, 0.0, ("line_filling", "why_steady")),
        (None, 0.3, 0.0, ("line_filling", "why_steady")),  # no sales at all: no share
        (0.3, 0.3, -0.05, ("full_range", "why_core")),  # a core item with falling sales
        (0.1, 0.3, -0.05, ("segment_range", "why_falling")),
        (0.1, 0.05, 0.3, ("segment_range", "why_low")),  # fast growth at a low margin
    ],
)
def test_assortment_rules(share, margin, growth, expected):
    assert suggest(share, margin, growth, ASSORTMENT) == expected


# ----------------------------------------------------------------------------- demo
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_demo_tells_one_story(lang):
    inputs = demo_inputs(lang)
    out = compute(inputs)
    # Every weakness and threat is answered by an initiative of the ROI sheet.
    answered = out.swot_actions[["weaknesses", "threats"]].to_numpy().sum()
    assert answered == len(inputs.weaknesses) + len(inputs.threats)
    # The range sells 230 m, the strategic goals' baseline; every strategy of the method shows.
    assert sum(inputs.products["sales"]) == inputs.goals["baseline"].iloc[0] == 230_000_000
    assert out.assortment["strategy"].nunique() == 5
    # Sales by client are each region's actuals to date, exactly.
    facts = {}
    region = dict(zip(inputs.employees["employee"], inputs.employees["region"], strict=True))
    for _, row in inputs.actuals.iterrows():
        total = sum(v for v in row.iloc[1:] if v is not None and not np.isnan(v))
        facts[region[row["employee"]]] = facts.get(region[row["employee"]], 0) + total
    by_client = inputs.client_sales.groupby("region")["sales"].sum().to_dict()
    assert by_client == pytest.approx(facts)
    # Three clients above 4 %; the suppliers are concentrated.
    clients = out.over_limit[out.over_limit["kind"] == ("клиент" if lang == "ru" else "client")]
    assert len(clients) == 3
    assert out.concentration["level"].tolist()[1] in ("умеренная", "moderate")
    # Everyone hired by the cut-off is on a bonus; the first-year loss of trade shows turns
    # into the largest profit by year five.
    hired = [h is None or h < inputs.settings["as_of"] for h in inputs.employees["hire_date"]]
    assert len(inputs.bonus_targets) == sum(hired)
    profit = out.cumulative_profit
    assert profit["y0"].idxmin() == profit["y5"].idxmax() == 0


def test_roadmap_carries_stages_then_the_calendar_plan():
    inputs = demo_inputs("en")
    roadmap = compute(inputs).roadmap
    assert roadmap["kind"].tolist()[: len(inputs.stages)] == ["stage"] * len(inputs.stages)
    plan = roadmap.iloc[len(inputs.stages) :]
    assert plan["stage"].tolist() == inputs.calendar["item"].tolist()
    assert plan["end"].tolist() == inputs.calendar["end"].tolist()
    # The sheet's formula end = start + ROUND(weeks × 7) − 1 gives the end typed in.
    for start, end, weeks in plan[["start", "end", "weeks"]].itertuples(index=False):
        assert start + dt.timedelta(days=round(weeks * 7) - 1) == end


def test_empty_strategy_tables_compute_to_empty_outputs():
    inputs = demo_inputs("en")
    for key in ("documents", "risks", "client_sales", "suppliers", "bonus_targets", "channels"):
        setattr(inputs, key, frame(key, []))
    out = compute(inputs)
    for key in ("document_control", "risk_assessment", "concentration", "bonus", "economics"):
        assert getattr(out, key).empty, key
