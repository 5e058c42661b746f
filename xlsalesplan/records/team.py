"""Approval, the regions' publications and the head office's consolidation, through any door.

The same functions serve the command line (a file on disk, :func:`approve_file`, …) and the
ribbon (a workbook open in Excel, :mod:`xlsalesplan.macros`). Each opens the plan's store
before it writes anything into the workbook, so a store that cannot be reached stops it with
one line and the workbook as it was.

approve
    Refreshes the plan (so that what is approved is what the workbook shows, and the history
    records it), then records it in the store as the next approved version of the plan — of its
    region, for a regional plan: who, when, the inputs' fingerprint, the employee × month goals
    and the region × month plans — and rewrites the Versions table. An approved version is
    never changed: approving again makes the next one.
publish
    A regional plan (Settings: its region and the company plan's ID) copies its latest approved
    version into the company plan in the team store (``--to URL``, else the plan's own store).
    The workbook is not changed.
consolidate
    The company plan (its store: the team's) collects the latest publication of each region:
    the Consolidation table gets each region's month plan — the regions' rows exactly, so its
    totals are the sums of the regions' — and the Published table each region's version, who
    approved it and when, its year beside the company's own plan for it and the difference.

Examples
--------
>>> approve_file("Moscow.xlsm", by="Иванов")                  # doctest: +SKIP
>>> publish_file("Moscow.xlsm")                                # doctest: +SKIP
>>> consolidate_file("Company.xlsm")                           # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from xlsalesplan.io.doors.atomic import workbook_lock
from xlsalesplan.io.doors.door import Door
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.layout import TABLE_OF_MODEL
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.planio import fingerprint, raise_problems, read_inputs
from xlsalesplan.io.recordbook import (
    COMPANY,
    ensure_plan_id,
    history_keep,
    region_plans,
    scope_of,
    setting_text,
    versions_frame,
    write_record,
)
from xlsalesplan.io.refresh import Refreshed, refresh
from xlsalesplan.plan import labels
from xlsalesplan.plan.compute import PlanInputError, compute
from xlsalesplan.plan.model import MONTHS, PlanInputs
from xlsalesplan.plan.schema import pick
from xlsalesplan.records.history import load_state, recorder, save_state, state
from xlsalesplan.records.plan_store import open_plan_store

if TYPE_CHECKING:
    from xlsalesplan.store import Store, Version, VersionInfo

__all__ = [
    "Approved",
    "Consolidated",
    "Published",
    "approve",
    "approve_file",
    "consolidate",
    "consolidate_file",
    "publish",
    "publish_file",
    "region_plans",
    "show_history",
    "show_history_file",
]

TEXTS = {
    "not_regional": (
        "это план компании: для публикации укажите в настройках «Регион плана» и "
        "«Идентификатор плана компании»",
        "this is the company's plan: to publish a region's plan, fill in 'Region of this plan' "
        "and 'Company plan ID' in Settings",
    ),
    "no_company": (
        "в настройках не указан «Идентификатор плана компании», в который публикуется регион",
        "Settings give no 'Company plan ID' to publish the region's plan to",
    ),
    "not_approved": (
        "план региона «{region}» ещё не утверждён: сначала утвердите его (approve)",
        "the plan of the region '{region}' is not approved yet: approve it first",
    ),
    "other_regions": (
        "утверждённая версия {number} содержит не только регион «{region}» ({others}); в плане "
        "региона — только его сотрудники и цели",
        "approved version {number} holds more than the region '{region}' ({others}); a "
        "region's plan holds only its own employees and targets",
    ),
    "no_by": ("укажите, кто утверждает план", "say who approves the plan"),
}


def _say(lang: str, key: str, **values: Any) -> str:
    return pick(lang, TEXTS[key]).format(**values)


def _checked(door: Door, path: object) -> tuple[PlanInputs, Any]:
    """The inputs as read (with their cells), refusing a workbook whose tables are unreadable."""
    inputs, located = read_inputs(door)
    raise_problems(path, located, [])
    return inputs, located


# ----------------------------------------------------------------------------- approve


@dataclasses.dataclass(frozen=True)
class Approved:
    """What approve did: the new version and the refresh that came before it."""

    version: VersionInfo
    refreshed: Refreshed


def approve(
    door: Door,
    path: object,
    by: str,
    note: str = "",
    when: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> Approved:
    """Refresh the plan and record it in its store as the next approved version.

    A plan whose history has not started yet starts it here: the next refresh lists what
    changed since the approval.

    Raises
    ------
    PlanProblems
        The inputs have problems: nothing approved, nothing written.
    StoreError
        The store cannot be used: nothing approved, nothing written.
    """
    inputs, located = _checked(door, path)
    lang = labels.language(inputs.settings)
    if not by or not by.strip():
        raise ValueError(_say(lang, "no_by"))
    with open_plan_store(door, path, inputs.settings, lang) as store:
        plan_id = ensure_plan_id(door, path, inputs.settings, located, lang)
        records = recorder(store)
        outputs = refresh(door, path, when, progress, record=records).outputs
        print_ = fingerprint(inputs)
        scope = scope_of(inputs.settings)
        version = store.approve(
            plan_id,
            scope,
            by.strip(),
            print_,
            outputs.employee_goals,
            region_plans(outputs, lang),
            note.strip(),
        )
        # From now on plan–fact is measured against this version: show it so at once.
        done = refresh(door, path, when, progress, record=records)
        date1904 = getattr(door, "date1904", False)
        infos = store.versions(plan_id, scope)
        write_record(door, "versions", versions_frame(infos, print_, lang, date1904), lang)
        if load_state(store, plan_id) is None:  # the plan as approved: where its history starts
            save_state(store, plan_id, version.approved_at, print_, state(inputs, outputs))
    return Approved(version.info, done)


def _lock_and_save(path: Path, work: Callable[[FileDoor], Any], backup: bool = True) -> Any:
    with workbook_lock(path):
        door = FileDoor.open(path)
        result = work(door)
        door.save(backups=3 if backup else 0)
    return result


def approve_file(
    path: str | os.PathLike[str], by: str, note: str = "", *, backup: bool = True
) -> Approved:
    """:func:`approve` on a plan file, saved atomically with a backup."""
    path = Path(path)
    return _lock_and_save(path, lambda door: approve(door, path.name, by, note), backup)


# ----------------------------------------------------------------------------- publish


@dataclasses.dataclass(frozen=True)
class Published:
    """What publish did: the region's version and its publication in the company plan."""

    region: str
    version: VersionInfo
    publication: VersionInfo
    new: bool
    store: str


def _regional(settings: dict[str, Any], path: object, lang: str) -> tuple[str, str, str]:
    plan_id = setting_text(settings, "plan_id")
    region = setting_text(settings, "region")
    company = setting_text(settings, "company_plan")
    if not region:
        raise WorkbookError(path, _say(lang, "not_regional"))
    if not company:
        raise WorkbookError(path, _say(lang, "no_company"))
    if not plan_id:
        raise WorkbookError(path, _say(lang, "not_approved", region=region))
    return plan_id, region, company


def _only_region(version: Version, region: str, path: object, lang: str) -> None:
    found = {str(r) for r in version.goals["region"]} | {str(r) for r in version.regions["region"]}
    others = sorted(found - {region})
    if others:
        raise WorkbookError(
            path,
            _say(
                lang,
                "other_regions",
                number=version.number,
                region=region,
                others=", ".join(others),
            ),
        )


def publish(door: Door, path: object, to: str | None = None) -> Published:
    """Publish the regional plan's latest approved version to the company plan.

    ``to`` is the team store's URL (default: the plan's own store).

    Raises
    ------
    WorkbookError
        The plan is not a regional plan, has no company plan to publish to, is not approved,
        or its approved version holds other regions.
    StoreError
        A store cannot be used.
    """
    inputs, _ = _checked(door, path)
    settings = inputs.settings
    lang = labels.language(settings)
    plan_id, region, company = _regional(settings, path, lang)
    with open_plan_store(door, path, settings, lang) as own:
        version = own.version(plan_id, region)
        if version is None:
            raise WorkbookError(path, _say(lang, "not_approved", region=region))
        _only_region(version, region, path, lang)
        if to:
            from xlsalesplan.store import open_store

            with open_store(to) as team:
                return _publish(team, company, region, version)
        return _publish(own, company, region, version)


def _publish(team: Store, company: str, region: str, version: Version) -> Published:
    before = len(team.versions(company, region))
    publication = team.publish(company, region, version)
    new = len(team.versions(company, region)) > before
    return Published(region, version.info, publication.info, new, team.url)


def publish_file(path: str | os.PathLike[str], to: str | None = None) -> Published:
    """:func:`publish` from a plan file (which is only read)."""
    path = Path(path)
    return publish(FileDoor.open(path), path.name, to)


# ----------------------------------------------------------------------------- consolidate


@dataclasses.dataclass(frozen=True)
class Consolidated:
    """What consolidate wrote: the regions published, their total and the company's own."""

    plan_id: str
    regions: list[str]
    total: float
    own_total: float
    missing: list[str]  # regions of the company's own plan that published nothing


def _approved(info: VersionInfo) -> str:
    """Who approved a version and when (local time): ``Иванов, 2026-11-28 08:33``."""
    return f"{info.approved_by}, {info.approved_at.astimezone():%Y-%m-%d %H:%M}"


def consolidation_frames(
    infos: list[VersionInfo], regions: pd.DataFrame, own: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``published`` and ``consolidation`` tables.

    ``regions`` are the consolidated region plans (the publications' rows, region by region),
    ``own`` the company's own region plans. Consolidation: each published region's month plan
    (its rows' sums). Published: each region's version, who approved it and when, its plan for
    the year beside the company's own and the difference; regions of the own plan that have
    published nothing follow, with only the own plan.
    """
    own_total = dict(zip(own["region"].astype(str), own[MONTHS].sum(axis=1).tolist(), strict=True))
    published, consolidated = [], []
    for info in infos:
        mine = regions[regions["region"].astype(str) == info.scope]
        months = mine[MONTHS].to_numpy(dtype=float).sum(axis=0).tolist()
        total = float(sum(months))
        plan = own_total.get(info.scope)
        gap = None if plan is None else total - plan
        published.append([info.scope, info.source_number, _approved(info), total, plan, gap])
        consolidated.append([info.scope, *months, total])
    seen = {info.scope for info in infos}
    missing = [region for region in own_total if region not in seen]
    published += [[region, None, None, None, own_total[region], None] for region in missing]
    return (
        pd.DataFrame(published, columns=TABLE_OF_MODEL["published"].keys),
        pd.DataFrame(consolidated, columns=TABLE_OF_MODEL["consolidation"].keys),
    )


def consolidate(door: Door, path: object) -> Consolidated:
    """Write the Consolidation table from the latest publication of each region.

    Raises
    ------
    PlanProblems
        The company plan's own inputs have problems (its own plan is the comparison).
    StoreError
        The store cannot be used; nothing written.
    """
    inputs, located = _checked(door, path)
    lang = labels.language(inputs.settings)
    try:
        outputs = compute(inputs)
    except PlanInputError as bad:
        raise_problems(path, located, bad.problems)
        raise
    own = region_plans(outputs, lang)
    with open_plan_store(door, path, inputs.settings, lang) as store:
        plan_id = ensure_plan_id(door, path, inputs.settings, located, lang)
        infos = store.published(plan_id)
        _, regions = store.consolidate(plan_id)
        published, consolidated = consolidation_frames(infos, regions, own)
        write_record(door, "published", published, lang)
        write_record(door, "consolidation", consolidated, lang)
    published = [info.scope for info in infos]
    return Consolidated(
        plan_id,
        published,
        float(regions[MONTHS].to_numpy(dtype=float).sum()) if len(regions) else 0.0,
        float(own[MONTHS].to_numpy(dtype=float).sum()),
        [r for r in own["region"] if r not in published],
    )


def consolidate_file(path: str | os.PathLike[str], *, backup: bool = True) -> Consolidated:
    """:func:`consolidate` on a plan file, saved atomically with a backup."""
    path = Path(path)
    return _lock_and_save(path, lambda door: consolidate(door, path.name), backup)


# ----------------------------------------------------------------------------- history


@dataclasses.dataclass(frozen=True)
class Shown:
    """What the History sheet shows now: refreshes kept and approved versions."""

    refreshes: int
    versions: list[VersionInfo]


def show_history(door: Door, path: object) -> Shown:
    """Rewrite the History sheet (refreshes, approved versions) from the store, the plan's
    outputs untouched: the *History* button and ``xlsalesplan history``."""
    from xlsalesplan.records.history import history_frame

    inputs, located = _checked(door, path)
    settings = inputs.settings
    lang = labels.language(settings)
    try:
        print_ = fingerprint(inputs)
    except (TypeError, ValueError):
        print_ = ""
    with open_plan_store(door, path, settings, lang) as store:
        plan_id = ensure_plan_id(door, path, settings, located, lang)
        date1904 = getattr(door, "date1904", False)
        refreshes = store.history(plan_id, last=history_keep(settings))
        infos = store.versions(plan_id, scope_of(settings))
        write_record(door, "history", history_frame(refreshes, lang, date1904), lang)
        write_record(door, "versions", versions_frame(infos, print_, lang, date1904), lang)
    return Shown(len(refreshes), infos)


def show_history_file(path: str | os.PathLike[str], *, backup: bool = True) -> Shown:
    """:func:`show_history` on a plan file, saved atomically with a backup."""
    path = Path(path)
    return _lock_and_save(path, lambda door: show_history(door, path.name), backup)


__all__ += ["COMPANY", "Shown", "consolidation_frames"]
