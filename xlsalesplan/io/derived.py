"""What refresh writes outside the tables: the stamps, the Gantt's weeks, the dashboard figures.

Each block is found in the workbook by a defined name (``xlsp_gantt_weeks``, …) that the
builder creates over it, so it moves with its cells when a planner inserts rows or renames the
sheet in Excel, and refresh writes where the block is now. The dashboard's figures and the
Gantt's week dates are live formulas over the tables (structured references, and within the
block, references to the cell beside), written with their cached values; a stamp says when the
outputs were refreshed and from which inputs. Both the builder and the refresh take the blocks
from here: the same formulas and values, whichever writes the file.

Examples
--------
>>> block = stamp_blocks("Refreshed: 2026-11-28 12:00", "en")[0]
>>> block.name, block.sheet("en"), block.ref()
('xlsp_stamp_strategy', 'Strategy', '$A$2')
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_rowcol_to_cell

from xlsalesplan.io.block import Block, Where
from xlsalesplan.io.layout import (
    DASHBOARD,
    HEADER_ROW,
    MONTH_KEYS,
    MONTHS,
    SHEET_BY_KEY,
    SHEETS,
    STAMP_CELL,
    TABLES,
    table_origins,
)
from xlsalesplan.io.ooxml.cells import Formula, serial
from xlsalesplan.io.scenario_view import scenario_blocks

GANTT_WEEKS = 104  # two years of weeks; weeks after the project's end stay blank
ROOM = 500  # data rows that validation, colours and the Gantt cover
RANKED_ROWS = 8
# Top-left cells of the dashboard's blocks (0-based row, column).
MONTH_BLOCK = (4, 0)
FUNNEL_BLOCK = (21, 0)
ROI_BLOCK = (38, 0)


def _frame(container: Any, name: str) -> pd.DataFrame | None:
    return getattr(container, name, None) if container is not None else None


def _sum(frame: pd.DataFrame | None, key: str) -> float:
    if frame is None or key not in frame:
        return 0.0
    return float(pd.to_numeric(frame[key], errors="coerce").fillna(0).sum())


def _column(table: str, key: str, lang: str) -> str:
    return f"{table}[{TABLES[table].column(key).header(lang)}]"


def stamp_blocks(text: str, lang: str, where: Where | None = None) -> list[Block]:
    """The refresh stamp under the title of every sheet with outputs."""
    found = []
    for sheet in SHEETS:
        if any(t.output for t in sheet.tables):
            name = f"xlsp_stamp_{sheet.key}"
            row, col = (where(name) if where else None) or STAMP_CELL
            what = ("отметка об обновлении", "refresh stamp")
            found.append(Block(name, what, sheet.names, row, col, [[text]], stamp=True))
    return found


def gantt_origin() -> tuple[int, int]:
    """The template's first week cell of the Gantt chart (0-based row, column)."""
    origins = table_origins(SHEET_BY_KEY["roadmap"])
    return HEADER_ROW, origins["tblRoadmap"] + len(TABLES["tblRoadmap"].columns) + 1


def gantt_block(outputs: Any, lang: str, at: tuple[int, int] | None = None) -> Block:
    """Week start dates above the Gantt: Monday of the first stage's week, then every 7 days
    until the last stage ends; the weeks after it stay blank."""
    row, col = at or gantt_origin()
    roadmap = _frame(outputs, "roadmap")
    weeks = 0
    first_week = None
    if roadmap is not None and len(roadmap):
        first = pd.Timestamp(min(roadmap["start"]))
        first_week = first - pd.Timedelta(days=first.weekday())
        last = pd.Timestamp(max(roadmap["end"]))
        weeks = min((last - first_week).days // 7 + 1, GANTT_WEEKS)
    starts, ends = _column("tblRoadmap", "start", lang), _column("tblRoadmap", "end", lang)
    cells = []
    for w in range(GANTT_WEEKS):
        cached = serial(first_week + pd.Timedelta(weeks=w)) if w < weeks else ""
        if w == 0:
            text = f'IF(COUNT({starts})=0,"",MIN({starts})-WEEKDAY(MIN({starts}),3))'
        else:
            previous = xl_rowcol_to_cell(row, col + w - 1)
            text = f'IF({previous}="","",IF({previous}+7>MAX({ends}),"",{previous}+7))'
        cells.append(Formula(text, cached))
    date = {
        "num_format": "dd.mm" if lang == "ru" else "mm-dd",
        "rotation": 90,
        "font_size": 9,  # 7 points or more on paper at the Roadmap's print scale
        "align": "center",
    }
    what = ("недели диаграммы Ганта", "the Gantt chart's weeks")
    names = SHEET_BY_KEY["roadmap"].names
    return Block("xlsp_gantt_weeks", what, names, row, col, [cells], [date] * GANTT_WEEKS)


def month_block(inputs: Any, outputs: Any, lang: str, at: tuple[int, int] | None = None) -> Block:
    """Plan (the employees' goals) and fact (the actuals reported) for each month."""
    goals, actuals = _frame(outputs, "employee_goals"), _frame(inputs, "actuals")
    rows = []
    for i, key in enumerate(MONTH_KEYS):
        label = MONTHS[lang][i]
        fact = _sum(actuals, key)
        rows.append(
            [
                Formula(f"SUM(tblEmployeeGoals[{label}])", _sum(goals, key)),
                Formula(
                    f'IF(COUNT(tblActuals[{label}])=0,"",SUM(tblActuals[{label}]))',
                    fact if fact else "",
                ),
            ]
        )
    money = {"num_format": "#,##0"}
    row, col = at or (MONTH_BLOCK[0], MONTH_BLOCK[1] + 1)
    what = ("план и факт по месяцам", "plan and fact by month")
    return Block("xlsp_dash_months", what, DASHBOARD, row, col, rows, [money, money])


# (name, template place, table, label column, value column, format, a note to the label)
RANKED = [
    ("xlsp_dash_funnel", FUNNEL_BLOCK, "tblFunnelPlan", "stage", "year_volume", "#,##0", None),
    # An ROI is read with its verdict: the best bar may be "too early to judge".
    ("xlsp_dash_roi", ROI_BLOCK, "tblROI", "initiative", "roi_risk", "0%", "verdict"),
]
_RANKED_WHAT = {
    "xlsp_dash_funnel": ("воронка на дашборде", "the dashboard's funnel"),
    "xlsp_dash_roi": ("ROI на дашборде", "the dashboard's ROI"),
}


def ranked_blocks(outputs: Any, lang: str, where: Where | None = None) -> list[Block]:
    """The dashboard's funnel and ROI blocks."""
    found = []
    for name, (row, col), table, label_key, value_key, code, note_key in RANKED:
        frame = _frame(outputs, TABLES[table].key)
        label_ref, value_ref = _column(table, label_key, lang), _column(table, value_key, lang)
        cells = []
        for i in range(RANKED_ROWS):
            label, value = "", ""
            if frame is not None and i < len(frame):
                label = str(frame[label_key].iloc[i])
                if note_key and str(frame[note_key].iloc[i]):
                    label += f" — {frame[note_key].iloc[i]}"
                v = frame[value_key].iloc[i]
                value = "" if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)
            text = f"INDEX({label_ref},{i + 1})"
            if note_key:
                note = f"INDEX({_column(table, note_key, lang)},{i + 1})"
                text += f'&IF({note}="",""," — "&{note})'
            cells.append(
                [
                    Formula(f'IFERROR({text}&"","")', label),
                    Formula(
                        f'IF(ISNUMBER(INDEX({value_ref},{i + 1})),INDEX({value_ref},{i + 1}),"")',
                        value,
                    ),
                ]
            )
        top = (where(name) if where else None) or (row + 1, col)
        block = Block(name, _RANKED_WHAT[name], DASHBOARD, *top, cells, [{}, {"num_format": code}])
        found.append(block)
    return found


def blocks(
    inputs: Any, outputs: Any, lang: str, stamp: str, where: Where | None = None
) -> list[Block]:
    """Every block outside the tables, each where ``where`` finds its name (else the
    template's place): for the builder (``where`` None) and for the refresh."""
    place = where or (lambda name: None)
    return [
        *stamp_blocks(stamp, lang, place),
        gantt_block(outputs, lang, place("xlsp_gantt_weeks")),
        month_block(inputs, outputs, lang, place("xlsp_dash_months")),
        *ranked_blocks(outputs, lang, place),
        *scenario_blocks(outputs, lang, place),
    ]


def filled_rows(outputs: Any, table: str) -> int:
    """How many rows of a ranked block hold data (for the chart's range)."""
    frame = _frame(outputs, TABLES[table].key)
    return min(len(frame), RANKED_ROWS) if frame is not None and len(frame) else RANKED_ROWS
