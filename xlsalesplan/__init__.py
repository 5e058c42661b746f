"""xlsalesplan: sales planning in Excel — formulas, templated plan sheets and a headless refresh.

The formulas of the Excel add-in are plain Python functions here:

>>> from xlsalesplan import decompose
>>> decompose(100, [1, 1, 1], decimals=0).tolist()
[34.0, 33.0, 33.0]
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# The formulas, as :mod:`xlsalesplan.core` exports them. They are imported when first asked
# for, so that the command line starts without loading numpy and pandas.
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("xlsalesplan.core"), name)
    raise AttributeError(f"module 'xlsalesplan' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
