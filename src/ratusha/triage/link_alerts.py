"""The alert that triage's duplicate links get noisy: officers reject many of them.

Once a day (``tasks.check_link_alerts``) each body's last 30 whole days are measured, in
the body's time zone, up to the day before the check: the pairs triage linked in the runs
of the appeals registered in them (``link_report.linked_pairs``, as the accuracy page
counts them), and how many of those pairs officers marked as not duplicates (marks still
standing: a withdrawn mark says the link was right after all). When at least
``RATUSHA_TRIAGE_LINK_ALERT_MIN_LINKS`` pairs were linked and the share marked reaches
``RATUSHA_TRIAGE_LINK_ALERT_SHARE``, the administrators of the body and of the bodies above
it get one e-mail each, in their language, and a ``LinkAlert`` row records it. The body is
not alerted again within 30 days of that alert, and a second check the same day finds the
row and sends nothing.

    >>> should_alert(links=40, marked=10, min_links=20, share=0.25)
    True
    >>> should_alert(links=19, marked=19, min_links=20, share=0.25)
    False
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ratusha.accounts.models import RoleGrant
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.triage.link_report import linked_pairs
from ratusha.triage.models import LinkAlert
from ratusha.triage.not_duplicates import marked_among
from ratusha_core.permissions import Role

WINDOW_DAYS = 30  # the days measured, ending the day before the check
QUIET_DAYS = 30  # no second alert for a body within this many days of its last one


@dataclass(frozen=True)
class LinkWindow:
    """The duplicate links of a body's appeals registered from ``start`` to ``end`` (included)."""

    start: date
    end: date
    links: int  # pairs triage linked
    marked: int  # of them, marked as not duplicates (standing marks)

    @property
    def share(self) -> float:
        return self.marked / self.links if self.links else 0.0


def should_alert(*, links: int, marked: int, min_links: int, share: float) -> bool:
    """Tell whether enough pairs were linked, and enough of them marked, to alert.

    The share is compared as a ratio, so 5 of 20 reaches 0.25 exactly.
    """
    return links > 0 and links >= min_links and marked / links >= share


def window_of(body: Body, now: datetime) -> tuple[date, date, datetime, datetime]:
    """Give the first and last day measured and the times they span (``until`` excluded)."""
    zone = ZoneInfo(body.time_zone)
    today = now.astimezone(zone).date()
    start = today - timedelta(days=WINDOW_DAYS)
    since = datetime.combine(start, time(), tzinfo=zone)
    until = datetime.combine(today, time(), tzinfo=zone)
    return start, today - timedelta(days=1), since, until


def measure(body: Body, now: datetime) -> LinkWindow:
    """Count the pairs linked in the body's window and how many officers marked apart."""
    start, end, since, until = window_of(body, now)
    pairs = linked_pairs(Appeal.objects.filter(body=body), since, until)
    return LinkWindow(start, end, len(pairs), len(marked_among(pairs)))


def administrators_of(body: Body) -> list[tuple[int, str, str]]:
    """Give (user id, e-mail, language) of the administrators of the body and those above it.

    One per address, in the order of the addresses; people without an address are left out.
    """
    grants = RoleGrant.objects.filter(
        role=Role.BODY_ADMIN.value, body_id__in=body.path_ids, user__is_active=True
    ).select_related("user")
    people: dict[str, tuple[int, str, str]] = {}
    for grant in sorted(grants, key=lambda g: g.user_id):
        user = grant.user
        if user.email:
            people.setdefault(user.email, (user.pk, user.email, user.preferred_language))
    return [people[email] for email in sorted(people)]


def latest_alert(body: Body) -> LinkAlert | None:
    """Give the body's last alert that was sent, if any (the accuracy page shows it)."""
    return (
        LinkAlert.objects.filter(body=body, sent_at__isnull=False).order_by("-window_start").first()
    )


def do_check_link_alert(
    body: Body, now: datetime, *, min_links: int, share: float
) -> LinkAlert | None:
    """Measure the body's window and e-mail its administrators if it calls for it.

    Gives the alert sent now, or None: too few links or marks, an alert within the last
    30 days, or one already sent for this window (by an earlier run the same day).
    """
    window = measure(body, now)
    if not should_alert(links=window.links, marked=window.marked, min_links=min_links, share=share):
        return None
    recently = LinkAlert.objects.filter(
        body=body,
        window_start__gt=window.start - timedelta(days=QUIET_DAYS),
        window_start__lt=window.start,
    )
    if recently.exists():
        return None
    alert = _alert_for(body, window)
    # Claim the sending in one guarded UPDATE, so two workers never both send.
    if not LinkAlert.objects.filter(pk=alert.pk, sent_at__isnull=True).update(sent_at=now):
        return None
    try:
        emails = _send(alert, body, min_links=min_links, share=share)
    except Exception:
        LinkAlert.objects.filter(pk=alert.pk).update(sent_at=None)  # the next run tries again
        raise
    LinkAlert.objects.filter(pk=alert.pk).update(emails=emails)
    alert.refresh_from_db()
    return alert


def _alert_for(body: Body, window: LinkWindow) -> LinkAlert:
    figures = {
        "window_end": window.end,
        "links": window.links,
        "marked": window.marked,
        "share": window.share,
    }
    try:
        with transaction.atomic():
            alert, _created = LinkAlert.objects.get_or_create(
                body=body, window_start=window.start, defaults=figures
            )
    except IntegrityError:  # another worker raised it at the same moment
        alert = LinkAlert.objects.get(body=body, window_start=window.start)
    return alert


def _send(alert: LinkAlert, body: Body, *, min_links: int, share: float) -> int:
    """E-mail the alert to each administrator in their language; give how many have it.

    Each one reached is stored at once, so a run that failed halfway and the next run
    that sends the rest never e-mail anyone twice.
    """
    link = settings.RATUSHA_BASE_URL.rstrip("/") + reverse("triage:accuracy", args=[body.pk])
    reached = set(alert.reached)
    for user_id, email, language in administrators_of(body):
        if user_id in reached:
            continue
        with translation.override(language or "be"):
            context = {
                "alert": alert,
                "body_name": body.name,
                "percent": alert.percent,
                "min_links": min_links,
                "share_percent": round(100 * share),
                "days": WINDOW_DAYS,
                "quiet_days": QUIET_DAYS,
                "link": f"{link}#links-heading",
            }
            subject = render_to_string("triage/email/link_alert_subject.txt", context)
            text = render_to_string("triage/email/link_alert.txt", context)
        send_mail(" ".join(subject.split()), text, None, [email])
        reached.add(user_id)
        LinkAlert.objects.filter(pk=alert.pk).update(reached=sorted(reached))
    return len(reached)
