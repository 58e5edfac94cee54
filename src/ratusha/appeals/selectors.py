"""Staff reads of appeals: inboxes sorted by deadline risk, filters, search, queues, register.

Every queryset here starts from ``access.appeals_for(user)``, so a list never shows an
appeal the appeal page would refuse.

Deadline risk: open appeals (the term still runs) come first: urgent ones, then overdue
ones, then by the predicted chance of missing the deadline (``ratusha.predictions``; none
yet for a new appeal), then by due date; the rest (answered, closed, forwarded...) follow,
newest first. The ordering is in SQL, on stored columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from ratusha.accounts.models import RoleGrant
from ratusha.accounts.permissions import grants_of
from ratusha.appeals.access import appeals_for
from ratusha.appeals.choices import Processing, State
from ratusha.appeals.models import (
    Appeal,
    NoticeChannel,
    NoticeResolution,
    UndeliveredNotice,
)
from ratusha.bodies.models import Body, Department
from ratusha.predictions.queries import annotate_risk
from ratusha_core.permissions import Role
from ratusha_core.workflow import CLOCK_RUNNING_STATES

PAGE_SIZE = 50
REGISTER_LIMIT = 5000
REST_COUNT_LIMIT = 5000
# A search that matches many appeals ("house 17") would count thousands of settled ones
# through a substring match of each text; a few hundred say enough (inbox_latency.md).
SEARCH_COUNT_LIMIT = 500
RUNNING = sorted(str(s) for s in CLOCK_RUNNING_STATES)
# States from which an appeal is assigned (not reassigned) to a department.
PENDING_GRACE = timedelta(minutes=1)


@dataclass(frozen=True)
class InboxFilters:
    """What a person narrowed the inbox to; empty values mean "any"."""

    status: str = ""
    category: int | None = None
    executor: int | None = None
    due_after: date | None = None
    due_before: date | None = None
    channel: str = ""
    search: str = ""


@dataclass(frozen=True)
class InboxRow:
    """One appeal in an inbox with its deadline reading for today."""

    appeal: Appeal
    is_open: bool
    days_left: int | None
    status: str = ""

    @property
    def risk_percent(self) -> int | None:
        """Give the predicted chance of missing the deadline in percent, for open appeals."""
        risk = getattr(self.appeal, "deadline_risk", None)
        if not self.is_open or risk is None or self.overdue:
            return None
        return round(float(risk) * 100)

    @property
    def overdue(self) -> bool:
        """Tell whether the term of an open appeal has run out."""
        return self.is_open and self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def term_note(self) -> str:
        """Give "overdue by 3 days", "due today", "5 days left", or "" for a settled appeal."""
        left = self.days_left
        if not self.is_open or left is None:
            return ""
        if left < 0:
            return ngettext("overdue by %(days)d day", "overdue by %(days)d days", -left) % {
                "days": -left
            }
        if left == 0:
            return gettext("due today")
        return ngettext("%(days)d day left", "%(days)d days left", left) % {"days": left}

    @property
    def due_soon(self) -> bool:
        return self.is_open and self.days_left is not None and 0 <= self.days_left <= 3


def local_today(time_zone: str, now: datetime | None = None) -> date:
    """Give today's date in a body's time zone."""
    return (now or timezone.now()).astimezone(ZoneInfo(time_zone)).date()


class RiskOrdered:
    """Appeals by deadline risk, as two index-friendly queries read one after the other.

    Open appeals (term running) by due date, so overdue ones lead; then the rest, newest
    first. Sorting on one CASE expression instead would make the database sort every
    appeal of the department on each page view (60,000 rows in a busy one); split, the
    open part is small and the rest reads in the order of the ``registered_at`` index.
    A page first reads only ids (a narrow sort), then those appeals with their joins.
    The count of settled appeals stops at REST_COUNT_LIMIT (``truncated`` says so): deep
    pages of old appeals are reached with filters, not by paging through 50,000 rows.
    Django's Paginator takes it like a queryset: ``count()`` and slices.
    """

    ordered = True

    def __init__(self, queryset: models.QuerySet[Appeal]) -> None:
        running = Q(state__in=RUNNING)
        self.listing = queryset
        today = timezone.localdate()
        overdue = Case(When(due_date__lt=today, then=Value(1)), default=Value(0))
        self.open = annotate_risk(queryset.filter(running)).order_by(
            F("triage_result__urgency_rank").desc(nulls_last=True),  # urgent appeals lead
            overdue.desc(),
            F("deadline_risk").desc(nulls_last=True),
            F("due_date").asc(nulls_last=True),
            "-registered_at",
            "-pk",
        )
        self.rest = queryset.exclude(running).order_by("-registered_at", "-pk")
        self._counts: tuple[int, int] | None = None
        self.searched = False  # a search counts fewer settled appeals (SEARCH_COUNT_LIMIT)

    def filter(self, *args: Any, **kwargs: Any) -> RiskOrdered:
        """Give the same ordering over a narrower set."""
        narrower = RiskOrdered(self.listing.filter(*args, **kwargs))
        narrower.searched = self.searched
        return narrower

    @property
    def count_limit(self) -> int:
        """Give how many settled appeals are counted at most."""
        return SEARCH_COUNT_LIMIT if self.searched else REST_COUNT_LIMIT

    def _count(self) -> tuple[int, int]:
        if self._counts is None:
            rest = self.rest.order_by().values("pk")[: self.count_limit + 1].count()
            self._counts = (self.open.order_by().count(), rest)
        return self._counts

    @property
    def open_count(self) -> int:
        return self._count()[0]

    @property
    def truncated(self) -> bool:
        """Tell whether there are more settled appeals than the count reached."""
        return self._count()[1] > self.count_limit

    def count(self) -> int:
        open_count, rest = self._count()
        return open_count + min(rest, self.count_limit)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Appeal]:
        start, stop = key.start or 0, key.stop
        if stop is None:
            stop = self.count()
        ids: list[int] = []
        if start < self.open_count:
            ids += self.open.values_list("pk", flat=True)[start : min(stop, self.open_count)]
        if stop > self.open_count:
            first, last = max(0, start - self.open_count), stop - self.open_count
            ids += self.rest.values_list("pk", flat=True)[first:last]
        if not ids:
            return []
        found = annotate_risk(self.listing.order_by()).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def by_deadline_risk(queryset: models.QuerySet[Appeal]) -> RiskOrdered:
    """Give appeals ordered overdue first, then due soonest, then the rest newest first."""
    return RiskOrdered(queryset)


def apply_filters(queryset: RiskOrdered, filters: InboxFilters, today: date) -> RiskOrdered:
    """Narrow an inbox by status, category, executor, due date, channel and a search text.

    The search is a case-insensitive substring match on the number, the applicant's name
    and the text (``icontains``), which PostgreSQL answers from trigram indexes (appeals
    migration 0004) for words of three characters or more. A search counts at most
    SEARCH_COUNT_LIMIT settled appeals: a common word matches most of them.
    """
    if filters.status == "open":
        queryset = queryset.filter(state__in=RUNNING)
    elif filters.status == "overdue":
        queryset = queryset.filter(state__in=RUNNING, due_date__lt=today)
    elif filters.status == "waiting_applicant":
        queryset = queryset.filter(information_requested_at__isnull=False)
    elif filters.status == "applicant_news":
        queryset = queryset.filter(applicant_news_at__isnull=False)
    elif filters.status:
        queryset = queryset.filter(state=filters.status)
    if filters.category is not None:
        queryset = queryset.filter(category_id=filters.category)
    if filters.executor is not None:
        queryset = queryset.filter(executor_id=filters.executor)
    if filters.due_after is not None:
        queryset = queryset.filter(due_date__gte=filters.due_after)
    if filters.due_before is not None:
        queryset = queryset.filter(due_date__lte=filters.due_before)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    words = filters.search.split()
    for word in words[:5]:
        queryset = queryset.filter(
            Q(number__icontains=word) | Q(applicant_name__icontains=word) | Q(text__icontains=word)
        )
    if words:
        queryset.searched = True  # a new object of the filters above: the caller's is intact
    return queryset


def _listing(queryset: models.QuerySet[Appeal]) -> models.QuerySet[Appeal]:
    return queryset.select_related("body", "category", "department", "executor").defer(
        "text", "processing_error"
    )


def department_inbox(user: Any, department: Department) -> RiskOrdered:
    """Give the appeals of a department the user may see, by deadline risk."""
    return by_deadline_risk(_listing(appeals_for(user).filter(department=department)))


def executor_inbox(user: Any) -> RiskOrdered:
    """Give the appeals the user executes ("my appeals"), by deadline risk."""
    return by_deadline_risk(_listing(appeals_for(user).filter(executor=user)))


def body_inbox(user: Any, body: Body) -> RiskOrdered:
    """Give all the appeals of a body the user may see, by deadline risk."""
    return by_deadline_risk(_listing(appeals_for(user).filter(body=body)))


def rows_of(appeals: Iterable[Appeal], now: datetime | None = None) -> list[InboxRow]:
    """Give inbox rows with days left counted in each appeal's body time zone."""
    moment = now or timezone.now()
    today_of: dict[str, date] = {}
    labels = dict(State.choices)  # get_state_display() per row is slow (hashes the choices)
    rows = []
    for appeal in appeals:
        zone = appeal.body.time_zone
        if zone not in today_of:
            today_of[zone] = local_today(zone, moment)
        left = None if appeal.due_date is None else (appeal.due_date - today_of[zone]).days
        rows.append(
            InboxRow(
                appeal=appeal,
                is_open=appeal.state in RUNNING,
                days_left=left,
                status=str(labels.get(appeal.state, appeal.state)),
            )
        )
    return rows


def holds_body_role(user: Any, body: Body, roles: Sequence[Role]) -> bool:
    """Tell whether the user holds one of the roles in this body (or above it, for admins)."""
    for grant in grants_of(user):
        if grant.role is Role.SYSTEM_ADMIN:
            return True
        if grant.role not in roles or grant.body_id is None:
            continue
        if grant.role is Role.REGISTRY_CLERK and grant.body_id == body.pk:
            return True
        if grant.role in (Role.BODY_ADMIN, Role.AUDITOR) and grant.body_id in body.path_ids:
            return True
    return False


# The roles that register appeals and work a body's queues.
QUEUE_ROLES = (Role.REGISTRY_CLERK, Role.BODY_ADMIN)


def may_register(user: Any, body: Body) -> bool:
    """Tell whether the user may register appeals and work the queues of the body."""
    return holds_body_role(user, body, QUEUE_ROLES)


def may_see_body_wide(user: Any, body: Body) -> bool:
    """Tell whether the user sees all the appeals of a body (clerk, admin, auditor)."""
    return holds_body_role(user, body, (Role.REGISTRY_CLERK, Role.BODY_ADMIN, Role.AUDITOR))


def assignable_departments(body: Body) -> list[Department]:
    """Give the active departments of a body an appeal can be assigned to.

    Everyone who may assign sees every department of the body as a target (a head sends
    an appeal that is not theirs to another department); the action checks the role.
    """
    return list(Department.objects.filter(body=body, is_active=True).order_by("code"))


def executors_by_department(
    departments: Iterable[Department],
) -> dict[int, list[tuple[int, str]]]:
    """Give, per department, the people who may execute its appeals (officers and heads)."""
    found: dict[int, list[tuple[int, str]]] = {}
    grants = (
        RoleGrant.objects.filter(
            department__in=[d.pk for d in departments],
            role__in=[Role.DEPARTMENT_OFFICER.value, Role.DEPARTMENT_HEAD.value],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    for grant in grants:
        people = found.setdefault(grant.department_id or 0, [])
        if all(pk != grant.user_id for pk, _name in people):
            people.append((grant.user_id, grant.user.full_name or grant.user.email))
    return found


def pending_queue(user: Any, body: Body, now: datetime | None = None) -> models.QuerySet[Appeal]:
    """Give appeals whose processing failed, or is pending for longer than a minute."""
    moment = now or timezone.now()
    waiting = Q(
        processing__in=[Processing.PENDING, Processing.RECORDED],
        registered_at__lt=moment - PENDING_GRACE,
    )
    return (
        appeals_for(user)
        .filter(body=body)
        .filter(waiting | Q(processing=Processing.FAILED))
        .select_related("body")
        .order_by("registered_at", "pk")
    )


def triage_queue(user: Any, body: Body) -> models.QuerySet[Appeal]:
    """Give the clerk's triage queue: appeals in triage that have no department yet."""
    return (
        appeals_for(user)
        .filter(body=body, state=State.TRIAGE, department__isnull=True)
        .select_related("body", "category")
        .order_by("registered_at", "pk")
    )


def register_rows(user: Any, body: Body, first: date, last: date) -> list[Appeal]:
    """Give the appeals registered in the body in a period (local days, both included).

    At most REGISTER_LIMIT + 1 rows come back, so the caller can tell the period is too long.
    """
    zone = ZoneInfo(body.time_zone)
    start = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    return list(
        appeals_for(user)
        .filter(body=body, registered_at__gte=start, registered_at__lt=end)
        .select_related("executor")
        .prefetch_related("co_applicants")
        .defer("text", "processing_error")
        .order_by("registered_at", "sequence")[: REGISTER_LIMIT + 1]
    )


def related_appeals(user: Any, appeal: Appeal, *, days: int = 90) -> dict[str, list[Appeal]]:
    """Give the appeals linked to this one that the user may see, by kind of link."""
    visible = appeals_for(user).only(
        "pk", "number", "state", "registered_at", "summary", "merged_into", "complaint_about"
    )
    links: dict[str, list[Appeal]] = {
        "merged_into": [],
        "merged": [],
        "complaint_about": [],
        "complaints": [],
        "same_applicant": [],
    }
    link_q = Q(merged_into=appeal) | Q(complaint_about=appeal)
    ids = [i for i in (appeal.merged_into_id, appeal.complaint_about_id) if i is not None]
    if ids:
        link_q |= Q(pk__in=ids)
    for other in visible.filter(link_q).exclude(pk=appeal.pk).order_by("registered_at")[:50]:
        if other.pk == appeal.merged_into_id:
            links["merged_into"].append(other)
        if other.pk == appeal.complaint_about_id:
            links["complaint_about"].append(other)
        if other.merged_into_id == appeal.pk:
            links["merged"].append(other)
        if other.complaint_about_id == appeal.pk:
            links["complaints"].append(other)
    if appeal.applicant_email:
        since = appeal.registered_at - timedelta(days=days)
        links["same_applicant"] = list(
            visible.filter(applicant_email=appeal.applicant_email, registered_at__gte=since)
            .exclude(pk=appeal.pk)
            .order_by("-registered_at")[:10]
        )
    return links


def body_notices(user: Any, body: Body) -> models.QuerySet[UndeliveredNotice]:
    """Give the undelivered notices (resolved or not) of the body's appeals the user may read."""
    readable = appeals_for(user).filter(body=body).values("pk")
    return UndeliveredNotice.objects.filter(body=body, appeal__in=readable).select_related("appeal")


# How long a clerk can take back "posted" or "delivered otherwise", and how many of the
# latest such rows the queue lists below the waiting ones.
UNDO_DAYS = 7
RECENT_ROWS = 20


def recently_resolved(user: Any, body: Body, now: datetime | None = None) -> list[Any]:
    """Give the body's notices resolved in the last ``UNDO_DAYS`` days, newest first."""
    since = (now or timezone.now()) - timedelta(days=UNDO_DAYS)
    return list(
        body_notices(user, body)
        .filter(resolved_at__gte=since)
        .select_related("resolved_by")
        .defer("appeal__text", "appeal__processing_error")
        .order_by("-resolved_at", "-pk")[:RECENT_ROWS]
    )


def undelivered_counts(user: Any, bodies: Iterable[Body]) -> dict[int, int]:
    """Give, by body id, how many undelivered notices wait for a clerk, in one query.

    Only notices of appeals the user may read; the staff home shows the count beside each
    body's queue link (a body without any is left out).
    """
    rows = (
        UndeliveredNotice.objects.filter(
            body__in=[b.pk for b in bodies],
            resolved_at__isnull=True,
            appeal__in=appeals_for(user).values("pk"),
        )
        .order_by()
        .values("body_id")
        .annotate(count=models.Count("pk"))
        .values_list("body_id", "count")
    )
    return dict(rows)


def undelivered_queue(user: Any, body: Body) -> models.QuerySet[UndeliveredNotice]:
    """Give the body's notices that failed and wait for a clerk, oldest first.

    Only notices of appeals the user may read; ``body`` is stored on each notice, so the
    queue reads the partial index of unresolved ones (appeals migration 0010).
    """
    return (
        body_notices(user, body)
        .filter(resolved_at__isnull=True)
        .defer("appeal__text", "appeal__processing_error")
        .order_by("failed_at", "pk")
    )


def answer_letter(appeal: Appeal, answer: Any) -> UndeliveredNotice | None:
    """Give the letter of a sent answer (waiting to be posted, or posted), for the tracking
    page of an applicant who gets the answer on paper; None when none was recorded."""
    from ratusha.appeals.undelivered import answer_letters

    if answer is None or answer.sent_at is None:
        return None
    letters = answer_letters(appeal, answer.sent_at)
    return letters.exclude(resolution=NoticeResolution.OTHERWISE).order_by("-pk").first()


# The most letters one posted register lists (a busy day posts dozens).
POSTED_LIMIT = 1000


def posted_between(user: Any, body: Body, first: date, last: date) -> list[UndeliveredNotice]:
    """Give the body's letters marked posted from ``first`` to ``last`` (local days), in the
    order they were marked, with who marked them; at most ``POSTED_LIMIT``."""
    zone = ZoneInfo(body.time_zone)
    start = datetime.combine(first, time.min, zone)
    end = datetime.combine(last + timedelta(days=1), time.min, zone)
    return list(
        body_notices(user, body)
        .filter(
            channel=NoticeChannel.POST,
            resolution=NoticeResolution.POSTED,
            resolved_at__gte=start,
            resolved_at__lt=end,
        )
        .select_related("resolved_by")
        .defer("appeal__text", "appeal__processing_error")
        .order_by("resolved_at", "pk")[:POSTED_LIMIT]
    )


def letters_by_month(body: Body, months: int = 12, now: datetime | None = None) -> list[Any]:
    """Give the body's letters to applicants posted in each of the last ``months`` local
    months, newest first, as (first day of the month, count); months without letters are
    left out."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    zone = ZoneInfo(body.time_zone)
    moment = (now or timezone.now()).astimezone(zone)
    first = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    rows = (
        UndeliveredNotice.objects.filter(
            body=body,
            channel=NoticeChannel.POST,
            resolution=NoticeResolution.POSTED,
            resolved_at__gte=first,
        )
        .annotate(month=TruncMonth("resolved_at", tzinfo=zone))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    return [(row["month"].date(), row["count"]) for row in rows]
