"""Demo data of triage: what the demo seeding adds for the AI triage of appeals."""

from __future__ import annotations

from datetime import datetime

from ratusha.bodies.models import Category
from ratusha.triage.demo_examples import EXAMPLES


def seed_category_examples(now: datetime) -> int:
    """Give the demo's categories a few example appeals in be/ru/en; give how many changed.

    Only categories without examples get them, so an administrator's edits stay.
    """
    changed = []
    for category in Category.objects.filter(examples="").select_related("body"):
        texts = EXAMPLES.get((category.body.code, category.code))
        if texts:
            category.examples = "\n".join(texts)
            changed.append(category)
    Category.objects.bulk_update(changed, ["examples"])
    return len(changed)


# Appeals about disability concern a person's health and circumstances: in the demo a
# clerk always decides where they go, to show the per-category rule.
CLERK_DECIDES = ("ZAR", "DISAB")


def seed_category_routing() -> bool:
    """Make the demo town's disability category one a clerk always decides, once.

    Only while every category of the town is still routed automatically, so that an
    administrator's own choice stays. Gives whether it changed anything.
    """
    from ratusha.triage.actions_category_routing import do_set_category_routing

    code, category = CLERK_DECIDES
    found = Category.objects.filter(body__code=code, code=category).select_related("body").first()
    if found is None or Category.objects.filter(body=found.body, auto_route=False).exists():
        return False
    return do_set_category_routing(found.body, {found.pk}) > 0


def seed_queue_suggestions() -> int:
    """Let the AI look at the seeded appeals waiting in the clerks' triage queues, which
    were stored without the task that triages a filed appeal; give how many it looked at.

    Each goes through what that task does (``appeals.tasks.do_process``): routed when the
    AI is sure enough, else left in the queue with its suggestions.
    """
    from ratusha.appeals.choices import State
    from ratusha.appeals.models import Appeal
    from ratusha.appeals.tasks import do_process

    waiting = Appeal.objects.filter(
        state=State.TRIAGE, department__isnull=True, triage_result__isnull=True
    ).select_related("body", "category")
    count = 0
    for appeal in waiting:
        do_process(appeal)
        count += 1
    return count


# Two applicants file in the category a clerk always decides (CLERK_DECIDES), so that the
# town's triage queue shows the AI's suggestions waiting for a person.
FOR_THE_CLERK = (
    (
        "be",
        "citizen3@demo.ratusha.example",
        "Я карыстаюся інвалідным вазком і не магу сам выйсці з пад'езда: ля ўвахода тры "
        "прыступкі і няма пандуса. Прашу ўсталяваць пандус ля нашага пад'езда.",
    ),
    (
        "ru",
        "citizen4@demo.ratusha.example",
        "Моя мама - инвалид I группы, ей нужно ездить на процедуры в больницу три раза в "
        "неделю. Прошу подсказать, как оформить социальное такси, и помочь с этим.",
    ),
)


def seed_appeals_for_the_clerk() -> int:
    """File the demo's appeals in the category a clerk always decides, through the same
    registration as the web form (the task worker triages them); give how many were new."""
    from ratusha.accounts.models import User
    from ratusha.appeals.actions import check_register_appeal
    from ratusha.appeals.actions.registration import AppealInput
    from ratusha.appeals.choices import Channel
    from ratusha.appeals.models import Appeal

    code, category_code = CLERK_DECIDES
    category = (
        Category.objects.filter(body__code=code, code=category_code).select_related("body").first()
    )
    if category is None:
        return 0
    made = 0
    for language, email, text in FOR_THE_CLERK:
        citizen = User.objects.filter(email=email).first()
        if citizen is None or Appeal.objects.filter(body=category.body, text=text).exists():
            continue
        check_register_appeal(
            AppealInput(
                body=category.body,
                channel=Channel.WEB,
                text=text,
                applicant_name=citizen.full_name,
                applicant_email=citizen.email,
                category=category,
                citizen=citizen,
                language=language,
            )
        )
        made += 1
    return made


def seed_demo(now: datetime) -> None:
    """Add the demo's triage data (idempotent)."""
    seed_category_examples(now)
    seed_category_routing()
    seed_queue_suggestions()
    seed_appeals_for_the_clerk()
    from ratusha.triage.demo_clusters import seed_clusters

    seed_clusters(now)  # an open cluster of four and a repeated appeal
