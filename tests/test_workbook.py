"""The built workbooks in a real spreadsheet engine: the demo, an empty plan and the templates.

LibreOffice recalculates every native formula; its result must equal the cached value the
project wrote (what Excel, viewers and pandas show before recalculating). Builds are
reproducible: the shipped templates are the bytes a fresh build gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from libreoffice.cached import compare_cached_to_recalculated, read_cached_values
from lxml import etree
from workbook_fixtures import NS, built, copy_to, members, rewrite, sheet_parts

from xlsalesplan.io import files

__all__ = ["built"]  # the session fixture, imported for pytest

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = ("SalesPlan.xlsm", "SalesPlan.xlsx", "SalesPlan_en.xlsm", "SalesPlan_en.xlsx")


def formula_count(path: Path) -> int:
    return sum(len(cells) for cells in read_cached_values(path).values())


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_demo_cached_values_equal_libreoffice_recalculation(built, lo, lang):
    demo = built.demo(lang)
    # The demo carries native formulas on every output sheet that has them (a few hundred).
    assert formula_count(demo) > 100
    assert compare_cached_to_recalculated(demo, session=lo) == []


def test_a_wrong_cached_value_is_caught(built, lo, tmp_path):
    demo = copy_to(built.demo("ru"), tmp_path)
    sheet = "Цели сотрудников"
    part = sheet_parts(demo)[sheet]
    root = etree.fromstring(members(demo)[part])
    # The first employee's year total: =SUM of the twelve months, cached as a number.
    cell = next(c for c in root.iter(f"{{{NS}}}c") if c.get("r") == "P6")
    assert cell.find(f"{{{NS}}}f").text.startswith("SUM(")
    value = cell.find(f"{{{NS}}}v")
    right = float(value.text)
    value.text = repr(right + 1000)
    rewrite(demo, {part: etree.tostring(root, xml_declaration=True, encoding="UTF-8")})

    differences = compare_cached_to_recalculated(demo, session=lo)

    assert len(differences) == 1
    assert re.fullmatch(
        rf"'{sheet}'!P6: cached {right + 1000:.0f}, recalculated {right:.0f}", differences[0]
    ), differences


EMPTY_PLANS = ["new ru .xlsm", "new en .xlsx", *(f"template {name}" for name in TEMPLATES)]


@pytest.mark.parametrize("which", EMPTY_PLANS)
def test_empty_plans_cached_values_equal_recalculation(built, lo, which):
    kind, name = which.split(" ", 1)
    if kind == "new":
        lang, suffix = name.split()
        path = built.new(lang, suffix)
    else:
        path = next(p for p in built.templates() if p.name == name)
    assert compare_cached_to_recalculated(path, session=lo) == []


def test_templates_build_byte_identical_twice(built):
    first, second = built.templates(1), built.templates(2)
    for a, b in zip(first, second, strict=True):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes(), a.name


def test_macro_templates_carry_the_vba_project_and_plain_ones_do_not(built):
    for path in built.templates():
        parts = members(path)
        assert ("xl/vbaProject.bin" in parts) == (path.suffix == ".xlsm"), path.name


COMMITTED = REPO / "workbooks"


@pytest.mark.skipif(
    not any((COMMITTED / name).exists() for name in TEMPLATES),
    reason="workbooks/ holds no templates yet",
)
@pytest.mark.parametrize("name", TEMPLATES)
def test_committed_templates_equal_a_fresh_build(built, name):
    committed = COMMITTED / name
    assert committed.exists(), f"workbooks/{name} is missing; run `xlsalesplan build`"
    fresh = next(p for p in built.templates() if p.name == name)
    committed_parts, fresh_parts = members(committed), members(fresh)
    assert list(committed_parts) == list(fresh_parts)
    for part, data in fresh_parts.items():
        assert committed_parts[part] == data, f"workbooks/{name}: {part} differs; rebuild"
    assert committed.read_bytes() == fresh.read_bytes()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_shipped_demo_equals_a_fresh_build(built, lang):
    shipped = files.shipped_demo(lang)
    assert shipped is not None, "the package ships no demo; run `xlsalesplan build`"
    fresh = next(p for p in built.templates() if p.name == files.DEMO_FILE.format(lang=lang))
    assert shipped == fresh.read_bytes(), "the shipped demo is stale; run `xlsalesplan build`"
