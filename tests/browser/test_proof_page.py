"""In real chromium: the proof page's own check (WebCrypto), a forged proof, and axe."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from tests.browser.test_accessibility import violations
from tests.conftest import build_world

from ratusha.ledger.actions import append_many, integrate, log_for_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZE = 11


@pytest.fixture
def proof_url(live_server: Any, settings: Any, tmp_path: Any) -> str:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    world = build_world()
    log = log_for_body(world.bodies["A"])
    policy = "triage.routing_policy"
    append_many(
        log, [(policy, {"auto_route": n % 2 == 0, "precision": 0.9}, "A") for n in range(SIZE)]
    )
    integrate(log)
    return f"{live_server.url}/ledger/{log.name}/entry/6/proof/"


def _result(page: Any) -> tuple[str, str]:
    region = page.locator("#browser-check")
    page.wait_for_function(
        "() => ['valid', 'invalid', 'partial', 'unchecked']"
        ".includes(document.getElementById('browser-check').dataset.state)"
    )
    return region.get_attribute("data-state"), region.inner_text()


def _message(page: Any, key: str) -> str:
    return page.evaluate(
        "key => document.getElementById('proof-messages').content"
        ".querySelector(`[data-message=${key}]`).textContent.trim()",
        key,
    )


def test_the_browser_checks_the_proof_and_axe_finds_nothing(page: Any, proof_url: str) -> None:
    page.goto(proof_url)
    state, text = _result(page)
    assert state == "valid", text
    assert _message(page, "valid") in text and _message(page, "badge-valid") in text
    assert page.locator("#browser-check[role=status]").count() == 1
    found = violations(page)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_one_changed_hash_in_the_proof_makes_the_browser_check_fail(
    page: Any, proof_url: str
) -> None:
    def forge(route: Any) -> None:
        data = route.fetch().json()
        first = bytearray(base64.b64decode(data["hashes"][0]))
        first[0] ^= 1
        data["hashes"][0] = base64.b64encode(bytes(first)).decode()
        route.fulfill(json=data)

    page.route("**/proof/inclusion?*", forge)
    page.goto(proof_url)
    state, text = _result(page)
    assert state == "invalid" and _message(page, "root") in text
    # The server's own check, made without the forged answer, still says valid.
    assert page.locator("#server-check .badge-ok").count() == 1


def test_without_ed25519_the_browser_says_the_path_was_checked(page: Any, proof_url: str) -> None:
    page.add_init_script(
        "const importKey = crypto.subtle.importKey.bind(crypto.subtle);"
        "crypto.subtle.importKey = (format, key, algorithm, ...rest) =>"
        " algorithm && algorithm.name === 'Ed25519'"
        "   ? Promise.reject(new DOMException('no', 'NotSupportedError'))"
        "   : importKey(format, key, algorithm, ...rest);"
    )
    page.goto(proof_url)
    state, text = _result(page)
    assert state == "partial" and _message(page, "path-only") in text
