"""xlsalesplan: sales planning in Excel — formulas, templated plan sheets and a headless refresh.

The formulas of the Excel add-in are plain Python functions here:

>>> from xlsalesplan import decompose
>>> decompose(100, [1, 1, 1], decimals=0).tolist()
[34.0, 33.0, 33.0]
"""

from xlsalesplan import core
from xlsalesplan.core import *  # noqa: F403  (the formulas, exported as they are in core)

__version__ = "0.1.0"
__all__ = core.__all__
