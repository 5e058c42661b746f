"""The parts a macro-enabled workbook adds to a package: its custom ribbon and its VBA project.

A ribbon is a part of the package, not of the VBA project: ``customUI/customUI14.xml`` for the
Office 2010+ schema (``http://schemas.microsoft.com/office/2009/07/customui``) with a package
relationship of type ``.../office/2007/relationships/ui/extensibility``, or
``customUI/customUI.xml`` for the Office 2007 schema with ``.../2006/.../ui/extensibility``.
Its content type is plain ``application/xml``, which Office files give through the ``xml``
Default of ``[Content_Types].xml``; an Override is added only where that Default says otherwise.

Both functions edit an open :class:`~xlsalesplan.io.ooxml.opc.OpcPackage` through its part and
relationship operations, so every other part is saved exactly as it was.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from xlsalesplan.io.ooxml.opc import OpcPackage, Relationship, source_of

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
RIBBON_TYPES = frozenset(relationship for _, relationship in _SCHEMAS.values())
VBA_PROJECT_TYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_PROJECT_CONTENT = "application/vnd.ms-office.vbaProject"
_XML = "application/xml"


def ribbon_part(customui_xml: str) -> tuple[str, str]:
    """The part name and relationship type a ribbon definition goes with.

    Raises
    ------
    ValueError
        Not well-formed XML, or its root is not ``<customUI>`` in a known namespace.
    """
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


def set_ribbon(pkg: OpcPackage, customui_xml: str) -> None:
    """Give the package ``customui_xml`` as its custom ribbon, replacing any ribbon it has.

    Raises
    ------
    ValueError
        The XML is not a ribbon definition (see :func:`ribbon_part`).
    """
    part, relationship_type = ribbon_part(customui_xml)
    for old in pkg.remove_relationships("", _is_ribbon):
        _remove_with_own_parts(pkg, old)
    pkg.add_part(part, customui_xml.encode("utf-8"), _XML)
    pkg.add_relationship("", relationship_type, part)


def remove_macros(pkg: OpcPackage, workbook_part: str) -> None:
    """Make a macro-enabled workbook a plain one: its VBA project (with its signature), its
    ribbon (with its images) and their relationships removed, the workbook part typed as an
    .xlsx's."""
    for old in pkg.remove_relationships("", _is_ribbon):
        _remove_with_own_parts(pkg, old)
    for old in pkg.remove_relationships(workbook_part, lambda r: r.type == VBA_PROJECT_TYPE):
        _remove_with_own_parts(pkg, old)
    if pkg.content_type(workbook_part) == MACRO_WORKBOOK:
        pkg.set_content_type(workbook_part, PLAIN_WORKBOOK)
    pkg.remove_default("bin", VBA_PROJECT_CONTENT)


def _is_ribbon(rel: Relationship) -> bool:
    return rel.type in RIBBON_TYPES


def _remove_with_own_parts(pkg: OpcPackage, rel: Relationship) -> None:
    """Remove the part a relationship pointed to, with the parts only it relates to (a
    ribbon's images, a project's signature)."""
    if rel.external or not pkg.has(rel.target):
        return
    owned = [r.target for r in pkg.rels(rel.target) if not r.external]
    pkg.remove_part(rel.target)
    for target in owned:
        if pkg.has(target) and not _referenced(pkg, target):
            pkg.remove_part(target)


def _referenced(pkg: OpcPackage, part: str) -> bool:
    """Whether any relationship left in the package points to ``part``."""
    return any(
        rel.target == part and not rel.external
        for name in pkg.members
        if name.endswith(".rels")
        for rel in pkg.rels(source_of(name))
    )
