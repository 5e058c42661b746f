"""The initial schema: approved versions with their goals and region plans, refresh history,
proposals; versions are frozen by triggers on both engines.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Frozen: this file must not import the package's models (they move on; a revision does not).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FROZEN = ("plan_versions", "plan_version_goals", "plan_version_regions")
MESSAGE = "approved versions are never changed: approve again to make a new version"


def _months() -> list[sa.Column]:
    return [sa.Column(f"m{i:02d}", sa.Double(), nullable=True) for i in range(1, 13)]


def _freeze() -> None:
    """Refuse UPDATE and DELETE of an approved version in the database itself."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION plan_version_frozen() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
        )
        for table in FROZEN:
            op.execute(
                f"CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION plan_version_frozen()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_not_truncated BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION plan_version_frozen()"
            )
    else:  # SQLite
        for table in FROZEN:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                )


def _unfreeze() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION plan_version_frozen() CASCADE")  # and its triggers
    else:
        for table in FROZEN:
            for event in ("update", "delete"):
                op.execute(f"DROP TRIGGER {table}_no_{event}")


def upgrade() -> None:
    op.create_table(
        "plan_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("current_type", sa.Text(), nullable=False),
        sa.Column("current_text", sa.Text(), nullable=True),
        sa.Column("proposed_type", sa.Text(), nullable=False),
        sa.Column("proposed_text", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_proposals")),
        sa.UniqueConstraint(
            "plan_id",
            "source",
            "who",
            "what",
            name=op.f("uq_plan_proposals_plan_id_source_who_what"),
        ),
    )
    op.create_table(
        "plan_refreshes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_refreshes")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_plan_refreshes_plan_id_number")),
    )
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.Text(), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source_plan_id", sa.Text(), nullable=True),
        sa.Column("source_number", sa.Integer(), nullable=True),
        sa.CheckConstraint("number >= 1", name=op.f("ck_plan_versions_number_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.UniqueConstraint(
            "plan_id", "scope", "number", name=op.f("uq_plan_versions_plan_id_scope_number")
        ),
    )
    op.create_table(
        "plan_changes",
        sa.Column("refresh_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("column_name", sa.Text(), nullable=False),
        sa.Column("old_type", sa.Text(), nullable=False),
        sa.Column("old_text", sa.Text(), nullable=True),
        sa.Column("new_type", sa.Text(), nullable=False),
        sa.Column("new_text", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('input', 'output')", name=op.f("ck_plan_changes_kind")),
        sa.ForeignKeyConstraint(
            ["refresh_id"],
            ["plan_refreshes.id"],
            name=op.f("fk_plan_changes_refresh_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("refresh_id", "seq", name=op.f("pk_plan_changes")),
    )
    op.create_table(
        "plan_version_goals",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("employee", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        *_months(),
        sa.ForeignKeyConstraint(
            ["version_id"], ["plan_versions.id"], name=op.f("fk_plan_version_goals_version_id")
        ),
        sa.PrimaryKeyConstraint("version_id", "row_no", name=op.f("pk_plan_version_goals")),
    )
    op.create_table(
        "plan_version_regions",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("region", sa.Text(), nullable=True),
        *_months(),
        sa.ForeignKeyConstraint(
            ["version_id"], ["plan_versions.id"], name=op.f("fk_plan_version_regions_version_id")
        ),
        sa.PrimaryKeyConstraint("version_id", "row_no", name=op.f("pk_plan_version_regions")),
    )
    _freeze()


def downgrade() -> None:
    _unfreeze()
    op.drop_table("plan_version_regions")
    op.drop_table("plan_version_goals")
    op.drop_table("plan_changes")
    op.drop_table("plan_versions")
    op.drop_table("plan_refreshes")
    op.drop_table("plan_proposals")
