"""The store's tables (SQLAlchemy Core): the models the Alembic migrations must match.

Approved versions keep their goals and region plans row by row, one column per month, so a
consolidation is a query and a planner can read a version with any SQL tool. Values of the
history and of proposals can be numbers, dates or text: they are kept as text plus the name of
their type (see :mod:`xlsalesplan.store.values`). Every table starts with ``plan_`` so a team
database can hold other things too. Times are UTC.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from xlsalesplan.plan.model import MONTHS

__all__ = ["REVISION_TABLE", "UtcDateTime", "metadata"]

REVISION_TABLE = "plan_store_revision"  # Alembic's version table, named for this store

metadata = sa.MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    }
)


class UtcDateTime(sa.TypeDecorator[dt.datetime]):
    """A moment in UTC: aware datetimes in, aware UTC datetimes out, on every engine.

    SQLite has no time zones, so there the value is stored as naive UTC; PostgreSQL keeps a
    ``timestamp with time zone``. A naive datetime given is taken to be UTC already.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        utc = (
            value.replace(tzinfo=dt.timezone.utc)
            if value.tzinfo is None
            else value.astimezone(dt.timezone.utc)
        )
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect):
        if value is None:
            return None
        return (
            value.replace(tzinfo=dt.timezone.utc)
            if value.tzinfo is None
            else value.astimezone(dt.timezone.utc)
        )


def _months() -> list[sa.Column]:
    return [sa.Column(m, sa.Double) for m in MONTHS]


versions = sa.Table(
    "plan_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.Text, nullable=False),
    sa.Column("scope", sa.Text, nullable=False),  # the company, or a region
    sa.Column("number", sa.Integer, nullable=False),  # 1, 2, … per (plan_id, scope)
    sa.Column("approved_by", sa.Text, nullable=False),
    sa.Column("approved_at", UtcDateTime, nullable=False),
    sa.Column("fingerprint", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    # Set when this row is a region's version published to a company plan: where it came from.
    sa.Column("published_at", UtcDateTime),
    sa.Column("source_plan_id", sa.Text),
    sa.Column("source_number", sa.Integer),
    sa.UniqueConstraint("plan_id", "scope", "number"),
    sa.CheckConstraint("number >= 1", name="number_positive"),
)

version_goals = sa.Table(
    "plan_version_goals",
    metadata,
    sa.Column("version_id", sa.ForeignKey("plan_versions.id"), primary_key=True),
    sa.Column("row_no", sa.Integer, primary_key=True, autoincrement=False),  # order in the table
    sa.Column("employee", sa.Text),
    sa.Column("role", sa.Text),
    sa.Column("region", sa.Text),
    *_months(),
)

version_regions = sa.Table(
    "plan_version_regions",
    metadata,
    sa.Column("version_id", sa.ForeignKey("plan_versions.id"), primary_key=True),
    sa.Column("row_no", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("region", sa.Text),
    *_months(),
)

refreshes = sa.Table(
    "plan_refreshes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.Text, nullable=False),
    sa.Column("number", sa.Integer, nullable=False),  # 1, 2, … per plan: the order of refreshes
    sa.Column("refreshed_at", UtcDateTime, nullable=False),
    sa.Column("fingerprint", sa.Text, nullable=False),
    sa.UniqueConstraint("plan_id", "number"),
)

changes = sa.Table(
    "plan_changes",
    metadata,
    sa.Column(
        "refresh_id", sa.ForeignKey("plan_refreshes.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("row_key", sa.Text, nullable=False),
    sa.Column("column_name", sa.Text, nullable=False),
    sa.Column("old_type", sa.Text, nullable=False),
    sa.Column("old_text", sa.Text),
    sa.Column("new_type", sa.Text, nullable=False),
    sa.Column("new_text", sa.Text),
    sa.CheckConstraint("kind IN ('input', 'output')", name="kind"),
)

proposals = sa.Table(
    "plan_proposals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),  # the workbook it was collected from
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("what", sa.Text, nullable=False),
    sa.Column("current_type", sa.Text, nullable=False),
    sa.Column("current_text", sa.Text),
    sa.Column("proposed_type", sa.Text, nullable=False),
    sa.Column("proposed_text", sa.Text),
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("collected_at", UtcDateTime, nullable=False),
    sa.UniqueConstraint("plan_id", "source", "who", "what"),
)
