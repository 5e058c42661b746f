"""The team (issue 13, items 2 and 5) on both engines: regions approve and publish their plans,
the head office consolidates them into its workbook.

Each region's plan is a workbook of its own (the demo cut down to the region, its Settings
naming the region and the company plan). The Consolidation table of the company's workbook holds
each region's latest published plan exactly, so its totals are the sums of the regions', and
compares them with the company's own plan for each region.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import numpy as np
import pytest
from store_fixtures import postgres, store_url  # noqa: F401  (fixtures)
from team_fixtures import input_cell
from workbook_fixtures import edit_cells, table_rows

from xlsalesplan.io import files
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.planio import fingerprint, read_inputs, stamp_text
from xlsalesplan.io.recordbook import region_plans
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.plan.regional import region_only
from xlsalesplan.records import team
from xlsalesplan.store import open_store


def regional_inputs(region: str, company: str, url: str):
    """The demo cut down to one region (as ``xlsalesplan demo --region`` writes it)."""
    inputs = region_only(demo_inputs("en"), region)
    inputs.settings.update(plan_id=str(uuid.uuid4()), company_plan=company, store_url=url)
    return inputs


def write(path: Path, inputs) -> Path:
    stamp = stamp_text("en", dt.datetime(2026, 11, 28), fingerprint(inputs))
    path.write_bytes(files.workbook_bytes(inputs, compute(inputs), "en", stamp, macros=False))
    return path


@pytest.fixture
def company(tmp_path, store_url) -> Path:  # noqa: F811
    inputs = demo_inputs("en")
    inputs.settings.update(plan_id=str(uuid.uuid4()), store_url=store_url)
    return write(tmp_path / "Company.xlsx", inputs)


def company_id(path: Path) -> str:
    return read_inputs(FileDoor.open(path))[0].settings["plan_id"]


def regions_of(company_path: Path, url: str) -> dict[str, Path]:
    found = {}
    for region in ("Moscow", "Nizhny Novgorod"):
        inputs = regional_inputs(region, company_id(company_path), url)
        found[region] = write(company_path.parent / f"{region}.xlsx", inputs)
    return found


def consolidation(path: Path) -> list[list]:
    return table_rows(path, "tblConsolidation")[1]


def test_regions_publish_and_the_head_office_consolidates(company, store_url):  # noqa: F811
    regions = regions_of(company, store_url)
    approved = {}
    for region, path in regions.items():
        approved[region] = team.approve_file(path, f"Head of {region}").version
        done = team.publish_file(path)
        assert done.new and done.region == region and done.publication.source_number == 1
    assert not team.publish_file(regions["Moscow"]).new  # the same version: nothing new
    done = team.consolidate_file(company, backup=False)
    assert done.regions == ["Moscow", "Nizhny Novgorod"] and done.missing == []
    rows, published = consolidation(company), table_rows(company, "tblPublished")[1]
    own = region_plans(compute(read_inputs(FileDoor.open(company))[0]), "en").set_index("region")
    with open_store(store_url) as store:
        goals, plans = store.consolidate(company_id(company))
        for row, shown, region in zip(rows, published, ["Moscow", "Nizhny Novgorod"], strict=True):
            version = store.version(approved[region].plan_id, region)
            months = version.regions[MONTHS].to_numpy(dtype=float).sum(axis=0)
            assert row[0] == region and row[1:13] == months.tolist() and row[13] == months.sum()
            assert shown[:2] == [region, 1.0]
            assert shown[2].startswith(f"Head of {region}, 20")  # who approved it, and when
            assert shown[3] == months.sum() and shown[4] == own.loc[region, MONTHS].sum()
            assert shown[5] == shown[3] - shown[4]
    # The company's totals are the regions' sums, month by month and for the year.
    table = np.array([r[1:13] for r in rows], dtype=float)
    assert table.sum(axis=0).tolist() == plans[MONTHS].to_numpy().sum(axis=0).tolist()
    assert table.sum() == done.total == goals[MONTHS].to_numpy().sum()
    assert sum(r[13] for r in rows) == done.total
    # The cut-down regions are the demo's own regions: the consolidation meets the company's plan.
    assert done.total == pytest.approx(done.own_total)


def test_a_region_approved_again_is_consolidated_at_its_latest(company, store_url):  # noqa: F811
    regions = regions_of(company, store_url)
    for path in regions.values():
        team.approve_file(path, "Head")
        team.publish_file(path)
    moscow = regions["Moscow"]
    edit_cells(moscow, {input_cell(moscow, "targets", 0, "revenue"): 200_000_000.0})
    assert team.approve_file(moscow, "Head").version.number == 2
    assert team.publish_file(moscow).publication.source_number == 2
    team.consolidate_file(company, backup=False)
    rows = {r[0]: r for r in table_rows(company, "tblPublished")[1]}
    assert rows["Moscow"][1] == 2.0 and rows["Nizhny Novgorod"][1] == 1.0
    assert rows["Moscow"][3] == 200_000_000.0 + 65_000_000.0  # equipment changed, service not
    months = {r[0]: r for r in consolidation(company)}
    assert months["Moscow"][13] == 200_000_000.0 + 65_000_000.0


def test_a_region_not_published_yet_shows_the_companys_own_plan_only(company, store_url):  # noqa: F811
    regions = regions_of(company, store_url)
    team.approve_file(regions["Moscow"], "Head")
    team.publish_file(regions["Moscow"])
    done = team.consolidate_file(company, backup=False)
    assert done.missing == ["Nizhny Novgorod"]
    assert [r[0] for r in consolidation(company)] == ["Moscow"]
    rows = {r[0]: r for r in table_rows(company, "tblPublished")[1]}
    late = rows["Nizhny Novgorod"]
    assert late[1:4] == [None, None, None] and late[4] > 0 and late[5] is None


def test_publishing_is_for_an_approved_regional_plan(company, store_url, tmp_path):  # noqa: F811
    with pytest.raises(WorkbookError, match="this is the company's plan"):
        team.publish_file(company)
    moscow = regions_of(company, store_url)["Moscow"]
    with pytest.raises(WorkbookError, match="is not approved yet"):
        team.publish_file(moscow)
    before = moscow.read_bytes()
    team.approve_file(moscow, "Head")
    after = moscow.read_bytes()
    team.publish_file(moscow)
    assert moscow.read_bytes() == after != before  # publish only reads the workbook


def test_a_region_with_its_own_store_publishes_to_the_team_store(company, store_url, tmp_path):  # noqa: F811
    inputs = regional_inputs("Nizhny Novgorod", company_id(company), "")
    own = write(tmp_path / "NN.xlsx", inputs)  # no URL: its own SQLite file beside it
    team.approve_file(own, "Head")
    assert (tmp_path / "NN.xlsalesplan.sqlite").exists()
    done = team.publish_file(own, to=store_url)
    assert done.new
    consolidated = team.consolidate_file(company, backup=False)
    assert consolidated.regions == ["Nizhny Novgorod"]


def test_a_company_without_publications_hears_its_id(tmp_path):
    inputs = demo_inputs("en")
    inputs.settings.update(plan_id=str(uuid.uuid4()))
    plan = write(tmp_path / "Company.xlsx", inputs)
    done = team.consolidate_file(plan, backup=False)
    assert done.regions == [] and done.plan_id == inputs.settings["plan_id"]
    assert all(v is None for row in consolidation(plan) for v in row)  # the empty table's row
    assert [r[0] for r in table_rows(plan, "tblPublished")[1]] == ["Moscow", "Nizhny Novgorod"]
    assert (tmp_path / "Company.xlsalesplan.sqlite").exists()  # the store beside the plan


def test_the_demo_of_a_region_is_its_own_plan(tmp_path):
    plan = files.write_demo(tmp_path / "Kazan.xlsx", "en", region="moscow", company_plan="c-1")
    inputs = read_inputs(FileDoor.open(plan))[0]
    assert (inputs.settings["region"], inputs.settings["company_plan"]) == ("Moscow", "c-1")
    assert set(inputs.employees["region"]) == {"Moscow"} == set(inputs.targets["region"])
    assert set(inputs.actuals["employee"]) <= set(inputs.employees["employee"])
    with pytest.raises(ValueError, match="'Atlantis' is not a region of the plan"):
        files.write_demo(tmp_path / "x.xlsx", "en", region="Atlantis")
