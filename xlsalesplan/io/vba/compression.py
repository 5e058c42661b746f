"""The run-length compression that VBA applies to its source and `dir` streams ([MS-OVBA] 2.4.1).

A compressed container is the signature byte 0x01 followed by chunks. Each chunk holds at most
4096 bytes of decompressed data; its two-byte header carries the chunk size, the signature 0b011
and a flag telling whether the chunk is compressed (token sequences) or raw (4096 bytes as is).
A copy token points back into the same chunk; how its 16 bits split between offset and length
depends on how far into the chunk it sits.
"""

from __future__ import annotations

import struct

CHUNK_SIZE = 4096
_SIGNATURE = 0x01
_CHUNK_SIGNATURE = 0b011 << 12
_COMPRESSED_FLAG = 0x8000
_MIN_MATCH = 3


def _bit_count(difference: int) -> int:
    """Offset bits of a copy token written `difference` bytes into its chunk (2.4.1.3.19.1)."""
    return max((difference - 1).bit_length(), 4)


def _common_length(data: bytes, candidate: int, current: int, end: int) -> int:
    """Length of the common run starting at `candidate` and `current`, overlap allowed.

    Comparing the input with itself gives the same answer as comparing with the bytes a
    decoder has produced so far, so overlapping runs need no special case.
    """
    length, step = 0, 8
    while current + length < end:
        step = min(step, end - current - length)
        if (
            data[candidate + length : candidate + length + step]
            == data[current + length : current + length + step]
        ):
            length += step
            step *= 2
        elif step > 1:
            step //= 2
        else:
            break
    return length


def _compress_chunk(data: bytes, start: int, end: int) -> bytes:
    """Token sequences of one chunk, choosing matches exactly as [MS-OVBA] 2.4.1.3.19.4 does.

    The specification scans every earlier position of the chunk and keeps the longest run
    (the nearest one on ties) before cutting it to the token's maximum length. Positions are
    indexed by their first three bytes, which gives the same choice without the quadratic scan.
    """
    out = bytearray()
    positions: dict[bytes, list[int]] = {}
    current = indexed = start
    while current < end:
        flag_index = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if current >= end:
                break
            best_length, best_offset = 0, 0
            if current + _MIN_MATCH <= end:
                for candidate in reversed(positions.get(data[current : current + _MIN_MATCH], ())):
                    length = _common_length(data, candidate, current, end)
                    if length > best_length:
                        best_length, best_offset = length, current - candidate
                        if current + length == end:
                            break
            if best_length >= _MIN_MATCH:
                bits = _bit_count(current - start)
                length = min(best_length, (0xFFFF >> bits) + _MIN_MATCH)
                token = ((best_offset - 1) << (16 - bits)) | (length - _MIN_MATCH)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                current += length
            else:
                out.append(data[current])
                current += 1
            for position in range(indexed, min(current, end - _MIN_MATCH + 1)):
                positions.setdefault(data[position : position + _MIN_MATCH], []).append(position)
            indexed = current
        out[flag_index] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """Compress `data` into an [MS-OVBA] compressed container.

    Parameters
    ----------
    data : bytes
        Decompressed bytes (module source in the project code page, or a `dir` stream).

    Returns
    -------
    bytes
        The container: 0x01, then one chunk per 4096 input bytes. A chunk that would not get
        smaller is stored raw; the specification pads a short final raw chunk with zero bytes
        (only incompressible data, never VBA source, ends up there).

    Examples
    --------
    >>> compress(b"abcabcabc").hex()
    '0105b0086162630320'
    """
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        end = min(start + CHUNK_SIZE, len(data))
        body = _compress_chunk(data, start, end)
        if len(body) <= CHUNK_SIZE:
            out += struct.pack("<H", _COMPRESSED_FLAG | _CHUNK_SIGNATURE | (len(body) + 2 - 3))
            out += body
        else:
            out += struct.pack("<H", _CHUNK_SIGNATURE | (CHUNK_SIZE + 2 - 3))
            out += data[start:end].ljust(CHUNK_SIZE, b"\x00")
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """Decompress an [MS-OVBA] compressed container.

    Parameters
    ----------
    container : bytes
        Bytes starting with the signature 0x01, e.g. a module stream from its source offset on.

    Returns
    -------
    bytes
        The decompressed data.

    Raises
    ------
    ValueError
        If the signature, a chunk header or a copy token is invalid.

    Examples
    --------
    >>> decompress(bytes.fromhex("0105b0086162630320"))
    b'abcabcabc'
    """
    if not container or container[0] != _SIGNATURE:
        raise ValueError("compressed container: the first byte must be the signature 0x01")
    out = bytearray()
    position = 1
    while position < len(container):
        if position + 2 > len(container):
            raise ValueError(f"compressed container: truncated chunk header at byte {position}")
        (header,) = struct.unpack_from("<H", container, position)
        if header & 0x7000 != _CHUNK_SIGNATURE:
            raise ValueError(f"compressed container: bad chunk signature at byte {position}")
        chunk_end = min(position + (header & 0x0FFF) + 3, len(container))
        position += 2
        chunk_start = len(out)
        if not header & _COMPRESSED_FLAG:
            out += container[position : position + CHUNK_SIZE]
            position += CHUNK_SIZE
            continue
        while position < chunk_end:
            flags = container[position]
            position += 1
            for bit in range(8):
                if position >= chunk_end:
                    break
                if not flags >> bit & 1:
                    out.append(container[position])
                    position += 1
                    continue
                (token,) = struct.unpack_from("<H", container, position)
                position += 2
                bits = _bit_count(len(out) - chunk_start)
                offset = (token >> (16 - bits)) + 1
                length = (token & (0xFFFF >> bits)) + _MIN_MATCH
                source = len(out) - offset
                if source < chunk_start:
                    raise ValueError(
                        f"compressed container: copy token at byte {position - 2} points "
                        "before the start of its chunk"
                    )
                for index in range(length):
                    out.append(out[source + index])
    return bytes(out)
