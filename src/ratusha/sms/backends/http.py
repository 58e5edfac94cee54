"""The backend for a generic HTTP gateway: one JSON POST a message.

Each message goes to ``RATUSHA_SMS_URL`` as ``{"to", "text", "sender"}``, with
``Authorization: Bearer`` and ``RATUSHA_SMS_TOKEN`` when a token is set, and waits at
most ``RATUSHA_SMS_TIMEOUT_SECONDS``. An answer other than 2xx (redirects included) or
no answer raises :class:`~ratusha.sms.message.SMSError`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ratusha.sms.backends.base import BaseSMSBackend
from ratusha.sms.message import SMSError, SMSMessage


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: a POST must not be turned into a GET elsewhere."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class SMSBackend(BaseSMSBackend):
    def __init__(
        self,
        *args: Any,
        url: str | None = None,
        token: str | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.url = (url if url is not None else settings.RATUSHA_SMS_URL).strip()
        if urllib.parse.urlsplit(self.url).scheme not in ("http", "https"):
            raise ImproperlyConfigured("RATUSHA_SMS_URL must be an http(s) address of the gateway.")
        self.token = token if token is not None else settings.RATUSHA_SMS_TOKEN
        self.timeout = float(
            timeout if timeout is not None else settings.RATUSHA_SMS_TIMEOUT_SECONDS
        )
        self._opener = urllib.request.build_opener(_NoRedirects)

    def send_messages(self, messages: Sequence[SMSMessage]) -> int:
        sent = 0
        for message in messages:
            try:
                self._post(message)
            except SMSError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent

    def _post(self, message: SMSMessage) -> None:
        body = json.dumps(
            {"to": message.to, "text": message.text, "sender": message.sender}
        ).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as refused:
            raise SMSError(f"the gateway answered {refused.code}") from refused
        except (urllib.error.URLError, TimeoutError, OSError) as failed:
            raise SMSError(f"the gateway is unreachable: {failed}") from failed
        if not 200 <= status < 300:
            raise SMSError(f"the gateway answered {status}")
