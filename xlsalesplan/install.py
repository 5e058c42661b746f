"""``xlsalesplan install``: tell xlwings, once per user, which Python runs the plan's buttons.

The plan workbooks carry xlwings's VBA module (standalone mode: no add-in to install), so
what is left is the user's xlwings configuration file, the same one ``xlwings config create``
writes (lines ``"KEY","VALUE"``): the interpreter, the module path and the UDF module. Lines
the user has for other keys are kept; running it again changes nothing.

Where Excel cannot run Python through xlwings (Linux), it says so and what to use instead.

Examples
--------
$ xlsalesplan install --dry-run
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

UDF_MODULE = "xlsalesplan.udfs"
_LINE = re.compile(r'^\s*"([^"]*)"\s*,\s*"([^"]*)"\s*$')

NO_EXCEL = (
    "Excel with xlwings runs on Windows and macOS; this is {system}, so there is nothing to "
    "install here.\n"
    "Instead:\n"
    "  • the command line fills and checks plans without Excel: "
    "xlsalesplan demo | new | check | refresh PLAN.xlsm\n"
    "  • in Excel on the web, Windows or Mac without Python: xlwings Lite — run "
    "`xlsalesplan lite` and paste main.py and requirements.txt into its editor\n"
    "  • LibreOffice shows the plans' cached values and native formulas."
)


@dataclass(frozen=True)
class Change:
    """One setting of the configuration: its key, the old value (None: absent) and the new."""

    key: str
    old: str | None
    new: str

    def __str__(self) -> str:
        was = "added" if self.old is None else f"was {self.old!r}"
        return f"{self.key} = {self.new!r} ({was})"


def has_excel(platform: str | None = None) -> bool:
    """True where desktop Excel and xlwings's RunPython exist: Windows and macOS."""
    platform = platform or sys.platform
    return platform.startswith("win") or platform == "darwin"


def config_file(platform: str | None = None, home: Path | None = None) -> Path:
    """Where xlwings reads the user's settings (Excel's sandbox folder on a Mac)."""
    platform = platform or sys.platform
    home = home or Path(os.path.expanduser("~"))
    if platform == "darwin":
        return home / "Library/Containers/com.microsoft.Excel/Data/xlwings.conf"
    return home / ".xlwings" / "xlwings.conf"


def wanted(platform: str | None = None) -> dict[str, str]:
    """The settings the plan's buttons and formulas need, for this Python."""
    platform = platform or sys.platform
    interpreter = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    package_root = str(Path(__file__).resolve().parent.parent)
    return {interpreter: sys.executable, "PYTHONPATH": package_root, "UDF MODULES": UDF_MODULE}


def read_config(path: Path) -> list[tuple[str, str] | str]:
    """The file's lines: (key, value) for settings, the raw text for anything else."""
    if not path.is_file():
        return []
    lines: list[tuple[str, str] | str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line)
        lines.append((match.group(1), match.group(2)) if match else line)
    return lines


def install(
    dry_run: bool = False, platform: str | None = None, home: Path | None = None
) -> tuple[Path | None, list[Change]]:
    """Write the settings that differ; returns the file and the changes (none: already set).

    Returns ``(None, [])`` where there is no Excel to set up (see :data:`NO_EXCEL`).
    """
    if not has_excel(platform):
        return None, []
    path = config_file(platform, home)
    lines = read_config(path)
    current = {line[0].upper(): line[1] for line in lines if isinstance(line, tuple)}
    changes = [
        Change(key, current.get(key), value)
        for key, value in wanted(platform).items()
        if current.get(key) != value
    ]
    if changes and not dry_run:
        updates = {c.key: c.new for c in changes}
        kept = []
        for line in lines:
            if isinstance(line, tuple) and line[0].upper() in updates:
                line = (line[0], updates.pop(line[0].upper()))
            kept.append(line)
        kept.extend(updates.items())
        text = "".join(
            f'"{line[0]}","{line[1]}"\n' if isinstance(line, tuple) else line + "\n"
            for line in kept
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path, changes
