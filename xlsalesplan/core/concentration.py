"""How much of a total rests on its largest part: largest share and Herfindahl–Hirschman index."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .args import ArgumentError, check_cells, fmt, number, numbers

DEFAULT_LIMIT = 0.04  # the supplier-diversification rule: no single part above 4%


class Concentration(NamedTuple):
    """The result of :func:`concentration`.

    Attributes
    ----------
    largest_share : float
        Share of the largest volume in the total, a ratio (0.25 = 25%).
    hhi : float
        Herfindahl–Hirschman index on the antitrust scale 0–10,000: the sum of the squared
        shares in percent. 10,000 is one part holding everything; n equal parts give 10,000/n.
        Competition authorities read below 1,500 as unconcentrated, above 2,500 as highly
        concentrated.
    flag : bool
        True when the largest share is above the limit.
    over_limit : int
        How many parts have a share above the limit.
    largest_at : tuple of int
        1-based position of the largest volume (row, column for a range); the first one on a tie.
    """

    largest_share: float
    hhi: float
    flag: bool
    over_limit: int
    largest_at: tuple[int, ...]

    def as_row(self) -> list[float | bool | int]:
        """Largest share, HHI, flag and count over the limit: the cells a formula spills."""
        return [self.largest_share, self.hhi, self.flag, self.over_limit]


def concentration(volumes: Any, limit: Any = DEFAULT_LIMIT) -> Concentration:
    """Concentration of volumes (sales by client, purchases by supplier, revenue by product).

    Parameters
    ----------
    volumes : row, column or range
        Volumes of each part, 0 or more. A blank cell counts as 0 (a part with no volume).
    limit : number, optional
        The largest share allowed, a ratio above 0 and at most 1 (default 0.04 = 4%). A blank
        cell gives the default.

    Returns
    -------
    Concentration
        ``(largest_share, hhi, flag, over_limit, largest_at)``; ``as_row()`` gives the first
        four as a list.

    Raises
    ------
    ArgumentError
        A negative or non-numeric volume, volumes that are all 0, a limit outside (0, 1].

    Examples
    --------
    >>> c = concentration([50, 30, 20], limit=0.4)
    >>> c.largest_share, c.hhi, c.flag, c.over_limit  # 50² + 30² + 20² = 3,800
    (0.5, 3800.0, True, 1)
    """
    v = numbers(volumes, "volumes", blank=0.0)
    share_limit = number(limit, "limit", default=DEFAULT_LIMIT)
    if not 0 < share_limit <= 1:
        raise ArgumentError(
            "limit", f"{fmt(share_limit)} is not a share above 0 and at most 1 (4% = 0.04)"
        )
    check_cells(v >= 0, v, "volumes", "{value} is negative")
    total = float(v.sum())
    if total <= 0:
        raise ArgumentError("volumes", "are all 0 (or blank): there is no total to share")
    shares = v / total
    i = int(np.argmax(shares.ravel()))
    largest = float(shares.ravel()[i])
    return Concentration(
        largest_share=largest,
        hhi=float(np.sum(np.square(shares * 100.0))),
        flag=largest > share_limit,
        over_limit=int(np.count_nonzero(shares > share_limit)),
        largest_at=tuple(int(k) + 1 for k in np.unravel_index(i, v.shape)) if v.ndim else (1,),
    )
