"""Checking the inputs before anything is computed or written.

:func:`check` returns every problem found, each with the table, the 0-based data row, the column
key and the reason in the workbook's language; the io layer turns (table, row, column) into
``Sheet!Cell``. Settings problems have ``table="settings"``, ``row=None`` and the setting's key
as the column. Text starting with = + - @ is plain text to the plan (the io layer writes it as
text, never as a formula), so it is no problem here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.calendar import workdays

from . import labels
from .employees import capacities
from .model import MONTHS, PlanInputs
from .sales import region_revenue
from .strategy import is_all_regions, is_office_metric
from .values import BadValue, blank, date, fmt, number, text, whole


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


class _Checker:
    def __init__(self, inputs: PlanInputs):
        self.inputs = inputs
        self.lang = labels.language(inputs.settings)
        self.problems: list[Problem] = []
        self.context: dict[str, Any] = {"year": inputs.settings.get("plan_year")}

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

    def read(
        self,
        table: str,
        row: int | None,
        column: str,
        value: Any,
        reader: Callable[[Any], Any],
        *,
        required: bool = True,
        test: Callable[[Any], str | None] | None = None,
    ) -> Any:
        """The value read by ``reader``, or None after reporting why it is bad (or blank)."""
        if blank(value):
            if required:
                self.add(table, row, column, "blank")
            return None
        try:
            x = reader(value)
        except BadValue as bad:
            self.add(table, row, column, bad.key, value=bad.value)
            return None
        reason = test(x) if test else None
        if reason:
            self.add(table, row, column, reason, value=fmt(x) if isinstance(x, float) else x)
            return None
        return x

    def column(
        self,
        table: str,
        column: str,
        reader: Callable[[Any], Any],
        *,
        required: bool = True,
        test: Callable[[Any], str | None] | None = None,
    ) -> list[Any]:
        frame = getattr(self.inputs, table)
        return [
            self.read(table, i, column, v, reader, required=required, test=test)
            for i, v in enumerate(frame[column])
        ]

    def names(self, table: str, column: str) -> list[str]:
        """A required, unique text column (the table's key)."""
        values = self.column(table, column, text)
        first: dict[str, int] = {}
        for i, name in enumerate(values):
            if name is None:
                continue
            if name.lower() in first:
                self.add(table, i, column, "duplicate", also=first[name.lower()], value=name)
            else:
                first[name.lower()] = i
        return values

    def known(self, table: str, column: str, allowed: list[Any], key: str) -> list[Any]:
        known = {a.lower() for a in allowed if a}
        values = self.column(table, column, text)
        for i, v in enumerate(values):
            if v is not None and v.lower() not in known:
                self.add(table, i, column, key, value=v)
        return values


def non_negative(x: float) -> str | None:
    return "negative" if x < 0 else None


def positive(x: float) -> str | None:
    return "not_positive" if x <= 0 else None


def ratio(x: float) -> str | None:
    return "not_ratio" if not 0 <= x <= 1 else None


def rate(x: float) -> str | None:
    return "not_ratio" if not 0 < x <= 1 else None


def check(inputs: PlanInputs) -> list[Problem]:
    """Every problem in the inputs; an empty list means :func:`compute` can run."""
    c = _Checker(inputs)
    year = _settings(c)
    regions = _regions(c)
    profiles = c.names("seasonality", "profile")
    for m in MONTHS:
        c.column("seasonality", m, number, test=non_negative)
    for i, row in inputs.seasonality.iterrows():
        values = [v for v in row[MONTHS] if not blank(v) and isinstance(v, (int, float))]
        if len(values) == 12 and not any(values):
            c.add("seasonality", int(i), "m01", "zero_profile")
    _goals(c, year, regions)
    _targets(c, regions, profiles)
    tiers = c.names("tiers", "tier")
    c.column("tiers", "stage", text)
    c.column("tiers", "productivity", number, test=positive)
    last = len(tiers) - 1
    for i, v in enumerate(inputs.tiers["conversion"]):
        c.read("tiers", i, "conversion", v, number, required=i < last, test=rate)
    employees = _employees(c, year, regions, tiers)
    _initiatives(c)
    c.known("actuals", "employee", employees, "unknown_employee")
    c.names("actuals", "employee")
    for m in MONTHS:
        c.column("actuals", m, number, required=False)
    c.column("stages", "stage", text)
    c.column("stages", "start", date)
    c.column("stages", "weeks", whole, test=positive)
    if year is not None and not c.problems:
        _regional_balance(c, year)
    return c.problems


def _settings(c: _Checker) -> int | None:
    s = c.inputs.settings

    def get(key: str, reader: Callable[[Any], Any], **kw: Any) -> Any:
        return c.read("settings", None, key, s.get(key), reader, **kw)

    if str(s.get("language") or "ru").strip().lower() not in labels.LANGUAGES:
        c.add("settings", None, "language", "unknown_language", value=s.get("language"))
    year = get("plan_year", whole, test=lambda y: None if 1900 <= y <= 9998 else "not_date")
    c.context["year"] = year  # messages show the year as read: 2026, not the cell's 2026.0
    on_track = get("on_track", number, test=positive)
    at_risk = get("at_risk", number, test=positive)
    if on_track is not None and at_risk is not None and on_track < at_risk:
        c.add("settings", None, "on_track", "thresholds", on_track=fmt(on_track))
    get("ramp_months", number, test=non_negative)
    as_of = get("as_of", date)
    if year is None:
        return None
    if as_of is not None and as_of.year != year:
        c.add("settings", None, "as_of", "as_of_year", value=as_of, year=year)
    try:
        workdays(dt.date(year, 1, 1), dt.date(year, 12, 31), s.get("country") or "RU")
    except ArgumentError as err:
        c.add("settings", None, "country", "calendar", country=s.get("country"), detail=err.reason)
        return None
    return year


def _regions(c: _Checker) -> list[str]:
    regions = c.names("regions", "region")
    c.column("regions", "rollout_order", whole, test=positive)
    c.column("regions", "distance_km", number, required=False, test=non_negative)
    c.column("regions", "offices", whole, required=False, test=non_negative)
    return regions


def _goals(c: _Checker, year: int | None, regions: list[str]) -> None:
    goals = c.inputs.goals
    c.names("goals", "goal")
    metrics = c.column("goals", "metric", text)
    c.column("goals", "baseline", number)
    targets = c.column("goals", "target", number)
    deadlines = c.column(
        "goals",
        "deadline",
        date,
        test=lambda d: "deadline_past" if year and d.year < year else None,
    )
    for i, region in enumerate(goals["region"]):
        if not is_all_regions(region) and text(region).lower() not in {
            r.lower() for r in regions if r
        }:
            c.add("goals", i, "region", "unknown_region", value=text(region))
    for i, path in enumerate(goals["path"]):
        if text(path).lower() not in labels.LINEAR | labels.S_CURVE:
            c.add("goals", i, "path", "unknown_path", value=text(path))
    previous: dict[str, dt.date] = {}
    for i, (metric, deadline) in enumerate(zip(metrics, deadlines, strict=True)):
        if metric is None or deadline is None:
            continue
        key = metric.lower()
        if key in previous and deadline <= previous[key]:
            c.add("goals", i, "deadline", "deadline_order", value=deadline, previous=previous[key])
        previous[key] = deadline
    offices = sum(
        int(v) for v in c.inputs.regions["offices"] if not blank(v) and isinstance(v, (int, float))
    )
    for i, (metric, target) in enumerate(zip(metrics, targets, strict=True)):
        office = is_office_metric(metric) and is_all_regions(goals["region"].iloc[i])
        if office and target is not None and target > offices:
            c.add("goals", i, "target", "not_enough_offices", have=offices, need=fmt(target))


def _targets(c: _Checker, regions: list[str], profiles: list[str]) -> None:
    c.known("targets", "region", regions, "unknown_region")
    products = c.column("targets", "product", text)
    c.column("targets", "revenue", number, test=non_negative)
    c.column("targets", "avg_deal", number, test=positive)
    c.known("targets", "profile", profiles, "unknown_profile")
    first: dict[tuple[str, str], int] = {}
    for i, (region, product) in enumerate(zip(c.inputs.targets["region"], products, strict=True)):
        key = (text(region).lower(), (product or "").lower())
        if product is not None and key in first:
            c.add("targets", i, "product", "duplicate", also=first[key], value=product)
        first.setdefault(key, i)


def _employees(c: _Checker, year: int | None, regions: list[str], tiers: list[str]) -> list[str]:
    names = c.names("employees", "employee")
    c.known("employees", "role", tiers, "unknown_role")
    c.known("employees", "region", regions, "unknown_region")
    c.column(
        "employees",
        "hire_date",
        date,
        required=False,
        test=lambda d: "hired_after_year" if year and d.year > year else None,
    )
    c.column("employees", "weight", number, required=False, test=non_negative)
    c.column("employees", "fixed_goal", number, required=False, test=non_negative)
    return [n for n in names if n]


def _initiatives(c: _Checker) -> None:
    c.names("initiatives", "initiative")
    c.column("initiatives", "investment", number, test=positive)
    c.column("initiatives", "effect", number)
    c.column("initiatives", "start", date)
    c.column("initiatives", "months", whole, test=non_negative)
    c.column("initiatives", "confidence", number, test=ratio)
    c.column("initiatives", "hurdle", number)


def _regional_balance(c: _Checker, year: int) -> None:
    """Can each region's revenue be split over its employees? (run on otherwise clean inputs)"""
    inputs, s = c.inputs, c.inputs.settings
    plans = region_revenue(inputs.targets, inputs.seasonality, year, s.get("country") or "RU")
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
    selling = capacities(staff["hire_date"].tolist(), year, s["ramp_months"]).mean(axis=1)
    for region in set(keys) | set(rows_of_target):
        plan = plans.get(_original(plans, region), np.zeros(12))
        total = float(plan.sum())
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
