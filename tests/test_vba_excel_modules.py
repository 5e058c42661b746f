"""Document and class modules carry the attribute blocks Excel stores (issue 9, point 3).

References, all read with oletools' olevba (not our reader):

* document modules (ThisWorkbook, Sheet1): projects saved by three versions of Excel — two from
  XlsxWriter's test files (tests/data/excel: ``macro01.xlsm``, ``vbaProject05.bin``) and
  xlwings's ``quickstart.xlsm`` (saved with p-code);
* the ``Dictionary`` class: xlwings's standalone workbook and add-ins, whose projects hold it as
  Excel stored it after importing ``Dictionary.cls`` (its identifiers' case normalised by the
  VBA editor, which never happens outside Excel).
"""

from __future__ import annotations

import re
from pathlib import Path
from zipfile import ZipFile

import pytest
import xlwings
from oletools.olevba import VBA_Parser

from xlsalesplan.io.vba.modules import class_module
from xlsalesplan.io.vba.prebuilt import vba_project
from xlsalesplan.io.vba.project import build_vba_project

EXCEL = Path(__file__).parent / "data" / "excel"
XLWINGS = Path(xlwings.__file__).parent
_ATTRIBUTE = re.compile(r"Attribute (VB_\w+) = (.*)")


def _modules(name: str, blob: bytes) -> dict[str, str]:
    parser = VBA_Parser(name, data=blob)
    try:
        return {path.rsplit("/", 1)[-1]: code for _, path, _, code in parser.extract_macros()}
    finally:
        parser.close()


def _vba_of(path: Path) -> bytes:
    if path.suffix == ".bin":
        return path.read_bytes()
    with ZipFile(path) as package:
        return package.read("xl/vbaProject.bin")


def attribute_block(source: str) -> list[tuple[str, str]]:
    """The module's leading ``Attribute VB_*`` lines, VB_Name left out."""
    block = []
    for line in source.splitlines():
        match = _ATTRIBUTE.fullmatch(line)
        if not match:
            break
        block.append((match.group(1), match.group(2)))
    assert block and block[0][0] == "VB_Name"
    return block[1:]


def _body(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not _ATTRIBUTE.fullmatch(line))


EXCEL_SAVED = [EXCEL / "macro01.xlsm", EXCEL / "vbaProject05.bin", XLWINGS / "quickstart.xlsm"]
DICTIONARY_REFERENCES = [
    XLWINGS / name
    for name in (
        "quickstart_standalone.xlsm",
        "quickstart_addin.xlam",
        "quickstart_addin_ribbon.xlam",
    )
]


@pytest.fixture(scope="module", params=["ru", "en"])
def ours(request) -> dict[str, str]:
    return _modules(f"vbaProject.{request.param}.bin", vba_project(request.param))


@pytest.mark.parametrize("reference", EXCEL_SAVED, ids=lambda path: path.name)
def test_document_modules_carry_excels_attribute_block(ours, reference):
    excel = _modules(reference.name, _vba_of(reference))
    assert attribute_block(ours["ThisWorkbook"]) == attribute_block(excel["ThisWorkbook"])
    sheets = [name for name in ours if re.fullmatch(r"Sheet\d+", name)]
    assert len(sheets) > 1
    for sheet in sheets:
        assert attribute_block(ours[sheet]) == attribute_block(excel["Sheet1"]), sheet


@pytest.mark.parametrize("reference", DICTIONARY_REFERENCES, ids=lambda path: path.name)
def test_dictionary_is_stored_as_excel_stores_it(ours, reference):
    excel = _modules(reference.name, _vba_of(reference))["Dictionary"]
    assert attribute_block(ours["Dictionary"]) == attribute_block(excel)
    assert [key for key, _ in attribute_block(excel)][:7] == [
        "VB_Base",
        "VB_GlobalNameSpace",
        "VB_Creatable",
        "VB_PredeclaredId",
        "VB_Exposed",
        "VB_TemplateDerived",
        "VB_Customizable",
    ]
    # The code: the same but for the case of identifiers, which the VBA editor normalises
    # across a project when Excel loads it (xlwings.bas declares a lower-case `err`).
    assert _body(ours["Dictionary"]).lower() == _body(excel).lower()
    assert _body(ours["Dictionary"]) != _body(excel)


def test_a_new_class_module_has_the_keys_of_excels_class_block():
    excel = _modules("ref", _vba_of(DICTIONARY_REFERENCES[0]))["Dictionary"]
    blob = build_vba_project([class_module("Counter", "Private n As Long\n")])
    block = attribute_block(_modules("new", blob)["Counter"])
    assert [key for key, _ in block] == [key for key, _ in attribute_block(excel)][:7]
    assert dict(block)["VB_Base"] == dict(attribute_block(excel))["VB_Base"]
