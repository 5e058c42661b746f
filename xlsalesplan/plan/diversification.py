"""Concentration of clients and suppliers: the largest share, the HHI and who is above the limit.

The method's diversified base: no client and no supplier above a limit of the total (4 % by
default, settings ``concentration_limit``; the WalMart rule). For the clients (sales to date,
one row per client) and for the suppliers (purchases a year), :func:`core.concentration
<xlsalesplan.core.concentration.concentration>` gives the largest share and the
Herfindahl–Hirschman index (0–10,000); the level reads the HHI as competition authorities do:
below 1,500 low, up to 2,500 moderate, above that high. Every client and supplier whose share
is above the limit is listed, largest first.
"""

from __future__ import annotations

import pandas as pd

from xlsalesplan.core.concentration import concentration

from . import labels
from .model import frame

HHI_LOW = 1500
HHI_HIGH = 2500


def hhi_level(hhi: float | None, lang: str) -> str:
    """Low, moderate or high concentration by the HHI.

    Examples
    --------
    >>> [hhi_level(x, "en") for x in (1499, 1500, 2500, 2501)]
    ['low', 'moderate', 'moderate', 'high']
    """
    if hhi is None:
        return ""
    key = "hhi_low" if hhi < HHI_LOW else "hhi_moderate" if hhi <= HHI_HIGH else "hhi_high"
    return labels.text(lang, key)


def concentration_tables(
    client_sales: pd.DataFrame, suppliers: pd.DataFrame, limit: float, lang: str
) -> dict[str, pd.DataFrame]:
    """The ``concentration`` and ``over_limit`` outputs.

    Examples
    --------
    >>> clients = pd.DataFrame({"client": ["A", "B", "C"], "sales": [50.0, 30.0, 20.0]})
    >>> none = pd.DataFrame({"supplier": [], "purchases": []})
    >>> out = concentration_tables(clients, none, 0.25, "en")
    >>> out["concentration"].values.tolist()  # 50² + 30² + 20² = 3,800
    [['clients', 100.0, 3, 'A', 0.5, 3800.0, 2, 'high']]
    >>> out["over_limit"].values.tolist()
    [['client', 'A', 0.5, 50.0], ['client', 'B', 0.3, 30.0]]
    """
    summary, over = [], []
    scopes = (
        ("scope_clients", "kind_client", client_sales, "client", "sales"),
        ("scope_suppliers", "kind_supplier", suppliers, "supplier", "purchases"),
    )
    for scope, kind, table, name_key, volume_key in scopes:
        if not len(table):
            continue
        names = [str(n) for n in table[name_key]]
        volumes = [float(v) for v in table[volume_key]]
        total = sum(volumes)
        row = {
            "scope": labels.text(lang, scope),
            "total": total,
            "parts": len(volumes),
            "largest": "",
            "largest_share": None,
            "hhi": None,
            "over_limit": None,
            "level": "",
        }
        if total > 0:
            found = concentration(volumes, limit)
            row.update(
                largest=names[found.largest_at[0] - 1],
                largest_share=found.largest_share,
                hhi=found.hhi,
                over_limit=found.over_limit,
                level=hhi_level(found.hhi, lang),
            )
            shares = [(v / total, i) for i, v in enumerate(volumes) if v / total > limit]
            for share, i in sorted(shares, key=lambda pair: -pair[0]):
                over.append(
                    {
                        "kind": labels.text(lang, kind),
                        "name": names[i],
                        "share": share,
                        "volume": volumes[i],
                    }
                )
        summary.append(row)
    return {
        "concentration": frame("concentration", summary),
        "over_limit": frame("over_limit", over),
    }
