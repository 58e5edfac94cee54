"""Whom to e-mail in a body: the holders of one of its roles, with their languages.

(Administrators of the body and of those above it, for the triage alerts, are
``triage.link_alerts.administrators_of``.)
"""

from __future__ import annotations

from ratusha.accounts.models import RoleGrant
from ratusha_core.permissions import Role


def people_with_role(body_id: int, role: Role) -> list[tuple[str, str]]:
    """Give (e-mail, language) of the body's active holders of the role with an address,
    each address once, sorted."""
    grants = RoleGrant.objects.filter(
        role=role.value, body_id=body_id, user__is_active=True
    ).select_related("user")
    return sorted({(g.user.email, g.user.preferred_language) for g in grants if g.user.email})
