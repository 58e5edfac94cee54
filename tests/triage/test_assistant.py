"""The optional assistant on officers' pages, against a fake local chat server.

The fake server replays recorded chat-completion responses (tests/core/triage/data/
assistant/) on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal
from ratusha.triage.assistant import AssistantUnavailable, summarise_cluster
from ratusha.triage.models import TriageResult
from tests.triage.fake_chat import RECORDED, FakeChatServer

pytestmark = pytest.mark.django_db


def page(client: Any, appeal: Appeal) -> str:
    return client.get(reverse("appeals:appeal", args=[appeal.pk])).text


def test_off_by_default_no_button_and_no_page(town: Any, assigned: Appeal, client: Any) -> None:
    client.force_login(town.users["officer"])
    html = page(client, assigned)
    assert "Draft the answer" in html and "Draft with the assistant" not in html
    response = client.post(reverse("triage:assistant-draft", args=[assigned.pk]), {"text": "x"})
    assert response.status_code == 404
    with pytest.raises(AssistantUnavailable):
        summarise_cluster(town.users["officer"], assigned, [assigned])


def test_officer_gets_a_draft_to_edit_built_from_redacted_texts(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer
) -> None:
    client.force_login(town.users["officer"])
    assert "Draft with the assistant" in page(client, assigned)
    response = client.post(
        reverse("triage:assistant-draft", args=[assigned.pk]),
        {"text": "Брыгада будзе ў чацвер.", "expected_version": assigned.version},
    )
    assert response.status_code == 200
    html = response.text
    # The draft is in the answer box, which still posts to the ordinary draft action.
    assert "Ваш зварот аб непрацуючым вулічным асвятленні" in html
    assert reverse("appeals:draft-answer", args=[assigned.pk]) in html
    assert "Check every sentence" in html and "Брыгада будзе ў чацвер." in html
    sent = llm.sent_text()
    assert llm.requests[0]["path"] == "/v1/chat/completions"
    # The appeal, its question, the template, the precedent and the officer's notes went,
    for part in ("Не гарыць ліхтар", "Калі заменяць", "Асвятленне", "Лямпы на вуліцы Міра"):
        assert part in sent
    assert "чацвер" in sent
    # but no personal data: the phone, the e-mail and the names are placeholders.
    for secret in ("123-45-67", "ivan@example.org", "Івана Пятрова"):
        assert secret not in sent
    assert "[PHONE_1]" in sent and "[EMAIL]" in sent and "Ганна Жук" not in sent
    # Nothing was stored or sent: the appeal has no answer and the same state.
    fresh = Appeal.objects.get(pk=assigned.pk)
    assert fresh.state == State.IN_PROGRESS and not fresh.answers.exists()


def test_a_timeout_keeps_what_the_officer_typed(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer, settings: Any
) -> None:
    settings.RATUSHA_LLM_TIMEOUT_SECONDS = 0.3
    llm.delay = 1.5
    client.force_login(town.users["officer"])
    typed = "Мой пачатак адказу, які нельга страціць."
    response = client.post(
        reverse("triage:assistant-draft", args=[assigned.pk]),
        {"text": typed, "expected_version": assigned.version},
    )
    assert response.status_code == 502
    assert "did not answer in time" in response.text
    assert typed in response.text and "What you typed is kept" in response.text


def test_a_server_error_or_no_server_is_a_plain_message(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer, settings: Any
) -> None:
    client.force_login(town.users["officer"])
    url = reverse("triage:assistant-draft", args=[assigned.pk])
    llm.status, llm.reply = 500, b'{"error": "model not loaded"}'
    response = client.post(url, {"text": "абв", "expected_version": assigned.version})
    assert response.status_code == 502 and "refused the request" in response.text
    settings.RATUSHA_LLM_BASE_URL = "http://127.0.0.1:9/v1"  # the discard port: nobody there
    response = client.post(url, {"text": "абв", "expected_version": assigned.version})
    assert response.status_code == 502 and "cannot be reached" in response.text


def test_only_who_may_draft_gets_a_draft(
    town: Any, assigned: Appeal, client: Any, llm: FakeChatServer
) -> None:
    url = reverse("triage:assistant-draft", args=[assigned.pk])
    client.force_login(town.users["clerk"])  # sees the appeal, does not answer it
    assert client.post(url, {"text": ""}).status_code == 403
    client.force_login(town.users["officer_b"])  # another body: the appeal is out of reach
    assert client.post(url, {"text": ""}).status_code == 404
    assert llm.requests == []


def test_cluster_summary_is_written_from_redacted_texts(
    town: Any, assigned: Appeal, register: Any, llm: FakeChatServer
) -> None:
    llm.reply = (RECORDED / "cluster_summary_en.json").read_bytes()
    twin = register("Ліхтар не гарыць на Леніна, 7. Ганна, тэл. +375 29 765-43-21")
    reply = summarise_cluster(town.users["clerk"], assigned, [assigned, twin])
    assert reply.text.startswith("Residents report")
    sent = llm.sent_text()
    assert assigned.number in sent and twin.number in sent
    assert "765-43-21" not in sent and "123-45-67" not in sent
    with pytest.raises(AssistantUnavailable):
        summarise_cluster(town.users["clerk"], twin, [twin])  # one appeal is no cluster


def test_cluster_page_summary_through_the_view(
    town: Any, assigned: Appeal, register: Any, client: Any, llm: FakeChatServer
) -> None:
    llm.reply = (RECORDED / "cluster_summary_en.json").read_bytes()
    twin = register("Ліхтар не гарыць на Леніна, 7.")
    TriageResult.objects.filter(appeal=assigned).update(duplicates=[[twin.pk, 0.9]])
    url = reverse("triage:cluster-summary", args=[assigned.pk])
    client.force_login(town.users["clerk"])
    full = client.post(url)
    assert full.status_code == 200 and "Residents report" in full.text
    assert twin.number in full.text
    partial = client.post(url, headers={"HX-Request": "true"})
    assert "Summary by the assistant" in partial.text and "<html" not in partial.text
    lone = register("Зусім іншае пытанне пра школу.")
    assert client.post(reverse("triage:cluster-summary", args=[lone.pk])).status_code == 404


def test_cluster_summary_button_shows_only_when_configured(
    assigned: Appeal, settings: Any, rf: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    settings.RATUSHA_LLM_BASE_URL = ""
    context = {"appeal": assigned}
    assert "Summarise" not in render_to_string(
        "triage/_cluster_summary_button.html", context, request
    )
    settings.RATUSHA_LLM_BASE_URL, settings.RATUSHA_LLM_MODEL = "http://127.0.0.1:9/v1", "m"
    html = render_to_string("triage/_cluster_summary_button.html", context, request)
    assert reverse("triage:cluster-summary", args=[assigned.pk]) in html and 'hx-post="' in html
