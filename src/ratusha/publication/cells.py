"""The public grid cells of many points at once: ``ratusha_core``'s ``snap`` for a whole column.

A dump snaps every appeal's pin to the centre of its grid cell; one point at a time that
is a few microseconds of Python each. :func:`centres` does the same arithmetic on a
column with NumPy, in the same order and the same IEEE doubles as
``ratusha_core.publication.grid.cell_of`` (floor, min, max, remainder and division are
exact in both), and works out the width of each grid row once with the core's own
``cell_width``. ``tests/publication/test_columns.py`` checks it against ``cell_of`` point
by point (random points, poles, the antimeridian). Short columns (a page of Open311)
take the core's function itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from ratusha_core.publication import GridCell, cell_of
from ratusha_core.publication.grid import cell_width, row_height

# Below this many points NumPy's set-up costs more than it saves.
BULK_FROM = 256
Centre = Callable[[int, int, int], GridCell]


def centres(
    latitudes: Sequence[Any], longitudes: Sequence[Any], size: int, centre: Centre
) -> list[GridCell | None]:
    """Give the grid cell of each point (None where either coordinate is missing).

    ``centre(row, column, size)`` gives a cell's centre (``centre_of``, cached by the
    caller, as cells repeat).
    """
    if len(latitudes) < BULK_FROM:
        return [
            None if lat is None or lon is None else centre(*cell_of(lat, lon, size), size)
            for lat, lon in zip(latitudes, longitudes, strict=True)
        ]
    rows, columns, present = _cells(latitudes, longitudes, size)
    return [
        centre(row, column, size) if here else None
        for row, column, here in zip(rows, columns, present, strict=True)
    ]


def _cells(
    latitudes: Sequence[Any], longitudes: Sequence[Any], size: int
) -> tuple[list[int], list[int], list[bool]]:
    """Give the rows, columns and presence of the points, as ``cell_of`` computes them."""
    import numpy as np  # only exports need it; the web process never loads it

    if size <= 0:
        raise ValueError("the cell size must be positive")
    present = [
        lat is not None and lon is not None for lat, lon in zip(latitudes, longitudes, strict=True)
    ]
    lat = np.array([float(v) if p else 0.0 for v, p in zip(latitudes, present, strict=True)])
    lon = np.array([float(v) if p else 0.0 for v, p in zip(longitudes, present, strict=True)])
    lat = np.minimum(np.maximum(lat, -90.0), 90.0)
    lon = np.remainder(lon + 180.0, 360.0) - 180.0
    height = row_height(size)
    rows = np.minimum(np.floor((lat + 90.0) / height), math.ceil(180.0 / height) - 1)
    found, where = np.unique(rows, return_inverse=True)
    # The row's middle parallel, as grid._row_centre gives it.
    widths = [cell_width(size, min(-90.0 + (int(r) + 0.5) * height, 90.0)) for r in found]
    columns = np.floor((lon + 180.0) / np.array(widths)[where])
    return rows.astype(np.int64).tolist(), columns.astype(np.int64).tolist(), present
