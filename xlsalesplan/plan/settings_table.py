"""The Settings table: each setting's key, words, type, bounds and default help."""

from __future__ import annotations

from xlsalesplan.plan.columns import (
    NON_NEGATIVE,
    POSITIVE,
    RATE,
    SHARE,
    YEARS,
)
from xlsalesplan.plan.schema import Bounds, Column, Table

SETTINGS: tuple[Column, ...] = (
    Column(
        "company",
        "Компания",
        "Company",
        required=False,
        help=("Название компании для заголовков.", "The company's name, for headings."),
        example=("ООО «Вектор»", "Vektor LLC"),
    ),
    Column(
        "plan_year",
        "Год плана",
        "Plan year",
        "whole",
        fmt="text",  # General: 2026, not 2,026
        bounds=Bounds(1991, 2100),
        help=("Календарный год, на который строится план.", "The calendar year of the plan."),
        example=(2026, 2026),
    ),
    Column(
        "currency",
        "Валюта",
        "Currency",
        required=False,
        help=("Валюта сумм (RUB — рубли).", "The currency of the amounts (RUB: roubles)."),
        example=("RUB", "RUB"),
    ),
    Column(
        "language",
        "Язык",
        "Language",
        choices=(("ru", "ru"), ("en", "en")),
        help=("Язык листов и сообщений: ru или en.", "The language of sheets and messages."),
        example=("ru", "en"),
    ),
    Column(
        "country",
        "Производственный календарь (страна)",
        "Calendar country",
        required=False,
        help=(
            "Страна производственного календаря (RU — Россия; none — только выходные).",
            "The country of the production calendar (RU: Russia; none: weekends only).",
        ),
        example=("RU", "RU"),
    ),
    Column(
        "units",
        "Единицы",
        "Units",
        required=False,
        help=("Единицы сумм.", "The units of the amounts."),
        example=("RUB", "RUB"),
    ),
    Column(
        "as_of",
        "Факт на дату",
        "Actuals as of",
        "date",
        bounds=YEARS,
        help=(
            "Первый день, который факт ещё не покрывает (1 июля — факт по 30 июня).",
            "The first day the actuals do not cover yet (1 July: actuals to 30 June).",
        ),
        example=("01.07.2026", "2026-07-01"),
    ),
    Column(
        "on_track",
        "Порог «в норме» (выполнение от)",
        "On track from (completion)",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Выполнение, с которого статус «в плане».", "Completion from which 'on track'."),
        example=(0.95, 0.95),
    ),
    Column(
        "at_risk",
        "Порог «риск» (выполнение от)",
        "At risk from (completion)",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Выполнение, с которого статус «под угрозой».", "Completion from which 'at risk'."),
        example=(0.85, 0.85),
    ),
    Column(
        "capacity_mode",
        "Если команда не вытягивает план",
        "When the team cannot carry the plan",
        choices=(
            ("сохранить цель", "keep the target"),
            ("снизить до мощности", "reduce to capacity"),
        ),
        required=False,
        help=(
            "Сохранить годовую цель региона (месяцы перестраиваются по мощности команды, "
            "нехватка показывается) или снизить цель до того, что команда вытянет.",
            "Keep each region's year target (months reshaped by the team's capacity, shortfall "
            "shown) or reduce it to what the team can carry.",
        ),
        example=("сохранить цель", "keep the target"),
    ),
    Column(
        "gap_tolerance",
        "Допустимый разрыв целей",
        "Tolerated gap between goals",
        "number",
        fmt="percent",
        required=False,
        bounds=SHARE,
        help=(
            "Разрыв между стратегической целью и планом, выше которого проверка предупреждает.",
            "The gap between the strategic goal and the plan above which check warns.",
        ),
        example=(0.01, 0.01),
    ),
    Column(
        "roi_window",
        "Месяцев до оценки ROI",
        "Months before judging ROI",
        "number",
        fmt="int",
        required=False,
        bounds=NON_NEGATIVE,
        help=(
            "Раньше этого изменение не оценивают (по методике — полгода–год).",
            "A change is not judged earlier (the method: half a year to a year).",
        ),
        example=(6, 6),
    ),
    Column(
        "train_limit_km",
        "Первый регион не дальше, км",
        "First region within, km",
        "number",
        fmt="int",
        required=False,
        bounds=NON_NEGATIVE,
        help=(
            "«Вечером сел в поезд — утром на месте»: первый регион не дальше этого.",
            "'Evening train, morning arrival': the first region is no further than this.",
        ),
        example=(600, 600),
    ),
    Column(
        "ramp_months",
        "Месяцев до полной нагрузки новичка",
        "Months for a new hire to ramp up",
        "number",
        fmt="int",
        bounds=NON_NEGATIVE,
        help=(
            "За сколько месяцев новичок выходит на полную нагрузку (линейно).",
            "Months a new hire takes to reach full capacity (linearly).",
        ),
        example=(3, 3),
    ),
    # The strategy sheets of the method: concentration, motivation, client economics, assortment.
    Column(
        "concentration_limit",
        "Концентрация: порог доли клиента, поставщика",
        "Concentration limit per client or supplier",
        "number",
        fmt="percent",
        bounds=RATE,
        help=(
            "Доля в продажах или закупках, выше которой клиент или поставщик попадает в список.",
            "The share of sales or purchases above which a client or supplier is listed.",
        ),
        example=(0.04, 0.04),
    ),
    Column(
        "bonus_threshold",
        "Премия: порог выполнения",
        "Bonus: threshold (completion)",
        "number",
        fmt="percent",
        bounds=NON_NEGATIVE,
        help=(
            "Ниже этого выполнения премия не платится.",
            "Below this completion no bonus is paid.",
        ),
        example=(0.8, 0.8),
    ),
    Column(
        "bonus_target",
        "Премия: выполнение, за которое платится 100%",
        "Bonus: completion that pays 100%",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=(
            "От порога до этого выполнения премия пропорциональна выполнению.",
            "From the threshold to this completion the bonus follows completion.",
        ),
        example=(1.0, 1.0),
    ),
    Column(
        "bonus_accelerator",
        "Премия: ускоритель сверх цели (×)",
        "Bonus: accelerator above target (×)",
        "number",
        fmt="number",
        bounds=Bounds(1),
        help=(
            "Во сколько раз каждый процент сверх цели ценнее процента до неё.",
            "How many times each point above target pays compared with a point below it.",
        ),
        example=(2.0, 2.0),
    ),
    Column(
        "bonus_cap",
        "Премия: максимум (доля целевой премии)",
        "Bonus: cap (share of the target bonus)",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Больше этой доли целевой премии не платится.", "The most paid, as a share."),
        example=(1.5, 1.5),
    ),
    Column(
        "bonus_personal",
        "Премия: личная часть (остальное — командная)",
        "Bonus: personal part (the rest is the team's)",
        "number",
        fmt="percent",
        bounds=SHARE,
        help=(
            "Доля премии за личный результат; остальное — за результат региона.",
            "The share paid for the personal result; the rest for the region's.",
        ),
        example=(0.7, 0.7),
    ),
    Column(
        "discount_rate",
        "LTV: ставка дисконтирования в год",
        "LTV: discount rate a year",
        "number",
        fmt="percent",
        bounds=SHARE,
        help=(
            "Во сколько обходятся деньги в год: будущая маржа клиента дисконтируется.",
            "What money costs a year: a client's future margin is discounted.",
        ),
        example=(0.15, 0.15),
    ),
    Column(
        "min_margin",
        "Ассортимент: минимальная маржа",
        "Assortment: minimum margin",
        "number",
        fmt="percent",
        bounds=Bounds(high=1),
        help=("Маржа ниже этой считается низкой.", "A margin below this is low."),
        example=(0.1, 0.1),
    ),
    Column(
        "fast_growth",
        "Ассортимент: быстрый рост продаж от",
        "Assortment: fast growth from",
        "number",
        fmt="percent",
        bounds=POSITIVE,
        help=("Рост продаж за год, с которого он быстрый.", "Yearly growth counted as fast."),
        example=(0.15, 0.15),
    ),
    Column(
        "core_share",
        "Ассортимент: ключевая позиция от (доля продаж)",
        "Assortment: core item from (share of sales)",
        "number",
        fmt="percent",
        bounds=RATE,
        help=(
            "Доля в продажах, с которой позиция — ключевая.",
            "The share of sales from which an item is a core one.",
        ),
        example=(0.2, 0.2),
    ),
    # The plan's records (issue 13): who the plan is, where its versions and history live.
    Column(
        "plan_id",
        "Идентификатор плана",
        "Plan ID",
        required=False,
        help=(
            "Номер плана в хранилище версий; пишется при создании плана, не меняйте его.",
            "The plan's identity in the plan store; written when the plan is made: keep it.",
        ),
        example=("3f2a9c1e-5b7d-4e21-9a0c-8d6f1b2e4a70", "3f2a9c1e-5b7d-4e21-9a0c-8d6f1b2e4a70"),
    ),
    Column(
        "store_url",
        "Хранилище плана (URL)",
        "Plan store (URL)",
        required=False,
        help=(
            "Где хранятся утверждённые версии, история и предложения: пусто — файл "
            "ПЛАН.xlsalesplan.sqlite рядом с планом; для команды — postgresql://пользователь@"
            "сервер/база (пароль лучше задать в переменной PGPASSWORD).",
            "Where approved versions, history and proposals are kept: blank = the file "
            "PLAN.xlsalesplan.sqlite beside the plan; for a team, postgresql://user@host/db "
            "(better give the password in PGPASSWORD).",
        ),
        example=(
            "postgresql://anna@127.0.0.1:5432/plans",
            "postgresql://anna@127.0.0.1:5432/plans",
        ),
    ),
    Column(
        "history_keep",
        "Хранить обновлений в истории",
        "Refreshes kept in the history",
        "whole",
        fmt="int",
        required=False,
        bounds=Bounds(1, 1000),
        help=(
            "Сколько последних обновлений показывает лист «История»; пусто — 20.",
            "How many of the last refreshes the History sheet keeps; blank = 20.",
        ),
        example=(20, 20),
    ),
    Column(
        "region",
        "Регион плана (для регионального плана)",
        "Region of this plan (a regional plan)",
        required=False,
        help=(
            "Для плана региона: его регион (его публикует publish); пусто — план компании.",
            "For a region's plan: its region (what publish publishes); blank = the company's.",
        ),
        example=("Москва", "Moscow"),
    ),
    Column(
        "company_plan",
        "Идентификатор плана компании",
        "Company plan ID",
        required=False,
        help=(
            "Для плана региона: идентификатор плана компании, в который он публикуется.",
            "For a region's plan: the ID of the company plan it is published to.",
        ),
        example=("9b1d7e20-…", "9b1d7e20-…"),
    ),
)

# Settings about the plan's records, not its figures: left out of the inputs' fingerprint, so
# that giving a plan its identity or a team store does not make its outputs look stale.
RECORD_SETTINGS: tuple[str, ...] = (
    "plan_id",
    "store_url",
    "history_keep",
    "region",
    "company_plan",
)

SETTINGS_TABLE = Table(
    "settings",
    "tblSettings",
    (
        Column("key", "Ключ", "Key"),
        Column("setting", "Параметр", "Setting"),
        Column("value", "Значение", "Value", required=False),
    ),
    caption=("Параметры", "Settings"),
    purpose=(
        "Общие параметры плана: год, язык, календарь, пороги статусов.",
        "The plan's general settings: year, language, calendar, status thresholds.",
    ),
)
