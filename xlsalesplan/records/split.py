"""The staff discussion: one small workbook per person or region, and their proposals collected.

``split`` writes, for each employee with a goal (or each region with a plan), a workbook with
their goals by month and for the year — revenue, and each unit of their tier: leads, meetings,
deals, clients — (a region's: its plan and its targets by product) and two columns
to fill in: the value they propose and a comment. Everything else on the sheet is protected
(without a password: it guards against slips, not people). The workbook carries, in its
document properties, the plan's ID, whom it is for and what it holds, so that ``collect`` can
refuse a workbook that is not one of these, or belongs to another plan — by its name, before
anything is collected.

``collect`` reads the proposals (rows with a proposed value or a comment), adds them to the
plan's store — collecting a workbook again updates its proposals in place, never doubles them —
and rewrites the plan's Proposals table with every proposal the plan has. Nothing else in the
plan changes: accepting a proposal is an input change the head makes.

A proposal names the cell it is about as ``"<row> / <column key>"``: ``"Белов Михаил / m03"``
(March goal), ``"Белов Михаил / total"`` (the year goal), ``"Москва / m03"`` (a region's March
plan), ``"Москва / Оборудование / revenue"`` (a target).

Examples
--------
>>> split_file("Plan.xlsm", "employee", "discussion")           # doctest: +SKIP
[PosixPath('discussion/Белов Михаил.xlsx'), ...]
>>> collect_files("Plan.xlsm", ["discussion/Белов Михаил.xlsx"])  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from lxml import etree

from xlsalesplan.io.doors.atomic import atomic_write, backup_names, workbook_lock
from xlsalesplan.io.doors.filedoor import FileDoor
from xlsalesplan.io.layout import MONTHS as MONTH_NAMES
from xlsalesplan.io.layout import TABLE_OF_MODEL
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.safety import WorkbookError
from xlsalesplan.io.ooxml.tables import find_table
from xlsalesplan.io.planio import raise_problems, read_inputs
from xlsalesplan.io.recordbook import (
    ensure_plan_id,
    region_plans,
    setting_text,
    write_record,
)
from xlsalesplan.plan import labels
from xlsalesplan.plan.compute import PlanInputError, compute
from xlsalesplan.plan.model import MONTHS
from xlsalesplan.plan.schema import pick
from xlsalesplan.plan.tables import TABLES
from xlsalesplan.plan.values import blank
from xlsalesplan.records.plan_store import open_plan_store

__all__ = ["BY", "CollectRefused", "Collected", "collect_files", "split_file", "what_text"]

BY = ("employee", "region")
TABLE = "tblProposal"
KIND = "proposals"
# Document properties of a staff workbook.
PROPERTY = {
    "kind": "xlsalesplan",
    "plan": "xlsalesplan plan_id",
    "who": "xlsalesplan for",
    "by": "xlsalesplan by",
}
HEADERS = {
    "key": ("Ключ", "Key"),
    "what": ("Что", "What"),
    "current": ("Сейчас в плане", "In the plan now"),
    "proposed": ("Предлагаю", "I propose"),
    "comment": ("Комментарий", "Comment"),
}
TEXTS = {
    "sheet": ("Предложения", "Proposals"),
    "title_employee": ("План продаж {year}: цели — {who}", "Sales plan {year}: goals of {who}"),
    "title_region": ("План продаж {year}: регион {who}", "Sales plan {year}: region {who}"),
    "about": ("{company} · план {plan}", "{company} · plan {plan}"),
    "how": (
        "Впишите в зелёные ячейки значение, которое предлагаете, и комментарий, сохраните файл "
        "и верните его руководителю.",
        "Type the value you propose and a comment into the green cells, save the file and "
        "send it back to your head.",
    ),
    "month": ("Цель на {month}", "Goal for {month}"),
    "region_month": ("План на {month}", "Plan for {month}"),
    "year": ("Цель на год", "Goal for the year"),
    "unit_month": ("{unit}: цель на {month}", "{unit}: goal for {month}"),
    "unit_year": ("{unit}: цель на год", "{unit}: goal for the year"),
    "region_year": ("План на год", "Plan for the year"),
    "target": ("Цель «{product}»: {column}", "Target '{product}': {column}"),
    "exists": (
        "уже есть; добавьте --force, чтобы заменить (прежний файл сохранится как {backup})",
        "already exists; use --force to replace it (it is then kept as {backup})",
    ),
    "nobody": ("в плане нет ни одного {what} с целью", "the plan has no {what} with a goal"),
    "not_ours": (
        "это не книга предложений xlsalesplan (её не писал split)",
        "not a proposal workbook of xlsalesplan (split did not write it)",
    ),
    "other_plan": (
        "книга предложений другого плана ({other}), не этого ({plan})",
        "a proposal workbook of another plan ({other}), not of this one ({plan})",
    ),
    "no_plan_id": (
        "у плана нет идентификатора: из него ещё ничего не разделяли (split)",
        "the plan has no ID: nothing has been split from it yet",
    ),
    "not_number": ("«{value}» — не число", "'{value}' is not a number"),
    "no_table": ("в книге нет таблицы {table}", "the workbook has no table {table}"),
    "unknown_row": (
        "строка «{key}» не из этой книги (её ключ изменён)",
        "row '{key}' is not one this workbook was written with (its key was changed)",
    ),
}
# What a target row of a region's workbook offers to discuss.
TARGET_COLUMNS = ("revenue", "avg_deal")


def _t(lang: str, key: str, **values: Any) -> str:
    return pick(lang, TEXTS[key]).format(**values)


def what_text(key: str, lang: str) -> str:
    """A proposal's cell key as the Proposals table shows it: the column in words.

    Examples
    --------
    >>> what_text("Белов Михаил / m03", "ru"), what_text("Москва / Оборудование / revenue", "en")
    ('Белов Михаил / Мар', 'Москва / Оборудование / Annual revenue')
    """
    row, _, column = key.rpartition(" / ")
    if column in MONTHS:
        shown = MONTH_NAMES[lang][MONTHS.index(column)]
    elif column == "total":
        shown = pick(lang, ("Год", "Year"))
    elif column in TABLES["targets"].keys:
        shown = TABLES["targets"].column(column).header(lang)
    else:
        return key
    return f"{row} / {shown}"


def _file_name(name: str) -> str:
    """A file name for a person or region: the characters no file system takes replaced."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .") or "_"
    return cleaned[:120]


# ----------------------------------------------------------------------------- split


def _months(prefix: str, values: pd.Series, month: str, year: str, lang: str, **named: Any):
    """A row per month and one for the year: key, what (in words), the figure now."""
    rows = [
        [f"{prefix} / {m}", _t(lang, month, month=MONTH_NAMES[lang][i], **named), float(values[m])]
        for i, m in enumerate(MONTHS)
    ]
    rows.append([f"{prefix} / total", _t(lang, year, **named), float(values[MONTHS].sum())])
    return rows


def _rows_employee(who: str, revenue: pd.DataFrame, units: pd.DataFrame, lang: str) -> list[list]:
    """A person's revenue goals (if they sell) and their goals in each unit of their tier
    (leads, meetings, deals, clients): a lead generator discusses leads, not revenue."""
    rows = []
    for _, goals in revenue[revenue["employee"].astype(str) == who].iterrows():
        if float(goals[MONTHS].sum()) > 0:
            rows += _months(who, goals, "month", "year", lang)
    for _, goals in units[units["employee"].astype(str) == who].iterrows():
        unit = str(goals["unit"])
        rows += _months(f"{who} / {unit}", goals, "unit_month", "unit_year", lang, unit=unit)
    return rows


def _rows_region(region: str, plan: pd.Series, targets: pd.DataFrame, lang: str) -> list[list]:
    rows = _months(region, plan, "region_month", "region_year", lang)
    mine = targets[targets["region"].astype(str) == region]
    for _, target in mine.iterrows():
        for column in TARGET_COLUMNS:
            header = TABLES["targets"].column(column).header(lang)
            rows.append(
                [
                    f"{region} / {target['product']} / {column}",
                    _t(lang, "target", product=target["product"], column=header),
                    float(target[column]),
                ]
            )
    return rows


def staff_workbook(
    rows: list[list[Any]], who: str, by: str, settings: dict[str, Any], plan_id: str, lang: str
) -> bytes:
    """One person's (or region's) workbook: their figures and the columns to propose in."""
    buffer = BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    wb.set_properties({"title": _t(lang, f"title_{by}", year=settings.get("plan_year"), who=who)})
    for key, value in (("kind", KIND), ("plan", plan_id), ("who", who), ("by", by)):
        wb.set_custom_property(PROPERTY[key], value)
    ws = wb.add_worksheet(_t(lang, "sheet"))
    title = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F3864"})
    grey = wb.add_format({"italic": True, "font_color": "#7F7F7F"})
    money = wb.add_format({"num_format": "#,##0"})
    entry = wb.add_format({"num_format": "#,##0", "locked": False, "bg_color": "#E2EFDA"})
    note = wb.add_format({"locked": False, "bg_color": "#E2EFDA", "text_wrap": True})
    year = settings.get("plan_year")
    year = int(year) if isinstance(year, float) and year.is_integer() else year
    ws.write(0, 0, _t(lang, f"title_{by}", year=year, who=who), title)
    company = setting_text(settings, "company")
    ws.write(1, 0, _t(lang, "about", company=company, plan=plan_id), grey)
    ws.write(2, 0, _t(lang, "how"), grey)
    header_row = 4
    columns = [
        {"header": pick(lang, HEADERS[k]), "format": f}
        for k, f in (
            ("what", None),
            ("current", money),
            ("proposed", entry),
            ("comment", note),
            ("key", None),
        )
    ]
    last = header_row + max(len(rows), 1)
    ws.add_table(header_row, 0, last, 4, {"name": TABLE, "columns": columns, "autofilter": False})
    for i, (key, what, current) in enumerate(rows):
        r = header_row + 1 + i
        ws.write_string(r, 0, what)
        ws.write_number(r, 1, current, money)
        ws.write_blank(r, 2, None, entry)
        ws.write_blank(r, 3, None, note)
        ws.write_string(r, 4, key)
    ws.data_validation(
        header_row + 1, 2, last, 2, {"validate": "decimal", "criteria": ">=", "value": 0}
    )
    ws.set_column(0, 0, 34)
    ws.set_column(1, 2, 16)
    ws.set_column(3, 3, 48)
    ws.set_column(4, 4, 30, None, {"hidden": True})
    ws.protect("", {"autofilter": True, "sort": True, "format_columns": True})
    ws.freeze_panes(header_row + 1, 0)
    ws.activate()
    wb.close()
    return buffer.getvalue()


def _write_new(path: Path, data: bytes, force: bool, lang: str) -> Path:
    if path.exists() and not force:
        raise WorkbookError(path, _t(lang, "exists", backup=backup_names(path, 1)[0].name))
    atomic_write(path, lambda f: f.write(data), backups=1 if path.exists() else 0)
    return path


def split_file(
    plan: str | os.PathLike[str],
    by: str,
    folder: str | os.PathLike[str],
    *,
    force: bool = False,
) -> list[Path]:
    """Write one workbook per employee with a goal (``by="employee"``) or per region with a
    plan (``by="region"``) into ``folder``; returns their paths.

    A plan without an ID gets one (written into the plan, with a backup), since the workbooks
    must name it.

    Raises
    ------
    PlanProblems
        The plan's inputs have problems.
    WorkbookError
        A workbook already exists (without ``force``), or there is nobody to write one for.
    """
    if by not in BY:
        raise ValueError(f"--by: {by!r} is not one of {', '.join(BY)}")
    plan, folder = Path(plan), Path(folder)
    with workbook_lock(plan):
        door = FileDoor.open(plan)
        inputs, located = read_inputs(door)
        raise_problems(plan.name, located, [])
        lang = labels.language(inputs.settings)
        try:
            outputs = compute(inputs)
        except PlanInputError as bad:
            raise_problems(plan.name, located, bad.problems)
            raise
        had_id = bool(setting_text(inputs.settings, "plan_id"))
        plan_id = ensure_plan_id(door, plan.name, inputs.settings, located, lang)
        staff: list[tuple[str, list[list[Any]]]] = []
        if by == "employee":
            revenue, units = outputs.employee_goals, outputs.tier_goals
            people = [*revenue["employee"].astype(str), *units["employee"].astype(str)]
            for who in dict.fromkeys(people):
                rows = _rows_employee(who, revenue, units, lang)
                if rows:
                    staff.append((who, rows))
        else:
            for _, plan_row in region_plans(outputs, lang).iterrows():
                region = str(plan_row["region"])
                staff.append((region, _rows_region(region, plan_row, inputs.targets, lang)))
        if not staff:
            what = pick(
                lang, ("сотрудника", "employee") if by == "employee" else ("региона", "region")
            )
            raise WorkbookError(plan, _t(lang, "nobody", what=what))
        folder.mkdir(parents=True, exist_ok=True)
        names: dict[str, int] = {}
        targets = []
        for who, _ in staff:
            name = _file_name(who)
            names[name.casefold()] = names.get(name.casefold(), 0) + 1
            count = names[name.casefold()]
            targets.append(folder / (f"{name} ({count}).xlsx" if count > 1 else f"{name}.xlsx"))
        if not force:
            for target in targets:
                if target.exists():
                    raise WorkbookError(
                        target, _t(lang, "exists", backup=backup_names(target, 1)[0].name)
                    )
        written = [
            _write_new(
                target,
                staff_workbook(rows, who, by, inputs.settings, plan_id, lang),
                force,
                lang,
            )
            for target, (who, rows) in zip(targets, staff, strict=True)
        ]
        if not had_id:
            door.save(backups=3)
    return written


# ----------------------------------------------------------------------------- collect


class CollectRefused(Exception):
    """Workbooks that cannot be collected, one ``FILE: reason`` line each; nothing collected."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


def _properties(pkg: Package) -> dict[str, str]:
    """The workbook's custom document properties (name → text)."""
    if "docProps/custom.xml" not in pkg.members:
        return {}
    root = etree.fromstring(pkg.read("docProps/custom.xml"))
    found = {}
    for prop in root:
        name = prop.get("name")
        value = next(iter(prop), None)
        if name and value is not None:
            found[name] = value.text or ""
    return found


def _number(value: Any) -> float | None:
    if blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return float(text)


def read_proposals(path: Path, plan_id: str, lang: str) -> tuple[list[Any], list[str]]:
    """The proposals of one staff workbook, or the reasons it is refused (``FILE: reason``)."""
    from xlsalesplan.store import Proposal

    try:
        pkg = Package.open(path)
    except WorkbookError as error:
        return [], [f"{path.name}: {error.reason}"]
    except OSError as error:
        return [], [f"{path.name}: {error.strerror or error}"]
    props = _properties(pkg)
    if props.get(PROPERTY["kind"]) != KIND or not props.get(PROPERTY["who"]):
        return [], [f"{path.name}: {_t(lang, 'not_ours')}"]
    other = props.get(PROPERTY["plan"], "")
    if other != plan_id:
        return [], [f"{path.name}: {_t(lang, 'other_plan', other=other or '—', plan=plan_id)}"]
    who = props[PROPERTY["who"]]
    try:
        table = find_table(pkg, TABLE)
    except WorkbookError:
        return [], [f"{path.name}: {_t(lang, 'no_table', table=TABLE)}"]
    index = {}
    for j, header in enumerate(table.columns):
        for key, pair in HEADERS.items():
            if str(header).strip().casefold() in {h.casefold() for h in pair}:
                index[key] = j
    missing = [pick(lang, HEADERS[k]) for k in HEADERS if k not in index]
    if missing:
        return [], [f"{path.name}: {_t(lang, 'no_table', table=TABLE)} ({', '.join(missing)})"]
    found, refused = [], []
    for row in table.rows():
        cell = {key: row[j] for key, j in index.items()}
        key = cell["key"].value
        if blank(key):
            continue
        key = str(key)
        if not key.startswith(who + " / "):
            refused.append(f"{path.name}: {_t(lang, 'unknown_row', key=key)}")
            continue
        proposed_value, comment = cell["proposed"].value, cell["comment"].value
        if blank(proposed_value) and blank(comment):
            continue
        try:
            proposed = _number(proposed_value)
        except (TypeError, ValueError):
            where = cell["proposed"].where
            refused.append(f"{path.name}: {where}: {_t(lang, 'not_number', value=proposed_value)}")
            continue
        current = cell["current"].value
        current = float(current) if isinstance(current, (int, float)) else None
        text = "" if blank(comment) else str(comment).strip()
        found.append(Proposal(who, key, current, proposed, text, path.name))
    return found, refused


@dataclasses.dataclass(frozen=True)
class Collected:
    """What collect did: the proposals found, what the store did with them, the table's rows."""

    workbooks: int
    proposals: int
    added: int
    updated: int
    unchanged: int
    rows: int


def proposals_frame(proposals: Sequence[Any], lang: str) -> pd.DataFrame:
    """The ``proposals`` table: every proposal of the plan, in the order first collected."""
    rows = [
        [
            p.who,
            what_text(p.what, lang),
            p.current,
            p.proposed,
            None if p.current is None or p.proposed is None else p.proposed - p.current,
            p.comment,
            p.source,
        ]
        for p in proposals
    ]
    return pd.DataFrame(rows, columns=TABLE_OF_MODEL["proposals"].keys)


def collect_files(
    plan: str | os.PathLike[str],
    workbooks: Sequence[str | os.PathLike[str]],
    *,
    backup: bool = True,
) -> Collected:
    """Collect the proposals of the staff workbooks into the plan's store and Proposals table.

    Every workbook is read and checked first; if any is refused (not a staff workbook, of
    another plan, a proposed value that is not a number), nothing is collected.

    Raises
    ------
    CollectRefused
        Workbooks that cannot be collected, each by its name.
    StoreError
        The plan's store cannot be used; nothing collected, nothing written.
    """
    plan = Path(plan)
    with workbook_lock(plan):
        door = FileDoor.open(plan)
        inputs, located = read_inputs(door)
        raise_problems(plan.name, located, [])
        settings = inputs.settings
        lang = labels.language(settings)
        plan_id = setting_text(settings, "plan_id")
        if not plan_id:
            raise WorkbookError(plan, _t(lang, "no_plan_id"))
        proposals, refused = [], []
        for workbook in workbooks:
            found, why = read_proposals(Path(workbook), plan_id, lang)
            proposals += found
            refused += why
        if refused:
            raise CollectRefused(refused)
        with open_plan_store(door, plan.name, settings, lang) as store:
            done = store.add_proposals(plan_id, proposals)
            every = store.proposals(plan_id)
            write_record(door, "proposals", proposals_frame(every, lang), lang)
        door.save(backups=3 if backup else 0)
    return Collected(
        len(workbooks), len(proposals), done.added, done.updated, done.unchanged, len(every)
    )
