"""The body's rules on where triage may send an appeal without a clerk.

- ``routing_allowed``: the AI may route an appeal it is sure of, unless the body switched
  automatic routing off or a clerk always decides the appeal's category.
- ``category_department``: an appeal the AI did not route goes to the default department
  of the category the citizen chose, unless a clerk always decides that category.
- ``duty_department``: an appeal flagged urgent or emergency that neither rule above
  routes goes at once to the department the body named for them
  (``Body.urgent_department``), a duty service, instead of waiting in the triage queue
  overnight. Its head is told at
  once (``tasks.urgent_recipients``). The rule does not depend on automatic routing
  being on: it is the body's own choice, not the AI's. It still leaves to a clerk an
  appeal of a category a clerk always decides.
- ``held_by_duty``: while such an appeal is still with the duty department, its head may
  pass it on to the department the AI suggests in one click, or to another (a label,
  like a clerk's accept or correction in the triage queue).
"""

from __future__ import annotations

from ratusha.appeals.choices import REASSIGN_STATES
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Category, Department
from ratusha.triage.models import Decision, TriageResult, Urgency


def clerk_decides(appeal: Appeal, top_category: int | None) -> bool:
    """Tell whether the category the citizen chose, or the model's first, is a clerk's call.

    (``Category.auto_route`` off: a sure department does not make a sensitive appeal less
    sensitive.)
    """
    ids = {pk for pk in (appeal.category_id, top_category) if pk is not None}
    return bool(ids) and (
        Category.objects.filter(pk__in=ids, body_id=appeal.body_id, auto_route=False).exists()
    )


def routing_allowed(appeal: Appeal, top_category: int | None) -> bool:
    """Give whether the body's policy lets triage route the appeal without a clerk."""
    return appeal.body.auto_route and not clerk_decides(appeal, top_category)


def category_department(appeal: Appeal) -> int | None:
    """Give the default department of the citizen's category, if it routes its appeals."""
    category = appeal.category
    if category is None or not category.auto_route:
        return None
    return category.default_department_id


def duty_department(appeal: Appeal, urgency: str, top_category: int | None) -> int | None:
    """Give the department an urgent appeal the AI did not route goes to, or None."""
    duty = appeal.body.urgent_department_id
    if duty is None or urgency == Urgency.NORMAL or category_department(appeal) is not None:
        return None
    active = Department.objects.filter(pk=duty, body_id=appeal.body_id, is_active=True)
    if not active.exists() or clerk_decides(appeal, top_category):
        return None
    return duty


def held_by_duty(appeal: Appeal, result: TriageResult) -> bool:
    """Tell whether the urgent rule sent the appeal to the duty department and it is still there."""
    return (
        result.decision == Decision.URGENT_RULE
        and result.routed_department_id is not None
        and appeal.department_id == result.routed_department_id
        and appeal.state in REASSIGN_STATES
    )
