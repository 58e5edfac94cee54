"""``icontains`` on SQLite, case-insensitive for every alphabet, not only for ASCII.

SQLite's LIKE folds the case of ASCII letters only, so on the embedded tier the inbox
search and the API's ``q`` did not find "Гагарына" for "гагарына". Here ``icontains``
with a text that is not all ASCII becomes ``ratusha_icontains(column, text)``, a function
each SQLite connection gets, which looks for the lower-cased text in the lower-cased
value. An ASCII text keeps SQLite's own LIKE: only ASCII letters can match it, and SQLite
folds those itself, at C speed (benchmarks/inbox_latency.md, round 10: a Python LIKE for
every search doubled a search's time). PostgreSQL needs none of this: Django's
``icontains`` there compares ``UPPER()`` of both sides, in every alphabet.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, TextField
from django.db.models.lookups import IContains

FUNCTION = "ratusha_icontains"


def icontains(value: Any, needle: Any) -> bool | None:
    """Tell whether ``needle`` (lower-cased already) is in ``value``, in any case."""
    if value is None or needle is None:
        return None
    return needle in str(value).lower()


class UnicodeIContains(IContains):
    """``icontains`` that SQLite answers in every alphabet (see the module's text)."""

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if isinstance(self.rhs, str) and not self.rhs.isascii():
            lhs, params = self.process_lhs(compiler, connection)
            return f"{FUNCTION}({lhs}, %s)", [*params, self.rhs.lower()]
        return self.as_sql(compiler, connection)  # type: ignore[no-any-return]


def install_lookup() -> None:
    """Make ``icontains`` of every text field this one (CharField covers its kin)."""
    CharField.register_lookup(UnicodeIContains)
    TextField.register_lookup(UnicodeIContains)


def install_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On each new SQLite connection, define the function the lookup calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 2, icontains, deterministic=True)
