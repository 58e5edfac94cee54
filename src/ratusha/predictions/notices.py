"""E-mails to department heads: a spike above the forecast, and the daily high-risk digest."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ratusha.accounts.models import RoleGrant
from ratusha.appeals.models import Appeal
from ratusha.predictions.models import DeadlineRisk, SpikeAlert
from ratusha.predictions.queries import alert_label


def heads_of(department_id: int | None) -> list[tuple[str, str]]:
    """Give (e-mail, language) of the department's heads, sorted."""
    if department_id is None:
        return []
    grants = RoleGrant.objects.filter(department_id=department_id, role="department_head")
    people = {(g.user.email, g.user.preferred_language) for g in grants.select_related("user")}
    return sorted(p for p in people if p[0])


def _link(name: str, *args: object) -> str:
    return settings.RATUSHA_BASE_URL.rstrip("/") + reverse(name, args=args)


def send_spike_alert(alert_id: int, now: datetime) -> int:
    """E-mail the heads about a spike alert not told yet; give how many e-mails were sent."""
    alert = SpikeAlert.objects.select_related("body", "department", "category").get(pk=alert_id)
    if alert.notified_at is not None:
        return 0
    department = alert.department_id or (
        alert.category.default_department_id if alert.category else None
    )
    people = heads_of(department)
    for email, language in people:
        with translation.override(language or "be"):
            subject = _("More appeals than expected: %(what)s") % {"what": alert_label(alert)}
            body = render_to_string(
                "predictions/email/spike.txt",
                {
                    "alert": alert,
                    "what": alert_label(alert),
                    "link": _link("predictions:overview", alert.body_id),
                },
            )
        send_mail(subject, body, None, [email])
    # Mark it told in one UPDATE guarded by notified_at, so a retried task sends nothing twice.
    SpikeAlert.objects.filter(pk=alert.pk, notified_at__isnull=True).update(
        notified_at=now, recipients=[e for e, _ in people]
    )
    return len(people)


def send_risk_digest(
    department_id: int, appeal_ids: list[int], recipients: list[tuple[str, str]]
) -> None:
    """E-mail the department's heads the list of its appeals likely to miss their deadline."""
    appeals = list(Appeal.objects.filter(pk__in=appeal_ids).order_by("due_date", "pk"))
    found = DeadlineRisk.objects.filter(appeal_id__in=appeal_ids)
    risks = dict(found.values_list("appeal_id", "probability"))
    rows = [
        {
            "number": a.number,
            "due": a.due_date,
            "percent": round(100 * risks.get(a.pk, 0.0)),
            "link": _link("appeals:appeal", a.pk),
        }
        for a in appeals
    ]
    for email, language in recipients:
        with translation.override(language or "be"):
            subject = _("%(count)d appeals may miss their deadline") % {"count": len(rows)}
            body = render_to_string(
                "predictions/email/risk_digest.txt",
                {"rows": rows, "inbox": _link("appeals:department-inbox", department_id)},
            )
        send_mail(subject, body, None, [email])
