"""The history of refreshes: what each refresh changed since the previous one, in the store and on
the History sheet.

What changed is found by comparing the plan as this refresh computes it with the plan as the
previous refresh left it: every input cell (table, row key, column, old → new) and the outputs a
planner follows — each region's month plan and each employee's year goal. The previous state is
kept in the plan's store, as one record per table under the plan key ``<plan_id>#state`` (a
history of one refresh, replaced each time), so the comparison needs nothing from the workbook
and a copy of the workbook refreshed elsewhere against the same store continues the same
history.

Rows are matched by their key (an employee's name, a target's region and product, …; see
:func:`key_columns`), so inserting, deleting or sorting rows in Excel changes nothing by itself.
Rows whose key is new and rows whose key is gone are paired in their order: a renamed employee
is one changed cell, not a row deleted and a row added. A row added or removed lists its
non-blank cells. Values are compared as the plan reads them (2026 and 2026.0, a date and its
serial are the same value).

A refresh that changed nothing is not recorded; the first refresh of a plan records no
changes: it is where the history starts. Only the last N refreshes are kept (Settings, "history
to keep", default 20).

Examples
--------
>>> old = {"employees": [("Белов", {"employee": "Белов", "weight": 1.0})]}
>>> new = {"employees": [("Белов", {"employee": "Белов", "weight": 1.2})]}
>>> [(c.table, c.key, c.column, c.old, c.new) for c in changes(old, new)]
[('employees', 'Белов', 'weight', 1.0, 1.2)]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.layout import MONTHS, TABLE_OF_MODEL
from xlsalesplan.io.recordbook import (
    ensure_plan_id,
    history_keep,
    lists_a_version,
    moment,
    record_rows,
    region_plans,
    scope_of,
    setting_text,
    versions_frame,
)
from xlsalesplan.plan import labels
from xlsalesplan.plan.model import MONTHS as MONTH_KEYS
from xlsalesplan.plan.model import PlanInputs, PlanOutputs
from xlsalesplan.plan.schema import Table, pick
from xlsalesplan.plan.tables import INPUT_TABLES, SETTING, SETTINGS, SETTINGS_TABLE
from xlsalesplan.plan.values import blank, normalised
from xlsalesplan.records.plan_store import ENV_VAR, NoStore, open_plan_store, say

if TYPE_CHECKING:
    from xlsalesplan.store import Change, Refresh, Store

__all__ = [
    "Journal",
    "NoJournal",
    "PlanRecords",
    "changes",
    "history_frame",
    "key_columns",
    "open_journal",
    "recorder",
    "refresh_file",
    "state",
]

STATE_SUFFIX = "#state"  # the plan key under which the previous refresh's state is kept
State = dict[str, list[tuple[str, dict[str, Any]]]]  # table -> [(row key, {column: value})]

# Output figures the history follows, with their labels (ru, en).
REGION_PLANS = "region_plans"
YEAR_GOALS = "employee_goals"
WORDS = {
    "input": ("ввод", "input"),
    "output": ("результат", "output"),
    "start": ("начало истории", "start of the history"),
    REGION_PLANS: ("План регионов по месяцам", "Region plans by month"),
    YEAR_GOALS: ("Цели сотрудников на год", "Employees' year goals"),
    "value": ("Значение", "Value"),
    "total": ("Итого", "Total"),
}
# Tables whose rows are known by more than their first unique column.
KEY_COLUMNS = {"targets": ("region", "product")}


def key_columns(table: Table) -> tuple[str, ...]:
    """The columns that tell a row of an input table from the others.

    Examples
    --------
    >>> from xlsalesplan.plan.tables import TABLES
    >>> key_columns(TABLES["targets"]), key_columns(TABLES["employees"])
    (('region', 'product'), ('employee',))
    """
    if table.key in KEY_COLUMNS:
        return KEY_COLUMNS[table.key]
    unique = [c.key for c in table.columns if c.unique]
    return (unique[0],) if unique else (table.columns[0].key,)


def _key_part(value: Any) -> str:
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _keyed(rows: Iterable[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """Rows with unique keys: a repeated key gets " (2)", " (3)", …; a blank one "#row"."""
    seen: dict[str, int] = {}
    found = []
    for i, (key, values) in enumerate(rows):
        key = key if key.strip(" /") else f"#{i + 1}"
        seen[key] = seen.get(key, 0) + 1
        found.append((key if seen[key] == 1 else f"{key} ({seen[key]})", values))
    return found


def _plain(value: Any) -> Any:
    """A normalised cell as the history keeps it: None, bool, int/float, text or a date."""
    if blank(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


def state(inputs: PlanInputs, outputs: PlanOutputs) -> State:
    """The plan as a refresh leaves it: every input cell and the outputs the history follows.

    ``inputs`` as read (they are normalised here), ``outputs`` as computed from them.
    """
    from xlsalesplan.store import mask_url

    clean = normalised(inputs)
    settings = dict(clean.settings)
    if not blank(settings.get("store_url")):  # a password in it is not for the history
        settings["store_url"] = mask_url(str(settings["store_url"]))
    found: State = {"settings": [(s.key, {"value": _plain(settings.get(s.key))}) for s in SETTINGS]}
    for table in INPUT_TABLES:
        frame = getattr(clean, table.key)
        keys = key_columns(table)
        records = frame[table.keys].to_dict("records")
        found[table.key] = _keyed(
            (
                " / ".join(_key_part(r[k]) for k in keys),
                {c: _plain(v) for c, v in r.items()},
            )
            for r in records
        )
    plans = region_plans(outputs, labels.language(clean.settings))
    found[REGION_PLANS] = _keyed(
        (region, dict(zip(MONTH_KEYS, months, strict=True)))
        for region, months in zip(
            plans["region"], plans[MONTH_KEYS].to_numpy(dtype=float).tolist(), strict=True
        )
    )
    goals = outputs.employee_goals
    found[YEAR_GOALS] = _keyed(
        (str(name), {"total": float(total)})
        for name, total in zip(goals["employee"], goals["total"], strict=True)
    )
    return found


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) != isinstance(b, str):
        return False
    return bool(a == b)


def _table_changes(kind: str, table: str, old: list, new: list) -> list[Change]:
    from xlsalesplan.store import Change

    found: list[Change] = []
    before = dict(old)
    now = {key for key, _ in new}
    gone = [(key, values) for key, values in old if key not in now]
    fresh = [(key, values) for key, values in new if key not in before]
    renamed = dict(zip((k for k, _ in fresh), gone, strict=False))
    for key, values in new:
        previous = before.get(key)
        if previous is None and key in renamed:
            previous = renamed[key][1]
        columns = list(dict.fromkeys([*values, *(previous or {})]))
        for column in columns:
            was = None if previous is None else previous.get(column)
            if not _same(was, values.get(column)):
                found.append(Change(kind, table, key, column, was, values.get(column)))
    for key, values in gone[len(renamed) :]:
        found += [Change(kind, table, key, c, v, None) for c, v in values.items() if v is not None]
    return found


def changes(old: State, new: State) -> list[Change]:
    """Every cell that differs between two states, inputs first, in the tables' order.

    A table missing from ``old`` (a table added to the plan since) counts as empty.
    """
    found: list[Change] = []
    for table, rows in new.items():
        kind = "output" if table in (REGION_PLANS, YEAR_GOALS) else "input"
        found += _table_changes(kind, table, old.get(table, []), rows)
    return found


# ------------------------------------------------------------------ the state in the store


def _encode(rows: list[tuple[str, dict[str, Any]]]) -> str:
    from xlsalesplan.store.values import encode

    return json.dumps(
        [[key, {c: encode(v) for c, v in values.items()}] for key, values in rows],
        ensure_ascii=False,
    )


def _decode(text: str) -> list[tuple[str, dict[str, Any]]]:
    from xlsalesplan.store.values import decode

    return [
        (key, {c: decode(*pair) for c, pair in values.items()}) for key, values in json.loads(text)
    ]


def load_state(store: Store, plan_id: str) -> State | None:
    """The state the previous refresh left, or None before the first recorded refresh."""
    found = store.history(plan_id + STATE_SUFFIX, last=1)
    if not found:
        return None
    return {change.table: _decode(change.new) for change in found[0].changes}


def save_state(store: Store, plan_id: str, when: dt.datetime, fingerprint: str, new: State):
    """Keep ``new`` as the state of the plan's last refresh (the one before is dropped)."""
    from xlsalesplan.store import Change

    records = [Change("input", table, "*", "*", None, _encode(rows)) for table, rows in new.items()]
    store.record_refresh(plan_id + STATE_SUFFIX, when, fingerprint, records)
    store.prune(plan_id + STATE_SUFFIX, keep=1)


# ------------------------------------------------------------------ the History sheet


def _shown(value: Any, lang: str) -> Any:
    """A value as the History sheet shows it: dates as text in the workbook's style."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M" if lang == "ru" else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y" if lang == "ru" else "%Y-%m-%d")
    return value


def _labels(change: Change, lang: str) -> tuple[str, str, str]:
    """The table, row and column of a change as the workbook names them."""
    if change.table == "settings":
        setting = SETTING.get(change.key)
        row = setting.header(lang) if setting else change.key
        return pick(lang, SETTINGS_TABLE.caption), row, pick(lang, WORDS["value"])
    if change.table == REGION_PLANS:
        column = change.column
        month = MONTHS[lang][MONTH_KEYS.index(column)] if column in MONTH_KEYS else column
        return pick(lang, WORDS[REGION_PLANS]), change.key, month
    if change.table == YEAR_GOALS:
        return pick(lang, WORDS[YEAR_GOALS]), change.key, pick(lang, WORDS["total"])
    table = TABLE_OF_MODEL.get(change.table)
    if table is None:
        return change.table, change.key, change.column
    column = change.column
    if column in table.keys:
        column = table.column(column).header(lang)
    return pick(lang, table.title), change.key, column


def history_frame(refreshes: list[Refresh], lang: str, date1904: bool = False) -> pd.DataFrame:
    """The ``history`` table: the changes of each refresh, the latest refresh first."""
    rows = []
    for refresh in sorted(refreshes, key=lambda r: r.number, reverse=True):
        when = moment(refresh.when, date1904)
        if not refresh.changes:
            rows.append([refresh.number, when, pick(lang, WORDS["start"]), *[None] * 5])
        for change in refresh.changes:
            table, row, column = _labels(change, lang)
            kind = pick(lang, WORDS[change.kind])
            old, new = _shown(change.old, lang), _shown(change.new, lang)
            rows.append([refresh.number, when, kind, table, row, column, old, new])
    return pd.DataFrame(rows, columns=TABLE_OF_MODEL["history"].keys)


# ------------------------------------------------------------------ the journal of a refresh


@dataclasses.dataclass
class Journal:
    """A refresh's entry in the history, prepared before the refresh writes anything.

    ``tables`` are the record tables to write with the outputs (History, Versions);
    :meth:`commit` records the refresh in the store once they are written.
    """

    store: Store
    plan_id: str
    when: dt.datetime
    fingerprint: str
    found: list[Change]
    first: bool
    new_state: State
    keep: int
    tables: list[tuple[Table, list[list[Any]]]]
    close: bool = True
    notes: tuple[str, ...] = ()

    def commit(self) -> None:
        """Record the refresh (if it changed anything, or starts the history) and its state."""
        try:
            if self.first or self.found:
                self.store.record_refresh(self.plan_id, self.when, self.fingerprint, self.found)
                self.store.prune(self.plan_id, self.keep)
                save_state(self.store, self.plan_id, self.when, self.fingerprint, self.new_state)
        finally:
            if self.close:
                self.store.close()


@dataclasses.dataclass(frozen=True)
class NoJournal:
    """A refresh with nowhere to record it (an unsaved workbook, xlwings Lite): the plan is
    refreshed all the same, and says so."""

    notes: tuple[str, ...]
    tables: tuple = ()

    def commit(self) -> None:
        """Nothing to record."""


class PlanRecords:
    """The plan's records in its store, as :func:`xlsalesplan.io.refresh.refresh` uses them
    (``record``): the approved baseline before it computes, the journal before it writes.

    ``store``: a store already open (approve's), else the plan's own store, opened when needed
    and closed after.
    """

    def __init__(self, store: Store | None = None) -> None:
        self.store = store

    def baseline(self, door: Door, path: object, inputs: PlanInputs) -> pd.DataFrame | None:
        """The latest approved version's goals, when the plan has one.

        A plan is looked up in its store only when its Versions table lists an approval or
        its Settings name a store (a team's): a plan nobody approved refreshes without opening
        one.

        Raises
        ------
        StoreError
            The store cannot be used: the refresh stops before writing anything.
        """
        settings = inputs.settings
        plan_id = setting_text(settings, "plan_id")
        named = setting_text(settings, "store_url") or os.environ.get(ENV_VAR, "")
        if not plan_id:
            return None
        if self.store is not None:
            return _approved_goals(self.store, plan_id, settings)
        if not (named or lists_a_version(door)):
            return None
        try:
            store = open_plan_store(door, path, settings, labels.language(settings))
        except NoStore:
            return None  # the journal says the plan's records are not kept here
        with store:
            return _approved_goals(store, plan_id, settings)

    def journal(
        self,
        door: Door,
        path: object,
        inputs: PlanInputs,
        located: Any,
        outputs: PlanOutputs,
        fingerprint: str,
        when: dt.datetime | None,
    ) -> Journal | NoJournal:
        """This refresh's entry in the history (:func:`open_journal`), or a note that it is
        not recorded where there is no store."""
        try:
            return open_journal(door, path, inputs, located, outputs, fingerprint, when, self.store)
        except NoStore as none:
            lang = labels.language(inputs.settings)
            return NoJournal((say(lang, "not_recorded", why=none.reason),))


def _approved_goals(store: Store, plan_id: str, settings: dict[str, Any]) -> pd.DataFrame | None:
    version = store.version(plan_id, scope_of(settings))
    return None if version is None else version.goals


def recorder(store: Store | None = None) -> PlanRecords:
    """The plan's records for :func:`xlsalesplan.io.refresh.refresh`, in ``store`` or the
    plan's own store.

    Examples
    --------
    >>> refresh(door, "Plan.xlsm", record=recorder())  # doctest: +SKIP
    """
    return PlanRecords(store)


def open_journal(
    door: Door,
    path: object,
    inputs: PlanInputs,
    located: Any,
    outputs: PlanOutputs,
    fingerprint: str,
    when: dt.datetime | None = None,
    store: Store | None = None,
) -> Journal:
    """Open the plan's store and prepare this refresh's history; nothing is written yet but
    the plan's ID, if it had none.

    Raises
    ------
    StoreError
        The store cannot be used: the refresh stops before writing anything.
    """
    settings = inputs.settings
    lang = labels.language(settings)
    close = store is None
    if store is None:
        store = open_plan_store(door, path, settings, lang)
    from xlsalesplan.store import Refresh  # loaded with the store

    try:
        plan_id = ensure_plan_id(door, path, settings, located, lang)
        moment_ = (when or dt.datetime.now()).astimezone()
        keep = history_keep(settings)
        previous = load_state(store, plan_id)
        new_state = state(inputs, outputs)
        found = [] if previous is None else changes(previous, new_state)
        recorded = store.history(plan_id, last=keep)
        shown = list(recorded)
        if previous is None or found:
            number = (recorded[0].number if recorded else 0) + 1
            shown = [Refresh(plan_id, number, moment_, fingerprint, tuple(found)), *recorded]
        date1904 = getattr(door, "date1904", False)
        versions = store.versions(plan_id, scope_of(settings))
        frames = {
            "history": history_frame(shown[:keep], lang, date1904),
            "versions": versions_frame(versions, fingerprint, lang, date1904),
        }
        tables = [
            (TABLE_OF_MODEL[key], record_rows(door, key, frame, lang))
            for key, frame in frames.items()
        ]
    except BaseException:
        if close:
            store.close()
        raise
    return Journal(
        store,
        plan_id,
        moment_,
        fingerprint,
        found,
        previous is None,
        new_state,
        keep,
        tables,
        close,
    )


def refresh_file(
    path: str | os.PathLike[str], *, backup: bool = True, force: bool = False, history: bool = True
) -> str:
    """``xlsalesplan refresh``: :func:`xlsalesplan.io.files.refresh_file` with the plan's history
    recorded in its store (unless ``history`` is False)."""
    from xlsalesplan.io.files import refresh_file as refresh_plan

    return refresh_plan(path, backup=backup, force=force, record=recorder() if history else None)
