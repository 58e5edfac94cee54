"""The language the body writes to an applicant in: the appeal's own, else Belarusian."""

from __future__ import annotations

from ratusha.appeals.models import Appeal

LANGUAGES = ("be", "ru", "en")


def language_of(appeal: Appeal) -> str:
    """Give the language of e-mails and text messages to the appeal's applicant."""
    return appeal.language if appeal.language in LANGUAGES else "be"
