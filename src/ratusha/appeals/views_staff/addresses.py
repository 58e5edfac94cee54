"""Addresses of many appeals for one page: reversed once, then filled in for each appeal."""

from __future__ import annotations

from django.urls import reverse


class Address:
    """One address pattern reversed once, then filled in for each appeal.

    ``reverse`` costs about as much as the rest of a card's or a row's line, and a triage
    queue or an inbox page needs a few hundred. For example ``Address("triage:accept")(42)``
    gives ``/triage/appeals/42/accept/``.
    """

    PLACEHOLDER = 2147483647  # no appeal has this id; it stands in for the real one

    def __init__(self, name: str) -> None:
        self.pattern = reverse(name, args=[self.PLACEHOLDER])

    def __call__(self, pk: int) -> str:
        return self.pattern.replace(str(self.PLACEHOLDER), str(pk))
