"""The demo company: its shape as described, and the whole plan computed from it."""

import datetime as dt

import numpy as np
import pandas as pd

from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import COLUMNS, MONTHS

OUT = {lang: compute(demo_inputs(lang, 2026)) for lang in ("ru", "en")}


def test_demo_shape():
    demo = demo_inputs("ru", 2026)
    assert demo.regions["region"].iloc[0] == "Москва"
    first = demo.regions.iloc[1]
    assert first["region"] == "Нижний Новгород" and first["distance_km"] <= 600
    assert demo.regions["offices"].sum() == 30
    assert len(demo.employees) == 40
    assert len(demo.tiers) == 4
    hires = pd.to_datetime(demo.employees["hire_date"]).dt.year == 2026
    assert 4 <= hires.sum() <= 6
    assert demo.settings["as_of"] == dt.date(2026, 7, 1)
    assert 4 <= len(demo.initiatives) <= 6
    reported = demo.actuals[MONTHS].notna()
    assert not reported[MONTHS[6:]].any().any()  # nothing after June


def test_demo_is_deterministic():
    a, b = demo_inputs("en"), demo_inputs("en")
    pd.testing.assert_frame_equal(a.actuals, b.actuals)


def test_outputs_have_the_agreed_columns():
    for name, table in OUT["en"].tables().items():
        assert table.columns.tolist() == COLUMNS[name], name


def test_employee_goals_balance_to_the_region_plans():
    out = OUT["en"]
    goals = out.employee_goals
    values = goals[MONTHS].to_numpy(dtype=float)
    assert np.array_equal(values, np.round(values))
    assert np.array_equal(values.sum(axis=1), goals["total"].to_numpy(dtype=float))
    sales = out.sales_plan[out.sales_plan["indicator"] == "revenue"]
    for region, plan in sales.groupby("region"):
        mine = goals[goals["region"] == region][MONTHS].sum()
        assert mine.tolist() == plan[MONTHS].sum().tolist(), region
    assert goals["total"].sum() == 280_000_000


def test_fixed_goals_kept_and_hires_start_at_zero():
    demo, out = demo_inputs("en"), OUT["en"]
    for i, fixed in enumerate(demo.employees["fixed_goal"]):
        if pd.notna(fixed):
            assert out.employee_goals["total"].iloc[i] == fixed
    # Hired 1 April 2026: nothing planned in January–March.
    row = demo.employees.index[demo.employees["hire_date"] == dt.date(2026, 4, 1)][0]
    assert out.employee_goals.iloc[row][MONTHS[:3]].tolist() == [0, 0, 0]
    assert out.employee_goals.iloc[row]["m04"] > 0


def test_statuses_and_verdicts_vary():
    out = OUT["ru"]
    assert {"в плане", "под угрозой", "отстаёт"} <= set(out.planfact["status"])
    assert len(set(out.roi["verdict"])) >= 3


def test_plan_to_date_on_first_of_july_is_first_half():
    out = OUT["en"]
    first_half = out.employee_goals[MONTHS[:6]].sum(axis=1)
    assert out.planfact["plan_to_date"].tolist() == first_half.tolist()


def test_daily_goals_use_july_2026_working_days():
    assert set(OUT["en"].daily_goals["workdays"]) == {23}  # July 2026: 23 working days
