"""The plan store: approved versions, refresh history, proposals and the team's publications.

An embedded SQLite file beside the plan by default (``PLAN.xlsalesplan.sqlite`` for
``PLAN.xlsm``), PostgreSQL for a team (the URL in the plan's Settings or in
``XLSALESPLAN_STORE_URL``), through SQLAlchemy, its schema migrated by Alembic on open.
It takes and gives plain data (DataFrames, dataclasses); the workbook code and the command
line call it.

Examples
--------
>>> from xlsalesplan.store import open_store, store_url
>>> with open_store(store_url("PLAN.xlsm")) as store:  # doctest: +SKIP
...     version = store.approve(plan_id, "ООО Вектор", "Иванов", fingerprint, goals, regions)
"""

from xlsalesplan.store.api import Store, open_store
from xlsalesplan.store.errors import StoreError, mask_url
from xlsalesplan.store.history import Change, Refresh
from xlsalesplan.store.proposals import Collected, Proposal
from xlsalesplan.store.url import ENV_VAR, STORE_SUFFIX, default_store_path, store_url
from xlsalesplan.store.versions import Version, VersionInfo

__all__ = [
    "ENV_VAR",
    "STORE_SUFFIX",
    "Change",
    "Collected",
    "Proposal",
    "Refresh",
    "Store",
    "StoreError",
    "Version",
    "VersionInfo",
    "default_store_path",
    "mask_url",
    "open_store",
    "store_url",
]
