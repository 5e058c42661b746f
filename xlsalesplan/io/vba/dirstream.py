"""Records of the VBA `dir` stream ([MS-OVBA] 2.3.4.2): project information, references, modules.

Every record is a two-byte id, a four-byte size and that many bytes, except PROJECTVERSION whose
size field is a constant 4 followed by six bytes. Text comes twice: in the project code page
(MBCS) and as UTF-16. The id/payload view (`parse_records`) is what tests compare record by record.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass

SYSKIND, LCID, LCIDINVOKE, CODEPAGE, NAME = 0x01, 0x02, 0x14, 0x03, 0x04
DOCSTRING, HELPFILEPATH, HELPCONTEXT, LIBFLAGS, VERSION, CONSTANTS = (
    0x05,
    0x06,
    0x07,
    0x08,
    0x09,
    0x0C,
)
COMPATVERSION = 0x4A
REFERENCENAME, REFERENCEREGISTERED, REFERENCEPROJECT = 0x16, 0x0D, 0x0E
REFERENCEORIGINAL, REFERENCECONTROL, REFERENCECONTROL_EXTENDED = 0x33, 0x2F, 0x30
MODULES, PROJECTCOOKIE = 0x0F, 0x13
MODULENAME, MODULENAMEUNICODE, MODULESTREAMNAME, MODULEDOCSTRING = 0x19, 0x47, 0x1A, 0x1C
MODULEOFFSET, MODULEHELPCONTEXT, MODULECOOKIE = 0x31, 0x1E, 0x2C
PROCEDURAL, NON_PROCEDURAL, READONLY, PRIVATE, MODULE_END, DIR_END = (
    0x21,
    0x22,
    0x25,
    0x28,
    0x2B,
    0x10,
)
_COOKIE_ON_WRITE = 0xFFFF

Record = tuple[int, bytes]
Encode = Callable[[str], bytes]


def record(record_id: int, payload: bytes) -> bytes:
    """One record: id, size, payload (PROJECTVERSION's size field is always 4)."""
    size = 4 if record_id == VERSION else len(payload)
    return struct.pack("<HI", record_id, size) + payload


def parse_records(data: bytes) -> list[Record]:
    """Split a decompressed `dir` stream into (id, payload) pairs.

    Raises
    ------
    ValueError
        If a record runs past the end of the stream.
    """
    records, position = [], 0
    while position < len(data):
        if position + 6 > len(data):
            raise ValueError(f"dir stream: truncated record header at byte {position}")
        record_id, size = struct.unpack_from("<HI", data, position)
        size = 6 if record_id == VERSION else size
        if position + 6 + size > len(data):
            raise ValueError(f"dir stream: record 0x{record_id:02X} at byte {position} is cut off")
        records.append((record_id, data[position + 6 : position + 6 + size]))
        position += 6 + size
    return records


def _sized(text: bytes) -> bytes:
    return struct.pack("<I", len(text)) + text


def _guid_bytes(guid: str) -> bytes:
    return uuid.UUID(guid).bytes_le


@dataclass(frozen=True)
class RegisteredReference:
    """A reference to a registered type library, e.g. OLE Automation (stdole) or Office."""

    name: str
    libid: str

    def records(self, encode: Encode) -> list[Record]:
        return [(REFERENCEREGISTERED, _sized(encode(self.libid)) + b"\x00" * 6)]


@dataclass(frozen=True)
class ProjectReference:
    """A reference to another VBA project, e.g. an add-in."""

    name: str
    libid_absolute: str
    libid_relative: str
    major_version: int = 0
    minor_version: int = 0

    def records(self, encode: Encode) -> list[Record]:
        payload = _sized(encode(self.libid_absolute)) + _sized(encode(self.libid_relative))
        payload += struct.pack("<IH", self.major_version, self.minor_version)
        return [(REFERENCEPROJECT, payload)]


@dataclass(frozen=True)
class ControlReference:
    """A reference to an ActiveX control library as Office writes it (e.g. MSForms)."""

    name: str
    libid_twiddled: str
    libid_extended: str
    original_typelib: str
    cookie: int
    libid_original: str | None = None
    extended_name: str | None = None

    def records(self, encode: Encode) -> list[Record]:
        out: list[Record] = []
        if self.libid_original is not None:
            out.append((REFERENCEORIGINAL, encode(self.libid_original)))
        out.append((REFERENCECONTROL, _sized(encode(self.libid_twiddled)) + b"\x00" * 6))
        if self.extended_name is not None:
            out += name_records(REFERENCENAME, self.extended_name, encode)
        extended = _sized(encode(self.libid_extended)) + b"\x00" * 6
        extended += _guid_bytes(self.original_typelib) + struct.pack("<I", self.cookie)
        out.append((REFERENCECONTROL_EXTENDED, extended))
        return out


Reference = RegisteredReference | ProjectReference | ControlReference

STDOLE = RegisteredReference(
    "stdole",
    r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
    "#OLE Automation",
)
OFFICE = RegisteredReference(
    "Office",
    r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
    r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
)


def name_records(record_id: int, text: str, encode: Encode) -> list[Record]:
    """A name in the code page followed by its UTF-16 twin (0x3E for references)."""
    return [(record_id, encode(text)), (0x3E, text.encode("utf-16-le"))]


def _text(payload: bytes, codec: str) -> str:
    return payload.decode(codec)


def _read_sized(payload: bytes, position: int, codec: str) -> tuple[str, int]:
    (size,) = struct.unpack_from("<I", payload, position)
    return payload[position + 4 : position + 4 + size].decode(codec), position + 4 + size


def parse_references(records: list[Record], codec: str) -> list[Reference]:
    """The references between PROJECTCONSTANTS and PROJECTMODULES, as typed objects."""
    start = next(i for i, (rid, _) in enumerate(records) if rid == CONSTANTS) + 2
    end = next(i for i, (rid, _) in enumerate(records) if rid == MODULES)
    references: list[Reference] = []
    position = start
    while position < end:
        if records[position][0] != REFERENCENAME:
            raise ValueError(
                f"dir stream: record 0x{records[position][0]:02X} has no reference name"
            )
        name = _text(records[position][1], codec)
        position += 2
        rid, payload = records[position]
        if rid == REFERENCEREGISTERED:
            references.append(RegisteredReference(name, _read_sized(payload, 0, codec)[0]))
            position += 1
        elif rid == REFERENCEPROJECT:
            absolute, at = _read_sized(payload, 0, codec)
            relative, at = _read_sized(payload, at, codec)
            major, minor = struct.unpack_from("<IH", payload, at)
            references.append(ProjectReference(name, absolute, relative, major, minor))
            position += 1
        else:
            original = None
            if rid == REFERENCEORIGINAL:
                original = _text(payload, codec)
                position += 1
            twiddled = _read_sized(records[position][1], 0, codec)[0]
            position += 1
            extended_name = None
            if records[position][0] == REFERENCENAME:
                extended_name = _text(records[position][1], codec)
                position += 2
            payload = records[position][1]
            extended, at = _read_sized(payload, 0, codec)
            typelib = str(uuid.UUID(bytes_le=payload[at + 6 : at + 22])).upper()
            (cookie,) = struct.unpack_from("<I", payload, at + 22)
            references.append(
                ControlReference(
                    name, twiddled, extended, "{" + typelib + "}", cookie, original, extended_name
                )
            )
            position += 1
    return references
