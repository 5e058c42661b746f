"""VBA modules as source text: standard modules, class modules and Excel document modules.

A module's stored source starts with its header attributes (`Attribute VB_Name = "..."`, and for
class and document modules `VB_Base`, `VB_PredeclaredId` and the rest), followed by the code the
VBA editor shows. `Module.code` is that code only; `Module.source` is the stored text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["standard", "document", "class"]
KINDS: tuple[Kind, ...] = ("standard", "document", "class")

WORKBOOK_BASE = '"0{00020819-0000-0000-C000-000000000046}"'
WORKSHEET_BASE = '"0{00020820-0000-0000-C000-000000000046}"'
CLASS_BASE = '"0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"'

Attributes = tuple[tuple[str, str], ...]
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_HEADER_LINE = re.compile(r"Attribute (VB_\w+) = (.*?)(\r\n|\r|\n|$)")


def _object_attributes(
    base: str, predeclared: bool, exposed: bool, customizable: bool
) -> Attributes:
    def flag(value: bool) -> str:
        return "True" if value else "False"

    return (
        ("VB_Base", base),
        ("VB_GlobalNameSpace", "False"),
        ("VB_Creatable", "False"),
        ("VB_PredeclaredId", flag(predeclared)),
        ("VB_Exposed", flag(exposed)),
        ("VB_TemplateDerived", "False"),
        ("VB_Customizable", flag(customizable)),
    )


# What Excel writes for a workbook/worksheet document module and for a new class module.
WORKBOOK_ATTRIBUTES = _object_attributes(WORKBOOK_BASE, True, True, True)
WORKSHEET_ATTRIBUTES = _object_attributes(WORKSHEET_BASE, True, True, True)
CLASS_ATTRIBUTES = _object_attributes(CLASS_BASE, False, False, False)


def check_identifier(name: object, what: str) -> None:
    """Raise ValueError unless `name` is a VBA identifier of at most 31 characters."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(
            f"{what} {name!r}: use a letter, then letters, digits or _, 31 characters at most"
        )


def crlf(text: str) -> str:
    """Line endings as VBA stores them: every LF, CR or CR LF becomes CR LF."""
    return re.sub(r"\r\n|\r|\n", "\r\n", text)


@dataclass(frozen=True)
class Module:
    """One VBA module.

    Parameters
    ----------
    name : str
        The module's name (a VBA identifier of at most 31 characters); for document modules the
        code name of the workbook or sheet (``ThisWorkbook``, ``Sheet1``).
    code : str
        The code as the VBA editor shows it, without the header attributes. Line endings are
        stored as CR LF whatever is given.
    kind : {"standard", "document", "class"}
        Standard module (``.bas``), Excel document module or class module (``.cls``).
    attributes : tuple of (name, value) pairs, optional
        Header attributes after ``VB_Name``, values as VBA literals. By default none for a
        standard module and Excel's defaults for a class module; document modules must say
        which Excel object they belong to (use `workbook_module` or `worksheet_module`).
    docstring : str
        The module description shown in the object browser.

    Examples
    --------
    >>> standard_module("Hello", "Sub Hi()\\nEnd Sub\\n").source
    'Attribute VB_Name = "Hello"\\r\\nSub Hi()\\r\\nEnd Sub\\r\\n'
    """

    name: str
    code: str
    kind: Kind = "standard"
    attributes: Attributes | None = None
    docstring: str = ""

    def __post_init__(self) -> None:
        check_identifier(self.name, "module name")
        if self.kind not in KINDS:
            raise ValueError(f"module {self.name}: kind {self.kind!r} is not one of {KINDS}")
        if self.kind == "document" and self.attributes is None:
            raise ValueError(
                f"module {self.name}: a document module needs the attributes of its Excel "
                "object; use workbook_module() or worksheet_module()"
            )
        if self.code.lstrip().startswith("Attribute VB_Name"):
            raise ValueError(
                f"module {self.name}: code starts with 'Attribute VB_Name'; pass the code "
                "without its header, or use Module.from_source()"
            )

    @property
    def header(self) -> Attributes:
        """The header attributes after VB_Name, defaults filled in."""
        if self.attributes is not None:
            return self.attributes
        return CLASS_ATTRIBUTES if self.kind == "class" else ()

    @property
    def source(self) -> str:
        """The text VBA stores: header attributes, then the code, CR LF line endings."""
        lines = [f'Attribute VB_Name = "{self.name}"']
        lines += [f"Attribute {key} = {value}" for key, value in self.header]
        code = crlf(self.code)
        if code and not code.endswith("\r\n"):
            code += "\r\n"
        return "\r\n".join(lines) + "\r\n" + code

    @classmethod
    def from_source(cls, source: str, kind: Kind, docstring: str = "") -> Module:
        """Split stored source text (or an exported module without its VERSION/BEGIN lines).

        Raises
        ------
        ValueError
            If the text does not start with ``Attribute VB_Name = "..."``.
        """
        attributes: list[tuple[str, str]] = []
        position = 0
        while match := _HEADER_LINE.match(source, position):
            attributes.append((match.group(1), match.group(2)))
            position = match.end()
            if not match.group(3):
                break
        if not attributes or attributes[0][0] != "VB_Name":
            raise ValueError('module source: the first line must be Attribute VB_Name = "..."')
        name = attributes.pop(0)[1].strip('"')
        default = CLASS_ATTRIBUTES if kind == "class" else ()
        header = tuple(attributes)
        return cls(
            name,
            source[position:],
            kind,
            None if header == default and kind != "document" else header,
            docstring,
        )


_EXPORT_PREAMBLE = re.compile(r"\AVERSION[^\r\n]*\r?\n(BEGIN\r?\n.*?\r?\nEND\r?\n)?", re.S)


def class_from_export(text: str) -> Module:
    """A class module as Excel stores it after importing an exported ``.cls`` file.

    An export starts with ``VERSION``/``BEGIN``…``END`` lines the editor does not store, and
    its attribute block lacks ``VB_Base``, ``VB_TemplateDerived`` and ``VB_Customizable``,
    which every class module saved by Excel carries: ``VB_Base`` right after ``VB_Name``, the
    other two right after ``VB_Exposed``, then any further module attributes
    (``VB_Description``). Values the export gives are kept.

    Examples
    --------
    >>> export = (
    ...     "VERSION 1.0 CLASS\\r\\nBEGIN\\r\\n  MultiUse = -1  'True\\r\\nEND\\r\\n"
    ...     'Attribute VB_Name = "Counter"\\r\\nAttribute VB_GlobalNameSpace = False\\r\\n'
    ...     "Attribute VB_Creatable = False\\r\\nAttribute VB_PredeclaredId = False\\r\\n"
    ...     "Attribute VB_Exposed = True\\r\\nPrivate n As Long\\r\\n"
    ... )
    >>> [key for key, _ in class_from_export(export).header]  # doctest: +NORMALIZE_WHITESPACE
    ['VB_Base', 'VB_GlobalNameSpace', 'VB_Creatable', 'VB_PredeclaredId', 'VB_Exposed',
     'VB_TemplateDerived', 'VB_Customizable']
    """
    exported = Module.from_source(_EXPORT_PREAMBLE.sub("", text, count=1), "class")
    given = dict(exported.header)
    defaults = dict(CLASS_ATTRIBUTES)
    header = [(key, given.pop(key, value)) for key, value in CLASS_ATTRIBUTES]
    header += [(key, value) for key, value in given.items() if key not in defaults]
    return Module(exported.name, exported.code, "class", tuple(header), exported.docstring)


def standard_module(name: str, code: str) -> Module:
    """A standard module (what VBA's Insert > Module gives)."""
    return Module(name, code, "standard")


def class_module(name: str, code: str) -> Module:
    """A class module with Excel's default attributes (private, not predeclared)."""
    return Module(name, code, "class")


def workbook_module(code: str = "", name: str = "ThisWorkbook") -> Module:
    """The workbook's document module; `name` must match the workbook's code name."""
    return Module(name, code, "document", WORKBOOK_ATTRIBUTES)


def worksheet_module(name: str, code: str = "") -> Module:
    """A worksheet's document module; `name` must match the sheet's code name."""
    return Module(name, code, "document", WORKSHEET_ATTRIBUTES)
