"""The rules that tie cells of the strategy sheets together, for :func:`check.check`.

Each column's own rules (type, range, allowed words, a value of another table) come from the
declarations; here only what needs two cells: an end before its start, a bonus threshold above
the completion that pays 100 %, a conversion above 100 %. These make the plan meaningless, so
they are problems, not warnings.
"""

from __future__ import annotations

from typing import Any

from .columns import MEASURES
from .schema import pick
from .values import BadValue, blank, fmt, number


def check_method(c: Any, read: dict[str, dict[str, list[Any]]]) -> None:
    """Add the strategy sheets' cross-cell problems to the checker ``c``."""
    calendar = read["calendar"]
    for i, (start, end) in enumerate(zip(calendar["start"], calendar["end"], strict=True)):
        if start is not None and end is not None and end < start:
            c.add("calendar", i, "end", "end_before_start", value=end, start=start)
    _bonus_settings(c)
    _effects(c, read["effects"])


def _setting(settings: dict[str, Any], key: str) -> float | None:
    try:
        return None if blank(settings.get(key)) else number(settings.get(key))
    except BadValue:
        return None  # reported by the setting's own rule


def _bonus_settings(c: Any) -> None:
    threshold = _setting(c.inputs.settings, "bonus_threshold")
    target = _setting(c.inputs.settings, "bonus_target")
    if threshold is not None and target is not None and threshold > target:
        c.add(
            "settings",
            None,
            "bonus_threshold",
            "bonus_thresholds",
            threshold=fmt(threshold),
            target=fmt(target),
        )


def _effects(c: Any, read: dict[str, list[Any]]) -> None:
    conversion = pick(c.lang, MEASURES[0]).casefold()
    for i, measure in enumerate(read["measure"]):
        if measure is None or measure.casefold() != conversion:
            continue
        for key in ("before", "target"):
            value = read[key][i]
            if value is not None and value > 1:
                c.add("effects", i, key, "conversion_share", value=fmt(value))
        base, result = read["base"][i], read["result"][i]
        if base is not None and result is not None and result > base:
            c.add("effects", i, "result", "paid_over_trials", value=fmt(result), base=fmt(base))
