"""Regions publish, the head office consolidates: on both engines, with concurrent publishers.

The regional versions are approved in each region's own SQLite store (beside its workbook) and
published to the team store (each engine), as a team works.
"""

from __future__ import annotations

import multiprocessing
import traceback
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_fixtures import (
    MONTHS,
    goals_frame,
    new_plan_id,
    postgres,
    regions_frame,
    store,
    store_url,
)

from xlsalesplan.store import Proposal, Store, Version, open_store
from xlsalesplan.store.url import sqlite_url

__all__ = ["postgres", "store", "store_url"]  # the fixtures, imported for pytest

fork = multiprocessing.get_context("fork")
REGIONS = ["Москва", "Казань", "Архангельск", "ёлки", "Zürich", "Éclair"]


def region_plan(region: str, employees: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A region's goals (whole roubles, as DECOMPOSE gives them, and some cents) and its plan."""
    rng = np.random.default_rng(seed)
    months = np.round(rng.uniform(1e5, 5e6, (employees, 12)), 2)
    goals = goals_frame(
        [(f"{region} сотрудник {i}", "closer", region, list(months[i])) for i in range(employees)]
    )
    regions = regions_frame([(region, list(months.sum(axis=0)))])
    return goals, regions


def exact_total(frame: pd.DataFrame) -> Fraction:
    """The exact sum of every month cell (no rounding at all)."""
    return sum((Fraction(x) for x in frame[MONTHS].to_numpy().ravel() if x == x), Fraction(0))


@pytest.fixture
def regional(tmp_path):
    """Approve a plan in a region's own SQLite store and return the approved Version."""
    plans: dict[str, str] = {}

    def approve(region: str, employees: int = 5, seed: int = 0) -> Version:
        plan = plans.setdefault(region, new_plan_id())
        url = sqlite_url(tmp_path / f"{region}.xlsalesplan.sqlite")
        with open_store(url) as own:
            return own.approve(
                plan,
                region,
                f"head of {region}",
                f"fp{seed}",
                *region_plan(region, employees, seed),
            )

    return approve


def test_consolidation_is_the_latest_publication_of_each_region(store: Store, regional):
    company = new_plan_id()
    moscow1, kazan1 = regional("Москва", 4, 1), regional("Казань", 3, 2)
    store.publish(company, "Москва", moscow1)
    store.publish(company, "Казань", kazan1)
    moscow2 = regional("Москва", 6, 3)
    published = store.publish(company, "Москва", moscow2)
    assert (published.number, published.source_number) == (2, 2)
    assert published.source_plan_id == moscow2.plan_id and published.published_at is not None
    assert (
        published.approved_by == "head of Москва" and published.approved_at == moscow2.approved_at
    )

    goals, regions = store.consolidate(company)
    # Regions in name order; each region's rows exactly as it approved them.
    expected_goals = pd.concat([kazan1.goals, moscow2.goals], ignore_index=True)
    expected_regions = pd.concat([kazan1.regions, moscow2.regions], ignore_index=True)
    pd.testing.assert_frame_equal(goals, expected_goals)
    pd.testing.assert_frame_equal(regions, expected_regions)
    assert exact_total(goals) == exact_total(kazan1.goals) + exact_total(moscow2.goals)
    assert exact_total(regions) == exact_total(kazan1.regions) + exact_total(moscow2.regions)
    assert [(v.scope, v.number, v.source_number) for v in store.published(company)] == [
        ("Казань", 1, 1),
        ("Москва", 2, 2),
    ]


def test_publishing_the_same_version_again_changes_nothing(store: Store, regional):
    company, version = new_plan_id(), regional("Москва")
    first = store.publish(company, "Москва", version)
    again = store.publish(company, "Москва", version)
    assert (first.number, again.number) == (1, 1)
    assert [v.number for v in store.versions(company, "Москва")] == [1]


def test_publish_refuses_another_regions_version_or_a_bare_info(store: Store, regional):
    version = regional("Москва")
    with pytest.raises(ValueError, match="Казань"):
        store.publish(new_plan_id(), "Казань", version)
    with pytest.raises(TypeError, match="version"):
        store.publish(new_plan_id(), "Москва", version.info)


def test_the_companys_own_approvals_are_not_consolidated(store: Store, regional):
    company = new_plan_id()
    store.publish(company, "Москва", regional("Москва"))
    goals, regions = store.consolidate(company)
    approved = store.approve(company, "ООО Вектор", "CEO", "fp", goals, regions)
    pd.testing.assert_frame_equal(approved.goals, goals)
    pd.testing.assert_frame_equal(store.consolidate(company)[0], goals)  # unchanged by it
    assert [v.scope for v in store.published(company)] == ["Москва"]


def test_nothing_published_consolidates_to_empty_tables(store: Store):
    goals, regions = store.consolidate(new_plan_id())
    assert goals.empty and regions.empty
    assert list(goals.columns) == ["employee", "role", "region", *MONTHS]
    assert list(regions.columns) == ["region", *MONTHS]


# -- property: random approve/publish sequences consolidate to exact sums ------------------

steps = st.lists(
    st.tuples(st.sampled_from(["approve", "publish"]), st.sampled_from(REGIONS), st.integers(0, 4)),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps, seed=st.integers(0, 2**32 - 1))
def test_random_approve_publish_sequences_consolidate_to_exact_sums(store: Store, steps, seed):
    company = new_plan_id()
    plan_of = {region: new_plan_id() for region in REGIONS}
    approved: dict[str, Version] = {}  # each region's latest approval
    published: dict[str, Version] = {}  # each region's latest publication, as the model says
    for i, (action, region, employees) in enumerate(steps):
        if action == "approve":
            frames = region_plan(region, employees, seed + i)
            approved[region] = store.approve(plan_of[region], region, "head", f"fp{i}", *frames)
        elif region in approved:
            store.publish(company, region, approved[region])
            published[region] = approved[region]
    goals, regions = store.consolidate(company)
    order = sorted(published)
    assert [v.scope for v in store.published(company)] == order
    for got, part in ((goals, 0), (regions, 1)):
        frames = [(published[r].goals, published[r].regions)[part] for r in order]
        assert exact_total(got) == sum((exact_total(f) for f in frames), Fraction(0))
        assert len(got) == sum(len(f) for f in frames)
        if frames and len(got):
            expected = pd.concat([f for f in frames if len(f)], ignore_index=True)
            pd.testing.assert_frame_equal(got, expected)


# -- concurrency: real processes, released together ---------------------------------------

PROCESSES, EACH = 4, 5


def _publisher(url, company, versions, barrier, results) -> None:
    try:
        with open_store(url) as team:  # every process opens (and may migrate) the store itself
            barrier.wait(timeout=60)
            numbers = [team.publish(company, v.scope, v).number for v in versions]
        results.put(("ok", [(v.scope, v.number) for v in versions], numbers))
    except BaseException:
        results.put(("error", traceback.format_exc(), None))


def _run_together(target, args_per_process) -> list:
    barrier, results = fork.Barrier(len(args_per_process)), fork.Queue()
    processes = [fork.Process(target=target, args=(*a, barrier, results)) for a in args_per_process]
    for p in processes:
        p.start()
    got = [results.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(timeout=60)
    errors = [detail for status, detail, _ in got if status == "error"]
    assert not errors, errors[0]
    return got


@pytest.mark.parametrize("same_region", [True, False], ids=["same region", "own regions"])
def test_processes_publishing_at_once_lose_nothing(store_url, tmp_path, same_region):
    company = new_plan_id()
    work = []
    for p in range(PROCESSES):
        region = "Москва" if same_region else REGIONS[p]
        with open_store(sqlite_url(tmp_path / f"region{p}.sqlite")) as own:  # a store per head
            plan, frames = new_plan_id(), [region_plan(region, 3, 100 * p + k) for k in range(EACH)]
            work.append(
                [own.approve(plan, region, "head", f"fp{k}", *f) for k, f in enumerate(frames)]
            )
    got = _run_together(_publisher, [(store_url, company, versions) for versions in work])

    with open_store(store_url) as team:
        for region in sorted({v.scope for versions in work for v in versions}):
            listed = team.versions(company, region)
            per_region = [v for versions in work for v in versions if v.scope == region]
            # Every publication is there, numbered 1..n without gaps or doubles.
            assert [v.number for v in listed] == list(range(1, len(per_region) + 1))
            assert sorted((v.source_plan_id, v.source_number) for v in listed) == sorted(
                (v.plan_id, v.number) for v in per_region
            )
            for info in listed:  # with all of its rows
                copy = team.version(company, region, info.number)
                source = next(
                    v
                    for v in per_region
                    if (v.plan_id, v.number) == (info.source_plan_id, info.source_number)
                )
                pd.testing.assert_frame_equal(copy.goals, source.goals)
        numbers = sorted(n for _, _, ns in got for n in ns)
        assert len(numbers) == PROCESSES * EACH
        goals, _ = team.consolidate(company)
        latest = {v.scope: v for v in team.published(company)}
        assert len(goals) == sum(len(team.version(company, r).goals) for r in latest)


def _approver(url, plan, barrier, results) -> None:
    try:
        with open_store(url) as store:
            barrier.wait(timeout=60)
            frames = region_plan("Москва", 2, 0)
            numbers = [
                store.approve(plan, "Москва", "head", "fp", *frames).number for _ in range(EACH)
            ]
        results.put(("ok", None, numbers))
    except BaseException:
        results.put(("error", traceback.format_exc(), None))


def test_processes_approving_at_once_get_distinct_numbers(store_url):
    plan = new_plan_id()
    got = _run_together(_approver, [(store_url, plan)] * PROCESSES)
    numbers = sorted(n for _, _, ns in got for n in ns)
    assert numbers == list(range(1, PROCESSES * EACH + 1))
    with open_store(store_url) as store:
        assert [v.number for v in store.versions(plan, "Москва")] == numbers


def _collector(url, plan, barrier, results) -> None:
    try:
        with open_store(url) as store:
            proposals = [
                Proposal("Белов", f"Белов / {m}", 1e6, 9e5, "отпуск", "split/Белов.xlsx")
                for m in MONTHS
            ]
            barrier.wait(timeout=60)
            collected = store.add_proposals(plan, proposals)
        results.put(("ok", None, [collected.added]))
    except BaseException:
        results.put(("error", traceback.format_exc(), None))


def test_processes_collecting_the_same_workbook_at_once_add_it_once(store_url):
    plan = new_plan_id()
    got = _run_together(_collector, [(store_url, plan)] * PROCESSES)
    assert sum(added for _, _, (added,) in got) == len(MONTHS)
    with open_store(store_url) as store:
        assert [p.what for p in store.proposals(plan)] == [f"Белов / {m}" for m in MONTHS]
