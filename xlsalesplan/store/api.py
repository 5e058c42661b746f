"""The plan store's public face: :func:`open_store` and the :class:`Store` it returns.

Every method runs in one transaction and either does all of its work or none; any database
failure comes out as :class:`~xlsalesplan.store.errors.StoreError`. A write that lost a race
to a concurrent writer (the same version or refresh number, the same proposal) is run again.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from xlsalesplan.store import history, team, versions
from xlsalesplan.store.engine import create_engine, migrate
from xlsalesplan.store.errors import StoreError, guard, mask_url
from xlsalesplan.store.history import Change, Refresh
from xlsalesplan.store.numbering import Conflict
from xlsalesplan.store.proposals import Collected, Proposal, load_proposals, merge_proposals
from xlsalesplan.store.values import check_text
from xlsalesplan.store.versions import Version, VersionInfo

__all__ = ["Store", "open_store"]

T = TypeVar("T")
ATTEMPTS = 50  # a writer gives up after this many lost races (each is a few milliseconds)


def open_store(url: str) -> Store:
    """Open the store at ``url`` (see :func:`~xlsalesplan.store.store_url`), creating it on
    first use and bringing its schema up to date.

    Raises
    ------
    StoreError
        The store is unreachable, refuses the login, is not a store, or is newer than this
        release: one line naming the store (password masked) and what to do.

    Examples
    --------
    >>> from xlsalesplan.store import open_store, store_url
    >>> with open_store(store_url("PLAN.xlsm")) as store:  # doctest: +SKIP
    ...     store.version(plan_id, "ООО Вектор")
    """
    shown = mask_url(url)
    engine: Engine | None = None
    try:
        with guard(shown):
            engine = create_engine(url)
            migrate(engine)
    except BaseException:
        if engine is not None:
            engine.dispose()
        raise
    return Store(engine, shown)


def _check_text(**values: Any) -> None:
    for name, value in values.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{name} must be non-blank text, not {value!r}")
        check_text(value, name)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Store:
    """An open plan store. Use it as a context manager, or call :meth:`close`.

    Examples
    --------
    >>> with open_store("sqlite:///PLAN.xlsalesplan.sqlite") as store:  # doctest: +SKIP
    ...     v = store.approve(plan, "ООО Вектор", "Иванов", fp, goals, regions)
    ...     v.number
    1
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url  # password masked: safe to show

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store's connections."""
        self.engine.dispose()

    # -- transactions ---------------------------------------------------------------------

    def _read(self, work: Callable[..., T], *args: Any) -> T:
        with guard(self.url), self.engine.begin() as connection:
            return work(connection, *args)

    def _write(self, work: Callable[..., T], *args: Any) -> T:
        for attempt in range(ATTEMPTS):
            try:
                with guard(self.url), self.engine.begin() as connection:
                    return work(connection, *args)
            except Conflict:
                # Another writer took the number: back off a little at random, then redo it all.
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))
        raise StoreError(self.url, "too many others were writing at the same time", "Try again")

    # -- approved versions ------------------------------------------------------------------

    def approve(
        self,
        plan_id: str,
        scope: str,
        by: str,
        inputs_fingerprint: str,
        goals: pd.DataFrame,
        regions: pd.DataFrame,
        note: str = "",
    ) -> Version:
        """Record the plan as approved: version n+1 of (``plan_id``, ``scope``), now (UTC).

        Parameters
        ----------
        plan_id
            The plan's identity (the UUID in its Settings).
        scope
            The company, or a region's name for a regional plan.
        by
            Who approves.
        inputs_fingerprint
            The fingerprint of the inputs the plan was computed from.
        goals
            Employee × month goals: columns employee, role, region, m01..m12 (others, such as
            total, are not stored).
        regions
            Region × month plans: columns region, m01..m12.
        note
            Free text kept with the version.

        Returns
        -------
        Version
            The new version, with its frames exactly as :meth:`version` will return them.

        Examples
        --------
        >>> store.approve(plan, "Москва", "Иванов", "3f2a…", goals, regions).number
        ... # doctest: +SKIP
        1
        """
        _check_text(plan_id=plan_id, scope=scope, by=by)
        fingerprint = check_text(str(inputs_fingerprint), "inputs_fingerprint")
        info = VersionInfo(
            plan_id, scope, 0, by, _now(), fingerprint, check_text(note or "", "note")
        )
        return self._write(versions.insert_version, info, goals, regions)

    def versions(self, plan_id: str, scope: str) -> list[VersionInfo]:
        """Every version of the plan and scope, oldest first, without their frames.

        Examples
        --------
        >>> [v.number for v in store.versions(plan, "Москва")]  # doctest: +SKIP
        [1, 2]
        """
        return self._read(versions.version_infos, plan_id, scope)

    def version(self, plan_id: str, scope: str, number: int | None = None) -> Version | None:
        """Version ``number`` of the plan and scope (the latest by default) with its goals and
        region plans; None if there is no such version (nothing approved yet).

        Examples
        --------
        >>> store.version(plan, "Москва").goals.columns[:4].tolist()  # doctest: +SKIP
        ['employee', 'role', 'region', 'm01']
        """
        return self._read(versions.load_version, plan_id, scope, number)

    # -- history ----------------------------------------------------------------------------

    def record_refresh(
        self,
        plan_id: str,
        when: dt.datetime,
        fingerprint: str,
        changes: Sequence[Change],
    ) -> Refresh:
        """Record what a refresh changed, as the plan's next refresh.

        ``when`` is taken as UTC if it has no time zone.

        Examples
        --------
        >>> store.record_refresh(plan, when, "3f2a…",
        ...     [Change("input", "employees", "Белов", "weight", 1.0, 1.2)]).number
        ... # doctest: +SKIP
        8
        """
        _check_text(plan_id=plan_id)
        if not all(isinstance(c, Change) for c in changes):
            raise TypeError("changes must be a list of Change")
        fingerprint = check_text(str(fingerprint), "fingerprint")
        return self._write(history.insert_refresh, plan_id, when, fingerprint, list(changes))

    def history(self, plan_id: str, last: int | None = None) -> list[Refresh]:
        """The plan's last ``last`` refreshes (all by default), newest first, with changes.

        Examples
        --------
        >>> [r.number for r in store.history(plan, last=3)]  # doctest: +SKIP
        [8, 7, 6]
        """
        if last is not None and last < 0:
            raise ValueError(f"last must be 0 or more, not {last}")
        return self._read(history.load_history, plan_id, last)

    def prune(self, plan_id: str, keep: int) -> int:
        """Keep only the plan's last ``keep`` refreshes; returns how many were deleted.

        Examples
        --------
        >>> store.prune(plan, keep=20)  # doctest: +SKIP
        3
        """
        if keep < 0:
            raise ValueError(f"keep must be 0 or more, not {keep}")
        return self._write(history.prune_history, plan_id, keep)

    # -- proposals --------------------------------------------------------------------------

    def add_proposals(self, plan_id: str, proposals: Sequence[Proposal]) -> Collected:
        """Add the proposals collected from the staff's workbooks; collecting a workbook again
        adds nothing (the same source, who and what update the proposal in place).

        Examples
        --------
        >>> store.add_proposals(plan, [Proposal("Белов", "Белов / m03", 1.25e6, 1e6,
        ...     "отпуск", "Белов.xlsx")])  # doctest: +SKIP
        Collected(added=1, updated=0, unchanged=0)
        """
        _check_text(plan_id=plan_id)
        if not all(isinstance(p, Proposal) for p in proposals):
            raise TypeError("proposals must be a list of Proposal")
        return self._write(merge_proposals, plan_id, list(proposals), _now())

    def proposals(self, plan_id: str) -> list[Proposal]:
        """The plan's proposals, in the order they were first collected.

        Examples
        --------
        >>> [p.who for p in store.proposals(plan)]  # doctest: +SKIP
        ['Белов']
        """
        return self._read(load_proposals, plan_id)

    # -- the team ---------------------------------------------------------------------------

    def publish(self, company_plan_id: str, region: str, version: Version) -> Version:
        """Publish a region's approved ``version`` (from any store) to the company plan here.

        The region's version becomes the company plan's next publication for ``region``
        (a version of (``company_plan_id``, ``region``) that records its source). Publishing
        the same version again returns the existing publication.

        Examples
        --------
        >>> with open_store(store_url("Москва.xlsm")) as mine:  # doctest: +SKIP
        ...     approved = mine.version(moscow_plan, "Москва")
        >>> with open_store(team_url) as team:  # doctest: +SKIP
        ...     team.publish(company_plan, "Москва", approved).number
        4
        """
        _check_text(company_plan_id=company_plan_id, region=region)
        return self._write(team.publish_version, company_plan_id, region, version, _now())

    def published(self, company_plan_id: str) -> list[VersionInfo]:
        """The latest publication of each region, by region name: what :meth:`consolidate`
        builds the company plan from.

        Examples
        --------
        >>> [(v.scope, v.source_number) for v in team.published(company)]  # doctest: +SKIP
        [('Казань', 2), ('Москва', 3)]
        """
        return [info for _, info in self._read(team.latest_published, company_plan_id)]

    def consolidate(self, company_plan_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The company plan from the latest published version of each region.

        Returns ``(goals, regions)`` with the columns :meth:`approve` takes: every region's
        rows unchanged, regions in name order, so each company total is exactly the sum of
        the regions'. Approving the result records the consolidated company plan.

        Examples
        --------
        >>> goals, regions = team.consolidate(company)  # doctest: +SKIP
        >>> team.approve(company, "ООО Вектор", "Петров", fp, goals, regions)  # doctest: +SKIP
        """
        return self._read(team.consolidated, company_plan_id)

    # -- for tests and maintenance ----------------------------------------------------------

    def tables(self) -> list[str]:
        """The names of the tables in the store (for checks and support)."""
        with guard(self.url):
            return sorted(sa.inspect(self.engine).get_table_names())
