"""Background work of AI triage: e-mail heads about urgent appeals, retrain due models,
alert administrators when officers reject many duplicate links."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ratusha.accounts.models import RoleGrant
from ratusha.appeals.models import Appeal
from ratusha.triage.models import TriageResult


def urgent_recipients(appeal: Appeal, result: TriageResult) -> list[tuple[str, str]]:
    """Give (e-mail, language) of the heads of the appeal's department, or of the suggested one.

    With no department at all, the body's registry clerks are told instead.
    """
    department = appeal.department_id or result.routed_department_id
    if department is None and result.departments:
        department = int(result.departments[0][0])
    grants = RoleGrant.objects.filter(department_id=department, role="department_head")
    if department is None or not grants.exists():
        grants = RoleGrant.objects.filter(body_id=appeal.body_id, role="registry_clerk")
    people = {(g.user.email, g.user.preferred_language) for g in grants.select_related("user")}
    return sorted(p for p in people if p[0])


@task()
def notify_urgent(appeal_id: int) -> int:
    """E-mail the department head at once about an urgent or emergency appeal."""
    appeal = Appeal.objects.select_related("body").get(pk=appeal_id)
    result = TriageResult.objects.get(appeal=appeal)
    from ratusha.triage.presentation import urgency_reason_labels

    sent = 0
    for email, language in urgent_recipients(appeal, result):
        with translation.override(language or "be"):
            subject = _("Urgent appeal %(number)s") % {"number": appeal.number}
            body = render_to_string(
                "triage/email/urgent.txt",
                {
                    "appeal": appeal,
                    "result": result,
                    "reasons": urgency_reason_labels(result.urgency_reasons),
                },
            )
        send_mail(subject, body, None, [email])
        sent += 1
    return sent


@task()
def retrain_models() -> list[str]:
    """Retrain the bodies whose corrections passed the threshold or whose model is old."""
    from ratusha.triage.actions import retrain_due_bodies

    return retrain_due_bodies()


@task()
def embed_history(body_id: int) -> int:
    """Store the sentence vectors of the appeals the body's next trainings read (models page)."""
    from ratusha.triage.actions_models import do_embed_history

    return do_embed_history(body_id)


@task()
def retrain_model(body_id: int, target: str) -> int | None:
    """Train a new version of one of the body's models now; active unless a pin holds another."""
    from ratusha.triage.actions_models import do_retrain

    return do_retrain(body_id, target)


@task()
def check_link_alerts() -> dict[str, int]:
    """E-mail the administrators of each body whose duplicate links officers reject often.

    Daily (``ratusha.scheduling``); gives the e-mails sent per body alerted. A second run
    the same day sends nothing (``link_alerts.do_check_link_alert``).
    """
    from django.conf import settings
    from django.utils import timezone

    from ratusha.bodies.models import Body
    from ratusha.triage.link_alerts import do_check_link_alert

    now = timezone.now()
    with_appeals = Appeal.objects.values("body_id")
    sent: dict[str, int] = {}
    for body in Body.objects.filter(is_active=True, pk__in=with_appeals).order_by("pk"):
        alert = do_check_link_alert(
            body,
            now,
            min_links=settings.RATUSHA_TRIAGE_LINK_ALERT_MIN_LINKS,
            share=settings.RATUSHA_TRIAGE_LINK_ALERT_SHARE,
        )
        if alert is not None:
            sent[body.code] = alert.emails
    return sent
