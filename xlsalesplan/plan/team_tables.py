"""The tables of versions and the team: the scenarios a planner fills in, and the record tables
written from the plan store (§9)."""

from __future__ import annotations

from xlsalesplan.plan.columns import out
from xlsalesplan.plan.schema import Bounds, Column, Table, months

# A change in percent: above -100 % where a figure cannot vanish (an average deal, a conversion).
ABOVE_MINUS_ALL = Bounds(-1, low_open=True)


def _change(
    key: str,
    header: tuple[str, str],
    help_: tuple[str, str],
    example: float,
    bounds: Bounds = ABOVE_MINUS_ALL,
) -> Column:
    """A scenario driver: a change in percent, blank for none."""
    return Column(
        key,
        *header,
        "number",
        fmt="percent",
        required=False,
        width=13,
        bounds=bounds,
        help=help_,
        example=(example, example),
    )


SCENARIOS_INPUT: tuple[Table, ...] = (
    Table(
        "scenarios",
        "tblScenarios",
        (
            Column(
                "scenario",
                "Сценарий",
                "Scenario",
                unique=True,
                width=26,
                help=("Название сценария.", "The scenario's name."),
                example=("Пессимистичный", "Pessimistic"),
            ),
            _change(
                "targets_change",
                ("Изменение целей по выручке", "Revenue targets change"),
                (
                    "На сколько изменить все цели по выручке (и фиксированные цели); пусто — 0.",
                    "How much every revenue target (and fixed goal) changes; blank = 0.",
                ),
                -0.1,
                Bounds(-1),
            ),
            _change(
                "avg_deal_change",
                ("Изменение среднего чека", "Average deal change"),
                ("Изменение среднего чека всех целей.", "Change of every average deal."),
                0.05,
            ),
            _change(
                "conversion_change",
                ("Изменение конверсии", "Conversion change"),
                (
                    "Изменение конверсий всех уровней воронки (не выше 100%).",
                    "Change of every tier's conversion (capped at 100%).",
                ),
                -0.1,
            ),
            Column(
                "hire_delay",
                "Задержка найма, мес.",
                "Hire delay, months",
                "whole",
                required=False,
                width=13,
                bounds=Bounds(0, 24),
                help=(
                    "На сколько месяцев позже выходят новички года плана; вышедшие за год "
                    "не учитываются.",
                    "Months later the plan year's new hires join; those pushed past the year "
                    "are left out.",
                ),
                example=(2, 2),
            ),
            _change(
                "productivity_change",
                ("Изменение производительности", "Productivity change"),
                (
                    "Изменение производительности всех уровней воронки.",
                    "Change of every tier's productivity.",
                ),
                0.1,
            ),
            _change(
                "effect_change",
                ("Изменение эффекта инициатив", "Initiatives' effect change"),
                ("Изменение эффекта всех инициатив.", "Change of every initiative's effect."),
                -0.2,
                Bounds(-1),
            ),
        ),
        caption=("Сценарии (ввод)", "Scenarios (input)"),
        purpose=(
            "Что будет, если: каждый сценарий меняет план на свои проценты и считается тем же "
            "кодом, что и план; сам план не меняется.",
            "What if: each scenario changes the plan by its own percentages and is computed by "
            "the plan's own code; the plan itself does not change.",
        ),
        title=("Сценарии", "Scenarios"),
        step=25,
    ),
)

# Tables refresh does not compute: what the plan store holds about the plan (approved versions,
# the history of refreshes, the staff's proposals, the regions' published plans), written by
# approve, refresh, collect and consolidate from the store. Outputs to the planner.
RECORD_TABLES: tuple[Table, ...] = (
    Table(
        "versions",
        "tblVersions",
        (
            out("number", "Версия", "Version", "int", 9),
            out("approved_by", "Утвердил", "Approved by", width=20),
            out("approved_at", "Когда", "When", "datetime", 17),
            out("fingerprint", "Отпечаток входных данных", "Inputs fingerprint", width=15),
            out("matches", "Совпадает с текущим планом", "Matches the current plan", width=13),
            out("note", "Комментарий", "Note", width=30),
        ),
        caption=("Утверждённые версии", "Approved versions"),
        output=True,
    ),
    Table(
        "history",
        "tblHistory",
        (
            out("refresh", "Обновление", "Refresh", "int", 11),
            out("when", "Когда", "When", "datetime", 17),
            out("kind", "Что", "Kind", width=18),
            out("table", "Таблица", "Table", width=36),
            out("key", "Строка", "Row", width=26),
            out("column", "Столбец", "Column", width=18),
            out("old", "Было", "Was", width=16),
            out("new", "Стало", "Now", width=16),
        ),
        caption=("История обновлений (последние)", "History of refreshes (the last ones)"),
        output=True,
    ),
    Table(
        "proposals",
        "tblProposals",
        (
            out("who", "Кто", "Who", width=22),
            out("what", "Что", "What", width=28),
            out("current", "Было в плане", "In the plan", "money", 15),
            out("proposed", "Предложено", "Proposed", "money", 15),
            out("difference", "Разница", "Difference", "money", 15),
            out("comment", "Комментарий", "Comment", width=36),
            out("source", "Файл", "File", width=26),
        ),
        caption=("Предложения сотрудников (collect)", "Staff proposals (collect)"),
        output=True,
    ),
    Table(
        "published",
        "tblPublished",
        (
            out("region", "Регион", "Region"),
            out("version", "Версия", "Version", "int"),
            out("approved", "Утверждена", "Approved"),
            out("total", "План региона", "Region's plan", "money"),
            out("own_plan", "План компании", "Company's own plan", "money"),
            out("gap", "Разница", "Difference", "money"),
        ),
        caption=(
            "Регионы: опубликованные версии (consolidate)",
            "Regions: their published versions (consolidate)",
        ),
        output=True,
    ),
    Table(
        "consolidation",
        "tblConsolidation",
        (
            out("region", "Регион", "Region"),
            *months(fmt="money"),
            out("total", "Итого", "Total", "money"),
        ),
        caption=(
            "План компании из планов регионов (consolidate)",
            "The company plan from the regions' plans (consolidate)",
        ),
        output=True,
    ),
)
