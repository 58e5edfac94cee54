"""Writes of the clerk's triage queue: accept the suggestions of many appeals at once.

Each appeal is accepted as one click on its own card would (``check_accept_suggestion``:
the assignment through the workflow, with the version the clerk saw, and the label that
teaches the next model), each in its own transaction: one appeal changed meanwhile or no
longer waiting is refused on its own and the others are still assigned.
"""

from __future__ import annotations

from typing import Any

from ratusha.appeals.actions import AppealConflict, TransitionNotAllowed
from ratusha.appeals.models import Appeal
from ratusha.triage.actions import check_accept_suggestion

MAX_AT_ONCE = 100  # appeals accepted in one request


def check_accept_suggestions(
    user: Any, chosen: list[tuple[Appeal, int | None]]
) -> tuple[list[Appeal], list[tuple[Appeal, str]]]:
    """Accept the suggestion of each (appeal, version seen); give the accepted and the refused.

    A refused appeal comes with the reason in the user's language.
    """
    accepted: list[Appeal] = []
    refused: list[tuple[Appeal, str]] = []
    for appeal, version in chosen[:MAX_AT_ONCE]:
        try:
            check_accept_suggestion(user, appeal, expected_version=version)
        except (AppealConflict, TransitionNotAllowed) as why:
            refused.append((appeal, why.message))
        else:
            accepted.append(appeal)
    return accepted, refused
