"""Where a plan's store lives: an explicit URL, the environment, or an SQLite file beside it.

Precedence: the URL given (the workbook's Settings) > ``XLSALESPLAN_STORE_URL`` > the default
file ``PLAN.xlsalesplan.sqlite`` in the plan's folder (for ``PLAN.xlsm``). A value without
``://`` is the path of an SQLite file; a relative one is taken from the plan's folder, so a
Settings cell can say ``..\\shared\\sales.sqlite``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "STORE_SUFFIX", "default_store_path", "sqlite_url", "store_url"]

ENV_VAR = "XLSALESPLAN_STORE_URL"
STORE_SUFFIX = ".xlsalesplan.sqlite"


def default_store_path(plan_path: str | os.PathLike[str]) -> Path:
    """The SQLite file beside the plan: ``PLAN.xlsm`` → ``PLAN.xlsalesplan.sqlite``.

    Examples
    --------
    >>> default_store_path("/plans/Sales 2026.xlsm").name
    'Sales 2026.xlsalesplan.sqlite'
    """
    plan = Path(plan_path)
    return plan.with_name(plan.stem + STORE_SUFFIX)


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The SQLAlchemy URL of an SQLite file, absolute, safe for spaces, Cyrillic and ``?``/``#``.

    Examples
    --------
    >>> sqlite_url("/plans/План 2026.sqlite")
    'sqlite:////plans/План 2026.sqlite'
    """
    absolute = str(Path(path).expanduser().resolve())
    # SQLAlchemy unquotes the database part: escape only what it would misread, keep the rest
    # readable (Cyrillic folder names stay Cyrillic in messages).
    escaped = "".join(f"%{ord(c):02X}" if c in "%?#" else c for c in absolute)
    return f"sqlite:///{escaped}"


def store_url(plan_path: str | os.PathLike[str], settings_url: str | None = None) -> str:
    """The URL of the plan's store: ``settings_url``, else the environment, else beside the plan.

    Parameters
    ----------
    plan_path
        The plan workbook; the default store is created next to it on first use.
    settings_url
        The store URL from the plan's Settings, if any (blank means none), e.g.
        ``postgresql+psycopg://anna:secret@127.0.0.1:5432/plans`` for a team store.

    Returns
    -------
    str
        A SQLAlchemy URL for :func:`~xlsalesplan.store.open_store`.

    Examples
    --------
    >>> store_url("/plans/PLAN.xlsm", "postgresql+psycopg://anna@db/plans")
    'postgresql+psycopg://anna@db/plans'
    >>> store_url("/plans/PLAN.xlsm", "team.sqlite")  # a file, beside the plan
    'sqlite:////plans/team.sqlite'
    """
    for given in (settings_url, os.environ.get(ENV_VAR)):
        value = (given or "").strip()
        if "://" in value:
            return value
        if value:  # a file path: relative to the plan's folder, not to wherever Python runs
            return sqlite_url(Path(plan_path).resolve().parent / Path(value).expanduser())
    return sqlite_url(default_store_path(Path(plan_path).resolve()))
