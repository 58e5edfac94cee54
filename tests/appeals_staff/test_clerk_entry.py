"""Clerk entry of paper and oral appeals: the scan is required for written ones, no duplicates."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ratusha.appeals.models import Appeal, Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"0" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "idempotency_key": "4f1c2b7e9d",
        "channel": "post",
        "applicant_kind": "individual",
        "applicant_name": "Пётр Іваноў",
        "applicant_address": "г. Тэст, вул. Першая, 1",
        "text": "Прашу адрамантаваць дах пад'езда дома 3, бо цячэ ўжо месяц.",
        "questions": "Калі адрамантуюць дах?\nХто заплаціць за шкоду?",
        "language": "be",
    }
    data.update(overrides)
    return data


def test_form_has_a_fresh_key(world: Any, as_user: Any) -> None:
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    client = as_user("clerk")
    first, second = (client.get(url).content.decode() for _ in range(2))
    key = 'name="idempotency_key" value="'
    assert key in first and first.split(key)[1][:32] != second.split(key)[1][:32]


def test_a_written_appeal_needs_the_scan(world: Any, as_user: Any) -> None:
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    response = as_user("clerk").post(url, form_data())
    html = response.content.decode()
    assert response.status_code == 400
    assert "A written appeal needs a scan of the paper original." in html
    assert "Прашу адрамантаваць дах" in html  # the typed text is kept
    assert not Appeal.objects.exists()


def test_an_oral_appeal_needs_no_scan(world: Any, as_user: Any) -> None:
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    response = as_user("clerk").post(url, form_data(channel="oral"))
    assert response.status_code == 302
    assert Appeal.objects.get().channel == "oral"


def test_double_submit_registers_once(world: Any, as_user: Any) -> None:
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    client = as_user("clerk")
    sent = []
    for _ in range(2):
        scan = SimpleUploadedFile("scan.pdf", PDF)
        photo = SimpleUploadedFile("roof.png", PNG)
        sent.append(client.post(url, {**form_data(), "scans": scan, "files": photo}))
    assert [r.status_code for r in sent] == [302, 302]
    assert sent[0]["Location"] == sent[1]["Location"]
    appeal = Appeal.objects.get()
    assert appeal.registered_by == world.users["clerk"] and appeal.channel == "post"
    assert list(appeal.questions.values_list("text", flat=True)) == [
        "Калі адрамантуюць дах?",
        "Хто заплаціць за шкоду?",
    ]
    assert sorted(Attachment.objects.values_list("is_scan", flat=True)) == [False, True]
    receipt = client.get(sent[0]["Location"]).content.decode()
    assert appeal.number in receipt and "/appeals/track/" in receipt


def test_collective_and_legal_entity(world: Any, as_user: Any) -> None:
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    client = as_user("clerk")
    missing = client.post(
        url, form_data(channel="oral", applicant_kind="collective", idempotency_key="k1")
    )
    assert "A collective appeal lists the other applicants." in missing.content.decode()
    client.post(
        url,
        form_data(
            channel="oral",
            applicant_kind="collective",
            idempotency_key="k2",
            co_applicants="Марыя Кот; вул. Першая, 2\nІван Бусел; вул. Першая, 4; ivan@example.org",
        ),
    )
    appeal = Appeal.objects.get()
    assert list(appeal.co_applicants.values_list("name", "email")) == [
        ("Марыя Кот", ""),
        ("Іван Бусел", "ivan@example.org"),
    ]
    client.post(url, form_data(channel="oral", applicant_kind="legal_entity", idempotency_key="k3"))
    assert Appeal.objects.count() == 1  # the organisation is required
    client.post(
        url,
        form_data(
            channel="oral",
            applicant_kind="legal_entity",
            idempotency_key="k4",
            organisation="ТАА Дах",
        ),
    )
    assert Appeal.objects.filter(organisation="ТАА Дах").count() == 1


def test_other_applicants_are_checked_line_by_line(world: Any, as_user: Any) -> None:
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    client = as_user("clerk")
    client.cookies["ratusha_language"] = "en"
    lines = (
        "Марыя Кот; вул. Першая, 2\nА; Б; В; Г\n; вул. Другая, 5\n"
        "Іван Бусел; вул. Першая, 4; not-an-email"
    )
    refused = client.post(
        url,
        form_data(
            channel="oral", applicant_kind="collective", idempotency_key="k5", co_applicants=lines
        ),
    )
    html = refused.content.decode()
    assert refused.status_code == 400 and not Appeal.objects.exists()
    assert "Line 2: give a name, an address and an e-mail, separated by" in html
    assert "Line 3: the name comes first." in html
    assert "Line 4: not-an-email is not an e-mail address." in html
    assert "Марыя Кот; вул. Першая, 2" in html  # what was typed is kept
    blank = "Марыя Кот\n ; ; \n"
    client.post(
        url,
        form_data(
            channel="oral", applicant_kind="collective", idempotency_key="k6", co_applicants=blank
        ),
    )
    assert list(Appeal.objects.get().co_applicants.values_list("name", flat=True)) == ["Марыя Кот"]


def test_bad_file_is_refused_and_files_must_be_chosen_again(world: Any, as_user: Any) -> None:
    url = reverse("appeals:register-appeal", args=[world.bodies["A"].pk])
    svg = SimpleUploadedFile("scan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    response = as_user("clerk").post(url, {**form_data(), "scans": svg})
    html = response.content.decode()
    assert response.status_code == 400
    assert "is not a PDF, JPEG, PNG or HEIC file" in html
    assert "choose the scan and the attachments again" in html
    assert not Appeal.objects.exists()
