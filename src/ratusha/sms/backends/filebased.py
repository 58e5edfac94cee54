"""The backend that writes each message to its own file in ``RATUSHA_SMS_FILE_PATH``."""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ratusha.sms.backends.base import BaseSMSBackend, render
from ratusha.sms.message import SMSMessage


class SMSBackend(BaseSMSBackend):
    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        path = file_path or getattr(settings, "RATUSHA_SMS_FILE_PATH", "")
        if not path:
            raise ImproperlyConfigured("RATUSHA_SMS_FILE_PATH must name a folder for SMS files.")
        self.file_path = Path(path)
        if self.file_path.exists() and not self.file_path.is_dir():
            raise ImproperlyConfigured(f"RATUSHA_SMS_FILE_PATH is not a folder: {path}")
        try:
            self.file_path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ImproperlyConfigured(f"Cannot create the SMS folder {path}: {exc}") from exc

    def _file_name(self) -> Path:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        return self.file_path / f"{stamp}-{os.getpid()}-{id(self)}-{os.urandom(4).hex()}.sms"

    def send_messages(self, messages: Sequence[SMSMessage]) -> int:
        sent = 0
        for message in messages:
            try:
                self._file_name().write_text(render(message), encoding="utf-8")
            except OSError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent
