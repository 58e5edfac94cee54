"""A body's answer templates and common questions on a staff page: its administrators add,
change and delete them (after a confirmation); other staff of the body read them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.models import AnswerTemplate

pytestmark = pytest.mark.django_db

QUESTION = "Please send a photo of the problem on the page of your appeal."


def urls(world: Any, template: AnswerTemplate | None = None) -> dict[str, str]:
    body = world.bodies["A"].pk
    found = {
        "list": reverse("appeals:templates", args=[body]),
        "new": reverse("appeals:template-new", args=[body]),
    }
    if template is not None:
        found["edit"] = reverse("appeals:template-edit", args=[body, template.pk])
        found["delete"] = reverse("appeals:template-delete", args=[body, template.pk])
    return found


def test_the_administrator_adds_changes_and_deletes_a_common_question(
    world: Any, as_user: Any, make_appeal: Any
) -> None:
    admin = as_user("admin")
    admin.cookies["ratusha_language"] = "en"
    page = admin.get(urls(world)["list"]).content.decode()
    assert "Common questions to applicants" in page and "Add a common question" in page
    form = admin.get(urls(world)["new"], {"kind": "question"}).content.decode()
    assert '<option value="question" selected>' in form
    empty = admin.post(urls(world)["new"], {"kind": "question", "title": "", "text": QUESTION})
    assert empty.status_code == 400 and QUESTION in empty.content.decode()  # kept
    admin.post(urls(world)["new"], {"kind": "question", "title": "Photo", "text": QUESTION})
    template = AnswerTemplate.objects.get(title="Photo")
    assert (template.body, template.kind, template.text) == (
        world.bodies["A"],
        "question",
        QUESTION,
    )
    admin.post(
        urls(world, template)["edit"], {"kind": "question", "title": "Photo", "text": "A photo?"}
    )
    template.refresh_from_db()
    assert template.text == "A photo?"
    officer = make_appeal(language="en")
    officer_page = as_user("officer").get(reverse("appeals:appeal", args=[officer.pk]))
    assert 'data-text="A photo?"' in officer_page.content.decode()  # offered on the request
    admin = as_user("admin")
    admin.cookies["ratusha_language"] = "en"
    confirm = admin.get(urls(world, template)["delete"]).content.decode()
    assert "Delete the template “Photo”?" in confirm and "cannot be undone" in confirm
    assert AnswerTemplate.objects.filter(pk=template.pk).exists()  # not before the POST
    done = admin.post(urls(world, template)["delete"], follow=True).content.decode()
    assert "The template “Photo” is deleted." in done
    assert not AnswerTemplate.objects.filter(pk=template.pk).exists()


def test_other_staff_read_them_and_may_not_change_them(world: Any, as_user: Any) -> None:
    template = AnswerTemplate.objects.create(
        body=world.bodies["A"], title="Repaired", text="The road was repaired on {date}."
    )
    officer = as_user("officer")
    officer.cookies["ratusha_language"] = "en"
    page = officer.get(urls(world)["list"]).content.decode()
    assert "Repaired" in page and "Add an answer template" not in page
    assert officer.get(urls(world)["new"]).status_code == 403
    assert officer.post(urls(world, template)["delete"]).status_code == 403
    assert AnswerTemplate.objects.filter(pk=template.pk).exists()
    other = as_user("officer_b")  # another body: its templates are not theirs to see
    assert other.get(urls(world)["list"]).status_code == 404
    citizen = as_user("citizen")
    assert citizen.get(urls(world)["list"]).status_code == 404


def test_a_placeholder_that_nothing_fills_is_refused(world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    admin.cookies["ratusha_language"] = "en"
    typo = "Your appeal {numbr} of {date} is answered. {"
    refused = admin.post(urls(world)["new"], {"kind": "answer", "title": "T", "text": typo})
    html = refused.content.decode()
    assert refused.status_code == 400 and not AnswerTemplate.objects.exists()
    assert "Unknown placeholders: {numbr}." in html and "{numbr} of {date}" in html  # kept
    asked = admin.post(
        urls(world)["new"], {"kind": "question", "title": "Q", "text": "Is {name} at home?"}
    )
    assert asked.status_code == 400 and "without {name}" in asked.content.decode()
    fine = "Your appeal {number} of {date}, {name}, is answered {in full}"  # words: text
    admin.post(urls(world)["new"], {"kind": "answer", "title": "T", "text": fine})
    assert AnswerTemplate.objects.get().text == fine
