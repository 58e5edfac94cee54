"""In real chromium: a clerk accepts two suggestions of the triage queue at once.

With the keyboard only: tick "Select" on two cards, press "Accept the selected
suggestions…", read the list in Belarusian, confirm; both appeals are assigned as
suggested and the third still waits.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from tests.browser.test_languages_and_roles import log_in, translated
from tests.conftest import build_world

from ratusha.appeals.actions import AppealInput, check_register_appeal
from ratusha.appeals.choices import Channel, State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.triage.models import TriageLabel, TriageResult

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "Прашу разабрацца з маёй сітуацыяй як мага хутчэй.",
    "Прошу разобраться с моей ситуацией как можно скорее.",
    "Сітуацыя не змяняецца ўжо месяц, прашу дапамагчы.",
]


def test_a_clerk_accepts_two_suggestions_at_once(
    live_server: Any, page: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    world = build_world()
    waiting = []
    for n, text in enumerate(TEXTS):
        appeal = check_register_appeal(
            AppealInput(
                body=world.bodies["A"],
                channel=Channel.WEB,
                text=text,
                applicant_name="Ганна Жук",
                applicant_email=f"p{n}@example.org",
            )
        ).appeal
        process_appeal.call(appeal.pk)
        # A model's suggestion, as a trained one would store it (no model is trained here).
        suggested = world.departments["A1" if n else "A2"]
        TriageResult.objects.filter(appeal=appeal).update(departments=[[suggested.pk, 0.72]])
        waiting.append(Appeal.objects.get(pk=appeal.pk))
    assert all(a.state == State.TRIAGE for a in waiting)

    log_in(page, live_server.url, "clerk@example.org")
    page.goto(f"{live_server.url}/appeals/staff/bodies/{world.bodies['A'].pk}/triage/")
    for appeal in waiting[:2]:
        page.locator(f"#pick-{appeal.pk}").focus()
        page.keyboard.press("Space")
    button = page.get_by_role("button", name=translated("be", "Accept the selected suggestions…"))
    button.first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    table = page.get_by_role("table")
    assert table.locator("tbody tr").count() == 2
    assert waiting[0].number in table.inner_text() and waiting[2].number not in table.inner_text()
    with translation.override("be"):
        words = ngettext(
            "Assign %(n)s appeal as suggested", "Assign %(n)s appeals as suggested", 2
        ) % {"n": 2}
    assert words != "Assign 2 appeals as suggested"  # translated
    page.get_by_role("button", name=words).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"/bodies/{world.bodies['A'].pk}/triage/")
    states = [Appeal.objects.get(pk=a.pk) for a in waiting]
    assert [a.state for a in states] == [State.ASSIGNED, State.ASSIGNED, State.TRIAGE]
    assert states[0].department_id == world.departments["A2"].pk
    assert states[1].department_id == world.departments["A1"].pk
    assert TriageLabel.objects.filter(accepted=True, by=world.users["clerk"]).count() == 2
    assert page.locator(f"#pick-{waiting[2].pk}").count() == 1  # still in the queue
