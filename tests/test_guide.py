"""The Guide sheet: every input column of every declared table, in fill order, in the
declarations' own words — read back from the built workbook, not from the Guide's code."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from workbook_fixtures import built

from xlsalesplan.io.build.guide import JOIN
from xlsalesplan.io.layout import GUIDE_SHEET, SHEET_OF_TABLE
from xlsalesplan.plan.schema import pick
from xlsalesplan.plan.tables import BY_NAME, INPUT_TABLES, OUTPUT_TABLES, SETTINGS, rule_text

__all__ = ["built"]  # the session fixture, imported for pytest

LANGS = ("ru", "en")
TYPES = {
    "ru": {"text": "Текст", "date": "Дата", "whole": "Целое число"},
    "en": {"text": "Text", "date": "Date", "whole": "Whole number"},
}


def sections(path, lang: str) -> list[tuple[str, str, list[list[str]]]]:
    """(table name, heading, rows of six cells) for each table the Guide describes, in order."""
    ws = openpyxl.load_workbook(path)[pick(lang, GUIDE_SHEET)]
    found = []
    rows = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    i = 0
    while i < len(rows):
        heading = str(rows[i][0])
        name = re.search(r"\btbl\w+", heading)
        if name and re.match(r"(Шаг|Step) \d+\.", heading):
            i += 3  # the heading, the table's purpose, the column headers
            body = []
            while i < len(rows) and rows[i][0] != "":
                body.append([str(c) for c in rows[i][:6]])
                i += 1
            found.append((name.group(0), heading, body))
        i += 1
    return found


def declared(table, lang: str):
    return SETTINGS if table.name == "tblSettings" else table.columns


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_is_the_first_sheet(built, lang):
    book = openpyxl.load_workbook(built.new(lang, ".xlsx"))
    assert book.sheetnames[0] == pick(lang, GUIDE_SHEET)
    assert book.active.title == pick(lang, GUIDE_SHEET)  # what a planner sees on opening


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_lists_every_input_table_in_fill_order(built, lang):
    names = [name for name, _, _ in sections(built.demo(lang, ".xlsx"), lang)]
    expected = ["tblSettings", *(t.name for t in sorted(INPUT_TABLES, key=lambda t: t.step))]
    assert names == expected
    assert sorted({t.step for t in INPUT_TABLES}) == [t.step for t in INPUT_TABLES], (
        "every input table has its own step, declared in fill order"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_every_column_appears_with_the_declarations_texts(built, lang):
    for name, heading, body in sections(built.new(lang, ".xlsx"), lang):
        table = BY_NAME[name]
        sheet = SHEET_OF_TABLE[name].name(lang)
        assert sheet in heading and pick(lang, table.caption) in heading
        listed = [header for row in body for header in row[0].split(JOIN)]
        columns = declared(table, lang)
        assert listed == [c.header(lang) for c in columns], name
        by_header = {c.header(lang): c for c in columns}
        for row in body:
            column = by_header[row[0].split(JOIN)[0]]
            _, kind, required, allowed, example, help_ = row
            assert required == {"ru": ("да", "нет"), "en": ("yes", "no")}[lang][not column.required]
            assert allowed.startswith(rule_text(column, lang)), (name, column.key)
            assert help_ == pick(lang, column.help), (name, column.key)
            if column.kind in TYPES[lang]:
                assert kind == TYPES[lang][column.kind]
            if pick(lang, column.example) is not None:
                assert example, (name, column.key)
            assert help_, f"{name}.{column.key} has no help text to show in the Guide"


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_says_how_to_work(built, lang):
    ws = openpyxl.load_workbook(built.new(lang, ".xlsx"))[pick(lang, GUIDE_SHEET)]
    text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
    for words in (
        "xlsalesplan refresh",
        "xlsalesplan check",
        "LibreOffice",
        {"ru": "Обновить всё", "en": "Refresh all"}[lang],
        {"ru": "Проверить ввод", "en": "Check inputs"}[lang],
        {"ru": "Лист!Ячейка: причина", "en": "Sheet!Cell: reason"}[lang],
        {"ru": "Сотрудники!C7:", "en": "Employees!C7:"}[lang],
    ):
        assert words in text


def test_the_readme_lists_the_tables_to_fill_in_the_guides_order():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Filling a plan", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| [^|]*`(tbl\w+)` \| ([^|]+) \|", section, re.M)
    expected = ["tblSettings", *(t.name for t in sorted(INPUT_TABLES, key=lambda t: t.step))]
    assert [name for _, name, _ in rows] == expected
    for _, name, sheet in rows:
        assert sheet.strip() == SHEET_OF_TABLE[name].name("en"), name


TEMPLATE = Path(__file__).parent.parent / "workbooks" / "SalesPlan_en.xlsm"


def _readme_section(title: str) -> str:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    return readme.split(title, 1)[1].split("\n#", 1)[0]


def test_the_readme_says_every_table_and_block_refresh_writes():
    owned = _readme_section("### What `refresh` owns")
    listed = set(re.findall(r"`(tbl\w+)`", owned))
    written = {t.name for t in OUTPUT_TABLES} | {"tblHistory", "tblVersions"}
    assert listed == written
    # The blocks as the shipped template names them, every sheet's stamp as one pattern.
    names = openpyxl.load_workbook(TEMPLATE).defined_names
    in_file = {re.sub(r"^xlsp_stamp_\w+", "xlsp_stamp_", n) for n in names if n.startswith("xlsp_")}
    assert set(re.findall(r"`(xlsp_\w+)", owned)) == in_file


def test_the_readme_lists_every_command():
    from xlsalesplan.cli import app

    table = _readme_section("## Command line")
    listed = set(re.findall(r"^\| `xlsalesplan (\w+)", table, re.M))
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert listed == commands


def test_the_readme_names_every_sheet_in_the_workbooks_order():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    paragraph = " ".join(
        readme.split("Sheets (Russian by default", 1)[1].split("Inputs are")[0].split()
    )
    book = openpyxl.load_workbook(TEMPLATE, read_only=True)
    sheets = book.sheetnames
    book.close()
    found = sorted(sheets, key=lambda name: paragraph.find(name))
    assert all(name in paragraph for name in sheets), [n for n in sheets if n not in paragraph]
    assert found == sheets


def test_the_readme_names_every_ribbon_button():
    ribbon = Path(__file__).parent.parent / "macros" / "customUI14_en.xml"
    buttons = re.findall(r'<button\b[^>]*\blabel="([^"]+)"', ribbon.read_text(encoding="utf-8"))
    section = " ".join(_readme_section("## In Excel").split())
    assert buttons and [b for b in buttons if f"*{b}*" not in section] == []
