"""The benchmark's plan generator makes valid plans of any size (issue 10, item 4)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout: benchmarks/

from benchmarks.bench_refresh import scaled_inputs
from xlsalesplan.plan.check import check
from xlsalesplan.plan.compute import compute


@pytest.mark.parametrize("employees", [12, 100, 137, 400])
def test_plans_of_any_size_are_valid(employees):
    inputs = scaled_inputs(employees)
    assert len(inputs.employees) == employees
    assert check(inputs) == []
    goals = compute(inputs).employee_goals
    assert len(goals) == employees
    # every region's team carries every month of its plan
    assert set(inputs.targets["region"]) == set(inputs.regions["region"])


def test_fewer_employees_than_regions_are_refused():
    with pytest.raises(ValueError, match="one per region"):
        scaled_inputs(5)
