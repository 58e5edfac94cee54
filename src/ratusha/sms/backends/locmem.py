"""The backend that keeps messages in ``ratusha.sms.outbox`` (for tests)."""

from __future__ import annotations

from collections.abc import Sequence

from ratusha import sms
from ratusha.sms.backends.base import BaseSMSBackend
from ratusha.sms.message import SMSMessage


class SMSBackend(BaseSMSBackend):
    def send_messages(self, messages: Sequence[SMSMessage]) -> int:
        sms.outbox.extend(messages)
        return len(messages)
