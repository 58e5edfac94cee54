"""Public and staff pages, the language switch and /healthz."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ratusha.accounts.models import User

pytestmark = pytest.mark.django_db


def test_home_lists_bodies_and_explains_how_to_file(client: Any, world: Any) -> None:
    html = client.get("/").content.decode()
    assert '<html lang="be">' in html
    assert 'href="#main"' in html  # the skip link
    assert "/bodies/A/" in html and "/bodies/R/" not in html  # only districts and towns


def test_public_body_page_shows_categories(client: Any, world: Any) -> None:
    html = client.get("/bodies/A/").content.decode()
    assert "Катэгорыя A1" in html and "Катэгорыя B1" not in html
    assert client.get("/bodies/NOPE/").status_code == 404


def test_language_switch_sets_the_cookie_and_the_preference(client: Any, world: Any) -> None:
    response = client.post("/language/", {"language": "en", "next": "/bodies/A/"})
    assert response.status_code == 302 and response["Location"] == "/bodies/A/"
    assert response.cookies["ratusha_language"].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()
    client.force_login(world.users["citizen"])
    client.post("/language/", {"language": "ru", "next": "https://evil.example/"})
    assert User.objects.get(pk=world.users["citizen"].pk).preferred_language == "ru"


def test_language_switch_ignores_unknown_languages_and_foreign_redirects(client: Any) -> None:
    response = client.post("/language/", {"language": "de", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "ratusha_language" not in response.cookies


def test_staff_home_lists_the_roles(client: Any, world: Any) -> None:
    client.force_login(world.users["officer"])
    html = client.get("/staff/").content.decode()
    assert "Аддзел A1" in html and "Аддзел A2" not in html


def test_staff_pages_need_a_login(client: Any, world: Any) -> None:
    response = client.get(f"/staff/departments/{world.departments['A1'].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_after_login_sends_staff_and_citizens_to_their_pages(client: Any, world: Any) -> None:
    client.force_login(world.users["clerk"])
    assert client.get("/welcome/")["Location"] == "/staff/"
    client.force_login(world.users["citizen"])
    assert client.get("/welcome/")["Location"] == "/"


def test_healthz_reports_database_and_worker(client: Any) -> None:
    body = client.get("/healthz").json()
    assert body["database"]["state"] == "ok"
    assert body["worker"]["state"] == "ok" and body["status"] == "ok"


def test_healthz_reports_a_stalled_worker(client: Any) -> None:
    DBTaskResult.objects.create(
        status="READY",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="ratusha.pages.tasks.heartbeat",
        backend_name="default",
        run_after=timezone.now() - timedelta(hours=1),
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["state"] == "stalled"


def test_the_site_styles_and_scripts_are_found() -> None:
    from django.contrib.staticfiles import finders

    for name in ("ratusha/site.css", "ratusha/htmx.min.js", "ratusha/favicon.svg"):
        assert finders.find(name), name


def test_the_site_has_an_icon(client: Any) -> None:
    assert 'rel="icon" href="/static/ratusha/favicon.svg"' in client.get("/").content.decode()
    assert client.get("/favicon.ico")["Location"] == "/static/ratusha/favicon.svg"


def test_dates_and_numbers_follow_the_language() -> None:
    from datetime import date

    from django.utils import formats, translation

    day = date(2026, 3, 8)
    with translation.override("be"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "08.03.2026"
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1\xa0234,5"
    with translation.override("ru"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "08.03.2026"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "8 Mar 2026"  # not 03/08
        assert formats.date_format(day, "DATE_FORMAT") == "8 March 2026"
        moment = datetime(2026, 3, 8, 23, 26)
        assert formats.date_format(moment, "DATETIME_FORMAT") == "8 March 2026, 23:26"


def test_the_login_page_carries_the_site_s_name_not_the_host(client: Any) -> None:
    # Django's login view puts the request's host in "site_name" of its context.
    html = client.get("/accounts/login/").content.decode()
    assert '<a class="brand" href="/">Ratusha</a>' in html
    assert "testserver" not in html and "· Ratusha</title>" in html
