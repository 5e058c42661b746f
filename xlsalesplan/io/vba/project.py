"""Build an Excel VBA project (xl/vbaProject.bin) from module source text, and read one back.

The project is source-only: `_VBA_PROJECT` carries version 0xFFFF and no performance cache
([MS-OVBA] 1.6), each module stream holds only its compressed source (MODULEOFFSET 0), so Office
compiles the modules from source when it opens the file. This is how the source-only workbooks
that ship with xlwings are built, and Excel runs their macros.
"""

from __future__ import annotations

import codecs
import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from xlsalesplan.io.ooxml.cfb import read_compound_file, write_compound_file
from xlsalesplan.io.vba import dirstream as d
from xlsalesplan.io.vba.compression import compress, decompress
from xlsalesplan.io.vba.encryption import decrypt, encrypt
from xlsalesplan.io.vba.modules import Kind, Module, check_identifier

# Reserved 0x61CC, version 0xFFFF (ignore performance caches), reserved 0x00 and 0x0001, as in
# the source-only projects that Excel runs.
VBA_PROJECT_HEADER = bytes.fromhex("CC61FFFF000100")
VBE_HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
VERSION_COMPATIBLE32 = "393222000"
# Not locked, no password, visible (CMG, DPB, GC).
PROTECTION, PASSWORD, VISIBILITY = b"\x00\x00\x00\x00", b"\x00", b"\xff"
SYSKIND_WIN32, SYSKIND_MAC, SYSKIND_WIN64 = 1, 2, 3
# PROJECTVERSION as Excel 365 wrote it into xlwings's quickstart.xlsm.
EXCEL_365_VERSION = (0x6901E03F, 2)
_PROJECT_LINE = {"standard": "Module={}", "class": "Class={}", "document": "Document={}/&H00000000"}


def _codec(codepage: int) -> str:
    try:
        return codecs.lookup(f"cp{codepage}").name
    except LookupError:
        raise ValueError(f"codepage {codepage}: Python has no codec cp{codepage}") from None


def _encoder(codec: str, what: str) -> d.Encode:
    def encode(text: str) -> bytes:
        try:
            return text.encode(codec)
        except UnicodeEncodeError as error:
            bad = text[error.start]
            line = text.count("\n", 0, error.start) + 1
            raise ValueError(
                f"{what}, line {line}: character {bad!r} cannot be stored in code page "
                f"{codec}; write it as ChrW({ord(bad)})"
            ) from None

    return encode


def _check_names(modules: Sequence[Module]) -> None:
    seen: dict[str, str] = {}
    for module in modules:
        if not isinstance(module, Module):
            raise TypeError(f"modules: expected Module objects, got {type(module).__name__}")
        if module.name.upper() in seen:
            raise ValueError(
                f"modules: {module.name!r} and {seen[module.name.upper()]!r} clash "
                "(VBA names ignore case)"
            )
        seen[module.name.upper()] = module.name


def default_project_id(project_name: str) -> str:
    """A stable project GUID derived from the project name, so builds are reproducible."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"xlsalesplan:{project_name}")).upper() + "}"


def _dir_stream(
    modules: Sequence[Module],
    project_name: str,
    codepage: int,
    references: Sequence[d.Reference],
    syskind: int,
    lcid: int,
    version: tuple[int, int],
) -> bytes:
    encode = _encoder(_codec(codepage), "project")
    records: list[d.Record] = [
        (d.SYSKIND, struct.pack("<I", syskind)),
        (d.LCID, struct.pack("<I", lcid)),
        (d.LCIDINVOKE, struct.pack("<I", lcid)),
        (d.CODEPAGE, struct.pack("<H", codepage)),
        (d.NAME, encode(project_name)),
        (d.DOCSTRING, b""),
        (0x40, b""),
        (d.HELPFILEPATH, b""),
        (0x3D, b""),
        (d.HELPCONTEXT, struct.pack("<I", 0)),
        (d.LIBFLAGS, struct.pack("<I", 0)),
        (d.VERSION, struct.pack("<IH", *version)),
        (d.CONSTANTS, b""),
        (0x3C, b""),
    ]
    for reference in references:
        records += d.name_records(d.REFERENCENAME, reference.name, encode)
        records += reference.records(encode)
    records += [(d.MODULES, struct.pack("<H", len(modules))), (d.PROJECTCOOKIE, b"\xff\xff")]
    for module in modules:
        name, unicode = encode(module.name), module.name.encode("utf-16-le")
        records += [
            (d.MODULENAME, name),
            (d.MODULENAMEUNICODE, unicode),
            (d.MODULESTREAMNAME, name),
            (0x32, unicode),
            (d.MODULEDOCSTRING, encode(module.docstring)),
            (0x48, module.docstring.encode("utf-16-le")),
            (d.MODULEOFFSET, struct.pack("<I", 0)),
            (d.MODULEHELPCONTEXT, struct.pack("<I", 0)),
            (d.MODULECOOKIE, b"\xff\xff"),
            (d.PROCEDURAL if module.kind == "standard" else d.NON_PROCEDURAL, b""),
            (d.MODULE_END, b""),
        ]
    records.append((d.DIR_END, b""))
    return b"".join(d.record(record_id, payload) for record_id, payload in records)


def _project_stream(
    modules: Sequence[Module], project_name: str, project_id: str, encode: d.Encode
) -> bytes:
    lines = [f'ID="{project_id}"']
    lines += [_PROJECT_LINE[module.kind].format(module.name) for module in modules]
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        f'VersionCompatible32="{VERSION_COMPATIBLE32}"',
        f'CMG="{encrypt(PROTECTION, project_id)}"',
        f'DPB="{encrypt(PASSWORD, project_id)}"',
        f'GC="{encrypt(VISIBILITY, project_id)}"',
        "",
        "[Host Extender Info]",
        VBE_HOST_EXTENDER,
        "",
        "[Workspace]",
    ]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]
    return encode("\r\n".join(lines) + "\r\n")


def _project_wm(modules: Sequence[Module], encode: d.Encode) -> bytes:
    names = b"".join(
        encode(module.name) + b"\x00" + module.name.encode("utf-16-le") + b"\x00\x00"
        for module in modules
    )
    return names + b"\x00\x00"


def build_vba_project(
    modules: Sequence[Module],
    *,
    project_name: str = "VBAProject",
    codepage: int = 1252,
    references: Sequence[d.Reference] = (d.STDOLE, d.OFFICE),
    project_id: str | None = None,
    syskind: int = SYSKIND_WIN64,
    lcid: int = 0x0409,
    version: tuple[int, int] = EXCEL_365_VERSION,
) -> bytes:
    """Build the contents of ``xl/vbaProject.bin`` from VBA modules.

    Parameters
    ----------
    modules : sequence of Module
        The modules, in the order the VBA editor lists them. Document modules must match the
        code names of the workbook (``ThisWorkbook``) and its sheets.
    project_name : str
        The VBA project's name (a VBA identifier).
    codepage : int
        The Windows code page the source is stored in (1252 Western, 1251 Cyrillic, ...).
        Keep source ASCII and write other characters with ``ChrW`` to be safe on every locale.
    references : sequence of references
        Type libraries and projects the code uses; by default OLE Automation and the Office
        object library (needed for ``IRibbonControl`` in ribbon callbacks).
    project_id : str, optional
        The project GUID in braces; by default derived from `project_name`.
    syskind : int
        The platform the project was last saved on (1 Win32, 2 Mac, 3 Win64).
    lcid : int
        The project's locale id (0x0409 English, as Office writes it).
    version : (int, int)
        PROJECTVERSION major and minor.

    Returns
    -------
    bytes
        A compound file with the PROJECT, PROJECTwm, VBA/_VBA_PROJECT, VBA/dir and one
        VBA/<module> stream per module.

    Raises
    ------
    ValueError
        If names clash or are not VBA identifiers, or text cannot be stored in `codepage`.

    Examples
    --------
    >>> from xlsalesplan.io.vba.modules import standard_module
    >>> blob = build_vba_project([standard_module("Hello", "Sub Hi()\\nEnd Sub")])
    >>> blob[:4].hex()
    'd0cf11e0'
    """
    modules = list(modules)
    _check_names(modules)
    check_identifier(project_name, "project_name")
    codec = _codec(codepage)
    project_id = project_id or default_project_id(project_name)
    streams = {
        "VBA/_VBA_PROJECT": VBA_PROJECT_HEADER,
        "VBA/dir": compress(
            _dir_stream(modules, project_name, codepage, references, syskind, lcid, version)
        ),
    }
    for module in modules:
        # Checked on its own first so that an error names the line as the VBA editor shows it.
        _encoder(codec, f"module {module.name}")(module.code)
        source = _encoder(codec, f"module {module.name} header")(module.source)
        streams[f"VBA/{module.name}"] = compress(source)
    encode = _encoder(codec, "project")
    streams["PROJECT"] = _project_stream(modules, project_name, project_id, encode)
    streams["PROJECTwm"] = _project_wm(modules, encode)
    return write_compound_file(streams)


@dataclass(frozen=True)
class VbaProject:
    """What `inspect_vba_project` finds in a vbaProject.bin."""

    name: str
    project_id: str
    codepage: int
    syskind: int
    references: tuple[d.Reference, ...]
    modules: tuple[Module, ...]
    dir_records: tuple[d.Record, ...]
    project_lines: tuple[str, ...]

    def project_value(self, key: str) -> str:
        """The value of a ``key="value"`` line of the PROJECT stream, quotes removed."""
        for line in self.project_lines:
            if line.startswith(key + "="):
                return line[len(key) + 1 :].strip('"')
        raise KeyError(key)

    def protection(self) -> dict[str, bytes]:
        """CMG, DPB and GC decrypted."""
        return {
            key: decrypt(self.project_value(key), self.project_id) for key in ("CMG", "DPB", "GC")
        }


def inspect_vba_project(blob: bytes) -> VbaProject:
    """Read a vbaProject.bin: project information, references, module sources, raw records.

    Raises
    ------
    ValueError
        If a stream is missing or malformed.
    """
    streams = read_compound_file(blob)
    for required in ("PROJECT", "VBA/dir"):
        if required not in streams:
            raise ValueError(f"VBA project: stream {required} is missing")
    records = d.parse_records(decompress(streams["VBA/dir"]))
    first = {record_id: payload for record_id, payload in reversed(records)}
    (codepage,) = struct.unpack("<H", first[d.CODEPAGE])
    (syskind,) = struct.unpack("<I", first[d.SYSKIND])
    codec = _codec(codepage)
    lines = tuple(streams["PROJECT"].decode(codec).split("\r\n"))
    documents = {line[9:].split("/")[0] for line in lines if line.startswith("Document=")}
    modules = []
    for index, (record_id, payload) in enumerate(records):
        if record_id != d.MODULENAME:
            continue
        fields = {}
        for field_id, field in records[index + 1 :]:
            if field_id == d.MODULE_END:
                break
            fields[field_id] = field
        stream = streams[f"VBA/{fields[d.MODULESTREAMNAME].decode(codec)}"]
        (offset,) = struct.unpack("<I", fields[d.MODULEOFFSET])
        name = payload.decode(codec)
        kind: Kind = (
            "standard" if d.PROCEDURAL in fields else "document" if name in documents else "class"
        )
        source = decompress(stream[offset:]).decode(codec)
        modules.append(Module.from_source(source, kind, fields[d.MODULEDOCSTRING].decode(codec)))
    project_id = next((line[3:].strip('"') for line in lines if line.startswith("ID=")), "")
    return VbaProject(
        first[d.NAME].decode(codec),
        project_id,
        codepage,
        syskind,
        tuple(d.parse_references(records, codec)),
        tuple(modules),
        tuple(records),
        lines,
    )


def read_vba_project(blob: bytes) -> list[Module]:
    """The modules of a vbaProject.bin, with their header attributes and code.

    Examples
    --------
    >>> from xlsalesplan.io.vba.modules import standard_module
    >>> hello = standard_module("Hello", "Sub Hi()\\r\\nEnd Sub\\r\\n")
    >>> read_vba_project(build_vba_project([hello])) == [hello]
    True
    """
    return list(inspect_vba_project(blob).modules)
