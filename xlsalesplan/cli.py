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
# Piped output stays one line per message: no wrapping at 80 columns, no colour codes.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

Lang = Annotated[str, typer.Option("--lang", help="Workbook language: ru or en.")]
Force = Annotated[
    bool, typer.Option("--force", help="Replace an existing file (the old one is kept as .bak1).")
]


def _version(value: bool) -> None:
    if value:
        out.print(f"xlsalesplan {xlsalesplan.__version__}", highlight=False)
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
    err.print(f"[bold red]error:[/] {message}", highlight=False)
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
                err.print(line, highlight=False)
            _fail(
                f"{problems.path}: {len(problems.lines)} problem(s) in the inputs; nothing written"
            )
        except (files.WorkbookError, ValueError, OSError) as exc:
            _fail(str(exc))
    return None


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
) -> None:
    """Write a filled example plan: the company that opens 30 offices in 5 years."""
    files = _files()
    written = _run("Building the demo plan", files.write_demo, path, _lang(lang), force=force)
    out.print(f"Demo plan written: [bold]{written}[/]", highlight=False)
    out.print(
        "Next: open it in Excel (enable macros for the ribbon tab) or LibreOffice, change the "
        "inputs — targets, employees, actuals — and run "
        f"[bold]xlsalesplan refresh {written.name}[/] (or press Refresh all in Excel).",
        highlight=False,
    )


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="Where to write the empty plan (.xlsm or .xlsx).")],
    lang: Lang = "ru",
    year: Annotated[int | None, typer.Option(help="Plan year (default: next year).")] = None,
    force: Force = False,
) -> None:
    """Write an empty plan with the reference data filled in."""
    files = _files()
    written = _run("Writing an empty plan", files.write_new, path, _lang(lang), year, force=force)
    out.print(f"Empty plan written: [bold]{written}[/]", highlight=False)


@app.command()
def build(
    folder: Annotated[Path, typer.Option(help="Folder for the templates.")] = Path("workbooks"),
) -> None:
    """Rebuild the shipped templates (workbooks/) from code."""
    for written in _run("Building the templates", _files().build_templates, folder):
        out.print(f"built {written}", highlight=False)


@app.command()
def check(plan: Annotated[Path, typer.Argument(help="The plan workbook to check.")]) -> None:
    """Check every input of a plan; list each problem as Sheet!Cell: reason."""
    warnings = _run("Checking the inputs", _files().check_file, plan)
    for line in warnings or []:
        err.print(f"warning: {line}", highlight=False)
    out.print(f"{plan}: inputs are fine", highlight=False)


@app.command()
def refresh(
    plan: Annotated[Path, typer.Argument(help="The plan workbook to refresh in place.")],
    backup: Annotated[bool, typer.Option(help="Keep the previous file as a backup.")] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Rewrite the outputs even when nothing changed.")
    ] = False,
) -> None:
    """Recompute the plan's outputs in the file; nothing else in it changes."""
    report = _run("Refreshing the plan", _files().refresh_file, plan, backup=backup, force=force)
    out.print(f"{plan}: {report}", highlight=False)


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
        out.print(NO_EXCEL.format(system=platform.system() or "this system"), highlight=False)
        return
    verb = "would change" if dry_run else "changed"
    for change in changes:
        out.print(f"{path}: {verb} {change}", highlight=False)
    if not changes:
        out.print(f"{path}: already set up, nothing changed", highlight=False)


@app.command()
def lite(
    folder: Annotated[
        Path, typer.Argument(help="Where to write main.py and requirements.txt.")
    ] = Path("xlwings-lite"),
) -> None:
    """Write main.py and requirements.txt to paste into the xlwings Lite editor."""
    from xlsalesplan.lite import write_lite

    for written in _run("Writing the xlwings Lite files", write_lite, folder):
        out.print(f"written {written}", highlight=False)
    out.print(
        "Paste main.py and requirements.txt into xlwings Lite's editor (Excel: Add-ins).",
        highlight=False,
    )


def main() -> None:  # pragma: no cover - console entry point
    app()
