"""Checking the inputs before anything is computed or written.

:func:`check` returns every problem found, each with the table, the 0-based data row, the column
key and the reason in the workbook's language; the io layer turns (table, row, column) into
``Sheet!Cell``. Settings problems have ``table="settings"``, ``row=None`` and the setting's key
as the column. Text starting with = + - @ is plain text to the plan (the io layer writes it as
text, never as a formula), so it is no problem here.

The rules of each column — required, type, range, allowed words, a value of another table,
unique — come from the tables' declarations (:mod:`xlsalesplan.plan.tables`), the same ones
the workbook's data validation is made from. The rules that tie cells together (a deadline
after the previous goal's, fixed goals within the region's plan, …) are written out here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.calendar import workdays

from . import labels
from .capacity import starts
from .employees import capacities
from .method_check import check_method
from .model import MONTHS, PlanInputs
from .schema import Column, pick
from .strategy import is_all_regions, is_office_metric
from .tables import INPUT_TABLES, SETTING, SETTINGS, TABLES, rule_text
from .values import READERS, BadValue, blank, fmt, number, text


@dataclasses.dataclass(frozen=True)
class Problem:
    """One bad input cell: table key, 0-based data row (None for settings), column key, reason.

    ``also`` is the 0-based data row of the earlier cell a duplicate repeats (same table and
    column), so that the io layer can name that cell too; None for every other problem.
    """

    table: str
    row: int | None
    column: str
    reason: str
    also: int | None = None


def _shown(value: Any) -> str:
    return fmt(value) if isinstance(value, float) else repr(value)


class _Checker:
    def __init__(self, inputs: PlanInputs):
        self.inputs = inputs
        self.lang = labels.language(inputs.settings)
        self.problems: list[Problem] = []
        self.context: dict[str, Any] = {"year": inputs.settings.get("plan_year")}
        # The values of every key column read so far (lower case), for "a value of table X".
        self.keys: dict[tuple[str, str], set[str]] = {}
        self._words: dict[int, set[str]] = {}  # by id(column): columns are module constants

    def add(
        self,
        table: str,
        row: int | None,
        column: str,
        key: str,
        also: int | None = None,
        **values: Any,
    ) -> None:
        reason = labels.text(self.lang, key, **{**self.context, **values})
        self.problems.append(Problem(table, row, column, reason, also))

    def declared(self, table: str, row: int | None, column: Column, value: Any) -> Any:
        """A cell read and checked by its column's declaration; None after reporting why."""
        if blank(value):
            if column.required:
                self.add(table, row, column.key, "blank")
            return None
        try:
            x = READERS[column.kind](value)
        except BadValue as bad:
            self.add(table, row, column.key, bad.key, value=bad.value)
            return None
        if not self.allowed(column, x):
            if column.refers is not None:
                title = pick(self.lang, TABLES[column.refers[0]].title)
                self.add(table, row, column.key, "not_in", value=x, title=title)
            else:
                rule = rule_text(column, self.lang)
                self.add(table, row, column.key, "needs", value=_shown(x), rule=rule)
            return None
        return x

    def allowed(self, column: Column, x: Any) -> bool:
        if column.kind == "date":
            return column.bounds is None or column.bounds.admits(x.year)
        if column.kind in ("number", "whole"):
            return column.bounds is None or column.bounds.admits(x)
        words = self._words.get(id(column))
        if words is None:
            words = self._words[id(column)] = {w.casefold() for w in column.words(self.lang)}
        if column.refers is not None:  # two lookups: a union would copy the keys every cell
            key = x.casefold()
            return key in words or key in self.keys.get(column.refers, ())
        return not words or x.casefold() in words

    def table(self, table: str) -> dict[str, list[Any]]:
        """Every declared column of an input table, read and checked; values by column key."""
        frame = getattr(self.inputs, table)
        values: dict[str, list[Any]] = {}
        for column in TABLES[table].columns:
            values[column.key] = [
                self.declared(table, i, column, v) for i, v in enumerate(frame[column.key])
            ]
            if column.unique:
                self.unique(table, column.key, values[column.key])
                self.keys[(table, column.key)] = {
                    v.casefold() for v in values[column.key] if isinstance(v, str)
                }
        return values

    def unique(self, table: str, column: str, values: list[Any]) -> None:
        first: dict[Any, int] = {}
        for i, name in enumerate(values):
            if name is None:
                continue
            key = name.casefold() if isinstance(name, str) else name
            if key in first:
                self.add(table, i, column, "duplicate", also=first[key], value=name)
            else:
                first[key] = i


def check(inputs: PlanInputs) -> list[Problem]:
    """Every problem in the inputs; an empty list means :func:`compute` can run."""
    c = _Checker(inputs)
    year = _settings(c)
    read = {table.key: c.table(table.key) for table in INPUT_TABLES}
    _seasonality(c)
    _tiers(c)
    _goals(c, year, read["goals"])
    _targets(c, read["targets"])
    check_method(c, read)
    for i, hired in enumerate(read["employees"]["hire_date"]):
        if year and hired is not None and hired.year > year:
            c.add("employees", i, "hire_date", "hired_after_year", value=hired)
    if year is not None and not c.problems:
        _regional_balance(c, year)
    return c.problems


def check_cell(inputs: PlanInputs, table: str, column: str, value: Any) -> str | None:
    """Why ``value`` cannot stand in a cell of ``table``'s ``column`` by that column's own rules.

    None when it can. Only the rules of the column's declaration apply (type, range, allowed
    words, a value of another table — taken from ``inputs``), as in Excel's data validation;
    blank cells are always accepted here, as Excel's validation lets a cell be cleared.

    Examples
    --------
    >>> from xlsalesplan.plan.demo import demo_inputs
    >>> check_cell(demo_inputs("en"), "employees", "weight", -1.0)
    '-1: needs a number of 0 or more'
    """
    c = _Checker(inputs)
    declared = SETTING[column] if table == "settings" else TABLES[table].column(column)
    if declared.refers is not None:
        c.table(declared.refers[0])
        c.problems.clear()
    c.declared(table, None, dataclasses.replace(declared, required=False), value)
    return c.problems[0].reason if c.problems else None


def _settings(c: _Checker) -> int | None:
    s = c.inputs.settings
    value = {
        column.key: c.declared("settings", None, column, s.get(column.key)) for column in SETTINGS
    }
    year = value["plan_year"]
    c.context["year"] = year  # messages show the year as read: 2026, not the cell's 2026.0
    on_track, at_risk = value["on_track"], value["at_risk"]
    if on_track is not None and at_risk is not None and on_track < at_risk:
        c.add("settings", None, "on_track", "thresholds", on_track=fmt(on_track))
    if year is None:
        return None
    as_of = value["as_of"]
    if as_of is not None and as_of.year != year:
        c.add("settings", None, "as_of", "as_of_year", value=as_of, year=year)
    country = s.get("country") or "RU"
    try:
        workdays(dt.date(year, 1, 1), dt.date(year, 12, 31), country)
    except ArgumentError as err:
        c.add("settings", None, "country", "calendar", country=country, detail=err.reason)
        return None
    return year


def _seasonality(c: _Checker) -> None:
    for i, row in c.inputs.seasonality.iterrows():
        values = [v for v in row[MONTHS] if not blank(v) and isinstance(v, (int, float))]
        if len(values) == 12 and not any(values):
            c.add("seasonality", int(i), "m01", "zero_profile")


def _tiers(c: _Checker) -> None:
    # Every tier but the last passes a share of its volume on: that share must be there.
    last = len(c.inputs.tiers) - 1
    for i, v in enumerate(c.inputs.tiers["conversion"]):
        if i < last and blank(v):
            c.add("tiers", i, "conversion", "blank")


def _goals(c: _Checker, year: int | None, read: dict[str, list[Any]]) -> None:
    deadlines = read["deadline"]
    if year:
        for i, deadline in enumerate(deadlines):
            if deadline is not None and deadline.year < year:
                c.add("goals", i, "deadline", "deadline_past", value=deadline)
    previous: dict[str, dt.date] = {}
    for i, (metric, deadline) in enumerate(zip(read["metric"], deadlines, strict=True)):
        if metric is None or deadline is None:
            continue
        key = metric.lower()
        if key in previous and deadline <= previous[key]:
            c.add("goals", i, "deadline", "deadline_order", value=deadline, previous=previous[key])
        previous[key] = deadline
    offices = sum(
        int(v) for v in c.inputs.regions["offices"] if not blank(v) and isinstance(v, (int, float))
    )
    regions = c.inputs.goals["region"]
    for i, (metric, target) in enumerate(zip(read["metric"], read["target"], strict=True)):
        office = is_office_metric(metric) and is_all_regions(regions.iloc[i])
        if office and target is not None and target > offices:
            c.add("goals", i, "target", "not_enough_offices", have=offices, need=fmt(target))


def _targets(c: _Checker, read: dict[str, list[Any]]) -> None:
    first: dict[tuple[str, str], int] = {}
    regions = c.inputs.targets["region"]
    for i, (region, product) in enumerate(zip(regions, read["product"], strict=True)):
        key = (text(region).lower(), (product or "").lower())
        if product is not None and key in first:
            c.add("targets", i, "product", "duplicate", also=first[key], value=product)
        first.setdefault(key, i)


def _regional_balance(c: _Checker, year: int) -> None:
    """Can each region's revenue be split over its employees? (run on otherwise clean inputs)"""
    inputs, s = c.inputs, c.inputs.settings
    plans: dict[str, float] = {}
    for region, revenue in zip(inputs.targets["region"], inputs.targets["revenue"], strict=True):
        plans[text(region)] = plans.get(text(region), 0.0) + number(revenue)
    staff = inputs.employees
    keys = [text(r).lower() for r in staff["region"]]
    rows_of_region: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        rows_of_region.setdefault(key, []).append(i)
    rows_of_target: dict[str, int] = {}
    for i, r in enumerate(inputs.targets["region"]):
        rows_of_target.setdefault(text(r).lower(), i)
    fixed_goals = [None if blank(v) else number(v) for v in staff["fixed_goal"]]
    weights = [0.0 if blank(v) else number(v) for v in staff["weight"]]
    # Year capacity of everyone at once: per employee, the ramp took most of check's time.
    starts_ = starts(staff, inputs.regions)
    selling = capacities(starts_, year, number(s["ramp_months"])).mean(axis=1)
    for region in set(keys) | set(rows_of_target):
        total = plans.get(_original(plans, region), 0.0)
        rows = rows_of_region.get(region, [])
        if total > 0 and not rows:
            row = rows_of_target[region]
            name = text(inputs.targets["region"].iloc[row])
            c.add("targets", row, "region", "no_employees", value=name)
            continue
        fixed = [i for i in rows if fixed_goals[i] is not None]
        free = [i for i in rows if fixed_goals[i] is None]
        fixed_sum = sum(fixed_goals[i] for i in fixed)
        name = text(staff["region"].iloc[rows[0]]) if rows else region
        amounts = {"value": name, "fixed": fmt(fixed_sum), "plan": fmt(total)}
        if fixed and fixed_sum > total:
            c.add("employees", fixed[0], "fixed_goal", "fixed_too_large", **amounts)
        elif fixed and not free and fixed_sum != total:
            c.add("employees", fixed[0], "fixed_goal", "fixed_all", **amounts)
        elif free and total > fixed_sum and not any(weights[i] * selling[i] > 0 for i in free):
            c.add("employees", free[0], "weight", "zero_weights", value=name)


def _original(plans: dict[str, Any], key: str) -> str:
    return next((r for r in plans if r.lower() == key), key)
