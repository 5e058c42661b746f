"""Property-based refresh: random valid plans → refresh → the plan's invariants hold.

Each example builds a blank plan workbook in memory (``io.template.build_workbook``, outputs
left empty), refreshes it on disk and reads the outputs back through ``io.tables``:

* the team's month plan (revenue rows of tblSalesPlan, summed per region) equals the sum of
  the employees' month goals of that region exactly, every month;
* each employee's year total is exactly the sum of their months, and fixed goals are kept;
* only the parts refresh owns changed (output sheets, output tables, the workbook part);
* a second refresh with unchanged inputs changes nothing but the refreshed-at stamp.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from pathlib import Path

import pandas as pd
from hardening_fixtures import M, members, table_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from workbook_fixtures import owned_parts

from xlsalesplan.io import files
from xlsalesplan.io.layout import STAMP_CELL, TABLES
from xlsalesplan.io.ooxml.cells import cell_ref
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import frame

YEAR = 2026
REFERENCE = demo_inputs("en", YEAR)
REGIONS = list(dict.fromkeys(REFERENCE.targets["region"]))  # the regions with targets
SELLER = "Deal closing"
STAMP = cell_ref(STAMP_CELL[0] + 1, STAMP_CELL[1] + 1)


@st.composite
def plans(draw):
    """A valid plan: the demo's reference data, random targets and random staff."""
    factor = draw(st.sampled_from([0.5, 0.8, 1.0, 1.3, 2.0]))
    targets = REFERENCE.targets.copy()
    targets["revenue"] = [round(v * factor, -3) for v in targets["revenue"]]
    staff, fixed = [], {}
    for region in REGIONS:
        revenue = float(targets.loc[targets["region"] == region, "revenue"].sum())
        count = draw(st.integers(1, 5))
        share = draw(st.sampled_from([None, 0.05, 0.2, 0.45]))
        fixed_row = 0 if share is not None and count > 1 else None
        # Goals must be balanceable month by month: sellers employed from before the plan year
        # carry its first months, and at most one hire joins during the year (by March).
        newcomer = draw(st.integers(2, 5)) if count > 2 else None
        for i in range(count):
            name = f"{region[:3]} seller {i + 1}"
            if i == newcomer:
                hired = draw(st.dates(dt.date(YEAR, 1, 1), dt.date(YEAR, 3, 1)))
            else:
                hired = draw(
                    st.one_of(
                        st.none(), st.dates(dt.date(YEAR - 5, 1, 1), dt.date(YEAR - 1, 12, 1))
                    )
                )
            weight = draw(st.sampled_from([0.5, 0.8, 1.0] if i == newcomer else [0.5, 1.2, 2.5]))
            goal = round(revenue * share, -3) if i == fixed_row else None
            if goal is not None:
                fixed[name] = goal
            staff.append([name, SELLER, region, hired, weight, goal])
    inputs = demo_inputs("en", YEAR)
    inputs.targets = targets
    inputs.employees = frame("employees", staff)
    inputs.actuals = frame("actuals", [])
    inputs.bonus_targets = frame("bonus_targets", [])  # the demo's people are gone
    return inputs, fixed


def by_name(path: Path, table: str) -> pd.DataFrame:
    columns = TABLES[table].keys
    return pd.DataFrame(table_values(path, table), columns=columns)


def without_stamp(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for cell in root.iter(M + "c"):
        if cell.get("r") == STAMP:
            cell.getparent().remove(cell)
    return etree.tostring(root, method="c14n")


def check_invariants(path: Path, fixed: dict[str, float]) -> None:
    goals = by_name(path, "tblEmployeeGoals")
    sales = by_name(path, "tblSalesPlan")
    months = [f"m{i:02d}" for i in range(1, 13)]
    team: dict[str, list[float]] = defaultdict(lambda: [0.0] * 12)
    for _, row in sales[sales["indicator"] == "revenue"].iterrows():
        team[row["region"]] = [a + row[m] for a, m in zip(team[row["region"]], months, strict=True)]
    staff: dict[str, list[float]] = defaultdict(lambda: [0.0] * 12)
    for _, row in goals.iterrows():
        values = [row[m] for m in months]
        assert all(float(v).is_integer() and v >= 0 for v in values), row["employee"]
        assert row["total"] == sum(values), row["employee"]
        staff[row["region"]] = [a + v for a, v in zip(staff[row["region"]], values, strict=True)]
        if row["employee"] in fixed:
            assert row["total"] == fixed[row["employee"]], row["employee"]
    assert set(staff) == set(REGIONS)
    for region in REGIONS:
        assert sum(team[region]) > 0 and staff[region] == team[region], region


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plans())
def test_refresh_of_a_random_plan_keeps_the_invariants(plan):
    inputs, fixed = plan
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "PLAN.xlsx"
        path.write_bytes(files.workbook_bytes(inputs, None, "en", "", macros=False))
        blank = members(path)
        files.refresh_file(path, backup=False)
        first = members(path)
        check_invariants(path, fixed)

        changed = {p for p in first if first[p] != blank.get(p)}
        assert changed <= owned_parts(path, "en")
        assert set(first) <= set(blank)  # nothing added

        files.refresh_file(path, backup=False)
        second = members(path)
        assert set(second) == set(first)
        for part, data in second.items():
            if data != first[part]:
                assert without_stamp(data) == without_stamp(first[part]), part
