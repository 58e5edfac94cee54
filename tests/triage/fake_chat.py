"""A chat-completions server on 127.0.0.1 that replays recordings, and an appeal to draft for.

Shared by the assistant tests; nothing leaves the machine.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from django.utils import timezone

from ratusha.appeals.choices import State
from ratusha.appeals.models import Answer, AnswerTemplate, Appeal, Question
from ratusha.triage.models import Decision, TriageResult

RECORDED = Path(__file__).parents[1] / "core" / "triage" / "data" / "assistant"


class FakeChatServer:
    """A chat-completions server on localhost that replays one recording per request."""

    def __init__(self) -> None:
        self.reply = (RECORDED / "draft_be.json").read_bytes()
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                owner.requests.append(
                    {"path": self.path, "json": json.loads(self.rfile.read(length))}
                )
                if owner.delay:
                    time.sleep(owner.delay)
                self.send_response(owner.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                try:
                    self.wfile.write(owner.reply)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sent_text(self) -> str:
        return "\n".join(m["content"] for r in self.requests for m in r["json"]["messages"])

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(settings: Any) -> FakeChatServer:
    """Start a fake server and point the assistant's settings at it."""
    fake = FakeChatServer()
    settings.RATUSHA_LLM_BASE_URL = fake.url
    settings.RATUSHA_LLM_MODEL = "local-model"
    settings.RATUSHA_LLM_TIMEOUT_SECONDS = 2
    return fake


def in_progress(town: Any, appeal: Appeal) -> None:
    """Put a registered appeal in progress at department A1."""
    Appeal.objects.filter(pk=appeal.pk).update(
        state=State.IN_PROGRESS, department=town.departments["A1"], executor=None
    )


def assigned_appeal(town: Any, register: Any) -> Appeal:
    """An appeal of department A1 in progress, with a question, a template and a precedent."""
    appeal = register(
        "Не гарыць ліхтар на вуліцы Леніна, 5. Мой тэлефон +375 29 123-45-67.",
        applicant_name="Ганна Жук",
    )
    in_progress(town, appeal)
    Question.objects.create(appeal=appeal, text="Калі заменяць лямпу?", position=1)
    AnswerTemplate.objects.create(body=town.bodies["A"], title="Асвятленне", text="Паважаны!")
    earlier = register("Цёмна на вуліцы Міра, ліхтары не гараць. Пішыце: ivan@example.org")
    Appeal.objects.filter(pk=earlier.pk).update(
        state=State.ANSWERED, department=town.departments["A1"], answered_at=timezone.now()
    )
    now = timezone.now()
    Answer.objects.create(
        appeal=earlier,
        text="Лямпы на вуліцы Міра заменены. Адказ для Івана Пятрова.",
        drafted_at=now - timedelta(days=2),
        sent_at=now - timedelta(days=1),
    )
    TriageResult.objects.create(
        appeal=appeal,
        language="be",
        decision=Decision.SUGGEST,
        similar=[[earlier.pk, 0.61]],
        created_at=now,
    )
    return Appeal.objects.get(pk=appeal.pk)
