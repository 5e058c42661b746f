"""Alembic environment of the plan store.

At run time :func:`xlsalesplan.store.engine.migrate` passes an open connection (already in a
transaction) in ``config.attributes["connection"]``. A developer changing the models makes the
next revision against a scratch store at head, with the configuration built in code::

    from alembic import command
    from xlsalesplan.store.engine import alembic_config, create_engine, migrate

    migrate(create_engine("sqlite:///scratch.sqlite"))
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", "sqlite:///scratch.sqlite")
    command.check(config)  # "No new upgrade operations detected." while models = migrations
    command.revision(config, "what changed", autogenerate=True, rev_id="0002")

then edits the new file so it does not import the models (a revision is frozen).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from xlsalesplan.store.schema import REVISION_TABLE, metadata


def run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=REVISION_TABLE,
        render_as_batch=True,  # SQLite alters tables by copying them; Alembic's batch mode does it
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
    else:  # a developer's command with sqlalchemy.url set (see above)
        with sa.create_engine(config.get_main_option("sqlalchemy.url")).begin() as own:
            run(own)


# Alembic runs this file inside its environment; anything else importing it (the doc tests
# collect every module of the package) finds no environment and must not fail.
if getattr(context, "config", None) is not None:
    main()
