"""Each formula is declared once; every face agrees with the declaration and with the results.

The declarations (:mod:`xlsalesplan.formulas`) state examples with their results; here every
example is computed and compared with what its help states, and each face — the xlwings UDF,
the reference in both languages — is checked against the declaration.
"""

from __future__ import annotations

import inspect
import math
import runpy
from pathlib import Path

import pytest
from xlwings_metadata import xlwings_metadata

import xlsalesplan
from xlsalesplan import udfs
from xlsalesplan.formulas import FORMULAS
from xlsalesplan.formulas.declare import WIZARD_LIMIT, Percent, literal
from xlsalesplan.io.vba.planproject import VBA_KEYWORDS

DOCS = Path(__file__).parents[1] / "docs"
EXAMPLES = [(f, e) for f in FORMULAS for e in f.examples]


def agrees(found: object, stated: object) -> bool:
    """A computed value against a stated one, to the stated one's decimals."""
    if isinstance(stated, list):
        return (
            isinstance(found, list)
            and len(found) == len(stated)
            and all(agrees(a, b) for a, b in zip(found, stated, strict=True))
        )
    if isinstance(stated, (bool, str)) or stated is None:
        return found == stated
    decimals = len(repr(float(stated)).split(".")[1].rstrip("0")) if "." in repr(stated) else 0
    return math.isclose(round(float(found), decimals), float(stated), abs_tol=1e-12)


@pytest.mark.parametrize(("formula", "example"), EXAMPLES, ids=lambda x: getattr(x, "name", ""))
def test_every_example_gives_the_result_its_help_states(formula, example):
    assert agrees(formula(*example.args), example.result), (formula.name, example.args)


def test_a_wrong_stated_result_would_be_caught():
    assert not agrees([[0.69]], [[0.68]]) and agrees([[0.6900000000000002]], [[0.69]])
    assert not agrees([[34.0], [33.0], [33.0]], [[33], [34], [33]])


@pytest.mark.parametrize("formula", FORMULAS, ids=lambda f: f.name)
def test_declaration_fits_the_function_wizard_and_vba(formula):
    assert formula.examples, formula.name
    for text in (*formula.summary, *(h for a in formula.args for h in a.help)):
        assert 0 < len(text) <= WIZARD_LIMIT
    names = [a.name for a in formula.args]
    assert not {n.lower() for n in names} & VBA_KEYWORDS
    optional = [a.optional for a in formula.args]
    assert optional == sorted(optional), "optional arguments come last"


@pytest.mark.parametrize("formula", FORMULAS, ids=lambda f: f.name)
def test_the_udf_is_the_declaration(formula):
    fn = getattr(udfs, formula.name)
    parameters = list(inspect.signature(fn).parameters.values())
    assert [p.name for p in parameters] == [a.name for a in formula.args]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in parameters)
    assert [p.default for p in parameters] == [a.default for a in formula.args]
    assert fn.__doc__ == formula.summary[1]
    for example in formula.examples:
        assert fn(*example.args) == formula(*example.args)


def test_xlwings_records_what_the_declarations_say():
    metadata = xlwings_metadata()
    for formula in FORMULAS:
        info = metadata[formula.name]
        assert info["category"] == formula.category
        assert info["ret"]["doc"] == formula.summary[1]
        assert (info["ret"]["options"].get("expand") == "table") == formula.spills
        for arg, recorded in zip(formula.args, info["args"], strict=True):
            assert recorded["name"] == arg.name
            assert recorded["doc"] == arg.help[1]
            assert ("optional" in recorded) == arg.optional
            assert (recorded["options"].get("ndim") == 2) == arg.range


def test_every_core_formula_has_its_udf():
    core = {n for n in xlsalesplan.__all__ if n.islower()}
    names = [f.name.lower() for f in FORMULAS]
    assert len(names) == len(set(names)) and set(names) == core


def test_examples_are_typed_with_each_locale_separators():
    assert literal([[0.4], [0.5]], "ru") == "{0,4;0,5}"
    assert literal([[40, 60]], "ru") == "{40\\60}"
    assert literal([[40, 60]], "en") == "{40,60}"
    assert literal(Percent(0.3), "ru") == "30%"
    formula = next(f for f in FORMULAS if f.name == "ROI")
    assert formula.typed(formula.examples[1], "ru") == "=ROI(150000; 500000; 6)"
    assert formula.typed(formula.examples[1], "en") == "=ROI(150000, 500000, 6)"


def test_the_reference_is_current_and_uses_each_locale():
    reference = runpy.run_path(str(DOCS / "reference.py"))
    for lang, name in (("en", "formulas.md"), ("ru", "formulas.ru.md")):
        written = (DOCS / name).read_text(encoding="utf-8")
        assert written == reference["reference"](lang), f"run python docs/reference.py ({name})"
    english = (DOCS / "formulas.md").read_text(encoding="utf-8")
    typed = [line for line in english.splitlines() if line.startswith("- `=")]
    assert typed and not any("; " in line for line in typed)
    assert "{0,4;" not in english
