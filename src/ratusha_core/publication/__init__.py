"""What may be published of an appeal: a street not a house, a grid cell not a pin, no person.

- ``street_of(address)``: the street of an address, without house, flat or postcode;
- ``snap(lat, lon, size)``: the centre of the ``size``-metre grid cell holding a point;
- ``find_own_details(text, people)``: where a text repeats the applicants' own details;
- ``shorten(text)``: the opening sentences of an answer, for its public summary.
"""

from __future__ import annotations

from .grid import GridCell, cell_of, centre_of, snap
from .own_details import Person, find_own_details, redact_own_details
from .streets import street_of
from .summary import SUMMARY_LENGTH, shorten

__all__ = [
    "SUMMARY_LENGTH",
    "GridCell",
    "Person",
    "cell_of",
    "centre_of",
    "find_own_details",
    "redact_own_details",
    "shorten",
    "snap",
    "street_of",
]
