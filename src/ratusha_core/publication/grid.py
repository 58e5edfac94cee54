"""Map points snapped to the centre of a grid cell, so that no pin points at a house.

The grid is fixed for the whole planet: rows of equal height (``size`` metres of
latitude), each row cut into cells of ``size`` metres along its middle parallel. Every
point of a cell gives the same centre, so a published point tells the cell, not the
house, and two appeals in one cell cannot be told apart by their points.

    >>> snap(Decimal("53.901234"), Decimal("27.559876"), 300)
    GridCell(latitude=Decimal('53.900018'), longitude=Decimal('27.557905'), size=300)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

METRES_PER_DEGREE = 111_320.0  # of latitude, and of longitude on the equator
# Near the poles a row's cells would grow without bound; keep them at least this wide.
_MIN_COS = 0.01


@dataclass(frozen=True)
class GridCell:
    """The centre of the grid cell a point falls in, and the cell's size in metres."""

    latitude: Decimal
    longitude: Decimal
    size: int


def row_height(size: int) -> float:
    """Give the height of a grid row in degrees of latitude."""
    return size / METRES_PER_DEGREE


def cell_width(size: int, centre_latitude: float) -> float:
    """Give the width of a cell in degrees of longitude in the row centred on a latitude."""
    cos = max(math.cos(math.radians(centre_latitude)), _MIN_COS)
    # A whole number of cells per turn of the globe, so the row closes at 180°.
    cells = max(1, math.floor(360.0 / (size / (METRES_PER_DEGREE * cos))))
    return 360.0 / cells


def snap(latitude: Decimal | float, longitude: Decimal | float, size: int) -> GridCell:
    """Give the centre of the ``size``-metre grid cell holding the point."""
    return centre_of(*cell_of(latitude, longitude, size), size)


def cell_of(latitude: Decimal | float, longitude: Decimal | float, size: int) -> tuple[int, int]:
    """Give the (row, column) of the ``size``-metre grid cell holding the point."""
    if size <= 0:
        raise ValueError("the cell size must be positive")
    lat = min(max(float(latitude), -90.0), 90.0)
    lon = ((float(longitude) + 180.0) % 360.0) - 180.0
    height = row_height(size)
    row = min(math.floor((lat + 90.0) / height), math.ceil(180.0 / height) - 1)
    width = cell_width(size, _row_centre(row, height))
    column = math.floor((lon + 180.0) / width)
    return row, column


def centre_of(row: int, column: int, size: int) -> GridCell:
    """Give the centre of a grid cell by its row and column (cache it: cells repeat)."""
    height = row_height(size)
    centre_lat = _row_centre(row, height)
    width = cell_width(size, centre_lat)
    centre_lon = -180.0 + (column + 0.5) * width
    return GridCell(_decimal(centre_lat), _decimal(centre_lon), size)


def _row_centre(row: int, height: float) -> float:
    return min(-90.0 + (row + 0.5) * height, 90.0)


def _decimal(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")
