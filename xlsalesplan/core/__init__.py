"""Pure numerics of the formulas: numpy and pandas only, nothing that knows about Excel."""

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.balance import balance
from xlsalesplan.core.calendar import workdays
from xlsalesplan.core.concentration import Concentration, concentration
from xlsalesplan.core.control import planfact, runrate
from xlsalesplan.core.decompose import decompose
from xlsalesplan.core.finance import NotReached, cagr, ltv, payback, roi
from xlsalesplan.core.funnel import funnel
from xlsalesplan.core.horizon import horizon
from xlsalesplan.core.ramp import ramp
from xlsalesplan.core.seasonality import seasonality

__all__ = [
    "ArgumentError",
    "Concentration",
    "NotReached",
    "balance",
    "cagr",
    "concentration",
    "decompose",
    "funnel",
    "horizon",
    "ltv",
    "payback",
    "planfact",
    "ramp",
    "roi",
    "runrate",
    "seasonality",
    "workdays",
]
