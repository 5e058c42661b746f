"""Approved versions: the plan as the head approved it, numbered 1, 2, … per plan and scope.

A version is written once and never changed: there is no update path here, and triggers in the
database refuse UPDATE and DELETE of its rows (migration ``0001``). Re-approving makes version
n+1. The employee × month goals and the region × month plans are kept row by row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import sqlalchemy as sa

from xlsalesplan.store.frames import GOAL_COLUMNS, REGION_COLUMNS, to_frame, to_rows
from xlsalesplan.store.numbering import insert_numbered, next_number
from xlsalesplan.store.schema import version_goals, version_regions, versions

__all__ = ["Version", "VersionInfo", "insert_version", "load_version", "version_infos"]


@dataclasses.dataclass(frozen=True)
class VersionInfo:
    """Who approved which version of a plan, when and from which inputs.

    ``published_at``, ``source_plan_id`` and ``source_number`` are set on a region's version
    published to a company plan: it is that region's version ``source_number`` of the plan
    ``source_plan_id``, approved by ``approved_by`` at ``approved_at``.

    Examples
    --------
    >>> [f"v{v.number} {v.approved_by}" for v in store.versions(plan, "Москва")]  # doctest: +SKIP
    ['v1 Иванов', 'v2 Иванов']
    """

    plan_id: str
    scope: str
    number: int
    approved_by: str
    approved_at: dt.datetime  # UTC
    fingerprint: str
    note: str = ""
    published_at: dt.datetime | None = None
    source_plan_id: str | None = None
    source_number: int | None = None


@dataclasses.dataclass(frozen=True, eq=False)
class Version(VersionInfo):
    """A version with its plan: ``goals`` (employee, role, region, m01..m12) and ``regions``
    (region, m01..m12), in the row order they were approved in.

    Examples
    --------
    >>> store.version(plan, "Москва").goals.loc[0, "m03"]  # doctest: +SKIP
    1250000.0
    """

    goals: pd.DataFrame = dataclasses.field(default_factory=lambda: to_frame([], GOAL_COLUMNS))
    regions: pd.DataFrame = dataclasses.field(default_factory=lambda: to_frame([], REGION_COLUMNS))

    @property
    def info(self) -> VersionInfo:
        """The version without its frames."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(VersionInfo)}
        return VersionInfo(**fields)


INFO_COLUMNS = [versions.c[f.name] for f in dataclasses.fields(VersionInfo)]


def insert_version(
    connection: sa.Connection,
    info: VersionInfo,
    goals: pd.DataFrame,
    regions: pd.DataFrame,
) -> Version:
    """Write ``info`` as the next version of its plan and scope (``info.number`` is ignored).

    Raises :class:`~xlsalesplan.store.numbering.Conflict` if another writer took the number.

    Examples
    --------
    >>> insert_version(connection, info, goals, regions).number  # doctest: +SKIP
    2
    """
    goal_rows = to_rows(goals, GOAL_COLUMNS, "goals")
    region_rows = to_rows(regions, REGION_COLUMNS, "regions")
    number = next_number(connection, versions, plan_id=info.plan_id, scope=info.scope)
    info = dataclasses.replace(info, number=number)
    version_id = insert_numbered(connection, versions, dataclasses.asdict(info))
    for table, rows in ((version_goals, goal_rows), (version_regions, region_rows)):
        if rows:
            connection.execute(table.insert(), [{"version_id": version_id, **r} for r in rows])
    # The frames as stored: what load_version will give back for this version.
    goals_back = to_frame([[r[c] for c in GOAL_COLUMNS] for r in goal_rows], GOAL_COLUMNS)
    regions_back = to_frame([[r[c] for c in REGION_COLUMNS] for r in region_rows], REGION_COLUMNS)
    return Version(**dataclasses.asdict(info), goals=goals_back, regions=regions_back)


def version_infos(connection: sa.Connection, plan_id: str, scope: str) -> list[VersionInfo]:
    """Every version of the plan and scope, oldest first."""
    query = (
        sa.select(*INFO_COLUMNS)
        .where(versions.c.plan_id == plan_id, versions.c.scope == scope)
        .order_by(versions.c.number)
    )
    return [VersionInfo(*row) for row in connection.execute(query)]


def load_version(
    connection: sa.Connection, plan_id: str, scope: str, number: int | None = None
) -> Version | None:
    """Version ``number`` (the latest if None) with its frames, or None if there is none."""
    query = sa.select(versions.c.id, *INFO_COLUMNS).where(
        versions.c.plan_id == plan_id, versions.c.scope == scope
    )
    if number is None:
        query = query.order_by(versions.c.number.desc()).limit(1)
    else:
        query = query.where(versions.c.number == number)
    row = connection.execute(query).first()
    if row is None:
        return None
    return _with_frames(connection, VersionInfo(*row[1:]), row[0])


def rows_of(
    connection: sa.Connection, version_ids: list[int]
) -> dict[int, tuple[list[Any], list[Any]]]:
    """The goal rows and region rows of each version id (in row order), one query per table."""
    found: dict[int, tuple[list[Any], list[Any]]] = {i: ([], []) for i in version_ids}
    for index, (table, columns) in enumerate(
        ((version_goals, GOAL_COLUMNS), (version_regions, REGION_COLUMNS))
    ):
        query = (
            sa.select(table.c.version_id, *(table.c[c] for c in columns))
            .where(table.c.version_id.in_(version_ids))
            .order_by(table.c.version_id, table.c.row_no)
        )
        for row in connection.execute(query):
            found[row[0]][index].append(row[1:])
    return found


def _with_frames(connection: sa.Connection, info: VersionInfo, version_id: int) -> Version:
    goals, regions = rows_of(connection, [version_id])[version_id]
    return Version(
        **dataclasses.asdict(info),
        goals=to_frame(goals, GOAL_COLUMNS),
        regions=to_frame(regions, REGION_COLUMNS),
    )
