"""Render the demo plan's sheets to PNG for the README: ``python docs/render.py``.

Builds the Russian demo with ``xlsalesplan.io.files.write_demo`` and renders it with LibreOffice
(``render_png`` of the tests' tooling, ``tests/libreoffice``), one picture per sheet, into
``docs/images``; and one page of the widest sheet as it prints on A4 (the Employee goals, a
year of months per employee: the sheet printed at the smallest scale), from the PDF
LibreOffice prints, drawn by poppler's ``pdftoppm``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from xlsalesplan.io.files import write_demo
from xlsalesplan.io.layout import DASHBOARD, GUIDE_SHEET, SHEET_BY_KEY

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from libreoffice import convert, render_png
from printed import printed_words

IMAGES = Path(__file__).parent / "images"
# picture name -> the sheet's Russian name
SHEETS = {
    "guide": GUIDE_SHEET[0],
    "dashboard": DASHBOARD[0],
    **{
        key: SHEET_BY_KEY[key].names[0]
        for key in ("sales", "goals", "roi", "planfact", "roadmap", "reconciliation")
    },
    # The strategy documents of the method (§8).
    **{
        key: SHEET_BY_KEY[key].names[0]
        for key in (
            "project",
            "swot",
            "policies",
            "implementation",
            "assortment",
            "concentration",
            "motivation",
            "economics",
            "effects",
        )
    },
    # Versions and the team (§9).
    **{key: SHEET_BY_KEY[key].names[0] for key in ("scenarios", "history", "team")},
}
WIDEST = SHEET_BY_KEY["goals"].names[0]
PRINT_DPI = 80


def first_page_of(pdf: Path, sheet: str) -> int:
    """The number of the first printed page whose header names ``sheet``."""
    for number, words in enumerate(printed_words(pdf), 1):
        header = " ".join(w.text for w in sorted(words, key=lambda w: w.x0) if w.y1 < 40)
        if header.endswith(sheet):
            return number
    raise LookupError(f"no printed page of {sheet}")


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        plan = write_demo(Path(tmp) / "demo.xlsx", "ru")
        pages = {p.stem.split("-", 1)[1]: p for p in render_png(plan, tmp, dpi=60, per_sheet=True)}
        for picture, sheet in SHEETS.items():
            shutil.copyfile(pages[sheet], IMAGES / f"{picture}.png")
            print(IMAGES / f"{picture}.png")
        pdf = convert(plan, "pdf", Path(tmp) / "printed")
        page = str(first_page_of(pdf, WIDEST))
        out = Path(tmp) / "page"
        draw = ["pdftoppm", "-png", "-singlefile", "-r", str(PRINT_DPI), "-f", page, "-l", page]
        subprocess.run([*draw, str(pdf), str(out)], check=True)
        shutil.copyfile(out.with_suffix(".png"), IMAGES / "print-widest.png")
        print(IMAGES / "print-widest.png")


if __name__ == "__main__":
    main()
