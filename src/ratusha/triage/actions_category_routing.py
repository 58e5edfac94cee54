"""Writes of a body's per-category routing rule: the categories a clerk always decides.

A category with ``auto_route`` off is never routed automatically, however sure the model
is: triage only suggests a department and a clerk decides (``routing_rules.routing_allowed``).
The rule takes effect with the next appeal triaged. A change is a public act of the body,
so it goes into its ledger (``triage.category_routing``) with the codes of the categories
switched on and off.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ratusha.bodies.models import Body, Category
from ratusha.ledger.actions import append_on_commit
from ratusha.triage.actions_models import require_admin

CATEGORY_ROUTING = "triage.category_routing"


def check_set_category_routing(user: Any, body: Body, manual_ids: set[int]) -> int:
    """Make the given categories of the body ones a clerk always decides, the others not.

    Only those who may change the body may (like its routing policy); ids of another
    body's categories are refused. Gives how many categories changed (0: nothing written).
    """
    require_admin(user, body)
    foreign = set(manual_ids) - set(
        Category.objects.filter(body=body, pk__in=manual_ids).values_list("pk", flat=True)
    )
    if foreign:
        raise ValidationError(_("Choose among the categories of this body."), code="bad_category")
    return do_set_category_routing(body, set(manual_ids))


def do_set_category_routing(body: Body, manual_ids: set[int]) -> int:
    """Switch automatic routing off for the given categories and on for the body's others.

    The body's row is locked while comparing, so two administrators do not cross (the
    same lock as the routing policy's). Trusts the caller; gives the number changed.
    """
    with transaction.atomic():
        Body.objects.select_for_update().only("pk").get(pk=body.pk)
        rows = list(Category.objects.filter(body=body).values_list("pk", "code", "auto_route"))
        switch_on = {pk: code for pk, code, on in rows if not on and pk not in manual_ids}
        switch_off = {pk: code for pk, code, on in rows if on and pk in manual_ids}
        if not switch_on and not switch_off:
            return 0
        Category.objects.filter(pk__in=switch_on).update(auto_route=True)
        Category.objects.filter(pk__in=switch_off).update(auto_route=False)
        entry = {
            "auto_route_on": sorted(switch_on.values()),
            "auto_route_off": sorted(switch_off.values()),
        }
        append_on_commit(body, CATEGORY_ROUTING, entry, subject=body.code)
    return len(switch_on) + len(switch_off)
