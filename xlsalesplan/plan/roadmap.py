"""The calendar plan: the strategy project's stages and the year's initiatives and projects.

Stages come first, in the order given: ``end`` = start + weeks × 7 − 1 days (a 2-week stage
starting on Monday ends on the second Sunday). The method's durations (pre-diagnostics 1–3
days, diagnostics 2–4 weeks, market research 4–8, strategy 4–8, implementation support from 3
months) are checked as warnings (:mod:`xlsalesplan.plan.warnings`).

Then the year's calendar plan (initiatives and strategy projects) follows with its own start
and end; its ``weeks`` are the days from start to end inclusive ÷ 7, not rounded, so that the
sheet's formula end = start + ROUND(weeks × 7) − 1 gives the end typed in. The Gantt chart shows
every row.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import labels
from .model import frame


def roadmap(
    stages: pd.DataFrame, calendar: pd.DataFrame | None = None, lang: str = "ru"
) -> pd.DataFrame:
    """The ``roadmap`` output: stages in the order given, then the calendar plan's rows.

    Examples
    --------
    >>> stages = pd.DataFrame([{"stage": "Diagnostics", "start": dt.date(2026, 1, 12),
    ...     "weeks": 2, "owner": "PM"}])
    >>> roadmap(stages, lang="en").values.tolist()
    [['Diagnostics', 'stage', datetime.date(2026, 1, 12), datetime.date(2026, 1, 25), 'PM', 2]]
    >>> plan = pd.DataFrame([{"item": "CRM", "kind": "initiative", "owner": "IT",
    ...     "start": dt.date(2026, 3, 2), "end": dt.date(2026, 3, 15)}])
    >>> roadmap(stages.iloc[:0], plan, "en").values.tolist()
    [['CRM', 'initiative', datetime.date(2026, 3, 2), datetime.date(2026, 3, 15), 'IT', 2.0]]
    """
    rows = []
    for _, stage in stages.iterrows():
        start = pd.Timestamp(stage["start"]).date()
        weeks = int(stage["weeks"])
        rows.append(
            {
                "stage": stage["stage"],
                "kind": labels.text(lang, "stage"),
                "start": start,
                "end": start + dt.timedelta(days=weeks * 7 - 1),
                "owner": stage["owner"],
                "weeks": weeks,
            }
        )
    if calendar is not None:
        for _, item in calendar.iterrows():
            start, end = pd.Timestamp(item["start"]).date(), pd.Timestamp(item["end"]).date()
            rows.append(
                {
                    "stage": item["item"],
                    "kind": item["kind"],
                    "start": start,
                    "end": end,
                    "owner": item["owner"],
                    "weeks": ((end - start).days + 1) / 7,
                }
            )
    return frame("roadmap", rows)
