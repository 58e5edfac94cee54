"""Fixtures for appeal tests: a valid input and small files of each kind."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def appeal_input(world: Any) -> Any:
    from ratusha.appeals.actions import AppealInput
    from ratusha.appeals.choices import Channel

    def make(**overrides: Any) -> Any:
        values: dict[str, Any] = {
            "body": world.bodies["A"],
            "channel": Channel.WEB,
            "text": "На вуліцы Савецкай каля дома 12 не працуе ліхтар ужо тыдзень.",
            "applicant_name": "Ганна Жук",
            "applicant_email": "hanna@example.org",
            "category": world.categories["A1"],
        }
        values.update(overrides)
        return AppealInput(**values)

    return make


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
