"""Merging appeals of a cluster and answering them all with the main appeal's answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from ratusha.appeals.actions import (
    AppealConflict,
    TransitionNotAllowed,
    check_approve_answer,
    check_draft_answer,
    check_register_appeal,
    tracking_token,
)
from ratusha.appeals.actions.clusters import check_answer_cluster, check_merge_appeals
from ratusha.appeals.choices import State
from ratusha.appeals.models import Answer, Appeal, AppealEvent
from ratusha.appeals.tasks import process_appeal

pytestmark = pytest.mark.django_db
ANSWER = "Ліхтар на вуліцы Савецкай адрамантуюць да пятніцы."


@pytest.fixture
def make(appeal_input: Any) -> Any:
    """Register and process an appeal of body A (category A1 routes it to department A1)."""

    def register(email: str, **overrides: Any) -> Appeal:
        values = {"applicant_email": email, "questions": ["Калі адрамантуюць ліхтар?"]}
        appeal = check_register_appeal(appeal_input(**values, **overrides)).appeal
        process_appeal.call(appeal.pk)
        appeal.refresh_from_db()
        return appeal

    return register


@pytest.fixture
def cluster(make: Any) -> list[Appeal]:
    return [make(f"person{n}@example.org") for n in range(3)]


def answer_main(world: Any, main: Appeal, public: bool | None = None) -> Answer:
    questions = list(main.questions.values_list("pk", flat=True))
    check_draft_answer(main.pk, world.users["officer"], ANSWER, questions)
    if public is None:
        return check_approve_answer(main.pk, world.users["head"])
    return check_answer_cluster(main.pk, world.users["head"], public)


def test_merged_appeals_get_the_main_answer_with_mail_event_and_ledger(
    world: Any, cluster: list[Appeal], django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.ledger.models import PendingEntry

    main, *others = cluster
    with django_capture_on_commit_callbacks(execute=True):
        merged = check_merge_appeals(
            world.users["clerk"], main.pk, [(a.pk, a.version) for a in others]
        )
    assert {a.state for a in merged} == {State.MERGED}
    assert {a.merged_into_id for a in merged} == {main.pk}
    mail.outbox.clear()
    before = PendingEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        answer_main(world, main)
    for other in others:
        other.refresh_from_db()
        assert other.state == State.MERGED and other.answered_at is not None
        copy = other.answers.get()
        assert copy.text == ANSWER and copy.sent_at is not None and not copy.is_public
        step = other.events.get(action="send_answer")
        assert step.public and step.extra["answer_of"] == main.number
        assert not other.questions.filter(answered=False).exists()
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{n}@example.org" for n in range(3)]
    # The main appeal's approve + send, and for each merged one a send: all in the ledger.
    assert PendingEntry.objects.count() - before >= 2 + len(others)


def test_the_merged_applicant_reads_the_answer_on_the_tracking_page(
    world: Any, cluster: list[Appeal], django_capture_on_commit_callbacks: Any
) -> None:
    main, other, _third = cluster
    check_merge_appeals(world.users["clerk"], main.pk, [(other.pk, None)])
    with django_capture_on_commit_callbacks(execute=True):
        answer_main(world, main)
    other.refresh_from_db()
    url = reverse("appeals:track", args=[other.number, tracking_token(other)])
    html = Client(headers={"accept-language": "en"}).get(url).content.decode()
    assert ANSWER in html  # the tracking page speaks the appeal's language


def test_appeals_merged_into_a_merged_appeal_are_answered_too(
    world: Any, cluster: list[Appeal]
) -> None:
    main, middle, last = cluster
    check_merge_appeals(world.users["clerk"], middle.pk, [(last.pk, None)])
    check_merge_appeals(world.users["clerk"], main.pk, [(middle.pk, None)])
    answer_main(world, main)
    assert Answer.objects.filter(appeal=last, text=ANSWER, sent_at__isnull=False).exists()
    assert Answer.objects.filter(appeal=middle, text=ANSWER, sent_at__isnull=False).exists()


def test_each_applicant_learns_how_many_share_the_answer_and_nothing_more(
    world: Any, cluster: list[Appeal]
) -> None:
    from ratusha.appeals.joined import joined_with

    main, middle, last = cluster
    assert joined_with(main) == 0
    check_merge_appeals(world.users["clerk"], middle.pk, [(last.pk, None)])
    check_merge_appeals(world.users["clerk"], main.pk, [(middle.pk, None)])
    for appeal in cluster:
        appeal.refresh_from_db()
        assert joined_with(appeal) == 2
        url = reverse("appeals:track", args=[appeal.number, tracking_token(appeal)])
        html = Client().get(url).content.decode()
        with translation.override(appeal.language):  # the page speaks the appeal's language
            said = ngettext(
                "Your appeal is considered together with %(counter)s other appeal on the same "
                "question. One answer is prepared, and each applicant receives it.",
                "Your appeal is considered together with %(counter)s other appeals on the same "
                "question. One answer is prepared, and each applicant receives it.",
                2,
            ) % {"counter": 2}
        assert said in html and "разам з 2 іншымі" in said
        for other in cluster:
            if other.pk != appeal.pk:
                assert other.number not in html and other.applicant_email not in html


def test_one_public_answer_or_none_for_the_mass_appeal(world: Any, cluster: list[Appeal]) -> None:
    main, other, _third = cluster
    check_merge_appeals(world.users["clerk"], main.pk, [(other.pk, None)])
    sent = answer_main(world, main, public=False)
    assert not sent.is_public
    assert not Answer.objects.filter(appeal=other, is_public=True).exists()


def test_merging_is_all_or_nothing_and_needs_an_open_main_appeal(
    world: Any, cluster: list[Appeal]
) -> None:
    main, other, third = cluster
    with pytest.raises(AppealConflict) as refused:
        check_merge_appeals(world.users["clerk"], main.pk, [(other.pk, None), (third.pk, 999)])
    assert refused.value.message.startswith(third.number)
    other.refresh_from_db()
    assert other.state != State.MERGED  # the first merge was undone
    answer_main(world, main)
    with pytest.raises(TransitionNotAllowed) as closed:
        check_merge_appeals(world.users["clerk"], main.pk, [(other.pk, None)])
    assert closed.value.code == "target_takes_no_merged"


def test_an_officer_may_not_merge_and_another_body_is_refused(
    world: Any, cluster: list[Appeal], make: Any, appeal_input: Any
) -> None:
    main, other, _third = cluster
    with pytest.raises(TransitionNotAllowed):
        check_merge_appeals(world.users["officer"], main.pk, [(other.pk, None)])
    foreign = check_register_appeal(
        appeal_input(body=world.bodies["B"], category=world.categories["B1"])
    ).appeal
    with pytest.raises(TransitionNotAllowed) as refused:
        check_merge_appeals(world.users["admin"], main.pk, [(foreign.pk, None)])
    assert refused.value.code == "bad_target_appeal"
    assert not AppealEvent.objects.filter(action="merge").exists()
