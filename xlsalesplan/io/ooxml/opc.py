"""An Office Open XML package (a zip of parts) edited in place: parts, relationships, content types.

:class:`OpcPackage` is the one place that edits a package's structure: it hands out parsed XML
parts, replaces, adds and removes parts (with their content types), adds and removes
relationships, and saves a new zip in which **every part it was not asked to change keeps its
exact compressed bytes**. Changed parts are re-serialised. A big part can instead be given to
an *editor* (:class:`PartEditor`, e.g. a worksheet edited row by row) that streams its new
content when the package is saved, so that no tree of it is ever built.

Conventions
-----------
* A part's content is one of: the original bytes, new bytes (:meth:`write`), a parsed tree
  marked changed (:meth:`xml` then :meth:`touch`), or an editor (:meth:`editor`). Asking for
  one form hands over the latest content: :meth:`xml` after an editor's changes parses what the
  editor wrote, and an editor made after a tree was touched starts from the tree.
* New parts are saved after the original ones, dated like ``[Content_Types].xml``.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from lxml import etree

from xlsalesplan.io.ooxml.safety import (
    DEFAULT_LIMITS,
    Limits,
    WorkbookError,
    check_container,
    check_zip,
)
from xlsalesplan.io.ooxml.safety import parse_xml as _parse_xml
from xlsalesplan.io.ooxml.zipio import ZipWriter, central_records

NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CONTENT_TYPES = "[Content_Types].xml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_R = f"{{{NS_PKG_REL}}}Relationship"
_OVERRIDE, _DEFAULT = f"{{{NS_CT}}}Override", f"{{{NS_CT}}}Default"


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: ``kind`` is the last segment of its type URI, ``target`` a
    part name (or the URI itself when ``external``)."""

    id: str
    kind: str
    target: str
    external: bool
    type: str = ""


class PartEditor(Protocol):
    """Something that owns a part's content while it is edited, and streams it for saving."""

    @property
    def changed(self) -> bool: ...

    def chunks(self) -> Iterable[bytes]: ...


E = TypeVar("E", bound=PartEditor)


def rels_part(part: str) -> str:
    """The relationships part of ``part`` ("" for the package): ``xl/_rels/workbook.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


class OpcPackage:
    """A zip package opened for editing at the part level (see the module's conventions).

    The whole file is read into memory once, so no handle on the original stays open and it
    can be replaced atomically afterwards.
    """

    def __init__(self, path: Path, data: bytes, zf: zipfile.ZipFile, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self._data = data
        self._zf = zf
        self._infos = {info.filename: info for info in zf.infolist()}
        self._trees: dict[str, etree._Element] = {}
        self._changed: dict[str, etree._Element | bytes] = {}
        self._editors: dict[str, PartEditor] = {}
        self._added: dict[str, zipfile.ZipInfo] = {}
        self._dropped: set[str] = set()
        self._versions: dict[str, int] = {}
        self._rels: dict[str, tuple[int, list[Relationship]]] = {}

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS):
        """Open a package file after checking it is a safe, sane zip.

        Raises
        ------
        WorkbookError
            Not a zip (an old .xls or a password-protected workbook is named as such), a zip
            bomb, or damaged.
        """
        path = Path(path)
        check_container(path)
        if path.stat().st_size > limits.total_size:
            raise WorkbookError(path, f"is larger than {limits.total_size // 2**20} MB")
        return cls.from_bytes(path.read_bytes(), path, limits)

    @classmethod
    def from_bytes(
        cls, data: bytes, path: str | os.PathLike[str] = "workbook", limits: Limits = DEFAULT_LIMITS
    ):
        """Open a package held in memory; ``path`` names it in messages."""
        path = Path(path)
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
            raise WorkbookError(path, f"is damaged ({exc})") from None
        check_zip(path, zf, limits)
        return cls(path, data, zf, limits)

    # ------------------------------------------------------------------ parts
    @property
    def members(self) -> list[str]:
        """Part names in the order they are saved."""
        return [n for n in self._infos if n not in self._dropped] + list(self._added)

    def has(self, part: str) -> bool:
        return (part in self._infos and part not in self._dropped) or part in self._added

    def read(self, part: str) -> bytes:
        """The uncompressed bytes of a part as it is in the original file (or as added).

        Raises
        ------
        KeyError
            No such part.
        WorkbookError
            The part is damaged (bad CRC, truncated data).
        """
        if part in self._added:
            return self.content(part)
        info = self._infos[part]
        try:
            with self._zf.open(info) as fp:
                return fp.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise WorkbookError(self.path, f"part {part} is damaged ({exc})") from None

    def content(self, part: str) -> bytes:
        """The part's bytes as they would be saved now (edits included)."""
        editor = self._editors.get(part)
        if editor is not None and editor.changed:
            return b"".join(editor.chunks())
        value = self._changed.get(part)
        if value is None:
            return self.read(part)
        return value if isinstance(value, bytes) else _serialise(value)

    def xml(self, part: str) -> etree._Element:
        """The parsed root element of an XML part (parsed once, then cached).

        Edits to the tree reach the saved file only after :meth:`touch`. A part held by an
        editor is handed back from it: the tree holds the editor's changes, and the editor is
        dropped (a later :meth:`editor` starts from the tree).
        """
        editor = self._editors.pop(part, None)
        if editor is not None and editor.changed:
            self._changed[part] = b"".join(editor.chunks())
            self._trees.pop(part, None)
            self._bump(part)
        if part not in self._trees:
            self._trees[part] = _parse_xml(self.path, part, self.content(part))
        return self._trees[part]

    def touch(self, part: str) -> None:
        """Mark an XML part obtained from :meth:`xml` as changed, to be re-serialised."""
        self._changed[part] = self.xml(part)
        self._bump(part)

    def editor(self, part: str, factory: Callable[[bytes], E]) -> E:
        """The editor holding ``part``, made by ``factory(content)`` when there is none yet."""
        editor = self._editors.get(part)
        if editor is None:
            if not self.has(part):
                raise KeyError(part)
            editor = factory(self.content(part))
            self._trees.pop(part, None)  # a tree would go stale while the editor writes
            self._editors[part] = editor
        return editor  # type: ignore[return-value]

    def version(self, part: str) -> int:
        """How many times ``part`` was handed over in a new form (touched, written, ...)."""
        return self._versions.get(part, 0)

    def _bump(self, part: str) -> None:
        self._versions[part] = self.version(part) + 1

    def write(self, part: str, data: bytes) -> None:
        """Replace an existing part's bytes."""
        if not self.has(part):
            raise KeyError(part)
        self._trees.pop(part, None)
        self._editors.pop(part, None)
        self._changed[part] = data
        self._bump(part)

    def add_part(self, part: str, data: bytes, content_type: str | None = None) -> None:
        """Add a part (or replace one) with its content type (``None``: leave the types alone).

        The content type is recorded as an Override unless the Default for the part's
        extension already gives it.
        """
        if self.has(part):
            self.write(part, data)
        elif part in self._infos:  # an original part removed earlier comes back in its place
            self._dropped.discard(part)
            self._changed[part] = data
            self._bump(part)
        else:
            stamp = self._infos.get(CONTENT_TYPES)
            info = zipfile.ZipInfo(part, stamp.date_time if stamp else (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            self._added[part] = info
            self._changed[part] = data
            self._bump(part)
        if content_type is not None:
            self.set_content_type(part, content_type)

    def remove_part(self, part: str) -> None:
        """Remove a part, its content-type Override, its own relationships part and every
        relationship that targets it."""
        if not self.has(part):
            raise KeyError(part)
        for name in self.members:
            if name.endswith(".rels") and name != rels_part(part):
                source = source_of(name)
                self._remove_rels(source, lambda r: not r.external and r.target == part)
        for name in (part, rels_part(part)):
            if self.has(name):
                self._drop(name)
        self._set_override(part, None)

    def _drop(self, part: str) -> None:
        self._trees.pop(part, None)
        self._editors.pop(part, None)
        self._changed.pop(part, None)
        if self._added.pop(part, None) is None:
            self._dropped.add(part)

    @property
    def changed(self) -> set[str]:
        """Parts that will be re-serialised by :meth:`save`."""
        edited = {p for p, e in self._editors.items() if e.changed}
        return set(self._changed) | edited

    # ---------------------------------------------------------- content types
    def content_type(self, part: str) -> str | None:
        """The part's content type: its Override, else the Default for its extension."""
        types = self.xml(CONTENT_TYPES)
        for override in types.iterfind(_OVERRIDE):
            if override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType")
        return self._default_type(part)

    def _default_type(self, part: str) -> str | None:
        extension = posixpath.splitext(part)[1].lstrip(".").lower()
        for default in self.xml(CONTENT_TYPES).iterfind(_DEFAULT):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType")
        return None

    def set_content_type(self, part: str, content_type: str) -> None:
        """Give ``part`` this content type (an Override only where the Default differs)."""
        default = self._default_type(part)
        self._set_override(part, None if default == content_type else content_type)

    def remove_default(self, extension: str, content_type: str | None = None) -> None:
        """Remove the Default content type of an extension (only if it is ``content_type``)."""
        types = self.xml(CONTENT_TYPES)
        for default in list(types.iterfind(_DEFAULT)):
            same = default.get("Extension", "").lower() == extension.lower()
            if same and content_type in (None, default.get("ContentType")):
                types.remove(default)
                self.touch(CONTENT_TYPES)

    def _set_override(self, part: str, content_type: str | None) -> None:
        types = self.xml(CONTENT_TYPES)
        found = [o for o in types.iterfind(_OVERRIDE) if o.get("PartName", "").lstrip("/") == part]
        if content_type is None and not found:
            return
        if len(found) == 1 and found[0].get("ContentType") == content_type:
            return
        for override in found:
            types.remove(override)
        if content_type is not None:
            etree.SubElement(types, _OVERRIDE, PartName="/" + part, ContentType=content_type)
        self.touch(CONTENT_TYPES)

    # ---------------------------------------------------------- relationships
    def rels(self, part: str) -> list[Relationship]:
        """Relationships of ``part`` ("" for the package), with targets as part names.

        Read once per version of the relationships part (an edit is seen once touched).
        """
        name = rels_part(part)
        if not self.has(name):
            return []
        version = self.version(name)
        cached = self._rels.get(name)
        if cached is None or cached[0] != version:
            folder = posixpath.dirname(part)
            found = [_relationship(rel, folder) for rel in self.xml(name).iterfind(_R)]
            self._rels[name] = cached = (version, found)
        return list(cached[1])

    def add_relationship(
        self, source: str, type_uri: str, target: str, *, external: bool = False
    ) -> str:
        """Relate ``source`` ("" for the package) to the part ``target`` (or an external URI);
        returns the new relationship's Id."""
        name = rels_part(source)
        if not self.has(name):
            empty = f'<Relationships xmlns="{NS_PKG_REL}"/>'.encode()
            self.add_part(name, _XML_DECLARATION + empty, RELS_TYPE)
        root = self.xml(name)
        ids = {rel.get("Id") for rel in root.iterfind(_R)}
        number = 1
        while f"rId{number}" in ids:
            number += 1
        relative = target if external else _relative(posixpath.dirname(source), target)
        rel = etree.SubElement(root, _R, Id=f"rId{number}", Type=type_uri, Target=relative)
        if external:
            rel.set("TargetMode", "External")
        self.touch(name)
        return f"rId{number}"

    def remove_relationships(
        self, source: str, match: Callable[[Relationship], bool]
    ) -> list[Relationship]:
        """Remove the relationships of ``source`` for which ``match`` is true; returns them."""
        return self._remove_rels(source, match)

    def _remove_rels(self, source: str, match: Callable[[Relationship], bool]):
        name = rels_part(source)
        if not self.has(name):
            return []
        root, folder, removed = self.xml(name), posixpath.dirname(source), []
        for rel in list(root.iterfind(_R)):
            found = _relationship(rel, folder)
            if match(found):
                root.remove(rel)
                removed.append(found)
        if removed:
            self.touch(name)
        return removed

    # ----------------------------------------------------------------- saving
    def save(self, dest: str | os.PathLike[str] | BinaryIO) -> None:
        """Write the package: unchanged parts copied raw, changed parts re-serialised.

        Parameters
        ----------
        dest : path or binary file
            Where to write. Use :func:`xlsalesplan.io.doors.atomic.atomic_write` to
            replace the original safely.
        """
        if isinstance(dest, (str, os.PathLike)):
            with open(dest, "wb") as fp:
                self._write_zip(fp)
        else:
            self._write_zip(dest)

    def _write_zip(self, fp: BinaryIO) -> None:
        infos = self._zf.infolist()
        central = central_records(self._data, infos)
        writer = ZipWriter(fp)
        for info, record in zip(infos, central, strict=True):
            name = info.filename
            editor = self._editors.get(name)
            if name in self._dropped:
                continue
            if editor is not None and editor.changed:
                writer.add(info, editor.chunks())
            elif name in self._changed:
                writer.add(info, self.content(name))
            elif record is not None:
                writer.copy_raw(self._data, info, record)
            else:
                writer.add(info, self.read(name))
        for name, info in self._added.items():
            writer.add(info, self.content(name))
        writer.finish()


_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=True
    )


def source_of(rels_name: str) -> str:
    """The part whose relationships ``rels_name`` holds ("" for ``_rels/.rels``)."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def _relationship(rel: etree._Element, folder: str) -> Relationship:
    target = rel.get("Target", "")
    external = rel.get("TargetMode") == "External"
    if not external:
        joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        target = posixpath.normpath(joined)
    type_uri = rel.get("Type", "")
    return Relationship(rel.get("Id", ""), type_uri.rsplit("/", 1)[-1], target, external, type_uri)


def _relative(folder: str, part: str) -> str:
    return posixpath.relpath(part, folder) if folder else part
