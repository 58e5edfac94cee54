"""How many appeals one submitter may file in an hour, so a script cannot flood the registry.

Anonymous web submissions count by client address, logged-in ones by account. Counts are
rows in the database, so every web process sees them. Only registered appeals count: a
form with errors, or a retried submission under the same idempotency key, does not.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ratusha.appeals.models import IntakeCount


def submitter_key(user_id: int | None, address: str | None) -> str:
    """Give the key a submission counts under: the account, else the client address."""
    return f"user:{user_id}" if user_id is not None else f"address:{address or 'unknown'}"


def hourly_limit(key: str) -> int:
    """Give how many appeals the submitter may file in one hour."""
    if key.startswith("user:"):
        return int(settings.RATUSHA_APPEALS_PER_HOUR_PER_ACCOUNT)
    return int(settings.RATUSHA_APPEALS_PER_HOUR_PER_ADDRESS)


def _hour(now: datetime | None) -> datetime:
    return (now or timezone.now()).replace(minute=0, second=0, microsecond=0)


def intake_allowed(key: str, now: datetime | None = None) -> bool:
    """Tell whether the submitter may file one more appeal this hour."""
    row = IntakeCount.objects.filter(key=key, hour=_hour(now)).first()
    return row is None or row.count < hourly_limit(key)


def do_count_intake(key: str, now: datetime | None = None) -> None:
    """Count one registered appeal for the submitter, and forget counts older than a day."""
    hour = _hour(now)
    with transaction.atomic():
        row, created = IntakeCount.objects.get_or_create(key=key, hour=hour, defaults={"count": 1})
        if not created:
            IntakeCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
    IntakeCount.objects.filter(hour__lt=hour - timedelta(days=1)).delete()
