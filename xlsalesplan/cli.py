"""The ``xlsalesplan`` command: build, fill, check and refresh plan workbooks without Excel.

Every command answers a problem with one clear line on stderr and a non-zero exit code; long
work shows a spinner where a terminal can show one. Nothing heavy is imported until a command
runs, so ``xlsalesplan --help`` answers at once.

Examples
--------
$ xlsalesplan demo                      # a filled example plan: SalesPlan-demo.xlsm
$ xlsalesplan new Plan2027.xlsm --lang en --year 2027
$ xlsalesplan check Plan2027.xlsm
$ xlsalesplan refresh Plan2027.xlsm
$ xlsalesplan approve Plan2027.xlsm --by "Иванов"
$ xlsalesplan split Plan2027.xlsm --by employee discussion/
$ xlsalesplan collect Plan2027.xlsm discussion/*.xlsx
$ xlsalesplan publish Moscow2027.xlsm          # a region's approved plan, to the team store
$ xlsalesplan consolidate Company2027.xlsm     # the regions' plans, in the company's workbook
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

import xlsalesplan

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Sales planning workbooks: build, fill, check and refresh them without Excel.",
)
# Piped output stays one line per message: no wrapping at 80 columns, no colour codes; and no
# colouring of numbers and paths rich would guess at.
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

Lang = Annotated[str, typer.Option("--lang", help="Workbook language: ru or en.")]
Force = Annotated[
    bool, typer.Option("--force", help="Replace an existing file (the old one is kept as .bak1).")
]
Region = Annotated[
    str | None,
    typer.Option("--region", help="A region's own plan (the demo: cut down to that region)."),
]
CompanyPlan = Annotated[
    str | None,
    typer.Option("--company-plan", help="The company plan's ID a region's plan publishes to."),
]


def _version(value: bool) -> None:
    if value:
        out.print(f"xlsalesplan {xlsalesplan.__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Sales planning workbooks: build, fill, check and refresh them without Excel."""


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # a log file gets the result, not a blank line
    )


def _lang(lang: str) -> str:
    if lang not in ("ru", "en"):
        _fail(f"--lang: {lang!r} is not a language of the templates (use ru or en)")
    return lang


def _run(description: str, job: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one step under a spinner; a known problem becomes one line and exit code 1."""
    from xlsalesplan.io import files

    with _progress() as progress:
        progress.add_task(description)
        try:
            return job(*args, **kwargs)
        except files.PlanProblems as problems:
            for line in problems.lines:
                err.print(line)
            _fail(
                f"{problems.path}: {len(problems.lines)} problem(s) in the inputs; nothing written"
            )
        except (files.WorkbookError, ValueError, OSError) as exc:
            _fail(str(exc))
        except Exception as exc:
            refused = getattr(exc, "lines", None)
            if type(exc).__name__ == "CollectRefused" and refused:
                for line in refused:
                    err.print(line)
                _fail(f"{len(refused)} workbook(s) refused; nothing collected")
            if _is_store_error(exc):
                _fail(str(exc))
            raise
    return None


def _is_store_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the plan store's one-line error (the store is loaded by then)."""
    import sys

    errors = sys.modules.get("xlsalesplan.store.errors")
    return errors is not None and isinstance(exc, errors.StoreError)


def _files() -> Any:
    from xlsalesplan.io import files

    return files


@app.command()
def demo(
    path: Annotated[Path, typer.Argument(help="Where to write the demo plan.")] = Path(
        "SalesPlan-demo.xlsm"
    ),
    lang: Lang = "ru",
    force: Force = False,
    region: Region = None,
    company_plan: CompanyPlan = None,
) -> None:
    """Write a filled example plan: the company that opens 30 offices in 5 years."""
    files = _files()
    plan_id = files.new_plan_id()
    written = _run(
        "Building the demo plan",
        files.write_demo,
        path,
        _lang(lang),
        force=force,
        region=region,
        company_plan=company_plan,
        plan_id=plan_id,
    )
    out.print(f"Demo plan written: [bold]{written}[/] (plan ID {plan_id})")
    out.print(
        "Next: open it in Excel (enable macros for the ribbon tab) or LibreOffice, change the "
        "inputs — targets, employees, actuals — and run "
        f"[bold]xlsalesplan refresh {written.name}[/] (or press Refresh all in Excel).",
    )


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="Where to write the empty plan (.xlsm or .xlsx).")],
    lang: Lang = "ru",
    year: Annotated[int | None, typer.Option(help="Plan year (default: next year).")] = None,
    force: Force = False,
    region: Region = None,
    company_plan: CompanyPlan = None,
    country: Annotated[
        str,
        typer.Option(help='Production calendar: a country code (RU, BY, KZ, …) or "none".'),
    ] = "RU",
) -> None:
    """Write an empty plan with the reference data filled in."""
    files = _files()
    plan_id = files.new_plan_id()
    written = _run(
        "Writing an empty plan",
        files.write_new,
        path,
        _lang(lang),
        year,
        force=force,
        region=region,
        company_plan=company_plan,
        plan_id=plan_id,
        country=country,
    )
    out.print(f"Empty plan written: [bold]{written}[/] (plan ID {plan_id})")


@app.command()
def build(
    folder: Annotated[Path, typer.Option(help="Folder for the templates.")] = Path("workbooks"),
) -> None:
    """Rebuild the shipped templates (workbooks/) from code."""
    for written in _run("Building the templates", _files().build_templates, folder):
        out.print(f"built {written}")


@app.command()
def check(plan: Annotated[Path, typer.Argument(help="The plan workbook to check.")]) -> None:
    """Check every input of a plan; list each problem as Sheet!Cell: reason."""
    warnings = _run("Checking the inputs", _files().check_file, plan)
    for line in warnings or []:
        err.print(f"warning: {line}")
    said = f"; {len(warnings)} warning(s), the plan can be computed" if warnings else ""
    out.print(f"{plan}: inputs are fine{said}")


@app.command()
def refresh(
    plan: Annotated[Path, typer.Argument(help="The plan workbook to refresh in place.")],
    backup: Annotated[bool, typer.Option(help="Keep the previous file as a backup.")] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Rewrite the outputs even when nothing changed.")
    ] = False,
    history: Annotated[
        bool, typer.Option(help="Record what changed in the plan store (the History sheet).")
    ] = True,
) -> None:
    """Recompute the plan's outputs in the file; nothing else in it changes."""
    from xlsalesplan.records.history import refresh_file

    report = _run(
        "Refreshing the plan",
        refresh_file,
        plan,
        backup=backup,
        force=force,
        history=history,
    )
    out.print(f"{plan}: {report}")


# ------------------------------------------------------------------ versions and the team
Backup = Annotated[bool, typer.Option(help="Keep the previous file as a backup.")]


def _team() -> Any:
    from xlsalesplan.records import team

    return team


def _scope(scope: str) -> str:
    return "the company plan" if scope == _team().COMPANY else f"the plan of region {scope}"


def _local(moment: Any) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@app.command()
def approve(
    plan: Annotated[Path, typer.Argument(help="The plan workbook to approve.")],
    by: Annotated[str, typer.Option("--by", help="Who approves the plan (a name).")],
    note: Annotated[str, typer.Option(help="A note kept with the version.")] = "",
    backup: Backup = True,
) -> None:
    """Record the plan as approved in its store (a new version: who, when, goals, regions)."""
    done = _run("Approving the plan", _team().approve_file, plan, by, note, backup=backup)
    version = done.version
    out.print(
        f"{plan}: approved as version {version.number} of {_scope(version.scope)} by "
        f"{version.approved_by} at {_local(version.approved_at)} "
        f"(inputs fingerprint {version.fingerprint})",
    )


@app.command()
def publish(
    plan: Annotated[Path, typer.Argument(help="A region's plan workbook (it is only read).")],
    to: Annotated[
        str | None,
        typer.Option("--to", help="The team store's URL (default: the plan's own store)."),
    ] = None,
) -> None:
    """Publish a region's latest approved plan to the company plan in the team store."""
    done = _run("Publishing the region's plan", _team().publish_file, plan, to)
    what = "published" if done.new else "already published"
    out.print(
        f"{plan}: {what}: region {done.region}, version {done.version.number} "
        f"({done.version.approved_by}, {_local(done.version.approved_at)}) → company plan "
        f"{done.publication.plan_id} in {done.store}",
    )


@app.command()
def consolidate(
    plan: Annotated[Path, typer.Argument(help="The company's plan workbook.")],
    backup: Backup = True,
) -> None:
    """Build the Consolidation table from the regions' latest published plans."""
    done = _run("Consolidating the regions", _team().consolidate_file, plan, backup=backup)
    if not done.regions:
        out.print(
            f"{plan}: no region has published to this plan yet; its ID for the regions' "
            f"Settings (Company plan ID): {done.plan_id}",
        )
        return
    out.print(
        f"{plan}: consolidated {len(done.regions)} region(s): {done.total:,.0f} "
        f"(the company's own plan: {done.own_total:,.0f})",
    )
    if done.missing:
        out.print(f"not published yet: {', '.join(done.missing)}")


@app.command()
def history(
    plan: Annotated[Path, typer.Argument(help="The plan workbook.")],
    backup: Backup = True,
) -> None:
    """Rewrite the History sheet from the store: the last refreshes and approved versions."""
    done = _run("Reading the history", _team().show_history_file, plan, backup=backup)
    latest = max(done.versions, key=lambda v: v.number) if done.versions else None
    approved = (
        f"approved version {latest.number} ({latest.approved_by}, {_local(latest.approved_at)})"
        if latest
        else "not approved yet"
    )
    out.print(f"{plan}: {done.refreshes} refresh(es) in the history; {approved}")


@app.command()
def split(
    plan: Annotated[Path, typer.Argument(help="The plan workbook.")],
    folder: Annotated[Path, typer.Argument(help="Where to write the workbooks.")],
    by: Annotated[str, typer.Option("--by", help="One workbook per employee or per region.")],
    force: Force = False,
) -> None:
    """Write one workbook per employee or region, with their goals and a column to propose."""
    from xlsalesplan.records import split as staff

    if by not in staff.BY:
        _fail(f"--by: {by!r} is not one of {', '.join(staff.BY)}")
    written = _run("Writing the staff workbooks", staff.split_file, plan, by, folder, force=force)
    out.print(f"{plan}: {len(written)} workbook(s) written to {folder}")


@app.command()
def collect(
    plan: Annotated[Path, typer.Argument(help="The plan workbook.")],
    workbooks: Annotated[list[Path], typer.Argument(help="The staff workbooks sent back.")],
    backup: Backup = True,
) -> None:
    """Gather the staff's proposals into the plan's Proposals table (nothing else changes)."""
    from xlsalesplan.records import split as staff

    done = _run("Collecting the proposals", staff.collect_files, plan, workbooks, backup=backup)
    out.print(
        f"{plan}: {done.proposals} proposal(s) from {done.workbooks} workbook(s): "
        f"{done.added} new, {done.updated} changed, {done.unchanged} as before; "
        f"the Proposals table lists {done.rows}",
    )


@app.command()
def install(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the changes, write nothing.")
    ] = False,
) -> None:
    """Set up xlwings for the plan's ribbon and formulas where Excel is (Windows, Mac)."""
    import platform

    from xlsalesplan.install import NO_EXCEL
    from xlsalesplan.install import install as set_up

    path, changes = set_up(dry_run=dry_run)
    if path is None:
        out.print(NO_EXCEL.format(system=platform.system() or "this system"))
        return
    verb = "would change" if dry_run else "changed"
    for change in changes:
        out.print(f"{path}: {verb} {change}")
    if not changes:
        out.print(f"{path}: already set up, nothing changed")


@app.command()
def lite(
    folder: Annotated[
        Path, typer.Argument(help="Where to write main.py and requirements.txt.")
    ] = Path("xlwings-lite"),
) -> None:
    """Write main.py and requirements.txt to paste into the xlwings Lite editor."""
    from xlsalesplan.lite import write_lite

    for written in _run("Writing the xlwings Lite files", write_lite, folder):
        out.print(f"written {written}")
    out.print(
        "Paste main.py and requirements.txt into xlwings Lite's editor (Excel: Add-ins).",
    )


def main() -> None:  # pragma: no cover - console entry point
    app()
