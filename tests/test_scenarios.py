"""Scenarios side by side (issue 13, item 1): the plan's own code on each scenario's inputs.

The base scenario is the plan: its outputs are the same with or without scenarios. Each
scenario moves its figures the way its drivers say, monotonically (a property over random
drivers), a scenario the plan's code cannot compute is a warning and blank figures, and the
side-by-side block reads the results table at the right places.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlsalesplan.io import scenario_view
from xlsalesplan.plan import scenarios
from xlsalesplan.plan.check import check
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import empty, frame
from xlsalesplan.plan.sales import deals_tier
from xlsalesplan.plan.scenarios import BASE, DRIVERS, Drivers, apply, figure_count
from xlsalesplan.plan.values import normalised
from xlsalesplan.plan.warnings import warnings

DEMO = demo_inputs("en")
PLAN = compute(DEMO)


def _without_scenarios(inputs):
    return dataclasses.replace(inputs, scenarios=empty("scenarios"))


def test_scenarios_never_change_the_plans_outputs():
    alone = compute(_without_scenarios(DEMO))
    for name, table in PLAN.tables().items():
        if name != "scenario_results":
            pd.testing.assert_frame_equal(table, getattr(alone, name), obj=name)
    # The base plan's figures are the plan's own, with or without scenarios beside them.
    n = figure_count(PLAN.scenario_results)
    base = PLAN.scenario_results.iloc[:n].reset_index(drop=True)
    pd.testing.assert_frame_equal(base, alone.scenario_results)
    assert set(base["scenario"]) == {BASE[1]}


def test_the_base_figures_are_the_plans():
    results = PLAN.scenario_results
    base = results[results["scenario"] == BASE[1]].set_index("indicator")["value"]
    revenue = PLAN.sales_plan[PLAN.sales_plan["indicator"] == "revenue"]
    assert base["Year total"] == revenue["total"].sum()
    assert base["Jan"] == revenue["m01"].sum()
    assert base["Deals a year"] == PLAN.sales_plan.query("indicator == 'deals'")["total"].sum()
    funnel = PLAN.funnel_plan
    for stage, volume in zip(funnel["stage"], funnel["year_volume"], strict=True):
        assert base[stage] == volume
    for tier, needed in zip(funnel["tier"], funnel["heads_needed"], strict=True):
        assert base[f"{tier}: needed"] == needed


def test_every_scenario_has_the_bases_figures_in_the_same_order():
    results = PLAN.scenario_results
    n = figure_count(results)
    assert len(results) == n * (1 + len(DEMO.scenarios))
    base = results.iloc[:n][["section", "indicator"]].to_numpy().tolist()
    for k in range(1, 1 + len(DEMO.scenarios)):
        rows = results.iloc[k * n : (k + 1) * n]
        assert rows[["section", "indicator"]].to_numpy().tolist() == base
        assert list(rows["base"]) == list(results.iloc[:n]["value"])


def test_apply_leaves_the_plans_inputs_alone():
    clean = normalised(DEMO)
    before = {name: table.copy() for name, table in clean.tables().items()}
    apply(clean, Drivers(0.2, 0.1, 0.3, 4, 0.5, 1.0))
    for name, table in clean.tables().items():
        pd.testing.assert_frame_equal(table, before[name], obj=name)


def test_a_hire_pushed_past_the_year_leaves_the_scenario_with_their_actuals():
    clean = normalised(DEMO)
    late = apply(clean, Drivers(hire_delay=5))
    gone = set(clean.employees["employee"]) - set(late.employees["employee"])
    assert gone == {"Timur Ilyin"}  # hired 1 September: February of the next year
    assert not gone & set(late.actuals["employee"])
    moved = late.employees.set_index("employee")["hire_date"]
    assert moved["Oleg Makarov"] == dt.date(2026, 8, 16)  # 16 March + 5 months
    assert moved["Mikhail Belov"] == dt.date(2016, 9, 1)  # long employed: unchanged
    assert check(late) == []


def test_conversions_stay_rates_and_fixed_goals_follow_the_targets():
    clean = normalised(DEMO)
    changed = apply(clean, Drivers(targets_change=0.25, conversion_change=3.0))
    assert max(v for v in changed.tiers["conversion"] if v is not None) == 1.0
    fixed = changed.employees.set_index("employee")["fixed_goal"]
    assert fixed["Alexey Smirnov"] == 17_500_000.0  # 14,000,000 × 1.25


# ----------------------------------------------------------------- monotone in each driver
_RANGES = {
    "targets_change": st.floats(-0.5, 1.0),
    "avg_deal_change": st.floats(-0.5, 1.0),
    "conversion_change": st.floats(-0.5, 1.0),
    "hire_delay": st.integers(0, 8),
    "productivity_change": st.floats(-0.5, 1.0),
    "effect_change": st.floats(-0.9, 1.0),
}


@st.composite
def driver_pairs(draw):
    """Random drivers, and one of them at two values, low and high."""
    common = {key: draw(strategy) for key, strategy in _RANGES.items()}
    moved = draw(st.sampled_from(DRIVERS))
    a, b = draw(_RANGES[moved]), draw(_RANGES[moved])
    low, high = dict(common), dict(common)
    low[moved], high[moved] = min(a, b), max(a, b)
    return moved, low, high


def _figures(results, name):
    rows = results[results["scenario"] == name]
    return {(s, i): v for s, i, v in rows[["section", "indicator", "value"]].to_numpy().tolist()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(driver_pairs())
def test_scenario_totals_move_monotonically_with_each_driver(pair):
    moved, low, high = pair
    inputs = dataclasses.replace(
        DEMO,
        scenarios=frame("scenarios", [{"scenario": "low", **low}, {"scenario": "high", **high}]),
    )
    results = compute(inputs).scenario_results
    lo, hi = _figures(results, "low"), _figures(results, "high")
    assert None not in lo.values() and None not in {v for (s, _), v in hi.items() if s != "ROI"}

    def section(name):
        return [key for key in lo if key[0] == name]

    revenue, deals = section("Revenue"), section("Deals")
    funnel, heads = section("Funnel, volume a year"), section("Head count")
    roi = section("Risk-adjusted ROI")
    needed = [k for k in heads if k[1].endswith(": needed")]
    average = [k for k in heads if k[1].endswith(": average over the year")]
    stages = list(DEMO.tiers["stage"])
    closing = deals_tier(DEMO.tiers)

    def up(keys):
        assert all(lo[k] <= hi[k] + 1e-9 for k in keys), [(k, lo[k], hi[k]) for k in keys]

    def down(keys):
        assert all(lo[k] + 1e-9 >= hi[k] for k in keys), [(k, lo[k], hi[k]) for k in keys]

    year = ("Revenue", "Year total")
    if moved == "targets_change":
        up([*revenue, *deals, *funnel, *needed])
    elif moved == "avg_deal_change":
        down(deals)
        assert lo[year] == hi[year]
    elif moved == "conversion_change":
        down([("Funnel, volume a year", s) for s in stages[:closing]])  # fewer leads needed
        up([("Funnel, volume a year", s) for s in stages[closing + 1 :]])  # more clients kept
        assert lo[deals[0]] == hi[deals[0]]
    elif moved == "productivity_change":
        down(needed)
    elif moved == "hire_delay":
        down(average)
        assert lo[year] == hi[year]
    else:  # effect_change: every demo initiative has a positive effect
        up([k for k in roi if lo[k] is not None])


def test_a_scenario_the_plan_cannot_compute_is_a_warning_and_blank_figures(monkeypatch):
    inputs = dataclasses.replace(
        DEMO, scenarios=frame("scenarios", [{"scenario": "Broken", "targets_change": 0.1}])
    )

    def failing(changed):
        raise scenarios_error

    from xlsalesplan.plan.check import Problem
    from xlsalesplan.plan.compute import PlanInputError

    scenarios_error = PlanInputError([Problem("employees", 0, "weight", "nobody sells in May")])
    found = scenarios.failures(normalised(inputs), failing)
    assert [(p.table, p.row, p.column) for p in found] == [("scenarios", 0, "scenario")]
    assert found[0].reason == "scenario 'Broken' cannot be computed: nobody sells in May"
    results = scenarios.scenario_results(normalised(inputs), PLAN, failing)
    broken = results[results["scenario"] == "Broken"]
    assert len(broken) == figure_count(results) and broken["value"].isna().all()
    # The demo's own scenarios all compute: no warning about them.
    assert not [w for w in warnings(DEMO) if w.table == "scenarios"]


def test_the_side_by_side_block_reads_each_figure_at_its_place():
    block = scenario_view.scenario_block(PLAN, "en")
    results = PLAN.scenario_results
    n = figure_count(results)
    names = list(dict.fromkeys(results["scenario"]))
    assert [c.cached for c in block.cells[0][2 : 2 + len(names)]] == names
    # The free slots are named " ": a chart's legend shows no "Series 5" for them.
    assert all(c.cached == " " for c in block.cells[0][2 + len(names) :])
    for k in range(n):
        assert block.cells[k + 1][1].cached == results["indicator"].iloc[k]
        for s in range(len(names)):
            cell = block.cells[k + 1][2 + s]
            value = results["value"].iloc[s * n + k]
            assert cell.cached == ("" if pd.isna(value) else value)
            assert f"INDEX(tblScenarioResults[Value],{s * n + k + 1})" in cell.text
    # Rows past the figures and slots past the scenarios are left blank (no line on the chart).
    assert all(v is None for row in block.cells[n + 1 :] for v in row)
    assert all(row[2 + len(names)] is None for row in block.cells[1:])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_scenario_names_and_labels_are_in_the_plans_language(lang):
    results = compute(demo_inputs(lang)).scenario_results
    assert results["scenario"].iloc[0] == BASE[0 if lang == "ru" else 1]
    assert results["section"].iloc[0] == ("Выручка" if lang == "ru" else "Revenue")
