"""Hostile and unsuitable files are refused quickly, in bounded memory, with one clear line."""

import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.safety import Limits, WorkbookError
from xlsalesplan.io.ooxml.sheetxml import Sheet

EXCEL = Path(__file__).parent / "data" / "excel"


def _raw_zip(path: Path, members: list[tuple[str, bytes, int]]) -> Path:
    """A zip whose directory declares ``declared`` bytes for each member, whatever it holds."""
    body, central = b"", b""
    for name, data, declared in members:
        packed = zlib.compress(data, 9)[2:-4]
        sizes = (0x21, zlib.crc32(data), len(packed), declared, len(name))
        offset = len(body)
        body += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, *sizes, 0)
        body += name.encode() + packed
        tail = (0, 0, 0, 0, 0, offset)
        central += struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, 8, 0, *sizes, *tail
        )
        central += name.encode()
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(body), 0)  # fmt: skip
    path.write_bytes(body + central + end)
    return path


def _with_part(tmp_path: Path, name: str, data: bytes, source: str = "table10.xlsx") -> Path:
    """A copy of an Excel-made workbook with one part's content replaced."""
    dest = tmp_path / "PLAN.xlsx"
    with zipfile.ZipFile(EXCEL / source) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            out.writestr(info, data if info.filename == name else src.read(info))
    return dest


def _refused(path: Path, reason: str, limits: Limits | None = None) -> None:
    """Package.open refuses ``path`` with ``reason``, within 2 s and 20 MB of Python memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(WorkbookError) as caught:
            Package.open(path, limits) if limits else Package.open(path)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == f"{path}: {reason}"
    assert elapsed < 2
    assert peak < 20 * 2**20


def _cfb(stream_names: list[str]) -> bytes:
    """A minimal OLE2 compound file ([MS-CFB]) holding empty streams of these names."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # one FAT sector; directory in sector 1
    struct.pack_into("<IIIII", header, 0x38, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))
    entries = b""
    names = ["Root Entry", *stream_names]
    for i, name in enumerate(names):
        encoded = (name + "\0").encode("utf-16-le")
        child = 1 if i == 0 and len(names) > 1 else 0xFFFFFFFF
        right = i + 1 if 0 < i < len(names) - 1 else 0xFFFFFFFF
        entry = encoded.ljust(64, b"\0") + struct.pack(
            "<HBBIII16sIQQIQ", len(encoded), 5 if i == 0 else 2, 1, 0xFFFFFFFF, right, child,
            b"\0" * 16, 0, 0, 0, 0xFFFFFFFE, 0,
        )  # fmt: skip
        entries += entry
    directory = entries.ljust(512, b"\0")
    return bytes(header) + fat + directory


def test_a_text_file_is_not_a_workbook(tmp_path):
    path = tmp_path / "PLAN.xlsx"
    path.write_text("name;revenue\n")
    _refused(path, "is not an Excel workbook (.xlsx/.xlsm)")


def test_a_zip_without_a_workbook_is_not_a_workbook(tmp_path):
    path = tmp_path / "PLAN.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    _refused(path, "is not an Excel workbook (no workbook part)")


def test_the_cfb_builder_makes_a_file_olefile_reads():
    olefile = pytest.importorskip("olefile")
    data = _cfb(["Workbook", "SummaryInformation"])
    ole = olefile.OleFileIO(data)
    assert sorted(entry[0] for entry in ole.listdir()) == ["SummaryInformation", "Workbook"]


def test_an_old_xls_is_told_apart(tmp_path):
    path = tmp_path / "PLAN.xls"
    path.write_bytes(_cfb(["Workbook", "SummaryInformation"]))
    _refused(path, "is an old .xls workbook; save it as .xlsx/.xlsm in Excel first")


def test_a_hand_built_encrypted_workbook_is_told_apart(tmp_path):
    path = tmp_path / "PLAN.xlsx"
    path.write_bytes(_cfb(["EncryptionInfo", "EncryptedPackage"]))
    _refused(path, "is password-protected; remove the password in Excel first")


def test_a_workbook_encrypted_by_msoffcrypto_is_told_apart(tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    path = tmp_path / "PLAN.xlsm"
    with open(EXCEL / "macro01.xlsm", "rb") as plain, open(path, "wb") as out:
        ooxml.OOXMLFile(plain).encrypt("secret", out)
    _refused(path, "is password-protected; remove the password in Excel first")


def test_another_ole2_file_is_not_a_workbook(tmp_path):
    path = tmp_path / "PLAN.xlsx"
    path.write_bytes(_cfb(["WordDocument"]))
    _refused(path, "is not an Excel workbook (.xlsx/.xlsm)")


def test_a_declared_huge_part_is_refused_before_decompressing(tmp_path):
    # 1 KB of zeros that the directory declares as 600 MB
    path = _raw_zip(
        tmp_path / "PLAN.xlsx", [("xl/worksheets/sheet1.xml", b"\0" * 1024, 600 * 2**20)]
    )
    _refused(path, "unpacks to more than 500 MB; refused as a possible zip bomb")


def test_a_highly_compressed_part_is_refused(tmp_path):
    zeros = b"\0" * (20 * 2**20)
    path = _raw_zip(tmp_path / "PLAN.xlsx", [("xl/worksheets/sheet1.xml", zeros, len(zeros))])
    del zeros
    compressed = zipfile.ZipFile(path).infolist()[0].compress_size
    ratio = 20 * 2**20 // compressed
    assert ratio > 1000  # zeros compress about 1000:1
    _refused(
        path,
        f"part xl/worksheets/sheet1.xml is compressed {ratio}:1; refused as a possible zip bomb",
    )


def test_too_many_parts_are_refused(tmp_path):
    path = _raw_zip(tmp_path / "PLAN.xlsx", [(f"p{i}.xml", b"<a/>", 4) for i in range(51)])
    _refused(path, "has 51 parts, more than the 50 a workbook may have", Limits(members=50))


def test_a_part_larger_than_declared_is_damaged_not_expanded(tmp_path):
    # declares 1 KB, holds 30 MB of zeros: reading must stop at 1 KB and notice the bad CRC
    path = _raw_zip(tmp_path / "PLAN.xlsx", [("_rels/.rels", b"\0" * (30 * 2**20), 1024)])
    with pytest.raises(
        WorkbookError, match=r"PLAN\.xlsx: part _rels/\.rels is damaged \(Bad CRC-32"
    ):
        tracemalloc.start()
        try:
            Package.open(path)
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    assert peak < 5 * 2**20


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol4;</workbook>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&secret;</workbook>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_xml_with_a_doctype_is_refused(tmp_path, payload):
    path = _with_part(tmp_path, "xl/workbook.xml", payload)
    _refused(path, "part xl/workbook.xml declares a DOCTYPE; refused (Excel never writes one)")


def test_malformed_xml_is_damaged(tmp_path):
    path = _with_part(tmp_path, "xl/workbook.xml", b"<workbook><sheets></workbook>")
    with pytest.raises(WorkbookError, match=r"PLAN\.xlsx: part xl/workbook\.xml is damaged \("):
        Package.open(path)


def _sheet_with(tmp_path: Path, sheet_xml: str) -> Path:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return _with_part(
        tmp_path,
        "xl/worksheets/sheet1.xml",
        f'<worksheet xmlns="{ns}">{sheet_xml}</worksheet>'.encode(),
    )


def test_an_absurd_dimension_is_refused(tmp_path):
    path = _sheet_with(tmp_path, '<dimension ref="A1:ZZZZ99999999"/><sheetData/>')
    with pytest.raises(WorkbookError) as caught:
        Sheet(Package.open(path), "Sheet1")
    assert str(caught.value) == (
        f"{path}: Sheet1!A1:ZZZZ99999999: its size is not a valid range "
        "('ZZZZ99999999' is not a cell reference like B7)"
    )


def test_a_dimension_beyond_the_last_row_is_refused(tmp_path):
    path = _sheet_with(tmp_path, '<dimension ref="A1:B1048577"/><sheetData/>')
    with pytest.raises(WorkbookError) as caught:
        Sheet(Package.open(path), "Sheet1")
    assert str(caught.value) == (
        f"{path}: Sheet1!A1:B1048577: its size is not a valid range "
        "(row 1048577 of B1048577 is beyond Excel's last row 1048576)"
    )


def test_a_cell_beyond_the_last_column_is_refused(tmp_path):
    path = _sheet_with(tmp_path, '<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>')
    with pytest.raises(WorkbookError) as caught:
        Sheet(Package.open(path), "Sheet1").read("A1:B2")
    assert str(caught.value) == (
        f"{path}: Sheet1!XFE1: is not a valid cell (column XFE is beyond Excel's last column XFD)"
    )


def test_a_row_beyond_the_last_row_is_refused(tmp_path):
    path = _sheet_with(
        tmp_path, '<sheetData><row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData>'
    )
    with pytest.raises(WorkbookError) as caught:
        Sheet(Package.open(path), "Sheet1").read("A1:B2")
    assert str(caught.value) == f"{path}: Sheet1: row 2000000 is beyond Excel's last row 1048576"


def test_reading_an_enormous_range_is_refused_before_allocating(tmp_path):
    pkg = Package.open(EXCEL / "table10.xlsx")
    with pytest.raises(WorkbookError) as caught:
        Sheet(pkg, "Sheet1").read("A1:XFD1048576")
    assert str(caught.value) == (
        f"{EXCEL / 'table10.xlsx'}: Sheet1!A1:XFD1048576: "
        "17179869184 cells is more than the 5000000 handled"
    )
