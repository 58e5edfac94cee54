"""The triage settings of every body an administrator may change, on one page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ratusha.bodies.models import Body, Category
from ratusha.triage.actions_models import check_pin_model
from ratusha.triage.actions_policy import check_set_routing_policy
from ratusha.triage.models import Target
from ratusha.triage.training import do_train_model
from ratusha_core.triage.classify import ClassifierConfig

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
URL = "/triage/settings/"


def _rows(page: str) -> dict[str, str]:
    """Give each body's row text by its code, tags stripped."""
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    out = {}
    for row in rows:
        code = re.search(r'<span class="muted">\((\w+)\)</span>', row)
        assert code is not None
        out[code.group(1)] = " ".join(re.sub(r"<[^>]+>", " ", row).split())
    return out


def test_a_district_administrator_sees_each_body_below_with_its_settings(
    town: Any, history: Any, client: Any
) -> None:
    a = town.bodies["A"]
    model = do_train_model(a, Target.DEPARTMENT, config=FAST)
    assert model is not None
    check_pin_model(town.users["admin"], model)
    Body.objects.filter(pk=town.bodies["B"].pk).update(auto_route=False, duplicate_min_score=0.65)
    Category.objects.filter(pk=town.categories["A2"].pk).update(auto_route=False)

    client.force_login(town.users["district_admin"])
    assert reverse("triage:settings") == "/triage/settings/"
    page = client.get(URL).text
    rows = _rows(page)
    assert sorted(rows) == ["A", "B", "D"]  # the district and the bodies below; not the region
    assert rows["A"].startswith("Body A (A) on, 90% precision 1 0.50 none yet")
    assert f"version {model.version}, pinned trained" in rows["A"]
    assert rows["B"].startswith("Body B (B) off: a clerk decides every appeal 0 0.65")
    assert reverse("triage:models", args=[a.pk]) in page


def test_the_page_says_when_each_body_s_policy_last_changed(
    town: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        check_set_routing_policy(
            town.users["admin"], town.bodies["A"], auto_route=False, precision=0.9
        )
    client.force_login(town.users["district_admin"])
    page = client.get(URL).text
    rows = _rows(page)
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert rows["A"].endswith(f"{today} What changed in A")
    assert rows["B"].endswith("never") and rows["D"].endswith("never")
    # The link opens the body's public ledger on its policy changes, which lists this one.
    link = re.search(r'<a href="(/ledger/[^"]+)">What changed', page)
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert "subject=A" in url and "event=triage.routing_policy" in url
    ledger = client.get(url)
    assert ledger.status_code == 200
    assert "Automatic routing changed" in ledger.text


def test_a_body_administrator_sees_only_their_body_and_others_are_refused(
    town: Any, client: Any
) -> None:
    client.force_login(town.users["admin"])
    assert sorted(_rows(client.get(URL).text)) == ["A"]
    assert reverse("triage:settings") in client.get(reverse("pages:staff-home")).text
    for name in ("clerk", "head", "auditor", "officer", "citizen"):
        client.force_login(town.users[name])
        assert client.get(URL).status_code == 404
        if name != "citizen":
            assert reverse("triage:settings") not in client.get(reverse("pages:staff-home")).text


def test_the_page_reads_the_same_few_queries_for_any_number_of_bodies(
    town: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(town.users["sysadmin"])
    client.get(URL)  # warm the session and the caches
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for n in range(5):
        Body.objects.create(
            code=f"X{n}", kind="municipality", name_be=f"X{n}", parent=town.bodies["D"]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_rows(client.get(URL).text)) == 9
