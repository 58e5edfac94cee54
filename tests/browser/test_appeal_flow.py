"""In real chromium, the whole life of an appeal.

A citizen without an account files an appeal with an attachment and gets the number; an
officer finds it in the department inbox and drafts the answer; the head approves it;
the citizen opens the tracking link, reads the answer and rates it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.browser.test_languages_and_roles import log_in
from tests.conftest import build_world

from ratusha.appeals.models import Appeal, Rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ANSWER = "Ліхтар на вуліцы Савецкай адрамантавалі 14 сакавіка; праверана брыгадай."


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_citizen_officer_head_citizen(live_server: Any, browser: Any) -> None:
    world = build_world()
    base = live_server.url

    # 1. A citizen without an account files an appeal with a photo.
    citizen = browser.new_context(locale="be-BY").new_page()
    citizen.goto(f"{base}/appeals/new/A/")
    citizen.locator("#id_text").fill(
        "Каля дома 12 па вуліцы Савецкай не гарыць ліхтар ужо тыдзень."
    )
    citizen.select_option("#id_category", label="Катэгорыя A1")
    citizen.locator("#id_applicant_name").fill("Ганна Жук")
    citizen.locator("#id_applicant_email").fill("hanna@example.org")
    citizen.locator("#id_attachments").set_input_files(
        [{"name": "lamp.png", "mimeType": "image/png", "buffer": PNG}]
    )
    citizen.locator("form.appeal-form button[type=submit]").click()
    citizen.wait_for_load_state()

    # 2. The receipt shows the number and the tracking link.
    number = citizen.locator(".receipt-number").inner_text().strip()
    assert re.fullmatch(r"A-\d{4}-000001", number), number
    tracking = citizen.locator(".tracking-link a").get_attribute("href")
    assert tracking and number in tracking
    appeal = Appeal.objects.get(number=number)
    assert appeal.attachments.count() == 1
    assert appeal.department == world.departments["A1"]  # routed by its category

    # 3. The officer finds it in the inbox and drafts the answer.
    officer = browser.new_context(locale="be-BY").new_page()
    log_in(officer, base, "officer@example.org")
    officer.goto(f"{base}/appeals/staff/departments/{world.departments['A1'].pk}/inbox/")
    officer.get_by_role("link", name=number).click()
    draft = officer.locator("form[action$='/draft-answer/']")
    draft.locator("textarea[name=text]").fill(ANSWER)
    for box in draft.locator("input[name=questions]").all():
        box.check()
    draft.locator("button[type=submit]").click()
    officer.wait_for_load_state()
    appeal.refresh_from_db()
    assert appeal.state == "answer_drafted"

    # 4. The head approves it; it is sent.
    head = browser.new_context(locale="be-BY").new_page()
    log_in(head, base, "head@example.org")
    head.goto(f"{base}/appeals/staff/appeals/{appeal.pk}/")
    head.locator("form[action$='/approve-answer/'] button[type=submit]").click()
    head.wait_for_load_state()
    appeal.refresh_from_db()
    assert appeal.state == "answered"

    # 5. The citizen opens the tracking link, reads the answer and rates it.
    citizen.goto(tracking)
    assert ANSWER in citizen.content()
    citizen.locator("input[name=score][value='5']").check()
    citizen.locator("textarea[name=comment]").fill("Дзякуй, хутка.")
    citizen.locator("form[action$='/rate/'] button[type=submit]").click()
    citizen.wait_for_load_state()
    rating = Rating.objects.get(appeal=appeal)
    assert (rating.score, rating.comment) == (5, "Дзякуй, хутка.")
