"""The models page's "Duplicate links" section: the what-if table, the form, rights, ledger."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ratusha.accounts.models import User
from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.ledger.models import PendingEntry
from ratusha.triage.actions_not_duplicates import check_keep_apart, check_withdraw
from ratusha.triage.link_what_if_data import link_what_if
from ratusha.triage.models import TriageResult
from ratusha.triage.tasks import check_link_alerts

pytestmark = pytest.mark.django_db
EVENT = "triage.duplicate_policy"


def _models(body: Body) -> str:
    return reverse("triage:models", args=[body.pk])


def _policy(body: Body) -> str:
    return reverse("triage:duplicate-policy", args=[body.pk])


@pytest.fixture
def judged(town: Any, register: Any) -> dict[str, Any]:
    """Eight appeals in four linked pairs (as triage runs store them), judged by officers:
    0.93 merged, 0.55 and 0.62 marked as not duplicates, 0.71 left alone; and a marked
    pair of appeals registered 100 days ago, outside the table's 90 days."""
    now = timezone.now()
    made = [
        register(f"Зварот {n}: не гарыць ліхтар на вуліцы Міра, {n}.", applicant_email=f"{n}@x.by")
        for n in range(10)
    ]
    for n, appeal in enumerate(made):
        days = 100 if n >= 8 else 10
        Appeal.objects.filter(pk=appeal.pk).update(
            registered_at=now - timedelta(days=days, hours=n)
        )
    pairs = {}
    for (older, newer), score in zip(
        [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)], [0.93, 0.55, 0.62, 0.71, 0.58], strict=True
    ):
        TriageResult.objects.create(
            appeal=made[newer],
            language="be",
            decision="suggest",
            created_at=now,
            duplicates=[[made[older].pk, score]],
        )
        pairs[score] = (made[older], made[newer])
    Appeal.objects.filter(pk=made[1].pk).update(merged_into=made[0])
    clerk = town.users["clerk"]
    for score in (0.55, 0.62, 0.58):
        older, newer = pairs[score]
        check_keep_apart(clerk, newer, older)
    # Also on (6, 7), but withdrawn: the link was right after all.
    check_keep_apart(clerk, made[7], made[6])
    check_withdraw(clerk, made[7], made[6])
    return pairs


def _table(page: str) -> dict[str, list[str]]:
    """Give the what-if table's rows: the row header's text, then the cells' texts."""
    found = re.search(r'<table id="duplicate-what-if">(.*?)</table>', page, re.S)
    assert found is not None, "no what-if table"
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_what_if_table_counts_the_judged_links_of_the_last_90_days(
    town: Any, judged: dict[str, Any], client: Any
) -> None:
    body = town.bodies["A"]
    client.force_login(town.users["admin"])
    page = client.get(_models(body)).text
    assert (
        "Now: triage links two appeals as likely duplicates when their score is at least 0.50."
        in page
    )
    assert "4 pairs linked among the appeals of the last 90 days" in page  # the caption
    rows = _table(page)
    assert rows["Score needed"] == [
        "Links kept",
        "Marked as not duplicates, still linked",
        "Merged, still linked",
        "Share marked among those kept",
    ]
    assert rows["0.50 (now)"] == ["4", "2", "1", "50%"]
    assert rows["0.55"] == ["4", "2", "1", "50%"]  # 0.55 reaches 0.55
    assert rows["0.60"] == ["3", "1", "1", "33%"]
    assert rows["0.65"] == ["2", "0", "1", "0%"]
    assert rows["0.75"] == ["1", "0", "1", "0%"]
    assert rows["0.90"] == ["1", "0", "1", "0%"]
    assert len(rows) == 10  # the header and 0.50 to 0.90 by 0.05
    assert 'aria-current="true"' in page
    # Raised to 0.6, the present row moves; a value off the grid gets a row of its own.
    client.post(_policy(body), {"min_score": "0.6"})
    assert "0.60 (now)" in _table(client.get(_models(body)).text)
    client.post(_policy(body), {"min_score": "0.33"})
    rows = _table(client.get(_models(body)).text)
    assert rows["0.33 (now)"] == ["4", "2", "1", "50%"] and len(rows) == 11


def test_the_table_counts_only_what_the_reader_may_see(town: Any, judged: dict[str, Any]) -> None:
    body = town.bodies["A"]
    everything = link_what_if(
        appeals_for(town.users["admin"]).filter(body=body), 0.5, timezone.now()
    )
    assert (everything.links, everything.marked, everything.merged) == (4, 2, 1)
    # These appeals have no department: an officer of a department sees none of them.
    nothing = link_what_if(
        appeals_for(town.users["officer_a2"]).filter(body=body), 0.5, timezone.now()
    )
    assert (nothing.links, nothing.lowest) == (0, None)
    assert [row.kept for row in nothing.rows] == [0] * 9


def test_an_administrator_raises_the_threshold_and_the_ledger_records_it(
    town: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = town.bodies["A"]
    client.force_login(town.users["admin"])
    page = client.get(_models(body)).text
    assert 'name="min_score" value="0.50"' in page
    assert "Triage stored no links for the appeals of the last 90 days" in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(_policy(body), {"min_score": "0,65"}, follow=True)  # a comma works
    assert "linked from a score of 0.65 (it was 0.50)" in done.text
    assert "Stored links below it have left the clusters." in done.text
    assert Body.objects.get(pk=body.pk).duplicate_min_score == 0.65
    assert 'name="min_score" value="0.65"' in done.text
    entry = PendingEntry.objects.get(event_type=EVENT)
    leaf = json.loads(entry.leaf_input)
    assert (leaf["min_score"], leaf["previous"]) == (0.65, 0.5)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_policy(body), {"min_score": "0.65"}, follow=True)
    assert "nothing changed" in again.text
    assert PendingEntry.objects.filter(event_type=EVENT).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        lower = client.post(_policy(body), {"min_score": "0.45"}, follow=True)
    assert "applies to appeals triaged from now on" in lower.text
    last = PendingEntry.objects.filter(event_type=EVENT).order_by("pk").last()
    assert last is not None
    assert (json.loads(last.leaf_input)["min_score"], json.loads(last.leaf_input)["previous"]) == (
        0.45,
        0.65,
    )


@pytest.mark.parametrize("typed", ["0.95", "0.29", "0.555", "half", ""])
def test_bad_input_keeps_what_was_typed_and_changes_nothing(
    town: Any, client: Any, typed: str
) -> None:
    body = town.bodies["A"]
    client.force_login(town.users["admin"])
    refused = client.post(_policy(body), {"min_score": typed})
    assert refused.status_code == 422
    page = refused.text
    assert 'id="duplicate-min_score_error"' in page
    field = re.search(r'<input[^>]*name="min_score"[^>]*>', page)
    assert field is not None
    if typed:
        assert f'value="{typed}"' in field.group(0)
    assert 'aria-invalid="true"' in field.group(0)
    assert (
        "duplicate-min_score_error"
        in (re.search(r'aria-describedby="([^"]*)"', field.group(0)) or [""])[0]
    )
    assert Body.objects.get(pk=body.pk).duplicate_min_score == 0.5
    assert not PendingEntry.objects.filter(event_type=EVENT).exists()
    # The routing-policy form on the same page is untouched and still filled in.
    assert 'name="precision_percent" value="90"' in page


def test_only_administrators_may_change_the_threshold(town: Any, client: Any) -> None:
    body = town.bodies["A"]
    for name in ("clerk", "head", "auditor", "officer"):
        client.force_login(town.users[name])
        assert client.post(_policy(body), {"min_score": "0.7"}).status_code in (403, 404)
        assert client.get(_models(body)).status_code in (403, 404)
    assert Body.objects.get(pk=body.pk).duplicate_min_score == 0.5
    assert not PendingEntry.objects.filter(event_type=EVENT).exists()
    client.force_login(town.users["district_admin"])  # of the body above
    assert client.post(_policy(body), {"min_score": "0.7"}).status_code == 302
    assert Body.objects.get(pk=body.pk).duplicate_min_score == 0.7
    assert client.get(_policy(body)).status_code == 405


def test_the_alert_and_the_accuracy_page_point_to_the_setting(
    town: Any, register: Any, client: Any, settings: Any
) -> None:
    settings.RATUSHA_TRIAGE_LINK_ALERT_MIN_LINKS = 4
    settings.RATUSHA_TRIAGE_LINK_ALERT_SHARE = 0.25
    User.objects.filter(pk=town.users["admin"].pk).update(preferred_language="en")
    body = town.bodies["A"]
    when = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Minsk"))
    with time_machine.travel(when, tick=False):
        for n in range(4):
            older, newer = (
                register(
                    f"Зварот {n}{k}: не гарыць ліхтар на вуліцы Міра.",
                    applicant_email=f"{n}{k}@x.by",
                )
                for k in "ab"
            )
            TriageResult.objects.create(
                appeal=newer,
                language="be",
                decision="suggest",
                created_at=when,
                duplicates=[[older.pk, 0.7]],
            )
            if n < 2:
                check_keep_apart(town.users["clerk"], newer, older)
    with time_machine.travel(when + timedelta(days=1), tick=False):
        check_link_alerts.call()
    english = [m for m in mail.outbox if m.to == [town.users["admin"].email]]
    assert len(english) == 1
    text = " ".join(english[0].body.split())
    assert "whoever runs Ratusha" not in text
    assert "Raise the score needed to link two appeals under “Duplicate links”" in text
    client.force_login(town.users["admin"])
    page = client.get(reverse("triage:accuracy", args=[body.pk])).text
    anchor = f'href="{_models(body)}#duplicate-policy-heading"'
    assert anchor in page and "Duplicate links on the triage models page" in page
