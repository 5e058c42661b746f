"""Shared fixtures: one LibreOffice for the whole test session, and scratch workbooks."""

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
import xlsxwriter
from libreoffice import LibreOfficeMissing, UnoSession

# Scripts that run under LibreOffice's own Python (they import uno): not for this one.
collect_ignore_glob = ["libreoffice/uno_worker.py", "vba_uno_*.py"]


@pytest.fixture(scope="session")
def lo() -> Iterator[UnoSession]:
    """A running LibreOffice (:class:`UnoSession`) shared by every test of the session.

    Skipped where LibreOffice or Python-UNO is missing, except on CI (``CI`` set), where the
    engine tests must run and a missing LibreOffice is an error.
    """
    try:
        session = UnoSession()
    except LibreOfficeMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the LibreOffice tests must run: {exc}")
        pytest.skip(str(exc))
    with session:
        yield session


@pytest.fixture
def new_workbook(tmp_path) -> Callable[..., AbstractContextManager[xlsxwriter.Workbook]]:
    """Write a scratch workbook with XlsxWriter in the test's temp folder.

    ``with new_workbook("plan.xlsx") as wb: ...`` yields an ``xlsxwriter.Workbook``, closes
    (saves) it on leaving the block; ``wb.filename`` is its path. Keyword arguments are
    XlsxWriter's workbook options.
    """

    @contextmanager
    def make(name: str = "book.xlsx", **options) -> Iterator[xlsxwriter.Workbook]:
        workbook = xlsxwriter.Workbook(tmp_path / name, options)
        yield workbook
        workbook.close()

    return make
