"""LibreOffice as a stand-in for Excel: recalculate workbooks, read them back, run macros, render.

There is no Excel on a Linux build machine, so tests open the workbooks we write in LibreOffice
Calc and check that every formula gives the value we wrote as its cached result. Two ways in:

* the ``soffice --convert-to`` command line (:func:`convert`, :func:`render_png`), for a saved
  file or a picture of the sheets; each call costs about a second;
* :class:`UnoSession`, one soffice kept running and driven over Python-UNO, for reading many
  workbooks (a tenth of a second each). Python-UNO belongs to Debian's ``/usr/bin/python3``, so
  the session runs :mod:`libreoffice.uno_worker` there and talks to it in JSON lines.

Every soffice gets a private profile folder, removed afterwards: two soffice processes sharing a
profile interfere, and the profile is where "recalculate on load" is switched on or off.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

DEBIAN_PACKAGES = "libreoffice-calc-nogui python3-uno poppler-utils fonts-crosextra-carlito"
UNO_PYTHON = "/usr/bin/python3"
WORKER = Path(__file__).with_name("uno_worker.py")

# LibreOffice's filter for each file type it should write.
FILTERS = {
    ".xlsx": "Calc MS Excel 2007 XML",
    ".xlsm": "Calc MS Excel 2007 VBA XML",
    ".ods": "calc8",
    ".pdf": "calc_pdf_Export",
    ".csv": "Text - txt - csv (StarCalc)",
}


class LibreOfficeError(RuntimeError):
    """LibreOffice failed, refused a file or did not answer in time."""


class LibreOfficeMissing(LibreOfficeError):
    """LibreOffice, Python-UNO or poppler is not installed."""


def _missing(what: str) -> LibreOfficeMissing:
    return LibreOfficeMissing(
        f"{what} not found. Install LibreOffice and its helpers with:\n"
        f"    sudo apt-get install -y {DEBIAN_PACKAGES}"
    )


def find_soffice() -> Path:
    """The ``soffice`` program: ``$SOFFICE`` if set, else the one on ``PATH``.

    Raises
    ------
    LibreOfficeMissing
        If there is none; the message names the Debian packages to install.
    """
    found = os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not found or not Path(found).exists():
        raise _missing("LibreOffice (soffice)")
    return Path(found)


def find_uno_python() -> Path:
    """A Python that can ``import uno`` (``$UNO_PYTHON``, default Debian's ``/usr/bin/python3``).

    Raises
    ------
    LibreOfficeMissing
        If that Python is absent or has no ``uno`` module.
    """
    python = Path(os.environ.get("UNO_PYTHON", UNO_PYTHON))
    if not python.exists():
        raise _missing(f"{python} (the Python that carries python3-uno)")
    probe = subprocess.run(
        [str(python), "-c", "import uno"], capture_output=True, timeout=60, check=False
    )
    if probe.returncode:
        raise _missing(f"Python-UNO (import uno in {python})")
    return python


def _find_pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if not found:
        raise _missing("pdftoppm (poppler-utils)")
    return found


_XCU_ITEM = (
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
)


def make_profile(recalc_on_load: bool) -> Path:
    """A fresh LibreOffice profile folder in the temp directory; the caller removes it.

    ``recalc_on_load=True`` makes LibreOffice recalculate every formula of an xlsx or ods
    file when it opens it (``OOXMLRecalcMode`` = 0, "always"); without it, a command-line
    conversion keeps the cached values exactly as written. ``False`` sets "never" (1), so a
    :class:`UnoSession` sees the cached values until it asks for a recalculation.
    """
    root = Path(tempfile.mkdtemp(prefix="xlsalesplan-lo-"))
    mode = 0 if recalc_on_load else 1
    items = "".join(
        _XCU_ITEM.format(name=name, value=mode) for name in ("OOXMLRecalcMode", "ODFRecalcMode")
    )
    (root / "user").mkdir()
    (root / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )
    return root


# One recalculating profile per process, reused so that later conversions start warm.
_convert_profile: Path | None = None
_convert_lock = threading.Lock()


def _remove_convert_profile() -> None:
    if _convert_profile is not None:
        shutil.rmtree(_convert_profile, ignore_errors=True)


atexit.register(_remove_convert_profile)


def convert(path: str | Path, fmt: str, outdir: str | Path, timeout: float = 180) -> Path:
    """Open a workbook in LibreOffice, recalculate every formula, and save it as ``fmt``.

    Parameters
    ----------
    path : str or Path
        The workbook (xlsx, xlsm, ods, ...).
    fmt : str
        What to write, as soffice's ``--convert-to`` takes it: ``"xlsx"``, ``"pdf"``, ``"ods"``,
        or with an explicit filter, ``"xlsx:Calc MS Excel 2007 XML"``.
    outdir : str or Path
        Folder for the result, created if needed; the result keeps the workbook's name.
    timeout : float
        Seconds before giving up on soffice.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the result would overwrite ``path`` itself.
    LibreOfficeError
        If soffice fails or writes nothing.

    Examples
    --------
    >>> convert("plan.xlsx", "pdf", "out")  # doctest: +SKIP
    PosixPath('out/plan.pdf')
    """
    global _convert_profile
    source = Path(path).resolve()
    if not source.is_file():
        raise FileNotFoundError(f"path: no workbook at {source}")
    target_dir = Path(outdir).resolve()
    target = target_dir / f"{source.stem}.{fmt.split(':')[0]}"
    if target == source:
        raise ValueError(f"outdir: converting {source.name} to {fmt} there would overwrite it")
    target_dir.mkdir(parents=True, exist_ok=True)
    soffice = find_soffice()
    with _convert_lock:
        if _convert_profile is None:
            _convert_profile = make_profile(recalc_on_load=True)
        target.unlink(missing_ok=True)
        command = [
            str(soffice),
            f"-env:UserInstallation={_convert_profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(target_dir),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise LibreOfficeError(
                f"soffice did not convert {source.name} to {fmt} within {timeout} s"
            ) from exc
    if not target.exists():
        raise LibreOfficeError(
            f"soffice did not write {target.name} (exit code {done.returncode}):\n"
            f"{done.stdout}{done.stderr}".rstrip()
        )
    return target


# One page per sheet, however large: the PDF export's "whole sheet export" switch.
_SHEET_PER_PAGE = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}'


def render_png(
    xlsx_path: str | Path, outdir: str | Path, dpi: int = 60, per_sheet: bool = False
) -> list[Path]:
    """Draw a workbook as PNG pictures, the way LibreOffice prints it.

    The workbook is recalculated, printed to PDF and each page drawn at ``dpi`` dots per inch
    by poppler's ``pdftoppm``.

    Parameters
    ----------
    xlsx_path : str or Path
        The workbook (xlsx or xlsm).
    outdir : str or Path
        Folder for the PDF and the pictures; earlier pictures of this workbook are replaced.
    dpi : int
        Resolution; 60 gives a 497 × 702 pixel A4 page.
    per_sheet : bool
        ``False`` (default): one picture per printed page, ``<workbook>-<page>.png``; each
        sheet's print settings apply (paper, landscape, fit to pages), pages run sheet by
        sheet in tab order, hidden and empty sheets print nothing.
        ``True``: one picture per sheet, ``<workbook>-<sheet name>.png``, each sheet whole on
        one page regardless of its print settings; hidden sheets included, an empty sheet
        gives a one-pixel-high strip.

    Returns
    -------
    list of Path
        The pictures in page (or tab) order.

    Raises
    ------
    LibreOfficeMissing
        If soffice or pdftoppm is not installed.
    LibreOfficeError
        If the workbook prints no page, or (``per_sheet``) not one page per sheet.

    Examples
    --------
    >>> render_png("plan.xlsx", "shots", per_sheet=True)  # doctest: +SKIP
    [PosixPath('shots/plan-План.png'), PosixPath('shots/plan-Факт.png')]
    """
    pdftoppm = _find_pdftoppm()
    pdf = convert(xlsx_path, _SHEET_PER_PAGE if per_sheet else "pdf", outdir)
    for old in pdf.parent.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    # Draw into a scratch folder first: a sheet named "2" must not overwrite page 2.
    with tempfile.TemporaryDirectory(dir=pdf.parent) as scratch:
        subprocess.run(
            [pdftoppm, "-png", "-r", str(int(dpi)), str(pdf), f"{scratch}/page"],
            capture_output=True,
            timeout=300,
            check=True,
        )
        drawn = sorted(Path(scratch).glob("page-*.png"), key=lambda p: int(p.stem[5:]))
        if not drawn:
            raise LibreOfficeError(f"{pdf.stem} printed no page")
        names = [str(n) for n in range(1, len(drawn) + 1)]
        if per_sheet:
            with zipfile.ZipFile(existing(xlsx_path)) as archive:
                names = [name for name, _ in sheet_parts(archive)]
            if len(names) != len(drawn):
                raise LibreOfficeError(
                    f"{pdf.stem} has {len(names)} sheets but LibreOffice printed {len(drawn)} pages"
                )
        return [
            page.replace(pdf.parent / f"{pdf.stem}-{name}.png")
            for page, name in zip(drawn, names, strict=True)
        ]


@dataclass(frozen=True)
class Cell:
    """One cell as LibreOffice sees it.

    ``value`` is a float, text, bool, ``None`` (empty) or, when ``error`` is true, the error
    code as LibreOffice shows it: ``"#NAME?"``, ``"#DIV/0!"``, ... or ``"Err:502"`` for
    LibreOffice's own codes that Excel has no name for. ``formula`` is ``None`` for a constant,
    else the formula in LibreOffice's API notation (``;`` between arguments, ``$Sheet.A1``
    for another sheet), e.g. ``"=IFERROR(1/0;"")"``.
    """

    value: float | str | bool | None
    formula: str | None = None
    error: bool = False


Sheets = dict[str, list[list[Cell]]]


def _cell(wire: list[Any]) -> Cell:
    value, formula = wire
    if isinstance(value, dict):
        return Cell(value["e"], formula, error=True)
    return Cell(value, formula)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class UnoSession:
    """One LibreOffice kept running for many workbooks; use it as a context manager.

    Each request has a time limit; if soffice dies or stops answering, the session starts a
    new one (a request that crashed soffice is tried once more). Leaving the ``with`` block,
    even on an exception, stops soffice and removes its profile. One request at a time: do
    not share a session between threads.

    Parameters
    ----------
    timeout : float
        Seconds allowed per request (load + work + close of one workbook).
    start_timeout : float
        Seconds allowed for soffice to start listening.

    Raises
    ------
    LibreOfficeMissing
        If soffice or Python-UNO is not installed.

    Examples
    --------
    >>> with UnoSession() as lo:  # doctest: +SKIP
    ...     sheets = lo.recalc("plan.xlsx")
    ...     sheets["Plan"][0][1].value  # B1
    6.0
    """

    def __init__(self, timeout: float = 60, start_timeout: float = 60) -> None:
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._soffice_path = find_soffice()
        self._python = find_uno_python()
        self._soffice: subprocess.Popen[bytes] | None = None
        self._worker: subprocess.Popen[str] | None = None
        self._replies: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._profile: Path | None = None
        self._next_id = 0
        self.starts = 0  # more than 1: soffice died or hung and was replaced
        atexit.register(self.close)

    def __enter__(self) -> UnoSession:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self) -> None:
        """Start soffice and the worker (done by ``with``); waits until both answer."""
        self.close()
        self.starts += 1
        self._profile = make_profile(recalc_on_load=False)
        port = _free_port()
        self._soffice = subprocess.Popen(
            [
                str(self._soffice_path),
                f"-env:UserInstallation={self._profile.as_uri()}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                f"--accept=socket,host=127.0.0.1,port={port};urp;",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(self._profile / "soffice.log").open("wb"),
            start_new_session=True,  # soffice forks soffice.bin; stop them as one group
        )
        self._worker = subprocess.Popen(
            [str(self._python), str(WORKER), str(port), str(self.start_timeout)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(self._profile / "worker.log").open("wb"),
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        self._replies = queue.Queue()
        threading.Thread(
            target=self._listen, args=(self._worker, self._replies), daemon=True
        ).start()
        self._await(0, "start", self.start_timeout + 5)

    @staticmethod
    def _listen(worker: subprocess.Popen[str], replies: queue.Queue[dict[str, Any] | None]) -> None:
        assert worker.stdout is not None
        for line in worker.stdout:
            replies.put(json.loads(line))
        replies.put(None)  # the worker is gone

    def _log_tail(self) -> str:
        if self._profile is None:
            return ""
        logs = (self._profile / name for name in ("worker.log", "soffice.log"))
        text = "".join(p.read_text(errors="replace") for p in logs if p.exists())
        return text[-2000:]

    def _await(self, request_id: int, what: str, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply = self._replies.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                log = self._log_tail()
                self.close()
                raise LibreOfficeError(
                    f"LibreOffice did not finish {what} within {timeout:g} s\n{log}".rstrip()
                ) from None
            if reply is None:
                raise _Died(f"LibreOffice stopped during {what}\n{self._log_tail()}".rstrip())
            if reply["id"] != request_id:
                continue  # a late answer to a request that already timed out
            if not reply["ok"]:
                if self._soffice is not None and self._soffice.poll() is not None:
                    raise _Died(f"LibreOffice crashed during {what}: {reply['error']}")
                raise LibreOfficeError(f"LibreOffice failed {what}: {reply['error']}")
            return reply["result"]

    def _request(self, op: str, what: str, **fields: Any) -> Any:
        for attempt in (1, 2):
            if self._worker is None or self._worker.poll() is not None:
                self.start()
            assert self._worker is not None and self._worker.stdin is not None
            self._next_id += 1
            message = json.dumps({"id": self._next_id, "op": op, **fields}, ensure_ascii=False)
            try:
                self._worker.stdin.write(message + "\n")
                self._worker.stdin.flush()
                return self._await(self._next_id, what, self.timeout)
            except (_Died, BrokenPipeError) as exc:
                self.close()
                if attempt == 2:
                    raise LibreOfficeError(str(exc)) from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Stop the worker and soffice and remove the profile; safe to call twice."""
        for process in (self._worker, self._soffice):
            if process is None:
                continue
            if process.stdin is not None:
                process.stdin.close()
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(10)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(10)
        self._worker = self._soffice = None
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    def _read(self, path: str | Path, recalc: bool) -> Sheets:
        source = existing(path)
        what = f"{'recalculating' if recalc else 'reading'} {source.name}"
        result = self._request("read", what, path=str(source), recalc=recalc)
        return {name: [[_cell(c) for c in row] for row in rows] for name, rows in result["sheets"]}

    def recalc(self, path: str | Path) -> Sheets:
        """Open a workbook, recalculate every formula, and read every sheet.

        Returns
        -------
        dict
            Sheet name (in tab order) → rows from row 1 to the last used row, each a list of
            :class:`Cell` from column A to the last used column, so ``sheets["Plan"][1][2]``
            is cell C2.
        """
        return self._read(path, recalc=True)

    def cached(self, path: str | Path) -> Sheets:
        """Read a workbook as saved, without recalculating; same shape as :meth:`recalc`.

        LibreOffice still computes on load what has no cached value, array formulas and
        volatile functions (NOW, RAND, OFFSET, INDIRECT);
        :func:`libreoffice.cached.read_cached_values` reads the file's own values.
        """
        return self._read(path, recalc=False)

    def save_as(
        self, path: str | Path, out: str | Path, filter: str | None = None, recalc: bool = True
    ) -> Path:
        """Save a workbook as LibreOffice writes it, like a planner who opens it and saves.

        Parameters
        ----------
        path, out : str or Path
            The workbook, and where to write its re-saved copy.
        filter : str, optional
            LibreOffice filter name; by default chosen from ``out``'s extension
            (``.xlsx``, ``.xlsm``, ``.ods``, ``.pdf``, ``.csv``).
        recalc : bool
            Recalculate before saving (default), so the copy carries LibreOffice's values.
        """
        source, target = existing(path), Path(out).resolve()
        self._request(
            "save_as",
            f"saving {source.name} as {target.name}",
            path=str(source),
            out=str(target),
            filter=filter or _filter_for(target),
            recalc=recalc,
        )
        return target

    def edit(self, path: str | Path, steps: list[dict[str, Any]], out: str | Path) -> Path:
        """Edit a workbook in LibreOffice as a planner would, and save it to ``out``.

        Each step is a dict: ``{"do": "insert_rows", "sheet": S, "at": 0, "count": 3}`` (0-based
        row), ``{"do": "insert_cells_down", "sheet": S, "range": "A5:H9"}``,
        ``{"do": "move_range", "sheet": S, "range": "J5:N9", "to": "J30"}``,
        ``{"do": "set", "sheet": S, "cell": "B2", "value": 5 | "text" | "=formula"}``,
        ``{"do": "rename_sheet", "sheet": S, "name": N}``, ``{"do": "add_sheet", "name": N}``.
        The engine moves every reference with the cells: formulas, names, tables, validation.
        """
        source, target = existing(path), Path(out).resolve()
        self._request(
            "edit",
            f"editing {source.name}",
            path=str(source),
            steps=steps,
            out=str(target),
            filter=_filter_for(target),
        )
        return target

    def run_macro(
        self,
        path: str | Path,
        macro: str,
        save_to: str | Path | None = None,
        filter: str | None = None,
    ) -> Any:
        """Run a VBA macro of a workbook in LibreOffice and optionally save the result.

        LibreOffice runs the document's VBA project through its Basic engine; if any module
        fails to compile there, every macro silently does nothing, so check its effects.
        ``ThisWorkbook.Save`` in a macro does not reach the disk: pass ``save_to`` instead.

        Parameters
        ----------
        path : str or Path
            The ``.xlsm``/``.xlam`` carrying the VBA project.
        macro : str
            ``"Module.Sub"``, e.g. ``"Refresh.RefreshAll"``.
        save_to : str or Path, optional
            Where to store the workbook after the macro ran.
        filter : str, optional
            Filter for ``save_to``; by default from its extension (``.xlsm`` keeps the VBA).

        Returns
        -------
        object
            What the macro returned (``None`` for a Sub).
        """
        source = existing(path)
        target = None if save_to is None else Path(save_to).resolve()
        result = self._request(
            "run_macro",
            f"running {macro} in {source.name}",
            path=str(source),
            macro=macro,
            save_to=None if target is None else str(target),
            filter=None if target is None else (filter or _filter_for(target)),
        )
        return result["result"]


class _Died(Exception):
    """The worker or soffice is gone."""


def existing(path: str | Path) -> Path:
    source = Path(path).resolve()
    if not source.is_file():
        raise FileNotFoundError(f"path: no workbook at {source}")
    return source


def _filter_for(target: Path) -> str:
    try:
        return FILTERS[target.suffix.lower()]
    except KeyError:
        raise ValueError(
            f"filter: no default LibreOffice filter for {target.name!r}"
            f" (known extensions: {', '.join(FILTERS)}); pass filter="
        ) from None


_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def part_xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    """A part of the package, parsed (the files read here are our own or LibreOffice's)."""
    with archive.open(name) as stream:
        return etree.parse(stream).getroot()


def sheet_parts(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """(sheet name, part name inside the zip) in tab order."""
    targets = {
        rel.get("Id"): rel.get("Target")
        for rel in part_xml(archive, "xl/_rels/workbook.xml.rels").iter("{*}Relationship")
    }
    for sheet in part_xml(archive, "xl/workbook.xml").iter("{*}sheet"):
        target = targets[sheet.get(_RELS)]
        yield sheet.get("name"), target.lstrip("/") if target.startswith("/") else f"xl/{target}"
