"""How wide a cell's text is where Excel shows it: the value as its number format shows it,
measured in the workbook's font (Calibri 11, metrically the same as LibreOffice's Carlito).

Column widths are set from here so that the **formatted** content fits: money with its
thousands separators and "₽", percentages, dates as the workbook's date format writes them.
The widths of the characters are Carlito's advance widths (thousandths of an em, regular and
bold); a character Carlito lacks (₽) takes DejaVu Sans's, the font LibreOffice falls back on.
Excel measures a column in widths of the font's widest digit (7 pixels for Calibri 11 at
96 dpi) plus 5 pixels of margin.

Examples
--------
>>> shown(24_000_000, "money", "en"), shown(0.125, "percent", "ru")
('24,000,000 ₽', '12,5%')
>>> column_width(["Region", "Nizhny Novgorod"])
16.25
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# Carlito's advance widths in thousandths of an em: regular and bold, for these characters.
_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "«»–—…№₽×÷·→←“”’°\xa0"
)
_REGULAR = (
    226,
    326,
    401,
    498,
    507,
    715,
    682,
    221,
    303,
    303,
    498,
    498,
    250,
    306,
    252,
    386,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    268,
    268,
    498,
    498,
    498,
    463,
    894,
    579,
    544,
    533,
    615,
    488,
    459,
    631,
    623,
    252,
    319,
    520,
    420,
    855,
    646,
    662,
    517,
    673,
    543,
    459,
    487,
    642,
    567,
    890,
    519,
    487,
    468,
    307,
    386,
    307,
    498,
    498,
    291,
    479,
    525,
    423,
    525,
    498,
    305,
    471,
    525,
    229,
    239,
    455,
    229,
    799,
    525,
    527,
    525,
    525,
    349,
    391,
    335,
    525,
    452,
    715,
    433,
    453,
    395,
    314,
    460,
    314,
    498,
    579,
    538,
    544,
    430,
    644,
    488,
    488,
    801,
    474,
    642,
    642,
    543,
    611,
    855,
    623,
    662,
    622,
    517,
    533,
    487,
    527,
    697,
    519,
    639,
    556,
    868,
    890,
    615,
    762,
    531,
    548,
    879,
    555,
    479,
    533,
    479,
    346,
    558,
    498,
    498,
    689,
    423,
    541,
    541,
    464,
    510,
    676,
    535,
    527,
    521,
    525,
    423,
    387,
    453,
    624,
    433,
    542,
    469,
    729,
    749,
    536,
    666,
    470,
    443,
    722,
    474,
    512,
    512,
    498,
    905,
    690,
    1025,
    636,
    498,
    498,
    252,
    905,
    905,
    418,
    418,
    250,
    339,
    318,
)
_BOLD = (
    226,
    326,
    438,
    498,
    507,
    729,
    705,
    233,
    312,
    312,
    498,
    498,
    258,
    306,
    267,
    430,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    507,
    276,
    276,
    498,
    498,
    498,
    463,
    898,
    606,
    561,
    529,
    630,
    488,
    459,
    637,
    631,
    267,
    331,
    547,
    423,
    874,
    659,
    676,
    532,
    686,
    563,
    473,
    495,
    653,
    591,
    906,
    551,
    520,
    478,
    325,
    430,
    325,
    498,
    498,
    300,
    494,
    537,
    418,
    537,
    503,
    316,
    474,
    537,
    246,
    255,
    480,
    246,
    813,
    537,
    538,
    537,
    537,
    355,
    399,
    347,
    537,
    473,
    745,
    459,
    474,
    397,
    344,
    475,
    344,
    498,
    606,
    556,
    561,
    432,
    673,
    488,
    488,
    833,
    482,
    652,
    652,
    563,
    629,
    874,
    631,
    676,
    630,
    532,
    529,
    495,
    547,
    724,
    551,
    658,
    569,
    897,
    927,
    639,
    798,
    553,
    539,
    914,
    574,
    494,
    532,
    495,
    354,
    582,
    503,
    503,
    737,
    427,
    557,
    557,
    495,
    526,
    713,
    545,
    538,
    534,
    537,
    418,
    390,
    474,
    675,
    459,
    562,
    488,
    763,
    789,
    558,
    712,
    495,
    437,
    753,
    498,
    539,
    539,
    498,
    905,
    711,
    1046,
    696,
    498,
    498,
    268,
    905,
    905,
    435,
    435,
    258,
    342,
    348,
)

_WIDTH = {
    False: dict(zip(_CHARS, _REGULAR, strict=True)),
    True: dict(zip(_CHARS, _BOLD, strict=True)),
}
_UNKNOWN = 600  # a character not in the tables: about a capital letter

FONT_PT = 11  # the workbook's default font size
DIGIT_PX = 7  # Calibri 11's widest digit at 96 dpi: Excel's unit of column width
MARGIN_PX = 5  # what Excel adds to a column's width in digits
PADDING_PX = 10  # room left of a number (right-aligned) before the text on its left
INDENT_PX = 10  # one level of indent (three spaces): room left of an indented text
SLACK_PX = 4  # room right of an indented text
MAX_WIDTH = 120  # no column grows wider: a longer text runs over into the next column


def text_px(text: str, bold: bool = False, size: float = FONT_PT) -> float:
    """The width of ``text`` in pixels at 96 dpi in Calibri (Carlito) of ``size`` points."""
    widths = _WIDTH[bold]
    ems = sum(widths.get(ch, _UNKNOWN) for ch in text) / 1000
    return ems * size * 96 / 72


def width_of(px: float) -> float:
    """The column width (in Excel's digit units, to a quarter) that shows ``px`` pixels of
    text."""
    return math.ceil(4 * max(px - MARGIN_PX, 0) / DIGIT_PX) / 4


def column_width(texts: Iterable[str], header: str = "", indent: bool = False) -> float:
    """The width of a column holding ``texts`` (shown as they are), under a bold ``header``:
    the widest of them with room on its left (an ``indent`` for text, padding for numbers),
    at most :data:`MAX_WIDTH`."""
    extra = INDENT_PX + SLACK_PX if indent else PADDING_PX
    px = [text_px(t) + extra for t in texts]
    if header:
        px.append(text_px(header, bold=True) + extra)
    return min(width_of(max(px, default=0) + MARGIN_PX), MAX_WIDTH)


def _grouped(x: float, decimals: int, lang: str) -> str:
    text = f"{x:,.{decimals}f}"
    if lang == "ru":  # Russian Excel: a (no-break) space between thousands, a decimal comma
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def _round_half_up(x: float, decimals: int) -> float:
    q = 10**decimals
    return math.copysign(math.floor(abs(x) * q + 0.5) / q, x)


def shown(value: Any, fmt: str, lang: str, rouble: bool = True) -> str:
    """A value as the workbook's number format for ``fmt`` shows it ("" for a blank).

    ``fmt`` is a column's format: "money", "int", "number", "percent", "date", "datetime" or
    "text";
    ``rouble`` adds the rouble sign to money (the workbook's currency is RUB).
    """
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.datetime) and fmt == "datetime":
        return value.strftime("%d.%m.%Y %H:%M" if lang == "ru" else "%Y-%m-%d %H:%M")
    if isinstance(value, (dt.date, dt.datetime)) and fmt in ("date", "text"):
        return value.strftime("%d.%m.%Y" if lang == "ru" else "%Y-%m-%d")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    x = float(value)
    if fmt == "money":
        return _grouped(_round_half_up(x, 0), 0, lang) + (" ₽" if rouble else "")
    if fmt == "int":
        return _grouped(_round_half_up(x, 0), 0, lang)
    if fmt == "number":
        return _grouped(_round_half_up(x, 2), 2, lang)
    if fmt == "percent":
        return _grouped(_round_half_up(x * 100, 1), 1, lang) + "%"
    if fmt == "date":
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(x))
        return shown(day, "date", lang)
    if fmt == "datetime":
        return shown(dt.datetime(1899, 12, 30) + dt.timedelta(days=x), "datetime", lang)
    return f"{x:g}"


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` wide: at spaces, and a word
    longer than the line anywhere (as Excel and LibreOffice break it).

    Examples
    --------
    >>> wrapped_lines("Нет CRM: сделки в таблицах и почте", 30), wrapped_lines("short", 30)
    (2, 1)
    """
    room = width * DIGIT_PX + MARGIN_PX - 2 * 2  # less the cell's inner margins
    space = text_px(" ", bold)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines, used = lines + 1, 0.0
        for word in paragraph.split():
            w = text_px(word, bold)
            if used and used + space + w > room:
                lines, used = lines + 1, w
            else:
                used += w + (space if used else 0)
            while used > room:
                lines, used = lines + 1, used - room
    return max(lines, 1)


# Formats whose values Excel aligns right (numbers and dates): their headers go right too.
NUMERIC = ("money", "int", "number", "percent", "date", "datetime")
# What a column of each format may come to show, for a column with no values yet: a plan made
# empty is filled later, and its columns keep the widths they were built with.
_TYPICAL: dict[str, Any] = {
    "money": 123_456_789,
    "int": 1_234_567,
    "number": 1_234.5,
    "percent": 0.955,
    "date": dt.date(2026, 12, 31),
    "datetime": dt.datetime(2026, 12, 31, 23, 59),
}


def samples(
    column: Any, lang: str, rouble: bool = True, refer: Callable[[str, str], list] | None = None
) -> list[str]:
    """What an empty column of the plan may show: its declared example, a large value of its
    format and, for a column that takes the values of another table (a role: the tiers), that
    table's values (``refer(table key, column key)``). An output column answers for the input
    column of the same key (the employees' goals show the employees' roles)."""
    from xlsalesplan.plan.tables import INPUT_TABLES

    source = column
    for table in INPUT_TABLES:
        if column.example == (None, None) and column.key in table.keys:
            source = table.column(column.key)
            break
    example = source.example[0 if lang == "ru" else 1]
    found = [] if example is None else [shown(example, column.format, lang, rouble)]
    if column.format in _TYPICAL:
        found.append(shown(_TYPICAL[column.format], column.format, lang, rouble))
    if refer is not None and source.refers is not None:
        found += [shown(v, column.format, lang, rouble) for v in refer(*source.refers)]
    return found


def header_split(header: str) -> str:
    """The header on two lines, broken at the space that makes the wider line narrowest."""
    words = header.split()
    if len(words) < 2:
        return header
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    best = min(splits, key=lambda s: max(text_px(s[0], True), text_px(s[1], True)))
    return "\n".join(best)


@dataclass(frozen=True)
class Fit:
    """How a column shows: its ``width`` and the lines its header takes."""

    width: float
    header_lines: int = 1

    @property
    def wrap_header(self) -> bool:
        return self.header_lines > 1


def fitted(texts: Iterable[str], header: str, numeric: bool) -> Fit:
    """How a column of ``texts`` under ``header`` shows: a number column whose header is much
    wider than its numbers wraps the header rather than widen the column. (Text stays on one
    line: neither application grows a row for wrapped text in a file it opens, and a row
    height fixed here would not follow what refresh writes.)"""
    texts = list(texts)
    one_line = column_width(texts, header, indent=not numeric)
    if not numeric or " " not in header.strip():
        return Fit(one_line)
    lines = header_split(header).split("\n")
    two_lines = max(column_width(texts), *(column_width([], h) for h in lines))
    if one_line - two_lines >= 3:  # digits saved: worth a second header line
        return Fit(two_lines, header_lines=2)
    return Fit(one_line)
