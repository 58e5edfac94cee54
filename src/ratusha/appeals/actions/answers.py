"""Answers: the executor drafts, the head approves (then it is sent), the citizen rates."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.accounts.models import User
from ratusha.appeals.actions.clusters import do_answer_merged
from ratusha.appeals.actions.errors import AppealConflict, AppealInvalid, TransitionNotAllowed
from ratusha.appeals.actions.transitions import acting_roles, do_transition
from ratusha.appeals.choices import State
from ratusha.appeals.models import Answer, Appeal, NoticeKind, Rating
from ratusha_core.workflow import ActorRole

# Sent inside the approval's transaction with (answer, approver): the signing issue hooks here.
answer_approved = Signal()


def _locked(appeal_id: int, expected_version: int | None) -> Appeal:
    appeal = Appeal.objects.select_for_update().select_related("body").get(pk=appeal_id)
    if expected_version is not None and appeal.version != expected_version:
        raise AppealConflict(
            _("Someone else changed this appeal meanwhile. Reload it and try again.")
        )
    return appeal


def _role(user: User, appeal: Appeal, wanted: Iterable[ActorRole]) -> ActorRole:
    for role in acting_roles(user, appeal):
        if role in wanted:
            return role
    raise TransitionNotAllowed(
        _("Your role does not allow this action on this appeal."), "role_not_permitted"
    )


def check_draft_answer(
    appeal_id: int,
    user: User,
    text: str,
    answered_questions: Iterable[int],
    expected_version: int | None = None,
) -> Answer:
    """Store the executor's draft, mark the questions it answers, and submit it for approval."""
    if len(text.strip()) < 10:
        raise AppealInvalid({"text": [_("Write the answer on the merits.")]})
    with transaction.atomic():
        appeal = _locked(appeal_id, expected_version)
        role = _role(user, appeal, (ActorRole.DEPARTMENT_OFFICER, ActorRole.DEPARTMENT_HEAD))
        now = timezone.now()
        if appeal.state == State.ASSIGNED:
            do_transition(appeal, "start_work", role, {}, user, now)
        chosen = set(answered_questions)
        for question in appeal.questions.all():
            answered = question.pk in chosen
            if question.answered != answered:
                question.answered = answered
                question.save(update_fields=["answered"])
        answer = Answer.objects.create(
            appeal=appeal, text=text.strip(), drafted_by=user, drafted_at=now
        )
        do_transition(appeal, "draft_answer", role, {"answer": str(answer.pk)}, user, now)
    return answer


def delivery_of(appeal: Appeal) -> str:
    """Tell how the answer reaches the applicant: by e-mail, by post (without an e-mail
    address), or both (asked for on paper)."""
    from ratusha.appeals.undelivered import posts_letters

    if not appeal.applicant_email.strip():
        return "post"
    return "email_post" if posts_letters(appeal, NoticeKind.ANSWER) else "email"


def check_approve_answer(appeal_id: int, user: User, expected_version: int | None = None) -> Answer:
    """The head approves the latest draft; it is sent to the applicant at once."""
    from ratusha.appeals import tasks

    with transaction.atomic():
        appeal = _locked(appeal_id, expected_version)
        role = _role(user, appeal, (ActorRole.DEPARTMENT_HEAD,))
        answer = appeal.answers.order_by("-drafted_at", "-pk").first()
        if answer is None:
            raise TransitionNotAllowed(_("There is no draft answer to approve."), "no_draft")
        now = timezone.now()
        do_transition(appeal, "approve_answer", role, {}, user, now)
        answer.approved_by, answer.approved_at = user, now
        answer.save(update_fields=["approved_by", "approved_at"])
        answer_approved.send(sender=Answer, answer=answer, approver=user)
        delivery = {"delivery": delivery_of(appeal)}
        do_transition(appeal, "send_answer", ActorRole.SYSTEM, delivery, None, now)
        answer.sent_at = now
        answer.save(update_fields=["sent_at"])
        do_answer_merged(appeal, answer, user, now)  # the same answer to appeals merged in
        transaction.on_commit(lambda: tasks.enqueue_answer_notice(appeal.pk))
    return answer


def check_rate_answer(appeal: Appeal, score: int, comment: str = "") -> Rating:
    """Record (or change) the citizen's rating of the answer."""
    if appeal.state not in (State.ANSWERED, State.CLOSED):
        raise TransitionNotAllowed(
            _("You can rate the answer once it has been sent."), "not_answered"
        )
    if score not in range(1, 6):
        raise AppealInvalid({"score": [_("Choose a rating from 1 to 5.")]})
    rating, _created = Rating.objects.update_or_create(
        appeal=appeal, defaults={"score": score, "comment": comment.strip()[:2000]}
    )
    return rating
