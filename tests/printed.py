"""How big the text of a printed workbook is: LibreOffice prints it to PDF, poppler measures it.

``pdftotext -bbox-layout`` (poppler-utils) gives every word's box on the page in points. The
box's height is the font's size on paper times the font's line height (ascent + descent, in
ems); LibreOffice's PDFs leave the font descriptors' ascent and descent at 0, so poppler uses
its defaults and the factor is the same for every font. :func:`line_height` measures it on a
calibration workbook printed at 100 % (text of a known size), so nothing here is a guessed
constant: the size on paper of a word is its box's height divided by that factor. Text
rotated by 90° (the Gantt's week labels) has its height across the box: such a word is tall
and narrow, and its size is measured on the box's width.

Examples
--------
>>> pages = printed_words(convert("plan.xlsx", "pdf", "out"))   # doctest: +SKIP
>>> min(w.size(line_height("out")) for w in pages[0])           # doctest: +SKIP
8.1
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from libreoffice import LibreOfficeMissing, convert
from lxml import etree

CALIBRATION_PT = 20  # the size of the calibration text, printed at 100 %
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    """One word on a printed page: its text and its box in points (y grows downwards)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def rotated(self) -> bool:
        """Printed across the page: a word of several characters taller than it is wide."""
        return len(self.text) >= 4 and (self.y1 - self.y0) > 1.5 * (self.x1 - self.x0)

    def size(self, factor: float) -> float:
        """The font size on paper, in points, for poppler's line-height ``factor``."""
        across = (self.x1 - self.x0) if self.rotated else (self.y1 - self.y0)
        return across / factor


def _pdftotext() -> str:
    found = shutil.which("pdftotext")
    if not found:
        raise LibreOfficeMissing("pdftotext (poppler-utils) not found")
    return found


def printed_words(pdf: str | Path) -> list[list[Word]]:
    """Every word of every page of a PDF, page by page, as poppler's text layout finds them."""
    xhtml = subprocess.run(
        [_pdftotext(), "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        timeout=300,
        check=True,
    ).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for page in root.iter(f"{_XHTML}page"):
        words = [
            Word(
                w.text or "",
                *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
            )
            for w in page.iter(f"{_XHTML}word")
        ]
        pages.append(words)
    return pages


@functools.cache
def _factor(folder: str) -> float:
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / "calibration.xlsx"
    with xlsxwriter.Workbook(path) as wb:
        ws = wb.add_worksheet("Calibration")
        ws.set_paper(9)
        ws.set_print_scale(100)
        for row, font in enumerate(("Calibri", "DejaVu Sans", "Consolas")):
            fmt = wb.add_format({"font_name": font, "font_size": CALIBRATION_PT})
            ws.write(row * 2, 0, "Калибровка 12 345 ₽ Mg", fmt)
    pages = printed_words(convert(path, "pdf", folder))
    heights = {round(w.y1 - w.y0, 2) for w in pages[0]}
    if len(heights) != 1:
        raise AssertionError(f"the calibration words' heights differ by font: {heights}")
    return heights.pop() / CALIBRATION_PT


def line_height(folder: str | Path) -> float:
    """poppler's box height per point of font size, measured on a page printed at 100 %
    (written into ``folder``; measured once per folder)."""
    return _factor(str(Path(folder).resolve()))
