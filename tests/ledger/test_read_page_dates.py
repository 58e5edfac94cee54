"""Going to a date on the readable page (?until=YYYY-MM-DD): the search and the page."""

from __future__ import annotations

import html
import math
import random
import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation

from ratusha.ledger import dates
from ratusha.ledger.actions import append, integrate, log_for_body
from ratusha.ledger.browse import PAGE_SIZE
from ratusha.ledger.models import Entry, Log

pytestmark = pytest.mark.django_db

MINSK = ZoneInfo("Europe/Minsk")  # the site's time zone in the tests (settings.TIME_ZONE)
START = datetime(2026, 3, 1, 0, 30, tzinfo=MINSK)  # 21:30 UTC the day before: zones matter
SIZE, PER_DAY = 200, 12  # an entry every two hours: 1 March to 17 March
ROUTING = "triage.routing_policy"


def _kind(n: int) -> tuple[str, dict[str, Any], str]:
    if n % 10 == 3:
        return (ROUTING, {"auto_route": True, "precision": 0.9}, "A")
    return ("appeal.transition", {"appeal": f"A-{n}", "action": "assign", "public": True}, "A-1")


def _fill(log: Log, times: list[datetime]) -> Log:
    for n, moment in enumerate(times):
        kind, payload, subject = _kind(n)
        append(log, kind, payload, subject=subject, time=moment)
    integrate(log)
    log.refresh_from_db()
    return log


@pytest.fixture
def log(world: Any) -> Log:
    times = [START + timedelta(hours=2 * n) for n in range(SIZE)]
    return _fill(log_for_body(world.bodies["A"]), times)


def _indexes(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr id="entry-(\d+)"', page)]


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" rel="{rel}"', page)
    return "/ledger/A/read/" + html.unescape(found.group(1)) if found else None


def _end(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=MINSK)


def _up_to(log: Log, day: date, **filters: Any) -> list[int]:
    """The oracle: the newest page of entries up to the end of the day, by their times."""
    rows = Entry.objects.filter(log=log, time__lt=_end(day), **filters).order_by("-index")
    return list(rows.values_list("index", flat=True)[:PAGE_SIZE])


def test_the_jump_shows_that_day_and_before_newest_first(en: Client, log: Log) -> None:
    response = en.get("/ledger/A/read/", {"until": "2026-03-10"})
    page = response.content.decode()
    assert response.status_code == 200
    assert _indexes(page) == _up_to(log, date(2026, 3, 10)) == list(range(119, 69, -1))
    assert "Entries up to 10 March 2026, the end of that day, newest first." in page
    assert 'value="2026-03-10"' in page  # the form keeps the date
    last = Entry.objects.get(log=log, index=119).time.astimezone(MINSK)
    assert (last.date(), last.hour) == (date(2026, 3, 10), 22)  # the day's last entry, not UTC's


def test_older_and_newer_links_page_on_from_the_date(en: Client, log: Log) -> None:
    page = en.get("/ledger/A/read/", {"until": "2026-03-10"}).content.decode()
    older, newer = _link(page, "next"), _link(page, "prev")
    assert older is not None and newer is not None and "until" not in older + newer
    assert _indexes(en.get(older).content.decode()) == list(range(69, 19, -1))
    assert _indexes(en.get(newer).content.decode()) == list(range(169, 119, -1))
    seen, url = [], older
    while url is not None:
        text = en.get(url).content.decode()
        seen += _indexes(text)
        url = _link(text, "next")
    assert seen == list(range(69, -1, -1))  # to the first entry, no gap, no repeat


def test_a_date_before_the_first_entry_says_so_and_links_to_its_day(en: Client, log: Log):
    response = en.get("/ledger/A/read/", {"until": "2026-02-28"})
    page = response.content.decode()
    assert response.status_code == 200 and _indexes(page) == []
    assert "No entries here." in page
    assert "The log begins later: its first entry is of 1 March 2026." in page
    link = re.search(r'<a href="([^"]*)">Go to that day</a>', page)
    assert link is not None and "until=2026-03-01" in html.unescape(link.group(1))
    first_day = en.get("/ledger/A/read/" + html.unescape(link.group(1))).content.decode()
    assert _indexes(first_day) == list(range(PER_DAY - 1, -1, -1))


def test_a_date_still_to_come_gives_the_newest_page_with_the_pending(en: Client, log: Log):
    append(log, ROUTING, {"auto_route": False, "precision": 0.97}, subject="A")
    for day in ("2099-12-31", "2026-03-17", "9999-12-31"):
        page = en.get("/ledger/A/read/", {"until": day}).content.decode()
        assert _indexes(page) == list(range(SIZE - 1, SIZE - 1 - PAGE_SIZE, -1))
        assert "No entry is after that day yet: these are the newest entries." in page
        assert "Not yet in a signed checkpoint" in page and "<dd>0.97</dd>" in page
        assert _link(page, "prev") is None and _link(page, "next") is not None


def test_the_event_filter_applies_from_the_date(en: Client, log: Log) -> None:
    query = {"until": "2026-03-12", "event": ROUTING}
    page = en.get("/ledger/A/read/", query).content.decode()
    wanted = _up_to(log, date(2026, 3, 12), event_type=ROUTING)
    assert _indexes(page) == wanted == [n for n in range(143, -1, -1) if n % 10 == 3]
    assert f'<option value="{ROUTING}" selected>' in page
    subject = en.get("/ledger/A/read/", {"until": "2026-03-02", "subject": "A"}).content.decode()
    assert _indexes(subject) == [23, 13, 3]  # two days of 12


@pytest.mark.parametrize("value", ["2026-02-30", "31.03.2026", "tomorrow", "2026-3"])
def test_a_malformed_date_gives_the_forms_message(en: Client, log: Log, value: str) -> None:
    response = en.get("/ledger/A/read/", {"until": value})
    page = response.content.decode()
    assert response.status_code == 400 and _indexes(page) == []
    assert "Enter a date as year-month-day: 2026-03-31." in page


def test_a_date_and_an_entry_bound_together_are_refused(en: Client, log: Log) -> None:
    response = en.get("/ledger/A/read/", {"until": "2026-03-10", "before": 50})
    assert response.status_code == 400
    assert "give a date or an entry, not both" in response.content.decode()


@pytest.mark.parametrize("language", ["ru", "be"])
def test_the_date_error_is_in_the_readers_language(client: Client, log: Log, language: str):
    page = client.get("/ledger/A/read/", {"until": "x"}, HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        message = translation.gettext("Enter a date as year-month-day: 2026-03-31.")
    assert page.status_code == 400 and f'lang="{language}"' in page.content.decode()
    assert html.escape(message) in page.content.decode()


def test_the_queries_stay_within_log2_of_the_size(
    en: Client, log: Log, django_assert_max_num_queries: Any
) -> None:
    bound = math.ceil(math.log2(SIZE)) + 6  # the search, then the page's own five at most
    for day in ("2026-03-10", "2026-02-01", "2099-01-01"):
        with django_assert_max_num_queries(bound):
            assert en.get("/ledger/A/read/", {"until": day}).status_code == 200
    with django_assert_max_num_queries(math.ceil(math.log2(SIZE + 1))):
        assert dates.first_from(log, _end(date(2026, 3, 10)), fanout=1) == 120
    with django_assert_max_num_queries(math.ceil(math.log(SIZE + 1, dates.FANOUT + 1))):
        assert dates.first_from(log, _end(date(2026, 3, 10))) == 120


@pytest.mark.parametrize("fanout", [1, 2, 3, 15, 500])
def test_the_search_finds_the_first_entry_after_every_moment(log: Log, fanout: int) -> None:
    times = list(Entry.objects.filter(log=log).order_by("index").values_list("time", flat=True))
    tick = timedelta(microseconds=1)
    for n, moment in enumerate(times):
        assert dates.first_from(log, moment, fanout=fanout) == n  # at the moment: from it
        assert dates.first_from(log, moment + tick, fanout=fanout) == n + 1
        assert dates.first_from(log, moment - tick, fanout=fanout) == n
    assert dates.first_from(log, times[-1] + tick, fanout=fanout) == SIZE
    assert dates.first_from(log, None, fanout=fanout) == SIZE
    assert dates.end_of(date.max) is None


def test_times_slightly_out_of_order_land_a_few_entries_off_at_most(world: Any) -> None:
    rng = random.Random(20260331)
    start = datetime(2026, 3, 1, 23, 50, tzinfo=MINSK)
    jitter = 20  # seconds either way: entries up to 40 s out of order
    times = [start + timedelta(seconds=15 * n + rng.uniform(-jitter, jitter)) for n in range(120)]
    assert times != sorted(times)  # the disorder is there
    log = _fill(log_for_body(world.bodies["A"]), times)
    stored = list(Entry.objects.filter(log=log).order_by("index").values_list("time", flat=True))
    slack = timedelta(seconds=2 * jitter)
    midnight = datetime(2026, 3, 2, tzinfo=MINSK)
    for moment in [midnight + timedelta(seconds=s) for s in range(-300, 1500, 7)]:
        for fanout in (1, 4, 15):
            i = dates.first_from(log, moment, fanout=fanout)
            assert i == 0 or stored[i - 1] < moment  # a crossing of the moment ...
            assert i == len(stored) or stored[i] >= moment
            assert all(t < moment + slack for t in stored[:i])  # ... near the true one
            assert all(t >= moment - slack for t in stored[i:])
            exact = sum(t < moment for t in stored)
            assert abs(i - exact) <= 2 * (2 * jitter) // 15 + 1  # a few entries off
