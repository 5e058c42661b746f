"""Print-ready sheets: the page set-up written into every sheet, and the printed result.

The set-up is read back from the built workbooks (openpyxl); the printed result is measured on
the PDF LibreOffice prints from the Russian and English demos and an empty plan: the size of
every word on paper (:mod:`printed`, calibrated on a page printed at 100 %), the page headers,
no "###" for a number too wide for its column, and the empty dashboard's charts.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from libreoffice import LibreOfficeMissing, convert, find_soffice
from printed import line_height, printed_words
from workbook_fixtures import built, sheet_parts

from xlsalesplan.io.build.printing import (
    MIN_PT,
    Block,
    Page,
    PageSetup,
    dashboard_setup,
    min_scale,
    plan_pages,
)
from xlsalesplan.io.build.textwidth import NUMERIC
from xlsalesplan.io.layout import (
    DASHBOARD,
    GUIDE_SHEET,
    HEADER_ROW,
    SHEET_BY_KEY,
    SHEETS,
    table_origins,
)
from xlsalesplan.plan.schema import pick

__all__ = ["built"]  # the session fixture, imported for pytest

PLANS = [("demo", "ru"), ("demo", "en"), ("new", "ru")]


def workbook(built, which: str, lang: str) -> Path:
    return built.demo(lang, ".xlsx") if which == "demo" else built.new(lang, ".xlsx")


# ----------------------------------------------------------------------------- the plan
def test_a_narrow_sheet_prints_portrait_at_full_size():
    setup = plan_pages([Block(0, 2), Block(4, 5)], {0: 16, 1: 12, 2: 12, 4: 24, 5: 12}, rows=30)
    assert setup == PageSetup(landscape=False, scale=100, breaks=())


def test_tables_too_wide_together_break_between_them_at_a_readable_scale():
    widths = dict.fromkeys(range(26), 14)
    setup = plan_pages([Block(0, 13), Block(15, 25)], widths, rows=30)
    assert setup.breaks == (14,)  # the empty column goes over with the second table
    assert setup.landscape and setup.scale >= min_scale()


def test_a_table_wider_than_a_page_is_never_shrunk_below_readable():
    setup = plan_pages([Block(0, 59)], dict.fromkeys(range(60), 14), rows=10)
    assert setup.scale == min_scale() == 64


def test_the_smallest_font_sets_the_smallest_scale():
    assert min_scale(11) == 64 and min_scale(9) == 78 and min_scale(7) == 100


def test_weeks_split_over_pages_with_the_repeated_columns():
    widths = {0: 24, **dict.fromkeys(range(2, 106), 2.0)}
    setup = plan_pages(
        [Block(0, 0), Block(2, 105, splittable=True)], widths, 10, 9, repeat_cols=(0, 0)
    )
    assert setup.scale >= min_scale(9)
    assert len(setup.breaks) == 2 and setup.breaks[0] == 1


def test_the_dashboard_takes_one_page_unless_its_labels_make_it_too_wide():
    narrow = Page(width_pt=700, tops=(3, 20, 37), chart_pt=225)
    assert dashboard_setup(narrow) is None  # fit on one portrait page
    wide = Page(width_pt=900, tops=(3, 20, 37), chart_pt=225)
    setup = dashboard_setup(wide)
    assert setup.landscape and setup.scale >= 80 and setup.breaks == (37,)  # charts kept whole


# ----------------------------------------------------------------------------- the set-up
@pytest.mark.parametrize(("which", "lang"), PLANS)
def test_every_sheet_has_a_print_set_up(built, which, lang):
    book = openpyxl.load_workbook(workbook(built, which, lang))
    company = {"demo": {"ru": "ООО «Вектор»", "en": "Vektor LLC"}}.get(which, {}).get(lang, "")
    for ws in book.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title  # A4
        fit = (
            ws.sheet_properties.pageSetUpPr is not None
            and ws.sheet_properties.pageSetUpPr.fitToPage
        )
        assert fit or int(setup.scale or 100) >= min_scale(), ws.title
        header = ws.oddHeader
        assert company in header.left.text and re.search(r"20\d\d", header.left.text)
        assert header.right.text == "&A"
        assert ws.oddFooter.center.text == "&P / &N"
    for sheet in SHEETS:  # the caption and header rows of the tables on every page
        assert book[sheet.name(lang)].print_title_rows == f"${HEADER_ROW}:${HEADER_ROW + 1}"


@pytest.mark.parametrize(("which", "lang"), PLANS)
def test_headers_stand_where_their_numbers_do_and_text_keeps_off_them(built, which, lang):
    book = openpyxl.load_workbook(workbook(built, which, lang))
    for sheet in SHEETS:
        ws = book[sheet.name(lang)]
        origins = table_origins(sheet)
        for table in sheet.tables:
            for j, column in enumerate(table.columns):
                col = origins[table.name] + j + 1
                header = ws.cell(HEADER_ROW + 1, col)
                first = ws.cell(HEADER_ROW + 2, col)
                where = f"{ws.title}!{header.coordinate} ({table.name}.{column.key})"
                if column.format in NUMERIC:
                    assert header.alignment.horizontal == "right", where
                else:  # an indent: text never touches the number on its left
                    assert header.alignment.indent >= 1, where
                    if table.key != "settings":
                        assert first.alignment.indent >= 1, where


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_current_months_table_names_its_month(built, lang):
    ws = openpyxl.load_workbook(built.demo(lang, ".xlsx"), data_only=True)[
        SHEET_BY_KEY["goals"].name(lang)
    ]
    col = table_origins(SHEET_BY_KEY["goals"])["tblDailyGoals"] + 1
    caption = ws.cell(HEADER_ROW, col).value
    assert caption.endswith({"ru": "июль 2026", "en": "July 2026"}[lang])  # as_of 1 July


# ----------------------------------------------------------------------------- printed
@pytest.fixture(scope="module")
def printed(built, tmp_path_factory):
    """Each plan printed by LibreOffice: its sheet names in tab order and its pages' words."""
    try:
        find_soffice()
        if not shutil.which("pdftotext"):
            raise LibreOfficeMissing("pdftotext (poppler-utils) not found")
    except LibreOfficeMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the LibreOffice tests must run: {exc}")
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("printed")
    factor = line_height(folder)
    found = {}
    for which, lang in PLANS:
        path = workbook(built, which, lang)
        names = openpyxl.load_workbook(path, read_only=True).sheetnames
        out = folder / f"{which}-{lang}"
        found[which, lang] = (names, printed_words(convert(path, "pdf", out)), factor)
    return found


def has_drawing(path: Path, part: str) -> bool:
    """Whether a worksheet part has a drawing (charts, pictures)."""
    rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    with zipfile.ZipFile(path) as archive:
        return rels in archive.namelist() and b"/drawing" in archive.read(rels)


def page_sheet(words) -> str:
    """The sheet a printed page belongs to: the right part of its header."""
    top = sorted((w for w in words if w.y1 < 40 and w.x0 > 250), key=lambda w: w.x0)
    return " ".join(w.text for w in top)


@pytest.mark.parametrize(("which", "lang"), PLANS)
def test_no_text_below_7_points_on_any_page(printed, which, lang):
    _, pages, factor = printed[which, lang]
    small = []
    for number, words in enumerate(pages, 1):
        for word in words:
            if word.size(factor) < MIN_PT - 0.05:
                small.append((number, page_sheet(words), word.text, round(word.size(factor), 2)))
    assert not small, small[:10]


@pytest.mark.parametrize(("which", "lang"), PLANS)
def test_every_page_names_the_plan_the_sheet_and_its_number(printed, which, lang):
    names, pages, _ = printed[which, lang]
    sheets = []
    for number, words in enumerate(pages, 1):
        sheet = page_sheet(words)
        if not sheets or sheets[-1] != sheet:
            sheets.append(sheet)
        bottom = " ".join(w.text for w in words if w.y0 > 540)
        assert f"{number} / {len(pages)}" in bottom, (number, bottom)
        top = " ".join(w.text for w in words if w.y1 < 40)
        assert {"ru": "План продаж на", "en": "Sales plan"}[lang] in top, (number, top)
    assert sheets == names  # every sheet prints, in tab order, each on pages of its own
    assert names[0] == pick(lang, GUIDE_SHEET)


@pytest.mark.parametrize(("which", "lang"), PLANS)
def test_every_number_fits_its_column(printed, which, lang):
    _, pages, _ = printed[which, lang]
    for number, words in enumerate(pages, 1):
        assert not [w.text for w in words if "###" in w.text], number


@pytest.mark.parametrize(("which", "lang"), PLANS)
def test_every_page_of_a_table_shows_its_caption(built, printed, which, lang):
    _, pages, _ = printed[which, lang]
    # A page of a sheet with charts may hold a chart alone (its labels are the tables' words).
    path = workbook(built, which, lang)
    charted = {name for name, part in sheet_parts(path).items() if has_drawing(path, part)}
    captions = {s.name(lang): [pick(lang, t.caption).split()[0] for t in s.tables] for s in SHEETS}
    headers = {
        s.name(lang): {w for t in s.tables for h in t.headers(lang) for w in h.split()}
        for s in SHEETS
    }
    for number, words in enumerate(pages, 1):
        sheet = page_sheet(words)
        text = {w.text for w in words}
        if sheet in captions and text & headers[sheet] and sheet not in charted:
            assert any(c in text for c in captions[sheet]), (number, sheet)


def test_an_empty_plans_dashboard_shows_no_made_up_axis(printed):
    _, pages, _ = printed["new", "ru"]
    (words,) = [w for w in pages if page_sheet(w) == pick("ru", DASHBOARD)]
    texts = [w.text for w in words if w.y1 > 40 and w.y0 < 540]
    assert "1" not in texts  # no 0 / 1 / 1 axis over empty data
    assert not [t for t in texts if t.endswith("%")]  # no lone 0 %
