"""The backend that sends nothing: SMS are off (the default)."""

from __future__ import annotations

from collections.abc import Sequence

from ratusha.sms.backends.base import BaseSMSBackend
from ratusha.sms.message import SMSMessage


class SMSBackend(BaseSMSBackend):
    def send_messages(self, messages: Sequence[SMSMessage]) -> int:
        return 0
