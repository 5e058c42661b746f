"""What several table declarations share: bounds, columns and the words of choice lists."""

from __future__ import annotations

from xlsalesplan.plan.schema import Bounds, Column

# Shared bounds: a date may fall in these years; other ranges by what the number means.
YEARS = Bounds(1950, 2100)
NON_NEGATIVE = Bounds(0)
POSITIVE = Bounds(0, low_open=True)
SHARE = Bounds(0, 1)
RATE = Bounds(0, 1, low_open=True)
COUNT = Bounds(1)

# Columns that several tables carry: one declaration, reused.
REGION = Column(
    "region",
    "Регион",
    "Region",
    refers=("regions", "region"),
    help=("Регион из таблицы регионов (лист Настройки).", "A region of the Regions table."),
    example=("Москва", "Moscow"),
)
EMPLOYEE = Column(
    "employee",
    "Сотрудник",
    "Employee",
    unique=True,
    help=("Фамилия и имя; у каждого сотрудника своя строка.", "Name; one row per employee."),
    example=("Смирнов Алексей", "Alexey Smirnov"),
)
OWNER = Column(
    "owner",
    "Ответственный",
    "Owner",
    required=False,
    help=("Кто отвечает.", "Who is responsible."),
    example=("Коммерческий директор", "Sales director"),
)
START = Column(
    "start",
    "Начало",
    "Start",
    "date",
    bounds=YEARS,
    help=("Дата начала.", "Start date."),
    example=("12.01.2026", "2026-01-12"),
)

# The words of the strategy sheets' columns with choices, (ru, en).
DOC_STATUS = (
    ("не начат", "not started"),
    ("в работе", "in progress"),
    ("на согласовании", "in review"),
    ("утверждён", "approved"),
)
STEP_STATUS = (("не начато", "not started"), ("в работе", "in progress"), ("выполнено", "done"))
SECTIONS = (("ключевое положение", "key point"), ("политика", "policy"), ("план", "plan"))
FACTORS = (
    ("структура", "structure"),
    ("навыки персонала", "staff skills"),
    ("мотивация", "motivation"),
    ("автоматизация (ИТ)", "IT automation"),
    ("другие отделы", "other departments"),
    ("управление и контроль", "management and control"),
)
RISK_KINDS = (
    ("бюджет", "budget"),
    ("сроки", "schedule"),
    ("персонал", "staff"),
    ("другое", "other"),
)
CALENDAR_KINDS = (("инициатива", "initiative"), ("проект", "project"))
MEASURES = (
    ("конверсия пробных в платные", "trial-to-paid conversion"),
    ("позиций в заказе", "items per order"),
)
INITIATIVE = Column(
    "initiative",
    "Инициатива",
    "Initiative",
    refers=("initiatives", "initiative"),
    help=("Инициатива из таблицы инициатив (лист ROI).", "An initiative of the ROI sheet."),
    example=("Внедрение CRM", "CRM roll-out"),
)
ACTION = Column(
    "action",
    "Действие (инициатива)",
    "Action (initiative)",
    required=False,
    refers=("initiatives", "initiative"),
    width=24,
    help=(
        "Инициатива, которая снимает слабость или угрозу; пусто — предупреждение.",
        "The initiative that answers it; blank gives a warning.",
    ),
    example=("Внедрение CRM", "CRM roll-out"),
)
RESPONSIBLE = Column(
    "owner",
    "Ответственный",
    "Owner",
    width=22,
    help=("Человек или отдел, который отвечает.", "The person or department responsible."),
    example=("Коммерческий директор", "Sales director"),
)


def item(key: str, ru: str, en: str, help_: tuple[str, str], example: tuple[str, str]) -> Column:
    """A unique text column of long phrases (a SWOT point, a risk, a measure): it wraps."""
    return Column(key, ru, en, unique=True, width=30, help=help_, example=example)


def out(key: str, ru: str, en: str, fmt: str = "text", width: float | None = None) -> Column:
    """An output column: refresh writes it, so it needs no rule, only a header and a format."""
    return Column(key, ru, en, fmt=fmt, width=width)  # type: ignore[arg-type]
