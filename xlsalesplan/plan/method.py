"""The strategy documents of the method (SPEC §8): their output tables, from the checked inputs
and the plan's own outputs (plan–fact and team results for bonuses, the tier goals for KPIs).

Each sheet's rules are in its own module: :mod:`register` (documents, implementation factors,
risks, SWOT actions), :mod:`assortment`, :mod:`diversification` (concentration),
:mod:`motivation` (bonus and KPI), :mod:`economics` (LTV, the five-year case, effects of
initiatives); the calendar plan joins the roadmap (:mod:`roadmap`).
"""

from __future__ import annotations

import pandas as pd

from . import labels
from .assortment import assortment
from .diversification import concentration_tables
from .economics import economics_tables, effect_results
from .model import PlanInputs, PlanOutputs
from .motivation import bonus_table
from .register import document_control, factor_control, risk_assessment, swot_actions


def method_outputs(inputs: PlanInputs, outputs: PlanOutputs) -> dict[str, pd.DataFrame]:
    """The strategy sheets' output tables by name, from normalised inputs."""
    s = inputs.settings
    lang, as_of, year = labels.language(s), s["as_of"], int(s["plan_year"])
    return {
        "swot_actions": swot_actions(inputs.initiatives, inputs.weaknesses, inputs.threats),
        "document_control": document_control(inputs.documents, year, as_of, lang),
        "factor_control": factor_control(inputs.factors, as_of, lang),
        "risk_assessment": risk_assessment(inputs.risks, inputs.initiatives, lang),
        "assortment": assortment(inputs.products, s, lang),
        **concentration_tables(
            inputs.client_sales, inputs.suppliers, float(s["concentration_limit"]), lang
        ),
        "bonus": bonus_table(
            inputs.bonus_targets,
            inputs.employees,
            outputs.tier_goals,
            outputs.planfact,
            outputs.team_results,
            s,
        ),
        **economics_tables(inputs.channels, s, lang),
        "effect_results": effect_results(inputs.effects, s, lang),
    }
