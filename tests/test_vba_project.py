"""A built vbaProject.bin: oletools reads every module back, the compound file holds the
expected streams, and the xlwings reference projects are reproduced record by record."""

import struct
from pathlib import Path
from zipfile import ZipFile

import olefile
import pytest
from oletools.olevba import VBA_Parser

from xlsalesplan.io.vba import dirstream as d
from xlsalesplan.io.vba.compression import decompress
from xlsalesplan.io.vba.modules import (
    Module,
    class_module,
    crlf,
    standard_module,
    workbook_module,
    worksheet_module,
)
from xlsalesplan.io.vba.project import build_vba_project, inspect_vba_project, read_vba_project

XLWINGS = Path(__import__("xlwings").__file__).parent
HELLO = 'Sub Hello()\n    ThisWorkbook.Sheets(1).Range("A1").Value = 42\nEnd Sub\n'


def _project(modules, **options):
    return build_vba_project(modules, **options)


def _olevba_sources(blob):
    parser = VBA_Parser("vbaProject.bin", data=blob)
    return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}


def test_olevba_decodes_every_module_to_the_stored_source():
    # "Exactly": olevba returns the stored text, which is the Attribute header lines that VBA
    # keeps (VB_Name first) followed by the code with every line ending turned into CR LF.
    body = "Option Explicit\r\nFunction Twice(x)\n    Twice = 2 * x\rEnd Function"
    modules = [
        workbook_module(),
        worksheet_module("Sheet1", "Private Sub Worksheet_Activate()\nEnd Sub\n"),
        standard_module("Plan", body),
        class_module("Counter", "Private n As Long\n"),
    ]
    sources = _olevba_sources(_project(modules))
    assert sorted(sources) == ["Counter", "Plan", "Sheet1", "ThisWorkbook"]
    assert sources["Plan"] == (
        'Attribute VB_Name = "Plan"\r\nOption Explicit\r\nFunction Twice(x)\r\n'
        "    Twice = 2 * x\r\nEnd Function\r\n"
    )
    assert sources["ThisWorkbook"].splitlines()[:2] == [
        'Attribute VB_Name = "ThisWorkbook"',
        'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"',
    ]
    for module in modules:
        assert sources[module.name] == module.source


def test_modules_read_back_equal_the_modules_written():
    modules = [
        workbook_module("Private Sub Workbook_Open()\r\nEnd Sub\r\n"),
        standard_module("A", HELLO),
    ]
    read = read_vba_project(_project(modules))
    assert [m.name for m in read] == ["ThisWorkbook", "A"]
    assert read[0] == modules[0]
    assert read[1].code == crlf(HELLO)


def test_compound_file_lists_the_streams_with_their_sizes():
    big = "".join(f"' line {i:05d} of a long module with some text\r\n" for i in range(1400))
    assert len(big) > 60000
    modules = [workbook_module(), standard_module("Big", big)]
    modules += [standard_module(f"M{i}", f"Sub S{i}()\r\nEnd Sub\r\n") for i in range(8)]
    blob = _project(modules)
    ole = olefile.OleFileIO(blob)
    names = {"/".join(path) for path in ole.listdir()}
    assert names == {"PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir"} | {
        f"VBA/{m.name}" for m in modules
    }
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")
    for module in modules:
        stream = ole.openstream(f"VBA/{module.name}").read()
        assert ole.get_size(f"VBA/{module.name}") == len(stream)
        assert decompress(stream).decode("cp1252") == module.source
    assert ole.get_size("VBA/Big") < len(big)
    assert ole.get_size("VBA/Big") >= 4096  # stored in the big-sector FAT, not the mini stream


def test_project_stream_lists_modules_by_kind():
    blob = _project([workbook_module(), standard_module("A", ""), class_module("C", "")])
    project = inspect_vba_project(blob)
    assert project.project_lines[1:4] == ("Document=ThisWorkbook/&H00000000", "Module=A", "Class=C")
    assert project.protection() == {"CMG": b"\0\0\0\0", "DPB": b"\0", "GC": b"\xff"}
    assert project.codepage == 1252


def test_cyrillic_code_page_stores_cyrillic_source():
    blob = _project([standard_module("A", "' План продаж\r\n")], codepage=1251)
    stream = olefile.OleFileIO(blob).openstream("VBA/A").read()
    assert "План продаж".encode("cp1251") in decompress(stream)
    assert read_vba_project(blob)[0].code == "' План продаж\r\n"


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: _project([standard_module("A", 's = "План"')]),
            r"module A, line 1: character 'П' cannot be stored in code page cp1252; "
            r"write it as ChrW\(1055\)",
        ),
        (
            lambda: _project([standard_module("A", ""), standard_module("a", "")]),
            "'a' and 'A' clash",
        ),
        (lambda: standard_module("1st", ""), "module name '1st': use a letter"),
        (
            lambda: Module("Sheet1", "", "document"),
            "use workbook_module\\(\\) or worksheet_module\\(\\)",
        ),
        (lambda: Module("A", "", "form"), "kind 'form' is not one of"),
        (lambda: standard_module("A", 'Attribute VB_Name = "A"\r\n'), "use Module.from_source"),
        (lambda: _project([], project_name="My Project"), "project_name 'My Project'"),
        (lambda: _project([], codepage=99999), "Python has no codec cp99999"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def _reference_blob(name):
    with ZipFile(XLWINGS / name) as package:
        return package.read("xl/vbaProject.bin")


# Records whose value legitimately differs, with the value a source-only project must carry:
# cookies are written as 0xFFFF and the source starts at offset 0 (no performance cache).
WRITTEN_AS = {d.PROJECTCOOKIE: b"\xff\xff", d.MODULECOOKIE: b"\xff\xff", d.MODULEOFFSET: b"\0" * 4}


@pytest.mark.parametrize(
    "name", ["quickstart_standalone.xlsm", "quickstart_addin_ribbon.xlam", "quickstart.xlsm"]
)
def test_xlwings_reference_projects_are_reproduced(name):
    original = inspect_vba_project(_reference_blob(name))
    version = next(payload for rid, payload in original.dir_records if rid == d.VERSION)
    rebuilt = inspect_vba_project(
        build_vba_project(
            original.modules,
            project_name=original.name,
            codepage=original.codepage,
            references=original.references,
            project_id=original.project_id,
            syskind=original.syskind,
            version=struct.unpack("<IH", version),
        )
    )
    # PROJECTCOMPATVERSION only appears in projects Excel saved with p-code.
    expected = [r for r in original.dir_records if r[0] != d.COMPATVERSION]
    assert [rid for rid, _ in rebuilt.dir_records] == [rid for rid, _ in expected]
    for (rid, payload), (_, ours) in zip(expected, rebuilt.dir_records, strict=True):
        assert ours == WRITTEN_AS.get(rid, payload), hex(rid)

    # PROJECT lines: CMG/DPB/GC are re-obfuscated with another seed (compare plain values),
    # [Workspace] window positions are not kept, and trailing blank lines may differ.
    assert rebuilt.protection() == original.protection()

    def comparable(lines):
        kept = [line for line in lines if not line.startswith(("CMG=", "DPB=", "GC="))]
        kept = [line.split("=")[0] if "=" in line and line[0] != "&" else line for line in kept]
        return "\n".join(kept).rstrip("\n").split("\n")

    workspace = original.project_lines.index("[Workspace]")
    assert rebuilt.project_lines[:workspace] == tuple(
        line if not line.startswith(("CMG=", "DPB=", "GC=")) else rebuilt.project_lines[i]
        for i, line in enumerate(original.project_lines[:workspace])
    )
    assert comparable(rebuilt.project_lines) == comparable(original.project_lines)

    # Module sources: equal up to line endings (the xlwings module was stored with LF only).
    assert [(m.name, m.kind, m.attributes, m.docstring) for m in rebuilt.modules] == [
        (m.name, m.kind, m.attributes, m.docstring) for m in original.modules
    ]
    assert [m.code for m in rebuilt.modules] == [crlf(m.code) for m in original.modules]
