"""Who appeals of a body can be assigned to, and the rendered assignment fields, kept briefly.

Every inbox page of a head or clerk offers bulk assignment to any department of the body
and any of its officers. Reading those people and rendering a select of them cost about
as much CPU as the 50 rows of the page, yet they change a few times a month. So each
process keeps the choices and the rendered fields per body and language for
``ASSIGNMENT_SECONDS``. Saving or deleting a body, department, role grant or account in
this process forgets them at once; other processes see the change when their copy runs
out (so a newly granted officer may be missing from the list for that long).
"""

from __future__ import annotations

import time
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ratusha.accounts.models import RoleGrant, User
from ratusha.appeals import selectors
from ratusha.appeals.forms_staff.work import AssignForm, assignee_choices
from ratusha.bodies.models import Body, Department

ASSIGNMENT_SECONDS = 30.0

# (body id, language) -> (time it runs out, choices, rendered fields or None)
_kept: dict[tuple[int, str], tuple[float, list[Any], SafeString | None]] = {}


def forget_assignment_choices(update_fields: Any = None, **_kwargs: object) -> None:
    """Forget every kept list (a receiver of model signals; a login alone changes nothing)."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    _kept.clear()


for _model in (Body, Department, RoleGrant, User):
    post_save.connect(
        forget_assignment_choices,
        sender=_model,
        dispatch_uid=f"appeals.assignment.save.{_model.__name__}",
    )
    post_delete.connect(
        forget_assignment_choices,
        sender=_model,
        dispatch_uid=f"appeals.assignment.delete.{_model.__name__}",
    )


def _entry(body: Body) -> tuple[float, list[Any], SafeString | None]:
    key = (body.pk, get_language() or "")
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is None or kept[0] < now:
        departments = selectors.assignable_departments(body)
        choices = assignee_choices(departments, selectors.executors_by_department(departments))
        kept = (now + ASSIGNMENT_SECONDS, choices, None)
        _kept[key] = kept
    return kept


def assignment_choices(body: Body) -> list[Any]:
    """Give the grouped "department" / "department:executor" choices of the body."""
    return _entry(body)[1]


def assignment_fields(body: Body) -> SafeString:
    """Give the rendered fields of an empty assignment form (select and reason) for the body."""
    expires, choices, html = _entry(body)
    if html is None:
        html = mark_safe(
            render_to_string("includes/form.html", {"form": AssignForm(choices=choices)})
        )
        _kept[(body.pk, get_language() or "")] = (expires, choices, html)
    return html
