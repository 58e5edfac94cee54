"""Attachments are downloaded only by those who may see the appeal, as downloads with nosniff."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ratusha.appeals.actions import AppealInvalid, tracking_token

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def attachment(make_appeal: Any) -> Any:
    appeal = make_appeal(files=[SimpleUploadedFile("photo.png", PNG)])
    return appeal.attachments.get()


def test_staff_of_the_department_downloads(attachment: Any, as_user: Any) -> None:
    response = as_user("officer").get(reverse("appeals:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "photo.png" in response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["officer_a2", "officer_b", "citizen"])
def test_others_get_404(attachment: Any, as_user: Any, name: str) -> None:
    response = as_user(name).get(reverse("appeals:attachment", args=[attachment.pk]))
    assert response.status_code == 404


def test_the_tracking_link_opens_its_own_attachments(attachment: Any, client: Any) -> None:
    token = tracking_token(attachment.appeal)
    assert client.get(reverse("appeals:attachment", args=[attachment.pk])).status_code == 404
    ok = client.get(reverse("appeals:attachment", args=[attachment.pk, token]))
    assert ok.status_code == 200 and ok["X-Content-Type-Options"] == "nosniff"
    wrong = client.get(reverse("appeals:attachment", args=[attachment.pk, "0" * 32]))
    assert wrong.status_code == 404


def test_the_citizens_own_account_opens_it(make_appeal: Any, world: Any, as_user: Any) -> None:
    appeal = make_appeal(citizen=world.users["citizen"], files=[SimpleUploadedFile("a.png", PNG)])
    url = reverse("appeals:attachment", args=[appeal.attachments.get().pk])
    assert as_user("citizen").get(url).status_code == 200


def test_svg_is_never_stored_so_never_served(make_appeal: Any) -> None:
    with pytest.raises(AppealInvalid) as refused:
        make_appeal(files=[SimpleUploadedFile("x.svg", SVG, content_type="image/svg+xml")])
    assert "files" in refused.value.errors


def test_the_appeal_page_links_through_the_checked_view(attachment: Any, as_user: Any) -> None:
    page = as_user("officer").get(reverse("appeals:appeal", args=[attachment.appeal.pk]))
    assert reverse("appeals:attachment", args=[attachment.pk]) in page.content.decode()
    assert "/media/" not in page.content.decode()
