"""Proposals collected from the staff's workbooks: who proposes what, from which file.

``what`` names the cell proposed for change, as ``"<row key> / <column key>"`` with the
model's column keys, e.g. ``"Белов / m03"`` for Belov's March goal or ``"Москва / revenue"``
for a target; the store treats it as an opaque key. Collecting the same workbook again adds
nothing: a proposal is identified by (plan, source file, who, what), and a second collection
updates the proposed value and comment if the person changed them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from xlsalesplan.store.numbering import Conflict, is_unique_violation
from xlsalesplan.store.schema import proposals as table
from xlsalesplan.store.values import check_text, decode, encode

__all__ = ["Collected", "Proposal", "load_proposals", "merge_proposals"]


@dataclasses.dataclass(frozen=True)
class Proposal:
    """A change a person proposes to their goals, with a comment, from a collected workbook.

    Examples
    --------
    >>> Proposal("Белов", "Белов / m03", 1_250_000.0, 1_000_000.0, "отпуск в марте",
    ...          "split/Белов.xlsx").what
    'Белов / m03'
    """

    who: str
    what: str
    current: Any
    proposed: Any
    comment: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for name in ("who", "what", "comment", "source"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"Proposal.{name} must be text, not {getattr(self, name)!r}")
            check_text(getattr(self, name), f"Proposal.{name}")


@dataclasses.dataclass(frozen=True)
class Collected:
    """What :meth:`~xlsalesplan.store.Store.add_proposals` did with the proposals given.

    Examples
    --------
    >>> store.add_proposals(plan, proposals)  # doctest: +SKIP
    Collected(added=3, updated=0, unchanged=0)
    """

    added: int
    updated: int
    unchanged: int


def merge_proposals(
    connection: sa.Connection, plan_id: str, given: Sequence[Proposal], now: dt.datetime
) -> Collected:
    """Add new proposals, update changed ones, leave the same ones alone."""
    incoming: dict[tuple[str, str, str], dict[str, Any]] = {}
    for p in given:  # the same cell twice in one batch: the later one wins
        (current_type, current_text), (proposed_type, proposed_text) = (
            encode(p.current),
            encode(p.proposed),
        )
        incoming[(p.source, p.who, p.what)] = {
            "current_type": current_type,
            "current_text": current_text,
            "proposed_type": proposed_type,
            "proposed_text": proposed_text,
            "comment": p.comment,
        }
    sources = sorted({source for source, _, _ in incoming})
    existing = {
        (row.source, row.who, row.what): row
        for row in connection.execute(
            sa.select(table).where(table.c.plan_id == plan_id, table.c.source.in_(sources))
        )
    }
    added = updated = 0
    for (source, who, what), values in incoming.items():
        row = existing.get((source, who, what))
        if row is None:
            try:
                connection.execute(
                    table.insert().values(
                        plan_id=plan_id,
                        source=source,
                        who=who,
                        what=what,
                        collected_at=now,
                        **values,
                    )
                )
            except sa_exc.IntegrityError as error:
                if not is_unique_violation(error):
                    raise
                # another collection of the same file got there first: redo, it updates then
                raise Conflict(f"{source}: {who} / {what}") from None
            added += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            connection.execute(
                table.update().where(table.c.id == row.id).values(collected_at=now, **values)
            )
            updated += 1
    return Collected(added, updated, len(incoming) - added - updated)


def load_proposals(connection: sa.Connection, plan_id: str) -> list[Proposal]:
    """The plan's proposals in the order they were first collected."""
    query = sa.select(table).where(table.c.plan_id == plan_id).order_by(table.c.id)
    return [
        Proposal(
            row.who,
            row.what,
            decode(row.current_type, row.current_text),
            decode(row.proposed_type, row.proposed_text),
            row.comment,
            row.source,
        )
        for row in connection.execute(query)
    ]
