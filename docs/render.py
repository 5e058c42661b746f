"""Render the demo plan's main sheets to PNG for the README: ``python docs/render.py``.

Builds the Russian demo with ``xlsalesplan.io.files.write_demo`` and renders it with LibreOffice
(``render_png`` of the tests' tooling, ``tests/libreoffice``), one picture per sheet, into
``docs/images``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from xlsalesplan.io.files import write_demo
from xlsalesplan.io.layout import DASHBOARD, SHEET_BY_KEY

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from libreoffice import render_png

IMAGES = Path(__file__).parent / "images"
# picture name -> the sheet's Russian name
SHEETS = {
    "dashboard": DASHBOARD[0],
    **{key: SHEET_BY_KEY[key].names[0] for key in ("sales", "goals", "roi", "planfact", "roadmap")},
    # The strategy documents of the method (§8).
    **{
        key: SHEET_BY_KEY[key].names[0]
        for key in (
            "project",
            "swot",
            "policies",
            "implementation",
            "assortment",
            "concentration",
            "motivation",
            "economics",
            "effects",
        )
    },
}


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        plan = write_demo(Path(tmp) / "demo.xlsx", "ru")
        pages = {p.stem.split("-", 1)[1]: p for p in render_png(plan, tmp, dpi=60, per_sheet=True)}
        for picture, sheet in SHEETS.items():
            shutil.copyfile(pages[sheet], IMAGES / f"{picture}.png")
            print(IMAGES / f"{picture}.png")


if __name__ == "__main__":
    main()
