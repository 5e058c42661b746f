"""A block: a rectangle outside the tables that refresh owns, found by its defined name.

:mod:`~xlsalesplan.io.derived` makes the stamps, the Gantt's weeks and the dashboard's figures
as blocks, :mod:`~xlsalesplan.io.scenario_view` the scenarios side by side; the builder and the
refresh write them.

Examples
--------
>>> Block("xlsp_x", ("", ""), ("Лист", "Sheet"), 4, 1, [[None, None]] * 12).ref()
'$B$5:$C$16'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from xlsalesplan.io.ooxml.cells import Formula

STAMP_WORDS = ("Обновлено:", "Refreshed:")  # how every stamp begins, in either language

Where = Callable[[str], "tuple[int, int] | None"]


@dataclass(frozen=True)
class Block:
    """A rectangle refresh owns: its defined name, what it is, where it is, what it holds.

    ``cells`` hold :class:`Formula` s (a formula block) or text (a stamp); ``row``/``col`` are
    the 0-based top-left cell where it is now (the template's place when built).
    """

    name: str
    what: tuple[str, str]
    sheets: tuple[str, str]
    row: int
    col: int
    cells: list[list[Any]]
    formats: list[dict[str, Any]] = field(default_factory=list)
    stamp: bool = False

    def sheet(self, lang: str) -> str:
        """The sheet the template puts the block on."""
        return self.sheets[0] if lang == "ru" else self.sheets[1]

    def ref(self) -> str:
        """The block's absolute range, as its defined name holds it: ``$B$5:$C$16``."""
        first = xl_rowcol_to_cell(self.row, self.col, row_abs=True, col_abs=True)
        last = xl_rowcol_to_cell(
            self.row + len(self.cells) - 1,
            self.col + len(self.cells[0]) - 1,
            row_abs=True,
            col_abs=True,
        )
        return first if first == last else f"{first}:{last}"

    def ours(self, value: Any, lang: str) -> bool:
        """Whether a cell's content is what refresh writes here (or nothing)."""
        if value is None or value == "":
            return True
        if self.stamp:
            return isinstance(value, str) and value.startswith(STAMP_WORDS)
        return isinstance(value, Formula)
