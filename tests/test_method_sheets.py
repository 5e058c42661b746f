"""The strategy sheets in the workbook: live formulas LibreOffice recomputes to the hand
calculations, charts over the output tables, and sheets that print at 7 points or more.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from libreoffice.cached import compare_cached_to_recalculated, read_cached_values
from lxml import etree
from workbook_fixtures import built, edit_cells  # noqa: F401  (fixture)

from xlsalesplan.io import files
from xlsalesplan.io.build.strategy_sheets import STRATEGY_SHEETS
from xlsalesplan.io.layout import HEADER_ROW, SHEET_BY_KEY, TABLES, table_origins
from xlsalesplan.io.method_native import RULES
from xlsalesplan.io.ooxml.cells import cell_ref
from xlsalesplan.plan.tables import SETTINGS

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
NEW_SHEETS = list(STRATEGY_SHEETS)


def _cell(sheet_key: str, table: str, key: str, row: int) -> str:
    """The A1 address of a data cell (0-based row) of a table at its template place."""
    col = table_origins(SHEET_BY_KEY[sheet_key])[table] + TABLES[table].keys.index(key)
    return cell_ref(HEADER_ROW + 2 + row, col + 1)


def test_every_native_column_carries_a_formula(built):  # noqa: F811
    cached = read_cached_values(built.demo("en", ".xlsx"))
    for table, (_, rules) in RULES.items():
        sheet = next(s for s in SHEET_BY_KEY.values() if TABLES[table] in s.tables)
        for key in rules:
            ref = _cell(sheet.key, table, key, 0)
            assert ref in cached[sheet.name("en")], (table, key, ref)


def test_libreoffice_computes_ltv_and_bonus_as_by_hand(built, lo, tmp_path):  # noqa: F811
    """A planner's edits, a refresh, then LibreOffice recomputes every formula from scratch."""
    path = Path(shutil.copy(built.demo("en", ".xlsx"), tmp_path / "plan.xlsx"))
    discount_row = HEADER_ROW + 2 + [s.key for s in SETTINGS].index("discount_rate")
    channel = {
        k: _cell("economics", "tblChannels", k, 0) for k in ("cac", "arpu", "margin", "churn")
    }
    target = _cell("motivation", "tblBonusTargets", "target_bonus", 0)
    edit_cells(
        path,
        {
            ("Settings", f"C{discount_row}"): 0.25,
            ("Client economics", channel["cac"]): 150_000.0,
            ("Client economics", channel["arpu"]): 400_000.0,
            ("Client economics", channel["margin"]): 0.25,
            ("Client economics", channel["churn"]): 0.2,
            ("Motivation", target): 100_000.0,
        },
    )
    files.refresh_file(path, backup=False)
    assert compare_cached_to_recalculated(path, session=lo) == []
    sheets = lo.recalc(path)

    def value(sheet_key: str, table: str, key: str, row: int = 0):
        r, c = re.match(r"([A-Z]+)(\d+)", _cell(sheet_key, table, key, row)).groups()
        col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(r))) - 1
        return sheets[SHEET_BY_KEY[sheet_key].name("en")][int(c) - 1][col].value

    # Margin a year 400,000 × 0.25 = 100,000; q = 0.8 / 1.25 = 0.64; five years:
    # 100,000 × (1 + 0.64 + 0.4096 + 0.262144 + 0.16777216) = 247,951.616 against 150,000.
    assert value("economics", "tblEconomics", "ltv") == pytest.approx(247_951.616)
    assert value("economics", "tblEconomics", "profit") == pytest.approx(97_951.616)
    assert value("economics", "tblEconomics", "payback") == pytest.approx(1.78125)
    # The demo's 40 trade-show clients: 40 × −150,000 now, 40 × 97,951.616 by year five.
    assert value("economics", "tblCumulativeProfit", "y0") == pytest.approx(-6_000_000)
    assert value("economics", "tblCumulativeProfit", "y5") == pytest.approx(3_918_064.64)
    # Alexey Smirnov: revenue completion 5,596,000 / 6,271,386 = 0.892307 (plan–fact), Moscow's
    # team result 108,154,000 / 111,128,366 = 0.973235; a target bonus of 100,000 pays
    # 70,000 × 0.892307 = 62,461.5 → 62,461 and 30,000 × 0.973235 = 29,197.0 → 29,197.
    assert value("motivation", "tblBonus", "personal_part") == 62_461
    assert value("motivation", "tblBonus", "team_part") == 29_197
    assert value("motivation", "tblBonus", "bonus") == 91_658


def _charts(path: Path, sheet: str) -> list[etree._Element]:
    """The chart parts drawn on a sheet."""
    with zipfile.ZipFile(path) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        rid = next(s.get(R + "id") for s in book.iter(M + "sheet") if s.get("name") == sheet)
        part = "xl/" + target[rid]
        sheet_rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        drawings = [
            "xl/" + r.get("Target").replace("../", "")
            for r in etree.fromstring(z.read(sheet_rels))
            if r.get("Type").endswith("/drawing")
        ]
        charts = []
        for drawing in drawings:
            drels = drawing.replace("drawings/", "drawings/_rels/") + ".rels"
            for r in etree.fromstring(z.read(drels)):
                charts.append(etree.fromstring(z.read("xl/" + r.get("Target").replace("../", ""))))
        return charts


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_five_year_case_is_one_chart_with_a_line_per_channel(built, lang):  # noqa: F811
    path = built.demo(lang, ".xlsx")
    (chart,) = _charts(path, SHEET_BY_KEY["economics"].name(lang))
    assert chart.find(f".//{C}lineChart") is not None
    assert len(chart.findall(f".//{C}ser")) == 5  # the demo's five channels
    for name in ("assortment", "concentration"):
        assert len(_charts(path, SHEET_BY_KEY[name].name(lang))) == 1


# ---------------------------------------------------------------------------- printing
A4_LANDSCAPE_PT = (11.69 - 2 * 0.7) * 72  # XlsxWriter's margins: 0.7 inch left and right


def printed_font(path: Path, sheet: str) -> float:
    """The size an 11-point cell prints at: fit to its pages wide, columns and charts counted."""
    with zipfile.ZipFile(path) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        rid = next(s.get(R + "id") for s in book.iter(M + "sheet") if s.get("name") == sheet)
        part = "xl/" + target[rid]
        root = etree.fromstring(z.read(part))
        widths = {}
        for col in root.iter(M + "col"):
            for c in range(int(col.get("min")), int(col.get("max")) + 1):
                widths[c] = float(col.get("width"))
        last = 0
        for c in root.iter(M + "c"):
            letters = re.match(r"[A-Z]+", c.get("r")).group()
            last = max(last, sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))))
        sheet_rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if sheet_rels in z.namelist():
            for r in etree.fromstring(z.read(sheet_rels)):
                if r.get("Type").endswith("/drawing"):
                    drawing = etree.fromstring(z.read("xl/" + r.get("Target").replace("../", "")))
                    for to in drawing.iter(XDR + "to"):
                        last = max(last, int(to.find(XDR + "col").text) + 1)
        pixels = sum(round(widths.get(c, 9.140625) * 7) for c in range(1, last + 1))
        setup = root.find(M + "pageSetup")
        assert setup.get("paperSize") == "9"
        fit = root.find(f"{M}sheetPr/{M}pageSetUpPr")
        if fit is None or fit.get("fitToPage") != "1":  # printed at a scale, pages broken
            return 11 * int(setup.get("scale", "100")) / 100  # (tests/test_printing.py measures)
        assert setup.get("orientation") == "landscape"
        pages = int(setup.get("fitToWidth", "1"))
    return 11 * min(1.0, pages * A4_LANDSCAPE_PT / (pixels * 0.75))


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("key", NEW_SHEETS)
def test_the_strategy_sheets_print_at_seven_points_or_more(built, key, lang):  # noqa: F811
    assert printed_font(built.demo(lang, ".xlsx"), SHEET_BY_KEY[key].name(lang)) >= 7
