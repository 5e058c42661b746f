"""Formula cells outside the tables whose cached values follow the plan's outputs.

The dashboard's figures (plan and fact by month, the funnel, ROI by initiative) and the week
headers of the Gantt chart are live formulas over the tables. Their cached values change with
the outputs, so both the template builder and the refresh write them from here: the same
formulas and the same values, whichever writes the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from xlsalesplan.io.layout import (
    DASHBOARD,
    HEADER_ROW,
    MONTH_KEYS,
    MONTHS,
    SHEET_BY_KEY,
    TABLES,
    table_origins,
)
from xlsalesplan.io.ooxml.cells import Formula, serial

GANTT_WEEKS = 40
ROOM = 500  # data rows that validation, colours and the Gantt cover
RANKED_ROWS = 8
# Top-left cells of the dashboard's blocks (0-based row, column).
MONTH_BLOCK = (4, 0)
FUNNEL_BLOCK = (21, 0)
ROI_BLOCK = (38, 0)


@dataclass(frozen=True)
class Block:
    """A rectangle of formula cells: its sheet (ru, en names), top-left cell and formats."""

    names: tuple[str, str]
    row: int
    col: int
    cells: list[list[Formula]]
    formats: list[dict[str, Any]] = field(default_factory=list)

    def sheet(self, lang: str) -> str:
        return self.names[0] if lang == "ru" else self.names[1]


def _frame(container: Any, name: str) -> pd.DataFrame | None:
    return getattr(container, name, None) if container is not None else None


def _sum(frame: pd.DataFrame | None, key: str) -> float:
    if frame is None or key not in frame:
        return 0.0
    return float(pd.to_numeric(frame[key], errors="coerce").fillna(0).sum())


def gantt_origin() -> tuple[int, int, int]:
    """(first week column, start column, end column) of the roadmap's Gantt chart."""
    origins = table_origins(SHEET_BY_KEY["roadmap"])
    columns = TABLES["tblRoadmap"].keys
    first = origins["tblRoadmap"]
    return first + len(columns) + 1, first + columns.index("start"), first + columns.index("end")


def gantt_block(outputs: Any, lang: str) -> Block:
    """Week start dates above the Gantt: Monday of the first stage's week, then every 7 days."""
    first_c, start_c, _ = gantt_origin()
    roadmap = _frame(outputs, "roadmap")
    first_week = None
    if roadmap is not None and len(roadmap):
        first = pd.Timestamp(min(roadmap["start"]))
        first_week = first - pd.Timedelta(days=first.weekday())
    column = xl_col_to_name(start_c)
    starts = f"{column}{HEADER_ROW + 2}:{column}{HEADER_ROW + 1 + ROOM}"
    row = []
    for w in range(GANTT_WEEKS):
        cached = "" if first_week is None else serial(first_week + pd.Timedelta(weeks=w))
        if w == 0:
            text = f'IF(COUNT({starts})=0,"",MIN({starts})-WEEKDAY(MIN({starts}),3))'
        else:
            previous = xl_rowcol_to_cell(HEADER_ROW, first_c + w - 1)
            text = f'IF({previous}="","",{previous}+7)'
        row.append(Formula(text, cached))
    date = {
        "num_format": "dd.mm" if lang == "ru" else "mm-dd",
        "rotation": 90,
        "font_size": 8,
        "align": "center",
    }
    return Block(SHEET_BY_KEY["roadmap"].names, HEADER_ROW, first_c, [row], [date] * GANTT_WEEKS)


def month_block(inputs: Any, outputs: Any, lang: str) -> Block:
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
    return Block(DASHBOARD, MONTH_BLOCK[0], MONTH_BLOCK[1] + 1, rows, [money, money])


def blocks(inputs: Any, outputs: Any, lang: str) -> list[Block]:
    """Every derived block of a plan workbook, for the builder and for the refresh."""
    return [
        gantt_block(outputs, lang),
        month_block(inputs, outputs, lang),
        *ranked_blocks(outputs, lang),
    ]


RANKED = [
    (FUNNEL_BLOCK, "tblFunnelPlan", "stage", "year_volume", "#,##0"),
    (ROI_BLOCK, "tblROI", "initiative", "roi_risk", "0%"),
]


def ranked_blocks(outputs: Any, lang: str) -> list[Block]:
    """The dashboard's funnel and ROI blocks."""
    found = []
    for (row, col), table, label_key, value_key, code in RANKED:
        frame = _frame(outputs, TABLES[table].key)
        label_ref = f"{table}[{TABLES[table].column(label_key).header(lang)}]"
        value_ref = f"{table}[{TABLES[table].column(value_key).header(lang)}]"
        cells = []
        for i in range(RANKED_ROWS):
            label, value = "", ""
            if frame is not None and i < len(frame):
                label = str(frame[label_key].iloc[i])
                v = frame[value_key].iloc[i]
                value = "" if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)
            elif i == 0:
                value = 0.0  # an empty table keeps one blank row, and INDEX of a blank is 0
            cells.append(
                [
                    Formula(f'IFERROR(INDEX({label_ref},{i + 1})&"","")', label),
                    Formula(f'IFERROR(INDEX({value_ref},{i + 1})+0,"")', value),
                ]
            )
        found.append(Block(DASHBOARD, row + 1, col, cells, [{}, {"num_format": code}]))
    return found


def filled_rows(outputs: Any, table: str) -> int:
    """How many rows of a ranked block hold data (for the chart's range)."""
    frame = _frame(outputs, TABLES[table].key)
    return min(len(frame), RANKED_ROWS) if frame is not None and len(frame) else RANKED_ROWS
