"""Stores for the store's tests on both engines: SQLite files and a private PostgreSQL.

One PostgreSQL cluster serves the whole test session: ``initdb`` into a temporary folder owned
by ``postgres`` (PostgreSQL refuses to run as root), ``pg_ctl start`` on a free port of
127.0.0.1 with its own socket folder, stopped with ``-m immediate`` at the end; the system's own
cluster is never touched. Each test gets a fresh database in it (a few tens of milliseconds).

Import the fixtures into a test module (``from store_fixtures import store, store_url``); the
``store_url`` fixture is parametrized over ``sqlite`` and ``postgresql``. Where the PostgreSQL
server binaries are missing the ``postgresql`` cases are skipped with the reason, except on CI
(``CI`` set), where they must run and a missing PostgreSQL is an error.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from xlsalesplan.store import Store, open_store
from xlsalesplan.store.url import sqlite_url

ENGINES = ["sqlite", "postgresql"]
DEBIAN_PACKAGE = "postgresql"


class PostgresMissing(Exception):
    """The PostgreSQL server binaries (initdb, pg_ctl) are not installed."""


def find_bindir() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: Debian's newest, else the PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name), reverse=True
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise PostgresMissing(
        "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or "
        f"on PATH. Install them with:\n    sudo apt-get install -y {DEBIAN_PACKAGE}"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    """A private PostgreSQL cluster in a temporary folder, on 127.0.0.1 only.

    ``durable=False`` (tests) turns fsync off: the cluster is thrown away at the end anyway.

    Examples
    --------
    >>> with PostgresCluster() as pg:  # doctest: +SKIP
    ...     url = pg.new_database()
    """

    def __init__(self, *, durable: bool = False) -> None:
        self.bindir = find_bindir()
        self.durable = durable
        self.folder: Path | None = None
        self.port = 0

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as postgres
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresMissing("running as root and there is no user postgres") from None
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> PostgresCluster:
        self.folder = Path(tempfile.mkdtemp(prefix="xlsalesplan-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")  # fmt: skip
        options = f"-k {self.folder} -c listen_addresses=127.0.0.1"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        for attempt in range(3):  # the free port may be taken between finding and binding it
            self.port = free_port()
            try:
                self._run("pg_ctl", "-D", str(data), "-l", str(self.folder / "log"), "-w",
                          "-o", f"-p {self.port} {options}", "start")  # fmt: skip
                break
            except RuntimeError:
                if attempt == 2:
                    log = (self.folder / "log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"PostgreSQL did not start:\n{log}") from None
        return self

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "t", owner: str = "postgres") -> str:
        """Create an empty database owned by ``owner`` and return its URL (as postgres)."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}" OWNER "{owner}" TEMPLATE template0')
        return self.url(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


# One cluster per session even when several test modules import the fixture (each import makes
# its own fixture definition): the first start is remembered, the failure too.
_shared: PostgresCluster | Exception | None = None


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """The session's PostgreSQL cluster; skipped where PostgreSQL is missing (not on CI)."""
    global _shared
    if _shared is None:
        try:
            _shared = PostgresCluster().start()
        except PostgresMissing as exc:
            _shared = exc
    if isinstance(_shared, Exception):
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the PostgreSQL tests must run: {_shared}")
        pytest.skip(str(_shared))
    yield _shared
    _shared.stop()


@pytest.fixture(params=ENGINES)
def store_url(request, tmp_path) -> str:
    """The URL of a new, empty store: an SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "PLAN.xlsalesplan.sqlite")
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    """An open store on each engine, closed after the test."""
    with open_store(store_url) as opened:
        yield opened


def require_password(cluster: PostgresCluster, user: str, password: str) -> None:
    """Make ``user`` a login that needs ``password`` (the rest of the cluster stays on trust)."""
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=cluster.port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f"CREATE ROLE {user} LOGIN PASSWORD '{password}'")
    assert cluster.folder is not None
    hba = cluster.folder / "data" / "pg_hba.conf"
    hba.write_text(f"host all {user} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    cluster._run("pg_ctl", "-D", str(cluster.folder / "data"), "reload")


MONTHS = [f"m{i:02d}" for i in range(1, 13)]


def goals_frame(rows: list[tuple[str, str | None, str | None, list[float | None]]]):
    """Employee goals as the plan gives them: (employee, role, region, 12 months) per row."""
    import pandas as pd

    return pd.DataFrame(
        [[name, role, region, *months] for name, role, region, months in rows],
        columns=["employee", "role", "region", *MONTHS],
    ).astype({m: "float64" for m in MONTHS})


def regions_frame(rows: list[tuple[str, list[float | None]]]):
    """Region month plans: (region, 12 months) per row."""
    import pandas as pd

    return pd.DataFrame(
        [[region, *months] for region, months in rows], columns=["region", *MONTHS]
    ).astype({m: "float64" for m in MONTHS})


def new_plan_id() -> str:
    return str(uuid.uuid4())
