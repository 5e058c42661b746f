"""The calendar plan of the strategy project: each stage's start, end and duration.

``end`` = start + weeks × 7 − 1 days (a 2-week stage starting on Monday ends on the second
Sunday). The typical durations (diagnostics 2–4 weeks, market research 4–8, strategy 4–8,
implementation support from 3 months) are guidance for the planner, not checked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .model import frame


def roadmap(stages: pd.DataFrame) -> pd.DataFrame:
    """The ``roadmap`` output, stages in the order given.

    Examples
    --------
    >>> stages = pd.DataFrame([{"stage": "Diagnostics", "start": dt.date(2026, 1, 12),
    ...     "weeks": 2, "owner": "PM"}])
    >>> roadmap(stages).values.tolist()
    [['Diagnostics', datetime.date(2026, 1, 12), datetime.date(2026, 1, 25), 'PM', 2]]
    """
    rows = []
    for _, stage in stages.iterrows():
        start = pd.Timestamp(stage["start"]).date()
        weeks = int(stage["weeks"])
        rows.append(
            {
                "stage": stage["stage"],
                "start": start,
                "end": start + dt.timedelta(days=weeks * 7 - 1),
                "owner": stage["owner"],
                "weeks": weeks,
            }
        )
    return frame("roadmap", rows)
