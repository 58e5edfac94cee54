"""In real chromium, keyboard only, in Belarusian: the triage models page and the queue's order.

An administrator of town A pins the active department model and lifts the pin, then rolls
back to version 1 keeping the pin ticked on the confirmation page; the same administrator
types an impossible precision into the routing policy, is told so at the field, then saves
85% with automatic routing switched off. A clerk shows the triage queue with the most
confident suggestion first and assigns one card without losing the order.

The UI strings are compared with the catalogue through ``ui`` (not ``translated``), so the
tests pass both before and after the Belarusian translations of the new strings arrive.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import formats, timezone, translation
from tests.browser.test_languages_and_roles import log_in
from tests.conftest import World, build_world

from ratusha.appeals.actions import AppealInput, check_register_appeal
from ratusha.appeals.choices import Channel, State
from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.bodies.models import Body
from ratusha.triage.models import Target, TriageModel, TriageResult
from ratusha.triage.training import do_train_model
from ratusha_core.triage.classify import ClassifierConfig

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "be"
TOPICS = {
    "A1": [
        "Глыбокая яма на дарозе па вуліцы {street}, машыны б'юць колы.",
        "Разбіты асфальт на праезнай частцы {street}, трэба зрабіць ямачны рамонт дарогі.",
        "Просим отремонтировать дорогу на улице {street}, сплошные ямы на асфальте.",
    ],
    "A2": [
        "Не гарыць вулічны ліхтар на вуліцы {street}, вечарам цёмна.",
        "Не горит уличное освещение на улице {street}, фонари не работают.",
        "Ліхтары асвятлення на {street} мігаюць і гаснуць, просім замяніць лямпы.",
    ],
}
STREETS = ["Леніна", "Савецкая", "Гагарына", "Міра", "Пушкіна", "Кірава"]
# The buttons of the versions table; the hidden part tells a screen reader which version.
PIN = 'Pin this version<span class="visually-hidden"> (version %(version)s)</span>'
LIFT = 'Lift the pin<span class="visually-hidden"> (version %(version)s)</span>'
ACTIVATE = 'Make this version active<span class="visually-hidden"> (version %(version)s)</span>'
VAGUE = [
    "Прашу разабрацца з маёй сітуацыяй як мага хутчэй.",
    "Прошу разобраться с моей ситуацией как можно скорее.",
    "Сітуацыя не змяняецца ўжо месяц, прашу дапамагчы.",
]


def ui(message: str, **values: Any) -> str:
    """Give the text a reader of the page sees: the catalogue's or, while missing, English."""
    with translation.override(LANGUAGE):
        text = translation.gettext(message)
    return re.sub(r"<[^>]+>", "", text % values if values else text)


def _register(world: World, text: str, email: str) -> Appeal:
    return check_register_appeal(
        AppealInput(
            body=world.bodies["A"],
            channel=Channel.WEB,
            text=text,
            applicant_name="Ганна Жук",
            applicant_email=email,
        )
    ).appeal


def _two_department_models(world: World) -> list[TriageModel]:
    """Give versions 1 and 2 of body A's department model, trained on 36 answered appeals."""
    first = _register(world, "Першы зварот.", "first@example.org")
    Appeal.objects.filter(pk=first.pk).delete()
    now = timezone.now()
    clones = []
    for code, templates in TOPICS.items():
        for template in templates:
            for street in STREETS:
                n = len(clones) + 1
                values = {
                    f.attname: getattr(first, f.attname) for f in Appeal._meta.concrete_fields
                }
                values.pop("id")
                values.update(
                    sequence=800_000 + n,
                    number=f"{first.number.rsplit('-', 1)[0]}-{800_000 + n:06d}",
                    text=template.format(street=street),
                    department_id=world.departments[code].pk,
                    category_id=world.categories[code].pk,
                    state=State.ANSWERED,
                    registered_at=now - timedelta(days=60 + n * 2),
                )
                clones.append(Appeal(**values))
    Appeal.objects.bulk_create(clones)
    fast = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
    body = world.bodies["A"]
    models = [do_train_model(body, Target.DEPARTMENT, config=fast) for _ in range(2)]
    assert all(m is not None for m in models)
    return [m for m in models if m is not None]


def _press_enter_on(page: Any, locator: Any) -> Any:
    """Focus an element, press Enter, and give the response of the page it leads to."""
    locator.focus()
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    return navigation.value


def focused(locator: Any) -> bool:
    return bool(locator.evaluate("node => node === document.activeElement"))


def _pinned_line(model: TriageModel, body: Body) -> str:
    model.refresh_from_db()
    assert model.pinned_at is not None
    with translation.override(LANGUAGE), timezone.override(body.time_zone):
        on = formats.date_format(timezone.localtime(model.pinned_at), "SHORT_DATETIME_FORMAT")
    return ui("Pinned by %(name)s on %(on)s.", name="Admin", on=on)


def test_an_administrator_pins_lifts_the_pin_and_rolls_back(
    live_server: Any, page: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    world = build_world()
    body = world.bodies["A"]
    one, two = _two_department_models(world)
    assert (one.version, two.version) == (1, 2)

    log_in(page, live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/triage/bodies/{body.pk}/models/")
    assert page.locator("html").get_attribute("lang") == LANGUAGE
    versions = page.get_by_role("region", name=ui("Department model"))
    pin = ui(PIN, version=2)
    _press_enter_on(page, versions.get_by_role("button", name=pin, exact=True))

    two.refresh_from_db()
    assert two.is_active and two.pinned_at is not None
    assert two.pinned_by_id == world.users["admin"].pk
    versions = page.get_by_role("region", name=ui("Department model"))
    assert _pinned_line(two, body) in versions.inner_text()
    assert versions.get_by_role("button", name=pin, exact=True).count() == 0
    lift = ui(LIFT, version=2)
    _press_enter_on(page, versions.get_by_role("button", name=lift, exact=True))

    two.refresh_from_db()
    assert two.is_active and two.pinned_at is None
    lifted = ui(
        "The pin of version %(version)s is lifted: the next training makes its new version active.",
        version=2,
    )
    assert lifted in page.get_by_role("status").inner_text()
    versions = page.get_by_role("region", name=ui("Department model"))
    assert ui("Not pinned: the next training replaces it.") in versions.inner_text()

    # Roll back to version 1: a confirmation page first, its pin box ticked by default.
    back = ui(ACTIVATE, version=1)
    _press_enter_on(page, versions.get_by_role("button", name=back, exact=True))
    assert page.locator("h1").inner_text() == ui(
        "Make version %(version)s of the department model active?", version=1
    )
    box = page.get_by_role(
        "checkbox", name=ui("Keep this version active after later trainings (pin it)")
    )
    assert box.is_checked()
    box.focus()
    page.keyboard.press("Tab")  # from the box straight to the button, nothing between
    confirm = page.get_by_role("button", name=ui("Make version %(version)s active", version=1))
    assert focused(confirm)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"/triage/bodies/{body.pk}/models/")
    status = page.get_by_role("status").inner_text()
    assert ui("Version %(version)s of the department model is active now.", version=1) in status
    assert ui("It is pinned: later trainings will not replace it.") in status
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.is_active and one.pinned_at is not None and not two.is_active
    rows = page.get_by_role("region", name=ui("Department model")).locator("tbody tr")
    assert rows.count() == 2
    newest, oldest = rows.nth(0), rows.nth(1)
    assert oldest.locator("th").inner_text() == "1"
    assert ui("Active") in oldest.inner_text() and _pinned_line(one, body) in oldest.inner_text()
    assert oldest.get_by_role("button", name=ui(LIFT, version=1), exact=True).count() == 1
    assert newest.get_by_role("button", name=ui(ACTIVATE, version=2), exact=True).count() == 1


def test_an_administrator_is_told_of_a_bad_precision_then_switches_routing_off(
    live_server: Any, page: Any
) -> None:
    world = build_world()
    body = world.bodies["A"]
    assert body.auto_route and body.auto_route_precision == 0.9
    log_in(page, live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/triage/bodies/{body.pk}/models/")
    policy = page.get_by_role("region", name=ui("Automatic routing"))
    field = policy.get_by_role("spinbutton", name=ui("Precision automatic routing must reach, %"))
    assert field.input_value() == "90"
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("100")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")

    assert navigation.value.status == 422
    with translation.override(LANGUAGE):
        error = translation.gettext(
            "Ensure this value is less than or equal to %(limit_value)s."
        ) % {"limit_value": 99}
    field = page.locator("#policy-precision_percent")
    assert field.input_value() == "100"  # what was typed is kept
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby") or ""
    assert "policy-precision_percent_error" in described.split()
    assert page.locator("#policy-precision_percent_error").inner_text() == error
    # Announced on arrival: the summary takes the focus and links to the field.
    summary = page.get_by_role("alert")
    assert error in summary.inner_text()
    assert summary.evaluate("node => node.contains(document.activeElement)")
    link = summary.get_by_role("link")
    assert link.get_attribute("href") == "#policy-precision_percent"
    assert Body.objects.get(pk=body.pk).auto_route_precision == 0.9  # nothing saved
    # What is in force is told as saved, not as typed.
    now_on = ui(
        "Now: on. An appeal goes straight to the suggested department when the model is at "
        "least as sure as the threshold that reached %(percent)s%% precision on past appeals; "
        "the others wait in the triage queue.",
        percent=90,
    )
    assert now_on in page.get_by_role("region", name=ui("Automatic routing")).inner_text()

    # From the summary, the link leads the keyboard to the field.
    page.keyboard.press("Tab")
    assert focused(link)
    page.keyboard.press("Enter")
    assert focused(field)
    page.keyboard.press("Control+A")
    page.keyboard.type("85")
    page.keyboard.press("Shift+Tab")
    box = page.get_by_role(
        "checkbox", name=ui("Route appeals automatically when the AI is sure enough")
    )
    assert focused(box) and box.is_checked()
    page.keyboard.press(" ")
    assert not box.is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    duty = page.get_by_role(
        "combobox", name=ui("Department for urgent appeals the AI does not route")
    )
    assert focused(duty)  # left at none
    page.keyboard.press("Tab")
    assert focused(page.get_by_role("button", name=ui("Save the routing policy")))
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    saved = navigation.value

    assert saved.status == 200 and page.url.endswith(f"/triage/bodies/{body.pk}/models/")
    # The message after the redirect takes the focus, so a screen reader reads it out.
    assert focused(page.locator("#messages"))
    assert ui("Saved: every suggestion now waits for a clerk in the triage queue.") in (
        page.get_by_role("status").inner_text()
    )
    policy = page.get_by_role("region", name=ui("Automatic routing"))
    assert ui("Now: off. Every suggestion waits for a clerk in the triage queue.") in (
        policy.inner_text()
    )
    assert page.locator("#policy-precision_percent").input_value() == "85"
    assert not page.locator("#policy-auto_route").is_checked()
    fresh = Body.objects.get(pk=body.pk)
    assert (fresh.auto_route, fresh.auto_route_precision) == (False, 0.85)


def test_a_clerk_shows_the_most_confident_suggestions_first(
    live_server: Any, page: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    world = build_world()
    body = world.bodies["A"]
    waiting = []
    for n, text in enumerate(VAGUE):
        appeal = _register(world, text, f"v{n}@example.org")
        process_appeal.call(appeal.pk)
        waiting.append(Appeal.objects.get(pk=appeal.pk))
    assert all(a.state == State.TRIAGE for a in waiting)
    first, second, third = waiting
    # The model's confidence in its suggestion, as a trained one would store it.
    confidences = [
        (first, [[world.departments["A1"].pk, 0.41]]),
        (second, []),  # no department suggested: last in this order
        (third, [[world.departments["A2"].pk, 0.93]]),
    ]
    for appeal, departments in confidences:
        TriageResult.objects.filter(appeal=appeal).update(departments=departments)

    log_in(page, live_server.url, "clerk@example.org")
    url = f"{live_server.url}/appeals/staff/bodies/{body.pk}/triage/"
    page.goto(url)
    cards = page.locator(".triage-list > li h2 a")
    assert cards.all_inner_texts() == [first.number, second.number, third.number]
    order = page.get_by_role("combobox", name=ui("Order"))
    assert order.input_value() == "oldest"
    order.focus()
    page.keyboard.press("ArrowDown")
    assert order.input_value() == "confident"
    page.keyboard.press("Tab")  # past "The AI suggests", left at any department
    assert focused(page.get_by_role("combobox", name=ui("The AI suggests")))
    page.keyboard.press("Tab")
    assert focused(page.get_by_role("button", name=ui("Show"), exact=True))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == f"{url}?order=confident&suggested="
    assert cards.all_inner_texts() == [third.number, first.number, second.number]
    order = page.get_by_role("combobox", name=ui("Order"))
    assert order.input_value() == "confident"
    selected = order.locator("option:checked").inner_text()
    assert selected == ui("Most confident suggestion first")

    # Assigning the top card comes back to the same order.
    assignee = page.locator(f"#a{third.pk}_assignee")
    assignee.focus()
    page.keyboard.press("ArrowDown")
    chosen = assignee.input_value()
    assert chosen
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{url}?order=confident&suggested="
    assert cards.all_inner_texts() == [first.number, second.number]
    assert page.get_by_role("combobox", name=ui("Order")).input_value() == "confident"
    assert Appeal.objects.get(pk=third.pk).state == State.ASSIGNED
