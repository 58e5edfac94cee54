"""Filing an appeal through the web form: receipt, errors that keep the text, retries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.appeals_citizen.conftest import PNG, SVG, TEXT, form_data, upload

from ratusha.appeals.actions import check_transition
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal

pytestmark = pytest.mark.django_db


def test_choosing_a_body_leads_to_its_form(browser: Any, world: Any) -> None:
    html = browser.get("/appeals/new/").content.decode()
    assert 'href="/appeals/new/A/"' in html and 'href="/appeals/new/D/"' in html
    assert browser.get("/appeals/new/NOPE/").status_code == 404


def test_the_form_offers_the_bodys_public_categories_and_a_fresh_key(
    browser: Any, world: Any
) -> None:
    hidden = world.categories["A2"]
    hidden.is_public = False
    hidden.save()
    html = browser.get("/appeals/new/A/").content.decode()
    assert "Катэгорыя A1" in html and "Катэгорыя A2" not in html and "Катэгорыя B1" not in html
    assert 'type="file"' in html and "multiple" in html and "HEIC" in html
    consent = re.search(r'<input type="checkbox" name="consent_to_publish"[^>]*>', html)
    assert consent is not None and "checked" not in consent[0]  # unticked by default
    keys = {
        re.search(r'name="idempotency_key" value="([^"]+)"', browser.get(url).content.decode())[1]
        for url in ["/appeals/new/A/", "/appeals/new/A/"]
    }
    assert len(keys) == 2  # every rendering gets its own key


def test_anonymous_filing_with_a_png_gives_a_receipt(browser: Any, world: Any) -> None:
    response = browser.post(
        "/appeals/new/A/",
        form_data(
            category=str(world.categories["A1"].pk),
            latitude="53,9023",
            longitude="27.5619",
            consent_to_publish="on",
            attachments=[upload("lamp.png", PNG, "image/png")],
        ),
    )
    assert response.status_code == 302 and response["Location"].startswith("/appeals/receipt/")
    appeal = Appeal.objects.get()
    assert appeal.citizen is None and appeal.channel == "web" and appeal.language == "en"
    assert appeal.consent_to_publish and appeal.category == world.categories["A1"]
    assert float(appeal.latitude) == pytest.approx(53.9023)
    assert [a.original_name for a in appeal.attachments.all()] == ["lamp.png"]
    html = browser.get(response["Location"]).content.decode()
    assert f'<p class="receipt-number">{appeal.number}</p>' in html
    assert appeal.due_date.isoformat() in html  # the <time datetime> of the due date
    token_link = re.search(r'href="(http://testserver/appeals/track/[^"]+)"', html)
    assert token_link is not None
    assert browser.get(token_link[1]).status_code == 200
    assert "Keep the link private" in html


def test_errors_keep_what_was_typed_and_sit_next_to_the_fields(browser: Any, world: Any) -> None:
    response = browser.post(
        "/appeals/new/A/",
        form_data(
            applicant_email="",
            applicant_address="",
            address="Lenina 3",
            attachments=[upload("lamp.png", PNG, "image/png")],
        ),
    )
    assert response.status_code == 400 and not Appeal.objects.exists()
    html = response.content.decode()
    assert TEXT in html and 'value="Lenina 3"' in html and 'value="Hanna Zhuk"' in html
    assert 'role="alert"' in html and 'href="#id_applicant_email"' in html
    assert 'id="id_applicant_email_error"' in html
    assert re.search(r'aria-describedby="[^"]*id_applicant_email_error', html)
    assert "e-mail or a postal address" in html
    assert "choose them again" in html  # files are not kept


def test_every_problem_of_the_page_shows_at_once(browser: Any, world: Any) -> None:
    blank = form_data(text="", applicant_name="", applicant_email="", applicant_phone="029 12")
    response = browser.post("/appeals/new/A/", {**blank, "sms_notices": "on"})
    assert response.status_code == 400 and not Appeal.objects.exists()
    html = response.content.decode()
    summary = html[
        html.index('id="error-summary"') : html.index("</ul>", html.index('id="error-summary"'))
    ]
    for field in ("text", "applicant_name", "applicant_email", "applicant_phone"):
        assert f'href="#id_{field}"' in summary, field  # one round, not four
    assert "the law requires it" in html
    assert 'href="#id_sms_notices"' not in summary  # the phone's problem, told once
    page = browser.get("/appeals/new/A/").content.decode()
    label = page[page.index('for="id_applicant_name"') :]
    assert label.index("*") < label.index("</label>")  # the name is marked required


def test_an_svg_attachment_is_refused_with_a_clear_error(browser: Any, world: Any) -> None:
    response = browser.post(
        "/appeals/new/A/",
        form_data(attachments=[upload("drawing.svg", SVG, "image/png")]),
    )
    assert response.status_code == 400 and not Appeal.objects.exists()
    html = response.content.decode()
    assert "drawing.svg is not a PDF, JPEG, PNG or HEIC file." in html
    assert 'id="id_attachments_error"' in html


def test_a_double_submit_creates_one_appeal(browser: Any, world: Any) -> None:
    first = browser.post("/appeals/new/A/", form_data(attachments=[upload("a.png", PNG)]))
    again = browser.post("/appeals/new/A/", form_data(attachments=[upload("a.png", PNG)]))
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Appeal.objects.count() == 1
    other = browser.post("/appeals/new/A/", form_data(idempotency_key="key-fedcba9876543210"))
    assert other.status_code == 302 and Appeal.objects.count() == 2


def test_a_reused_key_with_other_text_asks_to_send_again(browser: Any, world: Any) -> None:
    browser.post("/appeals/new/A/", form_data())
    response = browser.post("/appeals/new/A/", form_data(text=TEXT + " And the pavement too."))
    assert response.status_code == 400 and Appeal.objects.count() == 1
    html = response.content.decode()
    assert "already sent" in html and 'value="key-0123456789abcdef"' not in html
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html)[1]
    again = browser.post(
        "/appeals/new/A/", form_data(text=TEXT + " And the pavement too.", idempotency_key=key)
    )
    assert again.status_code == 302 and Appeal.objects.count() == 2


def test_collective_and_legal_entity_appeals(browser: Any, world: Any) -> None:
    missing = browser.post("/appeals/new/A/", form_data(applicant_kind="collective"))
    assert missing.status_code == 400 and 'id="id_co_name_1_error"' in missing.content.decode()
    browser.post(
        "/appeals/new/A/",
        form_data(
            applicant_kind="collective",
            co_name_1="Siarhei Maroz",
            co_address_1="Lenina 3",
            co_name_3="Volha Zhuk",
        ),
    )
    appeal = Appeal.objects.get()
    assert sorted(appeal.co_applicants.values_list("name", flat=True)) == [
        "Siarhei Maroz",
        "Volha Zhuk",
    ]
    firm = browser.post(
        "/appeals/new/A/",
        form_data(
            applicant_kind="legal_entity",
            organisation="Zarechcha LLC",
            idempotency_key="key-legal-entity-000001",
        ),
    )
    assert firm.status_code == 302
    assert Appeal.objects.filter(organisation="Zarechcha LLC").exists()


def test_a_logged_in_citizens_appeal_is_linked_and_listed(browser: Any, world: Any) -> None:
    citizen = world.users["citizen"]
    citizen.phone = "+375291234567"
    citizen.save()
    browser.force_login(citizen)
    html = browser.get("/appeals/new/A/").content.decode()
    assert 'value="citizen@example.org"' in html and 'value="+375291234567"' in html
    response = browser.post(
        "/appeals/new/A/",
        form_data(applicant_name=citizen.full_name, applicant_email=citizen.email),
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and appeal.citizen == citizen
    mine = browser.get("/appeals/mine/").content.decode()
    link = re.search(rf'href="(/appeals/track/{appeal.number}/[0-9a-f]+/)"', mine)
    assert link is not None and browser.get(link[1]).status_code == 200
    assert 'href="/appeals/mine/"' in browser.get("/").content.decode()  # the menu link
    assert "#reply" not in mine
    process_appeal.call(appeal.pk)  # no topic: it waits for the clerk, who sends it to A1
    to_a1 = {"department": world.departments["A1"].pk}
    check_transition(appeal.pk, "assign", world.users["clerk"], to_a1)
    question = {"question": "Which entrance?"}
    check_transition(appeal.pk, "ask_applicant", world.users["officer"], question)
    browser.cookies["ratusha_language"] = "en"
    mine = browser.get("/appeals/mine/").content.decode()
    assert f'href="{link[1]}#reply">Needs your reply</a>' in mine
    browser.force_login(world.users["officer"])
    assert appeal.number not in browser.get("/appeals/mine/").content.decode()


def test_my_appeals_needs_a_login(browser: Any, world: Any) -> None:
    response = browser.get("/appeals/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_sub_categories_are_grouped_under_their_parent(browser: Any, world: Any) -> None:
    from ratusha.bodies.models import Category

    Category.objects.create(
        body=world.bodies["A"],
        code="CA1L",
        name_be="Ліхтары",
        name_en="Street lights",
        parent=world.categories["A1"],
        default_department=world.departments["A1"],
    )
    html = browser.get("/appeals/new/A/").content.decode()
    group = re.search(r'<optgroup label="Катэгорыя A1">(.*?)</optgroup>', html, re.S)
    assert group is not None and "Street lights" in group[1]
    assert "I don&#x27;t know" in html


def test_a_corrected_form_keeps_its_key(browser: Any, world: Any) -> None:
    html = browser.post("/appeals/new/A/", form_data(text="")).content.decode()
    assert 'name="idempotency_key" value="key-0123456789abcdef"' in html
    html = browser.post("/appeals/new/A/", form_data(text="", idempotency_key="")).content.decode()
    assert re.search(r'name="idempotency_key" value="[A-Za-z0-9_-]{16,}"', html)


def test_the_receipt_e_mail_goes_once_even_after_a_retry(
    browser: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/appeals/new/A/", form_data())
        browser.post("/appeals/new/A/", form_data())
    appeal = Appeal.objects.get()
    receipts = [m for m in mail.outbox if appeal.number in m.body]
    assert len(receipts) == 1 and receipts[0].to == ["hanna@example.org"]
    assert f"/appeals/track/{appeal.number}/" in receipts[0].body


def test_too_many_anonymous_appeals_from_one_address_are_refused_keeping_the_text(
    browser: Any, world: Any, settings: Any
) -> None:
    settings.RATUSHA_APPEALS_PER_HOUR_PER_ADDRESS = 2
    for n in range(2):
        response = browser.post(
            "/appeals/new/A/",
            form_data(text=f"{TEXT} ({n})", idempotency_key=f"key-quota-{n:012d}"),
        )
        assert response.status_code == 302
    refused = browser.post(
        "/appeals/new/A/", form_data(text=f"{TEXT} (third)", idempotency_key="key-quota-third-00")
    )
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Too many appeals were sent from here" in html and "(third)" in html
    assert Appeal.objects.count() == 2
    # Another address is not refused.
    other = browser.post(
        "/appeals/new/A/",
        form_data(text=f"{TEXT} (other)", idempotency_key="key-quota-other-00"),
        REMOTE_ADDR="10.9.9.9",
    )
    assert other.status_code == 302 and Appeal.objects.count() == 3
