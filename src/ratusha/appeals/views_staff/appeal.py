"""The staff page of one appeal: facts, history, answers, related appeals and the actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusha.appeals import selectors
from ratusha.appeals.access import appeals_for
from ratusha.appeals.actions import (
    AppealConflict,
    TransitionNotAllowed,
    acting_roles,
    check_transition,
)
from ratusha.appeals.actions.transitions import check_mark_news_read, snapshot_of
from ratusha.appeals.choices import State
from ratusha.appeals.forms_staff import (
    DELIVERY_LABELS,
    EVENT_LABELS,
    ROLE_LABELS,
    VIA_LABELS,
    ActionForm,
    DraftAnswerForm,
    assignee_choices,
)
from ratusha.appeals.models import AnswerTemplate, Appeal, TemplateKind
from ratusha.appeals.policy import rules_for
from ratusha.appeals.sms_notices import wants_sms
from ratusha.appeals.status_notices import NOTICE_ACTIONS
from ratusha.appeals.template_text import fill_template
from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies import access
from ratusha.triage.assistant_history import history_lines
from ratusha_core.workflow import ActorRole, Transition, allowed_actions

# Actions with a page of their own (answers) or that only the system or a citizen takes.
NOT_ON_PAGE = frozenset({"draft_answer", "approve_answer", "send_answer", "file_complaint"})
EXECUTOR_ROLES = frozenset({ActorRole.DEPARTMENT_OFFICER, ActorRole.DEPARTMENT_HEAD})
DRAFT_STATES = frozenset({State.ASSIGNED, State.IN_PROGRESS})
# The requests for more information, the applicant's replies and what they added unasked,
# shown beside the text.
EXCHANGE_ACTIONS = frozenset({"ask_applicant", "applicant_reply", "add_information"})


def offered_actions(user: Any, appeal: Appeal) -> dict[str, Transition]:
    """Give the actions the user's roles may take on the appeal now, by name."""
    snapshot = snapshot_of(appeal)
    rules = rules_for(appeal.body)
    now = max(timezone.now(), snapshot.last_change)
    offered: dict[str, Transition] = {}
    for role in acting_roles(user, appeal):
        for row in allowed_actions(snapshot, role, now=now, rules=rules):
            name = str(row.action)
            if name not in NOT_ON_PAGE:
                offered.setdefault(name, row)
    return offered


def body_templates(appeal: Appeal) -> dict[str, list[AnswerTemplate]]:
    """Give the body's templates by kind (answers, common questions), in one query."""
    found: dict[str, list[AnswerTemplate]] = {kind: [] for kind in TemplateKind.values}
    for template in AnswerTemplate.objects.filter(body_id=appeal.body_id):
        found.setdefault(template.kind, []).append(template)
    return found


def action_form(
    user: Any,
    appeal: Appeal,
    row: Transition,
    data: Any = None,
    version: int | None = None,
    templates: dict[str, list[AnswerTemplate]] | None = None,
) -> ActionForm:
    """Give the form of one action, with the choices it needs (``templates``: the body's,
    when already read)."""
    names = {spec.name for spec in row.fields}
    assignees = bodies = None
    if "department" in names:
        departments = selectors.assignable_departments(appeal.body)
        assignees = assignee_choices(departments, selectors.executors_by_department(departments))
    if "target_body" in names:
        bodies = [(b.pk, b.name) for b in access.public_bodies().exclude(pk=appeal.body_id)]
    initial: dict[str, Any] = {"expected_version": appeal.version if version is None else version}
    if "applicant_notified" in names:
        initial["applicant_notified"] = notified_by_ratusha(appeal)
    common: list[tuple[str, str]] = []
    if "question" in names:
        questions = (templates or body_templates(appeal))[TemplateKind.QUESTION]
        common = [(t.title, t.text) for t in questions]
    return ActionForm(
        data,
        initial=initial,
        transition=row,
        assignees=assignees,
        bodies=bodies,
        reasons=rules_for(appeal.body).without_consideration_reasons,
        common_questions=common,
    )


def _how(extra: dict[str, Any]) -> Any:
    """Give how a step went: the answer's delivery, or how the messages were stopped."""
    return DELIVERY_LABELS.get(extra.get("delivery", "")) or VIA_LABELS.get(extra.get("via", ""))


def notified_by_ratusha(appeal: Appeal) -> bool:
    """Tell whether Ratusha itself notifies the applicant of a step: by e-mail, by SMS, or
    by a letter it puts in the clerk's queue of letters to post (``undelivered``).

    The extension form ticks "the applicant has been notified" for such an applicant;
    the clerk still sees it and can untick it.
    """
    return any(
        (appeal.applicant_email.strip(), wants_sms(appeal), appeal.applicant_address.strip())
    )


def history(user: Any, appeal: Appeal) -> list[dict[str, Any]]:
    """Give the appeal's events with their labels, and the assistant's uses, oldest first."""
    steps = []
    for event in appeal.events.select_related("actor"):
        steps.append(
            {
                "at": event.at,
                "actor": event.actor.full_name if event.actor else "",
                "role": ROLE_LABELS.get(event.actor_role, event.actor_role),
                "action": EVENT_LABELS.get(event.action, event.action),
                "from_state": State(event.from_state).label
                if event.from_state in State.values
                else "",
                "to_state": State(event.to_state).label if event.to_state in State.values else "",
                "reason": event.reason or event.said,
                "exchange": event.action in EXCHANGE_ACTIONS,
                "pk": event.pk,
                "public": event.public,
                "letter": event.pk if event.action in NOTICE_ACTIONS else None,
                "answer_letter": event.action == "send_answer",
                "delivery": _how(event.extra or {}),
            }
        )
    for line in history_lines(user, appeal):  # internal notes, kept apart from the workflow
        steps.append(
            {
                "at": line.at,
                "actor": line.actor,
                "role": ROLE_LABELS.get(line.role, line.role),
                "action": line.text,
                "internal": True,
            }
        )
    steps.sort(key=lambda step: step["at"])  # stable: events keep their order
    return steps


def render_appeal(
    request: HttpRequest,
    appeal: Appeal,
    *,
    bound: ActionForm | None = None,
    draft_form: DraftAnswerForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render the appeal page; a bound form that failed replaces its blank twin."""
    user = request.user
    roles = acting_roles(user, appeal)  # type: ignore[arg-type]
    questions = list(appeal.questions.all())
    offered = offered_actions(user, appeal)
    may_draft = bool(EXECUTOR_ROLES & set(roles)) and appeal.state in DRAFT_STATES
    by_kind = body_templates(appeal) if may_draft or "ask_applicant" in offered else None
    forms = []
    for name, row in offered.items():
        form = bound if bound is not None and bound.action == name else None
        forms.append(form or action_form(user, appeal, row, templates=by_kind))
    if bound is not None and bound.action not in offered:
        forms.append(bound)  # keep what was typed even if the action is no longer offered
    templates: list[AnswerTemplate] = []
    if may_draft and by_kind is not None:
        templates = by_kind[TemplateKind.ANSWER]
        for template in templates:  # what the page's script puts in the draft, unreloaded
            template.filled = fill_template(template.text, appeal)  # type: ignore[attr-defined]
        if draft_form is None:
            initial: dict[str, Any] = {
                "expected_version": appeal.version,
                "questions": [q.pk for q in questions if q.answered],
            }
            chosen = request.GET.get("template", "")
            picked = next((t for t in templates if str(t.pk) == chosen), None)
            if picked is not None:
                initial["text"] = fill_template(picked.text, appeal)
            draft_form = DraftAnswerForm(
                initial=initial, questions=[(q.pk, q.text) for q in questions]
            )
    may_approve = ActorRole.DEPARTMENT_HEAD in roles and appeal.state == State.ANSWER_DRAFTED
    context = {
        "appeal": appeal,
        "row": selectors.rows_of([appeal])[0],
        "roles": roles,
        "questions": questions,
        "open_questions": [q for q in questions if not q.answered],
        "co_applicants": list(appeal.co_applicants.all()),
        "attachments": (attachments := list(appeal.attachments.all())),
        "events": (events := history(user, appeal)),
        "exchanges": [
            {**step, "files": [f for f in attachments if f.reply_id == step["pk"]]}
            for step in events
            if step.get("exchange")
        ],
        "answers": list(appeal.answers.select_related("drafted_by", "approved_by")),
        "related": selectors.related_appeals(user, appeal),
        "action_forms": forms,
        "failed_action": bound.action if bound is not None else "",
        "draft_form": draft_form if may_draft else None,
        "templates": templates,
        "may_approve": may_approve,
        "may_mark_read": bool(EXECUTOR_ROLES & set(roles)),
        "error": error,
    }
    return render(request, "appeals/staff/appeal.html", context, status=status)


def load(user: Any, pk: int) -> Appeal:
    """Give the appeal the user may see, with its body, category, department and executor."""
    found = (
        appeals_for(user)
        .select_related("body", "category", "department", "executor")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@staff_view
def appeal_page(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = load(request.user, pk)
    return render_appeal(request, appeal)


def after_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Go back to the appeal, or to "my appeals" when it has left the person's sight."""
    if appeals_for(request.user).filter(pk=pk).exists():
        return redirect("appeals:appeal", pk)
    return redirect(reverse("appeals:my-inbox"))


def with_version(form: ActionForm, version: int) -> Any:
    """Give the form's data with the current version, to resubmit after a conflict."""
    data = form.data.copy()
    data[form.add_prefix("expected_version")] = str(version)
    return data


@require_POST
@staff_view
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one workflow action; a refusal or a conflict keeps what the person typed."""
    appeal = load(request.user, pk)
    row = rules_for(appeal.body).transition(action)
    if row is None or action in NOT_ON_PAGE:
        raise Http404
    form = action_form(request.user, appeal, row, request.POST)
    if not form.is_valid():
        return render_appeal(request, appeal, bound=form, status=400)
    data = form.action_data()
    if "target_appeal" in data:
        target = appeals_for(request.user).filter(body=appeal.body, number=data["target_appeal"])
        found = target.values_list("pk", flat=True).first()
        if found is None:
            form.add_error("target_appeal", _("No appeal of this body has that number."))
            return render_appeal(request, appeal, bound=form, status=400)
        data["target_appeal"] = str(found)
    try:
        check_transition(
            appeal.pk,
            action,
            request.user,  # type: ignore[arg-type]
            data,
            expected_version=form.cleaned_data["expected_version"],
        )
    except AppealConflict as conflict:
        fresh = load(request.user, pk)
        again = action_form(request.user, fresh, row, with_version(form, fresh.version))
        return render_appeal(request, fresh, bound=again, error=conflict.message, status=409)
    except TransitionNotAllowed as refused:
        return render_appeal(request, appeal, bound=form, error=refused.message, status=400)
    messages.success(request, _("Done: “%(action)s”.") % {"action": form.label})
    return after_change(request, pk)


@require_POST
@staff_view
def news_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Clear the mark of new information from the applicant (read; no step needed)."""
    appeal = load(request.user, pk)
    try:
        check_mark_news_read(request.user, appeal)  # type: ignore[arg-type]
    except TransitionNotAllowed as refused:
        messages.error(request, refused.message)
    return redirect("appeals:appeal", pk)
