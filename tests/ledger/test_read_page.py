"""The readable page of a log (/ledger/<log>/read/): paging, filters, labels, JSON and proofs."""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ratusha.ledger.actions import append, append_many, integrate, log_for_body
from ratusha.ledger.browse import PAGE_SIZE
from ratusha.ledger.models import Entry, Log
from ratusha_core.ledger.checkpoint import open_checkpoint
from ratusha_core.ledger.merkle import verify_inclusion
from ratusha_core.signing.note import parse_verifier_key

pytestmark = pytest.mark.django_db

SIZE = 130  # almost three pages
ROUTING, DUPLICATES = "triage.routing_policy", "triage.duplicate_policy"


def _event(n: int) -> tuple[str, dict[str, Any], str]:
    if n % 10 == 3:
        return (ROUTING, {"auto_route": n % 20 == 3, "precision": 0.9}, "A")
    if n == 77:
        return ("future.thing", {"colour": "green", "count": 3}, "X-1")
    step = {"action": "assign", "from": "triage", "to": "assigned", "role": "registry_clerk"}
    return ("appeal.transition", {"appeal": f"A-{n % 40}", **step, "public": True}, f"A-{n % 40}")


@pytest.fixture
def log(world: Any) -> Log:
    found = log_for_body(world.bodies["A"])
    append_many(found, [_event(n) for n in range(SIZE)])
    integrate(found, limit=60)  # two checkpoints: proofs are at the newest
    integrate(found)
    found.refresh_from_db()
    return found


def _indexes(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr id="entry-(\d+)"', page)]


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" rel="{rel}"', page)
    return html.unescape(found.group(1)) if found else None


def _walk(client: Client, start: str, rel: str) -> list[list[int]]:
    pages, url = [], start
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        pages.append(_indexes(page))
        link = _link(page, rel)
        url = "/ledger/A/read/" + link if link else None
    return pages


def test_older_and_newer_links_cover_the_log_without_gaps_or_repeats(en: Client, log: Log):
    pages = _walk(en, "/ledger/A/read/", "next")
    assert [len(p) for p in pages] == [PAGE_SIZE, PAGE_SIZE, SIZE - 2 * PAGE_SIZE]
    assert [i for p in pages for i in p] == list(range(SIZE - 1, -1, -1))
    last = "/ledger/A/read/" + f"?before={pages[-1][0] + 1}"
    back = _walk(en, last, "prev")
    assert sorted({i for p in back for i in p}) == list(range(SIZE))
    assert back[-1] == pages[0]  # the newest page again, whole
    assert all(p == sorted(p, reverse=True) for p in back)


def test_filter_by_event_type_keeps_the_value_and_pages_by_index(en: Client, log: Log):
    wanted = list(
        Entry.objects.filter(log=log, event_type=ROUTING)
        .order_by("-index")
        .values_list("index", flat=True)
    )
    response = en.get("/ledger/A/read/", {"event": ROUTING})
    page = response.content.decode()
    assert response.status_code == 200 and _indexes(page) == wanted
    assert f'<option value="{ROUTING}" selected>' in page
    assert "Automatic routing changed" in page and "Precision it must reach" in page
    assert _link(page, "next") is None
    deep = en.get("/ledger/A/read/", {"event": ROUTING, "before": wanted[3]})
    assert _indexes(deep.content.decode()) == wanted[4:]


def test_filter_by_subject_is_exact(en: Client, log: Log) -> None:
    page = en.get("/ledger/A/read/", {"subject": "A-7"}).content.decode()
    wanted = Entry.objects.filter(log=log, subject="A-7").order_by("-index")
    assert _indexes(page) == list(wanted.values_list("index", flat=True)) != []
    assert 'value="A-7"' in page
    assert _indexes(en.get("/ledger/A/read/", {"subject": "A-"}).content.decode()) == []


def test_a_bodys_policy_events_by_subject_and_several_types(
    en: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ratusha.triage.actions_duplicate_policy import check_set_duplicate_policy
    from ratusha.triage.actions_policy import check_set_routing_policy

    body, admin = world.bodies["A"], world.users["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        check_set_routing_policy(admin, body, auto_route=True, precision=0.93)
    with django_capture_on_commit_callbacks(execute=True):
        check_set_duplicate_policy(admin, body, min_score=0.72)
    log = log_for_body(body)
    append(log, "appeal.transition", {"appeal": "A-1"}, subject="A-1")  # not a policy event
    integrate(log)
    url = f"/ledger/A/read/?subject=A&event={ROUTING}&event={DUPLICATES}"
    page = en.get(url).content.decode()
    assert _indexes(page) == [1, 0]
    assert "<td>Duplicate threshold changed</td>" in page
    assert "<td>Automatic routing changed</td>" in page
    assert "<dd>on</dd>" in page and "<dd>0.93</dd>" in page and "<dd>0.72</dd>" in page
    assert "<td>Step in the work on an appeal</td>" not in page


def test_unknown_event_type_and_broken_bounds_give_a_message_not_an_error(en: Client, log: Log):
    unknown = en.get("/ledger/A/read/", {"event": "no.such"})
    assert unknown.status_code == 400
    assert "There is no event type “no.such”." in unknown.content.decode()
    for query in ({"before": "abc"}, {"before": "-1"}, {"after": "1e9"}):
        broken = en.get("/ledger/A/read/", query)
        assert broken.status_code == 400 and "This page link is broken" in broken.content.decode()
        assert _indexes(broken.content.decode()) == []
    both = en.get("/ledger/A/read/", {"before": 5, "after": 1})
    assert both.status_code == 400 and "not both" in both.content.decode()
    assert en.get("/ledger/NOPE/read/").status_code == 404
    assert en.post("/ledger/A/read/").status_code == 405


@pytest.mark.parametrize("language", ["ru", "be"])
def test_labels_in_the_readers_language(client: Client, log: Log, language: str) -> None:
    page = client.get("/ledger/A/read/", {"subject": "A-7"}, HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    with translation.override(language):
        label = translation.gettext("Step in the work on an appeal")
        status = translation.gettext("In triage")
        step = translation.gettext("Assign")
    assert f'lang="{language}"' in text
    assert f"<td>{label}</td>" in text and f"<dd>{status} → " in text and f"<dd>{step}</dd>" in text
    assert status != "In triage" and step != "Assign"  # the catalogues name these already
    refused = client.get("/ledger/A/read/", {"before": "x"}, HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        message = translation.gettext(
            "This page link is broken: “%(name)s” must be an entry number."
        ) % {"name": "before"}
    assert html.escape(message) in refused.content.decode() or message in refused.content.decode()


def test_the_json_shown_is_the_leaf_and_unknown_types_fall_back(en: Client, log: Log) -> None:
    page = en.get("/ledger/A/read/", {"subject": "X-1"}).content.decode()
    shown = re.findall(r'<pre class="ledger-entry wrap-anywhere"><code>(.*?)</code>', page, re.S)
    assert [html.unescape(text) for text in shown] == [
        Entry.objects.get(log=log, index=77).leaf_input
    ]
    assert "future.thing" in page and "<dt>colour</dt><dd>green</dd>" in page
    # The times are the site's: the column says which zone they are in.
    assert 'Time <small class="muted">(Europe/Minsk)</small>' in page
    assert "<dt>count</dt><dd>3</dd>" in page and "<dt>body</dt>" not in page


def test_the_proof_link_verifies_against_the_signed_checkpoint(en: Client, log: Log) -> None:
    page = en.get("/ledger/A/read/", {"before": 70}).content.decode()
    link = re.search(r'Proof that entry 69 is in the log</a> <small>\(<a href="([^"]*)">', page)
    assert link is not None
    proof = en.get(html.unescape(link.group(1))).json()
    assert proof["index"] == 69 and proof["size"] == SIZE
    keys = [parse_verifier_key(k["verifier_key"]) for k in en.get("/ledger/A/keys").json()["keys"]]
    note = en.get(f"/ledger/A/checkpoints/{proof['size']}")
    root = open_checkpoint(note.content, keys, origin=log.origin).checkpoint.root_hash
    verify_inclusion(
        leaf_hash=bytes(Entry.objects.get(log=log, index=69).leaf_hash),
        index=69,
        size=proof["size"],
        proof=[base64.b64decode(h) for h in proof["hashes"]],
        root=root,
    )


def test_pending_entries_are_marked_and_shown_once(en: Client, log: Log) -> None:
    append(log, ROUTING, {"auto_route": False, "precision": 0.95}, subject="A")
    page = en.get("/ledger/A/read/").content.decode()
    assert "Not yet in a signed checkpoint" in page and "<dd>0.95</dd>" in page
    assert page.count("<dd>0.95</dd>") == 1 and _indexes(page)[0] == SIZE - 1
    older = en.get("/ledger/A/read/", {"before": 60}).content.decode()
    assert "Not yet in a signed checkpoint" not in older
    integrate(log)
    page = en.get("/ledger/A/read/").content.decode()
    assert "Not yet in a signed checkpoint" not in page
    assert page.count("<dd>0.95</dd>") == 1 and _indexes(page)[0] == SIZE


def test_queries_do_not_grow_with_the_depth_of_the_page(en: Client, log: Log) -> None:
    counts = []
    for query in ({}, {"before": 80}, {"before": 10}, {"after": 20}, {"event": ROUTING}):
        with CaptureQueriesContext(connection) as queries:
            assert en.get("/ledger/A/read/", query).status_code == 200
        counts.append(len(queries))
    assert max(counts) <= 5 and counts[1] == counts[2]


def test_the_index_page_links_every_log_to_its_readable_page(en: Client, log: Log) -> None:
    index = en.get("/ledger/").content.decode()
    assert 'href="/ledger/A/read/"' in index
    # The readable page says what a proof is and where to check one without the site.
    page = en.get("/ledger/A/read/").content.decode()
    assert "A proof is a short list of fingerprints" in page
    assert 'href="/ledger/#verify"' in page and '<h2 id="verify">' in index


def test_a_registration_shows_what_the_leaf_holds_and_nothing_more(
    en: Client, register: Any, world: Any
) -> None:
    appeal = register().appeal
    log = log_for_body(world.bodies["A"])
    integrate(log)
    page = en.get("/ledger/A/read/").content.decode()
    entry = Entry.objects.get(log=log, event_type="appeal.registered")
    assert entry.index in _indexes(page) and "<td>Appeal registered</td>" in page
    assert f"<dd>{appeal.number}</dd>" in page and "<dd>CA1</dd>" in page
    for private in ("Ганна Жук", "hanna@example.org", "Савецкай", "ліхтар"):
        assert private not in page
    stamp = re.search(
        rf'<tr id="entry-{entry.index}">\s*<th[^>]*>\d+</th>\s*<td><time datetime="([^"]+)"', page
    )
    assert stamp is not None
    leaf_time = json.loads(entry.leaf_input)["time"]
    assert datetime.fromisoformat(stamp.group(1)) == datetime.fromisoformat(leaf_time)
    assert stamp.group(1).endswith("+03:00")  # shown in the site's time (Europe/Minsk)
