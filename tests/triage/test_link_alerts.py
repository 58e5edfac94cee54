"""The alert that officers reject many duplicate links: who gets it, when, and how often."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from ratusha.accounts.actions import check_grant_role
from ratusha.accounts.models import User
from ratusha.appeals.models import Appeal
from ratusha.triage import link_alerts
from ratusha.triage.actions_not_duplicates import check_keep_apart, check_withdraw
from ratusha.triage.link_alerts import measure, should_alert
from ratusha.triage.models import LinkAlert, TriageResult
from ratusha.triage.tasks import check_link_alerts
from ratusha_core.permissions import Role

MINSK = ZoneInfo("Europe/Minsk")
# The first appeals are registered on 2 March (Minsk time); the check runs the next day.
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=MINSK)


def test_the_rule_compares_the_share_as_a_ratio() -> None:
    assert should_alert(links=20, marked=5, min_links=20, share=0.25)
    assert not should_alert(links=20, marked=4, min_links=20, share=0.25)
    assert not should_alert(links=19, marked=19, min_links=20, share=0.25)
    assert should_alert(links=30, marked=3, min_links=20, share=0.1)  # 0.1 * 30 > 3 in floats
    assert not should_alert(links=0, marked=0, min_links=0, share=0.0)


def test_the_settings_have_their_documented_defaults() -> None:
    from ratusha.settings import base

    assert base.RATUSHA_TRIAGE_LINK_ALERT_MIN_LINKS == 20
    assert base.RATUSHA_TRIAGE_LINK_ALERT_SHARE == 0.25


@pytest.fixture
def thresholds(settings: Any) -> None:
    settings.RATUSHA_TRIAGE_LINK_ALERT_MIN_LINKS = 4
    settings.RATUSHA_TRIAGE_LINK_ALERT_SHARE = 0.25
    settings.RATUSHA_BASE_URL = "https://appeals.example.by/"


@pytest.fixture
def linked(town: Any, register: Any) -> Any:
    """Register pairs of appeals of a body at a moment, link each pair as a triage run does,
    and have the clerk mark some of them as not duplicates; give the pairs."""
    counter = iter(range(1, 10_000))

    def make(when: datetime, pairs: int, marked: int, body: str = "A") -> list[tuple[Any, Any]]:
        found = []
        clerk = town.users["clerk"]
        with time_machine.travel(when, tick=False):
            for _ in range(pairs):
                older, newer = (
                    register(
                        f"Зварот {n}: не гарыць ліхтар на вуліцы Міра, {n}.",
                        body=town.bodies[body],
                        applicant_email=f"p{n}@example.org",
                    )
                    for n in (next(counter), next(counter))
                )
                TriageResult.objects.create(
                    appeal=newer,
                    language="be",
                    decision="suggest",
                    created_at=when,
                    duplicates=[[older.pk, 0.71]],
                )
                found.append((older, newer))
            for older, newer in found[:marked]:
                if body == "A":
                    check_keep_apart(clerk, newer, older)
                else:
                    check_keep_apart(town.users["officer_b"], _in_b1(newer), _in_b1(older))
        return found

    return make


def _in_b1(appeal: Any) -> Any:
    Appeal.objects.filter(pk=appeal.pk).update(department_id=_department("B1"))
    return Appeal.objects.get(pk=appeal.pk)


def _department(code: str) -> int:
    from ratusha.bodies.models import Department

    return Department.objects.get(code=code).pk


def _speakers(town: Any) -> None:
    """The body's administrator reads English; the district's, above it, Russian."""
    User.objects.filter(pk=town.users["admin"].pk).update(preferred_language="en")
    User.objects.filter(pk=town.users["district_admin"].pk).update(preferred_language="ru")


def _run(when: datetime) -> dict[str, int]:
    with time_machine.travel(when, tick=False):
        return check_link_alerts.call()


@pytest.mark.django_db
def test_below_the_minimum_of_links_or_of_marks_nothing_is_sent(
    town: Any, linked: Any, thresholds: None
) -> None:
    pairs = linked(T0, pairs=3, marked=3)  # every link marked, but only 3 pairs
    assert _run(T0 + timedelta(days=1)) == {}
    assert measure(town.bodies["A"], T0 + timedelta(days=1)).links == 3
    linked(T0, pairs=6, marked=0)
    # 9 pairs and 3 marks would be 33%; withdrawing one mark (a right link after all)
    # leaves 2 of 9, 22%.
    older, newer = pairs[0]
    check_withdraw(town.users["clerk"], newer, older)
    window = measure(town.bodies["A"], T0 + timedelta(days=1))
    assert (window.links, window.marked) == (9, 2)
    assert _run(T0 + timedelta(days=1)) == {}
    assert mail.outbox == [] and not LinkAlert.objects.exists()


@pytest.mark.django_db
def test_the_window_is_the_thirty_whole_days_before_today_in_the_body_time_zone(
    town: Any, linked: Any, thresholds: None
) -> None:
    late = datetime(2026, 3, 2, 23, 30, tzinfo=MINSK)  # 20:30 UTC on 2 March
    linked(late, pairs=4, marked=1)
    # At 00:30 in Minsk (still 2 March in UTC) the appeals are yesterday's: measured.
    after_midnight = datetime(2026, 3, 3, 0, 30, tzinfo=MINSK)
    window = measure(town.bodies["A"], after_midnight)
    assert (str(window.start), str(window.end)) == ("2026-02-01", "2026-03-02")
    assert (window.links, window.marked) == (4, 1)
    # Earlier the same evening they are today's, not yet a whole day: not measured.
    assert measure(town.bodies["A"], late + timedelta(minutes=10)).links == 0
    # Thirty-one days on they are out of the window.
    assert measure(town.bodies["A"], after_midnight + timedelta(days=31)).links == 0


@pytest.mark.django_db
def test_administrators_are_told_once_in_their_language_then_not_for_thirty_days(
    town: Any, linked: Any, thresholds: None
) -> None:
    _speakers(town)
    linked(T0, pairs=4, marked=2)
    assert _run(T0) == {}  # the appeals are today's: not measured yet
    assert _run(T0 + timedelta(days=1)) == {"A": 2}

    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["admin@example.org", "district_admin@example.org"]
    english, russian = by_address["admin@example.org"], by_address["district_admin@example.org"]
    assert english.subject == "Officers rejected 50% of the duplicate links in Body A"
    assert "Орган A ru" in russian.subject and "Body A" not in russian.subject
    assert (
        "From 1 February 2026 to 2 March 2026, triage linked 4 pairs of appeals in Body A "
        "as likely duplicates, and officers marked 2 of them (50%) as not duplicates."
    ) in english.body
    assert "марта 2026" in russian.body  # dates in Russian too
    url = "https://appeals.example.by" + reverse("triage:accuracy", args=[town.bodies["A"].pk])
    assert f"{url}#links-heading" in english.body
    [alert] = LinkAlert.objects.all()
    assert (alert.links, alert.marked, alert.share, alert.emails) == (4, 2, 0.5, 2)
    assert (str(alert.window_start), str(alert.window_end)) == ("2026-02-01", "2026-03-02")

    # A second run the same day, and one ten days later (the share is still high), send nothing.
    assert _run(T0 + timedelta(days=1, hours=5)) == {}
    assert measure(town.bodies["A"], T0 + timedelta(days=11)).marked == 2
    assert _run(T0 + timedelta(days=11)) == {}
    assert len(mail.outbox) == 2 and LinkAlert.objects.count() == 1

    # New links as noisy 20 days on; 31 days after the alert they are told again.
    linked(T0 + timedelta(days=20), pairs=4, marked=3)
    assert _run(T0 + timedelta(days=30)) == {}  # 29 days after the alert
    assert _run(T0 + timedelta(days=32)) == {"A": 2}
    assert len(mail.outbox) == 4
    latest = LinkAlert.objects.order_by("-window_start").first()
    assert latest is not None and (latest.links, latest.marked) == (4, 3)
    assert "75%" in mail.outbox[-1].subject


@pytest.mark.django_db
def test_another_body_s_staff_get_nothing_and_each_body_is_alerted_on_its_own(
    town: Any, linked: Any, thresholds: None
) -> None:
    b_admin = User.objects.create_user("b_admin@example.org", "x" * 20, full_name="B Admin")
    check_grant_role(b_admin, Role.BODY_ADMIN, town.bodies["B"], None)
    linked(T0, pairs=4, marked=2)
    linked(T0, pairs=4, marked=0, body="B")
    assert _run(T0 + timedelta(days=1)) == {"A": 2}
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == ["admin@example.org", "district_admin@example.org"]
    for name in ("officer_b", "officer", "clerk", "head", "auditor", "sysadmin"):
        assert f"{name}@example.org" not in told
    # Body B's noisy month reaches its own administrator and the district's, not A's.
    linked(T0 + timedelta(days=2), pairs=4, marked=4, body="B")
    mail.outbox.clear()
    assert _run(T0 + timedelta(days=3)) == {"B": 2}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "b_admin@example.org",
        "district_admin@example.org",
    ]


@pytest.mark.django_db
def test_the_accuracy_page_shows_the_latest_alert(
    town: Any, linked: Any, thresholds: None, client: Any
) -> None:
    url = reverse("triage:accuracy", args=[town.bodies["A"].pk])
    client.force_login(town.users["clerk"])
    linked(T0, pairs=4, marked=2)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        assert 'id="link-alert"' not in client.get(url).text
        check_link_alerts.call()
        page = client.get(url).text
    assert 'id="link-alert"' in page
    assert (
        "On 3 March 2026 triage raised an alert: of the 4 pairs it linked from "
        "1 February 2026 to 2 March 2026, officers marked 2 (50%) as not duplicates."
    ) in page
    assert "2 administrators were told by e-mail." in page
    assert page.index('id="link-alert"') < page.index('aria-labelledby="links-heading"')
    # A plain officer may not read the page, note included.
    client.force_login(town.users["officer"])
    assert client.get(url).status_code == 403


def test_the_django_admin_lists_the_alerts_read_only(
    linked: Any, thresholds: None, admin_site: Any
) -> None:
    linked(T0, pairs=4, marked=2)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        check_link_alerts.call()
    alert = LinkAlert.objects.get()
    client = admin_site
    listing = client.get(reverse("admin:triage_linkalert_changelist")).text
    assert "column-marked_share" in listing and "50 %" in listing
    change = client.get(reverse("admin:triage_linkalert_change", args=[alert.pk])).text
    assert 'name="marked"' not in change and 'name="sent_at"' not in change  # read-only
    assert client.get(reverse("admin:triage_linkalert_add")).status_code == 403


@pytest.mark.django_db
def test_a_sending_that_failed_halfway_resumes_without_writing_twice(
    town: Any, linked: Any, thresholds: None, monkeypatch: Any
) -> None:
    _speakers(town)
    linked(T0, pairs=4, marked=2)
    real_send = link_alerts.send_mail

    def refuse_the_district(subject: str, text: str, sender: Any, to: list[str]) -> int:
        if to == ["district_admin@example.org"]:
            raise OSError("the mail server went away")
        return real_send(subject, text, sender, to)

    monkeypatch.setattr(link_alerts, "send_mail", refuse_the_district)
    with time_machine.travel(T0 + timedelta(days=1), tick=False), pytest.raises(OSError):
        link_alerts.do_check_link_alert(
            town.bodies["A"], T0 + timedelta(days=1), min_links=4, share=0.25
        )
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    alert = LinkAlert.objects.get()
    assert alert.sent_at is None and alert.reached == [town.users["admin"].pk]

    monkeypatch.setattr(link_alerts, "send_mail", real_send)  # the server is back
    assert _run(T0 + timedelta(days=1, hours=1)) == {"A": 2}
    assert [m.to for m in mail.outbox] == [["admin@example.org"], ["district_admin@example.org"]]
    alert.refresh_from_db()
    assert alert.sent_at is not None and alert.emails == 2
