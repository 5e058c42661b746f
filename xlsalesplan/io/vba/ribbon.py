"""Add a custom ribbon (Office Fluent UI XML) to a macro-enabled workbook (.xlsm/.xlam).

The package work — the ``customUI`` part, its relationship and content type — is done by the
package layer, :func:`xlsalesplan.io.ooxml.macroparts.set_ribbon`; this is the bytes-in,
bytes-out form the build uses.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from xlsalesplan.io.ooxml.macroparts import RIBBON_TYPES, ribbon_part, set_ribbon
from xlsalesplan.io.ooxml.opc import OpcPackage

__all__ = ["RIBBON_TYPES", "add_ribbon"]


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
    ribbon_part(customui_xml)  # a bad definition is refused before the package is read
    data = workbook if isinstance(workbook, bytes) else Path(workbook).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
    for required in ("_rels/.rels", "[Content_Types].xml"):
        if required not in names:
            raise ValueError(f"workbook: {required} is missing; not an Office package")
    package = OpcPackage.from_bytes(data)
    set_ribbon(package, customui_xml)
    out = io.BytesIO()
    package.save(out)
    return out.getvalue()
