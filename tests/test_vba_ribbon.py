"""Ribbon injection, and a built project with a ribbon running its macro in LibreOffice."""

import io
import json
import os
import shutil
import socket
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from zipfile import ZipFile

import pytest
import xlsxwriter

from xlsalesplan.io.vba.modules import standard_module, workbook_module, worksheet_module
from xlsalesplan.io.vba.project import build_vba_project
from xlsalesplan.io.vba.ribbon import add_ribbon

RIBBON = (
    '<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs>'
    '<tab id="plan" label="Plan"><group id="g" label="Run"><button id="hello" label="Hello" '
    'onAction="Macros.Hello"/></group></tab></tabs></ribbon></customUI>'
)
EXTENSIBILITY = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
HELLO = 'Sub Hello()\n    ThisWorkbook.Sheets(1).Range("A1").Value = 42\nEnd Sub\n'


def _xlsm(path):
    blob = build_vba_project(
        [workbook_module(), worksheet_module("Sheet1"), standard_module("Macros", HELLO)]
    )
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write("A1", 1)
    book.set_vba_name("ThisWorkbook")
    sheet.set_vba_name("Sheet1")
    book.add_vba_project(io.BytesIO(blob), is_stream=True)
    book.close()
    return path


def test_ribbon_part_relationship_and_untouched_parts(tmp_path):
    book = _xlsm(tmp_path / "book.xlsm")
    out = add_ribbon(book, RIBBON)
    with ZipFile(book) as before, ZipFile(io.BytesIO(out)) as after:
        assert after.read("customUI/customUI14.xml").decode() == RIBBON
        rels = ET.fromstring(after.read("_rels/.rels"))
        ribbon = [r for r in rels if r.get("Type") == EXTENSIBILITY]
        assert [r.get("Target") for r in ribbon] == ["customUI/customUI14.xml"]
        assert len({r.get("Id") for r in rels}) == len(rels)
        for name in before.namelist():
            if name not in ("_rels/.rels", "[Content_Types].xml"):
                assert after.read(name) == before.read(name), name
        types = ET.fromstring(after.read("[Content_Types].xml"))
        xml_default = [t for t in types if t.get("Extension") == "xml"]
        assert xml_default and xml_default[0].get("ContentType") == "application/xml"
    # Adding again replaces the ribbon rather than adding a second one.
    twice = ZipFile(io.BytesIO(add_ribbon(out, RIBBON)))
    rels = ET.fromstring(twice.read("_rels/.rels"))
    assert sum(r.get("Type") == EXTENSIBILITY for r in rels) == 1
    assert twice.namelist().count("customUI/customUI14.xml") == 1


@pytest.mark.parametrize(
    "xml, message",
    [
        ("<customUI", "not well-formed XML"),
        ('<ribbon xmlns="http://schemas.microsoft.com/office/2009/07/customui"/>', "root must be"),
        ("<customUI/>", "root must be <customUI>"),
    ],
)
def test_bad_ribbon_xml_is_rejected(tmp_path, xml, message):
    with pytest.raises(ValueError, match=message):
        add_ribbon(_xlsm(tmp_path / "b.xlsm"), xml)


def test_non_office_zip_is_rejected():
    buffer = io.BytesIO()
    with ZipFile(buffer, "w") as package:
        package.writestr("a.txt", "x")
    with pytest.raises(ValueError, match=r"_rels/.rels is missing"):
        add_ribbon(buffer.getvalue(), RIBBON)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_macro_runs_in_libreoffice(tmp_path):
    if not shutil.which("soffice") or not Path("/usr/bin/python3").exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but soffice or /usr/bin/python3 is missing")
        pytest.skip("LibreOffice (soffice) and Debian's python3 with uno are needed")
    book = tmp_path / "ribbon.xlsm"
    book.write_bytes(add_ribbon(_xlsm(tmp_path / "plain.xlsm"), RIBBON))
    script = Path(__file__).with_name("vba_uno_macro.py")
    done = subprocess.run(
        ["/usr/bin/python3", str(script), str(book), "Macros.Hello", str(_free_port())],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"before": 1.0, "value": 42.0}
