"""The history of refreshes: what each one changed in the inputs and outputs of a plan.

Each refresh is numbered 1, 2, … per plan (the order they were recorded in); its changes keep
their order. Old and new values are kept as text plus type (:mod:`xlsalesplan.store.values`),
so a number, a date or a name comes back as it was. Only the last N refreshes are wanted on the
History sheet: :func:`prune` drops the older ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

import sqlalchemy as sa

from xlsalesplan.store.numbering import insert_numbered, next_number
from xlsalesplan.store.schema import changes, refreshes
from xlsalesplan.store.values import check_text, decode, encode

__all__ = ["Change", "Refresh", "insert_refresh", "load_history", "prune_history"]


@dataclasses.dataclass(frozen=True)
class Change:
    """One cell a refresh changed: an input the planner edited, or an output that moved.

    ``table`` is the model's table key (``employees``, ``sales_plan``…), ``key`` the row's key
    as the History sheet shows it (e.g. ``"Белов"`` or ``"Москва / Услуги / revenue"``),
    ``column`` the column key (``m03``, ``weight``, ``total``).

    Examples
    --------
    >>> Change("input", "employees", "Белов", "weight", 1.0, 1.2)
    Change(kind='input', table='employees', key='Белов', column='weight', old=1.0, new=1.2)
    """

    kind: Literal["input", "output"]
    table: str
    key: str
    column: str
    old: Any
    new: Any

    def __post_init__(self) -> None:
        if self.kind not in ("input", "output"):
            raise ValueError(f"a change is of kind 'input' or 'output', not {self.kind!r}")
        for name in ("table", "key", "column"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"Change.{name} must be text, not {getattr(self, name)!r}")
            check_text(getattr(self, name), f"Change.{name}")


@dataclasses.dataclass(frozen=True)
class Refresh:
    """A recorded refresh: its number in the plan, when (UTC), the inputs' fingerprint and
    what it changed.

    Examples
    --------
    >>> [(r.number, len(r.changes)) for r in store.history(plan, last=2)]  # doctest: +SKIP
    [(7, 3), (6, 12)]
    """

    plan_id: str
    number: int
    when: dt.datetime
    fingerprint: str
    changes: tuple[Change, ...]


def insert_refresh(
    connection: sa.Connection,
    plan_id: str,
    when: dt.datetime,
    fingerprint: str,
    changed: Sequence[Change],
) -> Refresh:
    """Record a refresh as the plan's next one; :class:`Conflict` if another took the number."""
    rows = []
    for seq, change in enumerate(changed):
        (old_type, old_text), (new_type, new_text) = encode(change.old), encode(change.new)
        rows.append(
            {
                "seq": seq,
                "kind": change.kind,
                "table_name": change.table,
                "row_key": change.key,
                "column_name": change.column,
                "old_type": old_type,
                "old_text": old_text,
                "new_type": new_type,
                "new_text": new_text,
            }
        )
    number = next_number(connection, refreshes, plan_id=plan_id)
    values = {
        "plan_id": plan_id,
        "number": number,
        "refreshed_at": when,
        "fingerprint": fingerprint,
    }
    refresh_id = insert_numbered(connection, refreshes, values)
    if rows:
        connection.execute(changes.insert(), [{"refresh_id": refresh_id, **r} for r in rows])
    when_utc = (
        when.replace(tzinfo=dt.timezone.utc)
        if when.tzinfo is None
        else when.astimezone(dt.timezone.utc)
    )
    return Refresh(plan_id, number, when_utc, fingerprint, tuple(_decoded(r) for r in rows))


def load_history(connection: sa.Connection, plan_id: str, last: int | None) -> list[Refresh]:
    """The plan's last ``last`` refreshes (all if None), newest first, with their changes."""
    query = (
        sa.select(
            refreshes.c.id, refreshes.c.number, refreshes.c.refreshed_at, refreshes.c.fingerprint
        )
        .where(refreshes.c.plan_id == plan_id)
        .order_by(refreshes.c.number.desc())
    )
    if last is not None:
        query = query.limit(last)
    heads = connection.execute(query).all()
    found: dict[int, list[Change]] = {row.id: [] for row in heads}
    if found:
        rows = connection.execute(
            sa.select(changes)
            .where(changes.c.refresh_id.in_(list(found)))
            .order_by(changes.c.refresh_id, changes.c.seq)
        ).mappings()
        for row in rows:
            found[row["refresh_id"]].append(_decoded(row))
    return [
        Refresh(plan_id, row.number, row.refreshed_at, row.fingerprint, tuple(found[row.id]))
        for row in heads
    ]


def prune_history(connection: sa.Connection, plan_id: str, keep: int) -> int:
    """Delete all but the plan's last ``keep`` refreshes; the number deleted."""
    kept = (
        sa.select(refreshes.c.number)
        .where(refreshes.c.plan_id == plan_id)
        .order_by(refreshes.c.number.desc())
        .limit(keep)
    )
    doomed = sa.select(refreshes.c.id).where(
        refreshes.c.plan_id == plan_id, refreshes.c.number.not_in(kept)
    )
    # Changes explicitly, not by ON DELETE CASCADE alone: SQLite enforces it only with the pragma.
    connection.execute(changes.delete().where(changes.c.refresh_id.in_(doomed)))
    return connection.execute(refreshes.delete().where(refreshes.c.id.in_(doomed))).rowcount


def _decoded(row: Any) -> Change:
    return Change(
        row["kind"],
        row["table_name"],
        row["row_key"],
        row["column_name"],
        decode(row["old_type"], row["old_text"]),
        decode(row["new_type"], row["new_text"]),
    )
