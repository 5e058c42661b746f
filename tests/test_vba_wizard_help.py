"""The function wizard's help, registered by the workbook when it opens (issue 9, point 2).

(a) The registrations the VBA makes, read from its source (tests/vba_help_reader.py decodes
    the hex), are those xlwings's own ``import_udfs`` makes for :mod:`xlsalesplan.udfs`.
(b) Any text, Russian included, comes back exactly, and the source stays what VBA can store.
(c) LibreOffice Basic compiles and runs the module: with a stand-in for ``Application``
    (LibreOffice has no ``MacroOptions``), the calls it receives carry the Python texts, and
    ``ThisWorkbook.Saved`` is as it was before.
"""

from __future__ import annotations

import io
from dataclasses import asdict

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_vba_fixtures import xlwings_import_functions
from vba_help_reader import macro_options_calls, procedures, registrations, statements

from xlsalesplan.io.vba.modules import (
    class_module,
    standard_module,
    workbook_module,
    worksheet_module,
)
from xlsalesplan.io.vba.planproject import project_modules, wizard_help
from xlsalesplan.io.vba.project import build_vba_project
from xlsalesplan.io.vba.wizardhelp import (
    HELP_MODULE,
    MAX_TEXT,
    WizardHelp,
    help_module,
    workbook_open_code,
)


def _as_registered(entry: WizardHelp) -> dict:
    registered = asdict(entry) | {"function": entry.name, "arguments": list(entry.arguments)}
    del registered["name"]
    return registered


# (a) -------------------------------------------------------------------------------------------


def test_english_help_is_what_import_functions_registers():
    report = xlwings_import_functions("SalesPlan.xlsm")
    theirs = {macro: options for macro, options in report["macro_options"]}
    code = help_module(wizard_help("en")).code
    ours = {f"'SalesPlan.xlsm'!{r['function']}": r for r in registrations(code)}
    assert sorted(ours) == sorted(theirs)
    for macro, options in theirs.items():
        assert ours[macro]["category"] == options["Category"], macro
        assert ours[macro]["arguments"] == options["ArgumentDescriptions"], macro
        # xlwings registers the docstring's first 255 characters, which run on into the
        # second paragraph (with its line breaks and indentation, and the Russian text where
        # the docstring is short). The wizard shows one paragraph: ours is the first,
        # whitespace made single spaces; when a docstring is just that paragraph, the two are
        # the same text.
        paragraph = " ".join(options["Description"].split("\n\n")[0].split())
        assert ours[macro]["description"] == paragraph, macro
        assert len(paragraph) <= MAX_TEXT
    # The other arguments xlwings passes with a value (its None ones are left out).
    modern = [call for call in macro_options_calls(code) if "ArgumentDescriptions" in call]
    assert len(modern) == 1
    given_values = {key: value for key, value in modern[0].items() if key != "Macro"}
    assert given_values == {
        "Description": "summary",
        "HasMenu": str(options["HasMenu"]),
        "HasShortcutKey": str(options["HasShortcutKey"]),
        "Category": "category",
        "ArgumentDescriptions": "argumentTexts",
    }
    # The macro is named as xlwings names it: 'Book name'!FUNCTION (quotes doubled inside).
    register = statements(procedures(code)["Register"])
    assert (
        'macroName = "\'" & Replace(ThisWorkbook.Name, "\'", "\'\'") & "\'!" & functionName'
    ) in register


def test_every_udf_registers_its_help_in_both_languages():
    names = [name for name in (entry.name for entry in wizard_help("en"))]
    for lang in ("ru", "en"):
        modules = {m.name: m for m in project_modules(lang, with_xlwings=False)}
        registered = registrations(modules[HELP_MODULE].code)
        assert [r["function"] for r in registered] == names
        assert all(r["description"] and r["arguments"] for r in registered), lang
        # ThisWorkbook runs it when the workbook opens.
        assert "Workbook_Open" in procedures(modules["ThisWorkbook"].code)
        assert statements(modules["ThisWorkbook"].code) == statements(workbook_open_code())
        assert f"{HELP_MODULE}.RegisterFunctionHelp" in statements(workbook_open_code())


def test_russian_help_is_the_russian_paragraph():
    russian = {entry.name: entry for entry in wizard_help("ru")}
    english = {entry.name: entry for entry in wizard_help("en")}
    for name, entry in russian.items():
        assert any("а" <= ch <= "я" for ch in entry.description.lower()), name
        assert entry.category == english[name].category
        assert len(entry.arguments) == len(english[name].arguments)


# (b) -------------------------------------------------------------------------------------------


def test_russian_texts_round_trip_exactly():
    entries = wizard_help("ru")
    assert registrations(help_module(entries).code) == [_as_registered(e) for e in entries]


_TEXT = st.text(max_size=MAX_TEXT)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.tuples(_TEXT, _TEXT, st.lists(_TEXT, max_size=4)), min_size=1, max_size=3))
def test_any_text_round_trips_and_the_source_is_what_vba_stores(texts):
    entries = [
        WizardHelp(f"F{i}", description, category, arguments)
        for i, (description, category, arguments) in enumerate(texts)
    ]
    module = help_module(entries)
    assert registrations(module.code) == [
        _as_registered(e) | ({} if e.arguments else {"arguments": None}) for e in entries
    ]
    module.source.encode("ascii")  # code page 1252 on every locale: plain ASCII
    assert max(len(line) for line in module.source.split("\r\n")) <= 1023
    for statement in module.code.replace(" _\n", "\x00").split("\n"):
        assert statement.count("\x00") <= 24


def test_texts_excel_would_refuse_are_refused():
    with pytest.raises(ValueError, match="Excel takes 255"):
        WizardHelp("F", "x" * 256, "c", [])
    with pytest.raises(ValueError, match="argument 2 has 300 characters"):
        WizardHelp("F", "d", "c", ["ok", "y" * 300])
    with pytest.raises(ValueError, match="comes twice"):
        help_module([WizardHelp("F", "d", "c"), WizardHelp("f", "d", "c")])


def test_the_plan_projects_carry_the_help_in_their_language():
    # What VBA itself stores: the module read back from each built project.
    from xlsalesplan.io.vba.prebuilt import vba_project
    from xlsalesplan.io.vba.project import read_vba_project

    for lang in ("ru", "en"):
        stored = {m.name: m for m in read_vba_project(vba_project(lang))}
        expected = [_as_registered(e) for e in wizard_help(lang)]
        assert registrations(stored[HELP_MODULE].code) == expected, lang


# (c) -------------------------------------------------------------------------------------------

HOST_STUB = """\
Option Explicit
' Stands in for Excel's Application: LibreOffice has no MacroOptions.
Public Function Version() As String
    Version = "16.0"
End Function

Public Sub MacroOptions(Optional Macro As Variant, Optional Description As Variant, _
        Optional HasMenu As Variant, Optional HasShortcutKey As Variant, _
        Optional Category As Variant, Optional ArgumentDescriptions As Variant)
    Dim fields As String
    fields = Macro & ChrW(1) & Description & ChrW(1) & Category & ChrW(1) & HasMenu _
        & ChrW(1) & HasShortcutKey & ChrW(1)
    If IsArray(ArgumentDescriptions) Then fields = fields & Join(ArgumentDescriptions, ChrW(3))
    Probe.Record fields
    ' Excel marks the workbook as changed when it registers help; so does this.
    ThisWorkbook.Sheets(1).Range("B1").Value = Macro
End Sub
"""

PROBE = """\
Option Explicit
Private recorded As String

Public Sub Record(ByVal fields As String)
    recorded = recorded & fields & ChrW(2)
End Sub

Public Function Run() As String
    Dim afterClean As Boolean, afterEdit As Boolean, calls As String
    recorded = ""
    ThisWorkbook.Saved = True
    RegisterFunctionHelp
    afterClean = ThisWorkbook.Saved
    calls = recorded
    ThisWorkbook.Sheets(1).Range("C1").Value = "an edit the planner has not saved"
    RegisterFunctionHelp
    afterEdit = ThisWorkbook.Saved
    Run = afterClean & ChrW(4) & afterEdit & ChrW(4) & calls
End Function
"""


def _probe_workbook(path, lang):
    help_code = help_module(wizard_help(lang)).code
    assert help_code.count("Set host = Application\n") == 1
    modules = [
        workbook_module(workbook_open_code()),
        worksheet_module("Sheet1"),
        standard_module(
            HELP_MODULE, help_code.replace("Set host = Application", "Set host = New HostStub")
        ),
        class_module("HostStub", HOST_STUB),
        standard_module("Probe", PROBE),
    ]
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write("A1", lang)
    book.set_vba_name("ThisWorkbook")
    sheet.set_vba_name("Sheet1")
    book.add_vba_project(io.BytesIO(build_vba_project(modules)), is_stream=True)
    book.close()
    return path


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_libreoffice_runs_the_registration_with_the_python_texts(lo, tmp_path, lang):
    path = _probe_workbook(tmp_path / f"help-{lang}.xlsm", lang)
    after_clean, after_edit, calls = lo.run_macro(path, "Probe.Run").split("\x04")
    # Saved is put back as it was: a clean workbook stays clean, an edited one stays edited.
    assert (after_clean, after_edit) == ("True", "False")
    received = [call.split("\x01") for call in calls.split("\x02")[:-1]]
    expected = [
        [
            f"'{path.name}'!{e.name}",
            e.description,
            e.category,
            "False",
            "False",
            "\x03".join(e.arguments),
        ]
        for e in wizard_help(lang)
    ]
    assert received == expected
