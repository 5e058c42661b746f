"""A minimal Compound File Binary container ([MS-CFB] version 3), the file format of vbaProject.bin.

The writer lays out, in order: the streams of 4096 bytes and more in 512-byte sectors, the
mini stream (smaller streams in 64-byte mini sectors), the mini FAT, the directory and the FAT.
Each storage's children form a red-black tree ordered by name length and then by upper-cased
name; the tree is built balanced, with only the nodes on an incomplete last level red, which
satisfies the red-black rules without rotations.

The reader understands what the writer and Office write (version 3, no transactions) and is used
to read projects back, so that tests and tools do not need olefile.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Mapping
from typing import BinaryIO

_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1
_HEADER_DIFAT = 109
_ENTRY = 128
_MAX_NAME = 31


def _sort_key(name: str) -> tuple[int, str]:
    return len(name), name.upper()


class _Node:
    def __init__(self, name: str, kind: int, data: bytes = b"") -> None:
        self.name, self.kind, self.data = name, kind, data
        self.children: dict[str, _Node] = {}
        self.index = 0
        self.left = self.right = self.child = _NO_STREAM
        self.color = _BLACK
        self.start, self.size = _END_OF_CHAIN, 0


def _tree(streams: Mapping[str, bytes]) -> _Node:
    root = _Node("Root Entry", _ROOT)
    for path, data in streams.items():
        parts = path.split("/")
        for part in parts:
            if not part or len(part) > _MAX_NAME or any(c in part for c in "/\\:!"):
                raise ValueError(
                    f"compound file: stream path {path!r} needs names of 1 to {_MAX_NAME} "
                    "characters without / \\ : or !"
                )
        node = root
        for part in parts[:-1]:
            node = node.children.setdefault(part.upper(), _Node(part, _STORAGE))
            if node.kind != _STORAGE:
                raise ValueError(f"compound file: {part!r} in {path!r} is a stream, not a storage")
        if parts[-1].upper() in node.children:
            raise ValueError(f"compound file: {path!r} is given twice (names ignore case)")
        node.children[parts[-1].upper()] = _Node(parts[-1], _STREAM, bytes(data))
    return root


def _link_siblings(children: list[_Node], depth: int, height: int, perfect: bool) -> int:
    """Make a balanced subtree of the sorted `children`; return its root's index."""
    if not children:
        return _NO_STREAM
    middle = len(children) // 2
    node = children[middle]
    node.color = _RED if depth == height - 1 and not perfect else _BLACK
    node.left = _link_siblings(children[:middle], depth + 1, height, perfect)
    node.right = _link_siblings(children[middle + 1 :], depth + 1, height, perfect)
    return node.index


def _chain(fat: list[int], first: int, count: int) -> None:
    for offset in range(count):
        fat[first + offset] = first + offset + 1 if offset < count - 1 else _END_OF_CHAIN


def _sectors(data: bytes, size: int) -> int:
    return -(-len(data) // size)


def write_compound_file(streams: Mapping[str, bytes]) -> bytes:
    """Pack streams into a Compound File Binary container.

    Parameters
    ----------
    streams : Mapping[str, bytes]
        Stream contents by path; storages are implied by the paths (`"VBA/dir"` lives in the
        storage `VBA`). Names have at most 31 characters.

    Returns
    -------
    bytes
        The container, version 3 with 512-byte sectors.

    Raises
    ------
    ValueError
        If a name is empty, too long, contains / \\ : ! or clashes with another name.

    Examples
    --------
    >>> blob = write_compound_file({"PROJECT": b"Name=1", "VBA/dir": b"x"})
    >>> read_compound_file(blob) == {"PROJECT": b"Name=1", "VBA/dir": b"x"}
    True
    """
    root = _tree(streams)
    entries: list[_Node] = []

    def number(node: _Node) -> None:
        node.index = len(entries)
        entries.append(node)
        for child in node.children.values():
            number(child)

    number(root)
    for node in entries:
        children = sorted(node.children.values(), key=lambda child: _sort_key(child.name))
        height = len(children).bit_length()
        node.child = _link_siblings(children, 0, height, len(children) == (1 << height) - 1)

    big = [node for node in entries if node.kind == _STREAM and len(node.data) >= MINI_CUTOFF]
    small = [node for node in entries if node.kind == _STREAM and len(node.data) < MINI_CUTOFF]
    body, fat, mini_stream, mini_fat = bytearray(), [], bytearray(), []

    def place(data: bytes, unit: int, buffer: bytearray, table: list[int]) -> int:
        count = _sectors(data, unit)
        if not count:
            return _END_OF_CHAIN
        first = len(table)
        table.extend([0] * count)
        _chain(table, first, count)
        buffer += data.ljust(count * unit, b"\x00")
        return first

    for node in big:
        node.start, node.size = place(node.data, SECTOR, body, fat), len(node.data)
    for node in small:
        node.start, node.size = place(node.data, MINI_SECTOR, mini_stream, mini_fat), len(node.data)
    root.start, root.size = place(bytes(mini_stream), SECTOR, body, fat), len(mini_stream)
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_bytes += b"\xff" * (-len(mini_fat_bytes) % SECTOR)
    first_mini_fat = place(mini_fat_bytes, SECTOR, body, fat)

    directory = bytearray()
    for node in entries:
        directory += _entry(node)
    directory += _free_entry() * (-len(entries) % (SECTOR // _ENTRY))
    first_directory = place(bytes(directory), SECTOR, body, fat)

    # The FAT describes its own sectors too, so grow it until it covers everything.
    fat_sectors = 0
    while fat_sectors * (SECTOR // 4) < len(fat) + fat_sectors:
        fat_sectors += 1
    if fat_sectors > _HEADER_DIFAT:
        raise ValueError("compound file: more than 7 MB of streams is not supported")
    first_fat = len(fat)
    fat += [_FAT_SECTOR] * fat_sectors
    fat += [_FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    body += struct.pack(f"<{len(fat)}I", *fat)

    difat = [first_fat + offset for offset in range(fat_sectors)]
    difat += [_FREE] * (_HEADER_DIFAT - len(difat))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _MAGIC,
        b"\x00" * 16,
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        fat_sectors,
        first_directory,
        0,
        MINI_CUTOFF,
        first_mini_fat,
        len(mini_fat_bytes) // SECTOR,
        _END_OF_CHAIN,
        0,
    )
    header += struct.pack(f"<{_HEADER_DIFAT}I", *difat)
    return header + bytes(body)


def _entry(node: _Node) -> bytes:
    name = node.name.encode("utf-16-le") + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        node.kind,
        node.color,
        node.left,
        node.right,
        node.child,
        b"\x00" * 16,
        0,
        0,
        0,
        node.start if node.kind != _STORAGE else 0,
        node.size,
    )


def _free_entry() -> bytes:
    return struct.pack(
        "<64sHBBIII16sIQQIQ", b"", 0, 0, 0, _NO_STREAM, _NO_STREAM, _NO_STREAM, b"", 0, 0, 0, 0, 0
    )


_MAX_REGULAR = 0xFFFFFFFA  # sector numbers above this one mark chain ends and special sectors


class _Header:
    """The fields of a compound file's header that locate everything else ([MS-CFB] 2.2)."""

    def __init__(self, head: bytes) -> None:
        if head[:8] != _MAGIC or len(head) < SECTOR:
            raise ValueError("compound file: the signature D0 CF 11 E0 A1 B1 1A E1 is missing")
        shift, mini_shift = struct.unpack_from("<HH", head, 30)
        if shift not in (9, 12):
            raise ValueError(f"compound file: sectors of 2**{shift} bytes (not 512 or 4096)")
        self.size, self.mini_size = 1 << shift, 1 << mini_shift
        self.first_directory, _, self.cutoff, self.first_mini_fat = struct.unpack_from(
            "<IIII", head, 48
        )
        self.first_difat, self.difat_count = struct.unpack_from("<II", head, 68)
        self.header_fat = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", head, 76))

    def fat_sectors(self, sector: Callable[[int], bytes], limit: int) -> list[int]:
        """The sectors holding the FAT: the header's list, then the DIFAT chain's (at most
        ``limit`` sectors of it, each once)."""
        ids, seen = list(self.header_fat), set()
        current, per_sector = self.first_difat, self.size // 4
        while self.difat_count and current < _MAX_REGULAR and current not in seen:
            if len(seen) >= limit:
                break
            seen.add(current)
            values = struct.unpack(f"<{per_sector}I", sector(current).ljust(self.size, b"\xff"))
            ids += values[:-1]
            current = values[-1]
        return ids


def directory_names(fp: BinaryIO) -> set[str]:
    """Names of the entries of a compound file's directory, read from ``fp`` sector by sector
    without reading any stream: what an OLE2 file holds (an encrypted package, an old .xls
    workbook) for the price of a few sectors, however big it is. An empty set for a file that
    is not a sane compound file ([MS-CFB] 2.2, 2.6)."""
    fp.seek(0)
    try:
        header = _Header(fp.read(SECTOR))
    except ValueError:
        return set()
    size = header.size
    limit = os.fstat(fp.fileno()).st_size // size + 1

    def sector(number: int) -> bytes:
        fp.seek((number + 1) * size)
        return fp.read(size)

    fat = header.fat_sectors(sector, limit)

    def next_sector(number: int) -> int:
        index, slot = divmod(number, size // 4)
        if index >= len(fat) or fat[index] >= _MAX_REGULAR:
            return _END_OF_CHAIN
        fp.seek((fat[index] + 1) * size + slot * 4)
        raw = fp.read(4)
        return struct.unpack("<I", raw)[0] if len(raw) == 4 else _END_OF_CHAIN

    names: set[str] = set()
    seen: set[int] = set()
    current = header.first_directory
    while current < _MAX_REGULAR and current not in seen and len(seen) < limit:
        seen.add(current)
        data = sector(current)
        for offset in range(0, len(data) - _ENTRY + 1, _ENTRY):
            length = struct.unpack_from("<H", data, offset + 64)[0]
            if 2 <= length <= 64:
                names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
        current = next_sector(current)
    return names


def read_compound_file(blob: bytes) -> dict[str, bytes]:
    """Read every stream of a Compound File Binary container.

    Parameters
    ----------
    blob : bytes
        The container, e.g. the contents of `xl/vbaProject.bin`.

    Returns
    -------
    dict[str, bytes]
        Stream contents by path, storages joined with "/" (`"VBA/dir"`).

    Raises
    ------
    ValueError
        If `blob` is not a compound file or a sector chain is broken.
    """
    header = _Header(blob[:SECTOR])
    size, mini_size, per_sector = header.size, header.mini_size, header.size // 4
    first_directory, cutoff, first_mini_fat = (
        header.first_directory,
        header.cutoff,
        header.first_mini_fat,
    )
    fat_sector_ids = header.fat_sectors(
        lambda n: blob[(n + 1) * size : (n + 2) * size], len(blob) // size + 1
    )
    fat: list[int] = []
    for sector in fat_sector_ids:
        if sector < _FAT_SECTOR:
            fat += struct.unpack_from(f"<{per_sector}I", blob, (sector + 1) * size)

    def follow(table: list[int], first: int, read: Callable[[int], bytes]) -> bytes:
        out, sector, seen = bytearray(), first, set()
        while sector != _END_OF_CHAIN:
            if sector in seen or sector >= len(table):
                raise ValueError(f"compound file: broken sector chain at sector {sector}")
            seen.add(sector)
            out += read(sector)
            sector = table[sector]
        return bytes(out)

    def big(sector: int) -> bytes:
        return blob[(sector + 1) * size : (sector + 2) * size]

    directory = follow(fat, first_directory, big)
    entries = [directory[i : i + _ENTRY] for i in range(0, len(directory), _ENTRY)]
    mini_fat_bytes = follow(fat, first_mini_fat, big) if first_mini_fat != _END_OF_CHAIN else b""
    mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
    root_start = struct.unpack_from("<I", entries[0], 116)[0]
    mini_stream = follow(fat, root_start, big) if root_start != _END_OF_CHAIN else b""

    def mini(sector: int) -> bytes:
        return mini_stream[sector * mini_size : (sector + 1) * mini_size]

    streams: dict[str, bytes] = {}

    def visit(index: int, prefix: str) -> None:
        if index == _NO_STREAM:
            return
        entry = entries[index]
        length = struct.unpack_from("<H", entry, 64)[0]
        name = entry[: max(length - 2, 0)].decode("utf-16-le")
        kind, _, left, right, child = struct.unpack_from("<BBIII", entry, 66)
        start, stream_size = struct.unpack_from("<II", entry, 116)
        visit(left, prefix)
        if kind == _STREAM:
            table, read = (mini_fat, mini) if stream_size < cutoff else (fat, big)
            data = follow(table, start, read) if stream_size else b""
            streams[prefix + name] = data[:stream_size]
        elif kind == _STORAGE:
            visit(child, prefix + name + "/")
        visit(right, prefix)

    visit(struct.unpack_from("<I", entries[0], 76)[0], "")
    return streams
