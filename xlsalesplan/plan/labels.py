"""Words the plan writes into cells and problems it reports, in Russian and English.

Column headers are the io layer's business; here are only the *values* that output tables hold
(indicator names, statuses, verdicts) and the reasons :func:`xlsalesplan.plan.check.check`
gives. Also here: the words recognised in what the planner types (the path of a goal, a metric
that counts offices, "all regions"), in both languages whatever the workbook's language.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("ru", "en")

TEXT: dict[str, dict[str, str]] = {
    "ru": {
        "revenue": "выручка",
        "deals": "сделки",
        "clients": "клиенты",
        "on_track": "в плане",
        "at_risk": "под угрозой",
        "behind": "отстаёт",
        "too_early": "рано оценивать",
        "low_confidence": "мало доверия к данным",
        "below_hurdle": "ниже требования инвесторов",
        "meets_hurdle": "соответствует требованию инвесторов",
        "level_region": "регион",
        "level_tier": "уровень",
        # check: reasons
        "blank": "пустая ячейка, нужно значение",
        "not_number": "{value!r} — не число",
        "not_whole": "{value} — не целое число",
        "not_date": "{value!r} — не дата",
        "error_cell": "в ячейке ошибка {value}, а не значение",
        "needs": "{value}: нужно {rule}",
        "not_in": "{value!r} нет в таблице «{title}»",
        "duplicate": "{value!r} уже есть выше в этой таблице",
        "deadline_past": "срок {value} раньше начала года плана {year}",
        "deadline_order": "срок {value} не позже срока предыдущей цели "
        "с той же метрикой ({previous})",
        "zero_weights": "у сотрудников региона {value!r} нет веса, а план по выручке есть",
        "no_employees": "в регионе {value!r} есть план по выручке, но нет сотрудников",
        "fixed_too_large": "фиксированные цели региона {value!r} ({fixed}) больше плана ({plan})",
        "fixed_all": "все цели региона {value!r} фиксированы, сумма {fixed} не равна плану {plan}",
        "hired_after_year": "дата приёма {value} позже года плана {year}",
        "calendar": "{year}: производственный календарь {country} на этот год неизвестен "
        "({detail})",
        "thresholds": "порог «в плане» {on_track} должен быть не меньше порога «под угрозой»",
        "as_of_year": "дата среза {value} вне года плана {year}",
        "not_enough_offices": "в таблице регионов {have} офисов, цели нужно {need}",
        "zero_profile": "у профиля все индексы равны нулю",
        # warnings
        "warn_goal_gap": "цели по регионам и продуктам в сумме {targets}, а стратегическая цель "
        "на {year} — {goal} ({share}; допустимо {tolerance})",
        "warn_far_first": "первый регион в {value} км: дальше ночного поезда ({limit} км)",
        "warn_opens_early": "открывается {value}, а {previous} открывается {since} и до плана "
        "выйдет не раньше {ready}",
        "warn_offices_no_target": "в {year} здесь открывается офисов: {count}, а целей по "
        "выручке у региона нет",
        "warn_offices_no_opening": "в {year} здесь открывается офисов: {count}; укажите дату "
        "открытия, чтобы план начинался с неё",
        # reconciliation
        "company": "компания",
        "agrees": "сходится",
        "gap_words": "разрыв {gap} ({share})",
        "rec_goal": "стратегическая цель на {year}",
        "rec_no_goal": "нет цели по выручке со сроком в {year}",
        "rec_path": "веха траектории на {year}",
        "rec_targets": "цели по регионам и продуктам",
        "rec_months": "план продаж по месяцам",
        "rec_people": "цели сотрудников",
        "rec_region": "цели сотрудников против целей региона",
        "rec_offices": "открывается офисов в {year}: {count}",
        "rec_no_target": "целей по выручке нет",
        "rec_opens": "открытие {date}",
        "rec_no_team": "нет команды: план некому выполнять",
        # rollout
        "atypical": "атипичный рынок",
        "first_ok": "первый регион: в пределах ночного поезда",
        "stage_weeks": "{value} нед.: по методике этап длится {span}",
        "weeks_span": "{span} нед.",
        "days_span": "{span} дня",
        # the strategy sheets of the method: values
        "stage": "этап",
        "state_done": "выполнено",
        "state_overdue": "просрочено",
        "state_soon": "срок близко",
        "state_on_time": "в срок",
        "horizon_operational": "операционный",
        "horizon_medium": "среднесрочный",
        "horizon_long": "долгосрочный",
        "level_high": "высокий",
        "level_medium": "средний",
        "level_low": "низкий",
        "scope_clients": "клиенты",
        "scope_suppliers": "поставщики",
        "kind_client": "клиент",
        "kind_supplier": "поставщик",
        "hhi_low": "низкая",
        "hhi_moderate": "умеренная",
        "hhi_high": "высокая",
        "full_range": "полный ассортимент",
        "segment_range": "ассортимент для сегмента",
        "line_extension": "расширение линии",
        "line_filling": "заполнение линии",
        "line_optimisation": "оптимизация линии",
        "why_loss": "убыточна: маржа ниже нуля",
        "why_low_falling": "низкая маржа и падающие продажи",
        "why_fast": "быстрый рост при достаточной марже",
        "why_core": "ключевая позиция с достаточной маржой",
        "why_steady": "рост при достаточной марже: закрыть пробелы в линии",
        "why_falling": "продажи падают: сосредоточиться на сегменте и канале, которые покупают",
        "why_low": "низкая маржа: сосредоточиться на сегменте и канале, которые платят",
        "ltv_room": "привлекать: окупается с запасом",
        "ltv_pays": "окупается за 5 лет",
        "ltv_loss": "не окупается за 5 лет",
        # the strategy sheets of the method: check
        "end_before_start": "окончание {value} раньше начала {start}",
        "bonus_thresholds": "порог премии {threshold} выше выполнения, за которое платится 100% "
        "({target})",
        "paid_over_trials": "платных ({value}) больше, чем пробных ({base})",
        "conversion_share": "{value}: конверсия — доля от 0 до 1 (5% = 0,05)",
        # the strategy sheets of the method: warnings
        "swot_no_action": "{value!r}: нет действия — укажите инициативу, которая это снимает",
        "stage_no_work": "у этапа {value!r} нет результатов в таблице работ этапов",
        "not_an_initiative": "{value!r} нет в таблице инициатив (лист ROI): отдача не оценивается",
        "risk_kind_missing": "в реестре нет риска вида «{kind}»; методика называет бюджет, сроки "
        "и персонал",
        "client_sales_gap": "продажи клиентов региона {value!r} ({clients}) не равны факту его "
        "сотрудников ({actuals})",
    },
    "en": {
        "revenue": "revenue",
        "deals": "deals",
        "clients": "clients",
        "on_track": "on track",
        "at_risk": "at risk",
        "behind": "behind",
        "too_early": "too early to judge",
        "low_confidence": "low data confidence",
        "below_hurdle": "below the investors' hurdle",
        "meets_hurdle": "meets the hurdle",
        "level_region": "region",
        "level_tier": "tier",
        "blank": "blank cell, a value is needed",
        "not_number": "{value!r} is not a number",
        "not_whole": "{value} is not a whole number",
        "not_date": "{value!r} is not a date",
        "error_cell": "the cell holds the error {value}, not a value",
        "needs": "{value}: needs {rule}",
        "not_in": "{value!r} is not in the '{title}' table",
        "duplicate": "{value!r} is already above in this table",
        "deadline_past": "deadline {value} is before the start of the plan year {year}",
        "deadline_order": "deadline {value} is not after {previous}, the deadline of the previous "
        "goal with the same metric",
        "zero_weights": "region {value!r} has a revenue target but its employees have no weight",
        "no_employees": "region {value!r} has a revenue target but no employees",
        "fixed_too_large": "fixed goals in region {value!r} ({fixed}) exceed its target ({plan})",
        "fixed_all": "every goal in region {value!r} is fixed and they sum to {fixed}, "
        "not the target {plan}",
        "hired_after_year": "hire date {value} is after the plan year {year}",
        "calendar": "{year}: the {country} production calendar does not cover this year ({detail})",
        "thresholds": "the on-track threshold {on_track} must not be below the at-risk one",
        "as_of_year": "cut-off date {value} is outside the plan year {year}",
        "not_enough_offices": "the regions table plans {have} offices, the goal needs {need}",
        "zero_profile": "every index of this profile is zero",
        # warnings
        "warn_goal_gap": "the targets by region and product add up to {targets}, the strategic "
        "goal for {year} is {goal} ({share}; {tolerance} tolerated)",
        "warn_far_first": "the first region is {value} km away: further than an overnight train "
        "({limit} km)",
        "warn_opens_early": "opens {value}, but {previous} opens {since} and cannot reach its "
        "plan before {ready}",
        "warn_offices_no_target": "{count} office(s) open here in {year}, but the region has no "
        "revenue target",
        "warn_offices_no_opening": "{count} office(s) open here in {year}: give the opening date "
        "so that the plan starts with it",
        # reconciliation
        "company": "company",
        "agrees": "agrees",
        "gap_words": "gap of {gap} ({share})",
        "rec_goal": "strategic goal for {year}",
        "rec_no_goal": "no revenue goal due in {year}",
        "rec_path": "milestone path for {year}",
        "rec_targets": "targets (regions × products)",
        "rec_months": "sales plan by month",
        "rec_people": "employee goals",
        "rec_region": "employee goals against the region's targets",
        "rec_offices": "{count} office(s) opening in {year}",
        "rec_no_target": "no revenue target",
        "rec_opens": "opens {date}",
        "rec_no_team": "no team to carry the plan",
        # rollout
        "atypical": "atypical market",
        "first_ok": "first region: within an overnight train",
        "stage_weeks": "{value} weeks: the method gives this stage {span}",
        "weeks_span": "{span} weeks",
        "days_span": "{span} days",
        # the strategy sheets of the method: values
        "stage": "stage",
        "state_done": "done",
        "state_overdue": "overdue",
        "state_soon": "due soon",
        "state_on_time": "on schedule",
        "horizon_operational": "operational",
        "horizon_medium": "medium-term",
        "horizon_long": "long-term",
        "level_high": "high",
        "level_medium": "medium",
        "level_low": "low",
        "scope_clients": "clients",
        "scope_suppliers": "suppliers",
        "kind_client": "client",
        "kind_supplier": "supplier",
        "hhi_low": "low",
        "hhi_moderate": "moderate",
        "hhi_high": "high",
        "full_range": "full range",
        "segment_range": "segment range",
        "line_extension": "line extension",
        "line_filling": "line filling",
        "line_optimisation": "line optimisation",
        "why_loss": "loss-making: the margin is below zero",
        "why_low_falling": "low margin and falling sales",
        "why_fast": "fast growth at a sound margin",
        "why_core": "a core item at a sound margin",
        "why_steady": "growth at a sound margin: fill the gaps in the line",
        "why_falling": "falling sales: focus on the segment and channel that buy",
        "why_low": "low margin: focus on the segment and channel that pay",
        "ltv_room": "acquire: pays back with room",
        "ltv_pays": "pays back within 5 years",
        "ltv_loss": "does not pay back in 5 years",
        # the strategy sheets of the method: check
        "end_before_start": "end {value} is before the start {start}",
        "bonus_thresholds": "the bonus threshold {threshold} is above the completion that pays "
        "100% ({target})",
        "paid_over_trials": "more paid clients ({value}) than trials ({base})",
        "conversion_share": "{value}: a conversion is a share from 0 to 1 (5% = 0.05)",
        # the strategy sheets of the method: warnings
        "swot_no_action": "{value!r} has no action: name the initiative that answers it",
        "stage_no_work": "stage {value!r} has no deliverables in the stage work table",
        "not_an_initiative": "{value!r} is not in the initiatives table (ROI sheet), so its "
        "return is not judged",
        "risk_kind_missing": "the risk register has no '{kind}' risk; the method names budget, "
        "schedule and staff",
        "client_sales_gap": "clients of region {value!r} sum to {clients}, its employees' "
        "actuals to {actuals}",
    },
}

# What the planner may type, recognised in either language (compared in lower case).
S_CURVE = {"s-curve", "s curve", "scurve", "s", "s-кривая", "s-образный", "s-образная"}
LINEAR = {"linear", "линейный", "линейная", "линейно", ""}
ALL_REGIONS = {"", "all", "все", "всё", "все регионы", "all regions"}
# A metric that counts offices (its milestones go to regions in rollout order) ...
OFFICE_WORDS = ("office", "branch", "филиал", "офис", "отделени")
# ... and other metrics counted in whole units (milestones rounded to whole numbers).
COUNT_WORDS = (
    *OFFICE_WORDS,
    "client",
    "customer",
    "employee",
    "deal",
    "store",
    "shop",
    "клиент",
    "сотрудник",
    "сделк",
    "магазин",
    "точк",
)
# The funnel stage that receives the sales plan's deals.
DEALS_STAGE = {"deals", "сделки"}


def language(settings: dict[str, Any]) -> str:
    """The workbook language from the settings: "ru" unless it says "en"."""
    lang = str(settings.get("language") or "ru").strip().lower()
    return lang if lang in LANGUAGES else "ru"


def text(lang: str, key: str, **values: Any) -> str:
    """The text ``key`` in ``lang`` ("ru"/"en"), with ``values`` filled in."""
    return TEXT[lang if lang in TEXT else "ru"][key].format(**values)
