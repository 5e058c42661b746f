"""The compound file writer: olefile reads what it writes, and directory trees obey [MS-CFB]."""

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsalesplan.io.ooxml.cfb import directory_names, read_compound_file, write_compound_file

NONE = 0xFFFFFFFF


def _check_red_black(entries, index):
    """Black height of the subtree at `index`; asserts order and the red-black rules."""
    if index == NONE:
        return 1
    node = entries[index]
    key = (len(node.name), node.name.upper())
    for side, wanted in ((node.sid_left, -1), (node.sid_right, 1)):
        if side != NONE:
            other = entries[side]
            assert ((len(other.name), other.name.upper()) > key) == (wanted == 1)
            if node.color == 0:
                assert other.color == 1, "a red node has a red child"
    left, right = (
        _check_red_black(entries, node.sid_left),
        _check_red_black(entries, node.sid_right),
    )
    assert left == right, "black heights differ"
    return left + node.color


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 9000), min_size=0, max_size=40))
def test_olefile_reads_every_stream_and_trees_are_red_black(sizes):
    streams = {f"VBA/S{i}": bytes([i % 251]) * size for i, size in enumerate(sizes)}
    streams["PROJECT"] = b"ID=x"
    blob = write_compound_file(streams)
    ole = olefile.OleFileIO(blob)
    assert {"/".join(p): ole.openstream(p).read() for p in ole.listdir()} == streams
    assert read_compound_file(blob) == streams
    entries = ole.direntries
    for entry in entries:
        if entry is not None and entry.entry_type in (1, 5):
            _check_red_black(entries, entry.sid_child)


@pytest.mark.parametrize(
    "streams, message",
    [
        ({"VBA/" + "x" * 32: b""}, "names of 1 to 31 characters"),
        ({"A//B": b""}, "names of 1 to 31 characters"),
        ({"A": b"", "A/B": b""}, "'A' in 'A/B' is a stream, not a storage"),
        ({"dir": b"", "DIR": b""}, "'DIR' is given twice"),
    ],
)
def test_bad_names_are_rejected(streams, message):
    with pytest.raises(ValueError, match=message):
        write_compound_file(streams)


def test_reader_rejects_other_files():
    with pytest.raises(ValueError, match="signature D0 CF 11 E0"):
        read_compound_file(b"PK\x03\x04")


def test_the_directory_alone_names_every_entry(tmp_path):
    # What check_container reads of an OLE2 file: the directory, sector by sector.
    streams = {"VBA/dir": b"x" * 5000, "VBA/Module1": b"y" * 100, "PROJECT": b"ID=x"}
    path = tmp_path / "project.bin"
    path.write_bytes(write_compound_file(streams))
    with open(path, "rb") as fp:
        assert directory_names(fp) == {"Root Entry", "VBA", "dir", "Module1", "PROJECT"}
    path.write_bytes(b"PK\x03\x04" + b"\0" * 600)
    with open(path, "rb") as fp:
        assert directory_names(fp) == set()
