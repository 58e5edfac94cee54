"""The SMS backends, chosen by RATUSHA_SMS_BACKEND, and the phone numbers they take."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from ratusha import sms
from ratusha.sms import SMSError, SMSMessage, get_backend, phones, send_sms
from ratusha.sms.message import segments

TO = "+375291234567"


def test_locmem_keeps_the_messages_in_the_outbox(settings: Any) -> None:
    settings.RATUSHA_SMS_BACKEND = "locmem"
    settings.RATUSHA_SMS_SENDER = "Ratusha"
    assert send_sms(TO, "Hello") == 1
    assert sms.outbox == [SMSMessage(to=TO, text="Hello", sender="Ratusha")]


def test_a_dotted_path_names_a_backend_too(settings: Any) -> None:
    settings.RATUSHA_SMS_BACKEND = "ratusha.sms.backends.locmem.SMSBackend"
    assert send_sms(TO, "Hello", sender="Town") == 1
    assert sms.outbox[0].sender == "Town"


def test_disabled_sends_nothing_and_is_the_default(settings: Any, capsys: Any) -> None:
    settings.RATUSHA_SMS_BACKEND = "disabled"
    assert send_sms(TO, "Hello") == 0
    settings.RATUSHA_SMS_BACKEND = ""
    assert send_sms(TO, "Hello") == 0
    assert sms.outbox == [] and capsys.readouterr().out == ""


def test_console_writes_to_standard_output(settings: Any, capsys: Any) -> None:
    settings.RATUSHA_SMS_BACKEND = "console"
    assert send_sms(TO, "Зварот зарэгістраваны", sender="Ratusha") == 1
    out = capsys.readouterr().out
    assert f"To: {TO}" in out and "From: Ratusha" in out and "Зварот зарэгістраваны" in out
    stream = io.StringIO()
    get_backend("console", stream=stream).send_messages(
        [SMSMessage(TO, "One"), SMSMessage(TO, "Two")]
    )
    assert stream.getvalue().count(f"To: {TO}") == 2


def test_filebased_writes_one_file_per_message(settings: Any, tmp_path: Path) -> None:
    settings.RATUSHA_SMS_BACKEND = "filebased"
    settings.RATUSHA_SMS_FILE_PATH = str(tmp_path / "sms")  # made when missing
    assert send_sms(TO, "First") == 1
    assert send_sms("+375445551234", "Second") == 1
    files = sorted((tmp_path / "sms").iterdir())
    assert len(files) == 2
    texts = {f.read_text(encoding="utf-8") for f in files}
    assert any(f"To: {TO}" in t and "First" in t for t in texts)
    assert any("To: +375445551234" in t and "Second" in t for t in texts)


def test_filebased_refuses_a_file_for_a_folder(settings: Any, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("")
    settings.RATUSHA_SMS_FILE_PATH = str(taken)
    with pytest.raises(ImproperlyConfigured):
        get_backend("filebased")


class Gateway(BaseHTTPRequestHandler):
    """A local SMS gateway: records each POST and answers with the server's status."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.server.received.append(  # type: ignore[attr-defined]
            (self.path, dict(self.headers), json.loads(self.rfile.read(length)))
        )
        time.sleep(self.server.delay)  # type: ignore[attr-defined]
        status = self.server.status  # type: ignore[attr-defined]
        self.send_response(status)
        if status in (301, 302, 307):
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


class GatewayServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (the timeout test) closes the socket early


@pytest.fixture
def gateway(settings: Any) -> Iterator[Any]:
    """Run a gateway on 127.0.0.1 and point the http backend at it."""
    server = GatewayServer(("127.0.0.1", 0), Gateway)
    server.received, server.status, server.delay = [], 200, 0.0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.RATUSHA_SMS_BACKEND = "http"
    settings.RATUSHA_SMS_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.RATUSHA_SMS_TOKEN = "test-token"
    settings.RATUSHA_SMS_SENDER = "Ratusha"
    settings.RATUSHA_SMS_TIMEOUT_SECONDS = 5
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_http_posts_json_with_the_bearer_token(gateway: Any) -> None:
    assert send_sms(TO, "Зварот A-2026-000001") == 1
    [(path, headers, body)] = gateway.received
    assert path == "/send"
    assert body == {"to": TO, "text": "Зварот A-2026-000001", "sender": "Ratusha"}
    assert headers["Authorization"] == "Bearer test-token"
    assert headers["Content-Type"] == "application/json"


def test_http_without_a_token_sends_no_authorization(gateway: Any, settings: Any) -> None:
    settings.RATUSHA_SMS_TOKEN = ""
    assert send_sms(TO, "Hello") == 1
    assert "Authorization" not in gateway.received[0][1]


@pytest.mark.parametrize("status", [400, 401, 500, 503, 302])
def test_http_raises_on_an_answer_other_than_2xx(gateway: Any, status: int) -> None:
    gateway.status = status
    with pytest.raises(SMSError, match=str(status)):
        send_sms(TO, "Hello")
    assert len(gateway.received) == 1  # a redirect is not followed
    assert send_sms(TO, "Hello", fail_silently=True) == 0


def test_http_gives_up_after_the_timeout(gateway: Any, settings: Any) -> None:
    gateway.delay = 1.0
    settings.RATUSHA_SMS_TIMEOUT_SECONDS = 0.2
    started = time.monotonic()
    with pytest.raises(SMSError):
        send_sms(TO, "Hello")
    assert time.monotonic() - started < 1.0


def test_http_raises_when_the_gateway_is_unreachable(settings: Any) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    port = server.server_port
    server.server_close()  # nothing listens there now
    settings.RATUSHA_SMS_URL = f"http://127.0.0.1:{port}/send"
    with pytest.raises(SMSError, match="unreachable"):
        send_sms(TO, "Hello", backend="http")


@pytest.mark.parametrize("url", ["", "ftp://gateway.example/send", "gateway.example/send"])
def test_http_needs_an_http_address(settings: Any, url: str) -> None:
    settings.RATUSHA_SMS_URL = url
    with pytest.raises(ImproperlyConfigured, match="RATUSHA_SMS_URL"):
        get_backend("http")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("[" * 80, 1),  # extension characters count twice
        ("[" * 81, 2),
        ("ж" * 70, 1),
        ("ж" * 71, 2),
        ("ж" * 134, 2),
        ("ж" * 135, 3),
    ],
)
def test_segments_count_gsm_and_ucs2_parts(text: str, parts: int) -> None:
    assert segments(text) == parts


@pytest.mark.parametrize(
    "raw", ["+375 29 123-45-67", "8 (029) 123-45-67", "80291234567", "291234567", "+375291234567"]
)
def test_belarusian_numbers_are_normalised_to_e164(settings: Any, raw: str) -> None:
    settings.RATUSHA_PHONE_REGION = "BY"
    assert phones.to_e164(raw) == TO


def test_the_region_comes_from_the_settings(settings: Any) -> None:
    settings.RATUSHA_PHONE_REGION = "RU"
    assert phones.to_e164("8 916 123-45-67") == "+79161234567"
    settings.RATUSHA_PHONE_REGION = "BY"
    with pytest.raises(phones.InvalidPhone):
        phones.to_e164("8 916 123-45-67")


@pytest.mark.parametrize("raw", ["12", "phone", "+375 29 123", ""])
def test_invalid_numbers_are_refused(raw: str) -> None:
    with pytest.raises(phones.InvalidPhone):
        phones.to_e164(raw)


def test_only_mobile_numbers_can_get_text_messages() -> None:
    assert phones.can_get_sms("+375 44 555 12 34")
    assert not phones.can_get_sms("+375 17 222-33-44")  # a Minsk landline
    assert not phones.can_get_sms("12")
