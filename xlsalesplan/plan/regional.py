"""A region's own plan, cut from a company's: what a regional head plans, approves and publishes.

The rows that belong to a region — those of every table whose required ``region`` column refers
to the regions table (targets, employees, client sales) — are kept for the region only, and so
are the rows that refer to the people left (their actuals, their bonus targets). Everything
else (reference tables, strategic goals, initiatives, the project's stages) stays as it is.

Examples
--------
>>> from xlsalesplan.plan.demo import demo_inputs
>>> moscow = region_only(demo_inputs("en"), "Moscow")
>>> set(moscow.targets["region"]), set(moscow.employees["region"])
({'Moscow'}, {'Moscow'})
"""

from __future__ import annotations

import dataclasses

from .model import PlanInputs
from .tables import INPUT_TABLES

__all__ = ["region_only"]


def region_only(inputs: PlanInputs, region: str) -> PlanInputs:
    """``inputs`` cut down to one region (a new :class:`PlanInputs`; ``inputs`` unchanged).

    Raises
    ------
    ValueError
        ``region`` is not one of the regions table's (their names are listed).
    """
    known = [str(r) for r in inputs.regions["region"]]
    match = next((r for r in known if r.casefold() == region.strip().casefold()), None)
    if match is None:
        raise ValueError(f"--region: {region!r} is not a region of the plan ({', '.join(known)})")
    tables = {}
    for table in INPUT_TABLES:
        column = next(
            (c.key for c in table.columns if c.refers == ("regions", "region") and c.required),
            None,
        )
        if column is not None:
            frame = getattr(inputs, table.key)
            keep = frame[column].astype(str).str.casefold() == match.casefold()
            tables[table.key] = frame[keep].reset_index(drop=True)
    people = {str(e).casefold() for e in tables["employees"]["employee"]}
    for table in INPUT_TABLES:
        for column in table.columns:
            if column.refers == ("employees", "employee"):
                frame = getattr(inputs, table.key)
                keep = frame[column.key].astype(str).str.casefold().isin(people)
                tables[table.key] = frame[keep].reset_index(drop=True)
    settings = dict(inputs.settings, region=match)
    return dataclasses.replace(inputs, settings=settings, **tables)
