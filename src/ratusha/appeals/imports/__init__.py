"""Appeals from the past: the bulk writer shared by the CSV import and the demo history."""

from ratusha.appeals.imports.csv_import import ImportRefused, ImportReport, check_import_appeals
from ratusha.appeals.imports.history import (
    PastAppeal,
    Planned,
    Step,
    number_of,
    plan_rows,
    summary_of,
)
from ratusha.appeals.imports.rows import COLUMNS, OPTIONAL_COLUMNS
from ratusha.appeals.imports.writing import save_rows

__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "ImportRefused",
    "ImportReport",
    "PastAppeal",
    "Planned",
    "Step",
    "check_import_appeals",
    "number_of",
    "plan_rows",
    "save_rows",
    "summary_of",
]
