"""Print set-up of every sheet: A4, readable text, whole tables on a page where they fit.

A sheet is printed at one scale. The rule: **no text below 7 points on paper** (the smallest
font of the sheet times the scale), so a sheet of 11-point text prints at 64 % or more. The
page plan is computed from the sheet's blocks — its tables side by side, the Gantt's weeks —
and their column widths (:func:`plan_pages`): portrait or landscape and a scale, with a
vertical page break before each block that starts a new page, chosen for the fewest pages and
then the largest text. A block wider than a page at the smallest readable scale is split
between its columns where it may be (the Gantt's weeks, with the stage names repeated on every
page); a table is never shrunk below readable. Each printed page repeats the tables' caption
and header rows and carries the plan's name, the sheet's name and "page / pages".

Examples
--------
>>> widths = {0: 16, 1: 12, 2: 12, 4: 24, 5: 12}
>>> plan_pages([Block(0, 2), Block(4, 5)], widths, rows=20)
PageSetup(landscape=False, scale=100, breaks=())
>>> wide = {c: 14 for c in range(26)}  # two tables too wide for one page at 64 %
>>> plan_pages([Block(0, 13), Block(15, 25)], wide, rows=20)
PageSetup(landscape=True, scale=68, breaks=(14,))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlsalesplan.io import derived
from xlsalesplan.io.build.textwidth import DIGIT_PX, FONT_PT
from xlsalesplan.io.layout import DASHBOARD, FORMULAS_SHEET, HEADER_ROW
from xlsalesplan.plan.schema import pick

MIN_PT = 7  # no text smaller than this on paper
A4 = (595.3, 841.9)  # points, portrait
MARGIN_IN = {"left": 0.35, "right": 0.35, "top": 0.75, "bottom": 0.75}
HEADER_IN = 0.3  # header and footer, from the paper's edge
ROW_PT = 15  # a row of 11-point text
SLACK_PT = 8
CHART_PT = 10  # Excel's (and LibreOffice's) default size of a chart's text
COMFORTABLE = 90  # percent: from this scale up, text reads as well as at 100 %
DASHBOARD_ONE_PAGE = 70  # the smallest scale (percent) at which the dashboard takes one page
DEFAULT_WIDTH = 8.43  # Excel's default column width, in digits
LO_DIGIT_PT = 0.507 * FONT_PT  # LibreOffice's unit of column width: a Carlito digit
GANTT_WIDTH = 2.0  # a week's column of the Gantt, in digits: room for a date written upwards


@dataclass(frozen=True)
class Block:
    """Columns ``first``..``last`` (0-based) printed together where they fit on a page;
    ``splittable`` blocks may break between any two columns (the Gantt's weeks)."""

    first: int
    last: int
    splittable: bool = False


@dataclass(frozen=True)
class PageSetup:
    """Orientation, scale (percent) and the columns that start a new page."""

    landscape: bool
    scale: int
    breaks: tuple[int, ...]


def column_pt(width: float) -> float:
    """A column's printed width in points at 100 %. The file stores ``width`` digits plus
    Excel's 5-pixel margin in digits of 7 pixels; Excel prints that many pixels, LibreOffice
    that many of its own digits (Carlito's, 0.507 em of 11 points), about 6 % wider. The wider
    of the two, so that a page planned here fits in both."""
    px = int(width * DIGIT_PX + 0.5) + 5 if width >= 1 else int(width * (DIGIT_PX + 5) + 0.5)
    return px / DIGIT_PX * LO_DIGIT_PT


def _printable(landscape: bool) -> tuple[float, float]:
    """The room on a page for the sheet, in points: the paper less its margins and a little
    slack for what the applications round (column widths, a chart's frame)."""
    width, height = (A4[1], A4[0]) if landscape else A4
    return (
        width - 72 * (MARGIN_IN["left"] + MARGIN_IN["right"]) - SLACK_PT,
        height - 72 * (MARGIN_IN["top"] + MARGIN_IN["bottom"]) - SLACK_PT,
    )


def portrait_room(smallest_pt: float = FONT_PT) -> float:
    """How wide (points at 100 %) a sheet may be to print on a portrait A4 page at the
    smallest scale that keeps ``smallest_pt`` text readable."""
    return _printable(False)[0] * 100 / min_scale(smallest_pt)


def min_scale(smallest_pt: float = FONT_PT) -> int:
    """The smallest scale (percent) at which ``smallest_pt`` text stays readable."""
    return math.ceil(100 * MIN_PT / smallest_pt)


def _pack(
    blocks: Sequence[Block], width_of: Any, room: float, repeat: float, strict: bool = True
) -> list[list[int]] | None:
    """Columns page by page; ``None`` when a block that may not split is wider than a page
    (unless not ``strict``: then it gets pages of its own, broken where the application
    breaks it). ``repeat``: the width the repeated columns take on every page but the first."""
    pages: list[list[int]] = []
    used = 0.0
    last = None
    for block in blocks:
        # A new page starts right after the previous block: the empty columns between two
        # tables go over with the second, never onto a page of their own.
        start = block.first if last is None else last + 1
        cols = list(range(start, block.last + 1))
        gap = sum(width_of(c) for c in range(start, block.first))
        total = sum(width_of(c) for c in range(block.first, block.last + 1))
        if pages and used + gap + total <= room:
            pages[-1].extend(cols)
            used += gap + total
        elif not block.splittable:
            if strict and gap + total > room - (repeat if pages else 0):
                return None
            pages.append(cols)
            used = gap + total + (repeat if len(pages) > 1 else 0)
        else:  # on pages of its own, as many columns on each as fit
            for c in range(block.first, block.last + 1):
                w = width_of(c)
                if c == block.first:
                    pages.append(cols[: c - start + 1])
                    used = gap + w + (repeat if len(pages) > 1 else 0)
                elif used + w <= room:
                    pages[-1].append(c)
                    used += w
                else:
                    pages.append([c])
                    used = w + repeat
        last = block.last
    return pages


def plan_pages(
    blocks: Sequence[Block],
    widths: dict[int, float],
    rows: int,
    smallest_pt: float = FONT_PT,
    repeat_cols: tuple[int, int] | None = None,
) -> PageSetup:
    """The page plan of a sheet: its blocks left to right, their columns' widths (digits; a
    column not given has Excel's default width), about how many rows it prints and its
    smallest font. Fewest pages across first, then the larger text (every scale from
    :data:`COMFORTABLE` up counts alike), then the fewest pages, the largest scale, portrait."""

    def width_of(col: int) -> float:
        return column_pt(widths.get(col, DEFAULT_WIDTH))

    repeat = (
        sum(width_of(c) for c in range(repeat_cols[0], repeat_cols[1] + 1)) if repeat_cols else 0
    )
    best: tuple[tuple[int, int, int], PageSetup] | None = None
    floor = min_scale(smallest_pt)
    for landscape in (False, True):
        page_w, page_h = _printable(landscape)
        for scale in range(100, floor - 1, -1):
            pages = _pack(blocks, width_of, page_w * 100 / scale, repeat)
            if pages is None:
                continue
            down = math.ceil(rows * ROW_PT * scale / 100 / page_h)
            # Fewest pages across; then the larger text (any scale from COMFORTABLE up reads as
            # well); then the fewest pages; then the larger scale; then portrait.
            key = (len(pages), -min(scale, COMFORTABLE), len(pages) * down, -scale, landscape)
            breaks = tuple(page[0] for page in pages[1:])
            if best is None or key < best[0]:
                best = (key, PageSetup(landscape, scale, breaks))
    if best is None:  # even at the smallest readable scale a table is wider than a page
        room = _printable(True)[0] * 100 / floor
        pages = _pack(blocks, width_of, room, repeat, strict=False) or []
        return PageSetup(True, floor, tuple(page[0] for page in pages[1:]))
    return best[1]


def section_breaks(
    heights: Sequence[float], sections: Sequence[int], setup: PageSetup
) -> list[int]:
    """Rows where a page should break so that no section (rows from one start to the next)
    is split, where a section fits on a page: ``heights`` are the rows' heights in points."""
    room = _printable(setup.landscape)[1] * 100 / setup.scale
    bounds = [*sections, len(heights)]
    breaks, used = [], 0.0
    for first, end in itertools.pairwise(bounds):
        size = sum(heights[first:end])
        if used and used + size > room:
            breaks.append(first)
            used = 0.0
        used += size
        while used > room:  # a section longer than a page flows over
            used -= room
    return breaks


def plan_title(settings: dict[str, Any], lang: str) -> str:
    """The plan's name for the page header: the company and the plan year."""
    company = str(settings.get("company") or "").strip()
    year = settings.get("plan_year")
    what = (
        (f"План продаж на {year:g} год" if isinstance(year, (int, float)) else "План продаж")
        if lang == "ru"
        else (f"Sales plan {year:g}" if isinstance(year, (int, float)) else "Sales plan")
    )
    return f"{company} — {what}" if company else what


def _escaped(text: str) -> str:
    return text.replace("&", "&&")


def set_up(
    ws: Worksheet,
    title: str,
    lang: str,
    setup: PageSetup | None = None,
    *,
    repeat_rows: tuple[int, int] | None = None,
    repeat_cols: tuple[int, int] | None = None,
    fit: tuple[int, int] | None = None,
    landscape: bool = True,
) -> None:
    """Apply a page plan (or ``fit`` to so many pages wide and tall, in ``landscape``), the
    repeated rows and columns, and the header and footer: the plan's name and the sheet's on
    top, "page / pages" below. Excel prints them at 11 points whatever the scale; LibreOffice
    scales them with the sheet, so they are never smaller than the sheet's own text."""
    ws.set_paper(9)  # A4
    ws.set_margins(**MARGIN_IN)
    options = {"scale_with_doc": False, "margin": HEADER_IN}
    ws.set_header(f"&L{_escaped(title)}&R&A", options)
    ws.set_footer("&C&P / &N", options)
    if setup is not None:
        landscape = setup.landscape
        ws.set_print_scale(setup.scale)
        if setup.breaks:
            ws.set_v_pagebreaks(list(setup.breaks))
    elif fit is not None:
        ws.fit_to_pages(*fit)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if repeat_rows is not None:
        ws.repeat_rows(*repeat_rows)
    if repeat_cols is not None:
        ws.repeat_columns(*repeat_cols)


def _chart_blocks(ws: Worksheet, widths: dict[int, float]) -> list[Block]:
    """The columns each chart of the sheet covers, so that no page cuts through a chart."""
    found = []
    for entry in getattr(ws, "charts", []):  # XlsxWriter's: row, col, chart, x_off, y_off, x_sc…
        try:
            _, col, chart, x_offset, _, x_scale = entry[:6]
            px = int(0.5 + chart.width * x_scale) + x_offset
        except (TypeError, ValueError, AttributeError):
            continue
        last = col
        while px > 0:
            px -= int(widths.get(last, DEFAULT_WIDTH) * DIGIT_PX + 0.5) + 5
            last += 1
        found.append(Block(col, last - 1))
    return found


def _merged(blocks: list[Block]) -> list[Block]:
    """Blocks left to right, those that share columns joined into one."""
    joined: list[Block] = []
    for block in sorted(blocks, key=lambda b: b.first):
        if joined and block.first <= joined[-1].last:
            previous = joined.pop()
            block = Block(previous.first, max(previous.last, block.last), previous.splittable)
        joined.append(block)
    return joined


def set_up_sheet(
    ws: Worksheet,
    sheet: Any,
    origins: dict[str, int],
    widths: dict[int, float],
    rows: int,
    title: str,
    lang: str,
) -> None:
    """Print set-up of a sheet of the layout: its tables (and the Gantt's weeks, with the
    stage names repeated on their pages), the caption and header rows on every page."""
    blocks = [Block(origins[t.name], origins[t.name] + len(t.columns) - 1) for t in sheet.tables]
    smallest: float = FONT_PT
    repeat_cols = None
    gantt = derived.gantt_block(None, lang)
    if gantt.sheets == sheet.names:
        weeks = len(gantt.cells[0])
        blocks.append(Block(gantt.col, gantt.col + weeks - 1, splittable=True))
        widths = {**widths, **dict.fromkeys(range(gantt.col, gantt.col + weeks), GANTT_WIDTH)}
        smallest = min(smallest, *(f.get("font_size", FONT_PT) for f in gantt.formats))
        # The schedule's first column (what each bar is) beside the bars on every page.
        schedule = max((t for t in sheet.tables if t.output), key=lambda t: origins[t.name])
        repeat_cols = (origins[schedule.name], origins[schedule.name])
    charts = _chart_blocks(ws, widths)
    if charts:  # a chart's own text is 10 points unless it says otherwise
        smallest = min(smallest, CHART_PT)
    blocks = _merged(blocks + charts)
    setup = plan_pages(blocks, widths, rows, smallest, repeat_cols)
    set_up(
        ws,
        title,
        lang,
        setup,
        repeat_rows=(HEADER_ROW - 1, HEADER_ROW),
        repeat_cols=repeat_cols if setup.breaks else None,
    )


@dataclass(frozen=True)
class Page:
    """What the dashboard's print set-up needs: how wide it is (points at 100 %), the rows
    its charts start at (tables beside them) and a chart's height in points."""

    width_pt: float
    tops: tuple[int, ...]
    chart_pt: float


def dashboard_setup(page: Page) -> PageSetup | None:
    """One portrait page when its text stays comfortably readable (``None``: fit it there),
    else landscape at the largest readable scale with a break before each chart that would
    not fit on the page."""
    width, height = _printable(False)
    bottom = page.tops[-1] * ROW_PT + page.chart_pt
    if min(width / page.width_pt, height / bottom) * 100 >= DASHBOARD_ONE_PAGE:
        return None
    width, height = _printable(True)
    for scale in range(100, min_scale() - 1, -1):
        room = height * 100 / scale
        breaks, start = [], 0
        for top in page.tops:
            if (top - start) * ROW_PT + page.chart_pt > room:
                breaks.append(top)
                start = top
        fits = page.width_pt * scale / 100 <= width
        if fits and (page.tops[-1] - start) * ROW_PT + page.chart_pt <= room:
            return PageSetup(True, scale, tuple(breaks))
    return PageSetup(True, min_scale(), ())


def set_up_dashboard(wb: Workbook, page: Page, title: str, lang: str) -> None:
    """The dashboard on one portrait page, or on landscape pages with whole charts."""
    ws = wb.get_worksheet_by_name(pick(lang, DASHBOARD))
    setup = dashboard_setup(page)
    if setup is None:
        set_up(ws, title, lang, fit=(1, 1), landscape=False)
        return
    set_up(ws, title, lang, setup)
    if setup.breaks:
        ws.set_h_pagebreaks(list(setup.breaks))


def set_up_formulas(wb: Workbook, title: str, lang: str) -> None:
    """The Formulas sheet: one page wide, its header row on every page."""
    ws = wb.get_worksheet_by_name(pick(lang, FORMULAS_SHEET))
    set_up(ws, title, lang, fit=(1, 0), landscape=True, repeat_rows=(3, 3))
