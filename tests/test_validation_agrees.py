"""Excel's data validation, as written in the file, and ``check`` accept and refuse alike.

Each input column of the demo (ru and en) gets the same candidate values: blanks aside (Excel
lets a cell be cleared, ``check`` asks for required ones separately), numbers at and beyond the
bounds, text, dates as serials, the allowed words in both languages, values of other tables and
strangers. Excel's verdict comes from the ``<dataValidation>`` the file holds: the standard rule
types are evaluated here as Excel defines them; the custom-formula rules are computed by
LibreOffice on a copy of the workbook, with the candidate in the cell the formula reads.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from lxml import etree
from workbook_fixtures import built  # noqa: F401  (fixture)

from xlsalesplan.io.ooxml.cells import Formula, cell_ref, parse_cell, parse_range
from xlsalesplan.io.ooxml.package import Package
from xlsalesplan.io.ooxml.sheetxml import Sheet
from xlsalesplan.io.ooxml.tables import find_table
from xlsalesplan.plan.check import check_cell
from xlsalesplan.plan.demo import demo_inputs
from xlsalesplan.plan.tables import INPUT_TABLES, SETTINGS, TABLES

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
EPOCH = dt.date(1899, 12, 30)


def serial(day: dt.date) -> float:
    return float((day - EPOCH).days)


def candidates(table: str, key: str) -> list[object]:
    """Values worth trying in a column: edges, strangers, words of both languages."""
    column = SETTINGS_BY_KEY[key] if table == "settings" else TABLES[table].column(key)
    values: list[object] = ["abc", 0.0, 1.0, -1.0, 0.5, 1.5, 2.0, 1e6]
    if column.bounds is not None:
        for edge in (column.bounds.low, column.bounds.high):
            if edge is not None:
                values += [float(edge), float(edge) - 0.5, float(edge) + 0.5, float(edge) - 1]
    if column.kind == "date":
        values += [serial(dt.date(y, 6, 1)) for y in (1949, 1950, 2026, 2100, 2101)]
    for pair in column.choices:
        values += [*pair, pair[0].upper()]
    if column.refers is not None:
        source = TABLES[column.refers[0]]
        for lang in ("ru", "en"):
            frame = getattr(demo_inputs(lang), source.key)
            values += list(frame[column.refers[1]][:2])
        values += ["Атлантида", "Atlantis"]
    return values


SETTINGS_BY_KEY = {s.key: s for s in SETTINGS}


# ----------------------------------------------------------------------- Excel's side
def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _compare(op: str, x: float, a: float, b: float | None) -> bool:
    return {
        "between": lambda: a <= x <= b,
        "notBetween": lambda: not a <= x <= b,
        "equal": lambda: x == a,
        "notEqual": lambda: x != a,
        "greaterThan": lambda: x > a,
        "lessThan": lambda: x < a,
        "greaterThanOrEqual": lambda: x >= a,
        "lessThanOrEqual": lambda: x <= a,
    }[op]()


def excel_accepts(rule: etree._Element, value: object, lists: dict[str, list[str]]) -> bool:
    """Excel's verdict for the standard rule types (whole, decimal, date, list)."""
    kind, op = rule.get("type"), rule.get("operator", "between")
    f1 = rule.findtext(M + "formula1")
    f2 = rule.findtext(M + "formula2")
    if kind in ("whole", "decimal", "date"):
        x = _number(value)
        if x is None or (kind == "whole" and x != int(x)):
            return False
        return _compare(op, x, float(f1), float(f2) if f2 is not None else None)
    if kind == "list":
        allowed = f1.strip('"').split(",") if f1.startswith('"') else lists[f1]
        shown = value if isinstance(value, str) else f"{value:g}"
        return shown.casefold() in {str(a).casefold() for a in allowed}
    raise AssertionError(f"unexpected rule type {kind}")


# ------------------------------------------------------------------------- the test
def rules_by_cell(pkg: Package) -> dict[tuple[str, int, int], etree._Element]:
    """Every validation rule by (sheet, row, column) of the first cell it covers per column."""
    found = {}
    for sheet, part in pkg.sheets.items():
        for rule in pkg.xml(part).iter(M + "dataValidation"):
            for ref in rule.get("sqref").split():
                r0, c0, _, c1 = parse_range(ref)
                for col in range(c0, c1 + 1):
                    found[(sheet, r0, col)] = rule
    return found


def column_cells(pkg: Package, lang: str) -> list[tuple[str, str, str, int, int]]:
    """(table key, column key, sheet, row, column) of every input column's first data cell."""
    cells = []
    for table in INPUT_TABLES:
        found = find_table(pkg, table.name)
        r0, c0 = parse_range(found.data_ref)[:2]
        headers = found.columns
        for column in table.columns:
            cells.append(
                (
                    table.key,
                    column.key,
                    found.sheet.name,
                    r0,
                    c0 + headers.index(column.header(lang)),
                )
            )
    settings = find_table(pkg, "tblSettings")
    r0, c0 = parse_range(settings.data_ref)[:2]
    keys = [row[0].value for row in settings.rows()]
    for setting in SETTINGS:
        row = r0 + keys.index(setting.key)
        cells.append(("settings", setting.key, settings.sheet.name, row, c0 + 2))
    return cells


def list_values(pkg: Package) -> dict[str, list[str]]:
    """The values behind each list name: the table column its structured reference names."""
    values = {}
    for name in pkg.defined_names:
        if name.name.startswith("lst_"):
            table_name, header = name.text.rstrip("]").split("[")
            table = find_table(pkg, table_name)
            j = table.columns.index(header)
            values[name.name] = [row[j].value for row in table.rows() if row[j].value]
    return values


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_excel_validation_and_check_accept_and_refuse_alike(built, lo, tmp_path, lang):  # noqa: F811
    path = Path(shutil.copy(built.demo(lang, ".xlsx"), tmp_path / f"plan_{lang}.xlsx"))
    pkg = Package.open(path)
    rules = rules_by_cell(pkg)
    lists = list_values(pkg)
    inputs = demo_inputs(lang)
    verdicts: list[tuple[str, str, object, bool, bool | None]] = []
    custom: list[tuple[int, str, str, object]] = []  # (index in verdicts, sheet, formula, value)
    for table, key, sheet, row, col in column_cells(pkg, lang):
        rule = rules.get((sheet, row, col))
        for value in candidates(table, key):
            ours = check_cell(inputs, table, key, value) is None
            if rule is None:
                excel = True  # free text: Excel checks nothing
            elif rule.get("type") == "custom":
                anchor = cell_ref(row, col)
                custom.append((len(verdicts), sheet, rule.findtext(M + "formula1"), value, anchor))
                excel = None
            else:
                excel = excel_accepts(rule, value, lists)
            verdicts.append((table, key, value, ours, excel))
    # Custom rules: each candidate in a scratch cell far right, the rule's formula beside it.
    by_sheet: dict[str, list[tuple[int, str, object, str]]] = {}
    for index, sheet, formula, value, anchor in custom:
        by_sheet.setdefault(sheet, []).append((index, formula, value, anchor))
    places = {}
    for sheet, items in by_sheet.items():
        scratch = Sheet(pkg, sheet)
        for n, (index, formula, value, anchor) in enumerate(items):
            here = cell_ref(1000 + n, 200)
            text = formula.replace(anchor, here)
            scratch.write(cell_ref(1000 + n, 200), [[value, Formula(text, None)]])
            places[index] = (sheet, 1000 + n, 201)
    pkg.save(path)
    sheets = lo.recalc(path)
    for index, (sheet, row, col) in places.items():
        result = sheets[sheet][row - 1][col - 1]
        assert not result.error, (verdicts[index], result)
        table, key, value, ours, _ = verdicts[index]
        verdicts[index] = (table, key, value, ours, bool(result.value))
    disagree = [v for v in verdicts if v[3] != v[4]]
    assert not disagree, "\n".join(map(str, disagree))
    assert len(verdicts) > 300 and custom  # every column was tried, custom rules included


def test_every_constrained_column_has_a_rule(built):  # noqa: F811
    pkg = Package.open(built.demo("en", ".xlsx"))
    rules = rules_by_cell(pkg)
    for table, key, sheet, row, col in column_cells(pkg, "en"):
        declared = SETTINGS_BY_KEY[key] if table == "settings" else TABLES[table].column(key)
        constrained = declared.kind != "text" or declared.choices or declared.refers
        assert ((sheet, row, col) in rules) == bool(constrained), (table, key)


def test_a_rule_follows_a_moved_table_through_its_name(built):  # noqa: F811
    pkg = Package.open(built.demo("ru", ".xlsx"))
    names = {n.name: n.text for n in pkg.defined_names}
    assert names["lst_regions_region"] == "tblRegions[Регион]"
    assert all("!" not in names[n] for n in names if n.startswith("lst_"))
    assert parse_cell("A1") == (1, 1)
