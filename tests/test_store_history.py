"""Refresh history and staff proposals on both engines: values come back as they went in."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_fixtures import new_plan_id, postgres, store, store_url

from xlsalesplan.store import Change, Collected, Proposal, Store

__all__ = ["postgres", "store", "store_url"]  # the fixtures, imported for pytest

WHEN = dt.datetime(2026, 3, 31, 17, 45, 12, 123456, tzinfo=dt.timezone.utc)

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.timezone(dt.timedelta(hours=3)))),
)


def same(a, b) -> bool:
    """Equal, with NaN equal to NaN and the type kept (1 is not 1.0, True is not 1)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b and (not isinstance(a, float) or str(a) == str(b))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=st.lists(st.tuples(values, values), min_size=1, max_size=6))
def test_values_come_back_with_their_type(store: Store, pairs):
    plan = new_plan_id()
    sent = [
        Change("input", "employees", f"row {i}", "weight", a, b) for i, (a, b) in enumerate(pairs)
    ]
    store.record_refresh(plan, WHEN, "fp", sent)
    (back,) = store.history(plan)
    assert len(back.changes) == len(sent)
    for mine, theirs in zip(sent, back.changes, strict=True):
        assert (mine.kind, mine.table, mine.key, mine.column) == (
            theirs.kind, theirs.table, theirs.key, theirs.column
        )  # fmt: skip
        assert same(mine.old, theirs.old) and same(mine.new, theirs.new), (mine, theirs)


def test_history_newest_first_last_n_and_prune(store: Store):
    plan, other = new_plan_id(), new_plan_id()
    for i in range(5):
        store.record_refresh(
            plan,
            WHEN + dt.timedelta(hours=i),
            f"fp{i}",
            [
                Change("input", "targets", "Москва / Услуги", "revenue", i * 1e6, (i + 1) * 1e6),
                Change("output", "employee_goals", "Белов", "total", float(i), float(i + 1)),
            ],
        )
    store.record_refresh(other, WHEN, "x", [])
    history = store.history(plan)
    assert [r.number for r in history] == [5, 4, 3, 2, 1]
    assert [r.fingerprint for r in store.history(plan, last=2)] == ["fp4", "fp3"]
    assert history[0].when == WHEN + dt.timedelta(hours=4)
    assert [c.kind for c in history[0].changes] == ["input", "output"]  # their order is kept
    assert history[0].changes[1] == Change("output", "employee_goals", "Белов", "total", 4.0, 5.0)
    assert store.prune(plan, keep=3) == 2
    assert [r.number for r in store.history(plan)] == [5, 4, 3]
    assert store.prune(plan, keep=3) == 0
    store.record_refresh(plan, WHEN, "fp5", [])
    assert [r.number for r in store.history(plan)] == [6, 5, 4, 3]  # numbering goes on
    assert store.prune(plan, keep=0) == 4 and store.history(plan) == []
    assert len(store.history(other)) == 1  # another plan is untouched
    with store.engine.connect() as c:  # and no orphan changes are left behind
        assert c.exec_driver_sql("SELECT count(*) FROM plan_changes").scalar() == 0


def test_a_naive_time_is_utc_and_an_aware_one_is_converted(store: Store):
    plan = new_plan_id()
    moscow = dt.timezone(dt.timedelta(hours=3))
    store.record_refresh(plan, dt.datetime(2026, 1, 1, 12, 0), "a", [])
    store.record_refresh(plan, dt.datetime(2026, 1, 1, 12, 0, tzinfo=moscow), "b", [])
    b, a = store.history(plan)
    assert a.when == dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.timezone.utc)
    assert b.when == dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
    assert b.when.utcoffset() == dt.timedelta(0)


def test_bad_changes_are_refused():
    with pytest.raises(ValueError, match="input"):
        Change("edit", "employees", "Белов", "weight", 1, 2)
    with pytest.raises(TypeError, match="key"):
        Change("input", "employees", 7, "weight", 1, 2)


def test_a_value_of_an_unknown_type_is_refused_by_name(store: Store):
    with pytest.raises(TypeError, match="complex"):
        store.record_refresh(new_plan_id(), WHEN, "fp", [Change("input", "t", "k", "c", 1j, 2)])


def test_pandas_values_are_stored_as_plain_ones(store: Store):
    plan = new_plan_id()
    frame = pd.DataFrame({"n": [3], "x": [0.5], "d": [pd.Timestamp("2026-03-31 10:00")]})
    row = frame.iloc[0]
    store.record_refresh(
        plan, WHEN, "fp", [Change("input", "t", "k", c, None, row[c]) for c in frame]
    )
    n, x, d = (c.new for c in store.history(plan)[0].changes)
    assert (type(n), n, type(x), x) == (int, 3, float, 0.5)
    assert d == pd.Timestamp("2026-03-31 10:00")


# -- proposals ----------------------------------------------------------------------------


def _proposals(source: str = "split/Белов.xlsx") -> list[Proposal]:
    return [
        Proposal("Белов", "Белов / m03", 1_250_000.0, 1_000_000.0, "отпуск в марте", source),
        Proposal("Белов", "Белов / m04", 1_250_000.0, 1_500_000.0, "", source),
        Proposal(
            "Белов", "Белов / hire_date", dt.date(2026, 2, 1), dt.date(2026, 3, 1), "", source
        ),
    ]


def test_collecting_the_same_workbook_twice_adds_nothing(store: Store):
    plan = new_plan_id()
    assert store.add_proposals(plan, _proposals()) == Collected(3, 0, 0)
    assert store.add_proposals(plan, _proposals()) == Collected(0, 0, 3)
    assert store.proposals(plan) == _proposals()


def test_a_changed_proposal_is_updated_in_place(store: Store):
    plan = new_plan_id()
    store.add_proposals(plan, _proposals())
    again = _proposals()
    again[0] = Proposal(
        "Белов", "Белов / m03", 1_250_000.0, 900_000.0, "два отпуска", again[0].source
    )
    assert store.add_proposals(plan, again) == Collected(0, 1, 2)
    assert store.proposals(plan) == again  # same place in the list


def test_the_same_cell_from_another_workbook_is_another_proposal(store: Store):
    plan = new_plan_id()
    store.add_proposals(plan, _proposals())
    assert store.add_proposals(plan, _proposals("regions/Москва.xlsx")) == Collected(3, 0, 0)
    assert len(store.proposals(plan)) == 6
    assert store.proposals(new_plan_id()) == []


def test_nul_characters_are_kept_in_values_and_refused_in_names(store: Store):
    plan = new_plan_id()
    store.record_refresh(plan, WHEN, "fp", [Change("input", "t", "k", "c", "a\x00b\\x00", None)])
    assert store.history(plan)[0].changes[0].old == "a\x00b\\x00"
    with pytest.raises(ValueError, match="NUL"):
        Change("input", "t", "k\x00", "c", 1, 2)
    with pytest.raises(ValueError, match="NUL"):
        Proposal("Белов\x00", "Белов / m03", 1, 2)
