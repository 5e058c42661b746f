"""Milestones, ROI, plan-fact and the roadmap, against hand calculations and the demo company."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsalesplan.plan.control import plan_to_date, planfact_table, status, team_results
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.plan.roadmap import roadmap
from xlsalesplan.plan.roi import roi_table, verdict
from xlsalesplan.plan.strategy import milestones, office_slots, path_shares


def goal(**kw):
    row = {
        "goal": "g",
        "metric": "revenue",
        "baseline": 100,
        "target": 200,
        "deadline": dt.date(2029, 12, 31),
        "owner": "",
        "region": "",
        "path": "linear",
    }
    return pd.DataFrame([{**row, **kw}])


NO_REGIONS = pd.DataFrame(columns=["region", "rollout_order", "distance_km", "offices"])


def test_linear_revenue_milestones():
    table = milestones(goal(), NO_REGIONS, 2026, "en")
    assert table["year"].tolist() == [2026, 2027, 2028, 2029]
    assert table["milestone"].tolist() == [125, 150, 175, 200]
    assert table["added"].tolist() == [25, 25, 25, 25]
    assert set(table["horizon"]) == {"long-term"}


def test_s_curve_is_the_normalised_logistic():
    # k = 6, five years: f(0.2) = (1/(1+e^1.8) − 1/(1+e^3)) / (1/(1+e^−3) − 1/(1+e^3))
    low, high = 1 / (1 + math.exp(3)), 1 / (1 + math.exp(-3))
    f = [(1 / (1 + math.exp(-6 * (x - 0.5))) - low) / (high - low) for x in (0.2, 0.4)]
    shares = path_shares(5, "S-кривая")
    assert shares[0] == 0 and shares[-1] == 1
    assert shares[1] == pytest.approx(f[0]) and shares[1] == pytest.approx(0.10432, abs=1e-5)
    assert shares[2] == pytest.approx(f[1])
    assert shares[3] == pytest.approx(1 - f[1])  # symmetric around the middle year


def test_thirty_offices_in_rollout_order():
    demo = demo_inputs("ru", 2026)
    table = milestones(demo.goals, demo.regions, 2026, "ru")
    offices = table[table["goal"].str.startswith("30 филиалов")]
    # Increases 29 × (3.03, 6.81, 9.33, 6.81, 3.03) → largest remainder → 3, 7, 9, 7, 3.
    assert offices["added"].tolist() == [3, 7, 9, 7, 3]
    assert offices["milestone"].tolist() == [4, 11, 20, 27, 30]
    assert offices["year"].tolist() == [2026, 2027, 2028, 2029, 2030]
    assert offices["regions"].iloc[0] == "Нижний Новгород ×3"
    assert offices["regions"].iloc[1] == "Ярославль ×2, Тула ×2, Воронеж ×3"
    # Expanding the texts gives the office slots after the head office, in order.
    opened = []
    for text in offices["regions"]:
        for part in text.split(", "):
            name, _, count = part.partition(" ×")
            opened += [name] * int(count or 1)
    assert opened == office_slots(demo.regions)[1:]
    assert len(opened) == 29
    assert set(offices["horizon"]) == {"долгосрочная"}


def test_milestones_start_from_baseline_and_end_at_target():
    demo = demo_inputs("en", 2026)
    table = milestones(demo.goals, demo.regions, 2026, "en")
    for _, g in demo.goals.iterrows():
        rows = table[table["goal"] == g["goal"]]
        assert rows["milestone"].iloc[-1] == g["target"]
        assert rows["milestone"].iloc[0] - rows["added"].iloc[0] == pytest.approx(g["baseline"])
        assert rows["added"].sum() == pytest.approx(g["target"] - g["baseline"])
        assert rows["year"].iloc[-1] == g["deadline"].year
    horizons = table.drop_duplicates("goal")["horizon"].tolist()
    assert horizons == ["operational", "medium-term", "long-term", "long-term"]


def test_count_metric_milestones_are_whole():
    table = milestones(goal(metric="clients", baseline=0, target=10), NO_REGIONS, 2026, "en")
    assert table["added"].tolist() == [3, 3, 2, 2]  # 2.5 each: the ties go to the earlier years
    assert table["milestone"].iloc[-1] == 10


def initiative(months, effect=21, confidence=0.5, hurdle=0.25):
    return pd.DataFrame(
        [
            {
                "initiative": "x",
                "investment": 100,
                "effect": effect,
                "start": None,
                "months": months,
                "confidence": confidence,
                "hurdle": hurdle,
            }
        ]
    )


def test_roi_of_half_a_year_is_judged_for_its_period_not_extrapolated():
    # +21% in 6 months; × confidence 0.5 = 10.5%. Investors' 25% a year over the same half
    # year: 1.25^0.5 − 1 = 11.80%. Below it. No annual figure: 6 months are not a year.
    row = roi_table(initiative(6), "en").iloc[0]
    assert row["roi"] == pytest.approx(0.21)
    assert row["roi_annual"] is None
    assert row["roi_risk"] == pytest.approx(0.105)
    assert row["hurdle_period"] == pytest.approx(0.118034, abs=1e-6)
    assert row["verdict"] == "below the investors' hurdle"


def test_roi_of_eighteen_months_is_annualised():
    # +44% over 18 months: 1.44^(12/18) − 1 = 1.2^(4/3) − 1 = e^(4/3 · ln 1.2) − 1 = 27.52%.
    row = roi_table(initiative(18, effect=44), "en").iloc[0]
    assert row["roi_annual"] == pytest.approx(0.275190, abs=1e-6)


def test_roi_just_started_is_too_early():
    row = roi_table(initiative(0, effect=0, confidence=0.9, hurdle=0.2), "ru").iloc[0]
    assert row["roi"] == 0 and row["roi_annual"] is None and row["hurdle_period"] == 0
    assert row["verdict"] == "рано оценивать"


def test_the_window_comes_from_settings():
    assert roi_table(initiative(8), "en", window=9).iloc[0]["verdict"] == "too early to judge"
    assert roi_table(initiative(8), "en", window=6).iloc[0]["verdict"] != "too early to judge"


@pytest.mark.parametrize(
    ("months", "confidence", "risk", "expected"),
    [
        (5, 0.9, 5.0, "too early to judge"),
        (6, 0.49, 5.0, "low data confidence"),
        (6, 0.5, 0.2499, "below the investors' hurdle"),
        (6, 0.5, 0.25, "meets the hurdle"),  # equal to the hurdle meets it
    ],
)
def test_verdict_rule_order(months, confidence, risk, expected):
    assert verdict(months, confidence, risk, 0.25, "en") == expected


def test_plan_to_date_prorates_the_current_month_by_working_days():
    # 1–15 July 2026: 11 working days (1–3, 6–10, 13–15) of July's 23.
    plan = plan_to_date(np.full(12, 2300.0), dt.date(2026, 7, 16), "RU")
    assert plan == pytest.approx(6 * 2300 + 2300 * 11 / 23)
    assert plan_to_date(np.full(12, 2300.0), dt.date(2026, 7, 1), "RU") == 6 * 2300


def test_planfact_by_hand():
    goals = pd.DataFrame(
        {
            "employee": ["a", "b", "c"],
            "region": ["R"] * 3,
            **{m: [100.0, 100.0, 100.0] for m in MONTHS},
        }
    )
    goals["role"] = "AE"
    actuals = pd.DataFrame(
        {
            "employee": ["a", "b"],
            **{
                m: [100.0 if i < 6 else None, 90.0 if i < 6 else None] for i, m in enumerate(MONTHS)
            },
        }
    )
    settings = {
        "as_of": dt.date(2026, 7, 1),
        "plan_year": 2026,
        "country": "RU",
        "language": "en",
        "on_track": 0.95,
        "at_risk": 0.85,
    }
    table = planfact_table(goals, [None, None, None], actuals, settings)
    assert table["plan_to_date"].tolist() == [600, 600, 600]
    assert table["fact_to_date"].iloc[:2].tolist() == [600, 540]
    assert table["completion"].iloc[:2].tolist() == pytest.approx([1.0, 0.9])
    assert table["remaining"].iloc[:2].tolist() == [600, 660]  # 1 200 a year − the fact
    # Seasonal: the fact plus the rest of the plan at the pace so far: a on plan → 1 200;
    # b at 90 % → 540 + 600 × 0.9 = 1 080.
    assert table["forecast"].iloc[:2].tolist() == pytest.approx([1200, 1080])
    # Run-rate: 117 working days Jan–Jun 2026 of 247: 600 × 247 / 117.
    assert table["run_rate"].iloc[0] == pytest.approx(600 * 247 / 117)
    assert table["status"].tolist() == ["on track", "at risk", ""]
    teams = team_results(table, settings)
    # The region: a and b reported (plan 1 200, fact 1 140: 95 %), c's goal counts in the year.
    region = teams.iloc[0]
    assert (region["level"], region["name"], region["year_goal"]) == ("region", "R", 3600)
    assert region["completion"] == pytest.approx(0.95)
    assert region["forecast"] == pytest.approx(3600 * 0.95)
    assert region["status"] == "on track"


def test_status_thresholds():
    assert [status(c, 0.95, 0.85, "ru") for c in (1.2, 0.85, 0.8499)] == [
        "в плане",
        "под угрозой",
        "отстаёт",
    ]


def test_roadmap_end_is_start_plus_weeks():
    stages = pd.DataFrame(
        [
            {"stage": "Diagnostics", "start": dt.date(2026, 1, 12), "weeks": 2, "owner": "x"},
            {"stage": "Support", "start": "2026-04-27", "weeks": 13, "owner": "y"},
        ]
    )
    table = roadmap(stages)
    assert table["end"].tolist() == [dt.date(2026, 1, 25), dt.date(2026, 7, 26)]


def test_plan_to_date_of_many_employees_is_each_row():
    months = np.array([np.full(12, 2300.0), np.arange(1.0, 13.0)])
    as_of = dt.date(2026, 7, 16)
    together = plan_to_date(months, as_of, "RU")
    assert together.tolist() == [plan_to_date(row, as_of, "RU") for row in months]
    # 1 + ... + 6 = 21 for January–June, then 11 of July's 23 working days of 7.
    assert together[1] == pytest.approx(21 + 7 * 11 / 23)


def test_planfact_of_a_hire_counts_their_own_working_days():
    goals = pd.DataFrame(
        {
            "employee": ["new", "idle"],
            "region": ["R"] * 2,
            "role": ["AE"] * 2,
            **{m: [100.0, 100.0] for m in MONTHS},
        }
    )
    # "idle" has a row of actuals with nothing reported yet: no fact, so blank results.
    actuals = pd.DataFrame(
        {"employee": ["new", "idle"], **{m: [None, None] for m in MONTHS}}, dtype=object
    )
    actuals.loc[0, ["m04", "m05", "m06"]] = [200.0, 200.0, 220.0]
    settings = {
        "as_of": dt.date(2026, 7, 1),
        "plan_year": 2026,
        "country": "RU",
        "language": "en",
        "on_track": 0.95,
        "at_risk": 0.85,
    }
    table = planfact_table(goals, [dt.date(2026, 4, 1), None], actuals, settings)
    # Hired 1 April 2026: 62 working days in April–June (22 + 19 + 21) of the 192 from April to
    # December (247 - 15 - 19 - 21): 620 × 192 / 62 = 1 920.
    assert table["run_rate"].iloc[0] == pytest.approx(1920)
    assert table["fact_to_date"].iloc[0] == 620
    assert table.iloc[1][["fact_to_date", "completion", "forecast", "run_rate"]].isna().all()
    assert table["status"].iloc[1] == ""


@settings(max_examples=60, deadline=None)
@given(
    goals=st.lists(st.integers(0, 5_000_000), min_size=12, max_size=12),
    month=st.integers(2, 12),
    pace=st.floats(0.3, 2.0),
)
def test_a_plan_executed_along_its_profile_is_forecast_at_its_plan(goals, month, pace):
    """Executed exactly along its own (any) profile: the seasonal forecast is the year goal;
    at any steady pace it is the goal × that pace — whatever the season's shape."""
    months = np.array(goals, dtype=float)
    if months[: month - 1].sum() == 0:
        return
    plan = pd.DataFrame(
        {
            "employee": ["x"],
            "region": ["R"],
            "role": ["AE"],
            **{m: [v] for m, v in zip(MONTHS, months, strict=True)},
        }
    )
    for factor in (1.0, pace):
        facts = {
            m: [v * factor if i < month - 1 else None]
            for i, (m, v) in enumerate(zip(MONTHS, months, strict=True))
        }
        actuals = pd.DataFrame({"employee": ["x"], **facts}, dtype=object)
        settings_ = {
            "as_of": dt.date(2026, month, 1),
            "plan_year": 2026,
            "country": "RU",
            "language": "en",
            "on_track": 0.95,
            "at_risk": 0.85,
        }
        row = planfact_table(plan, [None], actuals, settings_).iloc[0]
        assert row["forecast"] == pytest.approx(months.sum() * factor, rel=1e-12, abs=1e-6)
