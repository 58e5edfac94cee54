"""Text messages (SMS) through a backend chosen in the settings, like Django's e-mail.

``RATUSHA_SMS_BACKEND`` names the backend: a dotted path to a class, or one of the short
names ``disabled`` (sends nothing, the default), ``console``, ``filebased``, ``locmem``
(keeps messages in :data:`outbox`, for tests) and ``http`` (a generic JSON gateway).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from ratusha.sms.backends.base import BaseSMSBackend
from ratusha.sms.message import SMSError, SMSMessage

__all__ = ["SMSError", "SMSMessage", "enabled", "get_backend", "outbox", "send_sms"]

SHORT_NAMES = ("disabled", "console", "filebased", "locmem", "http")

# The messages the locmem backend "sent"; tests clear it.
outbox: list[SMSMessage] = []


def backend_path(name: str | None = None) -> str:
    """Give the dotted path of the backend class a setting's value names."""
    name = (name or getattr(settings, "RATUSHA_SMS_BACKEND", "") or "disabled").strip()
    if name in SHORT_NAMES:
        return f"ratusha.sms.backends.{name}.SMSBackend"
    return name


def enabled() -> bool:
    """Tell whether text messages go anywhere (the backend is not ``disabled``)."""
    return backend_path() != backend_path("disabled")


def get_backend(
    backend: str | None = None, *, fail_silently: bool = False, **kwargs: Any
) -> BaseSMSBackend:
    """Give an instance of the backend (the settings' one unless named)."""
    found: BaseSMSBackend = import_string(backend_path(backend))(
        fail_silently=fail_silently, **kwargs
    )
    return found


def send_sms(
    to: str,
    text: str,
    *,
    sender: str | None = None,
    fail_silently: bool = False,
    backend: str | None = None,
) -> int:
    """Send one text message to a number in E.164 form; give how many were sent (0 or 1)."""
    message = SMSMessage(
        to=to,
        text=text,
        sender=settings.RATUSHA_SMS_SENDER if sender is None else sender,
    )
    return get_backend(backend, fail_silently=fail_silently).send_messages([message])
