"""One exception for every way a plan store can fail, with a one-line message.

A planner who presses Approve against a team store that is down must read what is wrong and
what to do, not a SQLAlchemy traceback. Every database error is therefore translated here into
:class:`StoreError`, whose message names the store (its URL with the password masked), the
reason in plain words and the remedy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

__all__ = ["StoreError", "guard", "mask_url"]


class StoreError(Exception):
    """The plan store cannot be used: unreachable, refused, unreadable or from a newer release.

    ``str(error)`` is one line: ``Plan store <url>: <reason>. <what to do>.``

    Examples
    --------
    >>> from xlsalesplan.store import open_store
    >>> open_store("postgresql+psycopg://u:secret@127.0.0.1:1/plans")  # doctest: +SKIP
    Traceback (most recent call last):
    StoreError: Plan store postgresql+psycopg://u:***@127.0.0.1:1/plans: the server cannot be
    reached. Check that the PostgreSQL server is running and the host and port in the URL
    """

    def __init__(self, url: str, reason: str, remedy: str = "") -> None:
        self.url, self.reason, self.remedy = url, reason, remedy
        message = f"Plan store {url}: {reason}" + (f". {remedy}" if remedy else "")
        super().__init__(" ".join(message.split()))  # one line, whatever the driver said


def mask_url(url: object) -> str:
    """The URL as text with its password replaced by ``***``; works on unparsable text too.

    Examples
    --------
    >>> mask_url("postgresql+psycopg://anna:s3cret@db.local:5432/plans")
    'postgresql+psycopg://anna:***@db.local:5432/plans'
    """
    try:
        return make_url(url).render_as_string(hide_password=True)  # type: ignore[arg-type]
    except Exception:  # not a URL SQLAlchemy can parse: mask whatever looks like user:password@
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", str(url))


_URL_HELP = (
    "Give a URL such as sqlite:///PATH/plan.sqlite or "
    "postgresql+psycopg://USER:PASSWORD@HOST:5432/DATABASE (Settings or XLSALESPLAN_STORE_URL)"
)

# (pattern in the driver's message, reason, remedy): the first match wins.
_KNOWN: list[tuple[str, str, str]] = [
    (
        r"password authentication failed|no password supplied",
        "the server refused the user name or password",
        "Check the user and password in the store URL",
    ),
    (
        r"database \S+ does not exist",
        "the database does not exist on the server",
        "Create it (createdb NAME) or correct the database name in the URL",
    ),
    (
        r"role \S+ does not exist",
        "the server has no such user",
        "Check the user name in the store URL",
    ),
    (
        r"connection refused|could not connect|server closed the connection|"
        r"connection to server .* failed|timeout expired|no route to host|"
        r"name or service not known|could not translate host name",
        "the server cannot be reached",
        "Check that the PostgreSQL server is running and the host and port in the URL",
    ),
    (
        r"unable to open database file",
        "the database file cannot be opened",
        "Check that its folder exists and is writable",
    ),
    (
        r"file is not a database|file is encrypted|database disk image is malformed",
        "the file is not a plan store (not an SQLite database, or damaged)",
        "Move the file away or give another store URL",
    ),
    (
        r"database is locked",
        "another program keeps the store locked",
        "Try again in a moment; close other programs using the store",
    ),
    (
        r"readonly database|read-only",
        "the store is read-only",
        "Make the file and its folder writable",
    ),
    (
        r"permission denied",
        "the user may not use the store's tables",
        "Ask the database administrator to grant access to the store's tables",
    ),
]


def explain(url: str, error: BaseException) -> StoreError:
    """The :class:`StoreError` saying in plain words what ``error`` means for the store ``url``."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, sa_exc.NoSuchModuleError):
        return StoreError(url, "unknown kind of database in the URL", _URL_HELP)
    if isinstance(error, sa_exc.ArgumentError):
        return StoreError(url, "the URL cannot be read", _URL_HELP)
    if isinstance(error, ModuleNotFoundError | ImportError):
        module = getattr(error, "name", None) or "the database driver"
        package = "psycopg[binary]" if "psycopg" in module else module
        return StoreError(
            url, f"the driver {module} is not installed", f"Install it: pip install '{package}'"
        )
    text = str(getattr(error, "orig", None) or error)
    for pattern, reason, remedy in _KNOWN:
        if re.search(pattern, text, re.IGNORECASE):
            return StoreError(url, reason, remedy)
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return StoreError(url, first)


@contextmanager
def guard(url: str) -> Iterator[None]:
    """Turn any database or driver error raised inside the block into a :class:`StoreError`.

    The original error is dropped from the traceback (``from None``) so that a planner sees the
    one line; it stays available as ``error.__context__`` for a debugger.

    Examples
    --------
    >>> with guard("sqlite:///nowhere/x.sqlite"):  # doctest: +SKIP
    ...     engine.connect()
    """
    try:
        yield
    except StoreError:
        raise
    except (sa_exc.SQLAlchemyError, ImportError, OSError) as error:
        raise explain(url, error) from None
