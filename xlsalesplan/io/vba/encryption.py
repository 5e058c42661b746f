"""The obfuscation of the PROJECT stream's CMG, DPB and GC values ([MS-OVBA] 2.4.3).

Each value is a hex string: a seed byte, the version and the project key (both masked with the
seed), 0 to 3 ignored bytes, the data length and the data, every byte after the seed chained to
the bytes before it. The key is the byte sum of the project's ID string. This is no protection,
only the format Office expects; our projects carry "not locked", "no password", "visible".
"""

from __future__ import annotations

import hashlib
import struct

_VERSION = 2
_IGNORED_BYTE = 0x07


def _project_key(project_id: str) -> int:
    return sum(project_id.encode("ascii")) & 0xFF


def encrypt(data: bytes, project_id: str, seed: int | None = None) -> str:
    """Obfuscate `data` for the PROJECT stream.

    Parameters
    ----------
    data : bytes
        The plain value, e.g. four zero bytes for CMG (no protection).
    project_id : str
        The project's ID as written in the PROJECT stream, braces included.
    seed : int, optional
        The seed byte. By default it is derived from the project ID and the data, so the same
        project always gives the same file.

    Returns
    -------
    str
        Upper-case hex text.

    Examples
    --------
    >>> decrypt(encrypt(b"\\xff", "{00000000-0000-0000-0000-000000000000}"),
    ...         "{00000000-0000-0000-0000-000000000000}")
    b'\\xff'
    """
    key = _project_key(project_id)
    if seed is None:
        seed = hashlib.sha256(project_id.encode("ascii") + data).digest()[0]
    out = bytearray([seed, seed ^ _VERSION, seed ^ key])
    plain_before, cipher_before, cipher_two_before = key, out[2], out[1]
    ignored = bytes([_IGNORED_BYTE]) * ((seed & 6) // 2)
    for byte in ignored + struct.pack("<I", len(data)) + data:
        cipher = byte ^ ((cipher_two_before + plain_before) & 0xFF)
        out.append(cipher)
        cipher_two_before, cipher_before, plain_before = cipher_before, cipher, byte
    return out.hex().upper()


def decrypt(text: str, project_id: str) -> bytes:
    """Recover the plain value of a CMG, DPB or GC string.

    Parameters
    ----------
    text : str
        The hex text between the quotes.
    project_id : str
        The project's ID as written in the PROJECT stream, braces included.

    Returns
    -------
    bytes
        The plain data.

    Raises
    ------
    ValueError
        If the text is not hex, the version is not 2, the key does not match the project ID,
        or the length does not match the data.
    """
    raw = bytes.fromhex(text)
    if len(raw) < 7:
        raise ValueError(f"obfuscated value {text!r}: too short")
    seed = raw[0]
    if raw[1] ^ seed != _VERSION:
        raise ValueError(f"obfuscated value {text!r}: version is not {_VERSION}")
    key = raw[2] ^ seed
    if key != _project_key(project_id):
        raise ValueError(f"obfuscated value {text!r}: key does not match project ID {project_id}")
    plain = bytearray()
    plain_before, cipher_before, cipher_two_before = key, raw[2], raw[1]
    for cipher in raw[3:]:
        byte = cipher ^ ((cipher_two_before + plain_before) & 0xFF)
        plain.append(byte)
        cipher_two_before, cipher_before, plain_before = cipher_before, cipher, byte
    ignored = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored)
    data = bytes(plain[ignored + 4 :])
    if len(data) != length:
        raise ValueError(f"obfuscated value {text!r}: says {length} bytes, holds {len(data)}")
    return data
