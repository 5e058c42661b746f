"""[MS-OVBA] 2.4.1 compression: the specification's own examples, and round trips checked by
oletools' independent decoder."""

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from xlsalesplan.io.vba.compression import CHUNK_SIZE, compress, decompress

XLWINGS_BAS = Path(__import__("xlwings").__file__).parent / "xlwings.bas"

# [MS-OVBA] 3.2.1 (no compression) and 3.2.3 (maximum compression).
SPEC_NO_COMPRESSION = (
    b"abcdefghijklmnopqrstuv.",
    "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E",
)
SPEC_MAXIMUM = (b"a" * 73, "01 03 B0 02 61 45 00")
# [MS-OVBA] 3.2.2 (normal compression); the published bytes choose a few tokens differently
# from the algorithm in 2.4.1.3, so only their decompression is compared.
SPEC_NORMAL = (
    b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30 6D"
    " 6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C",
)


@pytest.mark.parametrize("plain, packed", [SPEC_NO_COMPRESSION, SPEC_MAXIMUM])
def test_specification_examples_compress_to_the_published_bytes(plain, packed):
    assert compress(plain) == bytes.fromhex(packed)
    assert decompress(bytes.fromhex(packed)) == plain


def test_specification_normal_example_decompresses():
    plain, packed = SPEC_NORMAL
    assert decompress(bytes.fromhex(packed)) == plain
    assert decompress(compress(plain)) == plain


def test_empty_input_is_just_the_signature():
    assert compress(b"") == b"\x01"
    assert decompress(b"\x01") == b""


def _texty(pieces):
    return b"".join(piece * repeat for piece, repeat in pieces)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.binary(min_size=1, max_size=40) | st.sampled_from([b" ", b"\r\n", b"End Sub"]),
            st.integers(min_value=1, max_value=400),
        ),
        max_size=20,
    )
)
def test_round_trip_through_oletools(pieces):
    data = _texty(pieces)
    packed = compress(data)
    decoded = decompress(packed)
    assert bytes(decompress_stream(bytearray(packed))) == decoded
    # Only an incompressible short last chunk is stored raw, padded with zeros (2.4.1.3.10).
    assert decoded[: len(data)] == data
    assert set(decoded[len(data) :]) <= {0}
    assert len(decoded) == len(data) or len(decoded) % CHUNK_SIZE == 0


def test_long_repeat_spanning_chunks():
    data = b"x" * 20000 + b"Sub A()\r\n" * 3000
    packed = compress(data)
    assert len(packed) < len(data) // 20
    assert bytes(decompress_stream(bytearray(packed))) == data
    assert decompress(packed) == data


def test_incompressible_chunks_are_stored_raw():
    data = random.Random(1).randbytes(2 * CHUNK_SIZE)
    packed = compress(data)
    assert bytes(decompress_stream(bytearray(packed))) == data
    # Header 0x3FFF: raw chunk (flag 0), signature 0b011, size 4098.
    assert packed[1:3] == packed[4099:4101] == b"\xff\x3f"
    assert len(packed) == 1 + 2 * (2 + CHUNK_SIZE)


def test_xlwings_bas_round_trips():
    data = XLWINGS_BAS.read_bytes()
    assert len(data) > 45000
    packed = compress(data)
    assert len(packed) < len(data) // 2
    assert bytes(decompress_stream(bytearray(packed))) == data
    assert decompress(packed) == data


@pytest.mark.parametrize(
    "container, message",
    [
        (b"", "the first byte must be the signature 0x01"),
        (b"\x02\x00\xb0", "the first byte must be the signature 0x01"),
        (b"\x01\x00\x00", "bad chunk signature at byte 1"),
        (b"\x01\x03\xb0\x01\x01\x00", "points before the start of its chunk"),
    ],
)
def test_bad_containers_are_rejected(container, message):
    with pytest.raises(ValueError, match=message):
        decompress(container)
