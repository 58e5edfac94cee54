"""The appeals of a body as the pure analytics see them: risk cases and placed appeals."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import Length

from ratusha.appeals.choices import Channel, State
from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.bodies.models import Body
from ratusha_core.analytics.hotspots import HotspotAppeal
from ratusha_core.analytics.risk_features import RiskCase

ELECTRONIC = {Channel.WEB, Channel.API, Channel.EMAIL, Channel.OPEN311}
# No answer is owed once an appeal is in one of these: it has no deadline outcome.
NO_ANSWER_OWED = {
    State.FORWARDED,
    State.LEFT_WITHOUT_CONSIDERATION,
    State.WITHDRAWN,
    State.MERGED,
}
OPEN = {
    State.REGISTERED,
    State.TRIAGE,
    State.ASSIGNED,
    State.IN_PROGRESS,
    State.ANSWER_DRAFTED,
    State.ANSWER_APPROVED,
    State.REOPENED,
}


def risk_cases(body: Body, now: datetime) -> list[RiskCase]:
    """Give every appeal of the body registered before ``now`` as a risk case."""
    zone = ZoneInfo(body.time_zone)
    today = now.astimezone(zone).date()
    firsts: dict[tuple[int, str], date] = {}
    events = (
        AppealEvent.objects.filter(
            appeal__body=body, to_state__in=[State.ASSIGNED, State.ANSWER_DRAFTED], at__lt=now
        )
        .order_by("at", "pk")
        .values_list("appeal_id", "to_state", "at")
    )
    for appeal_id, state, at in events:
        firsts.setdefault((appeal_id, state), at.astimezone(zone).date())
    rows = (
        Appeal.objects.filter(body=body, registered_at__lt=now, due_date__isnull=False)
        .annotate(text_length=Length("text"), question_count=Count("questions"))
        .order_by("pk")
        .values_list(
            "pk", "registered_at", "due_date", "answered_at", "state", "changed_at",
            "department_id", "category__code", "executor_id", "applicant_kind", "channel",
            "text_length", "question_count",
        )
    )  # fmt: skip
    cases = []
    for (
        pk,
        registered,
        due,
        answered,
        state,
        changed,
        dept,
        cat,
        executor,
        kind,
        channel,
        length,
        q,
    ) in rows:
        settled: date | None = None
        missed: bool | None = None
        if answered is not None:
            settled = answered.astimezone(zone).date()
            missed = settled > due
        elif state in NO_ANSWER_OWED:
            settled = (changed or registered).astimezone(zone).date()
        elif state in OPEN and due < today:
            missed = True
        cases.append(
            RiskCase(
                appeal_id=pk,
                registered=registered.astimezone(zone).date(),
                due=due,
                settled=settled,
                missed=missed,
                department=str(dept or ""),
                category=cat or "",
                executor=str(executor or ""),
                assigned=firsts.get((pk, State.ASSIGNED)),
                drafted=firsts.get((pk, State.ANSWER_DRAFTED)),
                text_length=int(length or 0),
                questions=int(q or 0),
                collective=kind == "collective",
                electronic=channel in ELECTRONIC,
            )
        )
    return cases


def open_appeal_ids(cases: list[RiskCase]) -> set[int]:
    """Give the ids of the cases the body still owes an answer on."""
    return {c.appeal_id for c in cases if c.settled is None and (c.missed is None or c.missed)}


def placed_appeals(body: Body, now: datetime) -> list[HotspotAppeal]:
    """Give the body's appeals that have a map point and a category."""
    zone = ZoneInfo(body.time_zone)
    rows = Appeal.objects.filter(
        body=body,
        registered_at__lt=now,
        latitude__isnull=False,
        longitude__isnull=False,
        category__isnull=False,
    ).values_list("pk", "category_id", "registered_at", "latitude", "longitude", "address")
    return [
        HotspotAppeal(pk, str(cat), at.astimezone(zone).date(), float(lat), float(lon), addr)
        for pk, cat, at, lat, lon, addr in rows
    ]
