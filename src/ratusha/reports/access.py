"""Who may read and order reports, scoped by role and body.

A report is read like its body (see ``apps.py``): every staff member of the body, and
administrators and auditors of the bodies above it. Ordering a report on demand is for
body administrators and auditors (their body and below) and department heads (their
own body). Anything out of reach answers 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from ratusha.accounts.permissions import grants_of, scoped
from ratusha.bodies.models import Body
from ratusha.reports.models import Report
from ratusha_core.permissions import Action, Reach, Role, Target, reaches

ORDERING_ROLES = {
    Role.BODY_ADMIN: Reach.BODY_TREE,
    Role.AUDITOR: Reach.BODY_TREE,
    Role.DEPARTMENT_HEAD: Reach.OWN_BODY,
}


def reports_for(user: Any) -> QuerySet[Report]:
    """Give the reports the user may read and download."""
    return scoped(user, Action.VIEW, Report.objects.select_related("body"))


def access_report(user: Any, pk: int) -> Report:
    """Give one report the user may read, or raise 404."""
    report = reports_for(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def may_order(user: Any, body: Body) -> bool:
    """Tell whether the user may order a report about the body on demand."""
    target = Target(body_path=body.path_ids)
    for grant in grants_of(user):
        if grant.role is Role.SYSTEM_ADMIN:
            return True
        reach = ORDERING_ROLES.get(grant.role)
        if reach is not None and reaches(grant, reach, target):
            return True
    return False


def bodies_to_order(user: Any) -> QuerySet[Body]:
    """Give the active bodies the user may order reports about."""
    allowed = Q(pk__in=[])
    for grant in grants_of(user):
        if grant.role is Role.SYSTEM_ADMIN:
            return Body.objects.filter(is_active=True)
        reach = ORDERING_ROLES.get(grant.role)
        if reach is None or grant.body_id is None:
            continue
        if reach is Reach.BODY_TREE:
            path = Body.objects.filter(pk=grant.body_id).values_list("path", flat=True).first()
            if path:
                allowed |= Q(path__startswith=path)
        else:
            allowed |= Q(pk=grant.body_id)
    return Body.objects.filter(allowed, is_active=True)
