"""The schema is Alembic's: revision 1 upgrades an empty database and downgrades it back, on
both engines, and the migrated schema is exactly the models (``compare_metadata``)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from store_fixtures import goals_frame, new_plan_id, postgres, regions_frame, store_url

from xlsalesplan.store import open_store
from xlsalesplan.store.engine import MIGRATIONS, alembic_config, create_engine, migrate
from xlsalesplan.store.schema import REVISION_TABLE, metadata

__all__ = ["postgres", "store_url"]  # the fixtures, imported for pytest

TABLES = sorted(t.name for t in metadata.sorted_tables)


def _tables(engine: sa.Engine) -> list[str]:
    return sorted(sa.inspect(engine).get_table_names())


def _revision(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(
            connection, opts={"version_table": REVISION_TABLE}
        ).get_current_revision()


def _differences(engine: sa.Engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "version_table": REVISION_TABLE}
        )
        return compare_metadata(context, metadata)


def test_revision_one_is_the_only_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == ["0001"]
    assert script.get_revision("0001").down_revision is None


def test_upgrade_to_head_and_downgrade_to_base(store_url):
    engine = create_engine(store_url)
    try:
        assert _tables(engine) == []
        migrate(engine)
        assert _revision(engine) == "0001"
        assert _tables(engine) == sorted([*TABLES, REVISION_TABLE])
        assert _differences(engine) == []  # the models and the migrated schema agree
        migrate(engine, "base", down=True)
        assert _revision(engine) is None
        assert _tables(engine) == [REVISION_TABLE]  # Alembic keeps its own, empty, table
        migrate(engine)  # and the way up works again
        assert _differences(engine) == []
    finally:
        engine.dispose()


def test_downgrade_works_with_approved_versions_in_the_store(store_url):
    goals = goals_frame([("Белов", "closer", "Москва", [1.0] * 12)])
    regions = regions_frame([("Москва", [1.0] * 12)])
    with open_store(store_url) as store:
        store.approve(new_plan_id(), "Москва", "head", "fp", goals, regions)
        migrate(store.engine, "base", down=True)
        assert _tables(store.engine) == [REVISION_TABLE]


def test_opening_an_up_to_date_store_changes_nothing(store_url):
    open_store(store_url).close()
    with open_store(store_url) as store:
        assert _revision(store.engine) == "0001"
        assert _differences(store.engine) == []


def test_the_migrations_do_not_import_the_models():
    """A revision is frozen: importing today's models would silently change yesterday's step."""
    for script in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        assert "xlsalesplan" not in script.read_text(), script.name


@pytest.mark.parametrize("name", ["env.py", "script.py.mako", "versions/0001_initial.py"])
def test_the_migration_files_are_in_the_package(name):
    assert (MIGRATIONS / name).is_file()
