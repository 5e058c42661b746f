"""The team: regions publish their approved versions to the company plan, the head office
consolidates the latest published version of each region.

A publication is itself a version of the company plan, with the region as its scope: region
"Москва" publishing its version 3 makes version n+1 of (company plan, "Москва"), a copy of the
goals and region plans with ``source_plan_id``/``source_number`` saying where it came from.
The regional version usually lives in the region's own store (SQLite beside its workbook) and
the company plan in the team's PostgreSQL; the copy is what makes that work. Publishing the
version that is already the region's latest publication does nothing.

Consolidation takes the rows of the latest publication of each region, unchanged, in the order
of the regions' names (code point order, the same on every engine and collation), so the
company's totals are the sums of the regions' to the last bit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import sqlalchemy as sa

from xlsalesplan.store.frames import GOAL_COLUMNS, REGION_COLUMNS, to_frame
from xlsalesplan.store.schema import versions
from xlsalesplan.store.versions import (
    INFO_COLUMNS,
    Version,
    VersionInfo,
    insert_version,
    load_version,
    rows_of,
)

__all__ = ["consolidated", "latest_published", "publish_version"]


def publish_version(
    connection: sa.Connection,
    company_plan_id: str,
    region: str,
    version: Version,
    now: dt.datetime,
) -> Version:
    """Copy the region's approved ``version`` into the company plan as its next publication."""
    if not isinstance(version, Version):
        raise TypeError("publish needs the version with its plan: Store.version(…), not versions()")
    if version.scope != region:
        raise ValueError(
            f"the version is of {version.scope!r}, not of the region {region!r} it is published for"
        )
    latest = load_version(connection, company_plan_id, region)
    if latest is not None and _same_source(latest, version):
        return latest
    info = dataclasses.replace(
        version.info,
        plan_id=company_plan_id,
        scope=region,
        published_at=now,
        source_plan_id=version.plan_id,
        source_number=version.number,
    )
    return insert_version(connection, info, version.goals, version.regions)


def _same_source(published: VersionInfo, version: VersionInfo) -> bool:
    return (published.source_plan_id, published.source_number, published.fingerprint) == (
        version.plan_id,
        version.number,
        version.fingerprint,
    )


def latest_published(
    connection: sa.Connection, company_plan_id: str
) -> list[tuple[int, VersionInfo]]:
    """(row id, info) of the latest publication of each region, by region name."""
    newest = (
        sa.select(versions.c.scope, sa.func.max(versions.c.number).label("number"))
        .where(versions.c.plan_id == company_plan_id, versions.c.published_at.is_not(None))
        .group_by(versions.c.scope)
        .subquery()
    )
    query = sa.select(versions.c.id, *INFO_COLUMNS).join(
        newest,
        sa.and_(
            versions.c.plan_id == company_plan_id,
            versions.c.scope == newest.c.scope,
            versions.c.number == newest.c.number,
        ),
    )
    found = [(row[0], VersionInfo(*row[1:])) for row in connection.execute(query)]
    return sorted(found, key=lambda item: item[1].scope)


def consolidated(
    connection: sa.Connection, company_plan_id: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The company's goals and region plans: the latest publications' rows, region by region."""
    latest = latest_published(connection, company_plan_id)
    rows = rows_of(connection, [version_id for version_id, _ in latest])
    goals = [row for version_id, _ in latest for row in rows[version_id][0]]
    regions = [row for version_id, _ in latest for row in rows[version_id][1]]
    return to_frame(goals, GOAL_COLUMNS), to_frame(regions, REGION_COLUMNS)
