"""Citizens register, confirm their e-mail, log in, reset the password and edit the profile."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from ratusha.accounts.models import User

pytestmark = pytest.mark.django_db

GOOD = {
    "full_name": "Ганна Жук",
    "email": "Hanna@Example.org",
    "preferred_language": "ru",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def link_in(message: Any) -> str:
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_register_confirm_and_log_in(client: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/register/", GOOD)
    assert response.status_code == 200
    user = User.objects.get(email="hanna@example.org")
    assert not user.is_active and user.email_confirmed_at is None
    assert len(mail.outbox) == 1
    # The e-mail is written in the citizen's preferred language (Russian here).
    assert "Подтвердите" in mail.outbox[0].subject

    # Before confirmation the log-in is refused with a clear reason.
    refused = client.post(
        "/accounts/login/", {"username": GOOD["email"], "password": GOOD["password1"]}
    )
    assert refused.status_code == 200
    assert not refused.wsgi_request.user.is_authenticated

    confirmed = client.get(link_in(mail.outbox[0]))
    assert confirmed.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None
    assert confirmed.cookies["ratusha_language"].value == "ru"

    client.post("/accounts/logout/")
    logged_in = client.post(
        "/accounts/login/", {"username": "HANNA@example.org", "password": GOOD["password1"]}
    )
    assert logged_in.status_code == 302


def test_bad_registration_keeps_what_was_typed(client: Any) -> None:
    response = client.post("/accounts/register/", {**GOOD, "password2": "different-passphrase"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Ганна Жук"' in html
    assert 'value="Hanna@Example.org"' in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.exists()


def test_weak_password_and_duplicate_email_are_refused(client: Any, world: Any) -> None:
    weak = client.post(
        "/accounts/register/", {**GOOD, "password1": "12345678901", "password2": "12345678901"}
    )
    assert weak.status_code == 200 and not User.objects.filter(email="hanna@example.org").exists()
    taken = client.post("/accounts/register/", {**GOOD, "email": "officer@example.org"})
    assert taken.status_code == 200
    assert User.objects.filter(email="officer@example.org").count() == 1


def test_tampered_confirmation_link_is_refused(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/register/", GOOD)
    path = link_in(mail.outbox[0])
    response = client.get(path[:-3] + "xyz/")
    assert response.status_code == 400
    assert not User.objects.get(email="hanna@example.org").is_active


def test_login_is_throttled_after_repeated_failures(client: Any, world: Any, settings: Any) -> None:
    settings.RATUSHA_LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    for _ in range(3):
        client.post("/accounts/login/", {"username": "citizen@example.org", "password": "wrong"})
    # Even the right password is refused while the account is locked.
    locked = client.post(
        "/accounts/login/", {"username": "citizen@example.org", "password": world.PASSWORD}
    )
    assert locked.status_code == 200
    assert not locked.wsgi_request.user.is_authenticated
    assert "15" in locked.content.decode()


def test_password_reset_sets_a_new_password(client: Any, world: Any) -> None:
    client.post("/accounts/password/reset/", {"email": "citizen@example.org"})
    assert len(mail.outbox) == 1
    page = client.get(link_in(mail.outbox[0]), follow=True)
    assert page.status_code == 200
    new = "another-long-passphrase-2026"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.login(username="citizen@example.org", password=new)


def test_profile_edit_validates_the_phone(client: Any, world: Any) -> None:
    client.force_login(world.users["citizen"])
    bad = client.post(
        "/accounts/profile/",
        {
            "full_name": "Citizen",
            "address": "вул. Савецкая, 1",
            "phone": "12",
            "preferred_language": "en",
        },
    )
    assert bad.status_code == 200 and 'value="вул. Савецкая, 1"' in bad.content.decode()
    good = client.post(
        "/accounts/profile/",
        {
            "full_name": "Citizen",
            "address": "вул. Савецкая, 1",
            "phone": "8029 123 45 67",
            "preferred_language": "en",
        },
    )
    assert good.status_code == 302
    user = User.objects.get(pk=world.users["citizen"].pk)
    assert user.phone == "+375 29 123-45-67"
    assert user.preferred_language == "en"


@pytest.mark.real_hashers
def test_passwords_are_hashed_with_argon2() -> None:
    user = User.objects.create_user("argon@example.org", "a-long-and-unusual-passphrase")
    assert user.password.startswith("argon2$")


def test_logging_in_keeps_the_language_chosen_on_the_device(client: Any, world: Any) -> None:
    from tests.conftest import World

    User.objects.filter(email="citizen@example.org").update(preferred_language="ru")
    credentials = {"username": "citizen@example.org", "password": World.PASSWORD}
    fresh = client.post("/accounts/login/", credentials)
    assert fresh.cookies["ratusha_language"].value == "ru"  # nothing chosen: the profile's
    client.post("/accounts/logout/")
    client.post("/language/", {"language": "en", "next": "/accounts/login/"})
    chosen = client.post("/accounts/login/", credentials)
    assert chosen.status_code == 302 and "ratusha_language" not in chosen.cookies
    assert '<html lang="en">' in client.get("/").content.decode()
    assert User.objects.get(email="citizen@example.org").preferred_language == "ru"
