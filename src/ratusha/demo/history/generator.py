"""The demo history: a body's appeals of the last two years with their whole lives, from a seed.

`plan_history` gives `PastAppeal`s (nothing is written): who wrote, when, through which
channel and in which language, about what and where, and every workflow step since --
triage, assignment to the department's staff, work, a draft, the head's approval, the
answer, a rating, sometimes a complaint -- or a side branch: forwarded, left without
consideration, withdrawn, merged, answered late, extended, or still open past its term.
Steps later than ``as_of`` are cut off, so recent appeals are still open in their states.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ratusha.appeals.imports import PastAppeal, summary_of
from ratusha.demo.history import geography, names, seasons, texts
from ratusha.demo.history.lifecycle import (
    Appeal,
    Citizen,
    Clock,
    Context,
    Desk,
    Life,
    Town,
    after_answer,
    cut,
    main_path,
    rating,
    side_branch,
)
from ratusha_core.deadlines import (
    AppealForm,
    AppealsPolicy,
    TermKind,
    WorkingCalendar,
    compute_deadline,
)
from ratusha_core.workflow import ActorRole

__all__ = ["Citizen", "Desk", "Town", "plan_history"]

R = ActorRole
CHANNELS = {
    "web": 50,
    "post": 18,
    "personal": 12,
    "api": 8,
    "oral": 5,
    "book": 3,
    "email": 2,
    "courier": 2,
}
ELECTRONIC = {"web", "api", "email"}
# Hours at which people write online (0..23); paper is registered in office hours.
HOURS = (1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 4, 6, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 3, 2)
# Categories about a place: their appeals carry an address and a map point.
LOCATED = frozenset(
    "HEAT WATER ROOF LIFT BILLS POTH SNOW BUS LIGHT TRAF WASTE TREE YARD ANIM CLEAN "
    "PERM ILLEG PLOT FACAD PLAN SHOP PRICE CAFE HOURS DISAB ROADS".split()
)
LEAVE_REASONS = {
    "repeated_nothing_new": 50,
    "identifying_details_missing": 20,
    "not_in_competence": 20,
    "obscene_or_insulting": 10,
}


def _applicant(ctx: Context, language: str, channel: str) -> dict[str, object]:
    rng, town = ctx.rng, ctx.town
    mine = [c for c in town.citizens if c.language == language]
    if channel == "web" and mine and rng.random() < 0.06:
        citizen = rng.choice(mine)
        return {
            "citizen_id": citizen.user_id,
            "applicant_name": citizen.name,
            "applicant_email": citizen.email,
        }
    name = names.person_name(language, rng)
    found: dict[str, object] = {"applicant_name": name}
    if channel in ELECTRONIC or rng.random() < 0.3:
        found["applicant_email"] = names.email_of(name, rng)
    if channel not in ELECTRONIC or rng.random() < 0.4 or "applicant_email" not in found:
        found["applicant_address"] = geography.postal_address(rng, language, town.village)
    if rng.random() < 0.6:
        found["applicant_phone"] = names.phone(rng)
    if rng.random() < 0.03:
        found["applicant_kind"] = "legal_entity"
        found["organisation"] = rng.choice(names.ORGANISATIONS[language])
    elif rng.random() < 0.03:
        found["applicant_kind"] = "collective"
        found["co_applicants"] = tuple(
            (
                names.person_name(language, rng),
                geography.postal_address(rng, language, town.village),
            )
            for _ in range(rng.randint(2, 4))
        )
    return found


def _registered_at(ctx: Context, day: date, channel: str) -> datetime:
    rng = ctx.rng
    if channel in ELECTRONIC:
        hour = rng.choices(range(24), weights=HOURS)[0]
        moment = datetime.combine(
            day, time(hour, rng.randint(0, 59), rng.randint(0, 59)), tzinfo=ctx.clock.zone
        )
    else:
        moment = ctx.clock.office(day, rng)
    if moment >= ctx.as_of:
        moment = ctx.as_of - timedelta(minutes=rng.randint(5, 300))
    return moment


def _branch(ctx: Context, day: date, code: str, language: str, age: int) -> str:
    """Give how the appeal's life goes: the main path, stuck past its term, or a side branch."""
    rng = ctx.rng
    if language == "en" and rng.random() < 0.3:
        return "leave:language_not_accepted"
    roll = rng.random()
    if roll < 0.03 and ctx.town.forward_to:
        return "forward"
    if roll < 0.055:
        return "leave:" + rng.choices(list(LEAVE_REASONS), list(LEAVE_REASONS.values()))[0]
    if roll < 0.07:
        return "withdraw"
    if roll < 0.09:
        recent = [label for seen, label in ctx.earlier.get(code, []) if (day - seen).days <= 14]
        if recent:
            return "merge:" + rng.choice(recent[-5:])
    if 16 <= age <= 120 and rng.random() < 0.08:
        return "stuck"
    return "main"


def _one(ctx: Context, index: int, day: date, code: str, category_id: int, dept: str) -> PastAppeal:
    """Give one appeal of the history with its whole life up to ``as_of``."""
    rng, town, clock = ctx.rng, ctx.town, ctx.clock
    language = rng.choices(list(town.languages), list(town.languages.values()))[0]
    channel = rng.choices(list(CHANNELS), list(CHANNELS.values()))[0]
    if channel not in ELECTRONIC and not clock.working(day):
        channel = rng.choice(("web", "web", "api", "email"))
    registered = _registered_at(ctx, day, channel)
    person = _applicant(ctx, language, channel)
    place = geography.place(rng, town.village)
    if not town.village:  # its own stream, so the rest of the history stays as it was
        chance = random.Random(f"{ctx.seed}:{town.code}:{index}:spot").random()
        place = geography.trouble_spot(code, (ctx.as_of.date() - day).days, chance) or place
    slots = texts.slot_values(language, rng)
    slots.update(
        addr=place.address(language), street=place.street_name(language), house=str(place.house)
    )
    text = texts.appeal_text(code, language, slots, rng)
    located = code in LOCATED
    at = {"ru": " по адресу ", "be": " па адрасе ", "en": " at "}[language] + slots["addr"]
    form = (
        AppealForm.ORAL
        if channel == "oral"
        else (AppealForm.ELECTRONIC if channel in ELECTRONIC else AppealForm.WRITTEN)
    )
    due = compute_deadline(
        registered,
        TermKind.STANDARD,
        calendar=clock.calendar,
        policy=ctx.policy,
        time_zone=town.time_zone,
        form=form,
    ).due_date
    label = f"{town.code}{index}"
    appeal = Appeal(
        registered_at=registered,
        electronic=channel in ELECTRONIC,
        language=language,
        desk=town.desks[dept],
        due_date=due,
        citizen_id=person.get("citizen_id"),  # type: ignore[arg-type]
        slots={
            **slots,
            "name": str(person["applicant_name"]),
            "number": "{number}",
            "at": at if located else "",
            "tel": f"{rng.randint(10, 99)}-{rng.randint(10, 99)}",
        },
        label=label,
        category=code,
    )
    life = Life(registered)
    if appeal.electronic:
        life.add("start_triage", registered + timedelta(seconds=rng.randint(5, 120)), R.SYSTEM)
    age = (ctx.as_of.date() - day).days
    branch = _branch(ctx, day, code, language, age)
    score: tuple[int, str] | None = None
    if branch in ("main", "stuck"):
        how = main_path(ctx, life, appeal, stuck=branch == "stuck")
        if how != "stuck":
            answered = life.last
            if rng.random() < (0.4 if appeal.electronic else 0.12):
                score = rating(ctx, appeal, how)
            after_answer(ctx, life, appeal, score[0] if score else None)
            if answered > ctx.as_of:
                score = None
    else:
        side_branch(ctx, life, appeal, branch)
    ctx.earlier.setdefault(code, []).append((day, label))
    questions: tuple[str, ...] = ()
    if rng.random() < 0.2:
        questions = (summary_of(text), rng.choice(texts.SECOND_QUESTIONS[language]))
    return PastAppeal(
        registered_at=registered,
        channel=channel,
        text=text,
        language=language,
        registered_by_id=None if appeal.electronic else town.clerk,
        category_id=category_id,
        address=place.address(language) if located else "",
        latitude=place.latitude if located else None,
        longitude=place.longitude if located else None,
        consent_to_publish=channel == "web" and rng.random() < 0.5,
        questions=questions,
        steps=cut(life.steps, ctx.as_of),
        answers=tuple(life.answers),
        rating=score,
        label=label,
        marker={"source": "demo-history", "seed": ctx.seed},
        tracking_secret=f"{rng.getrandbits(128):032x}",
        **person,  # type: ignore[arg-type]
    )


def plan_history(
    town: Town,
    count: int,
    *,
    as_of: datetime,
    seed: int,
    calendar: WorkingCalendar,
    policy: AppealsPolicy,
    months: int = 24,
) -> list[PastAppeal]:
    """Give ``count`` appeals to the body over the ``months`` before ``as_of``, from a seed.

    The same town, count, moment and seed give the same appeals, texts and steps.
    """
    rng = random.Random(f"{seed}:{town.code}")
    last = as_of.astimezone(ZoneInfo(town.time_zone)).date()
    first = last - timedelta(days=round(months * 30.44))
    clock = Clock(town.time_zone, calendar, first.year, last.year)
    ctx = Context(town=town, rng=rng, clock=clock, policy=policy, as_of=as_of, seed=seed)
    categories = {code: (pk, dept) for code, pk, dept in town.categories}
    days = seasons.arrivals(sorted(categories), first, last, count, rng)
    return [
        _one(ctx, index, day, code, *categories[code]) for index, (day, code) in enumerate(days)
    ]
