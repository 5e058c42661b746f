"""The ribbon's buttons in Python: what *Refresh all*, *Check inputs*, … do in Excel.

The VBA callbacks (``macros/Ribbon.bas``) call these through xlwings::

    RunPython "import xlsalesplan.macros as m; m.refresh_all()"

Each function takes the calling workbook (``xw.Book.caller()``) or an explicit ``book`` and
runs the same plan code as the command line through :class:`~xlsalesplan.io.livedoor.LiveDoor`:
screen updating off while it works, progress in the status bar, and any problem shown in ONE
message listing ``Sheet!Cell: reason`` — nothing is written while any remains.

Examples
--------
>>> import xlsalesplan.macros as m
>>> m.refresh_all(xw.Book("Plan2027.xlsm"))             # doctest: +SKIP
"""

from __future__ import annotations

import getpass
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xlsalesplan.io.doors.livedoor import LiveDoor, excel_input
from xlsalesplan.io.layout import GUIDE_SHEET, SHEET_BY_KEY, SHEETS, TABLES
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.periods import freeze_file, roll_forward, values_path
from xlsalesplan.io.planio import PlanProblems, checked
from xlsalesplan.io.refresh import refresh
from xlsalesplan.io.vba.prebuilt import ribbon_xml

TITLE = {"ru": "План продаж", "en": "Sales plan"}
MAX_LINES = 25  # Excel's message box shows about 1,000 characters
README = 'README.md, «In Excel» / "In Excel" (pip show -f xlsalesplan)'

TEXTS = {
    "ru": {
        "working": "План продаж: {what}…",
        "refreshed": "Обновлено: {rows} строк в таблицах результатов.",
        "up_to_date": "План актуален: результаты не изменились, ничего не записано.",
        "warnings": "Предупреждения (план посчитан):",
        "fine": "Входные данные в порядке.",
        "problems": "Найдено проблем: {n}. Ничего не записано.",
        "more": "… и ещё {n}",
        "no_outputs": "На листе «{sheet}» нет таблиц результатов. Листы с результатами: {sheets}.",
        "freeze_ask": (
            "Заменить формулы значениями?\n\nДа — в этой книге.\n"
            "Нет — сохранить книгу и записать копию без формул и макросов:\n{copy}\n"
            "Отмена — ничего не делать."
        ),
        "frozen": "Формулы заменены значениями: {n} листов.",
        "frozen_copy": "Копия без формул записана:\n{copy}",
        "unsaved": "Сохраните книгу на диск, чтобы записать копию рядом с ней.",
        "rolled": "Новый период:\n{changes}",
        "approve_ask": (
            "Утвердить текущий план как новую версию?\n\nУтверждает: {by}\n"
            "Книга будет обновлена; версия записывается в хранилище плана и не меняется."
        ),
        "approved": "Утверждена версия {number}: {by}, {when}.",
        "history": "История: обновлений — {refreshes}; утверждённых версий — {versions}.",
        "store": "Хранилище плана недоступно, ничего не записано:\n{error}",
        "help": (
            "{buttons}\n\nКак заполнять таблицы: лист «{guide}».\n"
            "Формулы: =DECOMPOSE, =BALANCE, =SEASONALITY, … "
            "(категория xlsalesplan).\nРуководство: {readme}"
        ),
    },
    "en": {
        "working": "Sales plan: {what}…",
        "refreshed": "Refreshed: {rows} rows in the output tables.",
        "up_to_date": "The plan is up to date: no output changed, nothing was written.",
        "warnings": "Warnings (the plan was computed):",
        "fine": "The inputs are fine.",
        "problems": "{n} problem(s) found. Nothing was written.",
        "more": "… and {n} more",
        "no_outputs": "Sheet '{sheet}' has no output tables. Sheets with outputs: {sheets}.",
        "freeze_ask": (
            "Replace the formulas by their values?\n\nYes: in this workbook.\n"
            "No: save the workbook and write a copy without formulas or macros:\n{copy}\n"
            "Cancel: do nothing."
        ),
        "frozen": "Formulas replaced by values on {n} sheets.",
        "frozen_copy": "Copy without formulas written:\n{copy}",
        "unsaved": "Save the workbook to disk first, so that the copy can go beside it.",
        "rolled": "New period:\n{changes}",
        "approve_ask": (
            "Approve the current plan as a new version?\n\nApproved by: {by}\n"
            "The workbook is refreshed; the version goes into the plan store and never changes."
        ),
        "approved": "Version {number} approved: {by}, {when}.",
        "history": "History: {refreshes} refresh(es); {versions} approved version(s).",
        "store": "The plan store cannot be used; nothing was written:\n{error}",
        "help": (
            "{buttons}\n\nHow to fill in the tables: the '{guide}' sheet.\n"
            "Formulas: =DECOMPOSE, =BALANCE, =SEASONALITY, … "
            "(category xlsalesplan).\nGuide: {readme}"
        ),
    },
}


def _caller(book: Any) -> Any:
    if book is not None:
        return book
    import xlwings as xw  # only where a workbook calls in

    return xw.Book.caller()


def book_language(book: Any) -> str:
    """The workbook's language, told by its sheet names (Russian unless the English ones)."""
    names = {sheet.name for sheet in book.sheets}
    return "en" if SHEETS[0].name("en") in names and SHEETS[0].name("ru") not in names else "ru"


def _say(book: Any, key: str, **values: Any) -> Any:
    lang = book_language(book)
    return book.app.alert(TEXTS[lang][key].format(**values), title=TITLE[lang])


def problem_message(lang: str, lines: list[str]) -> str:
    """One message for every problem: a count, then ``Sheet!Cell: reason`` lines."""
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(TEXTS[lang]["more"].format(n=len(lines) - MAX_LINES))
    return TEXTS[lang]["problems"].format(n=len(lines)) + "\n\n" + "\n".join(shown)


@contextmanager
def busy(book: Any, what: str) -> Iterator[Callable[[str], None]]:
    """Screen updating off and progress in the status bar; both restored afterwards."""
    app = book.app
    template = TEXTS[book_language(book)]["working"]
    app.screen_updating = False
    app.status_bar = template.format(what=what)
    try:
        yield lambda step: setattr(app, "status_bar", template.format(what=step))
    finally:
        app.status_bar = False  # hands the status bar back to Excel
        app.screen_updating = True


def _guarded(
    book: Any,
    what: str,
    action: Callable[[LiveDoor, Callable[[str], None]], Any],
    door: LiveDoor | None = None,
) -> Any:
    """Run ``action`` on the workbook; problems become one message and nothing is written."""
    lang = book_language(book)
    with busy(book, what) as progress:
        try:
            return action(door or LiveDoor(book), progress)
        except PlanProblems as problems:
            book.app.alert(problem_message(lang, problems.lines), title=TITLE[lang])
        except WorkbookError as exc:
            book.app.alert(str(exc), title=TITLE[lang])
        except Exception as exc:
            if not _is_store_error(exc):
                raise
            book.app.alert(TEXTS[lang]["store"].format(error=exc), title=TITLE[lang])
    return None


def _is_store_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the plan store's one-line error (the store is loaded by then)."""
    errors = sys.modules.get("xlsalesplan.store.errors")
    return errors is not None and isinstance(exc, errors.StoreError)


def _report(book: Any, done: Any) -> None:
    """What a refresh did, and its warnings, in one message."""
    lang = book_language(book)
    text = TEXTS[lang]["refreshed" if done.written else "up_to_date"].format(rows=done.rows)
    if done.warnings:
        shown = done.warnings[:MAX_LINES]
        text += "\n\n" + TEXTS[lang]["warnings"] + "\n" + "\n".join(shown)
    book.app.alert(text, title=TITLE[lang])


def _recorder() -> Any:
    """The plan's history, recorded by a refresh (its store opened only when it writes)."""
    from xlsalesplan.records.history import recorder

    return recorder()


def refresh_all(book: Any = None) -> None:
    """*Refresh all*: check the inputs, compute the plan and fill every output table."""
    book = _caller(book)
    outputs = _guarded(
        book,
        "refresh",
        lambda door, progress: refresh(door, book.name, progress=progress, record=_recorder()),
    )
    if outputs is not None:
        _report(book, outputs)


class _OneSheet(LiveDoor):
    """The live door writing only the output tables (and the stamp) of one sheet."""

    def __init__(self, book: Any, sheet: str):
        super().__init__(book)
        self.sheet = sheet

    def write_table(self, name: str, rows: Any) -> None:
        if self.read_header(name)[1] == self.sheet:
            super().write_table(name, rows)

    def write_block(self, sheet: str, row: int, col: int, rows: Any) -> None:
        if sheet == self.sheet:
            super().write_block(sheet, row, col, rows)


def refresh_sheet(book: Any = None) -> None:
    """*Refresh this sheet*: the whole plan is computed, only the active sheet's tables written."""
    book = _caller(book)
    sheet = book.sheets.active.name
    door = _OneSheet(book, sheet)
    outputs = [t.name for t in TABLES.values() if t.output]
    if not any(door.read_header(name)[1] == sheet for name in outputs):
        lang = book_language(book)
        with_outputs = [s.name(lang) for s in SHEETS if any(t.output for t in s.tables)]
        _say(book, "no_outputs", sheet=sheet, sheets=", ".join(with_outputs))
        return
    outputs = _guarded(
        book, sheet, lambda d, progress: refresh(d, book.name, record=_recorder()), door
    )
    if outputs is not None:
        _report(book, outputs)


def check(book: Any = None) -> None:
    """*Check inputs*: one message listing every bad cell, or that the inputs are fine (with
    the warnings, if any)."""
    book = _caller(book)
    found = _guarded(book, "check", lambda door, _: checked(door, book.name))
    if found is not None:
        lang = book_language(book)
        text = TEXTS[lang]["fine"]
        if found[1]:
            text += "\n\n" + TEXTS[lang]["warnings"] + "\n" + "\n".join(found[1][:MAX_LINES])
        book.app.alert(text, title=TITLE[lang])


def freeze_book(book: Any) -> int:
    """Replace every formula of the workbook by its value, one read and one write per sheet."""
    frozen = 0
    for sheet in book.sheets:
        used = sheet.used_range
        formulas = used.options(ndim=2).formula
        if not any(isinstance(f, str) and f.startswith("=") for row in formulas for f in row):
            continue
        values = used.options(ndim=2, err_to_str=True).value
        used.formula = [[excel_input(v) for v in row] for row in values]
        frozen += 1
    return frozen


def freeze_values(book: Any = None, in_place: bool | None = None) -> Path | int | None:
    """*Freeze values*: formulas → values, in this workbook or in a copy ``…-values.xlsx``.

    Parameters
    ----------
    book : xlwings.Book, optional
        The workbook (default: the one whose button was pressed).
    in_place : bool, optional
        True: freeze this workbook; False: save it and write a frozen copy beside it without
        macros; None (default): ask the planner (Yes / No / Cancel).

    Returns
    -------
    The number of sheets frozen in place, the copy's path, or None when cancelled.
    """
    book = _caller(book)
    path = Path(str(book.fullname))
    copy = values_path(path)
    if in_place is None:
        lang = book_language(book)
        answer = book.app.alert(
            TEXTS[lang]["freeze_ask"].format(copy=copy), title=TITLE[lang], buttons="yes_no_cancel"
        )
        if answer not in ("yes", "no"):
            return None
        in_place = answer == "yes"
    if in_place:
        with busy(book, "freeze"):
            frozen = freeze_book(book)
        _say(book, "frozen", n=frozen)
        return frozen
    if not path.parent.is_dir() or not path.is_absolute():
        _say(book, "unsaved")
        return None
    with busy(book, "freeze"):
        book.save()
        written = freeze_file(path, copy)
    _say(book, "frozen_copy", copy=written)
    return written


def new_period(book: Any = None) -> list[str] | None:
    """*New period*: roll the plan forward a year (:func:`xlsalesplan.io.periods.roll_forward`)."""
    book = _caller(book)
    changes = _guarded(book, "new period", lambda door, _: roll_forward(door, book.name))
    if changes is not None:
        _say(book, "rolled", changes="\n".join(f"• {c}" for c in changes))
    return changes


def _activate(book: Any, key: str) -> None:
    """Show the sheet of the layout's ``key`` (where the sheets can be activated)."""
    name = SHEET_BY_KEY[key].name(book_language(book))
    for sheet in book.sheets:
        if sheet.name == name and hasattr(sheet, "activate"):
            sheet.activate()


def show_scenarios(book: Any = None) -> None:
    """*Scenarios*: compute the plan and its scenarios, write the Scenarios sheet, show it.

    The plan's other sheets are not written (as *Refresh this sheet* on the Scenarios sheet).
    """
    book = _caller(book)
    sheet = SHEET_BY_KEY["scenarios"].name(book_language(book))
    door = _OneSheet(book, sheet)
    done = _guarded(
        book, sheet, lambda d, progress: refresh(d, book.name, record=_recorder()), door
    )
    if done is not None:
        _activate(book, "scenarios")
        _report(book, done)


def _user(book: Any) -> str:
    """Who presses the button: Excel's user name, else the system's."""
    try:
        name = str(book.app.api.UserName or "").strip()
    except Exception:  # no COM object (Lite, tests): the account's name
        name = ""
    return name or getpass.getuser()


def approve(book: Any = None, by: str | None = None) -> Any:
    """*Approve*: after a confirmation, refresh the plan and record it as the next approved
    version in its store (:func:`xlsalesplan.records.team.approve`, as ``xlsalesplan approve``)."""
    from xlsalesplan.records.team import approve as approve_plan

    book = _caller(book)
    lang = book_language(book)
    name = (by or _user(book)).strip()
    answer = book.app.alert(
        TEXTS[lang]["approve_ask"].format(by=name), title=TITLE[lang], buttons="yes_no"
    )
    if answer != "yes":
        return None
    done = _guarded(
        book,
        "approve",
        lambda door, progress: approve_plan(door, book.name, name, progress=progress),
    )
    if done is not None:
        when = done.version.approved_at.astimezone().strftime("%d.%m.%Y %H:%M")
        _say(book, "approved", number=done.version.number, by=done.version.approved_by, when=when)
    return done


def show_history(book: Any = None) -> Any:
    """*History*: rewrite the History sheet from the plan store and show it (the plan's
    outputs are not touched; as ``xlsalesplan history``)."""
    from xlsalesplan.records.team import show_history as history

    book = _caller(book)
    done = _guarded(book, "history", lambda door, _: history(door, book.name))
    if done is not None:
        _activate(book, "history")
        _say(book, "history", refreshes=done.refreshes, versions=len(done.versions))
    return done


def buttons_help(lang: str) -> str:
    """One line per ribbon button: its label and its tip, from the ribbon's own XML."""
    ribbon = ribbon_xml(lang)
    pairs = re.findall(r'<button [^>]*label="([^"]+)"[^>]*screentip="([^"]+)"', ribbon)
    return "\n".join(f"{label} — {tip}." for label, tip in pairs)


def show_help(book: Any = None) -> None:
    """*Help*: what each button does and where the guide is."""
    book = _caller(book)
    lang = book_language(book)
    guide = GUIDE_SHEET[0] if lang == "ru" else GUIDE_SHEET[1]
    _say(book, "help", buttons=buttons_help(lang), readme=README, guide=guide)
