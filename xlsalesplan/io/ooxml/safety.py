"""Refusing hostile or unsuitable files before they cost time or memory.

A workbook on disk is a zip of XML parts. Before anything is decompressed or
parsed, the file is checked: it must be a zip (not an old binary .xls, not a
password-protected workbook, which are both OLE2 compound files), its declared
sizes must stay within :class:`Limits`, and every XML part is parsed with
entities, DTDs and network access switched off; a part that declares a DOCTYPE
is refused outright (it is how XXE and "billion laughs" attacks start, and Excel
never writes one).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from lxml import etree

from xlsalesplan.io.ooxml.cfb import directory_names

MAX_ROWS = 1_048_576
MAX_COLS = 16_384

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookError(Exception):
    """A workbook cannot be read or written; renders as one line ``PLAN.xlsm: reason``.

    Parameters
    ----------
    path : str or os.PathLike
        The workbook, as the user named it.
    reason : str
        What is wrong and, where possible, what to do about it.

    Examples
    --------
    >>> str(WorkbookError("PLAN.xlsm", "is password-protected"))
    'PLAN.xlsm: is password-protected'
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.path}: {self.reason}")


@dataclass(frozen=True)
class Limits:
    """How much a workbook may ask of us before it is refused.

    Parameters
    ----------
    total_size : int
        Sum of the declared uncompressed sizes of all parts (default 500 MB).
    ratio : float
        Largest compression ratio accepted for a part bigger than ``ratio_floor``
        (default 200:1; real sheets compress 5-50:1, zip bombs 1000:1 and more).
    ratio_floor : int
        Parts smaller than this are never refused for their ratio (default 1 MiB).
    members : int
        Largest number of parts in the zip (default 10,000).
    cells : int
        Largest rectangle of cells read or written in one call (default 5 million).
    """

    total_size: int = 500 * 1024 * 1024
    ratio: float = 200.0
    ratio_floor: int = 1024 * 1024
    members: int = 10_000
    cells: int = 5_000_000


DEFAULT_LIMITS = Limits()


def check_container(path: str | os.PathLike[str]) -> None:
    """Refuse a file that is not a zip, telling old .xls and encrypted workbooks apart.

    Raises
    ------
    WorkbookError
        Not a workbook, an old binary .xls, or a password-protected workbook.
    """
    try:
        with open(path, "rb") as fp:
            head = fp.read(8)
            if head.startswith(_ZIP_MAGIC):
                return
            if head == _OLE2_MAGIC:
                names = directory_names(fp)
                if {"EncryptionInfo", "EncryptedPackage"} & names:
                    raise WorkbookError(
                        path, "is password-protected; remove the password in Excel first"
                    )
                if {"Workbook", "Book"} & names:
                    raise WorkbookError(
                        path, "is an old .xls workbook; save it as .xlsx/.xlsm in Excel first"
                    )
    except OSError as exc:
        raise WorkbookError(path, f"cannot be read ({exc.strerror or exc})") from None
    raise WorkbookError(path, "is not an Excel workbook (.xlsx/.xlsm)")


def check_zip(path: str | os.PathLike[str], zf: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip whose directory promises more than ``limits`` allow (zip bombs).

    Only the zip's directory is read; nothing is decompressed.
    """
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise WorkbookError(
            path, f"has {len(infos)} parts, more than the {limits.members} a workbook may have"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookError(path, "is password-protected; remove the password in Excel first")
        total += info.file_size
        if total > limits.total_size:
            raise WorkbookError(
                path,
                f"unpacks to more than {limits.total_size // 2**20} MB; "
                "refused as a possible zip bomb",
            )
        compressed = max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and info.file_size / compressed > limits.ratio:
            raise WorkbookError(
                path,
                f"part {info.filename} is compressed {info.file_size // compressed}:1; "
                "refused as a possible zip bomb",
            )


def parse_xml(path: str | os.PathLike[str], part: str, data: bytes) -> etree._Element:
    """Parse one XML part with entities, DTDs and the network switched off.

    Raises
    ------
    WorkbookError
        The part is not well-formed XML, or declares a DOCTYPE.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise WorkbookError(path, f"part {part} is damaged ({exc.msg})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise WorkbookError(
            path, f"part {part} declares a DOCTYPE; refused (Excel never writes one)"
        )
    return root
