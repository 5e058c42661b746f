"""Plan workbooks on disk: the operations behind the command line.

The demo plan ships ready-made in the package (``xlsalesplan/_demo/``, written by
``xlsalesplan build`` and compared with a fresh build by the tests), so ``xlsalesplan demo``
copies it instead of computing and building it in every process. The heavy machinery (the
plan, the workbook builder) is imported by the functions that use it, for the same reason.

Examples
--------
>>> write_demo("SalesPlan-demo.xlsm")          # doctest: +SKIP
>>> check_file("SalesPlan-demo.xlsm")          # doctest: +SKIP
>>> refresh_file("SalesPlan-demo.xlsm")        # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
import zipfile
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any

from xlsalesplan.io.doors.atomic import atomic_write, backup_names, workbook_lock
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.problems import PlanProblems

__all__ = [
    "TEMPLATE_YEAR",
    "PlanProblems",
    "WorkbookError",
    "build_templates",
    "check_file",
    "new_inputs",
    "refresh_file",
    "write_demo",
    "write_new",
]

# The shipped templates are built for a fixed year so that a rebuild gives the same bytes.
TEMPLATE_YEAR = 2027
# The demo's outputs were refreshed on its cut-off day (its actuals run to 30 June).
DEMO_REFRESHED = dt.datetime(2026, 7, 1, 9, 0)
DEMO_FILE = "SalesPlan-demo.{lang}.xlsm"
EXTENSIONS = (".xlsx", ".xlsm")


def _extension(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise WorkbookError(path, "a plan workbook must be .xlsm (with the ribbon) or .xlsx")
    return suffix


def workbook_bytes(
    inputs: Any, outputs, lang: str, stamp: str, macros: bool, project: bytes | None = None
) -> bytes:
    """A whole plan workbook in memory: .xlsm (with the VBA project: ``project``, by default
    the package's prebuilt one for ``lang``) or .xlsx."""
    from xlsalesplan.io.build.template import build_workbook
    from xlsalesplan.io.vba.prebuilt import ribbon_xml, vba_project
    from xlsalesplan.io.vba.ribbon import add_ribbon

    buffer = BytesIO()
    project = (project or vba_project(lang)) if macros else None
    build_workbook(buffer, inputs, outputs, lang=lang, stamp=stamp, vba_project=project)
    return add_ribbon(buffer.getvalue(), ribbon_xml(lang)) if macros else buffer.getvalue()


def _write(path: Path, data: bytes, force: bool, backups: int = 3) -> Path:
    """Write a new workbook; an existing file is replaced only when forced, kept as .bak1
    (the shipped templates, rebuilt from code, keep no backup)."""
    if path.exists() and not force:
        raise WorkbookError(
            path,
            "already exists; use --force to replace it (it is then kept "
            f"as {backup_names(path, 1)[0].name})",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda f: f.write(data), backups=backups if path.exists() else 0)
    return path


def check_year(year: int, country: str = "RU") -> int:
    """A plan year the production calendar knows, or a planner's explanation of why not."""
    from xlsalesplan.core.args import ArgumentError
    from xlsalesplan.core.calendar import coverage

    first = 1991
    try:
        known = coverage(country)
    except ArgumentError:
        raise ValueError(
            f"--country {country}: not a calendar the holidays package knows; a country code "
            'such as RU, BY, KZ or DE, or "none" to count weekends only'
        ) from None
    last = known[1] if known else 2100
    if known:
        first = max(first, known[0])
    if not isinstance(year, int) or not first <= year <= last:
        hint = ""
        if known and isinstance(year, int) and year > last:
            hint = (
                f"; the {country} production calendar of the installed holidays package "
                f"ends in {last}: `pip install -U holidays` extends it, or `--country none` "
                "counts weekends only"
            )
        raise ValueError(f"--year {year}: a plan year from {first} to {last} is needed{hint}")
    return year


def new_plan_id() -> str:
    """A new plan's identity in the plan store (the shipped templates have none: a plan made
    from one gets its ID when it first needs it)."""
    return str(uuid.uuid4())


# The shipped demo's plan ID, replaced by a new one in every demo written (same length).
DEMO_PLAN_ID = "00000000-0000-4000-8000-000000000000"


def new_inputs(lang: str, year: int) -> Any:
    """An empty plan: default settings and the reference data (funnel tiers, seasonality)."""
    from xlsalesplan.plan.demo import reference_tables
    from xlsalesplan.plan.model import PlanInputs, default_settings

    return PlanInputs(settings=default_settings(year, lang), **reference_tables(lang))


def demo_bytes(lang: str = "ru", macros: bool = True, project: bytes | None = None) -> bytes:
    """The filled example plan (inputs and computed outputs), built from code, its plan ID
    the placeholder :data:`DEMO_PLAN_ID`."""
    from xlsalesplan.plan.demo import DEMO_YEAR, demo_inputs

    inputs = demo_inputs(lang, DEMO_YEAR)
    inputs.settings["plan_id"] = DEMO_PLAN_ID
    return _demo_workbook(inputs, lang, macros, project)


def _demo_workbook(inputs: Any, lang: str, macros: bool, project: bytes | None = None) -> bytes:
    from xlsalesplan.io.planio import fingerprint, stamp_text
    from xlsalesplan.plan.compute import compute

    stamp = stamp_text(lang, DEMO_REFRESHED, fingerprint(inputs))
    return workbook_bytes(inputs, compute(inputs), lang, stamp, macros, project)


def shipped_demo(lang: str) -> bytes | None:
    """The demo the package ships for ``lang`` (.xlsm), None where it has none."""
    found = resources.files("xlsalesplan._demo").joinpath(DEMO_FILE.format(lang=lang))
    return found.read_bytes() if found.is_file() else None


def write_demo(
    path: str | os.PathLike[str],
    lang: str = "ru",
    *,
    force: bool = False,
    region: str | None = None,
    company_plan: str | None = None,
    plan_id: str | None = None,
) -> Path:
    """Write the filled example plan (the shipped one for an .xlsm, built for an .xlsx) with a
    plan ID of its own (``plan_id``, else a new one).

    With ``region``, the demo cut down to that region (:func:`~xlsalesplan.plan.regional.
    region_only`), built: a regional head's plan, publishing to ``company_plan`` (an ID).
    """
    path = Path(path)
    macros = _extension(path) == ".xlsm"
    if region:
        from xlsalesplan.plan.demo import DEMO_YEAR, demo_inputs
        from xlsalesplan.plan.regional import region_only

        inputs = region_only(demo_inputs(lang, DEMO_YEAR), region)
        _identity(inputs, region, company_plan, plan_id)
        return _write(path, _demo_workbook(inputs, lang, macros), force)
    data = (shipped_demo(lang) if macros else None) or demo_bytes(lang, macros)
    data = _with_plan_id(data, plan_id or new_plan_id())
    if company_plan:  # rare: a company plan that is itself published to another
        written = _write(path, data, force)
        _set_settings(written, {"company_plan": company_plan.strip()})
        return written
    return _write(path, data, force)


def _with_plan_id(data: bytes, plan_id: str) -> bytes:
    """The demo's bytes with :data:`DEMO_PLAN_ID` replaced by ``plan_id`` in its shared
    strings (the only place it is), every other part copied as it is."""
    if len(plan_id) != len(DEMO_PLAN_ID):
        raise ValueError(f"a plan ID is a UUID ({len(DEMO_PLAN_ID)} characters): {plan_id!r}")
    source, target = BytesIO(data), BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "xl/sharedStrings.xml":
                content = content.replace(DEMO_PLAN_ID.encode(), plan_id.encode())
            new.writestr(info, content, compress_type=info.compress_type)
    return target.getvalue()


def _set_settings(path: Path, values: dict[str, Any]) -> None:
    from xlsalesplan.io.doors.filedoor import FileDoor
    from xlsalesplan.io.recordbook import set_settings

    door = FileDoor.open(path)
    set_settings(door, values)
    door.save(backups=0)


def write_new(
    path: str | os.PathLike[str],
    lang: str = "ru",
    year: int | None = None,
    *,
    force: bool = False,
    region: str | None = None,
    company_plan: str | None = None,
    plan_id: str | None = None,
    country: str = "RU",
) -> Path:
    """Write an empty plan for ``year`` (default: next year) with the production calendar of
    ``country`` ("none": weekends only), its ID ``plan_id`` (else a new one); with ``region``
    and ``company_plan``, a region's plan publishing to the company plan of that ID."""
    path = Path(path)
    macros = _extension(path) == ".xlsm"
    year = check_year(dt.date.today().year + 1 if year is None else year, country)
    inputs = new_inputs(lang, year)
    inputs.settings["country"] = country.strip()
    _identity(inputs, region, company_plan, plan_id)
    return _write(path, workbook_bytes(inputs, None, lang, "", macros), force)


def _identity(
    inputs: Any, region: str | None, company_plan: str | None, plan_id: str | None = None
) -> None:
    """A new plan's ID, and for a region's plan its region and the company plan's ID."""
    inputs.settings["plan_id"] = plan_id or new_plan_id()
    if region:
        inputs.settings["region"] = inputs.settings.get("region") or region.strip()
    if company_plan:
        inputs.settings["company_plan"] = company_plan.strip()


def build_templates(
    folder: str | os.PathLike[str] = "workbooks",
    macros_folder: str | os.PathLike[str] | None = None,
    demo_folder: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Rebuild the shipped templates: SalesPlan(.xlsm/.xlsx) and SalesPlan_en(.xlsm/.xlsx),
    and the shipped demo plans (``SalesPlan-demo.<lang>.xlsm`` in ``demo_folder``, by default
    the package's ``_demo/``).

    First the VBA projects are built and stored as ``vbaProject.<lang>.bin`` in
    ``macros_folder`` (by default the package's ``macros/``), where every workbook written
    later takes them from.
    """
    # Building the VBA project needs xlwings and the UDFs; writing a workbook does not.
    from xlsalesplan.io.vba.planproject import write_prebuilt

    projects = write_prebuilt(macros_folder)
    folder = Path(folder)
    written = []
    for lang, stem in (("ru", "SalesPlan"), ("en", "SalesPlan_en")):
        inputs = new_inputs(lang, TEMPLATE_YEAR)
        for suffix in EXTENSIONS:
            data = workbook_bytes(inputs, None, lang, "", suffix == ".xlsm", projects[lang])
            written.append(_write(folder / f"{stem}{suffix}", data, force=True, backups=0))
    demos = Path(demo_folder) if demo_folder else Path(str(resources.files("xlsalesplan._demo")))
    for lang in projects:
        data = demo_bytes(lang, True, projects[lang])
        written.append(_write(demos / DEMO_FILE.format(lang=lang), data, force=True, backups=0))
    return written


def check_file(path: str | os.PathLike[str]) -> list[str]:
    """Check every input of a plan file; raises :class:`PlanProblems` listing each bad cell.

    Returns the warnings: ``Sheet!Cell: reason`` lines where the plan is computable but
    inconsistent (they do not block a refresh).
    """
    from xlsalesplan.io.doors.filedoor import FileDoor
    from xlsalesplan.io.planio import checked

    path = Path(path)
    return checked(FileDoor.open(path), path.name)[1]


def refresh_file(
    path: str | os.PathLike[str],
    *,
    backup: bool = True,
    force: bool = False,
    record: Any = None,
) -> str:
    """Recompute a plan file's outputs in place; returns a one-line summary.

    The inputs are checked first and nothing is written while any problem remains. Only the
    output tables, the stamps and the blocks refresh owns change; the write is atomic and the
    previous file is kept as a backup unless ``backup`` is False. When nothing would change,
    nothing is written (``force`` rewrites anyway). Warnings come after the summary, one line
    each. ``record``: the plan's records, given the refresh before it writes (see
    :func:`~xlsalesplan.io.refresh.refresh`; the command line gives the plan's history).
    """
    from xlsalesplan.io.doors.filedoor import FileDoor
    from xlsalesplan.io.refresh import refresh

    path = Path(path)
    _extension(path)
    with workbook_lock(path):
        door = FileDoor.open(path)
        done = refresh(door, path.name, force=force, record=record)
        saved = door.save(backups=3 if backup else 0) if done.written else None
    if done.written:
        kept = f"; previous file kept as {saved.name}" if saved else ""
        summary = f"refreshed, {done.rows} output rows written{kept}"
    else:
        summary = "up to date, nothing written (--force rewrites the outputs)"
    return "\n".join([summary, *(f"warning: {w}" for w in done.warnings)])
