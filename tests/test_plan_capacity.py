"""Capacity-aware months, as properties over random regions (hypothesis).

For any region — products with their own seasonality, a team with veterans, new hires on any
day of the year, weights and fixed goals — the plan must keep:

* the region's months add up to its year target exactly, and its products' months to them;
* every seller's months add up to their year goal, fixed goals exactly as given;
* the sellers' months add up to the region's month plan exactly, month by month;
* a seller present all year gets months proportional to the region's season × working days,
  and a new hire months proportional to their ramp × that season, within one rounding unit.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlsalesplan.core.calendar import month_workdays
from xlsalesplan.plan.capacity import demand, region_plans
from xlsalesplan.plan.employees import capacities
from xlsalesplan.plan.model import MONTHS, PlanInputs, default_settings
from xlsalesplan.plan.values import normalised

YEAR = 2026
DAYS = month_workdays(YEAR, "RU")
indices = st.lists(st.floats(0.3, 2.0), min_size=12, max_size=12)


@st.composite
def regions(draw):
    profiles = draw(st.lists(indices, min_size=1, max_size=3))
    seasonality = pd.DataFrame(
        [{"profile": f"p{i}", **dict(zip(MONTHS, p, strict=True))} for i, p in enumerate(profiles)]
    )
    n_targets = draw(st.integers(1, 3))
    targets = pd.DataFrame(
        [
            {
                "region": "R",
                "product": f"prod{i}",
                "revenue": float(draw(st.integers(100_000, 50_000_000))),
                "avg_deal": 10_000.0,
                "profile": f"p{draw(st.integers(0, len(profiles) - 1))}",
            }
            for i in range(n_targets)
        ]
    )
    total = targets["revenue"].sum()
    staff = []
    for i in range(draw(st.integers(1, 6))):
        veteran = i == 0 or draw(st.booleans())
        hired = None if veteran else draw(st.dates(dt.date(YEAR, 1, 1), dt.date(YEAR, 11, 30)))
        fixed = None
        if i > 0 and draw(st.integers(0, 4)) == 0:
            fixed = float(draw(st.integers(0, int(total // 10))))
        staff.append(
            {
                "employee": f"e{i}",
                "role": "AE",
                "region": "R",
                "hire_date": hired,
                "weight": draw(st.sampled_from([0.5, 1.0, 1.5])),
                "fixed_goal": fixed,
            }
        )
    ramp_months = draw(st.sampled_from([0, 1, 3]))
    settings_ = {**default_settings(YEAR, "en"), "ramp_months": ramp_months}
    inputs = PlanInputs(
        settings=settings_,
        regions=pd.DataFrame(
            [
                {
                    "region": "R",
                    "rollout_order": 1,
                    "distance_km": None,
                    "offices": None,
                    "opening": None,
                    "from_previous_km": None,
                    "reason": None,
                }
            ]
        ),
        targets=targets,
        seasonality=seasonality,
        employees=pd.DataFrame(staff),
    )
    return normalised(inputs)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regions())
def test_capacity_aware_months(inputs):
    plan = region_plans(inputs)["R"]
    targets, staff = inputs.targets, inputs.employees
    total = targets["revenue"].sum()
    # Margins, exact in whole units.
    assert plan.months.sum() == total
    assert np.array_equal(plan.products.sum(axis=1), targets["revenue"].to_numpy(float))
    assert np.array_equal(plan.products.sum(axis=0), plan.months)
    assert np.array_equal(plan.goals.sum(axis=0), plan.months)
    assert np.array_equal(plan.goals, np.round(plan.goals))
    for i, fixed in enumerate(staff["fixed_goal"]):
        if not pd.isna(fixed):
            assert plan.goals[i].sum() == fixed
    # Shapes: each seller's months ∝ capacity × the region's season × working days.
    season = demand(targets, inputs.seasonality, DAYS).sum(axis=0)
    caps = capacities(list(staff["hire_date"]), YEAR, inputs.settings["ramp_months"])
    for i in range(len(staff)):
        load = caps[i] * season
        if plan.goals[i].sum() == 0 or load.sum() == 0:
            continue
        expected = plan.goals[i].sum() * load / load.sum()
        assert np.abs(plan.goals[i] - expected).max() <= 1 + 1e-9, (i, plan.goals[i], expected)
