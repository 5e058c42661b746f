"""The input check: the demo is clean, and each rule fires on a broken copy with its reason."""

import datetime as dt

import pytest
from plan_changes import DEMO, broken, setter, setting

from xlsalesplan.plan.check import Problem, check
from xlsalesplan.plan.compute import PlanInputError, compute
from xlsalesplan.plan.model import MONTHS


def test_demo_passes_check():
    assert check(DEMO["ru"]) == []
    assert check(DEMO["en"]) == []


def nn_staff(column, value):
    def change(inputs):
        rows = inputs.employees["region"] == "Nizhny Novgorod"
        inputs.employees.loc[rows, column] = value

    return change


def zero_moscow_weights(inputs):
    inputs.employees.loc[inputs.employees["region"] == "Moscow", "weight"] = 0.0


def zero_profile(inputs):
    inputs.seasonality.loc[0, MONTHS] = 0.0


CASES = [
    (setter("employees", 3, "employee", None), ("employees", 3, "employee"), "blank cell"),
    (setter("targets", 0, "revenue", "abc"), ("targets", 0, "revenue"), "'abc' is not a number"),
    (
        setter("regions", 2, "rollout_order", 1.5),
        ("regions", 2, "rollout_order"),
        "1.5 is not a whole number",
    ),
    (
        setter("employees", 4, "weight", -1.0),
        ("employees", 4, "weight"),
        "-1: needs a number of 0 or more",
    ),
    (setter("targets", 1, "avg_deal", 0), ("targets", 1, "avg_deal"), "0: needs a number above 0"),
    (
        setter("initiatives", 0, "confidence", 1.5),
        ("initiatives", 0, "confidence"),
        "1.5: needs a share from 0% to 100%",
    ),
    (setter("tiers", 0, "conversion", None), ("tiers", 0, "conversion"), "blank cell"),
    (setter("goals", 1, "deadline", "soon"), ("goals", 1, "deadline"), "'soon' is not a date"),
    (
        setter("employees", 6, "region", "Atlantis"),
        ("employees", 6, "region"),
        "'Atlantis' is not in the 'Regions' table",
    ),
    (
        setter("employees", 7, "role", "Wizard"),
        ("employees", 7, "role"),
        "'Wizard' is not in the 'Funnel tiers' table",
    ),
    (
        setter("actuals", 8, "employee", "Nobody"),
        ("actuals", 8, "employee"),
        "'Nobody' is not in the 'Employees' table",
    ),
    (
        setter("targets", 2, "profile", "Toys"),
        ("targets", 2, "profile"),
        "'Toys' is not in the 'Seasonality profiles' table",
    ),
    (
        setter("goals", 0, "path", "zigzag"),
        ("goals", 0, "path"),
        "'zigzag': needs 'linear' or 'S-curve'",
    ),
    (setter("goals", 0, "region", "Atlantis"), ("goals", 0, "region"), "'Atlantis' is not in the"),
    (
        setter("goals", 0, "deadline", dt.date(2025, 12, 31)),
        ("goals", 0, "deadline"),
        "deadline 2025-12-31 is before the start of the plan year 2026",
    ),
    (
        setter("goals", 0, "deadline", dt.date(2031, 12, 31)),
        ("goals", 2, "deadline"),
        "deadline 2030-12-31 is not after 2031-12-31",
    ),
    (
        setter("goals", 3, "target", 40),
        ("goals", 3, "target"),
        "the regions table plans 30 offices, the goal needs 40",
    ),
    (
        setter("employees", 9, "hire_date", dt.date(2027, 2, 1)),
        ("employees", 9, "hire_date"),
        "hire date 2027-02-01 is after the plan year 2026",
    ),
    (
        setter("employees", 9, "hire_date", "yesterday"),
        ("employees", 9, "hire_date"),
        "'yesterday' is not a date",
    ),
    (
        setter("employees", 0, "fixed_goal", 300_000_000),
        ("employees", 0, "fixed_goal"),
        "fixed goals in region 'Moscow' (309000000) exceed its target (250000000)",
    ),
    (
        nn_staff("fixed_goal", 1.0),
        ("employees", 33, "fixed_goal"),
        "every goal in region 'Nizhny Novgorod' is fixed and they sum to 7, "
        "not the target 30000000",
    ),
    (
        nn_staff("region", "Moscow"),
        ("targets", 2, "region"),
        "region 'Nizhny Novgorod' has a revenue target but no employees",
    ),
    (
        zero_moscow_weights,
        ("employees", 1, "weight"),
        "region 'Moscow' has a revenue target but its employees have no weight",
    ),
    (zero_profile, ("seasonality", 0, "m01"), "every index of this profile is zero"),
    # An unknown language falls back to Russian, the default, for the reasons too.
    (setting("language", "de"), ("settings", None, "language"), "'de': нужно «ru» или «en»"),
    (setting("on_track", 0.8), ("settings", None, "on_track"), "must not be below the at-risk"),
    (
        setting("as_of", dt.date(2025, 12, 1)),
        ("settings", None, "as_of"),
        "cut-off date 2025-12-01 is outside the plan year 2026",
    ),
    (
        setting("plan_year", 2031),
        ("settings", None, "country"),
        "2031: the RU production calendar does not cover this year",
    ),
    (setting("plan_year", "next"), ("settings", None, "plan_year"), "'next' is not a number"),
    (setting("ramp_months", -2), ("settings", None, "ramp_months"), "-2: needs a number of 0"),
    (
        setter("stages", 1, "weeks", 0),
        ("stages", 1, "weeks"),
        "0: needs a whole number of 1 or more",
    ),
]


# A duplicate names the earlier cell: the same column, 0-based data row ``also`` (the demo's
# "Dmitry Popov" is the third employee, Moscow the first region, ...).
DUPLICATES = [
    (setter("employees", 5, "employee", "Dmitry Popov"), ("employees", 5, "employee"), 2),
    (setter("regions", 4, "region", "moscow"), ("regions", 4, "region"), 0),
    (setter("goals", 2, "goal", "Repeat sales at 40% of revenue"), ("goals", 2, "goal"), 1),
    (setter("targets", 1, "product", "Equipment"), ("targets", 1, "product"), 0),
]


@pytest.mark.parametrize(("change", "where", "also"), DUPLICATES)
def test_duplicate_names_the_earlier_row(change, where, also):
    problems = [p for p in check(broken(change)) if p.also is not None]
    assert [(p.table, p.row, p.column, p.also) for p in problems] == [(*where, also)]
    assert problems[0].reason.endswith("is already above in this table")


def test_duplicate_in_russian():
    (problem,) = check(broken(setter("regions", 4, "region", "Москва"), "ru"))
    assert problem == Problem("regions", 4, "region", "'Москва' уже есть выше в этой таблице", 0)


def test_only_duplicates_name_another_cell():
    problems = check(broken(setter("employees", 6, "region", "Atlantis")))
    assert [p.also for p in problems] == [None]


@pytest.mark.parametrize(("change", "where", "reason"), CASES)
def test_each_rule_reports_its_cell_and_reason(change, where, reason):
    problems = check(broken(change))
    found = [p for p in problems if (p.table, p.row, p.column) == where]
    assert found, problems
    assert any(reason in p.reason for p in found), found


def test_reasons_in_russian():
    problems = check(broken(setter("employees", 6, "region", "Атлантида"), "ru"))
    assert problems == [Problem("employees", 6, "region", "'Атлантида' нет в таблице «Регионы»")]


def test_formula_looking_text_is_plain_text():
    def change(inputs):
        for i, name in enumerate(["=cmd|' /C calc'!A0", "+7 495", "-Ivan", "@home"]):
            inputs.employees.loc[i, "employee"] = name
            inputs.actuals.loc[i, "employee"] = name
            inputs.bonus_targets.loc[i, "employee"] = name  # the same first employees

    inputs = broken(change)
    assert check(inputs) == []
    assert compute(inputs).employee_goals["employee"].iloc[0] == "=cmd|' /C calc'!A0"


def test_compute_refuses_bad_inputs():
    with pytest.raises(PlanInputError, match="1 problem") as err:
        compute(broken(setter("targets", 2, "profile", "Toys")))
    assert err.value.problems[0].table == "targets"


def test_dates_as_excel_serials_and_text_are_read():
    # 46174 is 2026-06-01 in Excel's 1900 date system.
    def change(inputs):
        inputs.employees.loc[38, "hire_date"] = 46174
        inputs.stages.loc[0, "start"] = "2026-01-12"

    out = compute(broken(change))
    assert out.roadmap["end"].iloc[0] == dt.date(2026, 2, 1)
    assert out.employee_goals.iloc[38][MONTHS[:5]].tolist() == [0] * 5
