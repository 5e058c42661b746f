"""Connecting to a store and bringing its schema to this release's revision with Alembic.

SQLite: every transaction starts with ``BEGIN IMMEDIATE``, so writers queue on the file lock
(waiting up to :data:`SQLITE_WAIT` seconds) instead of failing halfway when two processes
write at once; foreign keys are switched on. PostgreSQL: migrations take an advisory lock, so
two planners opening a new team store at once do not both create the tables.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy.engine import Engine, make_url

from xlsalesplan.store.errors import StoreError, mask_url

__all__ = ["MIGRATIONS", "alembic_config", "create_engine", "migrate"]

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_WAIT = 60.0  # seconds a writer waits for another one to finish with the file
PG_CONNECT_TIMEOUT = 10  # seconds; an unreachable server fails in this time, not in minutes
MIGRATION_LOCK = 0x786C_7370  # advisory lock key for migrations ("xlsp")


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """Alembic's configuration built in code: no ``alembic.ini`` is needed by users.

    Examples
    --------
    >>> alembic_config().get_main_option("script_location").endswith("migrations")
    True
    """
    config = Config()
    # Config is a ConfigParser: a % in the path would read as interpolation.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with the store's connection settings (see the module's notes).

    A plain ``postgresql://`` URL uses psycopg 3, the driver installed with xlsalesplan
    (SQLAlchemy's default would be psycopg2).

    Examples
    --------
    >>> create_engine("sqlite:///:memory:").dialect.name
    'sqlite'
    """
    parsed = make_url(url)
    if parsed.drivername == "postgresql":  # no driver named: the one xlsalesplan installs
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(parsed, connect_args={"timeout": SQLITE_WAIT})

        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN, not the driver
            dbapi_connection.execute("PRAGMA foreign_keys = ON")

        @sa.event.listens_for(engine, "begin")
        def _begin(connection: sa.Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    connect_args = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT, "application_name": "xlsalesplan"}
    # pre-ping: a workbook stays open for hours; a restarted server must not break Approve.
    return sa.create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)


def migrate(engine: Engine, revision: str = "head", *, down: bool = False) -> None:
    """Upgrade the store's schema to ``revision`` (or, with ``down``, downgrade to it).

    Raises :class:`StoreError` when the store carries a revision this release does not know:
    it was written by a newer xlsalesplan.

    Examples
    --------
    >>> engine = create_engine("sqlite:///:memory:")
    >>> migrate(engine); migrate(engine, "base", down=True)
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
            )
        config = alembic_config(connection)
        try:
            (command.downgrade if down else command.upgrade)(config, revision)
        except CommandError as error:
            if "Can't locate revision" in str(error):
                raise StoreError(
                    mask_url(engine.url),
                    "the store was written by a newer xlsalesplan",
                    "Upgrade xlsalesplan: pip install -U xlsalesplan",
                ) from None
            raise
