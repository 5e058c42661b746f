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
from xlsalesplan.plan.capacity import region_plans
from xlsalesplan.plan.employees import (
    capacities,
    daily_goals,
    employee_goals,
    goal_chain,
    month_starts,
)
from xlsalesplan.plan.model import MONTHS, PlanInputs, default_settings
from xlsalesplan.plan.sales import funnel_plan, sales_plan, stage_volumes
from xlsalesplan.plan.values import normalised

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


def plans_of(goal_targets, people=None, seasonality=FLAT, ramp_months=3, opening=None):
    """The regions' plans (``capacity.region_plans``) for targets and staff (default: one
    veteran per region, weight 1)."""
    names = list(dict.fromkeys(goal_targets["region"]))
    if people is None:
        people = staff(*((f"{r} seller", r, None, 1.0, None) for r in names))
    settings = {**default_settings(2026, "en"), "ramp_months": ramp_months}
    regions = pd.DataFrame(
        {
            "region": names,
            "rollout_order": range(1, len(names) + 1),
            "distance_km": None,
            "offices": None,
            "opening": [(opening or {}).get(r) for r in names],
            "from_previous_km": None,
            "reason": None,
        }
    )
    inputs = PlanInputs(
        settings=settings,
        regions=regions,
        targets=goal_targets,
        seasonality=seasonality,
        employees=people,
    )
    return region_plans(normalised(inputs)), people


def goals_of(goal_targets, people=None, **options):
    plans, people = plans_of(goal_targets, people, **options)
    return plans, people, employee_goals(people, plans)


def test_flat_profile_spreads_revenue_by_2026_working_days():
    # 247 000 over 247 working days: 1 000 a working day, so each month is 1 000 × its days.
    goal_targets = targets(("A", "P", 247_000, 1_000))
    plan = sales_plan(goal_targets, plans_of(goal_targets)[0], "en")
    revenue = plan[plan["indicator"] == "revenue"].iloc[0]
    assert revenue[MONTHS].tolist() == (RU_2026 * 1000).tolist()
    assert revenue["total"] == 247_000


def test_seasonality_multiplies_working_days():
    # Index 2 in December, 1 elsewhere: weights are the days, December's 22 counted twice:
    # 269 weight units; 269 000 gives 1 000 a unit, December 44 000.
    profile = FLAT.copy()
    profile["m12"] = 2.0
    goal_targets = targets(("A", "P", 269_000, 1_000))
    plan = sales_plan(goal_targets, plans_of(goal_targets, seasonality=profile)[0], "en")
    revenue = plan[plan["indicator"] == "revenue"].iloc[0]
    assert revenue["m12"] == 44_000
    assert revenue["m01"] == 15_000


def test_deals_round_up_and_clients_follow_deals():
    # 1 000 000 at 300 000 a deal needs 3.33 → 4 deals (3 would miss the target).
    goal_targets = targets(("A", "P", 1_000_000, 300_000))
    plan = sales_plan(goal_targets, plans_of(goal_targets)[0], "ru")
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
    assert stage_volumes(tiers, 100) == [800, 400, 100, 50]
    # Head count at the cut-off: "late" joins after it and does not count yet.
    people = pd.DataFrame(
        {
            "employee": ["a", "b", "c", "late"],
            "role": ["DC", "DC", "RS", "DC"],
            "hire_date": [None, dt.date(2026, 3, 1), None, dt.date(2026, 9, 1)],
        }
    )
    table = funnel_plan(tiers, people, [800, 400, 100, 50], dt.date(2026, 7, 1))
    assert table["year_volume"].tolist() == [800, 400, 100, 50]
    assert table["month_volume"].tolist() == [67, 34, 9, 5]  # ⌈800/12⌉ = ⌈66.7⌉ ...
    assert table["heads_needed"].tolist() == [4, 4, 3, 3]  # ⌈67/20⌉, ⌈34/10⌉, ⌈9/3⌉, ⌈5/2⌉
    assert table["heads_actual"].tolist() == [0, 2, 0, 1]


def tiny_plan():
    """Region A: 247 000 (1 000 a working day); a2 has a fixed 47 000, so a1 gets 200 000.
    Region B: 494 000 (2 000 a working day), all of it b1's."""
    people = staff(
        ("a1", "A", None, 1.0, None),
        ("a2", "A", dt.date(2020, 1, 1), 1.0, 47_000),
        ("b1", "B", None, 1.0, None),
    )
    return goals_of(targets(("A", "P", 247_000, 1_000), ("B", "P", 494_000, 1_000)), people)


def test_tiny_plan_by_hand():
    plans, _, goals = tiny_plan()
    assert goals["total"].tolist() == [200_000, 47_000, 494_000]
    assert goals.iloc[2][MONTHS].tolist() == (RU_2026 * 2000).tolist()
    # a1's months: 200 000 ÷ 247 days = 809.72 a day, each month within a unit of that.
    a1 = goals.iloc[0][MONTHS].to_numpy(float)
    assert np.abs(a1 - RU_2026 * 200_000 / 247).max() < 1
    # Region A's month plan is the sum of its two sellers' months: 1 000 a working day, each
    # month within the two rounding units of its sellers.
    a = goals.iloc[:2][MONTHS].sum().to_numpy(float)
    assert a.tolist() == plans["A"].months.tolist() and a.sum() == 247_000
    assert np.abs(a - RU_2026 * 1000).max() < 2
    assert plans["B"].months.tolist() == (RU_2026 * 2000).tolist()


def test_goals_are_whole_and_margins_exact():
    _, _, goals = tiny_plan()
    values = goals[MONTHS].to_numpy(dtype=float)
    assert np.array_equal(values, np.round(values))
    assert np.array_equal(values.sum(axis=1), goals["total"].to_numpy(dtype=float))


def test_a_new_hire_reshapes_the_months_and_the_year_target_is_kept():
    # Hired 1 July with no ramp: capacity 0 in January–June, 1 after. Capacity-days: the
    # veteran's 247 working days, the hire's July–December 23+21+22+22+20+22 = 130: 377 in all,
    # so 247 000 gives 655.17 a capacity-day: the veteran 161 827.59, the hire 85 172.41.
    people = staff(("old", "A", None, 1.0, None), ("new", "A", dt.date(2026, 7, 1), 1.0, None))
    plans, _, goals = goals_of(targets(("A", "P", 247_000, 1_000)), people, ramp_months=0)
    assert goals["total"].tolist() == [161_828, 85_172]
    assert goals.iloc[1][MONTHS[:6]].tolist() == [0] * 6
    # The veteran's months follow the working days (within one rounding unit)...
    per_day = 247_000 / 377
    assert np.abs(goals.iloc[0][MONTHS].to_numpy(float) - RU_2026 * per_day).max() <= 1
    # ... and the region's months carry one seller in H1, two in H2: the target is kept.
    assert plans["A"].months.sum() == 247_000
    assert np.abs(plans["A"].months[:6] - RU_2026[:6] * per_day).max() <= 1
    assert np.abs(plans["A"].months[6:] - 2 * RU_2026[6:] * per_day).max() <= 1
    assert goals[MONTHS].sum().tolist() == plans["A"].months.tolist()


def test_an_only_seller_hired_in_september_carries_the_year_from_september():
    # Once a failure of BALANCE ("seed: column 1 is all zero"); now the plan starts with him.
    people = staff(("late", "A", dt.date(2026, 9, 1), 1.0, None))
    plans, _, goals = goals_of(targets(("A", "P", 86_000, 1_000)), people, ramp_months=0)
    # September–December: 22 + 22 + 20 + 22 = 86 working days, 1 000 each.
    assert plans["A"].months.tolist() == [0] * 8 + [22_000, 22_000, 20_000, 22_000]
    assert goals.iloc[0]["total"] == 86_000


def test_a_region_opening_in_march_starts_its_plan_with_the_opening():
    # A veteran moved to a new region opening on 1 March, no ramp: nothing before March.
    plans, _ = plans_of(
        targets(("A", "P", 213_000, 1_000)), ramp_months=0, opening={"A": dt.date(2026, 3, 1)}
    )
    assert plans["A"].months[:2].tolist() == [0, 0]
    assert plans["A"].months[2:].tolist() == (RU_2026[2:] * 1000).tolist()  # 213 days from March


def test_weightless_role_gets_zero_row():
    people = staff(("seller", "A", None, 1.0, None), ("sdr", "A", None, 0.0, None))
    _, _, goals = goals_of(targets(("A", "P", 247_000, 1_000)), people)
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
    people = staff(("old", "A", None, 1.0, None), ("new", "A", dt.date(2026, 5, 10), 1.0, None))
    _, _, goals = goals_of(targets(("A", "P", 247_000, 1_000)), people)
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
    people = staff(("a", "A", None, 1.0, fixed), ("b", "A", None, 1.0, None))
    _, _, goals = goals_of(targets(("A", "P", 247_000, 1_000)), people)
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
