"""The workflow steps that bring an imported appeal to the status its row gives.

Steps before the answer are dated at registration; drafting, approval, sending and
closing at ``answered_at``. Imported steps have no actor: the role says who acted.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from ratusha.appeals.choices import State
from ratusha.appeals.imports.history import Step
from ratusha.appeals.imports.rows import Catalogue
from ratusha.bodies.models import Department
from ratusha_core.workflow import ActorRole

# The main path, in order; a status on it is reached by the steps before it.
MAIN_PATH = (
    State.REGISTERED,
    State.TRIAGE,
    State.ASSIGNED,
    State.IN_PROGRESS,
    State.ANSWER_DRAFTED,
    State.ANSWER_APPROVED,
    State.ANSWERED,
    State.CLOSED,
)
_MAIN_STEPS = (
    ("start_triage", ActorRole.SYSTEM),
    ("assign", ActorRole.SYSTEM),
    ("start_work", ActorRole.DEPARTMENT_OFFICER),
    ("draft_answer", ActorRole.DEPARTMENT_OFFICER),
    ("approve_answer", ActorRole.DEPARTMENT_HEAD),
    ("send_answer", ActorRole.SYSTEM),
    ("close", ActorRole.SYSTEM),
)
# Side branches: the action that leads there and who takes it.
_BRANCHES = {
    State.FORWARDED: ("forward", ActorRole.REGISTRY_CLERK),
    State.LEFT_WITHOUT_CONSIDERATION: ("leave_without_consideration", ActorRole.REGISTRY_CLERK),
    State.WITHDRAWN: ("withdraw", ActorRole.REGISTRY_CLERK),
    State.MERGED: ("merge", ActorRole.REGISTRY_CLERK),
}
_AFTER_ANSWER = {
    State.REOPENED: ("reopen", ActorRole.DEPARTMENT_HEAD),
    State.COMPLAINT: ("file_complaint", ActorRole.REGISTRY_CLERK),
}
ANSWERED = {State.ANSWERED, State.CLOSED, *_AFTER_ANSWER}
WITH_ANSWER_TEXT = {State.ANSWER_DRAFTED, State.ANSWER_APPROVED, *ANSWERED}


def steps_to(
    status: State,
    registered: datetime,
    answered: datetime | None,
    department: Department | None,
    values: dict[str, str],
    cat: Catalogue,
    errors: list[str],
) -> tuple[Step, ...]:
    """Give the workflow steps that lead a registered appeal to ``status``."""
    end = answered or registered
    steps: list[Step] = []
    late = {"draft_answer", "approve_answer", "send_answer", "close"}
    needs_department = status in MAIN_PATH[2:] or status in _AFTER_ANSWER
    if needs_department and department is None:
        errors.append(
            _("status %(status)s needs a department (or a category that has one).")
            % {"status": status.value}
        )
        return ()
    if status in MAIN_PATH or status in _AFTER_ANSWER:
        target = State.ANSWERED if status in _AFTER_ANSWER else status
        path = zip(_MAIN_STEPS, MAIN_PATH[1:], strict=True) if target != State.REGISTERED else ()
        for (action, role), state in path:
            given = {"department": str(department.pk)} if action == "assign" and department else {}
            steps.append(Step(action, end if action in late else registered, role, None, given))
            if state == target:
                break
    else:
        steps.append(Step("start_triage", registered, ActorRole.SYSTEM))
        if department is not None:
            steps.append(
                Step(
                    "assign", registered, ActorRole.SYSTEM, None, {"department": str(department.pk)}
                )
            )
    higher = cat.body.parent_id
    data: dict[str, object] = {}
    if status is State.FORWARDED:
        code = values.get("forwarded_to", "")
        target_body = cat.bodies.get(code) if code else higher
        if target_body is None or target_body == cat.body.pk:
            errors.append(_("forwarded_to: give the code of another body."))
        data = {"target_body": str(target_body)}
    elif status is State.LEFT_WITHOUT_CONSIDERATION:
        reason = values.get("reason", "")
        if reason not in cat.reasons:
            errors.append(
                _("reason: give one of the statutory reasons: %(reasons)s.")
                % {"reasons": ", ".join(sorted(cat.reasons))}
            )
        data = {"reason": reason}
    elif status is State.MERGED:
        data = {"target_appeal": values.get("merged_into", "")}
        if not values.get("merged_into"):
            errors.append(_("merged_into: give the number of the appeal it was merged into."))
    elif status is State.REOPENED:
        data = {"reason": _("Reopened before the import.")}
    elif status is State.COMPLAINT:
        if higher is None:
            errors.append(_("This body has no higher body to complain to."))
        data = {"higher_body": str(higher)}
    branch = _BRANCHES.get(status) or _AFTER_ANSWER.get(status)
    if branch is not None:
        steps.append(Step(branch[0], end, branch[1], None, data))
    return tuple(steps)
