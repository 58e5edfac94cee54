"""The backend that writes messages to standard output (or another stream)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from ratusha.sms.backends.base import BaseSMSBackend, render
from ratusha.sms.message import SMSMessage

RULE = "-" * 79


class SMSBackend(BaseSMSBackend):
    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, messages: Sequence[SMSMessage]) -> int:
        sent = 0
        with self._lock:
            try:
                for message in messages:
                    self.stream.write(f"{render(message)}{RULE}\n")
                    self.stream.flush()
                    sent += 1
            except Exception:
                if not self.fail_silently:
                    raise
        return sent
