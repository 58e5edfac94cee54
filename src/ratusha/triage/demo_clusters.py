"""Demo data of duplicate clusters and repeats: what the demo's officers find waiting.

Five citizens of the demo town report the same dark street lights on one street this
week, four in Belarusian and one in Russian (an open cluster of five in the roads
department: the Russian report shares few words with the others and joins them through
the multilingual embedding), and another writes again about a fallen tree after the
town already answered her. They are registered and processed
through the ordinary actions, so their triage finds the cluster and the repeat as it
would for any appeal. Idempotency keys make a second seeding a no-op.
"""

from __future__ import annotations

from datetime import datetime

from ratusha.accounts.models import User
from ratusha.appeals.actions import (
    AppealInput,
    check_approve_answer,
    check_draft_answer,
    check_register_appeal,
    check_transition,
)
from ratusha.appeals.choices import Channel, State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.bodies.models import Body, Category

SCOPE = "demo-clusters"
DOMAIN = "demo.ratusha.example"
LIGHTS = [
    "На вуліцы Гагарына каля дома 12 не гараць ліхтары, вечарам цёмна і небяспечна.",
    "На вуліцы Гагарына каля дома 14 не гараць ліхтары, вечарам цёмна, просім адрамантаваць.",
    "Другі тыдзень на вуліцы Гагарына не гараць ліхтары, вечарам цёмна і небяспечна.",
    "Вечарам на вуліцы Гагарына цёмна: не гараць ліхтары каля дома 16, небяспечна ісці.",
    "Вечером на улице Гагарина темно: не горят уличные фонари у дома 18, идти страшно.",
]
LIGHT_ADDRESSES = [
    "вул. Гагарына, 12",
    "вул. Гагарына, 14",
    "вул. Гагарына",
    "вул. Гагарына, 16",
    "ул. Гагарина, 18",
]
LIGHT_CITIZENS = [1, 2, 3, 4, 9]  # citizen9 writes in Russian
TREE_ADDRESS = "вул. Леніна, 7"
TREE = (
    "Каля дома 7 на вуліцы Леніна нахілілася сухое дрэва над дзіцячай пляцоўкай, яно можа "
    "ўпасці. Просім спілаваць."
)
TREE_AGAIN = (
    "Паўторна пішу: сухое дрэва каля дома 7 на вуліцы Леніна нахілілася над дзіцячай "
    "пляцоўкай і можа ўпасці. Просім спілаваць."
)


def _register(
    body: Body, key: str, email: str, text: str, category: Category | None, address: str
) -> Appeal:
    citizen = User.objects.filter(email=email).first()
    data = AppealInput(
        body=body,
        channel=Channel.WEB,
        text=text,
        applicant_name=citizen.full_name if citizen else "Demo",
        applicant_email=email,
        applicant_address=citizen.address if citizen else "",
        category=category,
        citizen=citizen,
        address=address,
        questions=[text.split(".")[0][:250]],
    )
    appeal = check_register_appeal(data, idempotency=(SCOPE, key)).appeal
    process_appeal.call(appeal.pk)  # triage now, not when the worker gets to it
    return Appeal.objects.get(pk=appeal.pk)


def _answer(appeal: Appeal, text: str) -> None:
    """Take the appeal through to a sent answer by its department's officer and head."""
    if appeal.state != State.ASSIGNED and appeal.state != State.IN_PROGRESS:
        return
    slug = appeal.department.code.lower() if appeal.department else ""
    officer = User.objects.filter(email=f"officer.{slug}@{DOMAIN}").first()
    head = User.objects.filter(email=f"head.{slug}@{DOMAIN}").first()
    if officer is None or head is None:
        return
    questions = list(appeal.questions.values_list("pk", flat=True))
    check_draft_answer(appeal.pk, officer, text, questions)
    check_approve_answer(appeal.pk, head)


def seed_clusters(now: datetime) -> int:
    """Register the demo's cluster and repeat (idempotent); give how many appeals exist."""
    body = Body.objects.filter(code="ZAR").first()
    if body is None:
        return 0
    lights = Category.objects.filter(body=body, code="LIGHT").first()
    trees = Category.objects.filter(body=body, code="TREE").first() or lights
    made = [
        _register(body, f"lights-{n}", f"citizen{person}@{DOMAIN}", text, lights, address)
        for n, (text, address, person) in enumerate(
            zip(LIGHTS, LIGHT_ADDRESSES, LIGHT_CITIZENS, strict=True)
        )
    ]
    earlier = _register(body, "tree-1", f"citizen5@{DOMAIN}", TREE, trees, TREE_ADDRESS)
    if earlier.state == State.TRIAGE and trees is not None and trees.default_department_id:
        admin = User.objects.filter(email=f"clerk@{DOMAIN}").first()
        check_transition(earlier.pk, "assign", admin, {"department": trees.default_department_id})
        earlier.refresh_from_db()
    _answer(
        earlier,
        "Дрэва агледзелі 12 сакавіка; яго спілуюць да канца месяца, пляцоўку агародзілі.",
    )
    made += [
        earlier,
        _register(body, "tree-2", f"citizen5@{DOMAIN}", TREE_AGAIN, trees, TREE_ADDRESS),
    ]
    return len(made)
