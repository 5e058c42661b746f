"""The LibreOffice door: recalculation, read-back, the cached-value check, rendering.

Expected values are hand calculations or published calendars, never this code's output.
"""

import datetime
import os
import signal
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from libreoffice import (
    DEBIAN_PACKAGES,
    Cell,
    LibreOfficeError,
    LibreOfficeMissing,
    UnoSession,
    convert,
    find_soffice,
    find_uno_python,
    render_png,
)
from libreoffice.cached import compare_cached_to_recalculated, read_cached_values

# Russia's New Year holidays 2024: 1-8 January are days off (production calendar 2024).
RU_NEW_YEAR_2024 = [datetime.date(2024, 1, day) for day in range(1, 9)]


def test_missing_soffice_names_the_debian_packages(monkeypatch):
    monkeypatch.setenv("SOFFICE", "/nonexistent/soffice")
    with pytest.raises(LibreOfficeMissing, match="LibreOffice") as caught:
        find_soffice()
    assert f"apt-get install -y {DEBIAN_PACKAGES}" in str(caught.value)
    assert DEBIAN_PACKAGES == (
        "libreoffice-calc-nogui python3-uno poppler-utils fonts-crosextra-carlito"
    )


def test_python_without_uno_is_refused(monkeypatch):
    # The test runner's own Python is a venv without python3-uno.
    monkeypatch.setenv("UNO_PYTHON", sys.executable)
    with pytest.raises(LibreOfficeMissing, match=r"Python-UNO \(import uno in .*python"):
        find_uno_python()


def sales_workbook(new_workbook, b3_cached=12):
    """Two Cyrillic sheets with hand-calculated cached results; B3 is 5 + 7 = 12."""
    with new_workbook("продажи.xlsx") as wb:
        plan = wb.add_worksheet("План")
        fact = wb.add_worksheet("Факт")
        fact.write_column("A1", [100, 250.5])
        plan.write_column("A1", [5, 7, 0])
        plan.write_formula("B1", "=SUM(A1:A2)", None, 12)
        plan.write_formula("B2", "=ROUND(10/3,2)", None, 3.33)
        plan.write_formula("B3", "=A1+A2", None, b3_cached)
        plan.write_formula("B4", "=Факт!A1+Факт!A2", None, 350.5)
        plan.write_formula("B5", '=IFERROR(A1/A3,"")', None, "")
        plan.write_formula("B6", '="План "&A1', None, "План 5")
        plan.write_formula("B7", "=A1>A2", None, False)
        plan.write_formula("B8", "=A1/A3", None, "#DIV/0!")
        plan.write_formula("B9", "=EOMONTH(DATE(2024,1,15),1)", None, 45351)  # 29 Feb 2024
        plan.write_formula("B10", "=0.1+0.2", None, 0.3)
    return wb.filename


def test_right_cached_values_give_no_report(lo, new_workbook):
    assert compare_cached_to_recalculated(sales_workbook(new_workbook), session=lo) == []


def test_a_wrong_cached_value_is_reported_alone(lo, new_workbook):
    path = sales_workbook(new_workbook, b3_cached=13)
    assert compare_cached_to_recalculated(path, session=lo) == [
        "План!B3: cached 13, recalculated 12"
    ]


def test_tolerance_hides_float_noise_but_not_a_real_difference(lo, new_workbook):
    with new_workbook() as wb:
        ws = wb.add_worksheet("Sheet 1")
        ws.write_formula("A1", "=1/3", None, 0.3333333333333)  # off in the 14th digit
        ws.write_formula("A2", '="a"', None, "A")
    text = '\'Sheet 1\'!A2: cached "A", recalculated "a"'
    assert compare_cached_to_recalculated(wb.filename, session=lo) == [text]
    strict = compare_cached_to_recalculated(wb.filename, rel_tol=1e-15, abs_tol=0, session=lo)
    assert strict == [
        "'Sheet 1'!A1: cached 0.3333333333333, recalculated 0.3333333333333333",
        text,
    ]


def test_recalc_reads_values_types_and_formulas(lo, new_workbook):
    sheets = lo.recalc(sales_workbook(new_workbook))
    assert list(sheets) == ["План", "Факт"]
    plan = sheets["План"]
    assert len(plan) == 10 and all(len(row) == 2 for row in plan)
    assert plan[0] == [Cell(5.0), Cell(12.0, "=SUM(A1:A2)")]
    assert plan[3][1].value == 350.5
    assert plan[4][1] == Cell("", '=IFERROR(A1/A3;"")')
    assert plan[5][1].value == "План 5"
    assert plan[6][1].value is False
    assert plan[7][1] == Cell("#DIV/0!", "=A1/A3", error=True)
    assert sheets["Факт"] == [[Cell(100.0)], [Cell(250.5)]]


def test_cached_reads_the_file_values_without_recalculating(lo, new_workbook):
    path = sales_workbook(new_workbook, b3_cached=13)
    assert lo.cached(path)["План"][2][1].value == 13
    assert lo.recalc(path)["План"][2][1].value == 12


def test_unknown_function_is_name_error(lo, new_workbook):
    with new_workbook() as wb:
        wb.add_worksheet().write_formula("A1", "=NOSUCHFUNCTION(1)", None, "#NAME?")
    assert lo.recalc(wb.filename)["Sheet1"][0][0] == Cell(
        "#NAME?", "=nosuchfunction(1)", error=True
    )
    assert compare_cached_to_recalculated(wb.filename, session=lo) == []


def test_read_cached_values_keeps_types(new_workbook):
    path = sales_workbook(new_workbook)
    cached = read_cached_values(path)
    assert list(cached) == ["План", "Факт"]
    assert cached["Факт"] == {}
    plan = cached["План"]
    assert plan["B1"] == Cell(12.0, "SUM(A1:A2)")
    assert plan["B5"] == Cell("", 'IFERROR(A1/A3,"")')
    assert plan["B7"] == Cell(False, "A1>A2")
    assert plan["B8"] == Cell("#DIV/0!", "A1/A3", error=True)


def test_structured_references_and_calculated_column(lo, new_workbook):
    with new_workbook() as wb:
        ws = wb.add_worksheet("Регионы")
        ws.add_table(
            "A1:C4",
            {
                "name": "Sales",
                "columns": [
                    {"header": "Region"},
                    {"header": "Amount"},
                    {"header": "Double", "formula": "=[@Amount]*2"},
                ],
                "data": [["Москва", 10], ["Казань", 20], ["Омск", 30]],
            },
        )
        for row, doubled in ((1, 20), (2, 40), (3, 60)):
            ws.write_formula(row, 2, "=Sales[[#This Row],[Amount]]*2", None, doubled)
        ws.write_formula("E1", "=SUM(Sales[Amount])", None, 60)
        ws.write_formula("E2", '=SUMIFS(Sales[Double],Sales[Region],"Казань")', None, 40)
    assert compare_cached_to_recalculated(wb.filename, session=lo) == []


def test_networkdays_intl_with_a_holiday_range(lo, new_workbook):
    # January 2024 has 23 weekdays; 1-5 and 8 January are weekday holidays, so the Russian
    # production calendar gives 17 working days. With only Sunday off ("0000001"): 31 days
    # minus 4 Sundays = 27, minus the 7 holidays that are not Sundays = 20.
    with new_workbook() as wb:
        ws = wb.add_worksheet()
        date = wb.add_format({"num_format": "dd.mm.yyyy"})
        for row, day in enumerate(RU_NEW_YEAR_2024):
            ws.write_datetime(row, 7, day, date)
        span = "DATE(2024,1,1),DATE(2024,1,31)"
        ws.write_formula("A1", f"=NETWORKDAYS.INTL({span},1,H1:H8)", None, 17)
        ws.write_formula("A2", f'=NETWORKDAYS.INTL({span},"0000001",H1:H8)', None, 20)
        ws.write_formula("A3", f"=NETWORKDAYS.INTL({span},11)", None, 27)
    assert compare_cached_to_recalculated(wb.filename, session=lo) == []


def test_convert_recalculates_on_load(new_workbook, tmp_path):
    with new_workbook() as wb:
        wb.add_worksheet("Лист").write_formula("A1", "=2+3", None, 0)
    out = convert(wb.filename, "xlsx", tmp_path / "out")
    assert out == tmp_path / "out" / "book.xlsx"
    assert read_cached_values(out)["Лист"]["A1"].value == 5


def test_convert_refuses_to_overwrite_its_source(new_workbook, tmp_path):
    with new_workbook() as wb:
        wb.add_worksheet()
    with pytest.raises(ValueError, match=r"outdir: converting book\.xlsx to xlsx there would"):
        convert(wb.filename, "xlsx", tmp_path)


def test_save_as_writes_libreoffice_values(lo, new_workbook, tmp_path):
    path = sales_workbook(new_workbook, b3_cached=13)
    out = lo.save_as(path, tmp_path / "resaved.xlsx")
    assert read_cached_values(out)["План"]["B3"].value == 12
    assert compare_cached_to_recalculated(out, session=lo) == []


def test_save_as_needs_a_known_extension(lo, new_workbook, tmp_path):
    with new_workbook() as wb:
        wb.add_worksheet()
    with pytest.raises(ValueError, match=r"filter: no default LibreOffice filter for 'x.txt'"):
        lo.save_as(wb.filename, tmp_path / "x.txt")


def test_missing_and_broken_workbooks(lo, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"path: no workbook at .*nothing\.xlsx"):
        lo.recalc(tmp_path / "nothing.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LibreOfficeError, match=r"LibreOffice failed recalculating broken\.xlsx"):
        lo.recalc(broken)


def test_run_macro_without_vba_project_fails_clearly(lo, new_workbook):
    # Running a real VBA macro needs a VBA project; the VBA helper's tests do that.
    with new_workbook() as wb:
        wb.add_worksheet()
    with pytest.raises(
        LibreOfficeError, match=r"LibreOffice failed running Module1\.Go in book\.xlsx"
    ):
        lo.run_macro(wb.filename, "Module1.Go")


def test_session_survives_a_killed_soffice_and_cleans_up(new_workbook):
    with new_workbook() as wb:
        wb.add_worksheet().write_formula("A1", "=6*7", None, 42)
    with UnoSession() as session:
        profile = session._profile
        os.killpg(session._soffice.pid, signal.SIGKILL)
        assert session.recalc(wb.filename)["Sheet1"][0][0].value == 42
        assert session.starts == 2
    assert not profile.exists()
    assert session._soffice is None


def test_a_request_over_its_time_limit_fails_and_stops_soffice(new_workbook):
    with new_workbook() as wb:
        wb.add_worksheet()
    with UnoSession(timeout=0.001) as session:
        with pytest.raises(
            LibreOfficeError, match=r"did not finish recalculating book.xlsx within"
        ):
            session.recalc(wb.filename)
        assert session._soffice is None


def png_pixels(path: Path) -> np.ndarray:
    """Decode an 8-bit grey or RGB PNG (what pdftoppm writes) without an imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (0, 2)
    bpp = 1 if colour == 0 else 3
    stride = width * bpp
    raw = zlib.decompress(idat)
    rows, previous = [], [0] * stride
    for y in range(height):
        kind, line = raw[y * (stride + 1)], list(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = previous[x], previous[x - bpp] if x >= bpp else 0
            predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
            line[x] = (line[x] + predictor) % 256
        rows.append(line)
        previous = line
    return np.array(rows, dtype=np.uint8).reshape(height, width, bpp)


def paeth(a: int, b: int, c: int) -> int:
    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def two_sheet_workbook(new_workbook):
    with new_workbook("два листа.xlsx") as wb:
        for name in ("План продаж", "Факт"):
            ws = wb.add_worksheet(name)
            ws.set_paper(9)  # A4
            ws.write("A1", f"Лист «{name}»", wb.add_format({"bold": True, "font_size": 20}))
            ws.write_column("A3", list(range(1, 21)))
    return wb.filename


def test_render_png_draws_each_page(new_workbook, tmp_path):
    pages = render_png(two_sheet_workbook(new_workbook), tmp_path, dpi=30)
    assert [p.name for p in pages] == ["два листа-1.png", "два листа-2.png"]
    for page in pages:
        pixels = png_pixels(page)
        height, width, _ = pixels.shape
        # A4 is 210 × 297 mm = 8.27 × 11.69 in.
        assert abs(width - 8.27 * 30) <= 1 and abs(height - 11.69 * 30) <= 1
        ink = (pixels < 128).any(axis=2).mean()
        assert 0.001 < ink < 0.2, f"{page.name}: {ink:.4f} of the page is dark"


def test_render_png_per_sheet_names_pictures_after_sheets(new_workbook, tmp_path):
    pages = render_png(two_sheet_workbook(new_workbook), tmp_path, dpi=30, per_sheet=True)
    assert [p.name for p in pages] == ["два листа-План продаж.png", "два листа-Факт.png"]
    assert all((png_pixels(p) < 128).any() for p in pages)
