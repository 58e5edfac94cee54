"""Errors the appeal actions raise, each with a message the person can act on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.functional import Promise


class AppealInvalid(Exception):
    """Input refused; ``errors`` maps each field ("" for the whole input) to its messages."""

    def __init__(self, errors: Mapping[str, Sequence[str | Promise]]) -> None:
        self.errors = {field: [str(m) for m in messages] for field, messages in errors.items()}
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in self.errors.items()))


class AppealConflict(Exception):
    """The appeal changed since the person loaded it, or a key was reused for other data."""

    def __init__(self, message: str, code: str = "conflict") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class TransitionNotAllowed(Exception):
    """The workflow refused the action; ``message`` is translated, ``code`` is stable."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
