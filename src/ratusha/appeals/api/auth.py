"""API tokens: issue and revoke them, and tell who calls from ``Authorization: Bearer``.

Only the SHA-256 of a token is stored; its first 8 characters (the prefix) name it in
lists and in ``ratusha api-token revoke``. A revoked token, or one of a deactivated
account, is refused with 401.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from ratusha.accounts.models import User
from ratusha.accounts.permissions import is_staff_member
from ratusha.appeals.api.problems import unauthorized
from ratusha.appeals.models import ApiToken

# Writing last_used_at on every call would make each request a write; once a minute is enough.
LAST_USED_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Caller:
    """Who makes a request: an account with a token, or an anonymous client."""

    user: User | None = None
    token_id: int | None = None

    @property
    def is_staff(self) -> bool:
        return self.user is not None and is_staff_member(self.user)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Give a new token for the account; the plain token is returned once and never stored."""
    # Letters and digits only: a token starting with '-' would read as an option on a command line.
    plain = secrets.token_hex(24)
    row = ApiToken.objects.create(
        user=user, name=name[:100], prefix=plain[:8], key_hash=digest(plain)
    )
    return row, plain


def revoke_tokens(prefix: str) -> int:
    """Revoke every live token whose prefix matches; give how many were revoked."""
    return ApiToken.objects.filter(prefix=prefix, revoked=False).update(revoked=True)


def caller_of_token(token: str) -> Caller | None:
    """Give the caller a token belongs to, or None for an unknown or revoked token."""
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest(token), revoked=False, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return Caller(user=row.user, token_id=row.pk)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; a token that is sent but not valid is a 401."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header and not header.lower().startswith("bearer "):
            raise unauthorized()
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        caller = caller_of_token(token.strip())
        if caller is None:
            raise unauthorized()
        return caller


def anonymous(request: HttpRequest) -> Caller | None:
    """Let a request without any Authorization header through as an anonymous caller."""
    if request.headers.get("Authorization"):
        return None
    return Caller()


token_auth = TokenAuth()
# For submission: a valid token, or none at all (like the web form without an account).
token_or_anonymous = [token_auth, anonymous]


def caller(request: HttpRequest) -> Caller:
    """Give the caller ninja's authentication found for the request."""
    found = getattr(request, "auth", None)
    return found if isinstance(found, Caller) else Caller()


def staff_or_citizen(request: HttpRequest) -> User:
    """Give the account behind a token (the endpoint requires one)."""
    user = caller(request).user
    if user is None:
        raise unauthorized()
    return user
