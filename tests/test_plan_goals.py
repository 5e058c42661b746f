"""Employee goals, the sales plan by month and the funnel, checked against hand calculations.

The Russian production calendar of 2026 (published by the government; typed in here):
working days by month Jan..Dec = 15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22 (247 in all).
"""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsalesplan.core.ramp import ramp
from xlsalesplan.plan.employees import (
    capacities,
    daily_goals,
    employee_goals,
    goal_chain,
    month_starts,
)
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.plan.sales import funnel_plan, region_revenue, sales_plan

RU_2026 = np.array([15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22])

FLAT = pd.DataFrame([{"profile": "flat", **{m: 1.0 for m in MONTHS}}])


def targets(*rows):
    return pd.DataFrame(
        [
            {"region": r, "product": p, "revenue": v, "avg_deal": d, "profile": "flat"}
            for r, p, v, d in rows
        ]
    )


def staff(*rows):
    return pd.DataFrame(
        [
            {"employee": e, "role": "AE", "region": r, "hire_date": h, "weight": w, "fixed_goal": f}
            for e, r, h, w, f in rows
        ]
    )


def test_flat_profile_spreads_revenue_by_2026_working_days():
    # 247 000 over 247 working days: 1 000 a working day, so each month is 1 000 × its days.
    plan = sales_plan(targets(("A", "P", 247_000, 1_000)), FLAT, 2026, "RU", "en")
    revenue = plan[plan["indicator"] == "revenue"].iloc[0]
    assert revenue[MONTHS].tolist() == (RU_2026 * 1000).tolist()
    assert revenue["total"] == 247_000


def test_seasonality_multiplies_working_days():
    # Index 2 in December, 1 elsewhere: weights are the days, December's 22 counted twice:
    # 269 weight units; 269 000 gives 1 000 a unit, December 44 000.
    profile = FLAT.copy()
    profile["m12"] = 2.0
    plan = sales_plan(targets(("A", "P", 269_000, 1_000)), profile, 2026, "RU", "en")
    revenue = plan[plan["indicator"] == "revenue"].iloc[0]
    assert revenue["m12"] == 44_000
    assert revenue["m01"] == 15_000


def test_deals_round_up_and_clients_follow_deals():
    # 1 000 000 at 300 000 a deal needs 3.33 → 4 deals (3 would miss the target).
    plan = sales_plan(targets(("A", "P", 1_000_000, 300_000)), FLAT, 2026, "RU", "ru")
    assert plan["indicator"].tolist() == ["выручка", "сделки", "клиенты"]
    deals = plan.iloc[1]
    assert deals["total"] == 4
    assert sum(deals[MONTHS]) == 4
    assert plan.iloc[2][MONTHS].tolist() == deals[MONTHS].tolist()


def test_four_tier_funnel_by_hand():
    # 100 deals; meetings → deals 25% → 400 meetings; leads → meetings 50% → 800 leads;
    # account management passes 50% of the clients on to development → 50.
    tiers = pd.DataFrame(
        {
            "tier": ["LG", "DC", "AM", "RS"],
            "stage": ["Leads", "Meetings", "Deals", "Clients in development"],
            "conversion": [0.5, 0.25, 0.5, None],
            "productivity": [20, 10, 3, 2],
        }
    )
    people = pd.DataFrame({"employee": list("abc"), "role": ["DC", "DC", "RS"]})
    table = funnel_plan(tiers, people, 100)
    assert table["year_volume"].tolist() == [800, 400, 100, 50]
    assert table["month_volume"].tolist() == [67, 34, 9, 5]  # ⌈800/12⌉ = ⌈66.7⌉ ...
    assert table["heads_needed"].tolist() == [4, 4, 3, 3]  # ⌈67/20⌉, ⌈34/10⌉, ⌈9/3⌉, ⌈5/2⌉
    assert table["heads_actual"].tolist() == [0, 2, 0, 1]


def tiny_plan():
    """Region A: 247 000 (1 000 a working day); a2 has a fixed 47 000, so a1 gets 200 000.
    Region B: 494 000 (2 000 a working day), all of it b1's."""
    plans = region_revenue(
        targets(("A", "P", 247_000, 1_000), ("B", "P", 494_000, 1_000)), FLAT, 2026, "RU"
    )
    people = staff(
        ("a1", "A", None, 1.0, None),
        ("a2", "A", dt.date(2020, 1, 1), 1.0, 47_000),
        ("b1", "B", None, 1.0, None),
    )
    return plans, people, employee_goals(people, plans, 2026, 3)


def test_tiny_plan_by_hand():
    plans, _, goals = tiny_plan()
    assert goals["total"].tolist() == [200_000, 47_000, 494_000]
    assert goals.iloc[2][MONTHS].tolist() == (RU_2026 * 2000).tolist()
    a = goals.iloc[:2][MONTHS].sum()
    assert a.tolist() == (RU_2026 * 1000).tolist()
    assert plans["B"].tolist() == (RU_2026 * 2000).tolist()


def test_goals_are_whole_and_margins_exact():
    _, _, goals = tiny_plan()
    values = goals[MONTHS].to_numpy(dtype=float)
    assert np.array_equal(values, np.round(values))
    assert np.array_equal(values.sum(axis=1), goals["total"].to_numpy(dtype=float))


def test_new_hire_has_nothing_before_the_hire_and_half_the_year():
    # Hired 1 July with no ramp: capacity 0 in January–June, 1 after: average 1/2 against the
    # veteran's 1, so 247 000 splits 2 : 1 → 164 666.67 / 82 333.33 → 164 667 / 82 333.
    plans = region_revenue(targets(("A", "P", 247_000, 1_000)), FLAT, 2026, "RU")
    people = staff(("old", "A", None, 1.0, None), ("new", "A", dt.date(2026, 7, 1), 1.0, None))
    goals = employee_goals(people, plans, 2026, 0)
    assert goals["total"].tolist() == [164_667, 82_333]
    assert goals.iloc[1][MONTHS[:6]].tolist() == [0] * 6
    assert goals.iloc[0][MONTHS[:6]].tolist() == (RU_2026[:6] * 1000).tolist()
    assert goals[MONTHS].sum().tolist() == (RU_2026 * 1000).tolist()


def test_weightless_role_gets_zero_row():
    plans = region_revenue(targets(("A", "P", 247_000, 1_000)), FLAT, 2026, "RU")
    people = staff(("seller", "A", None, 1.0, None), ("sdr", "A", None, 0.0, None))
    goals = employee_goals(people, plans, 2026, 3)
    assert goals.iloc[1][[*MONTHS, "total"]].tolist() == [0] * 13
    assert goals.iloc[0]["total"] == 247_000


def test_daily_goals_july_2026():
    # July 2026 has 23 working days: 230 000 → 10 000 a day, 50 000 a five-day week.
    _, _, goals = tiny_plan()
    goals.loc[0, "m07"] = 230_000
    row = daily_goals(goals, 7, 23).iloc[0]
    assert (row["month_goal"], row["workdays"], row["per_day"], row["per_week"]) == (
        230_000,
        23,
        10_000,
        50_000,
    )


def test_daily_goal_rounds_half_up_like_excel():
    goals = pd.DataFrame({"employee": ["x"], **{m: [0.0] for m in MONTHS}})
    goals["m01"] = 22.5 * 2  # 45 over 2 days = 22.5 → 23 (Excel ROUND), not 22 (banker's)
    assert daily_goals(goals, 1, 2).iloc[0]["per_day"] == 23


def test_goal_chain_cumulative_with_hire_deadline():
    plans = region_revenue(targets(("A", "P", 247_000, 1_000)), FLAT, 2026, "RU")
    people = staff(("old", "A", None, 1.0, None), ("new", "A", dt.date(2026, 5, 10), 1.0, None))
    goals = employee_goals(people, plans, 2026, 3)
    chain = goal_chain(goals, people, 2026)
    old = chain[chain["employee"] == "old"]
    assert old["deadline"].tolist() == [
        dt.date(2026, 3, 31),
        dt.date(2026, 6, 30),
        dt.date(2026, 9, 30),
        dt.date(2026, 12, 31),
    ]
    assert old["step"].tolist() == [1, 2, 3, 4]
    months = goals.iloc[0][MONTHS].to_numpy(dtype=float)
    assert old["goal"].tolist() == [months[:q].sum() for q in (3, 6, 9, 12)]
    new = chain[chain["employee"] == "new"]
    # Hired in Q2: the first deadline is the end of Q3.
    assert new["deadline"].tolist() == [dt.date(2026, 9, 30), dt.date(2026, 12, 31)]
    assert new["goal"].iloc[-1] == goals.iloc[1]["total"]
    assert list(new["deadline"]) == sorted(new["deadline"])


@pytest.mark.parametrize("fixed", [47_000, 0])
def test_fixed_goals_kept(fixed):
    plans = region_revenue(targets(("A", "P", 247_000, 1_000)), FLAT, 2026, "RU")
    people = staff(("a", "A", None, 1.0, fixed), ("b", "A", None, 1.0, None))
    goals = employee_goals(people, plans, 2026, 3)
    assert goals["total"].tolist() == [fixed, 247_000 - fixed]


def test_capacity_of_a_march_hire_by_hand():
    # A line from 0 on 1 March to 1 on 1 June, averaged month by month: 1/6, 1/2, 5/6, then 1.
    caps = capacities([dt.date(2026, 3, 1), None], 2026, 3)
    assert caps[0].tolist() == pytest.approx([0, 0, 1 / 6, 1 / 2, 5 / 6, *[1] * 7])
    assert caps[1].tolist() == [1.0] * 12


@settings(max_examples=60, deadline=None)
@given(
    hires=st.lists(
        st.one_of(st.none(), st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31))),
        min_size=1,
        max_size=30,
    ),
    ramp_months=st.sampled_from([0, 0.5, 1, 2.7, 3, 12]),
)
def test_capacities_are_ramp_of_each_hire_date_to_the_bit(hires, ramp_months):
    caps = capacities(hires, 2026, ramp_months)
    for hired, row in zip(hires, caps, strict=True):
        alone = np.ones(12) if hired is None else ramp(hired, month_starts(2026), ramp_months)
        assert row.tobytes() == alone.tobytes()
