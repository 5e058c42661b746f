"""The plan workbook's VBA project and ribbon, checked without Excel (issue 5, point 3).

Outside readers only: oletools' olevba decodes the project, xlwings's own files and its own
"Import Functions" code give the expected xlwings module and UDF wrappers, LibreOffice opens
the workbooks and runs every ribbon callback, and openxml-audit (a port of the Open XML SDK's
validator) checks the package the way Excel would before it offers a repair.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import inspect
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path
from zipfile import ZipFile

import pytest
import xlwings
from packaging.requirements import Requirement
from packaging.version import Version
from plan_vba_fixtures import (
    MACROS,
    RECORD_CELL,
    REPO,
    RUNPYTHON_STUB,
    UNO_PYTHON,
    function_signatures,
    libreoffice,
    olevba_modules,
    xlwings_import_functions,
)

from xlsalesplan import udfs
from xlsalesplan.io import layout
from xlsalesplan.io.build.template import build_workbook
from xlsalesplan.io.files import build_templates, write_demo
from xlsalesplan.io.vba import planproject as macrobuild
from xlsalesplan.io.vba.modules import standard_module
from xlsalesplan.io.vba.project import build_vba_project
from xlsalesplan.io.vba.ribbon import add_ribbon
from xlsalesplan.plan.compute import compute
from xlsalesplan.plan.demo import demo_inputs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

XLWINGS = Path(xlwings.__file__).parent
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CUSTOMUI = "{http://schemas.microsoft.com/office/2009/07/customui}"
EXTENSIBILITY = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RIBBONS = {"ru": "customUI14.xml", "en": "customUI14_en.xml"}
# What each button promises (issue 5), as the Python function its callback must run.
PROMISED = {
    "OnRefreshAll": "refresh_all",
    "OnRefreshSheet": "refresh_sheet",
    "OnCheckInputs": "check",
    "OnFreezeValues": "freeze_values",
    "OnNewPeriod": "new_period",
    "OnScenarios": "show_scenarios",
    "OnApprove": "approve",
    "OnHistory": "show_history",
    "OnHelp": "show_help",
}
COMMAND = re.compile(r"import xlsalesplan\.macros as m; m\.(\w+)\(\)")


def _crlf(text: str) -> str:
    """Text as VBA stores a module: CR LF line endings, a final line break."""
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text if text.endswith("\r\n") else text + "\r\n"


def _on_actions(name: str) -> list[str]:
    root = ET.parse(MACROS / name).getroot()
    return [e.get("onAction") for e in root.iter() if e.get("onAction")]


def _callbacks() -> list[str]:
    return sorted({action for name in RIBBONS.values() for action in _on_actions(name)})


def _unrunnable(names) -> list[str]:
    """Which ``m.<name>()`` commands xlsalesplan.macros cannot run (skip while it is not
    written yet): the name must be a function callable with no arguments, as RunPython calls it.
    """
    if importlib.util.find_spec("xlsalesplan.macros") is None:
        pytest.skip("xlsalesplan/macros.py does not exist yet (issue 5, point 4)")
    macros = importlib.import_module("xlsalesplan.macros")
    bad = []
    for name in names:
        target = getattr(macros, name, None)
        required = (
            [p.name for p in inspect.signature(target).parameters.values() if p.default is p.empty]
            if callable(target)
            else None
        )
        if required != []:
            bad.append(name if required is None else f"{name} (needs {required})")
    return bad


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("plan-vba")


@pytest.fixture(scope="module")
def demo(folder) -> dict[str, Path]:
    """The demo as ``xlsalesplan demo`` writes it: .xlsm (Russian, English) and .xlsx."""
    return {
        "xlsm": write_demo(folder / "SalesPlan-demo.xlsm", "ru"),
        "xlsm_en": write_demo(folder / "SalesPlan_en-demo.xlsm", "en"),
        "xlsx": write_demo(folder / "SalesPlan-demo.xlsx", "ru"),
    }


@pytest.fixture(scope="module")
def decoded(demo) -> list[tuple[str, str]]:
    return olevba_modules(demo["xlsm"])


@pytest.fixture(scope="module")
def decoded_by_name(decoded) -> dict[str, str]:
    return {name.rsplit(".", 1)[0]: code for name, code in decoded}


def _test_build(path: Path) -> Path:
    """The demo with xlwings's modules left out (LibreOffice Basic cannot compile them) and a
    RunPython stand-in that records its command in a cell."""
    modules = macrobuild.project_modules(with_xlwings=False)
    modules.append(standard_module("RunPythonStub", RUNPYTHON_STUB))
    inputs = demo_inputs("ru")
    buffer = BytesIO()
    build_workbook(
        buffer, inputs, compute(inputs), lang="ru", vba_project=build_vba_project(modules)
    )
    path.write_bytes(add_ribbon(buffer.getvalue(), macrobuild.ribbon_xml("ru")))
    return path


@pytest.fixture(scope="module")
def office(demo, folder) -> dict:
    """One LibreOffice run: the demo workbooks inspected, every callback run in the test build."""
    if not shutil.which("soffice") or not UNO_PYTHON.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but soffice or /usr/bin/python3 (with uno) is missing")
        pytest.skip("LibreOffice (soffice) and Debian's python3 with uno are needed")
    test_build = _test_build(folder / "ribbon-test.xlsm")
    books = [demo["xlsm"], demo["xlsm_en"], demo["xlsx"], test_build]
    return libreoffice(
        {
            "inspect": [str(book) for book in books],
            "run": {
                "book": str(test_build),
                "macros": [f"Ribbon.{name}" for name in _callbacks()],
                "cell": RECORD_CELL,
            },
        }
    )


# (a) olevba decodes every module to exactly its source -------------------------------------


def _sheet_code_names(path: Path) -> tuple[str, list[str]]:
    """The workbook's code name and its sheets' code names, in tab order."""
    with ZipFile(path) as package:
        book = ET.fromstring(package.read("xl/workbook.xml"))
        parts = sorted(
            (n for n in package.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
            key=lambda n: int(re.findall(r"\d+", n)[0]),
        )
        sheets = [ET.fromstring(package.read(n)).find(f"{MAIN}sheetPr") for n in parts]
    return book.find(f"{MAIN}workbookPr").get("codeName"), [s.get("codeName") for s in sheets]


@pytest.mark.parametrize("key, lang", [("xlsm", "ru"), ("xlsm_en", "en")])
def test_olevba_decodes_every_module_to_its_source(demo, key, lang):
    # How each module's text compares with Excel's and xlwings's own is tested in
    # test_vba_excel_modules.py and test_vba_udf_module.py; here: olevba reads what was meant.
    workbook_name, sheet_names = _sheet_code_names(demo[key])
    modules = macrobuild.project_modules(lang)
    extension = {"standard": "bas", "document": "cls", "class": "cls"}
    expected = [(f"{m.name}.{extension[m.kind]}", m.source) for m in modules]
    assert workbook_name == "ThisWorkbook"
    assert sheet_names == [f"Sheet{i}" for i in range(1, len(sheet_names) + 1)]
    documents = [m.name for m in modules if m.kind == "document"]
    assert documents == [workbook_name, *sheet_names]
    decoded = olevba_modules(demo[key])
    assert [name for name, _ in decoded] == [name for name, _ in expected]
    for (name, code), (_, source) in zip(decoded, expected, strict=True):
        assert code == source, f"{name} does not decode to its source"


def test_every_workbook_the_build_writes_carries_its_languages_project_and_ribbon(demo, folder):
    projects = {}
    for key, lang in (("xlsm", "ru"), ("xlsm_en", "en")):
        with ZipFile(demo[key]) as package:
            projects[lang] = package.read("xl/vbaProject.bin")
    assert projects["ru"] != projects["en"]  # the wizard's help is in the workbook's language
    books = [
        *build_templates(folder / "workbooks", folder / "macros", folder / "workbooks")[:4],
        demo["xlsm_en"],
        demo["xlsx"],
    ]
    assert sorted(p.name for p in books[:4]) == [
        "SalesPlan.xlsm",
        "SalesPlan.xlsx",
        "SalesPlan_en.xlsm",
        "SalesPlan_en.xlsx",
    ]
    for book in books:
        with ZipFile(book) as package:
            names = set(package.namelist())
            if book.suffix == ".xlsx":
                assert not names & {"xl/vbaProject.bin", "customUI/customUI14.xml"}, book.name
                continue
            lang = "en" if "_en" in book.name or ".en." in book.name else "ru"
            assert package.read("xl/vbaProject.bin") == projects[lang], book.name
            ribbon = RIBBONS[lang]
            assert package.read("customUI/customUI14.xml") == (MACROS / ribbon).read_bytes()


# (b) the xlwings module is the installed xlwings, which pyproject.toml allows ----------------


def test_xlwings_module_version_is_installed_and_allowed(decoded_by_name):
    stamped = re.search(r"^'Version: (\S+)\r$", decoded_by_name["xlwings"], re.M)
    assert stamped, "xlwings.bas carries no 'Version: line"
    installed = importlib.metadata.version("xlwings")
    assert stamped.group(1) == installed
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    (requirement,) = [
        Requirement(d) for d in dependencies["dependencies"] if Requirement(d).name == "xlwings"
    ]
    assert requirement.specifier.contains(Version(installed)), (
        f"xlwings {installed} in the workbook, but pyproject.toml asks for {requirement}"
    )
    # The module's DLL declarations name the same version (a stale module would not load).
    assert set(re.findall(r"xlwings(?:32|64)-([\d.]+)\.dll", decoded_by_name["xlwings"])) == {
        installed
    }


# (c) callbacks, Python targets and UDF wrappers line up ----------------------------------------


def test_both_ribbons_call_the_same_callbacks_and_each_has_its_sub():
    ribbon = (MACROS / "Ribbon.bas").read_text("utf-8")
    subs = re.findall(r"^Public Sub (\w+)\(control As IRibbonControl\)$", ribbon, re.M)
    assert sorted(_on_actions(RIBBONS["ru"])) == sorted(_on_actions(RIBBONS["en"]))
    assert sorted(PROMISED) == _callbacks()
    missing = set(_callbacks()) - set(subs)
    assert not missing, f"onAction without a Public Sub Name(control As IRibbonControl): {missing}"


def test_ribbon_buttons_use_built_in_icons_and_unique_ids():
    for name in RIBBONS.values():
        buttons = list(ET.parse(MACROS / name).getroot().iter(f"{CUSTOMUI}button"))
        assert len(buttons) == len(PROMISED), name
        assert all(b.get("imageMso") and b.get("label") for b in buttons), name
        ids = [e.get("id") for e in ET.parse(MACROS / name).getroot().iter() if e.get("id")]
        assert len(ids) == len(set(ids)), name


def test_callback_targets_are_callables_of_xlsalesplan_macros():
    ribbon = (MACROS / "Ribbon.bas").read_text("utf-8")
    bodies = re.findall(
        r"^Public Sub (\w+)\(control As IRibbonControl\)\n(.*?)^End Sub", ribbon, re.M | re.S
    )
    targets = {sub: re.findall(r'"([a-z_][a-z0-9_]*)"', body) for sub, body in bodies}
    assert targets == {sub: [name] for sub, name in PROMISED.items()}
    assert _unrunnable(PROMISED.values()) == []


def test_every_udf_has_a_wrapper_with_its_arguments(decoded_by_name):
    declared = function_signatures(decoded_by_name[macrobuild.UDF_MODULE])
    assert sorted(declared) == sorted(f.name for f in udfs.FORMULAS)
    for fn in (getattr(udfs, f.name) for f in udfs.FORMULAS):
        parameters = inspect.signature(fn).parameters.values()
        expected = [
            ("Optional " if p.default is not inspect.Parameter.empty else "") + p.name
            for p in parameters
        ]
        assert declared[fn.__name__] == expected, fn.__name__
        keywords = {p.name for p in parameters if p.name.lower() in macrobuild.VBA_KEYWORDS}
        assert not keywords, f"{fn.__name__}: VBA keywords as argument names: {keywords}"


def test_udf_module_is_what_xlwings_import_functions_writes(decoded_by_name):
    # The whole module, header included: its #Const App line selects every wrapper's Excel
    # branch. VBA stores the imported file's lines with CR LF.
    module = decoded_by_name[macrobuild.UDF_MODULE]
    assert module == _crlf(xlwings_import_functions()["module"])
    assert macrobuild.UDF_MODULE == "xlwings_udfs"


# (d) LibreOffice runs every callback; each records the promised Python command ------------------


def test_libreoffice_runs_every_callback_with_the_promised_command(office):
    run = office["run"]
    assert run["initial"] == "", f"{RECORD_CELL} of the first sheet must start empty"
    assert run["calls"] == {
        f"Ribbon.{sub}": f"import xlsalesplan.macros as m; m.{name}()"
        for sub, name in PROMISED.items()
    }


def test_recorded_commands_target_callables_of_xlsalesplan_macros(office):
    targets = [COMMAND.fullmatch(c).group(1) for c in office["run"]["calls"].values()]
    assert _unrunnable(targets) == []


# (e) the workbooks open without repair ---------------------------------------------------------


def _declared(path: Path) -> tuple[list[str], list[str]]:
    """Sheet names and table names as the package declares them."""
    with ZipFile(path) as package:
        book = ET.fromstring(package.read("xl/workbook.xml"))
        sheets = [s.get("name") for s in book.iter(f"{MAIN}sheet")]
        tables = [
            ET.fromstring(package.read(n)).get("name")
            for n in package.namelist()
            if n.startswith("xl/tables/")
        ]
    return sheets, sorted(tables)


@pytest.mark.parametrize("key", ["xlsm", "xlsm_en", "xlsx"])
def test_libreoffice_opens_the_demo_with_every_sheet_table_and_module(office, demo, key):
    seen = office["inspect"][str(demo[key])]
    sheets, tables = _declared(demo[key])
    assert tables == sorted(layout.TABLES)
    assert seen["sheets"] == sheets
    assert sorted(seen["tables"]) == tables
    modules = [name.rsplit(".", 1)[0] for name, _ in olevba_modules(demo[key])]
    assert sorted(seen["modules"]) == sorted(modules)
    assert bool(modules) == (key != "xlsx")


def test_libreoffice_compiles_the_test_build(office):
    # One module that does not compile silently disables every macro, so the recorded commands
    # above also prove that Ribbon and the UDF wrappers compile in LibreOffice Basic.
    seen = office["inspect"][next(k for k in office["inspect"] if k.endswith("ribbon-test.xlsm"))]
    assert {"Ribbon", macrobuild.UDF_MODULE, "FunctionHelp", "RunPythonStub"} <= set(
        seen["modules"]
    )
    assert not {"xlwings", "Dictionary"} & set(seen["modules"])


def test_macro_workbook_content_types(demo):
    with ZipFile(demo["xlsm"]) as package:
        types = ET.fromstring(package.read("[Content_Types].xml"))
        rels = ET.fromstring(package.read("_rels/.rels"))
    by_extension = {t.get("Extension"): t.get("ContentType") for t in types if t.get("Extension")}
    by_part = {t.get("PartName"): t.get("ContentType") for t in types if t.get("PartName")}
    # openxml-audit does not check these two; Excel refuses a macro workbook without them.
    assert by_extension["bin"] == "application/vnd.ms-office.vbaProject"
    assert by_part["/xl/workbook.xml"] == "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    ribbon = [r.get("Target") for r in rels if r.get("Type") == EXTENSIBILITY]
    assert ribbon == ["customUI/customUI14.xml"]


@pytest.fixture(scope="module")
def validator():
    audit = pytest.importorskip("openxml_audit", reason="openxml-audit is not installed")
    return audit.OpenXmlValidator(file_format=audit.FileFormat.MICROSOFT_365, max_errors=0)


@pytest.mark.parametrize("key", ["xlsm", "xlsm_en", "xlsx"])
def test_openxml_audit_finds_no_errors(validator, demo, key):
    result = validator.validate(demo[key])
    assert [e.description for e in result.errors] == []
    assert result.is_valid


def test_openxml_audit_would_catch_a_broken_ribbon(validator, demo, folder):
    # The validator does read the ribbon part: an unknown element there is an error.
    broken = folder / "broken-ribbon.xlsm"
    with ZipFile(demo["xlsm"]) as source, ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "customUI/customUI14.xml":
                data = data.replace(b"<ribbon>", b"<ribbon><bogus/>")
            target.writestr(item, data)
    result = validator.validate(broken)
    assert [e.description for e in result.errors] == ["Unexpected element 'bogus' found"]
