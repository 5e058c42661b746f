"""The input tables of the method's strategy documents: the project, SWOT, policies,
implementation and risks (§8)."""

from __future__ import annotations

from dataclasses import replace

from xlsalesplan.plan.columns import (
    ACTION,
    CALENDAR_KINDS,
    DOC_STATUS,
    FACTORS,
    INITIATIVE,
    NON_NEGATIVE,
    RESPONSIBLE,
    RISK_KINDS,
    SECTIONS,
    SHARE,
    START,
    STEP_STATUS,
    YEARS,
    item,
)
from xlsalesplan.plan.schema import Column, Table

PROJECT_INPUTS: tuple[Table, ...] = (
    Table(
        "stage_work",
        "tblStageWork",
        (
            Column(
                "stage",
                "Этап",
                "Stage",
                refers=("stages", "stage"),
                width=22,
                help=("Этап из таблицы этапов (лист Календарный план).", "A stage of the Stages."),
                example=("Диагностика", "Diagnostics"),
            ),
            Column(
                "format",
                "Формат",
                "Format",
                width=22,
                help=(
                    "Как идёт работа: рабочие группы, стратегические сессии, интервью, полевые "
                    "и кабинетные исследования.",
                    "How the work is done: working group meetings, strategy sessions, "
                    "interviews, field and desk research.",
                ),
                example=("интервью", "interviews"),
            ),
            Column(
                "tasks",
                "Задачи",
                "Tasks",
                width=32,
                help=("Что делается на этапе.", "What the stage does."),
                example=("Анализ продаж и клиентов", "Analyse sales and clients"),
            ),
            Column(
                "deliverables",
                "Результаты",
                "Deliverables",
                width=30,
                help=(
                    "Что этап сдаёт: диагностический отчёт, отчёты об исследованиях, политики, "
                    "портфель проектов, сетевой график, процессы, оргструктура, системы "
                    "мотивации и KPI, стандарты работы.",
                    "What the stage hands over: diagnostic report, research reports, policies, "
                    "project portfolio, network plan, key processes, org structure, motivation "
                    "and KPI systems, work standards.",
                ),
                example=("Диагностический отчёт", "Diagnostic report"),
            ),
        ),
        caption=("Этапы: форматы, задачи, результаты (ввод)", "Stage work (input)"),
        purpose=(
            "Содержание этапов проекта стратегии; у этапа может быть несколько строк.",
            "What each stage of the strategy project does; a stage may have several rows.",
        ),
        title=("Работы этапов", "Stage work"),
        step=10,
    ),
    Table(
        "calendar",
        "tblCalendar",
        (
            item(
                "item",
                "Инициатива или проект",
                "Initiative or project",
                (
                    "Название; у инициативы — как на листе ROI.",
                    "The name; an initiative as on ROI.",
                ),
                ("Внедрение CRM", "CRM roll-out"),
            ),
            Column(
                "kind",
                "Вид",
                "Kind",
                choices=CALENDAR_KINDS,
                help=("Инициатива или проект стратегии.", "An initiative or a strategy project."),
                example=("инициатива", "initiative"),
            ),
            RESPONSIBLE,
            START,
            Column(
                "end",
                "Окончание",
                "End",
                "date",
                bounds=YEARS,
                help=("Последний день работы.", "The last day of the work."),
                example=("30.06.2026", "2026-06-30"),
            ),
        ),
        caption=("Календарный план года (ввод)", "The year's calendar plan (input)"),
        purpose=(
            "Инициативы и проекты стратегии на год: кто, с какого и по какое число; на диаграмме "
            "Ганта вместе с этапами.",
            "The year's initiatives and strategy projects: who, from and to; on the Gantt chart "
            "with the stages.",
        ),
        title=("Календарный план года", "Calendar plan"),
        step=11,
    ),
    Table(
        "strengths",
        "tblStrengths",
        (
            item(
                "strength",
                "Сильная сторона",
                "Strength",
                ("Чем компания сильнее конкурентов.", "Where the company beats its competitors."),
                ("Собственный сервис", "Own service team"),
            ),
        ),
        caption=("S — сильные стороны", "S — strengths"),
        purpose=(
            "Сильные стороны из стратегической сессии.",
            "Strengths from the strategy session.",
        ),
        title=("Сильные стороны", "Strengths"),
        step=12,
    ),
    Table(
        "weaknesses",
        "tblWeaknesses",
        (
            item(
                "weakness",
                "Слабая сторона",
                "Weakness",
                ("Что мешает расти.", "What holds growth back."),
                ("Нет CRM", "No CRM"),
            ),
            ACTION,
        ),
        caption=("W — слабые стороны", "W — weaknesses"),
        purpose=(
            "Слабые стороны и инициатива, которая их снимает.",
            "Weaknesses and the initiative that answers each.",
        ),
        title=("Слабые стороны", "Weaknesses"),
        step=13,
    ),
    Table(
        "opportunities",
        "tblOpportunities",
        (
            item(
                "opportunity",
                "Возможность",
                "Opportunity",
                ("Что рынок даёт для роста.", "What the market offers for growth."),
                ("Спрос в регионах", "Demand in the regions"),
            ),
        ),
        caption=("O — возможности", "O — opportunities"),
        purpose=("Возможности рынка.", "The market's opportunities."),
        title=("Возможности", "Opportunities"),
        step=14,
    ),
    Table(
        "threats",
        "tblThreats",
        (
            item(
                "threat",
                "Угроза",
                "Threat",
                ("Что рынок может отнять.", "What the market may take away."),
                ("Демпинг конкурентов", "Competitors' price cuts"),
            ),
            ACTION,
        ),
        caption=("T — угрозы", "T — threats"),
        purpose=(
            "Угрозы и инициатива, которая их снижает.",
            "Threats and the initiative that reduces each.",
        ),
        title=("Угрозы", "Threats"),
        step=15,
    ),
    Table(
        "documents",
        "tblDocuments",
        (
            Column(
                "section",
                "Раздел",
                "Section",
                choices=SECTIONS,
                help=(
                    "Ключевое положение стратегии, политика или план.",
                    "A key point of the strategy, a policy or a plan.",
                ),
                example=("политика", "policy"),
            ),
            item(
                "document",
                "Документ",
                "Document",
                ("Название документа.", "The document's name."),
                ("Коммерческая политика", "Commercial policy"),
            ),
            RESPONSIBLE,
            Column(
                "status",
                "Статус",
                "Status",
                choices=DOC_STATUS,
                width=15,
                help=("Где документ сейчас.", "Where the document stands."),
                example=("в работе", "in progress"),
            ),
            Column(
                "due",
                "Срок",
                "Due",
                "date",
                bounds=YEARS,
                help=("К какому дню документ утверждается.", "The day it is due for approval."),
                example=("30.04.2026", "2026-04-30"),
            ),
            Column(
                "until",
                "Действует до",
                "Covers until",
                "date",
                bounds=YEARS,
                help=(
                    "До какого дня документ определяет работу — по нему виден горизонт.",
                    "The last day the document governs: it gives the horizon.",
                ),
                example=("31.12.2028", "2028-12-31"),
            ),
        ),
        caption=("Реестр документов стратегии (ввод)", "Strategy documents (input)"),
        purpose=(
            "Ключевые положения стратегии и политики: коммерческая, дистрибуции, партнёрская, "
            "ассортиментная, ценовая, кадровая (мотивация и KPI); планы.",
            "The strategy's key points and policies: commercial, distribution, partner, "
            "assortment, pricing, HR (motivation and KPI); plans.",
        ),
        title=("Документы стратегии", "Strategy documents"),
        step=16,
    ),
    Table(
        "factors",
        "tblFactors",
        (
            Column(
                "factor",
                "Фактор",
                "Factor",
                choices=FACTORS,
                width=16,
                help=("Фактор внедрения по методике.", "The method's implementation factor."),
                example=("мотивация", "motivation"),
            ),
            item(
                "measure",
                "Мероприятие",
                "Measure",
                ("Что делается.", "What is done."),
                ("Премия от плана–факта", "Bonus from plan–fact"),
            ),
            RESPONSIBLE,
            Column(
                "checkpoint",
                "Контрольная точка",
                "Checkpoint",
                "date",
                bounds=YEARS,
                width=12,
                help=("Дата проверки результата.", "The day the result is checked."),
                example=("31.03.2026", "2026-03-31"),
            ),
            Column(
                "status",
                "Статус",
                "Status",
                choices=STEP_STATUS,
                width=12,
                help=("Где мероприятие сейчас.", "Where the measure stands."),
                example=("в работе", "in progress"),
            ),
        ),
        caption=("Факторы внедрения (ввод)", "Implementation factors (input)"),
        purpose=(
            "Структура, навыки, мотивация, ИТ, другие отделы, управление: мероприятие, "
            "ответственный и контрольная точка.",
            "Structure, skills, motivation, IT, other departments, management: a measure, its "
            "owner and checkpoint.",
        ),
        title=("Факторы внедрения", "Implementation factors"),
        step=17,
    ),
    Table(
        "risks",
        "tblRisks",
        (
            item(
                "risk",
                "Риск",
                "Risk",
                ("Что может случиться.", "What may happen."),
                ("Перерасход бюджета CRM", "CRM budget overrun"),
            ),
            Column(
                "kind",
                "Вид",
                "Kind",
                choices=RISK_KINDS,
                width=11,
                help=(
                    "Бюджет, сроки, персонал (по методике) или другое.",
                    "Budget, schedule, staff (the method's) or other.",
                ),
                example=("бюджет", "budget"),
            ),
            replace(INITIATIVE, width=22),
            Column(
                "probability",
                "Вероятность",
                "Probability",
                "number",
                fmt="percent",
                bounds=SHARE,
                help=("Насколько вероятен риск.", "How likely the risk is."),
                example=(0.3, 0.3),
            ),
            Column(
                "impact",
                "Ущерб",
                "Impact",
                "number",
                fmt="money",
                bounds=NON_NEGATIVE,
                help=("Во что обойдётся, если случится.", "What it costs if it happens."),
                example=(1_350_000, 1_350_000),
            ),
            Column(
                "mitigation",
                "Меры",
                "Mitigation",
                required=False,
                width=28,
                help=("Что снижает риск.", "What reduces the risk."),
                example=("Фиксированная цена", "A fixed price"),
            ),
            RESPONSIBLE,
        ),
        caption=("Риски (ввод)", "Risks (input)"),
        purpose=(
            "Риски инициатив: перерасход бюджета, срыв сроков, нехватка персонала.",
            "The initiatives' risks: budget and schedule overruns, staff shortage.",
        ),
        title=("Риски", "Risks"),
        step=18,
    ),
)
