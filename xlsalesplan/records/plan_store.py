"""The plan's store, opened for a command: where it is, and where there is none.

The store is the URL in the plan's Settings, else ``XLSALESPLAN_STORE_URL``, else
``PLAN.xlsalesplan.sqlite`` beside the workbook (:func:`xlsalesplan.store.store_url`). It is
opened before anything is written, so that a store that cannot be reached stops the command
with one line and the workbook as it was. SQLAlchemy is imported only here, when a store is
opened: reading a plan and an up-to-date refresh never load it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.recordbook import plan_location, setting_text
from xlsalesplan.plan.schema import pick

if TYPE_CHECKING:
    from xlsalesplan.store import Store

__all__ = ["ENV_VAR", "NoStore", "open_plan_store", "say"]

TEXTS = {
    "unsaved": (
        "книга ещё не сохранена: сохраните её, чтобы рядом с ней было хранилище плана, "
        "или укажите хранилище в настройках",
        "the workbook is not saved yet: save it so that its plan store can go beside it, or "
        "give a store URL in Settings",
    ),
    "no_store": (
        "хранилище плана здесь недоступно ({why})",
        "the plan store is not available here ({why})",
    ),
    "not_recorded": (
        "история не записана: {why}",
        "history not recorded: {why}",
    ),
}


def say(lang: str, key: str, **values: Any) -> str:
    """A message of this module in the workbook's language."""
    return pick(lang, TEXTS[key]).format(**values)


class NoStore(WorkbookError):
    """There is no plan store to use here: an unsaved workbook without a store URL, or a
    Python without the store's libraries (xlwings Lite)."""


ENV_VAR = "XLSALESPLAN_STORE_URL"  # as xlsalesplan.store.ENV_VAR, without importing the store


def open_plan_store(door: Door, path: object, settings: dict[str, Any], lang: str) -> Store:
    """The plan's store, opened (created on first use).

    Raises
    ------
    StoreError
        It cannot be reached or used (one line, password masked).
    NoStore
        An unsaved workbook with no store URL (there is nowhere to put the default store), or
        no store libraries in this Python.
    """
    given = setting_text(settings, "store_url")
    location = plan_location(door)
    if location is None and "://" not in given and "://" not in os.environ.get(ENV_VAR, ""):
        raise NoStore(path, say(lang, "unsaved"))
    try:
        from xlsalesplan.store import open_store, store_url
    except ImportError as missing:
        raise NoStore(path, say(lang, "no_store", why=missing)) from None
    return open_store(store_url(location or Path.cwd() / "plan.xlsx", given or None))
