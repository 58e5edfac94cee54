"""Login throttling: refuse log-ins after too many recent failures for an account or address.

Failures are rows in the database, so every web process of the scaled tier sees them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ratusha.accounts.models import LoginFailure


def _since() -> timezone.datetime:
    return timezone.now() - timedelta(seconds=settings.RATUSHA_LOGIN_WINDOW_SECONDS)


def is_locked(email: str, address: str | None) -> bool:
    """Tell whether log-ins for this account or from this address are refused for now."""
    recent = LoginFailure.objects.filter(at__gte=_since())
    if (
        recent.filter(email=email.lower()).count()
        >= settings.RATUSHA_LOGIN_MAX_FAILURES_PER_ACCOUNT
    ):
        return True
    return bool(
        address
        and recent.filter(address=address).count()
        >= settings.RATUSHA_LOGIN_MAX_FAILURES_PER_ADDRESS
    )


def record_failure(email: str, address: str | None) -> None:
    """Remember a failed log-in, and forget failures older than the window."""
    LoginFailure.objects.filter(at__lt=_since()).delete()
    LoginFailure.objects.create(email=email.lower()[:254], address=address)


def clear(email: str) -> None:
    """Forget the failures of an account after it logs in successfully."""
    LoginFailure.objects.filter(email=email.lower()).delete()


def client_address(meta: dict[str, str]) -> str | None:
    """Give the client's address as the server saw it (proxies must set REMOTE_ADDR)."""
    return meta.get("REMOTE_ADDR") or None
