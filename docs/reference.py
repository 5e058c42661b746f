"""Write the formula reference, in English and Russian, from the UDF docstrings.

``python docs/reference.py`` writes ``docs/formulas.md`` and ``docs/formulas.ru.md``. Each UDF's
docstring holds its English help, then a paragraph starting ``По-русски:`` with the Russian.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from xlsalesplan import udfs

HERE = Path(__file__).parent
MARK = "По-русски:"
TITLES = {
    "en": ("# Formula reference", "Arguments in brackets are optional."),
    "ru": ("# Справочник формул", "Аргументы в квадратных скобках необязательны."),
}


def signature(fn) -> str:
    args = [
        f"[{p.name}]" if p.default is not inspect.Parameter.empty else p.name
        for p in inspect.signature(fn).parameters.values()
    ]
    return f"{fn.__name__}({', '.join(args)})"


def help_text(fn, lang: str) -> str:
    doc = inspect.getdoc(fn) or ""
    english, _, russian = doc.partition(MARK)
    return (russian if lang == "ru" else english).strip()


def reference(lang: str) -> str:
    title, note = TITLES[lang]
    parts = [title, "", note, ""]
    for fn in udfs.FORMULAS:
        parts += [f"## `{signature(fn)}`", "", help_text(fn, lang), ""]
    return "\n".join(parts)


def main() -> None:
    for lang, name in (("en", "formulas.md"), ("ru", "formulas.ru.md")):
        (HERE / name).write_text(reference(lang), encoding="utf-8")
        print(HERE / name)


if __name__ == "__main__":
    main()
