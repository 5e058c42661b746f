"""Zip members copied verbatim from another zip, or written from their content.

A package saved after an edit copies every member it did not change as the original bytes
(local header, compressed data, data descriptor and directory record), so those parts stay
byte-for-byte what Excel wrote; changed members are compressed anew, and a big one can be
given as a stream of chunks so that its text is never held whole.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from typing import BinaryIO

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
LEVEL = 6  # zlib's default, as Excel and XlsxWriter compress


def central_records(data: bytes, infos: list[zipfile.ZipInfo]) -> list[bytes | None]:
    """The raw central-directory record of each member, or None where it cannot be reused.

    A record is reused only for a plain (non-zip64) member whose name matches
    what :mod:`zipfile` read; anything unusual is re-encoded instead, which
    still keeps its content identical.
    """
    fallback: list[bytes | None] = [None] * len(infos)
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) - end < _END.size:
        return fallback
    _, _, _, _, count, size, offset, _ = _END.unpack_from(data, end)
    if count != len(infos) or offset + size > end:
        return fallback
    records: list[bytes | None] = []
    pos = offset
    for info in infos:
        if data[pos : pos + 4] != b"PK\x01\x02":
            return fallback
        fields = _CENTRAL.unpack_from(data, pos)
        name_len, extra_len, comment_len = fields[12:15]
        length = _CENTRAL.size + name_len + extra_len + comment_len
        name = data[pos + _CENTRAL.size : pos + _CENTRAL.size + name_len]
        zip64 = 0xFFFFFFFF in (fields[10], fields[11], fields[18])
        same = name == info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        records.append(data[pos : pos + length] if same and not zip64 else None)
        pos += length
    return records


class ZipWriter:
    """A minimal zip writer that can append members verbatim from another zip."""

    def __init__(self, fp: BinaryIO) -> None:
        self._fp = fp
        self._offset = 0
        self._central: list[bytes] = []

    def _emit(self, chunk: bytes | memoryview) -> None:
        self._fp.write(chunk)
        self._offset += len(chunk)

    def copy_raw(self, data: bytes, info: zipfile.ZipInfo, record: bytes) -> None:
        """Append a member of the zip ``data`` exactly as it is stored there."""
        start = info.header_offset
        header = _LOCAL.unpack_from(data, start)
        length = _LOCAL.size + header[10] + header[11] + info.compress_size
        if info.flag_bits & 0x08:
            has_signature = data[start + length : start + length + 4] == b"PK\x07\x08"
            length += 16 if has_signature else 12
        self._central.append(record[:42] + struct.pack("<L", self._offset) + record[46:])
        self._emit(memoryview(data)[start : start + length])

    def add(self, info: zipfile.ZipInfo, content: bytes | Iterable[bytes]) -> None:
        """Append a member with new content (bytes, or chunks of bytes compressed as they come).

        The member keeps ``info``'s name, date, attributes and storage method (stored or
        deflated).
        """
        chunks = [content] if isinstance(content, bytes) else content
        deflate = info.compress_type != zipfile.ZIP_STORED
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15) if deflate else None
        body: list[bytes] = []
        crc = size = 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            body.append(compressor.compress(chunk) if compressor else chunk)
        if compressor:
            body.append(compressor.flush())
        packed = sum(map(len, body))
        name = info.filename.encode("utf-8")
        flags = 0x800 if not info.filename.isascii() else 0
        year, month, day, hour, minute, second = info.date_time
        dos_date = (year - 1980) << 9 | month << 5 | day
        dos_time = hour << 11 | minute << 5 | second // 2
        method = 8 if deflate else zipfile.ZIP_STORED
        fields = (flags, method, dos_time, dos_date, crc, packed, size, len(name))
        local = _LOCAL.pack(b"PK\x03\x04", 20, 0, *fields, 0)
        attributes = (0, 0, 0, info.internal_attr, info.external_attr, self._offset)
        self._central.append(
            _CENTRAL.pack(b"PK\x01\x02", 20, 0, 20, 0, *fields, *attributes) + name
        )
        self._emit(local + name)
        for piece in body:
            self._emit(piece)

    def finish(self) -> None:
        start = self._offset
        for record in self._central:
            self._emit(record)
        count = len(self._central)
        self._emit(_END.pack(b"PK\x05\x06", 0, 0, count, count, self._offset - start, start, 0))
