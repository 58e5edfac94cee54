"""The assistant client: the chats it builds and how it reads replies (no network)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ratusha_core.triage.assistant import (
    AssistantConfig,
    AssistantError,
    ClusterAppeal,
    DraftRequest,
    Precedent,
    cluster_messages,
    completions_url,
    draft_answer,
    draft_messages,
    parse_reply,
    summarise_cluster,
)

RECORDED = Path(__file__).parent / "data" / "assistant"
CONFIG = AssistantConfig("http://llm.local/v1/", "local-model", api_key="k-123", timeout=4.0)


class Replay:
    """A transport that replays one recorded response and keeps what it was sent."""

    def __init__(self, name: str = "", status: int = 200, body: bytes = b"") -> None:
        self.status = status
        self.body = (RECORDED / name).read_bytes() if name else body
        self.sent: list[dict[str, Any]] = []

    def __call__(
        self, url: str, body: bytes, headers: dict[str, str], timeout: float
    ) -> tuple[int, bytes]:
        self.sent.append(
            {"url": url, "json": json.loads(body), "headers": headers, "timeout": timeout}
        )
        return self.status, self.body


REQUEST = DraftRequest(
    appeal="Не гарыць ліхтар на вуліцы [ADDRESS]. Тэлефон [PHONE].",
    language="be",
    body="Зарэчанскі гарвыканкам",
    questions=("Калі адрамантуюць ліхтар?",),
    templates=(("Standard", "Паважаны(ая) {name}! ..."),),
    precedents=(Precedent("Цёмна на вуліцы Міра.", "Лямпы заменены 3 мая."),),
    notes="Брыгада будзе ў чацвер.",
)


def test_draft_is_asked_with_everything_it_needs_and_read_back() -> None:
    replay = Replay("draft_be.json")
    reply = draft_answer(CONFIG, REQUEST, transport=replay)
    assert reply.text.startswith("Паважаны(ая) [NAME]!")
    assert reply.model == "qwen2.5-7b-instruct-q4_k_m"
    assert reply.completion_tokens == 71 and not reply.cut_short
    sent = replay.sent[0]
    assert sent["url"] == "http://llm.local/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer k-123"
    assert sent["timeout"] == 4.0
    body = sent["json"]
    assert body["model"] == "local-model" and body["stream"] is False
    system, user = body["messages"]
    assert system["role"] == "system" and "Belarusian" in system["content"]
    assert "[NAME]" in system["content"]  # told to keep the placeholders
    for part in ("[ADDRESS]", "Калі адрамантуюць", "Standard", "Лямпы заменены", "чацвер"):
        assert part in user["content"]


def test_no_key_means_no_authorization_header() -> None:
    replay = Replay("draft_be.json")
    draft_answer(AssistantConfig("https://llm.local/v1", "m"), REQUEST, transport=replay)
    assert "Authorization" not in replay.sent[0]["headers"]


def test_long_texts_are_cut_so_requests_stay_small() -> None:
    request = DraftRequest(appeal="а" * 50_000, precedents=(Precedent("b" * 9000, "c"),) * 9)
    user = draft_messages(request)[1].content
    assert len(user) < 12_000
    assert user.count("Similar appeal answered before") == 3


def test_cluster_summary_lists_the_appeals_and_says_how_many_are_left_out() -> None:
    appeals = [
        ClusterAppeal(f"ZAR-2026-{n:06d}", "2026-11-20", "Не гарыць ліхтар.") for n in range(25)
    ]
    system, user = cluster_messages(appeals, "en")
    assert "English" in system.content and "120 words" in system.content
    assert "ZAR-2026-000019" in user.content and "ZAR-2026-000020" not in user.content
    assert "5 more appeals" in user.content
    reply = summarise_cluster(CONFIG, appeals, "en", transport=Replay("cluster_summary_en.json"))
    assert reply.text.startswith("Residents report")


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (500, b"oops", "http"),
        (401, b'{"error": "bad key"}', "http"),
        (200, b"<html>not json</html>", "malformed"),
        (200, b'{"choices": []}', "malformed"),
        (200, b'{"choices": [{"message": {"content": "  "}}]}', "empty"),
    ],
)
def test_a_bad_reply_is_an_error_of_a_named_kind(status: int, body: bytes, kind: str) -> None:
    with pytest.raises(AssistantError) as caught:
        draft_answer(CONFIG, REQUEST, transport=Replay(status=status, body=body))
    assert caught.value.kind == kind


def test_a_timeout_of_the_transport_reaches_the_caller() -> None:
    def slow(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, bytes]:
        raise AssistantError("timeout", "timed out")

    with pytest.raises(AssistantError) as caught:
        draft_answer(CONFIG, REQUEST, transport=slow)
    assert caught.value.kind == "timeout"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x/v1", "llm.local/v1", ""])
def test_only_http_addresses_are_accepted(url: str) -> None:
    with pytest.raises(AssistantError) as caught:
        completions_url(url)
    assert caught.value.kind == "config"


def test_a_reply_cut_at_the_length_limit_says_so() -> None:
    body = (
        b'{"model": "m", "choices": [{"message": {"content": "Half"}, "finish_reason": "length"}]}'
    )
    assert parse_reply(200, body).cut_short


def test_the_module_example_runs() -> None:
    import doctest

    import ratusha_core.triage.assistant as module

    assert doctest.testmod(module).failed == 0
