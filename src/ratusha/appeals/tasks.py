"""Background work on appeals: processing after registration, e-mails, deadline reminders.

Each task reads the appeal afresh and is safe to run twice; a failure leaves the appeal
in the "pending processing" queue, from where it is retried.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.appeals import sms_notices
from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.choices import Processing, State
from ratusha.appeals.models import Answer, Appeal, AppealEvent, NoticeKind, ReminderSent
from ratusha.appeals.policy import local_today
from ratusha_core.workflow import CLOCK_RUNNING_STATES

log = logging.getLogger(__name__)


def tracking_url(appeal: Appeal) -> str:
    from ratusha.appeals.actions.registration import tracking_token

    path = reverse("appeals:track", args=[appeal.number, tracking_token(appeal)])
    return settings.RATUSHA_BASE_URL.rstrip("/") + path


def enqueue_after_registration(appeal_id: int) -> None:
    """Queue the one task that does everything after registration (the request's only insert)."""
    process_appeal.enqueue(appeal_id)


def record_registration(appeal_id: int) -> bool:
    """Announce a registration to the ledger and publication and queue the receipt, once.

    Runs in the worker after the registration committed, so a submission's request does
    no ledger or e-mail work. The listeners' writes, the receipt task and the move from
    "pending" to "recorded" commit together: a retry never announces an appeal twice, and
    a failure leaves it pending. Gives whether this call announced it.
    """
    from ratusha.appeals.signals import appeal_event_committed

    with transaction.atomic():
        pending = Appeal.objects.select_for_update().filter(
            pk=appeal_id, processing=Processing.PENDING
        )
        if not pending.exists():
            return False
        registered = (
            AppealEvent.objects.filter(appeal_id=appeal_id, action="register")
            .order_by("pk")
            .first()
        )
        if registered is not None:
            appeal_event_committed.send(sender=AppealEvent, event=registered)
        send_receipt.enqueue(appeal_id)
        sms_notices.enqueue_if_asked(sms_notices.send_receipt_sms, appeal_id)
        pending.update(processing=Processing.RECORDED, processing_error="")
    return True


def enqueue_answer_notice(appeal_id: int) -> None:
    send_answer_notice.enqueue(appeal_id)
    sms_notices.enqueue_if_asked(sms_notices.send_answer_sms, appeal_id)


def do_process(appeal: Appeal) -> None:
    """Send a registered appeal to triage, run the AI triage, and route it when confident.

    When the AI is not sure, the category the citizen chose routes the appeal to its
    default department, unless a clerk always decides that category's appeals
    (``Category.auto_route`` off); otherwise it stays in the clerk's triage queue with
    suggestions.
    An exception leaves the appeal pending (marked by ``process_appeal``) for a retry.
    """
    from ratusha.appeals.actions.transitions import check_transition
    from ratusha.triage.actions import do_triage_appeal

    if appeal.state == State.REGISTERED:
        check_transition(appeal.pk, "start_triage", None, as_system=True)
        appeal.refresh_from_db()
    if appeal.state != State.TRIAGE or appeal.department_id is not None:
        return
    from ratusha.triage.routing_rules import category_department

    result = do_triage_appeal(appeal)
    # The AI's department (or the body's duty one for an urgent appeal), else the one of
    # the citizen's category, unless a clerk always decides that category.
    department = result.routed_department_id or category_department(appeal)
    if department:
        check_transition(appeal.pk, "assign", None, {"department": str(department)}, as_system=True)


@task()
def process_appeal(appeal_id: int) -> str:
    """Run the work that follows registration; mark the appeal processed.

    First the registration is recorded (ledger, publication, receipt e-mail queued), once;
    then the appeal goes to triage. A failure in triage marks it failed, for a retry.
    """
    appeal = Appeal.objects.select_related("category").get(pk=appeal_id)
    if appeal.processing == Processing.DONE:
        return "already processed"
    try:
        record_registration(appeal_id)
    except Exception as exc:
        # Still pending (nothing was recorded), with the reason shown in the queue.
        Appeal.objects.filter(pk=appeal_id).update(
            processing_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    try:
        do_process(appeal)
    except Exception as exc:
        Appeal.objects.filter(pk=appeal_id).update(
            processing=Processing.FAILED, processing_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    Appeal.objects.filter(pk=appeal_id).update(processing=Processing.DONE, processing_error="")
    return "processed"


def _mail(appeal: Appeal, subject: str, template: str, context: dict[str, object]) -> None:
    if not appeal.applicant_email:
        return
    with translation.override(language_of(appeal)):
        body = render_to_string(template, {"appeal": appeal, **context})
        send_mail(subject_text(subject, appeal), body, None, [appeal.applicant_email])


def subject_text(kind: str, appeal: Appeal) -> str:
    if kind == "receipt":
        return _("Your appeal is registered: %(number)s") % {"number": appeal.number}
    return _("Answer to your appeal %(number)s") % {"number": appeal.number}


@task()
def send_receipt(appeal_id: int) -> str:
    """E-mail the applicant the registration number and the tracking link."""
    appeal = Appeal.objects.select_related("body").get(pk=appeal_id)
    _mail(appeal, "receipt", "appeals/email/receipt.txt", {"link": tracking_url(appeal)})
    return "sent"


def answer_letter(appeal: Appeal, answer: Answer | None = None) -> tuple[str, str]:
    """Give the subject and text of the answer notice in the applicant's language.

    The e-mail sends them (the latest answer, just approved); the printable letter for an
    applicant without an e-mail address (``views_staff.letters``) shows them for the
    answer it names, the latest one sent, since a reopened appeal may have a newer draft.
    """
    if answer is None:
        answer = appeal.answers.order_by("-drafted_at", "-pk").first()
    context = {"appeal": appeal, "link": tracking_url(appeal), "answer": answer}
    with translation.override(language_of(appeal)):
        text = render_to_string("appeals/email/answer.txt", context)
        return subject_text("answer", appeal), text


@task()
def send_answer_notice(appeal_id: int) -> str:
    """E-mail the applicant the answer and the link to rate it; queue a letter to post for one
    without an e-mail address or who asked for the answer on paper (first, so that a failed
    e-mail leaves the letter waiting)."""
    from ratusha.appeals.undelivered import do_record_letter

    appeal = Appeal.objects.select_related("body").get(pk=appeal_id)
    path = send_answer_notice.module_path
    posted = do_record_letter(appeal, NoticeKind.ANSWER, path, [appeal_id])
    if not appeal.applicant_email:
        return "letter to post" if posted else "no address"
    subject, text = answer_letter(appeal)
    send_mail(subject, text, None, [appeal.applicant_email])
    return "sent and letter to post" if posted else "sent"


def executor_and_heads(appeal: Appeal) -> list[tuple[str, str]]:
    """Give the e-mail and language of the appeal's executor and its department's heads."""
    from ratusha.accounts.models import RoleGrant

    people = []
    if appeal.executor is not None:
        people.append((appeal.executor.email, appeal.executor.preferred_language))
    heads = RoleGrant.objects.filter(
        department_id=appeal.department_id, role="department_head"
    ).select_related("user")
    people += [(g.user.email, g.user.preferred_language) for g in heads]
    return sorted(set(people))


def reminder_kind(appeal: Appeal, today: object) -> str | None:
    """Give which reminder is due for the appeal today: 3 days, 1 day, or overdue."""
    if appeal.due_date is None:
        return None
    left = (appeal.due_date - today).days  # type: ignore[operator]
    return {3: "3_days", 1: "1_day"}.get(left) or ("overdue" if left < 0 else None)


@task()
def send_deadline_reminders() -> int:
    """E-mail executors and heads 3 days and 1 day before a term ends, and once on overdue.

    On overdue the applicant is told too (``send_overdue_notice`` by e-mail, and by SMS
    when asked for), unless ``RATUSHA_TELL_APPLICANT_OVERDUE`` is off.
    """
    now = timezone.now()
    sent = 0
    candidates = (
        Appeal.objects.filter(
            state__in=[str(state) for state in CLOCK_RUNNING_STATES], department__isnull=False
        )
        .filter(due_date__lte=(now + timedelta(days=4)).date())
        .select_related("body", "executor", "department")
    )
    # Read whole before writing: an open read cursor across writes fails on SQLite (WAL).
    for appeal in list(candidates):
        kind = reminder_kind(appeal, local_today(appeal.body, now))
        if kind is None:
            continue
        with transaction.atomic():
            _record, created = ReminderSent.objects.get_or_create(
                appeal=appeal, kind=kind, due_date=appeal.due_date
            )
            if not created:
                continue
            for email, language in executor_and_heads(appeal):
                with translation.override(language):
                    subject = _("Term of appeal %(number)s: %(when)s") % {
                        "number": appeal.number,
                        "when": reminder_label(kind),
                    }
                    body = render_to_string(
                        "appeals/email/reminder.txt", {"appeal": appeal, "kind": kind}
                    )
                send_mail(subject, body, None, [email])
                sent += 1
            if kind == "overdue" and settings.RATUSHA_TELL_APPLICANT_OVERDUE:
                transaction.on_commit(lambda pk=appeal.pk: send_overdue_notice.enqueue(pk))
                transaction.on_commit(
                    lambda pk=appeal.pk: sms_notices.enqueue_if_asked(
                        sms_notices.send_overdue_sms, pk
                    )
                )
    return sent


@task()
def send_overdue_notice(appeal_id: int) -> str:
    """E-mail the applicant, once, that the answer is late and the staff were reminded."""
    appeal = Appeal.objects.select_related("body").get(pk=appeal_id)
    if not appeal.applicant_email:
        return "no e-mail address"
    if appeal.state not in {str(state) for state in CLOCK_RUNNING_STATES}:
        return "no longer waiting"  # answered or closed since the reminder
    context = {"appeal": appeal, "link": tracking_url(appeal)}
    with translation.override(language_of(appeal)):
        subject = _("The answer to your appeal %(number)s is late") % {"number": appeal.number}
        text = render_to_string("appeals/email/overdue.txt", context)
    send_mail(subject, text, None, [appeal.applicant_email])
    return "sent"


def reminder_label(kind: str) -> str:
    return {
        "3_days": _("3 days left"),
        "1_day": _("1 day left"),
        "overdue": _("overdue"),
    }[kind]
