"""What every SMS backend does: take messages, send them, give how many went."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ratusha.sms.message import SMSMessage


class BaseSMSBackend:
    """Sends messages; with ``fail_silently`` a failure gives a smaller count, not an error."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def send_messages(self, messages: Sequence[SMSMessage]) -> int:
        raise NotImplementedError


def render(message: SMSMessage) -> str:
    """Give a message as text, as the console and file backends write it."""
    return (
        f"To: {message.to}\nFrom: {message.sender}\nSegments: {message.segments()}\n\n"
        f"{message.text}\n"
    )
