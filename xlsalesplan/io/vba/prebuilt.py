"""The plan workbook's VBA project and ribbon as shipped in the package (``macros/``).

Compressing the project's modules ([MS-OVBA] 2.4.1) takes about half a second in pure Python,
so it happens once, at build time: ``xlsalesplan build`` writes ``vbaProject.<lang>.bin`` (see
:mod:`xlsalesplan.io.vba.planproject`) and every workbook written afterwards copies those bytes.
This module only reads files: importing it imports neither xlwings nor the UDFs.

Examples
--------
>>> vba_project("en")[:4].hex()
'd0cf11e0'
>>> ribbon_xml("ru").startswith("<?xml")
True
"""

from __future__ import annotations

from pathlib import Path

LANGUAGES = ("ru", "en")
RIBBON_FILES = {"ru": "customUI14.xml", "en": "customUI14_en.xml"}


def language(lang: str) -> str:
    """The template language for ``lang``: Russian for "ru", English for anything else."""
    return "ru" if lang == "ru" else "en"


def project_file(lang: str) -> str:
    """The file name of the prebuilt VBA project for a workbook language."""
    return f"vbaProject.{language(lang)}.bin"


def macros_folder() -> Path:
    """The package's ``macros/`` folder (``xlsalesplan/_macros``, a link to the repository's
    in a checkout; package data in an installed wheel)."""
    return Path(__file__).parents[2] / "_macros"


def macro_source(name: str) -> str:
    """A file of the ``macros/`` folder (VBA modules, ribbon XML) as text."""
    return (macros_folder() / name).read_text(encoding="utf-8")


def ribbon_xml(lang: str) -> str:
    """The ribbon definition (customUI14.xml) for a workbook language."""
    return macro_source(RIBBON_FILES[language(lang)])


def vba_project(lang: str = "ru") -> bytes:
    """The bytes of ``xl/vbaProject.bin`` for a plan workbook in ``lang``.

    Raises
    ------
    FileNotFoundError
        If the prebuilt project is missing (run ``xlsalesplan build``).
    """
    path = macros_folder() / project_file(lang)
    if not path.is_file():
        raise FileNotFoundError(
            f"{project_file(lang)} is missing from the package; run `xlsalesplan build`"
        )
    return path.read_bytes()
