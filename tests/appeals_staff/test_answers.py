"""Drafting, returning and approving answers through the staff pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from ratusha.appeals.choices import State
from ratusha.appeals.models import Answer, AnswerTemplate, Appeal

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal(make_appeal: Any) -> Any:
    return make_appeal(questions=["Калі адрамантуюць ліхтар?", "Хто адказвае?"])


def page(client: Any, appeal: Any) -> str:
    return client.get(reverse("appeals:appeal", args=[appeal.pk])).content.decode()


def test_draft_return_approve_through_the_pages(
    appeal: Any, world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    officer, head = world.users["officer"], world.users["head"]
    q1, q2 = appeal.questions.values_list("pk", flat=True)
    client.force_login(officer)
    assert "Send the draft for approval" in page(client, appeal)
    response = client.post(
        reverse("appeals:draft-answer", args=[appeal.pk]),
        {
            "expected_version": appeal.version,
            "text": "Ліхтар адрамантуюць да пятніцы.",
            "questions": [q1],
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == State.ANSWER_DRAFTED

    client.force_login(head)
    html = page(client, appeal)
    assert "1 question is not covered" in html and "Approve and send" in html
    refused = client.post(
        reverse("appeals:approve-answer", args=[appeal.pk]), {"expected_version": appeal.version}
    )
    assert refused.status_code == 400
    assert "Every question of the appeal must be answered first." in refused.content.decode()
    back = client.post(
        reverse("appeals:act", args=[appeal.pk, "return_draft"]),
        {
            "return_draft-expected_version": appeal.version,
            "return_draft-reason": "Адкажыце на ўсё.",
        },
    )
    assert back.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == State.IN_PROGRESS

    client.force_login(officer)
    client.post(
        reverse("appeals:draft-answer", args=[appeal.pk]),
        {
            "expected_version": appeal.version,
            "text": "Ліхтар адрамантуюць да пятніцы; адказвае ЖКГ.",
            "questions": [q1, q2],
        },
    )
    appeal.refresh_from_db()
    client.force_login(head)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("appeals:approve-answer", args=[appeal.pk]),
            {"expected_version": appeal.version},
        )
    assert done.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == State.ANSWERED
    assert len(mail.outbox) == 1 and "адказвае ЖКГ" in mail.outbox[0].body
    html = page(client, appeal)
    assert "Sent" in html and "Answer approved" in html and "Адкажыце на ўсё." in html
    assert Answer.objects.filter(appeal=appeal, approved_by=head).count() == 1


def test_template_fills_number_date_and_name(appeal: Any, world: Any, as_user: Any) -> None:
    template = AnswerTemplate.objects.create(
        body=world.bodies["A"],
        title="Рамонт",
        text="Па звароце {number} ад {date}: {name}, дзякуй.",
    )
    url = reverse("appeals:appeal", args=[appeal.pk])
    html = as_user("officer").get(url, {"template": template.pk}).content.decode()
    assert f"Па звароце {appeal.number} ад " in html and "Ганна Жук, дзякуй." in html
    assert "{number}" not in html


def test_a_stale_version_keeps_the_typed_answer(appeal: Any, world: Any, as_user: Any) -> None:
    seen = appeal.version
    head = world.users["head"]
    from ratusha.appeals.actions import check_transition

    # Meanwhile the head gives the appeal to the officer: the version moves on.
    check_transition(
        appeal.pk,
        "reassign",
        head,
        {
            "department": world.departments["A1"].pk,
            "executor": world.users["officer"].pk,
            "reason": "x",
        },
    )
    typed = "Мой доўгі адказ, які нельга страціць пры канфлікце версій."
    response = as_user("officer").post(
        reverse("appeals:draft-answer", args=[appeal.pk]),
        {"expected_version": seen, "text": typed},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this appeal" in html and typed in html
    fresh = Appeal.objects.get(pk=appeal.pk)
    assert f'name="expected_version" value="{fresh.version}"' in html
    assert not Answer.objects.filter(appeal=appeal).exists()


def test_a_stale_action_keeps_the_typed_reason(appeal: Any, world: Any, as_user: Any) -> None:
    client = as_user("head")
    typed = "Перадаю ў іншы аддзел, бо гэта не наша пытанне."
    from ratusha.appeals.actions import check_transition

    check_transition(appeal.pk, "start_work", world.users["officer"])
    response = client.post(
        reverse("appeals:act", args=[appeal.pk, "reassign"]),
        {
            "reassign-expected_version": appeal.version,
            "reassign-assignee": str(world.departments["A2"].pk),
            "reassign-reason": typed,
        },
    )
    assert response.status_code == 409
    assert typed in response.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).department == world.departments["A1"]


def test_destructive_action_needs_confirmation(appeal: Any, world: Any, as_user: Any) -> None:
    client = as_user("clerk")
    url = reverse("appeals:act", args=[appeal.pk, "leave_without_consideration"])
    data = {
        "leave_without_consideration-expected_version": appeal.version,
        "leave_without_consideration-reason": "unreadable",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "This field is required" in refused.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).state == State.ASSIGNED
    done = client.post(url, {**data, "leave_without_consideration-confirm": "on"})
    assert done.status_code == 302
    assert Appeal.objects.get(pk=appeal.pk).state == State.LEFT_WITHOUT_CONSIDERATION


def test_merge_by_number(make_appeal: Any, appeal: Any, as_user: Any) -> None:
    main = make_appeal()
    client = as_user("clerk")
    url = reverse("appeals:act", args=[appeal.pk, "merge"])
    data = {"merge-expected_version": appeal.version, "merge-confirm": "on"}
    wrong = client.post(url, {**data, "merge-target_appeal": "NOPE-1"})
    assert (
        wrong.status_code == 400
        and "No appeal of this body has that number." in wrong.content.decode()
    )
    client.post(url, {**data, "merge-target_appeal": main.number})
    appeal.refresh_from_db()
    assert appeal.state == State.MERGED and appeal.merged_into == main
    html = client.get(reverse("appeals:appeal", args=[main.pk])).content.decode()
    assert "Merged into this one" in html and appeal.number in html


def test_merge_into_an_answered_appeal_is_refused(
    make_appeal: Any, appeal: Any, as_user: Any
) -> None:
    main = make_appeal()
    Appeal.objects.filter(pk=main.pk).update(state=State.ANSWERED)
    client = as_user("clerk")
    url = reverse("appeals:act", args=[appeal.pk, "merge"])
    data = {"merge-expected_version": appeal.version, "merge-confirm": "on"}
    refused = client.post(url, {**data, "merge-target_appeal": main.number})
    assert refused.status_code == 400
    assert "can no longer take merged appeals" in refused.content.decode()
    appeal.refresh_from_db()
    assert appeal.state != State.MERGED and appeal.merged_into is None
