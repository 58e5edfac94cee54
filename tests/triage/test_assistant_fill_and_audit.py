"""The assistant's draft filled back in for the officer, and each use kept as an AssistantUse.

The model's replies are replayed by a fake server on 127.0.0.1 (see ``fake_chat``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.actions import AppealInput, check_register_appeal
from ratusha.appeals.choices import Channel
from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.ledger.models import PendingEntry
from ratusha.triage.models import AssistantUse, TriageResult
from tests.triage.fake_chat import RECORDED, FakeChatServer, in_progress

pytestmark = pytest.mark.django_db

PHONE = "+375 29 123-45-67"


def ask_for_draft(client: Any, appeal: Appeal, typed: str = "") -> Any:
    url = reverse("triage:assistant-draft", args=[appeal.pk])
    return client.post(url, {"text": typed, "expected_version": appeal.version})


def answer_box(html: str) -> str:
    found = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)
    assert found is not None
    return found[1].strip()


def gaps(html: str) -> list[str]:
    return re.findall(r'<mark class="assistant-gap"[^>]*>(.*?)</mark>', html)


def test_the_draft_comes_filled_in_and_its_gaps_highlighted(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer
) -> None:
    llm.reply = (RECORDED / "draft_be_numbered.json").read_bytes()
    client.force_login(town.users["officer"])
    response = ask_for_draft(client, assigned)
    assert response.status_code == 200
    # The model was given numbered placeholders, never the values behind them,
    sent = llm.sent_text()
    assert "The applicant, to greet by name: [NAME_1]" in sent
    assert "[ADDRESS_1]" in sent and "[PHONE_1]" in sent
    for secret in ("Ганна Жук", "Леніна, 5", "123-45-67", "Івана Пятрова"):
        assert secret not in sent
    # and the officer gets them back in the answer box.
    box = answer_box(response.text)
    assert box.startswith("Паважаная Ганна Жук!")
    assert "на вуліцы Леніна, 5 разгледжаны" in box and f"на нумар {PHONE}." in box
    # What matches nothing stays visible and is highlighted: a bare [NAME] outside the
    # greeting (the precedent's applicant, who must not be filled in), a number the
    # request never gave, and a fact to supply.
    assert gaps(response.text) == ["[дата рамонту]", "[NAME]", "[NAME_4]"]
    assert "[NAME]" in box and "[NAME_4]" in box and "Івана Пятрова" not in response.text
    assert "Check the 3 highlighted gaps" in response.text


def test_a_bare_name_in_the_greeting_is_the_applicants(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer
) -> None:
    client.force_login(town.users["officer"])  # draft_be.json: "Паважаны(ая) [NAME]! ..."
    response = ask_for_draft(client, assigned)
    box = answer_box(response.text)
    assert box.startswith("Паважаны(ая) Ганна Жук!")
    assert gaps(response.text) == ["[ADDRESS]", "[дата рамонту]"]
    assert "Check the 2 highlighted gaps" in response.text


def test_without_gaps_there_is_nothing_to_check(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer
) -> None:
    reply = json.loads((RECORDED / "draft_be.json").read_text())
    reply["choices"][0]["message"]["content"] = "Паважаная [NAME_1]! Лямпу заменім {date}."
    llm.reply = json.dumps(reply).encode()
    client.force_login(town.users["officer"])
    response = ask_for_draft(client, assigned)
    assert answer_box(response.text).startswith("Паважаная Ганна Жук! Лямпу заменім ")
    assert "{date}" not in response.text  # a template's marker is filled as well
    assert gaps(response.text) == [] and "highlighted gap" not in response.text


def test_each_draft_is_an_assistant_use_with_figures_only(
    town: Any,
    assigned: Appeal,
    client: Any,
    llm: FakeChatServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    officer = town.users["officer"]
    client.force_login(officer)
    before = (assigned.state, assigned.version, assigned.changed_at)
    events_before = AppealEvent.objects.filter(appeal=assigned).count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = ask_for_draft(client, assigned, "Брыгада будзе ў чацвер.")
    assert response.status_code == 200
    use = AssistantUse.objects.get(appeal=assigned)
    assert (use.actor, use.actor_role, use.kind) == (officer, "department_officer", "draft")
    assert use.body_id == town.bodies["A"].pk
    reply = json.loads((RECORDED / "draft_be.json").read_bytes())
    assert use.model == "local-model" and use.reply_model == reply["model"]
    assert use.ok is True and use.error == "" and use.completion_tokens == 71
    assert use.prompt_tokens == reply["usage"]["prompt_tokens"]
    assert use.reply_chars == len(reply["choices"][0]["message"]["content"])
    messages = llm.requests[0]["json"]["messages"]
    assert use.sent_chars == sum(len(m["content"]) for m in messages)
    assert use.gaps == 2 and use.cluster_appeals is None and 0 <= use.seconds < 2
    stored = json.dumps(
        [v for v in AssistantUse.objects.filter(pk=use.pk).values().get().values()],
        ensure_ascii=False,
        default=str,
    )
    for text in ("ліхтар", "Ганна", "Брыгада", "Паважаны", "123-45-67"):
        assert text not in stored  # sizes, never the texts
    # No workflow event: the appeal is as it was; nothing went to the ledger or anywhere
    # after the commit.
    assert AppealEvent.objects.filter(appeal=assigned).count() == events_before
    assert not AppealEvent.objects.filter(action__startswith="assistant").exists()
    fresh = Appeal.objects.get(pk=assigned.pk)
    assert (fresh.state, fresh.version, fresh.changed_at) == before
    assert callbacks == [] and not PendingEntry.objects.filter(subject=assigned.number).exclude(
        event_type="appeal.registered"
    )
    # The staff history shows it, labelled as internal and with its figures.
    page = client.get(reverse("appeals:appeal", args=[assigned.pk])).text
    history = page[page.index('id="history"') :]
    assert "Draft asked of the assistant — model local-model, " in history
    assert f"{use.sent_chars:,} characters sent" in history
    assert "71 out" in history and "2 gaps to fill" in history
    assert "(internal, staff only)" in history


def test_a_failed_draft_is_recorded_as_failed(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer
) -> None:
    llm.status, llm.reply = 500, b'{"error": "model not loaded"}'
    client.force_login(town.users["officer"])
    assert ask_for_draft(client, assigned, "абв").status_code == 502
    use = AssistantUse.objects.get(appeal=assigned, kind="draft")
    assert use.ok is False and use.error == "http"
    assert use.reply_chars == 0 and use.sent_chars > 0
    assert use.prompt_tokens is None and use.completion_tokens is None and use.gaps is None
    page = client.get(reverse("appeals:appeal", args=[assigned.pk])).text
    assert f"{use.sent_chars:,} characters sent" in page and "failed: refused" in page
    assert "characters received" not in page


def test_a_cluster_summary_is_recorded_on_the_appeal_asked_from(
    town: Any, assigned: Appeal, register: Any, client: Any, llm: FakeChatServer
) -> None:
    llm.reply = (RECORDED / "cluster_summary_en.json").read_bytes()
    twin = register("Ліхтар не гарыць на Леніна, 7.")
    TriageResult.objects.filter(appeal=assigned).update(duplicates=[[twin.pk, 0.9]])
    clerk = town.users["clerk"]
    client.force_login(clerk)
    assert client.post(reverse("triage:cluster-summary", args=[assigned.pk])).status_code == 200
    use = AssistantUse.objects.get(kind="summary")
    assert use.appeal_id == assigned.pk and use.actor == clerk
    assert use.actor_role == "registry_clerk" and use.body_id == town.bodies["A"].pk
    assert use.cluster_appeals == 2 and use.ok is True and use.gaps is None
    assert use.reply_chars > 0 and use.completion_tokens == 48
    assert not AssistantUse.objects.filter(appeal=twin).exists()
    assert not AppealEvent.objects.filter(action__startswith="assistant").exists()
    page = client.get(reverse("appeals:appeal", args=[assigned.pk])).text
    assert "Cluster summary asked of the assistant — model local-model, " in page
    assert "2 appeals" in page and "48 out" in page
    # The twin's history does not show it.
    page = client.get(reverse("appeals:appeal", args=[twin.pk])).text
    assert "asked of the assistant" not in page


def test_the_applicant_never_sees_the_assistant_events(
    town: Any, client: Any, llm: FakeChatServer
) -> None:
    registration = check_register_appeal(
        AppealInput(
            body=town.bodies["A"],
            channel=Channel.WEB,
            text="Не гарыць ліхтар на вуліцы Леніна, 5.",
            applicant_name="Ганна Жук",
            applicant_email="hanna@example.org",
        )
    )
    appeal = registration.appeal
    in_progress(town, appeal)
    appeal.refresh_from_db()
    client.force_login(town.users["officer"])
    assert ask_for_draft(client, appeal).status_code == 200
    assert AssistantUse.objects.filter(appeal=appeal, kind="draft").exists()
    client.logout()
    html = client.get(f"/appeals/track/{appeal.number}/{registration.token}/").text
    assert "assistant" not in html.lower()
    tracked = client.get(f"/api/v1/track/{appeal.number}", {"token": registration.token})
    assert tracked.status_code == 200
    assert "assistant" not in " ".join(step["action"] for step in tracked.json()["history"])
