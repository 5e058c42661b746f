"""Add a custom ribbon (Office Fluent UI XML) to a macro-enabled workbook (.xlsm/.xlam).

A ribbon is a part of the package, not of the VBA project: ``customUI/customUI14.xml`` for the
Office 2010+ schema (``http://schemas.microsoft.com/office/2009/07/customui``) with a package
relationship of type ``.../office/2007/relationships/ui/extensibility``, or
``customUI/customUI.xml`` for the Office 2007 schema with ``.../2006/.../ui/extensibility``.
The part's content type is plain ``application/xml``; Office files cover it with the ``xml``
Default entry of ``[Content_Types].xml``, and an Override is added only when that is missing.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SCHEMAS = {
    "http://schemas.microsoft.com/office/2009/07/customui": (
        "customUI/customUI14.xml",
        "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
    ),
    "http://schemas.microsoft.com/office/2006/01/customui": (
        "customUI/customUI.xml",
        "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    ),
}
RIBBON_TYPES = {relationship for _, relationship in _SCHEMAS.values()}
_XML = "application/xml"


def _ribbon_part(customui_xml: str) -> tuple[str, str]:
    try:
        root = ET.fromstring(customui_xml)
    except ET.ParseError as error:
        raise ValueError(f"customui_xml: not well-formed XML ({error})") from None
    namespace, _, tag = root.tag[1:].partition("}")
    if tag != "customUI" or namespace not in _SCHEMAS:
        raise ValueError(
            f"customui_xml: the root must be <customUI> in one of {sorted(_SCHEMAS)}, "
            f"got {root.tag!r}"
        )
    return _SCHEMAS[namespace]


def _serialise(root: ET.Element, namespace: str) -> bytes:
    ET.register_namespace("", namespace)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _relationships(rels: bytes, part: str, relationship_type: str) -> tuple[bytes, set[str]]:
    """Package relationships with any old ribbon replaced; also the old ribbon parts."""
    root = ET.fromstring(rels)
    old_parts = set()
    for element in list(root):
        if element.get("Type") in RIBBON_TYPES:
            old_parts.add(element.get("Target", "").lstrip("/"))
            root.remove(element)
    ids = {element.get("Id") for element in root}
    number = 1
    while f"rId{number}" in ids:
        number += 1
    ET.SubElement(
        root,
        f"{{{RELATIONSHIPS}}}Relationship",
        {"Id": f"rId{number}", "Type": relationship_type, "Target": part},
    )
    return _serialise(root, RELATIONSHIPS), old_parts


def _content_types(types: bytes, part: str, old_parts: set[str]) -> bytes:
    root = ET.fromstring(types)
    for element in list(root):
        if element.get("PartName", "").lstrip("/") in old_parts | {part}:
            root.remove(element)
    has_xml_default = any(
        element.tag == f"{{{CONTENT_TYPES}}}Default"
        and element.get("Extension", "").lower() == "xml"
        and element.get("ContentType") == _XML
        for element in root
    )
    if not has_xml_default:
        ET.SubElement(
            root, f"{{{CONTENT_TYPES}}}Override", {"PartName": "/" + part, "ContentType": _XML}
        )
    return _serialise(root, CONTENT_TYPES)


def add_ribbon(workbook: str | os.PathLike[str] | bytes, customui_xml: str) -> bytes:
    """Return a copy of a workbook package with `customui_xml` as its custom ribbon.

    Parameters
    ----------
    workbook : path or bytes
        A macro-enabled workbook (.xlsm) or add-in (.xlam) as a file path or its bytes.
    customui_xml : str
        The ribbon definition, root ``<customUI>`` in the 2009/07 (Office 2010+) or 2006/01
        (Office 2007) namespace. Buttons call VBA macros through ``onAction="Module.Sub"``;
        such a Sub takes ``control As IRibbonControl``.

    Returns
    -------
    bytes
        The new package. Every other part is copied unchanged, in its original order; a ribbon
        already present is replaced.

    Raises
    ------
    ValueError
        If the XML is not well-formed, its root is not customUI, or the workbook is not an
        Office package (no ``_rels/.rels`` or ``[Content_Types].xml``).
    """
    part, relationship_type = _ribbon_part(customui_xml)
    data = workbook if isinstance(workbook, bytes) else Path(workbook).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        for required in ("_rels/.rels", "[Content_Types].xml"):
            if required not in names:
                raise ValueError(f"workbook: {required} is missing; not an Office package")
        rels, old_parts = _relationships(source.read("_rels/.rels"), part, relationship_type)
        replaced = {
            "_rels/.rels": rels,
            "[Content_Types].xml": _content_types(
                source.read("[Content_Types].xml"), part, old_parts
            ),
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename in old_parts or info.filename == part:
                    continue
                target.writestr(info, replaced.get(info.filename, source.read(info)))
            # Dated like the package's other parts, so the same input gives the same bytes.
            stamp = source.getinfo("_rels/.rels").date_time
            ribbon = zipfile.ZipInfo(part, stamp)
            ribbon.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(ribbon, customui_xml.encode("utf-8"))
    return out.getvalue()
