"""An optional language-model assistant: a draft answer to an appeal, a cluster's summary.

It speaks the OpenAI-compatible chat API (``POST {base_url}/chat/completions``), which
local servers (llama.cpp, vLLM, Ollama) and hosted ones share. It only ever gives text to
a person who edits it: nothing here sends an answer. Callers pass texts that are already
redacted (personal data replaced by placeholders such as ``[PHONE]`` or ``[NAME_1]``);
``personal_data.placeholders`` fills the numbered ones back in for the official.

The HTTP call goes through a ``Transport``, so tests replay recorded responses::

    >>> def recorded(url, body, headers, timeout):
    ...     return 200, b'{"model": "m", "choices": [{"message": {"content": "Hi"}}]}'
    >>> config = AssistantConfig("http://llm.local/v1", "m")
    >>> ask(config, (ChatMessage("user", "Say hi"),), transport=recorded).text
    'Hi'
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# (url, JSON body, headers, timeout in seconds) -> (HTTP status, response body)
Transport = Callable[[str, bytes, dict[str, str], float], tuple[int, bytes]]

LANGUAGE_NAMES = {"be": "Belarusian", "ru": "Russian", "en": "English"}
# Bounds on what is sent, so that a request stays small and fast whatever the appeal.
APPEAL_CHARS = 6000
TEMPLATE_CHARS = 1500
PRECEDENT_CHARS = 1500
MAX_TEMPLATES = 5
MAX_PRECEDENTS = 3
CLUSTER_APPEAL_CHARS = 800
MAX_CLUSTER_APPEALS = 20


class AssistantError(Exception):
    """The assistant gave no text; ``kind`` says why.

    Kinds: ``config`` (bad base URL), ``timeout``, ``unreachable``, ``http`` (a status other
    than 200), ``malformed`` (not a chat completion), ``empty`` (no text in it).
    """

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class AssistantConfig:
    """Where the model is served and how long to wait for it."""

    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 30.0
    max_tokens: int = 900
    temperature: float = 0.2


@dataclass(frozen=True)
class ChatMessage:
    """One message of a chat: its role (system, user, assistant) and its text."""

    role: str
    content: str


@dataclass(frozen=True)
class AssistantReply:
    """The text the model wrote, with the model's name and the tokens it used."""

    text: str
    model: str
    finish_reason: str = ""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None

    @property
    def cut_short(self) -> bool:
        """Tell whether the model stopped at the length limit (the text may be incomplete)."""
        return self.finish_reason == "length"


@dataclass(frozen=True)
class Precedent:
    """An earlier appeal of the body and the answer it got."""

    appeal: str
    answer: str


@dataclass(frozen=True)
class DraftRequest:
    """What the assistant drafts an answer from."""

    appeal: str
    language: str = "be"
    body: str = ""
    questions: tuple[str, ...] = ()
    templates: tuple[tuple[str, str], ...] = ()  # (title, text)
    precedents: tuple[Precedent, ...] = ()
    notes: str = ""
    applicant: str = ""  # the placeholder of the applicant's name, such as [NAME_1]


@dataclass(frozen=True)
class ClusterAppeal:
    """One appeal of a duplicate cluster: its number, date and (redacted) text."""

    number: str
    date: str
    text: str


def _cut(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _language(code: str) -> str:
    return LANGUAGE_NAMES.get(code, "the language of the appeal")


KEEP_PLACEHOLDERS = (
    "Personal data has been replaced with placeholders such as [NAME], [NAME_1], [PHONE_2] "
    "or [ADDRESS]; a numbered placeholder always stands for the same person or value. Keep "
    "them exactly as written, number included, and never guess what they hide."
)


def draft_messages(request: DraftRequest) -> tuple[ChatMessage, ...]:
    """Give the chat that asks for a draft answer to an appeal."""
    system = (
        f"You help an official of {request.body or 'a public body'} draft the answer to a "
        f"citizen's appeal. Write in {_language(request.language)}. Answer on the merits and "
        "address every question, politely and in plain words. Follow the body's templates "
        "where they fit and the way similar appeals were answered before. Never invent "
        "facts, dates, amounts or references to law: where a fact is unknown, write a "
        "placeholder in square brackets, such as [date of the repair], for the official to "
        f"fill in. {KEEP_PLACEHOLDERS} Give only the text of the answer."
    )
    parts = [f"Appeal:\n{_cut(request.appeal, APPEAL_CHARS)}"]
    if request.applicant:
        parts.append(f"The applicant, to greet by name: {request.applicant}")
    if request.questions:
        parts.append("Questions to answer:\n" + "\n".join(f"- {q}" for q in request.questions))
    for title, text in request.templates[:MAX_TEMPLATES]:
        parts.append(f"Template of the body, '{title}':\n{_cut(text, TEMPLATE_CHARS)}")
    for n, precedent in enumerate(request.precedents[:MAX_PRECEDENTS], start=1):
        parts.append(
            f"Similar appeal answered before ({n}):\n{_cut(precedent.appeal, PRECEDENT_CHARS)}\n"
            f"Its answer:\n{_cut(precedent.answer, PRECEDENT_CHARS)}"
        )
    if request.notes.strip():
        parts.append(f"The official's notes (use them):\n{_cut(request.notes, PRECEDENT_CHARS)}")
    return (ChatMessage("system", system), ChatMessage("user", "\n\n".join(parts)))


def message_chars(messages: Sequence[ChatMessage]) -> int:
    """Give how many characters the messages hold (what an audit records, not the texts)."""
    return sum(len(m.content) for m in messages)


def cluster_messages(
    appeals: Sequence[ClusterAppeal], language: str = "be"
) -> tuple[ChatMessage, ...]:
    """Give the chat that asks for a summary of appeals about the same problem."""
    system = (
        "You summarise a group of citizens' appeals that seem to report the same problem, "
        "for the official who will answer them all at once. Write in "
        f"{_language(language)}, in at most 120 words: the problem in one sentence; where "
        "and since when; what the applicants ask for; and how the appeals differ, if they "
        f"do. Use only what the appeals say. {KEEP_PLACEHOLDERS}"
    )
    shown = appeals[:MAX_CLUSTER_APPEALS]
    parts = [f"Appeal {a.number} of {a.date}:\n{_cut(a.text, CLUSTER_APPEAL_CHARS)}" for a in shown]
    if len(appeals) > len(shown):
        parts.append(f"({len(appeals) - len(shown)} more appeals are not shown.)")
    return (ChatMessage("system", system), ChatMessage("user", "\n\n".join(parts)))


def urllib_transport(
    url: str, body: bytes, headers: dict[str, str], timeout: float
) -> tuple[int, bytes]:
    """Post with the standard library; give (status, body), or raise ``AssistantError``."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as refused:
        return int(refused.code), bytes(refused.read() or b"")
    except TimeoutError as slow:
        raise AssistantError("timeout", str(slow)) from slow
    except urllib.error.URLError as failed:
        if isinstance(failed.reason, TimeoutError):
            raise AssistantError("timeout", str(failed.reason)) from failed
        raise AssistantError("unreachable", str(failed.reason)) from failed
    except OSError as failed:
        raise AssistantError("unreachable", str(failed)) from failed


def completions_url(base_url: str) -> str:
    """Give the chat-completions address under the base URL (http or https only)."""
    parts = urllib.parse.urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AssistantError("config", "the base URL must start with http:// or https://")
    return base_url.strip().rstrip("/") + "/chat/completions"


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def parse_reply(status: int, body: bytes) -> AssistantReply:
    """Give the reply in a chat-completions response, or raise ``AssistantError``."""
    if status != 200:
        raise AssistantError("http", str(status))
    try:
        data = json.loads(body.decode("utf-8"))
        choice = data["choices"][0]
        content = choice["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as broken:
        raise AssistantError("malformed", type(broken).__name__) from broken
    if not isinstance(content, str) or not content.strip():
        raise AssistantError("empty")
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    return AssistantReply(
        text=content.strip(),
        model=str(data.get("model", "")),
        finish_reason=str(choice.get("finish_reason") or ""),
        prompt_tokens=_int(usage.get("prompt_tokens")),
        completion_tokens=_int(usage.get("completion_tokens")),
    )


def ask(
    config: AssistantConfig,
    messages: Sequence[ChatMessage],
    transport: Transport = urllib_transport,
) -> AssistantReply:
    """Give the model's reply to the chat, or raise ``AssistantError``."""
    url = completions_url(config.base_url)
    payload = {
        "model": config.model,
        "messages": [{"role": m.role, "content": m.content} for m in messages],
        "temperature": config.temperature,
        "max_tokens": config.max_tokens,
        "stream": False,
    }
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    status, answer = transport(url, body, headers, config.timeout)
    return parse_reply(status, answer)


def draft_answer(
    config: AssistantConfig, request: DraftRequest, transport: Transport = urllib_transport
) -> AssistantReply:
    """Give a draft answer to the appeal, for an official to check and edit."""
    return ask(config, draft_messages(request), transport)


def summarise_cluster(
    config: AssistantConfig,
    appeals: Sequence[ClusterAppeal],
    language: str = "be",
    transport: Transport = urllib_transport,
) -> AssistantReply:
    """Give a short summary of appeals about one problem."""
    if not appeals:
        raise AssistantError("empty", "no appeals to summarise")
    return ask(config, cluster_messages(appeals, language), transport)
