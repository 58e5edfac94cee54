"""Fixtures for the citizen's pages: an English-speaking browser, files, a filed appeal."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
TEXT = "On Savetskaya street by house 12 the street lamp has been out for a week."


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def browser(client: Any) -> Any:
    """A test client whose language cookie says English (messages are checked in English)."""
    client.cookies["ratusha_language"] = "en"
    return client


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def form_data(**overrides: Any) -> dict[str, Any]:
    """Give a valid filled-in appeal form (an anonymous individual)."""
    values: dict[str, Any] = {
        "text": TEXT,
        "category": "",
        "address": "Savetskaya 12",
        "latitude": "",
        "longitude": "",
        "applicant_kind": "individual",
        "applicant_name": "Hanna Zhuk",
        "applicant_email": "hanna@example.org",
        "applicant_phone": "",
        "applicant_address": "",
        "organisation": "",
        "idempotency_key": "key-0123456789abcdef",
    }
    values.update(overrides)
    return values


@pytest.fixture
def filed(world: Any) -> Any:
    """Give a registered appeal at body A (through the action) and its tracking URL."""
    from ratusha.appeals.actions import AppealInput, check_register_appeal
    from ratusha.appeals.choices import Channel

    registration = check_register_appeal(
        AppealInput(
            body=world.bodies["A"],
            channel=Channel.WEB,
            text=TEXT,
            applicant_name="Hanna Zhuk",
            applicant_email="hanna@example.org",
            category=world.categories["A1"],
            language="en",
            files=[upload("lamp.png", PNG)],
        )
    )
    appeal = registration.appeal
    return appeal, f"/appeals/track/{appeal.number}/{registration.token}/"
