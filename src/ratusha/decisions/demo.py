"""Demo data: a dozen adopted decisions of Zarechensk's executive committee and council.

``seed_demo(now)`` is idempotent (it does nothing once the body has decisions) and fast
(twelve signatures). The decisions are spread over the year before ``now``.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from ratusha.bodies.models import Body, Official
from ratusha.decisions.actions import DecisionInput, do_adopt_decision, do_draft_decision
from ratusha.decisions.models import Decision

EXECUTIVE = "Зарэчанскі гарадскі выканаўчы камітэт"
COUNCIL = "Зарэчанскі гарадскі Савет дэпутатаў"
LAW = (
    "Закон Рэспублікі Беларусь ад 4 студзеня 2010 г. № 108-З «Аб мясцовым кіраванні "
    "і самакіраванні ў Рэспубліцы Беларусь»"
)

# (days before now, organ, vote or None, title, grounds, text, words of related appeals)
DECISIONS: list[tuple[int, str, tuple[int, int, int] | None, str, str, str, str]] = [
    (350, COUNCIL, (28, 0, 1), "Аб бюджэце горада Зарэчанска на 2026 год",
     "Бюджэтны кодэкс Рэспублікі Беларусь, артыкул 100; " + LAW + ", артыкул 17",
     "1. Зацвердзіць бюджэт горада па даходах у суме 48,2 млн рублёў і па выдатках "
     "у суме 48,9 млн рублёў.\n2. Устанавіць гранічны памер дэфіцыту 0,7 млн рублёў.", ""),
    (320, EXECUTIVE, None, "Аб зацвярджэнні плана добраўпарадкавання горада на 2026 год",
     LAW + ", артыкул 41",
     "1. Зацвердзіць план добраўпарадкавання (дадатак).\n2. Кантроль ускласці на "
     "намесніка старшыні выканкама.", "двор"),
    (290, EXECUTIVE, None, "Аб правядзенні рэспубліканскага суботніка 18 красавіка",
     LAW + ", артыкул 41",
     "1. Правесці суботнік 18 красавіка з 9.00.\n2. Сродкі, заробленыя ў дзень "
     "суботніка, накіраваць на рамонт дзіцячых пляцовак.", ""),
    (260, COUNCIL, (22, 4, 3), "Аб платных стаянках у цэнтры горада",
     LAW + ", артыкул 17; Падатковы кодэкс Рэспублікі Беларусь",
     "1. Устанавіць плату за стаянку на вуліцах Савецкай і Леніна ў будныя дні "
     "з 8.00 да 19.00.\n2. Першыя 15 хвілін — бясплатна.", "паркоўк"),
    (230, EXECUTIVE, None, "Аб рамонце дахаў жылых дамоў па вуліцы Садовай",
     LAW + ", артыкул 41; Жыллёвы кодэкс Рэспублікі Беларусь, артыкул 128",
     "1. Унесці дамы № 4, 6 і 10 па вуліцы Садовай у план капітальнага рамонту "
     "на 2026 год.\n2. ЖКГ завяршыць работы да 1 кастрычніка.", "дах"),
    (200, COUNCIL, (30, 0, 0), "Аб найменні новай вуліцы ў мікрараёне Паўночны",
     LAW + ", артыкул 17",
     "1. Найменаваць новую вуліцу ў мікрараёне Паўночны вуліцай Янкі Брыля.", ""),
    (170, EXECUTIVE, None, "Аб арганізацыі летняга аздараўлення дзяцей",
     LAW + ", артыкул 41; Кодэкс Рэспублікі Беларусь аб адукацыі",
     "1. Адкрыць шэсць прышкольных лагераў з 2 чэрвеня.\n2. Аддзелу адукацыі "
     "забяспечыць харчаванне і медыцынскі нагляд.", ""),
    (140, EXECUTIVE, None, "Аб змяненні маршруту аўтобуса № 3",
     LAW + ", артыкул 41; Закон «Аб аўтамабільным транспарце і аўтамабільных перавозках»",
     "1. З 1 ліпеня працягнуць маршрут № 3 да прыпынку «Паўночны».\n2. Павялічыць "
     "інтэрвал руху ў выхадныя да 20 хвілін.", "аўтобус"),
    (110, COUNCIL, (25, 2, 2), "Аб выдзяленні сродкаў на рэканструкцыю пляцоўкі ў парку",
     LAW + ", артыкул 17; Бюджэтны кодэкс Рэспублікі Беларусь",
     "1. Выдзеліць 120 тыс. рублёў з рэзервовага фонду на рэканструкцыю дзіцячай "
     "пляцоўкі ў парку Перамогі.", "пляцоўк"),
    (80, EXECUTIVE, None, "Аб падрыхтоўцы жыллёвага фонду да ацяпляльнага сезона",
     LAW + ", артыкул 41",
     "1. Завяршыць гідраўлічныя выпрабаванні сетак да 15 верасня.\n2. Пачаць "
     "ацяпляльны сезон пры сярэднясутачнай тэмпературы ніжэй за +8 °C тры дні запар.",
     "ацяпл"),
    (50, EXECUTIVE, None, "Аб рэжыме працы аб'ектаў гандлю ў святочныя дні",
     LAW + ", артыкул 41; Закон «Аб гандлі»",
     "1. Дазволіць аб'ектам гандлю працаваць 7 лістапада з 8.00 да 23.00.", ""),
    (20, EXECUTIVE, None, "Аб адкрыцці сезоннага кірмашу на плошчы Леніна",
     LAW + ", артыкул 41; Закон «Аб гандлі»",
     "1. Правесці кірмаш з 20 снежня па 7 студзеня.\n2. Плату за гандлёвае месца "
     "ўстанавіць у памеры 0,5 базавай велічыні за дзень.", ""),
]  # fmt: skip


def _related(body: Body, words: str, before: datetime) -> tuple[str, ...]:
    if not words:
        return ()
    from ratusha.appeals.models import Appeal

    found = Appeal.objects.filter(body=body, text__icontains=words, registered_at__lt=before)
    return tuple(found.order_by("-registered_at").values_list("number", flat=True)[:3])


def seed_demo(now: datetime, body_code: str = "ZAR") -> None:
    """Adopt the demo decisions of the body (nothing when it has decisions or is missing)."""
    body = Body.objects.filter(code=body_code).first()
    if body is None or Decision.objects.filter(body=body).exists():
        return
    zone = ZoneInfo(body.time_zone)
    official: Any = Official.objects.filter(body=body, department__isnull=True).first()
    actor: Any = None
    grant = body.role_grants.filter(role="body_admin").select_related("user").first()
    if grant is not None:
        actor = grant.user
    with transaction.atomic():
        for days, organ, vote, title, grounds, text, words in DECISIONS:
            day = (now - timedelta(days=days)).astimezone(zone).date()
            adopted_at = datetime.combine(day, time(16, 0), zone)
            data = DecisionInput(
                title=title,
                text=text,
                decided_on=day,
                organ=organ,
                grounds=grounds,
                official=official,
                votes=vote,
                related_appeals=_related(body, words, adopted_at),
            )
            related = list(_appeals(body, data.related_appeals) if data.related_appeals else [])
            draft = do_draft_decision(body, data, related, actor, adopted_at)
            do_adopt_decision(draft, actor, adopted_at)


def _appeals(body: Body, numbers: tuple[str, ...]) -> Any:
    from ratusha.appeals.models import Appeal

    return Appeal.objects.filter(body=body, number__in=numbers)
