"""LibreOffice as the tests' spreadsheet engine: recalculate, convert, render, run macros.

Test and documentation tooling only: nothing of the ``xlsalesplan`` package imports it.
"""

from libreoffice.session import (
    DEBIAN_PACKAGES,
    Cell,
    LibreOfficeError,
    LibreOfficeMissing,
    UnoSession,
    convert,
    find_soffice,
    find_uno_python,
    render_png,
)

__all__ = [
    "DEBIAN_PACKAGES",
    "Cell",
    "LibreOfficeError",
    "LibreOfficeMissing",
    "UnoSession",
    "convert",
    "find_soffice",
    "find_uno_python",
    "render_png",
]
