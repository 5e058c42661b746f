"""Largest share and HHI: hand calculations, the 4% rule, blanks, errors, properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlsalesplan.core.args import ArgumentError
from xlsalesplan.core.concentration import Concentration, concentration


def test_concentration_hand_calculation():
    # shares 50%, 30%, 20%; HHI = 50² + 30² + 20² = 2,500 + 900 + 400 = 3,800
    c = concentration([500, 300, 200], limit=0.4)
    assert c == Concentration(0.5, 3800.0, True, 1, (1,))
    assert c.as_row() == [0.5, 3800.0, True, 1]


def test_concentration_twenty_five_equal_suppliers_sit_exactly_on_the_four_percent_rule():
    # each 1/25 = 4%: not above the limit; HHI = 25 · 4² = 400 (= 10,000 / 25)
    c = concentration([7] * 25)
    assert c.largest_share == 0.04
    assert c.hhi == pytest.approx(400, rel=1e-12)
    assert c.flag is False
    assert c.over_limit == 0


def test_concentration_a_single_part_is_a_monopoly():
    c = concentration([[0], [42]])
    assert (c.largest_share, c.hhi, c.flag, c.largest_at) == (1.0, 10_000.0, True, (2, 1))


def test_concentration_blank_volume_counts_as_zero():
    # 10 and 30 of 40: 25% and 75%; HHI = 625 + 5,625 = 6,250; largest in the 3rd cell
    c = concentration([None, 10, 30])
    assert (c.largest_share, c.largest_at) == (0.75, (3,))
    assert c.hhi == pytest.approx(6250, rel=1e-12)


def test_concentration_over_a_range():
    # 1, 3, 4, 2 of 10: HHI = 100 + 900 + 1,600 + 400 = 3,000; largest 40% at row 2, column 1
    c = concentration([[1, 3], [4, 2]], limit=0.25)
    assert c.largest_share == 0.4
    assert c.hhi == pytest.approx(3000, rel=1e-12)
    assert c.largest_at == (2, 1)
    assert c.over_limit == 2  # 30% and 40% are above 25%


def test_concentration_blank_limit_is_the_default():
    assert concentration([96, 4], limit=None).over_limit == 1  # 96% > 4%, 4% is not


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([5, -1],), r"^volumes\[2\]: -1 is negative$"),
        (([0, None, 0],), r"^volumes: are all 0 \(or blank\): there is no total to share$"),
        (([1, "x"],), r"^volumes\[2\]: 'x' is not a number$"),
        (([1, 2], 4), r"^limit: 4 is not a share above 0 and at most 1 \(4% = 0.04\)$"),
        (([1, 2], 0), r"^limit: 0 is not a share above 0 and at most 1"),
        (([1, 2], [0.1, 0.2]), r"^limit: expected a single number, got 2 cells$"),
    ],
)
def test_concentration_errors(args, message):
    with pytest.raises(ArgumentError, match=message):
        concentration(*args)


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=40).filter(any))
def test_concentration_hhi_bounds(volumes):
    c = concentration(volumes)
    n = len(volumes)
    # Σs² lies between n·(1/n)² and max(s)·Σs = max(s); in percent², times 10,000
    assert 10_000 / n * (1 - 1e-12) <= c.hhi <= 10_000 * c.largest_share * (1 + 1e-12)
    assert c.hhi >= 10_000 * c.largest_share**2 * (1 - 1e-12)
    # the same volumes in other units concentrate the same way
    scaled = concentration([v * 1000 for v in volumes])
    assert scaled.largest_share == pytest.approx(c.largest_share)
    assert scaled.hhi == pytest.approx(c.hhi)
