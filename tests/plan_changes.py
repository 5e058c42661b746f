"""Demo inputs with one change made, for the tests of check and of the warnings: ``broken``
applies a change (``setter``: one cell of a table; ``setting``: one setting) to a copy of the
demo, which stays as it was."""

from __future__ import annotations

import copy

from xlsalesplan.plan.demo import demo_inputs

DEMO = {lang: demo_inputs(lang) for lang in ("ru", "en")}


def broken(change, lang="en"):
    inputs = copy.deepcopy(DEMO[lang])
    change(inputs)
    return inputs


def setter(table, row, column, value):
    def change(inputs):
        frame = getattr(inputs, table)
        frame[column] = frame[column].astype(object)
        frame.loc[row, column] = value

    return change


def setting(key, value):
    def change(inputs):
        inputs.settings[key] = value

    return change
