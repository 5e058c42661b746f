"""Numbered records (versions 1, 2, …; refreshes 1, 2, …) that concurrent writers cannot lose.

A writer reads the highest number and inserts the next one inside its transaction. Two writers
may read the same highest number; the unique constraint on (plan, [scope,] number) then
rejects the second insert, which raises :class:`Conflict`, and the store runs the whole
transaction again (see :meth:`xlsalesplan.store.Store._write`). On SQLite the file lock taken by
``BEGIN IMMEDIATE`` already serialises writers; on PostgreSQL this retry is what keeps both.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

__all__ = ["Conflict", "insert_numbered", "is_unique_violation", "next_number"]


class Conflict(Exception):
    """Another writer took the number first; run the transaction again."""


def next_number(connection: sa.Connection, table: sa.Table, **keys: Any) -> int:
    """One more than the highest ``number`` of the rows matching ``keys`` (1 for the first).

    Examples
    --------
    >>> next_number(connection, versions, plan_id="p", scope="Москва")  # doctest: +SKIP
    3
    """
    where = [table.c[name] == value for name, value in keys.items()]
    return connection.scalar(
        sa.select(sa.func.coalesce(sa.func.max(table.c.number), 0) + 1).where(*where)
    )


def insert_numbered(connection: sa.Connection, table: sa.Table, values: dict[str, Any]) -> int:
    """Insert one row of a numbered table and return its ``id``; :class:`Conflict` if taken.

    Examples
    --------
    >>> insert_numbered(connection, refreshes, {"plan_id": "p", "number": 1, ...})  # doctest: +SKIP
    17
    """
    try:
        return connection.execute(table.insert().values(**values)).inserted_primary_key[0]
    except sa_exc.IntegrityError as error:
        if is_unique_violation(error):
            raise Conflict(str(error.orig)) from None
        raise


def is_unique_violation(error: sa_exc.IntegrityError) -> bool:
    """True when ``error`` is a unique constraint rejecting a row (on either engine)."""
    sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if sqlstate is not None:
        return sqlstate == "23505"  # PostgreSQL: unique_violation
    return "UNIQUE constraint failed" in str(error.orig)  # SQLite
