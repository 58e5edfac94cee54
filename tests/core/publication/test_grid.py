"""Grid cells: every point snaps to a centre within half a cell, and a cell has one centre."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratusha_core.publication import snap
from ratusha_core.publication.grid import METRES_PER_DEGREE, cell_width, row_height

_LAT = st.floats(min_value=-89.0, max_value=89.0, allow_nan=False)
_LON = st.floats(min_value=-180.0, max_value=179.999999, allow_nan=False)
_SIZE = st.integers(min_value=50, max_value=2000)
_SLACK = 1e-6  # the centre is rounded to 6 decimal places


@given(_LAT, _LON, _SIZE)
def test_snapped_point_is_within_half_a_cell(lat: float, lon: float, size: int) -> None:
    cell = snap(lat, lon, size)
    assert abs(float(cell.latitude) - lat) <= row_height(size) / 2 + _SLACK
    width = cell_width(size, float(cell.latitude))
    assert abs(float(cell.longitude) - lon) <= width / 2 + _SLACK
    # In metres: never more than half the diagonal of a cell (its width is >= size).
    assert abs(float(cell.latitude) - lat) * METRES_PER_DEGREE <= size / 2 + 1


@given(_LAT, _LON, _SIZE)
def test_the_centre_snaps_to_itself(lat: float, lon: float, size: int) -> None:
    cell = snap(lat, lon, size)
    assert snap(cell.latitude, cell.longitude, size) == cell


def test_houses_on_one_street_share_a_cell_and_lose_their_digits() -> None:
    first = snap(Decimal("53.901234"), Decimal("27.559876"), 300)
    second = snap(Decimal("53.900950"), Decimal("27.558500"), 300)
    assert first == second
    assert first.latitude != Decimal("53.901234")


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        snap(0, 0, 0)
