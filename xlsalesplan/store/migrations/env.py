"""Alembic environment of the plan store.

At run time :func:`xlsalesplan.store.engine.migrate` passes an open connection (already in a
transaction) in ``config.attributes["connection"]``. A developer making a new revision can also
run Alembic's command line with ``-x url=sqlite:///scratch.sqlite``, for example::

    alembic -c /dev/null -x url=sqlite:///s.sqlite revision --autogenerate -m "…"

(with ``script_location`` pointing here; see the package README section on the store).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from xlsalesplan.store.schema import REVISION_TABLE, metadata

config = context.config


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=REVISION_TABLE,
        render_as_batch=True,  # SQLite alters tables by copying them; Alembic's batch mode does it
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).begin() as own:
        run(own)
