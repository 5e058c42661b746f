"""The scenarios side by side: a block of live formulas over the Scenarios results table.

``tblScenarioResults`` holds every scenario's figures one under another, the base plan's first
and every scenario's in the same order (:mod:`xlsalesplan.plan.scenarios`). The block beside it
puts them in columns: the section and figure of each row, then the base plan and up to
:data:`SLOTS` scenarios, each cell an ``INDEX`` into the table at the figure's position,
written with its cached value. Refresh owns the block through the defined name
``xlsp_scenarios`` (so it moves with its cells); the Scenarios sheet's chart draws the first
twelve rows (revenue by month) of each column.

Examples
--------
>>> from xlsalesplan.plan.compute import compute
>>> from xlsalesplan.plan.demo import demo_inputs
>>> block = scenario_block(compute(demo_inputs("en")), "en")
>>> block.name, block.cells[0][2].cached, block.cells[1][1].cached
('xlsp_scenarios', 'Base plan', 'Jan')
"""

from __future__ import annotations

from typing import Any

from xlsalesplan.io.block import Block, Where
from xlsalesplan.io.layout import HEADER_ROW, SHEET_BY_KEY, TABLES, table_origins
from xlsalesplan.io.ooxml.cells import Formula
from xlsalesplan.plan.scenarios import figure_count
from xlsalesplan.plan.values import blank

NAME = "xlsp_scenarios"
SLOTS = 5  # scenarios shown beside the base plan (all of them are in the table)
ROWS = 64  # figures shown (the table has every one)
LABELS = 2  # the section and the figure
RESULTS = "tblScenarioResults"
WHAT = ("сценарии рядом", "the scenarios side by side")


def origin() -> tuple[int, int]:
    """The template's top-left cell of the block (0-based): right of the results table."""
    sheet = SHEET_BY_KEY["scenarios"]
    return HEADER_ROW, table_origins(sheet)[RESULTS] + len(TABLES[RESULTS].columns) + 1


def _column(key: str, lang: str) -> str:
    return f"{RESULTS}[{TABLES[RESULTS].column(key).header(lang)}]"


def _text(ref: str, position: int, cached: Any, empty: str = "") -> Formula:
    shown = empty if blank(cached) else cached
    return Formula(f'IFERROR(INDEX({ref},{position})&"","{empty}")', shown)


def _number(ref: str, position: int, cached: Any) -> Formula:
    index = f"INDEX({ref},{position})"
    value = "" if blank(cached) else float(cached)
    return Formula(f'IF(ISNUMBER({index}),{index},"")', value)


def scenario_block(outputs: Any, lang: str, at: tuple[int, int] | None = None) -> Block:
    """The side-by-side block: a row of scenario names, then one row per figure.

    The figures of the slots no scenario fills stay blank (a chart draws nothing there), and
    so do the rows past the last figure.
    """
    results = getattr(outputs, "scenario_results", None)
    rows = results.to_dict("list") if results is not None else {"scenario": []}
    n = figure_count(results) if results is not None else 0
    shown = min(len(rows["scenario"]) // n, SLOTS + 1) if n else 0
    width = LABELS + SLOTS + 1
    cells: list[list[Any]] = [[None] * width for _ in range(ROWS + 1)]
    scenario, value = _column("scenario", lang), _column("value", lang)
    # Every name cell: a slot no scenario fills is named " ", so that a chart's legend shows
    # nothing for it (an empty name would read "Series 5", "Column R").
    for s in range(SLOTS + 1 if n else 0):
        name = rows["scenario"][s * n] if s < shown else None
        cells[0][LABELS + s] = _text(scenario, s * n + 1, name, " ")
    for k in range(min(n, ROWS)):
        cells[k + 1][0] = _text(_column("section", lang), k + 1, rows["section"][k])
        cells[k + 1][1] = _text(_column("indicator", lang), k + 1, rows["indicator"][k])
        for s in range(shown):
            cells[k + 1][LABELS + s] = _number(value, s * n + k + 1, rows["value"][s * n + k])
    row, col = at or origin()
    names = SHEET_BY_KEY["scenarios"].names
    formats = [{}, {}, *([{"num_format": "#,##0"}] * (SLOTS + 1))]
    return Block(NAME, WHAT, names, row, col, cells, formats)


def scenario_blocks(outputs: Any, lang: str, where: Where) -> list[Block]:
    """The block where its defined name is now (else the template's place)."""
    return [scenario_block(outputs, lang, where(NAME))]
