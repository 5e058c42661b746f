"""The strategy sheets' inputs are checked like the others: bad cells are problems with their
reason (``Sheet!Cell: reason`` in a file), inconsistent ones are warnings that do not block.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from plan_changes import DEMO, broken, setter, setting
from workbook_fixtures import built, edit_cells  # noqa: F401  (fixture)

from xlsalesplan.io import files
from xlsalesplan.io.layout import HEADER_ROW, SHEET_BY_KEY, TABLES, table_origins
from xlsalesplan.io.ooxml.cells import cell_ref
from xlsalesplan.plan.check import check
from xlsalesplan.plan.warnings import warnings

CASES = [
    (
        setter("documents", 2, "status", "done"),
        ("documents", 2, "status"),
        "'done': needs 'not started' or 'in progress' or 'in review' or 'approved'",
    ),
    (
        setter("documents", 0, "until", "soon"),
        ("documents", 0, "until"),
        "'soon' is not a date",
    ),
    (setter("factors", 1, "owner", None), ("factors", 1, "owner"), "blank cell"),
    (
        setter("factors", 1, "factor", "luck"),
        ("factors", 1, "factor"),
        "'luck': needs 'structure' or 'staff skills'",
    ),
    (
        setter("risks", 1, "probability", 1.5),
        ("risks", 1, "probability"),
        "1.5: needs a share from 0% to 100%",
    ),
    (
        setter("risks", 0, "initiative", "Moon base"),
        ("risks", 0, "initiative"),
        "'Moon base' is not in the 'Initiatives (input)' table",
    ),
    (
        setter("weaknesses", 1, "action", "Prayer"),
        ("weaknesses", 1, "action"),
        "'Prayer' is not in the 'Initiatives (input)' table",
    ),
    (
        setter("threats", 2, "threat", "Cheaper regional competitors"),
        ("threats", 2, "threat"),
        "is already above in this table",
    ),
    (
        setter("stage_work", 0, "stage", "Kick-off"),
        ("stage_work", 0, "stage"),
        "'Kick-off' is not in the 'Stages' table",
    ),
    (
        setter("calendar", 0, "end", dt.date(2026, 1, 1)),
        ("calendar", 0, "end"),
        "end 2026-01-01 is before the start 2026-01-12",
    ),
    (
        setter("calendar", 1, "kind", "dream"),
        ("calendar", 1, "kind"),
        "'dream': needs 'initiative' or 'project'",
    ),
    (
        setter("products", 3, "margin", 1.5),
        ("products", 3, "margin"),
        "1.5: needs a number up to 100%",
    ),
    (
        setter("products", 3, "growth", -1.5),
        ("products", 3, "growth"),
        "-1.5: needs a number of -100% or more",
    ),
    (
        setter("client_sales", 4, "region", "Atlantis"),
        ("client_sales", 4, "region"),
        "'Atlantis' is not in the 'Regions' table",
    ),
    (
        setter("client_sales", 4, "sales", -10.0),
        ("client_sales", 4, "sales"),
        "-10: needs a number of 0 or more",
    ),
    (
        setter("bonus_targets", 2, "employee", "Nobody"),
        ("bonus_targets", 2, "employee"),
        "'Nobody' is not in the 'Employees' table",
    ),
    (
        setter("bonus_targets", 2, "employee", "Alexey Smirnov"),
        ("bonus_targets", 2, "employee"),
        "is already above in this table",
    ),
    (setter("channels", 0, "cac", 0), ("channels", 0, "cac"), "0: needs a number above 0"),
    (
        setter("channels", 1, "clients", 2.5),
        ("channels", 1, "clients"),
        "2.5 is not a whole number",
    ),
    (
        setter("effects", 0, "before", 8.0),
        ("effects", 0, "before"),
        "8: a conversion is a share from 0 to 1 (5% = 0.05)",
    ),
    (
        setter("effects", 0, "result", 500),
        ("effects", 0, "result"),
        "more paid clients (500) than trials (420)",
    ),
    (
        setting("bonus_threshold", 1.2),
        ("settings", None, "bonus_threshold"),
        "the bonus threshold 1.2 is above the completion that pays 100% (1)",
    ),
    (
        setting("concentration_limit", 0),
        ("settings", None, "concentration_limit"),
        "0: needs a share above 0% and up to 100%",
    ),
    (
        setting("bonus_accelerator", 0.5),
        ("settings", None, "bonus_accelerator"),
        "0.5: needs a number of 1 or more",
    ),
]


@pytest.mark.parametrize(("change", "where", "reason"), CASES)
def test_each_rule_reports_its_cell_and_reason(change, where, reason):
    problems = check(broken(change))
    found = [p for p in problems if (p.table, p.row, p.column) == where]
    assert found, problems
    assert any(reason in p.reason for p in found), found


def test_the_items_per_order_measure_is_no_share():
    # Items per order above 1 is the point of cross-selling, not a bad conversion.
    assert check(broken(setter("effects", 1, "target", 2.5))) == []


def test_reasons_in_russian():
    problems = check(broken(setter("calendar", 0, "end", dt.date(2026, 1, 1)), "ru"))
    assert [p.reason for p in problems] == ["окончание 2026-01-01 раньше начала 2026-01-12"]


# ---------------------------------------------------------------------------- warnings
def reasons(inputs):
    assert check(inputs) == []  # warnings are about inputs that pass the check
    return [(w.table, w.row, w.column, w.reason) for w in warnings(inputs)]


def test_the_demo_has_no_warnings():
    assert reasons(DEMO["ru"]) == reasons(DEMO["en"]) == []


def test_a_weakness_or_threat_without_an_action_is_a_warning():
    def change(inputs):
        inputs.weaknesses.loc[1, "action"] = None
        inputs.threats.loc[0, "action"] = ""

    assert reasons(broken(change)) == [
        (
            "weaknesses",
            1,
            "action",
            "'Few repeat sales: 22% of revenue' has no action: name the initiative that answers it",
        ),
        (
            "threats",
            0,
            "action",
            "'Cheaper regional competitors' has no action: name the initiative that answers it",
        ),
    ]


def test_a_stage_without_work_is_a_warning():
    def change(inputs):
        inputs.stage_work = inputs.stage_work[inputs.stage_work["stage"] != "Market research"]

    assert reasons(broken(change)) == [
        (
            "stages",
            1,
            "stage",
            "stage 'Market research' has no deliverables in the stage work table",
        )
    ]


def test_an_initiative_of_the_calendar_unknown_to_roi_is_a_warning():
    assert reasons(broken(setter("calendar", 0, "item", "ERP roll-out"))) == [
        (
            "calendar",
            0,
            "item",
            "'ERP roll-out' is not in the initiatives table (ROI sheet), so its return is not "
            "judged",
        )
    ]


def test_a_risk_register_without_the_methods_kinds_is_a_warning():
    def change(inputs):
        inputs.risks["kind"] = "other"

    found = reasons(broken(change))
    assert [w[3] for w in found] == [
        f"the risk register has no '{kind}' risk; the method names budget, schedule and staff"
        for kind in ("budget", "schedule", "staff")
    ]
    assert all(w[:3] == ("risks", None, "kind") for w in found)


def test_client_sales_that_miss_the_actuals_are_a_warning():
    # The first Nizhny Novgorod client sells 1,000 more than the region's actuals hold.
    def change(inputs):
        row = inputs.client_sales.index[inputs.client_sales["region"] == "Nizhny Novgorod"][0]
        inputs.client_sales.loc[row, "sales"] += 1000

    found = reasons(broken(change))
    assert len(found) == 1 and found[0][:3] == ("client_sales", 30, "sales")
    assert found[0][3] == (
        "clients of region 'Nizhny Novgorod' sum to 6,610,000, its employees' actuals to 6,609,000"
    )


@pytest.mark.parametrize(
    ("row", "stage", "weeks", "reason"),
    [
        (0, "Diagnostics", 5, "5 weeks: the method gives this stage 2–4 weeks"),
        (3, "Implementation support", 8, "8 weeks: the method gives this stage ≥ 13 weeks"),
        (0, "Pre-diagnostics", 2, "2 weeks: the method gives this stage 1–3 days"),
    ],
)
def test_stage_durations_keep_their_units(row, stage, weeks, reason):
    def change(inputs):
        work = inputs.stage_work
        work.loc[work["stage"] == inputs.stages.loc[row, "stage"], "stage"] = stage
        inputs.stages.loc[row, "stage"] = stage
        inputs.stages.loc[row, "weeks"] = weeks

    assert reasons(broken(change)) == [("stages", row, "weeks", reason)]


def test_pre_diagnostics_of_one_week_is_within_the_method():
    def change(inputs):
        inputs.stages.loc[0, "stage"] = "Pre-diagnostics"
        inputs.stages.loc[0, "weeks"] = 1
        inputs.stage_work.loc[inputs.stage_work["stage"] == "Diagnostics", "stage"] = (
            "Pre-diagnostics"
        )

    assert reasons(broken(change)) == []


# -------------------------------------------------------------------- in the workbook
def _cell(sheet_key: str, table: str, key: str, row: int) -> str:
    """The A1 address of a data cell (0-based row) of a table at its template place."""
    col = table_origins(SHEET_BY_KEY[sheet_key])[table] + TABLES[table].keys.index(key)
    return cell_ref(HEADER_ROW + 2 + row, col + 1)


def test_a_bad_cell_is_named_by_sheet_and_cell(built, tmp_path):  # noqa: F811
    path = shutil.copy(built.demo("ru", ".xlsx"), tmp_path / "plan.xlsx")
    probability = _cell("implementation", "tblRisks", "probability", 1)
    status = _cell("policies", "tblDocuments", "status", 2)
    edit_cells(path, {("Внедрение", probability): 1.5, ("Политики", status): "готов"})
    with pytest.raises(files.PlanProblems) as caught:
        files.check_file(path)
    assert caught.value.lines == [
        f"Политики!{status}: 'готов': нужно «не начат» или «в работе» или «на согласовании» "
        "или «утверждён»",
        f"Внедрение!{probability}: 1.5: нужно долю от 0% до 100%",
    ]


def test_a_warning_is_named_by_sheet_and_cell_and_does_not_block(built, tmp_path):  # noqa: F811
    path = shutil.copy(built.demo("en", ".xlsx"), tmp_path / "plan.xlsx")
    action = _cell("swot", "tblThreats", "action", 1)
    edit_cells(path, {("SWOT", action): None})
    assert files.check_file(path) == [
        f"SWOT!{action}: 'Client acquisition grows dearer' has no action: name the initiative "
        "that answers it"
    ]
    files.refresh_file(path, backup=False)  # a warning never blocks a refresh
