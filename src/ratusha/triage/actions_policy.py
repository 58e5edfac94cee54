"""Writes of a body's triage routing policy: automatic routing on or off, and its precision.

The policy is ``Body.auto_route`` and ``Body.auto_route_precision``. Switching routing off
takes effect with the next appeal triaged; a new precision with the next training, which
chooses the threshold that reaches it (``training.do_train_model``). A change is a public
act of the body, so it goes into its ledger (``triage.routing_policy``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ratusha.bodies.models import Body
from ratusha.ledger.actions import append_on_commit
from ratusha.triage.actions_models import require_admin

ROUTING_POLICY = "triage.routing_policy"


def check_set_routing_policy(user: Any, body: Body, *, auto_route: bool, precision: float) -> bool:
    """Set whether the body's appeals may be routed automatically, and at what precision.

    Only those who may change the body may. Gives False when nothing changed.
    """
    require_admin(user, body)
    precision = round(precision, 2)
    with transaction.atomic():
        row = Body.objects.select_for_update().only("auto_route", "auto_route_precision")
        current = row.get(pk=body.pk)
        if (current.auto_route, current.auto_route_precision) == (auto_route, precision):
            return False
        Body.objects.filter(pk=body.pk).update(
            auto_route=auto_route, auto_route_precision=precision
        )
        body.auto_route, body.auto_route_precision = auto_route, precision
        append_on_commit(
            body,
            ROUTING_POLICY,
            {"auto_route": auto_route, "precision": precision},
            subject=body.code,
        )
    return True
