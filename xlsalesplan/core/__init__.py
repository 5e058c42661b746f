"""Pure numerics of the formulas: numpy and pandas only, nothing that knows about Excel."""
