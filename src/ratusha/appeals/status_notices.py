"""What the applicant is told when the body extends the term, forwards the appeal, leaves
it without consideration on the merits, joins it with another on the same question, or
asks the applicant for more information.

The statutory rules ask for a notice in the first three cases (``docs/appeals.md``): the
new term with the reasons, the competent body the appeal went to, the reason the appeal
is not considered and what the body explains. A joined (merged) applicant is told that
their appeal is considered together with others and that the one answer comes to them
too; never which other appeals (``appeals.joined``: each applicant learns only that
others share the question). A request for information carries the executor's question
and the link to reply on the tracking page. Once such a step commits
(``appeal_event_committed``), an e-mail goes to the applicant's address and, if they
asked for text messages, a short SMS with the tracking link (``sms_notices``); the
tracking page shows the same details under the step. Each is its own task, so a failing
mail server or gateway fails only that notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.appeals.applicant_language import language_of
from ratusha.appeals.forms_staff.labels import REASON_LABELS
from ratusha.appeals.models import Appeal, AppealEvent, NoticeKind
from ratusha.bodies.models import Body

NOTICE_ACTIONS = frozenset(
    {"extend_deadline", "forward", "leave_without_consideration", "merge", "ask_applicant"}
)


@dataclass(frozen=True)
class StepDetails:
    """What a noticed step tells the applicant, in the active language."""

    action: str
    new_due_date: date | None = None
    reason: str = ""  # the reasons for an extension, or the statutory reason in words
    explanation: str = ""  # what the body explains to the applicant
    forwarded_to: str = ""  # the competent body's name
    question: str = ""  # what the executor asks the applicant to tell or send


def _date(extra: dict[str, Any]) -> date | None:
    """Give the new term an extension event records (an ISO date), if any."""
    try:
        return date.fromisoformat(str(extra["new_due_date"]))
    except (KeyError, ValueError):
        return None


def step_details(event: AppealEvent) -> StepDetails | None:
    """Give the details of a noticed step, or None for any other step."""
    if event.action not in NOTICE_ACTIONS:
        return None
    extra = event.extra or {}
    if event.action == "extend_deadline":
        return StepDetails(event.action, new_due_date=_date(extra), reason=event.reason)
    if event.action == "forward":
        body = Body.objects.filter(pk=extra.get("target_body")).first()
        return StepDetails(event.action, forwarded_to=body.name if body else "")
    if event.action == "merge":
        return StepDetails(event.action)
    if event.action == "ask_applicant":
        return StepDetails(event.action, question=str(extra.get("question") or ""))
    label = REASON_LABELS.get(event.reason)
    return StepDetails(
        event.action,
        reason=str(label) if label else event.reason,
        explanation=str(extra.get("explanation") or ""),
    )


def subject_of(details: StepDetails, appeal: Appeal) -> str:
    """Give the e-mail subject in the active language."""
    number = {"number": appeal.number}
    if details.action == "extend_deadline":
        return _("The term for your appeal %(number)s is extended") % number
    if details.action == "forward":
        return _("Your appeal %(number)s is forwarded to another body") % number
    if details.action == "merge":
        return _("Your appeal %(number)s is considered together with others") % number
    if details.action == "ask_applicant":
        return _("Your appeal %(number)s: more information is needed") % number
    return _("Your appeal %(number)s is left without consideration") % number


def on_appeal_event(sender: Any, event: AppealEvent, **_kwargs: Any) -> None:
    """Queue the notices of a noticed step (a signal receiver, after the commit)."""
    from ratusha.appeals import sms_notices

    if event.action not in NOTICE_ACTIONS:
        return
    send_status_notice.enqueue(event.pk)
    sms_notices.enqueue_status_sms(event.appeal_id, event.pk)


def notice_of(event: AppealEvent) -> tuple[str, str] | None:
    """Give the subject and text of a noticed step in the applicant's language, or None.

    The e-mail sends them; the printable letter for an applicant without an e-mail
    address (``views_staff.letters``) shows them.
    """
    from ratusha.appeals.tasks import tracking_url

    appeal = event.appeal
    with translation.override(language_of(appeal)):
        details = step_details(event)
        if details is None:
            return None
        context = {"appeal": appeal, "details": details, "link": tracking_url(appeal)}
        return subject_of(details, appeal), render_to_string("appeals/email/status.txt", context)


@task()
def send_status_notice(event_id: int) -> str:
    """E-mail the applicant what the step means for their appeal, with the tracking link.

    An applicant without an e-mail address gets the same text as a letter the clerk posts
    (``undelivered.do_record_letter``).
    """
    from django.core.mail import send_mail

    from ratusha.appeals.undelivered import do_record_letter

    event = AppealEvent.objects.select_related("appeal__body").get(pk=event_id)
    notice = notice_of(event)
    if notice is None:
        return "not a noticed step"
    if not event.appeal.applicant_email:
        path = send_status_notice.module_path
        if do_record_letter(event.appeal, NoticeKind.STATUS, path, [event_id]):
            return "letter to post"
        return "no address"
    subject, body = notice
    send_mail(subject, body, None, [event.appeal.applicant_email])
    return "sent"


def connect() -> None:
    """Connect the receiver (called once from ``AppealsConfig.ready``)."""
    from ratusha.appeals.signals import appeal_event_committed

    appeal_event_committed.connect(
        on_appeal_event, sender=AppealEvent, dispatch_uid="appeals.status_notices"
    )
