"""Refresh on disk, checked in a real spreadsheet engine: it keeps what it does not own.

A demo plan gets what a planner adds in Excel (their own sheet with an image and a chart, a
comment on an input cell, a defined name), its inputs change (a new employee, a new revenue
target), and ``refresh`` must change only the parts it owns, write the right outputs, and
leave cached values that LibreOffice's recalculation confirms. Bad inputs leave the file as it
was, byte for byte, and are reported as ``Sheet!Cell: reason``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from libreoffice.cached import compare_cached_to_recalculated
from lxml import etree
from workbook_fixtures import (
    COMMENT_SHEET,
    NS,
    NS_R,
    OWN_NAME,
    OWN_SHEET,
    built,
    copy_to,
    edit_cells,
    inject_planner_content,
    masked_sheet,
    members,
    output_sheet_names,
    owned_parts,
    sheet_parts,
    stamp,
    stored,
    table_rows,
)

from xlsalesplan.io import files
from xlsalesplan.io.doors.atomic import backup_names
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.tables import find_table
from xlsalesplan.io.planio import fingerprint, read_inputs

__all__ = ["built"]  # the session fixture, imported for pytest

NEW_EMPLOYEE = "Новиков Тестовый"
NEW_REVENUE = 200_000_000.0  # Moscow, equipment: was 185,000,000 in the demo
MONTHS = ["Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"]


def change_inputs(path: Path) -> None:
    """A new sales rep in Moscow (hired 12 January 2026) and a higher Moscow target."""
    pkg = Package.open(path)
    employees = find_table(pkg, "tblEmployees")
    rows = [[c.value for c in row] for row in employees.rows()]
    hired = 46034.0  # 2026-01-12 as an Excel serial (1899-12-30 + 46034 days)
    employees.write([*rows, [NEW_EMPLOYEE, "Закрытие сделок", "Москва", hired, 1.0, None]])
    targets = find_table(pkg, "tblTargets")
    assert targets.rows()[0][2].where == "'План продаж'!C6"
    targets.sheet.write("C6", [[NEW_REVENUE]])
    pkg.save(path)


@pytest.fixture(scope="module")
def refreshed(built, tmp_path_factory):
    """(before, after): a demo with the planner's content and changed inputs, and its refresh."""
    folder = tmp_path_factory.mktemp("refreshed")
    plan = copy_to(built.demo("ru"), folder, "plan.xlsm")
    injected = inject_planner_content(plan)
    change_inputs(plan)
    before = copy_to(plan, folder, "before.xlsm")
    files.refresh_file(plan, backup=False)
    return before, plan, injected


def test_refresh_keeps_every_part_it_does_not_own_byte_for_byte(refreshed):
    before, after, injected = refreshed
    owned = owned_parts(before, "ru")
    old, new = stored(before), stored(after)
    assert set(new) == set(old)  # no part lost, none added (the demo has no calcChain)
    kept = [part for part in old if part not in owned]
    assert set(injected.added) <= set(kept)
    changed = [part for part in kept if old[part] != new[part]]
    assert changed == []
    assert {p for p in old if old[p] != new[p]} <= owned


def test_refresh_keeps_the_planners_sheet_name_and_comment(refreshed):
    _, after, injected = refreshed
    book = etree.fromstring(members(after)["xl/workbook.xml"])
    assert OWN_SHEET in [s.get("name") for s in book.iter(f"{{{NS}}}sheet")]
    names = {d.get("name"): d.text for d in book.iter(f"{{{NS}}}definedName")}
    assert names[OWN_NAME] == f"'{OWN_SHEET}'!$B$1:$B$4"
    assert sheet_parts(after)[OWN_SHEET] == injected.own_sheet_part
    # The sales plan sheet is rewritten (it holds outputs) but still points at the comment.
    sheet = etree.fromstring(members(after)[sheet_parts(after)[COMMENT_SHEET]])
    legacy = sheet.find(f"{{{NS}}}legacyDrawing")
    assert legacy is not None
    pkg = Package.open(after)
    rels = {r.id: r for r in pkg.rels(sheet_parts(after)[COMMENT_SHEET])}
    assert rels[legacy.get(f"{{{NS_R}}}id")].kind == "vmlDrawing"
    assert any(r.kind == "comments" for r in rels.values())


def test_refresh_writes_the_new_employee_and_the_new_target(refreshed):
    before, after, _ = refreshed
    _, goals_before = table_rows(before, "tblEmployeeGoals")
    _, goals = table_rows(after, "tblEmployeeGoals")
    assert len(goals) == len(goals_before) + 1
    new = [row for row in goals if row[0] == NEW_EMPLOYEE]
    assert len(new) == 1 and new[0][1:3] == ["Закрытие сделок", "Москва"]
    # Hired on 12 January with a full weight: a goal in every month, summing to the total.
    months = new[0][3:15]
    assert all(m > 0 for m in months)
    assert sum(months) == pytest.approx(new[0][15])
    # The Moscow equipment plan is the target typed in.
    _, plan = table_rows(after, "tblSalesPlan")
    revenue = [r for r in plan if r[:3] == ["Москва", "Оборудование", "выручка"]]
    assert len(revenue) == 1
    assert revenue[0][15] == pytest.approx(NEW_REVENUE)
    assert sum(revenue[0][3:15]) == pytest.approx(NEW_REVENUE)


def test_refreshed_team_months_equal_the_region_plans(refreshed):
    _, after, _ = refreshed
    _, goals = table_rows(after, "tblEmployeeGoals")
    _, plan = table_rows(after, "tblSalesPlan")
    team, regions = defaultdict(float), defaultdict(float)
    for row in goals:
        for m in range(12):
            team[row[2], m] += row[3 + m]
    for row in plan:
        if row[2] == "выручка":
            for m in range(12):
                regions[row[0], m] += row[3 + m]
    assert set(regions) <= set(team)
    for key, value in regions.items():
        assert team[key] == pytest.approx(value, abs=0.5), key
    assert sum(regions.values()) == pytest.approx(NEW_REVENUE + 65e6 + 24e6 + 6e6)


def test_refresh_stamps_a_new_fingerprint(refreshed):
    before, after, _ = refreshed
    for sheet in output_sheet_names("ru"):
        was, now = stamp(before, sheet), stamp(after, sheet)
        assert now.startswith("Обновлено: ")
        assert was.rsplit(" ", 1)[1] != now.rsplit(" ", 1)[1], sheet


def test_refreshed_cached_values_equal_recalculation(refreshed, lo):
    # Every formula, the dashboard's and the Gantt's included, carries the value LibreOffice
    # computes from the refreshed tables.
    _, after, _ = refreshed
    assert compare_cached_to_recalculated(after, session=lo) == []


# ------------------------------------------------------------ re-saved by LibreOffice
@pytest.mark.parametrize("suffix", [".xlsm", ".xlsx"])
def test_a_plan_saved_by_libreoffice_refreshes(built, lo, tmp_path, suffix):
    plan = lo.save_as(built.demo("ru"), tmp_path / f"saved{suffix}")
    edit_cells(plan, {("План продаж", "C6"): NEW_REVENUE})
    files.refresh_file(plan, backup=False)
    _, rows = table_rows(plan, "tblSalesPlan")
    revenue = [r for r in rows if r[:3] == ["Москва", "Оборудование", "выручка"]]
    assert revenue[0][15] == pytest.approx(NEW_REVENUE)
    assert stamp(plan, "Цели сотрудников").startswith("Обновлено: ")
    differences = compare_cached_to_recalculated(plan, session=lo)
    assert differences == []


# ------------------------------------------------------------ a second refresh
def test_a_refresh_of_an_up_to_date_plan_writes_nothing(built, tmp_path):
    # The demo as written is up to date: its stamps carry the fingerprint of its inputs.
    plan = copy_to(built.demo("ru"), tmp_path, "plan.xlsm")
    before = plan.read_bytes()
    report = files.refresh_file(plan)
    assert report.startswith("up to date")
    assert plan.read_bytes() == before and not backup_names(plan)[0].exists()
    # Forced twice, the second rewrite gives the same bytes but for the stamps.
    files.refresh_file(plan, backup=False, force=True)
    first = members(plan)
    files.refresh_file(plan, backup=False, force=True)
    second = members(plan)
    assert list(first) == list(second)
    stamped = {sheet_parts(plan)[s] for s in output_sheet_names("ru")}
    changed = {part for part, data in first.items() if data != second[part]}
    assert changed <= stamped
    for part in stamped & changed:
        assert masked_sheet(first[part], "A2") == masked_sheet(second[part], "A2"), part


def test_the_fingerprint_survives_a_round_trip_through_libreoffice(built, lo, tmp_path):
    plan = copy_to(built.demo("ru"), tmp_path, "plan.xlsx")
    saved = lo.save_as(plan, tmp_path / "saved.xlsx")
    stamps = {stamp(plan, s) for s in output_sheet_names("ru")}
    ours = fingerprint(read_inputs(FileDoor.open(plan))[0])
    assert all(s.endswith(ours) for s in stamps)
    assert fingerprint(read_inputs(FileDoor.open(saved))[0]) == ours
    # ... and the re-saved plan is up to date: nothing rewritten, no backup pushed out.
    before = saved.read_bytes()
    assert files.refresh_file(saved).startswith("up to date")
    assert saved.read_bytes() == before and not backup_names(saved)[0].exists()
