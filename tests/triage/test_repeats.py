"""Repeated appeals: the same applicant's earlier answered appeal on the same question."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.triage.actions import do_triage_appeal
from ratusha.triage.models import TriageResult
from ratusha.triage.repeats import REPEAT_MIN_SCORE, best_repeat, phone_key
from ratusha_core.publication.own_details import Person
from tests.triage.conftest import STREETS, TOPICS

PERSON = Person("Ганна Жук", "hanna@example.org", "+375 29 123-45-67", "вул. Леніна, 5-12")
# (earlier appeal, later appeal, is the later a repeat of the earlier?) in be, ru and en.
PAIRS = [
    (
        "Каля дома на вуліцы Леніна, 5 ужо месяц не гарыць ліхтар, вечарам цёмна і "
        "небяспечна. Ганна Жук, тэл. +375 29 123-45-67.",
        "Паўторна звяртаюся: ліхтар каля дома на вуліцы Леніна, 5 дагэтуль не гарыць, "
        "вечарам цёмна. Ганна Жук.",
        True,
    ),
    (
        "Во дворе дома по улице Ленина, 5 уже две недели не вывозят мусор, контейнеры переполнены.",
        "Повторно сообщаю, что мусор во дворе дома по улице Ленина, 5 так и не вывозят, "
        "контейнеры переполнены.",
        True,
    ),
    (
        "The pothole on Lenin Street near house 5 is getting deeper, cars damage their wheels.",
        "I wrote before about the pothole on Lenin Street near house 5. It is still there and "
        "cars damage their wheels.",
        True,
    ),
    (
        "У пад'ездзе дома па вул. Леніна, 5 цячэ дах, на пятым паверсе мокрыя сцены.",
        "Дах над пад'ездам дома па вул. Леніна, 5 зноў цячэ пасля дажджу, сцены на пятым "
        "паверсе мокрыя, адказ не дапамог.",
        True,
    ),
    (
        "Просим установить лавочки у подъезда дома по улице Ленина, 5.",
        "Ещё раз прошу установить лавочки возле подъезда дома по улице Ленина 5, ответ "
        "получила, но лавочек нет.",
        True,
    ),
    (
        "Не працуе ліфт у доме па вуліцы Леніна, 5, пажылыя людзі не могуць спусціцца.",
        "Ліфт у доме па вуліцы Леніна, 5 зноў не працуе, пажылыя жыхары не могуць выйсці з дому.",
        True,
    ),
    # The same person and address, another question: never a repeat.
    (
        "Каля дома на вуліцы Леніна, 5 ужо месяц не гарыць ліхтар, вечарам цёмна і "
        "небяспечна. Ганна Жук, тэл. +375 29 123-45-67.",
        "Каля дома на вуліцы Леніна, 5 не вывозяць смецце з кантэйнераў, ужо тыдзень. Ганна "
        "Жук, тэл. +375 29 123-45-67.",
        False,
    ),
    (
        "Во дворе дома по улице Ленина, 5 уже две недели не вывозят мусор, контейнеры переполнены.",
        "Во дворе дома по улице Ленина, 5 нет детской площадки, просим установить качели.",
        False,
    ),
    (
        "The pothole on Lenin Street near house 5 is getting deeper, cars damage their wheels.",
        "The street light on Lenin Street near house 5 does not work, it is dark in the evening.",
        False,
    ),
    (
        "У пад'ездзе дома па вул. Леніна, 5 цячэ дах, на пятым паверсе мокрыя сцены.",
        "Прашу растлумачыць, чаму вырас тарыф на ацяпленне ў доме па вул. Леніна, 5.",
        False,
    ),
    (
        "Просим установить лавочки у подъезда дома по улице Ленина, 5.",
        "Просим отремонтировать дорогу у дома по улице Ленина, 5, сплошные ямы.",
        False,
    ),
    (
        "Не працуе ліфт у доме па вуліцы Леніна, 5, пажылыя людзі не могуць спусціцца.",
        "Прашу спілаваць сухое дрэва каля дома па вуліцы Леніна, 5, яно можа ўпасці.",
        False,
    ),
    (
        "Не горит фонарь у дома по улице Ленина, 5, вечером темно.",
        "Не горит фонарь у остановки на улице Гагарина, вечером темно, прошу починить.",
        False,
    ),
]
BACKGROUND = [t.format(street=s) for ts in TOPICS.values() for t in ts for s in STREETS[:3]]
REPEAT = "Паўторна прашу: на вуліцы Міра каля дома 7 ужо месяц не гарыць ліхтар, вечарам цёмна."
EARLIER = "На вуліцы Міра каля дома 7 ужо месяц не гарыць ліхтар, вечарам вельмі цёмна."


def test_phone_numbers_match_whatever_their_format() -> None:
    assert phone_key("+375 (29) 123-45-67") == phone_key("80291234567") == "291234567"
    assert phone_key("12-34") == ""


def test_the_labelled_pairs_flag_repeats_and_never_another_question() -> None:
    flagged = {
        n: best_repeat(later, [(1, earlier)], PERSON, BACKGROUND) is not None
        for n, (earlier, later, _repeat) in enumerate(PAIRS)
    }
    repeats = [n for n, (_e, _l, repeat) in enumerate(PAIRS) if repeat]
    others = [n for n, (_e, _l, repeat) in enumerate(PAIRS) if not repeat]
    assert not any(flagged[n] for n in others)  # precision first: a flag costs a reading
    assert sum(flagged[n] for n in repeats) >= len(repeats) - 1
    assert 0 < REPEAT_MIN_SCORE < 1


def _answered(register: Any, text: str, **who: Any) -> Appeal:
    appeal = register(text, **who)
    Appeal.objects.filter(pk=appeal.pk).update(state=State.ANSWERED)
    return appeal


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("earlier_who", "later_who", "flagged"),
    [
        ({}, {}, True),  # the same e-mail (the fixture's default)
        (
            {
                "applicant_email": "",
                "applicant_phone": "+375 29 123-45-67",
                "applicant_address": "Міра, 7",
            },
            {
                "applicant_email": "",
                "applicant_phone": "80291234567",
                "applicant_address": "Міра, 7",
            },
            True,
        ),
        ({"applicant_email": "other@example.org"}, {}, False),
    ],
)
def test_triage_stores_the_repeat_of_the_same_applicant(
    register: Any, history: Any, earlier_who: Any, later_who: Any, flagged: bool
) -> None:
    earlier = _answered(register, EARLIER, **earlier_who)
    result = do_triage_appeal(register(REPEAT, **later_who))
    assert (result.repeat_of_id == earlier.pk) is flagged
    assert (result.repeat_score is not None and result.repeat_score >= REPEAT_MIN_SCORE) is flagged


@pytest.mark.django_db
def test_an_unanswered_or_other_question_is_no_repeat(register: Any, history: Any) -> None:
    register(EARLIER)  # still open: the body owes its answer, this is no repeat yet
    _answered(register, "Прашу адрамантаваць дах пад'езда па вуліцы Міра, 7, цячэ.")
    result = do_triage_appeal(register(REPEAT))
    assert result.repeat_of_id is None and result.repeat_score is None


@pytest.mark.django_db
def test_the_flag_shows_on_the_appeal_page_and_in_the_triage_queue(
    town: Any, register: Any, history: Any, client: Any
) -> None:
    earlier = _answered(register, EARLIER)
    later = register(REPEAT)
    process_appeal.call(later.pk)  # triage, and no department yet: it waits in the queue
    client.force_login(town.users["clerk"])
    panel = client.get(
        reverse("triage:cluster-panel", args=[later.pk]), headers={"HX-Request": "true"}
    )
    html = panel.content.decode()
    assert "Possibly a repeated appeal." in html and earlier.number in html
    assert "Repeated appeal with nothing new" in html
    queue = client.get(reverse("appeals:triage", args=[town.bodies["A"].pk])).content.decode()
    assert "Possible repeat" in queue and reverse("appeals:appeal", args=[earlier.pk]) in queue
    assert TriageResult.objects.get(appeal=later).repeat_of_id == earlier.pk
    # Out of reach, the flag is not shown (and the panel is a 404).
    client.force_login(town.users["officer_b"])
    assert client.get(reverse("triage:cluster-panel", args=[later.pk])).status_code == 404
