"""Approved versions on both engines: numbered n+1, frames back exactly, never changed."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from store_fixtures import (
    PostgresCluster,
    goals_frame,
    new_plan_id,
    postgres,
    regions_frame,
    store,
    store_url,
)

from xlsalesplan.store import Store, StoreError, Version, open_store

__all__ = ["postgres", "store", "store_url"]  # the fixtures, imported for pytest

AWKWARD = [0.1, 1 / 3, 1e-300, 5e-324, 1.7976931348623157e308, -2.5, 0.0, 1e15 + 0.5, math.pi]


def _plan():
    goals = goals_frame(
        [
            ("Белов Андрей", "Закрытие сделок", "Москва", [*AWKWARD, 1.0, 2.0, 3.0]),
            ("Ёлкина Юлия", None, "Москва", [None, *range(11)]),
            ("O'Brien; DROP TABLE", "lead-gen", "Санкт-Петербург", [float(i) for i in range(12)]),
        ]
    )
    regions = regions_frame(
        [("Москва", [1_250_000.0] * 12), ("Санкт-Петербург", [np.nextafter(1.0, 2.0)] * 12)]
    )
    return goals, regions


def test_approve_makes_version_one_then_two(store: Store):
    plan, goals, regions = new_plan_id(), *_plan()
    before = dt.datetime.now(dt.timezone.utc)
    first = store.approve(plan, "ООО Вектор", "Иванов И.И.", "fp-1", goals, regions, "бюджет")
    second = store.approve(plan, "ООО Вектор", "Петров", "fp-2", goals.iloc[:1], regions)
    assert (first.number, second.number) == (1, 2)
    assert first.approved_by == "Иванов И.И." and first.note == "бюджет"
    assert first.approved_at.tzinfo is not None and first.approved_at.utcoffset() == dt.timedelta(0)
    assert before <= first.approved_at <= second.approved_at
    assert [v.number for v in store.versions(plan, "ООО Вектор")] == [1, 2]
    assert [v.fingerprint for v in store.versions(plan, "ООО Вектор")] == ["fp-1", "fp-2"]
    assert store.versions(plan, "Москва") == []  # another scope
    assert store.versions(plan, "ООО Вектор")[0] == first.info


def test_frames_come_back_exactly(store: Store):
    plan, goals, regions = new_plan_id(), *_plan()
    approved = store.approve(plan, "ООО Вектор", "Иванов", "fp", goals, regions)
    for back in (approved, store.version(plan, "ООО Вектор"), store.version(plan, "ООО Вектор", 1)):
        assert isinstance(back, Version)
        pd.testing.assert_frame_equal(back.goals, goals)
        pd.testing.assert_frame_equal(back.regions, regions)
        # bit for bit, not merely close
        assert back.goals[goals.columns[3:]].to_numpy().tobytes() == (
            goals[goals.columns[3:]].to_numpy().tobytes()
        )


def test_latest_by_default_and_none_when_missing(store: Store):
    plan, goals, regions = new_plan_id(), *_plan()
    assert store.version(plan, "ООО Вектор") is None
    store.approve(plan, "ООО Вектор", "a", "fp", goals, regions)
    store.approve(plan, "ООО Вектор", "b", "fp", goals.iloc[:2], regions.iloc[:1])
    latest = store.version(plan, "ООО Вектор")
    assert latest.number == 2 and len(latest.goals) == 2 and len(latest.regions) == 1
    assert store.version(plan, "ООО Вектор", 1).approved_by == "a"
    assert store.version(plan, "ООО Вектор", 3) is None


def test_extra_columns_such_as_total_are_not_stored(store: Store):
    plan, goals, regions = new_plan_id(), *_plan()
    with_total = goals.assign(total=goals[goals.columns[3:]].sum(axis=1))
    back = store.approve(plan, "s", "a", "fp", with_total, regions.assign(total=1.0))
    pd.testing.assert_frame_equal(back.goals, goals)


def test_empty_frames(store: Store):
    plan, goals, regions = new_plan_id(), *_plan()
    back = store.approve(plan, "s", "a", "fp", goals.iloc[:0], regions.iloc[:0])
    assert list(back.goals.columns) == list(goals.columns) and back.goals.empty
    assert store.version(plan, "s").regions.empty


def test_bad_input_is_refused_before_anything_is_written(store: Store):
    plan, goals, regions = new_plan_id(), *_plan()
    with pytest.raises(ValueError, match="m03"):
        store.approve(plan, "s", "a", "fp", goals.drop(columns="m03"), regions)
    with pytest.raises(ValueError, match="not numbers"):
        store.approve(
            plan, "s", "a", "fp", goals.astype({"m05": object}).assign(m05="много"), regions
        )
    with pytest.raises(ValueError, match="by"):
        store.approve(plan, "s", " ", "fp", goals, regions)
    assert store.versions(plan, "s") == []


def test_there_is_no_way_to_change_a_version_through_the_store():
    public = {name for name in dir(Store) if not name.startswith("_")}
    assert not {n for n in public if any(w in n for w in ("update", "delete", "edit", "remove"))}


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE plan_versions SET approved_by = 'someone else'",
        "DELETE FROM plan_versions",
        "UPDATE plan_version_goals SET m01 = 0",
        "DELETE FROM plan_version_goals",
        "UPDATE plan_version_regions SET region = 'x'",
        "DELETE FROM plan_version_regions",
    ],
)
def test_the_database_itself_refuses_to_change_an_approved_version(store: Store, statement):
    plan, goals, regions = new_plan_id(), *_plan()
    store.approve(plan, "s", "a", "fp", goals, regions)
    with pytest.raises(sa.exc.DBAPIError, match="never changed"), store.engine.begin() as c:
        c.execute(sa.text(statement))
    back = store.version(plan, "s")
    assert back.approved_by == "a"
    pd.testing.assert_frame_equal(back.goals, goals)
    pd.testing.assert_frame_equal(back.regions, regions)


def test_a_server_that_goes_away_mid_session_gives_a_store_error(postgres):
    with PostgresCluster() as own:
        store = open_store(own.new_database())
        own.stop()
        with pytest.raises(StoreError, match="cannot be reached"):
            store.versions("p", "s")
        store.close()
