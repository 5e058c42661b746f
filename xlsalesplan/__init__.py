"""xlsalesplan: sales planning in Excel — formulas, templated plan sheets and a headless refresh."""

__version__ = "0.1.0"
