"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ratusha.accounts.permissions import is_staff_member


def site(request: HttpRequest) -> dict[str, Any]:
    # Not "site_name": Django's login and password views put the request's host there.
    return {
        "ratusha_site_name": settings.RATUSHA_SITE_NAME,
        "is_staff_member": is_staff_member(request.user),
    }
