"""Write the formula reference, in English and Russian, from the formulas' declarations.

``python docs/reference.py`` writes ``docs/formulas.md`` and ``docs/formulas.ru.md``: for each
formula its signature, what it does, its arguments and its examples with their results, typed
with the locale's separators (``;`` and ``,`` decimals in Russian Excel, ``,`` and ``.`` in
English). A test keeps the files current.
"""

from __future__ import annotations

from pathlib import Path

from xlsalesplan.formulas import FORMULAS, Formula
from xlsalesplan.formulas.declare import pick, shown

HERE = Path(__file__).parent
TITLES = {
    "en": (
        "# Formula reference",
        "Arguments in brackets are optional. Examples are typed as "
        "in English Excel (`,` between arguments, `.` for decimals).",
    ),
    "ru": (
        "# Справочник формул",
        "Аргументы в квадратных скобках необязательны. Примеры "
        "набраны как в русском Excel (`;` между аргументами, `,` в дробях).",
    ),
}
WORDS = {
    "en": {"args": "Arguments", "examples": "Examples", "column": "a column", "row": "a row"},
    "ru": {"args": "Аргументы", "examples": "Примеры", "column": "столбец", "row": "строка"},
}


def cell_format(formula: Formula, k: int) -> str:
    """The number format of a result's k-th cell in reading order (formats repeat)."""
    return formula.formats[k % len(formula.formats)]


def result_text(formula: Formula, result: object, lang: str) -> str:
    """A stated result as the help shows it: one value, or a spilled row or column."""
    if not isinstance(result, list):
        return shown(result, lang, formula.formats[0])
    width = len(result[0])
    rows = [
        [shown(v, lang, cell_format(formula, i * width + j)) for j, v in enumerate(row)]
        for i, row in enumerate(result)
    ]
    if len(rows) == 1 and len(rows[0]) == 1:
        return rows[0][0]
    if all(len(row) == 1 for row in rows):
        return " · ".join(row[0] for row in rows) + f" ({WORDS[lang]['column']})"
    if len(rows) == 1:
        return " · ".join(rows[0]) + f" ({WORDS[lang]['row']})"
    return " / ".join(" · ".join(row) for row in rows)


def section(formula: Formula, lang: str) -> list[str]:
    parts = [f"## `{formula.signature_text(lang)}`", "", pick(lang, formula.summary), ""]
    if any(formula.details):
        parts += [pick(lang, formula.details), ""]
    parts += [f"**{WORDS[lang]['args']}**", ""]
    parts += [f"- `{a.name}` — {pick(lang, a.help)}" for a in formula.args]
    parts += ["", f"**{WORDS[lang]['examples']}**", ""]
    for example in formula.examples:
        note = pick(lang, example.note)
        line = f"- `{formula.typed(example, lang)}` → {result_text(formula, example.result, lang)}"
        parts.append(line + (f" — {note}" if note else ""))
    return [*parts, ""]


def reference(lang: str) -> str:
    title, note = TITLES[lang]
    parts = [title, "", note, ""]
    for formula in FORMULAS:
        parts += section(formula, lang)
    return "\n".join(parts)


def main() -> None:
    for lang, name in (("en", "formulas.md"), ("ru", "formulas.ru.md")):
        (HERE / name).write_text(reference(lang), encoding="utf-8")
        print(HERE / name)


if __name__ == "__main__":
    main()
