"""Refresh: compute the plan and write its outputs through any door, owning cells, not addresses.

Output tables are found by their names, the blocks outside them (stamps, the Gantt's weeks, the
dashboard's figures) by the defined names over them (:mod:`xlsalesplan.io.derived`), so both
move with their cells when the planner inserts rows, moves a table or renames a sheet. Refresh
writes a block only where its own content still is: a cell holding anything else stops the
refresh before anything is written, naming the cell. A refresh whose outputs would not change
writes nothing (the plan is up to date).

Examples
--------
>>> door = FileDoor.open("Plan.xlsm")                                # doctest: +SKIP
>>> done = refresh(door, "Plan.xlsm", when=dt.datetime(2026, 11, 28))  # doctest: +SKIP
>>> done.written, len(done.warnings)                                 # doctest: +SKIP
(True, 0)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import pandas as pd

from xlsalesplan.core.args import EXCEL_EPOCH
from xlsalesplan.io import derived, native
from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.layout import TABLE_OF_MODEL
from xlsalesplan.io.ooxml.cells import DATE1904_OFFSET, Formula, cell_ref, quote_sheet, serial
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.planio import (
    check_output_tables,
    fingerprint,
    raise_problems,
    read_inputs,
    stamp_text,
    warning_lines,
)
from xlsalesplan.plan.compute import PlanInputError, compute
from xlsalesplan.plan.labels import language
from xlsalesplan.plan.model import PlanInputs, PlanOutputs
from xlsalesplan.plan.schema import Table


class Journal(Protocol):
    """A refresh's entry in the plan's records, prepared before anything is written."""

    tables: Any  # the record tables to write with the outputs: (Table, rows) pairs
    notes: Any  # lines added to the warnings

    def commit(self) -> None:
        """Record the refresh, once everything is written."""


class Records(Protocol):
    """The plan's records, as a refresh uses them (:class:`xlsalesplan.records.history.PlanRecords`
    keeps them in the plan's store)."""

    def baseline(self, door: Door, path: object, inputs: PlanInputs) -> pd.DataFrame | None:
        """The approved version's employee × month goals, or None (nothing approved)."""

    def journal(
        self,
        door: Door,
        path: object,
        inputs: PlanInputs,
        located: Any,
        outputs: PlanOutputs,
        fingerprint: str,
        when: dt.datetime | None,
    ) -> Journal:
        """This refresh's entry, asked for only when the refresh writes."""


@dataclasses.dataclass(frozen=True)
class Refreshed:
    """What a refresh did: the outputs, whether anything was written, the warnings."""

    outputs: PlanOutputs
    written: bool
    warnings: list[str]

    @property
    def rows(self) -> int:
        return sum(len(frame) for frame in self.outputs.tables().values())


def cell_value(value: Any) -> Any:
    """A computed value as a cell takes it: dates as serials, NaN as blank."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and math.isnan(value):
        return None
    if isinstance(value, dt.date):
        return serial(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def column_values(column: pd.Series) -> list[Any]:
    """A computed column as cells take it: :func:`cell_value` of each, whole columns at once."""
    kind = column.dtype.kind
    if kind in "iub":
        return column.tolist()
    if kind == "f":
        values = column.to_numpy()
        return [None if v != v else v for v in values.tolist()]  # NaN is the one v != v
    if kind == "M":
        days = column.to_numpy().astype("datetime64[D]")
        serials = (days - EXCEL_EPOCH).astype(float).tolist()
        return [None if m else v for v, m in zip(serials, np.isnat(days).tolist(), strict=True)]
    return [v if type(v) is str else cell_value(v) for v in column.tolist()]


def _shifted(values: list[Any], shift: float) -> list[Any]:
    return [v + shift if isinstance(v, float) else v for v in values]


def output_rows(
    table: Table,
    frame: pd.DataFrame,
    origin: tuple[int, int],
    source_origin: tuple[int, int] | None,
    lang: str,
    date1904: bool = False,
) -> list[list[Any]]:
    """The rows of an output table as written: values, and native formulas with cached values.

    ``origin`` and ``source_origin`` are where the table and the input table its formulas read
    have their header now (0-based row, column), so formulas point at today's cells; dates are
    serials of the workbook's date system.
    """
    frame = frame.reindex(columns=table.keys)
    columns = [column_values(frame.iloc[:, j]) for j in range(len(table.keys))]
    if date1904:
        for j, column in enumerate(table.columns):
            if column.format == "date":
                columns[j] = _shifted(columns[j], -DATE1904_OFFSET)
    formulas = [
        native.row_formulas(table.name, origin, source_origin, i, lang) for i in range(len(frame))
    ]
    for j, key in enumerate(table.keys):
        if formulas and key in formulas[0]:
            columns[j] = [
                Formula(f[key], "" if v is None else v)
                for f, v in zip(formulas, columns[j], strict=True)
            ]
    return [list(row) for row in zip(*columns, strict=True)]


# ----------------------------------------------------------------------- the blocks


def _place(door: Door, lang: str) -> tuple[Callable[[str], tuple[int, int] | None], dict]:
    """Where each block's defined name points (0-based top-left), and on which sheet."""
    sheets: dict[str, str] = {}

    def where(name: str) -> tuple[int, int] | None:
        found = door.defined_name(name)
        if found is None:
            return None
        sheet, (r0, c0, _, _) = found
        sheets[name] = sheet
        return r0 - 1, c0 - 1

    return where, sheets


def _blocks(
    door: Door, inputs: PlanInputs, outputs: PlanOutputs, lang: str, stamp: str
) -> list[tuple[derived.Block, str]]:
    """Every block with the sheet it is on now (its name's, else the template's)."""
    where, sheets = _place(door, lang)
    found = derived.blocks(inputs, outputs, lang, stamp, where)
    placed = [(block, sheets.get(block.name, block.sheet(lang))) for block in found]
    if getattr(door, "date1904", False):
        placed = [(_in_1904(block), sheet) for block, sheet in placed]
    return placed


def _in_1904(block: derived.Block) -> derived.Block:
    if block.name != "xlsp_gantt_weeks":
        return block
    cells = [
        [
            Formula(c.text, c.cached - DATE1904_OFFSET if isinstance(c.cached, float) else c.cached)
            for c in row
        ]
        for row in block.cells
    ]
    return dataclasses.replace(block, cells=cells)


def _current(door: Door, block: derived.Block, sheet: str) -> list[list[Any]]:
    r0, c0 = block.row + 1, block.col + 1
    r1, c1 = r0 + len(block.cells) - 1, c0 + len(block.cells[0]) - 1
    return door.read_block(sheet, r0, c0, r1, c1)


_NOT_OURS = (
    "{where}: в ячейке {value!r}, а это место «{what}», которое пишет обновление; перенесите "
    "свои данные или удалите их",
    "{where}: holds {value!r} where refresh writes {what}; move or delete it",
)


def _check_ours(path: object, blocks: list[tuple[derived.Block, str, list]], lang: str) -> None:
    """Refuse, before anything is written, a block that holds the planner's cells."""
    for block, sheet, current in blocks:
        for i, row in enumerate(current):
            for j, value in enumerate(row):
                if not block.ours(value, lang):
                    shown = value.text if isinstance(value, Formula) else value
                    where = f"{quote_sheet(sheet)}!{cell_ref(block.row + i + 1, block.col + j + 1)}"
                    what = block.what[0] if lang == "ru" else block.what[1]
                    text = _NOT_OURS[0 if lang == "ru" else 1]
                    raise WorkbookError(path, text.format(where=where, value=shown, what=what))


# A string literal (kept as it is) or a number, in a formula's text.
_LITERAL = re.compile(r'"(?:[^"]|"")*"|\d+(?:\.\d*)?(?:[Ee][+-]?\d+)?')


def formula_key(text: str | None) -> str:
    """A formula's text with every number written one way: LibreOffice saves ``1E-12`` as
    ``0.000000000001``, which is the same formula.

    Examples
    --------
    >>> formula_key("=IF(M6<N6-1E-12,1,0.50)") == formula_key("IF(M6<N6-0.000000000001,1,0.5)")
    True
    """
    return _LITERAL.sub(
        lambda m: m[0] if m[0].startswith('"') else repr(float(m[0])),
        (text or "").removeprefix("="),
    )


def _same(current: Any, new: Any) -> bool:
    """Whether a cell already holds what refresh would write (formulas by text and value)."""
    if isinstance(new, Formula):
        return (
            isinstance(current, Formula)
            and formula_key(current.text) == formula_key(new.text)
            and _same(current.cached, new.cached)
        )
    if new in (None, "") or current in (None, ""):
        return new in (None, "") and current in (None, "")
    if isinstance(new, (int, float)) and isinstance(current, (int, float)):
        # Writers keep 15 to 17 significant digits: the last one is not a change.
        return math.isclose(float(new), float(current), rel_tol=1e-14, abs_tol=1e-9)
    return new == current


def _unchanged(current: list[list[Any]], rows: list[list[Any]]) -> bool:
    if len(current) != max(len(rows), 1):
        return False
    if not rows:
        return all(v in (None, "") for v in current[0])
    return all(
        _same(c, n)
        for old, new in zip(current, rows, strict=True)
        for c, n in zip(old, new, strict=True)
    )


@dataclasses.dataclass
class Writes:
    """Everything a refresh would write: each output table's rows and each block where it is.

    ``blocks`` carry what their cells hold now, to check they are refresh's own and to tell
    an up-to-date plan.
    """

    tables: list[tuple[Table, list[list[Any]]]]
    blocks: list[tuple[derived.Block, str, list[list[Any]]]]

    def unchanged(self, door: Door, print_: str) -> bool:
        """Whether the workbook already holds every output, stamped with ``print_``."""
        for block, _, current in self.blocks:
            if block.stamp:
                if not (isinstance(current[0][0], str) and current[0][0].endswith(print_)):
                    return False
            elif not _unchanged(current, block.cells):
                return False
        for table, rows in self.tables:
            _, current = door.read_table(table.name)
            if not _unchanged([[c.value for c in row] for row in current], rows):
                return False
        return True

    def apply(self, door: Door, progress: Callable[[str], None] | None = None) -> None:
        """Write every table and block through ``door``."""
        for table, rows in self.tables:
            if progress:
                progress(table.name)
            door.write_table(table.name, rows)
        for block, sheet, _ in self.blocks:
            door.write_block(sheet, block.row, block.col, block.cells)


def planned(
    door: Door, path: object, inputs: PlanInputs, outputs: PlanOutputs, lang: str, stamp: str
) -> Writes:
    """What refresh would write, each part where it is now.

    Raises
    ------
    WorkbookError
        A block refresh writes holds the planner's cells.
    """
    date1904 = getattr(door, "date1904", False)
    tables = []
    for name, frame in outputs.tables().items():
        table = TABLE_OF_MODEL[name]
        source = native.source_of(table.name)
        source_origin = door.table_origin(source) if source else None
        origin = door.table_origin(table.name)
        tables.append((table, output_rows(table, frame, origin, source_origin, lang, date1904)))
    blocks = [
        (block, sheet, _current(door, block, sheet))
        for block, sheet in _blocks(door, inputs, outputs, lang, stamp)
    ]
    _check_ours(path, blocks, lang)
    return Writes(tables, blocks)


def refresh(
    door: Door,
    path: object,
    when: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
    record: Records | None = None,
) -> Refreshed:
    """Check the inputs, compute the plan and write its outputs through ``door``.

    Nothing is written when every output and every stamp's fingerprint is already what it
    would be (unless ``force``). ``record``, the plan's records
    (:func:`xlsalesplan.records.history.recorder`), gives the approved baseline plan–fact is
    measured against, and, to a refresh that writes, its journal: the record tables to write
    with the outputs, lines for the warnings and ``commit()``, called once everything is
    written.

    Raises
    ------
    PlanProblems
        Any input is bad, or an output table's columns were changed; nothing written.
    WorkbookError
        A block refresh writes holds the planner's cells; nothing written.
    Exception
        Whatever ``record`` raises (the plan store cannot be used): nothing written.
    """
    inputs, located = read_inputs(door)
    raise_problems(path, located, [])
    check_output_tables(door, path)
    try:
        baseline = None if record is None else record.baseline(door, path, inputs)
        outputs = compute(inputs, baseline)  # checks every input first
    except PlanInputError as bad:
        raise_problems(path, located, bad.problems)
        raise
    lang = language(inputs.settings)
    notes = warning_lines(located, inputs)
    print_ = fingerprint(inputs)
    writes = planned(
        door, path, inputs, outputs, lang, stamp_text(lang, when or dt.datetime.now(), print_)
    )
    if not force and writes.unchanged(door, print_):
        return Refreshed(outputs, False, notes)
    journal = None
    if record is not None:  # the plan's records (its store) before anything is written
        journal = record.journal(door, path, inputs, located, outputs, print_, when)
        writes.tables += list(journal.tables)
        notes = [*notes, *journal.notes]
    writes.apply(door, progress)
    if journal is not None:
        journal.commit()
    return Refreshed(outputs, True, notes)
