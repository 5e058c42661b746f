"""Every ribbon icon is one of Excel's own control ids (issue 9, point 4).

``imageMso`` names a built-in control whose picture the button shows; an id Excel does not
know (``CalendarInsert`` is Outlook's) leaves the button without an icon. The reference is
Microsoft's published list of Excel's control ids (tests/data/office, see its README).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

MACROS = Path(__file__).resolve().parents[1] / "macros"
RIBBONS = ["customUI14.xml", "customUI14_en.xml"]
EXCEL_IDS = Path(__file__).parent / "data" / "office" / "excel_control_ids.txt"


def _excel_ids() -> set[str]:
    return set(EXCEL_IDS.read_text("utf-8").split())


@pytest.mark.parametrize("ribbon", RIBBONS)
def test_every_image_mso_is_an_excel_control_id(ribbon):
    root = ET.parse(MACROS / ribbon).getroot()
    icons = [element.get("imageMso") for element in root.iter() if element.get("imageMso")]
    assert len(icons) == 6
    assert sorted(set(icons) - _excel_ids()) == []


def test_the_list_is_excels():
    ids = _excel_ids()
    assert len(ids) > 1500
    assert {"RefreshAll", "PasteValues", "FormulaEvaluate", "Help"} <= ids
    assert "CalendarInsert" not in ids  # Outlook's control
