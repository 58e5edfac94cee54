"""Writes of a body's triage routing policy: automatic routing on or off, its precision,
and the department urgent appeals the AI does not route go to.

The policy is ``Body.auto_route`` and ``Body.auto_route_precision``. Both take effect with
the next appeal triaged: each model keeps the threshold for every precision a body may
ask (``training.active_model`` routes at the body's), except models stored before that
table was kept, which follow a new precision from the next training. A change is a public
act of the body, so it goes into its ledger (``triage.routing_policy``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ratusha.bodies.models import Body, Department
from ratusha.ledger.actions import append_on_commit
from ratusha.triage.actions_models import require_admin

ROUTING_POLICY = "triage.routing_policy"
LOWEST, HIGHEST = 0.5, 0.99  # as the field's validators and check constraint


UNCHANGED: Any = object()  # the urgent department is left as it is


def check_set_routing_policy(
    user: Any,
    body: Body,
    *,
    auto_route: bool,
    precision: float,
    urgent_department: Department | None = UNCHANGED,
) -> bool:
    """Set whether the body's appeals may be routed automatically, and at what precision.

    Only those who may change the body may. The precision is kept to two decimals and
    must be from 0.5 to 0.99. ``urgent_department`` (one of the body's active
    departments, or None for none) is where urgent appeals the AI does not route go
    (``routing_rules.duty_department``); left out, it stays as it is. Gives False when
    nothing changed.
    """
    require_admin(user, body)
    precision = round(float(precision), 2)
    if not LOWEST <= precision <= HIGHEST:
        raise ValidationError(_("The precision must be from 0.50 to 0.99."))
    values: dict[str, Any] = {"auto_route": auto_route, "auto_route_precision": precision}
    entry: dict[str, Any] = {"auto_route": auto_route, "precision": precision}
    if urgent_department is not UNCHANGED:
        if urgent_department is not None and (
            urgent_department.body_id != body.pk or not urgent_department.is_active
        ):
            raise ValidationError(_("Choose an active department of this body."))
        values["urgent_department_id"] = urgent_department and urgent_department.pk
        entry["urgent_department"] = urgent_department and urgent_department.code
    return do_set_body_policy(body, values, ROUTING_POLICY, lambda _previous: entry) is not None


def do_set_body_policy(
    body: Body,
    values: dict[str, Any],
    event: str,
    entry: Callable[[dict[str, Any]], dict[str, Any]],
) -> dict[str, Any] | None:
    """Write policy fields of the body and record the change in its ledger; trust the caller.

    The body's row is locked while comparing, so two administrators do not cross. Gives
    the previous values, or None when they were so already (nothing is written then).
    ``entry`` makes the ledger entry from the previous values.
    """
    with transaction.atomic():
        current = Body.objects.select_for_update().only(*values).get(pk=body.pk)
        previous = {name: getattr(current, name) for name in values}
        if previous == values:
            return None
        Body.objects.filter(pk=body.pk).update(**values)
        for name, value in values.items():
            setattr(body, name, value)
        append_on_commit(body, event, entry(previous), subject=body.code)
    return previous
