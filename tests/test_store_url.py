"""Where the store lives (explicit URL > environment > beside the plan), and what a planner
reads when it cannot be used: one line naming the store, password masked, and what to do."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from store_fixtures import postgres, require_password

from xlsalesplan.store import ENV_VAR, StoreError, mask_url, open_store, store_url

__all__ = ["postgres"]  # the fixtures, imported for pytest


@pytest.fixture(autouse=True)
def no_env_url(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_default_store_is_an_sqlite_file_beside_the_plan(tmp_path):
    plan = tmp_path / "План продаж 2026.xlsm"
    url = store_url(plan)
    assert url.startswith("sqlite:///")
    assert make_url(url).database == str(tmp_path / "План продаж 2026.xlsalesplan.sqlite")


def test_precedence_explicit_then_environment_then_default(tmp_path, monkeypatch):
    plan = tmp_path / "PLAN.xlsm"
    team, env = "postgresql+psycopg://anna@127.0.0.1/plans", "postgresql+psycopg://env@127.0.0.1/x"
    monkeypatch.setenv(ENV_VAR, env)
    assert store_url(plan, team) == team
    assert store_url(plan) == env
    assert store_url(plan, "  ") == env  # a blank Settings cell is no URL
    monkeypatch.delenv(ENV_VAR)
    assert make_url(store_url(plan)).database == str(tmp_path / "PLAN.xlsalesplan.sqlite")


def test_a_path_is_an_sqlite_file_relative_to_the_plan(tmp_path):
    url = store_url(tmp_path / "sub" / "PLAN.xlsm", "../shared/team.sqlite")
    assert make_url(url).database == str(tmp_path / "shared" / "team.sqlite")


@pytest.mark.parametrize("name", ["a?b#c.xlsm", "100% план.xlsm", "with space.xlsm"])
def test_awkward_file_names_survive_the_url(tmp_path, name):
    url = store_url(tmp_path / name)
    with open_store(url) as store:
        assert "plan_versions" in store.tables()
    assert (tmp_path / (name.removesuffix(".xlsm") + ".xlsalesplan.sqlite")).exists()


def test_mask_url_hides_the_password_even_in_unparsable_urls():
    assert mask_url("postgresql+psycopg://anna:s3cret@db:5432/plans") == (
        "postgresql+psycopg://anna:***@db:5432/plans"
    )
    assert "s3cret" not in mask_url("no such thing://anna:s3cret@db/plans")


def _refused(url: str) -> StoreError:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    error = caught.value
    text = str(error)
    assert "\n" not in text and text.startswith("Plan store ")
    assert "secret" not in text
    # Nothing of the driver's traceback is shown: the error does not chain to it.
    assert error.__cause__ is None and error.__suppress_context__
    return error


def test_unknown_kind_of_database():
    error = _refused("oracle+nothing://u:secret@127.0.0.1/x")
    assert "unknown kind of database" in error.reason and "postgresql+psycopg://" in error.remedy


def test_unreadable_url():
    assert "cannot be read" in _refused("not a url at all").reason


def test_missing_driver_names_the_package_to_install():
    if importlib.util.find_spec("psycopg2") is not None:
        pytest.skip("psycopg2 is installed here")
    error = _refused("postgresql+psycopg2://u:secret@127.0.0.1/x")
    assert "psycopg2" in error.reason and "pip install" in error.remedy


def test_sqlite_in_a_folder_that_does_not_exist(tmp_path):
    error = _refused(f"sqlite:///{tmp_path}/missing/folder/x.sqlite")
    assert "cannot be opened" in error.reason and "folder" in error.remedy


def test_a_file_that_is_not_a_store(tmp_path):
    path = tmp_path / "PLAN.xlsalesplan.sqlite"
    path.write_bytes(b"PK\x03\x04 this is a workbook, not a database" * 100)
    assert "not a plan store" in _refused(f"sqlite:///{path}").reason


def test_a_store_from_a_newer_release(tmp_path):
    url = f"sqlite:///{tmp_path}/x.sqlite"
    open_store(url).close()
    with sqlite3.connect(tmp_path / "x.sqlite") as db:
        db.execute("UPDATE plan_store_revision SET version_num = '9999'")
    error = _refused(url)
    assert "newer xlsalesplan" in error.reason and "Upgrade" in error.remedy


def test_postgresql_server_down():
    # Port 1 on loopback: nothing listens there.
    error = _refused("postgresql+psycopg://anna:secret@127.0.0.1:1/plans")
    assert "cannot be reached" in error.reason
    assert "anna:***@127.0.0.1:1/plans" in error.url


def test_postgresql_wrong_password(postgres):
    require_password(postgres, "anna", "right")
    url = postgres.new_database(owner="anna").replace("postgres@", "anna:secret@")
    error = _refused(url)
    assert "user name or password" in error.reason
    with open_store(url.replace(":secret@", ":right@")) as store:  # the right one works
        assert store.versions("p", "s") == []


def test_a_plain_postgresql_url_uses_the_installed_driver(postgres):
    url = postgres.new_database().replace("postgresql+psycopg://", "postgresql://")
    with open_store(url) as store:
        assert store.engine.dialect.driver == "psycopg"


def test_postgresql_database_that_does_not_exist(postgres):
    error = _refused(postgres.url("no_such_database").replace("postgres@", "postgres:secret@"))
    assert "does not exist" in error.reason and "createdb" in error.remedy


def test_errors_after_opening_are_store_errors_too(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/x.sqlite")
    with store.engine.begin() as connection:  # somebody wrecks the store behind our back
        connection.execute(sa.text("DROP TRIGGER plan_versions_no_update"))
        connection.execute(sa.text("ALTER TABLE plan_versions RENAME TO gone"))
    with pytest.raises(StoreError, match="no such table"):
        store.versions("p", "s")
    store.close()


def test_uncaught_the_planner_sees_one_line_without_a_driver_traceback():
    script = (
        "from xlsalesplan.store import open_store\n"
        "open_store('postgresql+psycopg://anna:secret@127.0.0.1:1/plans')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1
    assert "sqlalchemy" not in done.stderr.lower() and "psycopg." not in done.stderr
    assert "During handling" not in done.stderr and "secret" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("xlsalesplan.store.errors.StoreError: Plan store postgresql+psycopg://")


def test_the_store_stays_below_the_workbook_layers():
    script = (
        "import sys, xlsalesplan.store\n"
        "print(sorted(m for m in sys.modules if m.split('.')[:2] in "
        "(['xlsalesplan', 'io'], ['xlsalesplan', 'cli'], ['xlsalesplan', 'udfs'], "
        "['xlsalesplan', 'macros'])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
