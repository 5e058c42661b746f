"""xlwings Lite: the generated main.py runs the bundled package, with the same results."""

from __future__ import annotations

import datetime as dt
import sys

import live_fixtures
import pytest
from live_fixtures import load_book

from xlsalesplan import formulas, udfs
from xlsalesplan.lite import REQUIREMENTS, SCRIPTS, write_lite

demo_files = live_fixtures.demo_files  # the session fixture


@pytest.fixture(scope="module")
def main(tmp_path_factory, demo_files):
    """main.py imported as Lite would: the bundle alone provides every xlsalesplan module.

    The demo files are made first, by the installed package: inside the bundle's window the
    package's own files (the shipped demo, the VBA projects) are not there, as in Lite.
    """
    folder = tmp_path_factory.mktemp("lite")
    write_lite(folder)
    saved = {
        k: v for k, v in sys.modules.items() if k == "xlsalesplan" or k.startswith("xlsalesplan.")
    }
    finders = list(sys.meta_path)
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        import main as module

        yield module
    finally:
        sys.path.remove(str(folder))
        sys.meta_path[:] = finders
        for name in [k for k in sys.modules if k.startswith("xlsalesplan") or k == "main"]:
            del sys.modules[name]
        sys.modules.update(saved)


def test_the_bundle_is_what_runs(main):
    assert type(main._formulas.__spec__.loader).__name__ == "_Bundle"
    assert main._formulas is not formulas
    assert "_Bundle" not in repr(formulas.__spec__.loader)  # the installed package is restored


CASES = [
    ("DECOMPOSE", (100, [[1], [1], [1]], 0)),
    ("DECOMPOSE", (1200, [[1, 2, 3]], 0)),
    ("BALANCE", ([[10], [20]], [[15, 15]], None, 0)),
    ("WORKDAYS", (dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 31))),
    ("FUNNEL", (120, [[0.3], [0.25]])),
    ("ROI", (150, 100)),
    ("CAGR", (100, 121, 2)),
    ("HORIZON", (dt.datetime(2030, 12, 31), dt.datetime(2025, 1, 1), "en")),
]


@pytest.mark.parametrize(("name", "args"), CASES)
def test_formulas_give_what_the_add_in_gives(main, name, args):
    assert getattr(main, name)(*args) == getattr(udfs, name)(*args)


def test_known_values_through_lite(main):
    assert main.DECOMPOSE(100, [[1], [1], [1]], 0) == [[34.0], [33.0], [33.0]]
    # January 2025 in Russia: 17 working days (production calendar; 1–8 January are holidays).
    assert main.WORKDAYS(dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 31)) == [[17]]
    assert main.HORIZON(dt.datetime(2030, 12, 31), dt.datetime(2025, 1, 1), "en") == [["long-term"]]


def test_errors_carry_the_same_message(main):
    with pytest.raises(ValueError) as lite:
        main.DECOMPOSE(100, [[1], ["abc"]])
    with pytest.raises(ValueError) as add_in:
        udfs.DECOMPOSE(100, [[1], ["abc"]])
    assert str(lite.value) == str(add_in.value) and str(lite.value).startswith("DECOMPOSE: weights")


def test_every_formula_and_button_is_there(main):
    for formula in udfs.FORMULAS:
        assert getattr(main, formula.name).__doc__ == getattr(udfs, formula.name).__doc__
    for name in SCRIPTS:
        assert callable(getattr(main, name))


def test_a_script_refreshes_a_workbook(main, demo_files):
    book = load_book(demo_files["en"])
    main.refresh_all(book)
    assert book.app.alerts[-1]["prompt"].startswith("Refreshed:")
    assert [c for c in book.calls if c[0] == "set formula"]


def test_requirements_name_only_packages_pyodide_can_install(tmp_path):
    main_py, requirements = write_lite(tmp_path / "out")
    assert requirements.read_text().split() == REQUIREMENTS
    assert "xlsalesplan" not in requirements.read_text()  # not on PyPI: bundled in main.py
    assert main_py.read_text(encoding="utf-8").startswith('"""xlsalesplan ')
