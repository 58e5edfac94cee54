"""How each demo appeal lives: the workflow steps from registration to its last state.

`Clock` knows the body's working days and office hours; `Life` collects the steps in
time order; `main_path`, `side_branch` and `after_answer` add the steps of each kind of
life, acting in the roles and as the people ``ratusha_core.workflow`` expects.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ratusha.appeals.imports import Step
from ratusha.demo.history import answers, seasons
from ratusha_core.deadlines import AppealsPolicy, WorkingCalendar, add_months
from ratusha_core.workflow import ActorRole

R = ActorRole


@dataclass(frozen=True)
class Desk:
    """A department of the demo body and the staff who work its appeals."""

    department_id: int
    code: str
    officers: tuple[int, ...]
    head: int | None


@dataclass(frozen=True)
class Citizen:
    """A demo citizen with an account, who files some of the web appeals."""

    user_id: int
    name: str
    email: str
    language: str


@dataclass(frozen=True)
class Town:
    """What the generator needs to know of one demo body, read once from the database."""

    code: str
    time_zone: str
    village: bool
    categories: tuple[tuple[str, int, str], ...]  # (category code, pk, department code)
    desks: Mapping[str, Desk]
    clerk: int | None
    higher_body: int | None
    forward_to: tuple[int, ...]
    languages: Mapping[str, float]
    citizens: tuple[Citizen, ...] = ()


class Clock:
    """Working days and office hours of the body, in its time zone."""

    def __init__(self, zone: str, calendar: WorkingCalendar, first: int, last: int) -> None:
        self.zone = ZoneInfo(zone)
        self.calendar = calendar
        self.off = set().union(*(seasons.holidays(y) for y in range(first, last + 2)))

    def working(self, day: date) -> bool:
        return day not in self.off and self.calendar.is_working_day(day)

    def office(
        self, day: date, rng: random.Random, start: float = 9.0, end: float = 17.5
    ) -> datetime:
        """Give a moment in office hours on ``day``, or on the next working day."""
        while not self.working(day):
            day += timedelta(days=1)
        minutes = int(rng.uniform(start, end) * 60)
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.zone)

    def after(self, moment: datetime, days: int, rng: random.Random) -> datetime:
        """Give office hours ``days`` working days after a moment (0: the same or next one)."""
        day = moment.astimezone(self.zone).date()
        if days == 0 and moment.astimezone(self.zone).hour >= 17:
            days = 1
        while days > 0:
            day += timedelta(days=1)
            days -= int(self.working(day))
        found = self.office(day, rng)
        return max(found, moment + timedelta(minutes=rng.randint(5, 90)))

    def local(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


class Life:
    """The steps of one appeal, kept in time order."""

    def __init__(self, start: datetime) -> None:
        self.steps: list[Step] = []
        self.last = start
        self.answers: list[str] = []

    def add(
        self, action: str, at: datetime, role: ActorRole, actor: int | None = None, **data: object
    ) -> datetime:
        at = max(at, self.last + timedelta(seconds=30))
        self.steps.append(Step(action, at, role, actor, data))
        self.last = at
        return at


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class _Context:
    town: Town
    rng: random.Random
    clock: Clock
    policy: AppealsPolicy
    as_of: datetime
    seed: int
    earlier: dict[str, list[tuple[date, str]]]


@dataclass
class Context:
    """The state shared while one body's history is planned."""

    town: Town
    rng: random.Random
    clock: Clock
    policy: AppealsPolicy
    as_of: datetime
    seed: int
    earlier: dict[str, list[tuple[date, str]]] = field(default_factory=dict)


@dataclass
class Appeal:
    """The facts of one appeal the steps depend on."""

    registered_at: datetime
    electronic: bool
    language: str
    desk: Desk
    due_date: date
    citizen_id: int | None
    slots: dict[str, str]
    label: str
    category: str


def _executor(ctx: Context, desk: Desk) -> tuple[int | None, ActorRole]:
    if desk.head is not None and (not desk.officers or ctx.rng.random() < 0.15):
        return desk.head, R.DEPARTMENT_HEAD
    return ctx.rng.choice(desk.officers), R.DEPARTMENT_OFFICER


def assign(ctx: Context, life: Life, appeal: Appeal) -> tuple[int | None, ActorRole]:
    """Route the appeal to its department and an executor; give the executor and role."""
    rng, desk = ctx.rng, appeal.desk
    executor, role = _executor(ctx, desk)
    department = str(desk.department_id)
    if appeal.electronic and desk.head is not None and rng.random() < 0.15:
        # Routed automatically by category; the head then names the executor.
        life.add(
            "assign",
            life.last + timedelta(minutes=rng.randint(1, 5)),
            R.SYSTEM,
            department=department,
        )
        life.add(
            "reassign",
            ctx.clock.after(life.last, rng.randint(0, 1), rng),
            R.DEPARTMENT_HEAD,
            desk.head,
            department=department,
            executor=str(executor),
            reason=answers.EXECUTOR_NAMED,
        )
    else:
        life.add(
            "assign",
            ctx.clock.after(life.last, rng.randint(0, 1), rng),
            R.REGISTRY_CLERK,
            ctx.town.clerk,
            department=department,
            executor=str(executor),
        )
    life.add("start_work", ctx.clock.after(life.last, rng.randint(0, 2), rng), role, executor)
    return executor, role


def answer(
    ctx: Context, life: Life, appeal: Appeal, day: date, executor: tuple[int | None, ActorRole]
) -> None:
    """Draft the answer on ``day``, have the head approve it, and send it."""
    rng, clock = ctx.rng, ctx.clock
    drafted = life.add("draft_answer", clock.office(day, rng, 9.0, 13.0), executor[1], executor[0])
    approve_day = clock.local(drafted) + timedelta(days=1 if rng.random() < 0.3 else 0)
    approved = life.add(
        "approve_answer",
        clock.office(approve_day, rng, 13.0, 17.5),
        R.DEPARTMENT_HEAD,
        appeal.desk.head,
    )
    slots = {**appeal.slots, "date": clock.local(drafted).strftime("%d.%m.%Y")}
    life.answers.append(
        answers.answer_text(appeal.desk.code, appeal.category, appeal.language, slots, rng)
    )
    delivery = "email" if appeal.electronic else "post"
    life.add("send_answer", approved + timedelta(minutes=1), R.SYSTEM, None, delivery=delivery)


def main_path(ctx: Context, life: Life, appeal: Appeal, stuck: bool) -> str:
    """Assign, work and answer (in time, late or after an extension); give how it went."""
    rng, clock = ctx.rng, ctx.clock
    executor = assign(ctx, life, appeal)
    if stuck:  # still open past its term: in work, or a draft waiting for the head
        if rng.random() < 0.3:
            life.add(
                "draft_answer",
                clock.after(life.last, rng.randint(2, 6), rng),
                executor[1],
                executor[0],
            )
            slots = {**appeal.slots, "date": clock.local(life.last).strftime("%d.%m.%Y")}
            life.answers.append(
                answers.answer_text(appeal.desk.code, appeal.category, appeal.language, slots, rng)
            )
        return "stuck"
    registered = clock.local(appeal.registered_at)
    started = clock.local(life.last)
    kind = rng.choices(("in_time", "late", "extended"), weights=(90, 7, 3))[0]
    if kind == "extended" and appeal.desk.head is not None and started < appeal.due_date:
        new_due = clock.calendar.next_working_day(add_months(registered, 1))
        extend_day = started + timedelta(days=rng.randint(0, (appeal.due_date - started).days))
        extend_at = max(clock.office(extend_day, rng), life.last + timedelta(minutes=30))
        if clock.local(extend_at) > appeal.due_date:  # a day off moved it past the term
            kind = "late"
        else:
            life.add(
                "extend_deadline",
                extend_at,
                R.DEPARTMENT_HEAD,
                appeal.desk.head,
                new_due_date=new_due,
                reason=answers.EXTENSION[appeal.language],
                applicant_notified=True,
            )
            day = appeal.due_date + timedelta(days=rng.randint(1, (new_due - appeal.due_date).days))
            answer(ctx, life, appeal, day, executor)
            return kind
    if kind == "late":
        day = appeal.due_date + timedelta(days=rng.randint(1, 15))
    else:
        target = registered + timedelta(days=int(rng.triangular(2, 15, 8)))
        day = max(started, min(target, appeal.due_date))
    answer(ctx, life, appeal, day, executor)
    return kind


def side_branch(ctx: Context, life: Life, appeal: Appeal, branch: str) -> None:
    """Forward, leave without consideration, withdraw, or merge the appeal."""
    rng, clock, town = ctx.rng, ctx.clock, ctx.town
    if branch == "forward":
        late = rng.random() < 0.1
        days = rng.randint(6, 9) if late else rng.randint(0, 3)
        life.add(
            "forward",
            clock.after(life.last, days, rng),
            R.REGISTRY_CLERK,
            town.clerk,
            target_body=str(rng.choice(town.forward_to)),
        )
    elif branch.startswith("leave:"):
        reason = branch.split(":", 1)[1]
        explanation = (
            answers.NOT_IN_COMPETENCE[appeal.language]
            if reason == "not_in_competence"
            else answers.EXPLANATION[reason][appeal.language]
        )
        life.add(
            "leave_without_consideration",
            clock.after(life.last, rng.randint(0, 4), rng),
            R.REGISTRY_CLERK,
            town.clerk,
            reason=reason,
            explanation=explanation,
        )
    elif branch == "withdraw":
        if rng.random() < 0.5:
            assign(ctx, life, appeal)
        life.add(
            "withdraw",
            clock.after(life.last, rng.randint(1, 6), rng),
            R.CITIZEN,
            appeal.citizen_id,
            reason=answers.WITHDRAWN[appeal.language],
        )
    elif branch.startswith("merge:"):
        moment = clock.after(life.last, rng.randint(0, 2), rng)
        # As the merge action does (clusters._join_department): the appeal first goes to
        # the department of the one it joins (the same category's), which answers both.
        department = str(appeal.desk.department_id)
        life.add("assign", moment, R.REGISTRY_CLERK, town.clerk, department=department)
        life.add(
            "merge",
            moment,
            R.REGISTRY_CLERK,
            town.clerk,
            target_appeal="@" + branch.split(":", 1)[1],
        )


def rating(ctx: Context, appeal: Appeal, how: str) -> tuple[int, str]:
    """Give the citizen's rating: mostly 4 or 5, lower for late answers, with comments."""
    weights = (25, 25, 15, 18, 17) if how != "in_time" else (48, 30, 9, 7, 6)
    score = ctx.rng.choices((5, 4, 3, 2, 1), weights=weights)[0]
    return score, answers.rating_comment(score, appeal.language, ctx.rng)


def after_answer(ctx: Context, life: Life, appeal: Appeal, score: int | None) -> None:
    """Close the answered appeal, or let an unhappy citizen complain to the higher body."""
    rng, clock, town = ctx.rng, ctx.clock, ctx.town
    if score is not None and score <= 2 and town.higher_body and rng.random() < 0.3:
        filed = life.last + timedelta(days=rng.randint(2, 10), hours=rng.randint(0, 8))
        life.add(
            "file_complaint", filed, R.CITIZEN, appeal.citizen_id, higher_body=str(town.higher_body)
        )
        decided = clock.after(life.last, rng.randint(10, 20), rng)
        if rng.random() < 0.65:
            life.add("dismiss_complaint", decided, R.SYSTEM, reason=answers.COMPLAINT_DISMISSED)
            return
        life.add("uphold_complaint", decided, R.SYSTEM, reason=answers.COMPLAINT_UPHELD)
        executor = assign(ctx, life, appeal)
        day = clock.local(life.last) + timedelta(days=rng.randint(1, 10))
        answer(ctx, life, appeal, day, executor)
        return
    if rng.random() < 0.6:
        life.add("close", life.last + timedelta(days=rng.randint(10, 30)), R.SYSTEM)


def cut(steps: list[Step], as_of: datetime) -> tuple[Step, ...]:
    """Give the steps taken by ``as_of``: later ones have not happened yet."""
    kept: list[Step] = []
    for step in steps:
        if step.at > as_of:
            break
        kept.append(step)
    return tuple(kept)
