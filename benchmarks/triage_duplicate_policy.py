"""A body's duplicate threshold on the demo's history: the what-if table, the page, clusters.

Works on a COPY of a seeded demo database (SQLite; ``make demo`` leaves one at
var/ratusha.sqlite3): migrates the copy, triages the body's appeals of the last --days
days in the order they came (so each stores the duplicates before it, as in production),
has officers take the newest appeal out of every other open cluster (marks "not
duplicates") and merges the two oldest appeals of every third cluster, then prints:

- the what-if table of the models page (0.50 to 0.90) on those links and judgements;
- the latency of its read (``link_what_if``) and of the whole models page, as the body's
  administrator through the Django test client, p50/p95 wall and CPU, with queries;
- the open clusters at 0.50 and after raising the threshold to 0.60 (no triage again),
  with the list's latency at each;
- the machine's load, since the machine is shared.

    .venv/bin/python benchmarks/triage_duplicate_policy.py            # last 60 days (~2 min)
    .venv/bin/python benchmarks/triage_duplicate_policy.py --days 14  # under a minute

The demo's database itself is never touched: the script works on a temporary copy.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from demo_copy import demo_copy, demo_parser, recent_appeals


def main() -> None:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with demo_copy(args.db, prefix="duplicate-policy-bench-"):
        run(args.body, args.days, args.repeat)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def timed(call: Callable[[], Any], repeat: int) -> str:
    """Call ``repeat`` times; give p50/p95 of wall and CPU time and the queries of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus, queries = [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            call()
            walls.append(1000 * (time.perf_counter() - wall))
            cpus.append(1000 * (time.process_time() - cpu))
        queries = len(captured)
    return (
        f"wall p50 {pct(walls, 0.5):6.1f} ms, p95 {pct(walls, 0.95):6.1f} ms; "
        f"CPU p50 {pct(cpus, 0.5):6.1f} ms, p95 {pct(cpus, 0.95):6.1f} ms; {queries} queries"
    )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(body_code: str, days: int, repeat: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from ratusha.accounts.models import RoleGrant
    from ratusha.appeals.access import appeals_for
    from ratusha.triage.actions import do_triage_appeal
    from ratusha.triage.actions_duplicate_policy import check_set_duplicate_policy
    from ratusha.triage.clusters import open_clusters
    from ratusha.triage.link_what_if_data import link_what_if

    settings.ALLOWED_HOSTS = ["testserver"]
    body, appeals = recent_appeals(body_code, days)
    started = time.perf_counter()
    for appeal in appeals:
        do_triage_appeal(appeal)
    print(
        f"load {load()} · triaged {len(appeals)} appeals of {body_code} "
        f"({days} days) in {time.perf_counter() - started:.0f} s"
    )
    admin = RoleGrant.objects.filter(body=body, role="body_admin").select_related("user").first()
    clerk = RoleGrant.objects.filter(body=body, role="registry_clerk").select_related("user")
    assert admin is not None and clerk.exists(), "the demo has an administrator and a clerk"
    judge(clerk.first().user, body, open_clusters(clerk.first().user, body))

    visible = appeals_for(admin.user).filter(body=body)
    table = link_what_if(visible, body.duplicate_min_score, timezone.now())
    print(
        f"what-if over {table.links} linked pairs ({table.marked} marked, {table.merged} "
        f"merged), the weakest stored score {table.lowest}:"
    )
    print("  score  kept  marked  merged  share marked")
    for row in table.rows:
        share = "—" if row.marked_share is None else f"{100 * row.marked_share:.0f}%"
        print(f"  {row.threshold:.2f}  {row.kept:5}  {row.marked:6}  {row.merged:6}  {share:>6}")

    print(f"load {load()} · {repeat} runs each")
    now = timezone.now()
    print("link_what_if alone: " + timed(lambda: link_what_if(visible, 0.5, now), repeat))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin.user)
    page = f"/triage/bodies/{body.pk}/models/"
    assert client.get(page).status_code == 200  # loads the views and templates
    print("models page:        " + timed(lambda: client.get(page), repeat))

    user = clerk.first().user
    for score in (0.5, 0.6):
        check_set_duplicate_policy(admin.user, body, min_score=score)
        found = open_clusters(user, body)
        members = sum(c.size for c in found)
        print(
            f"open clusters at {score:.2f}: {len(found)} ({members} appeals); list "
            + timed(lambda: open_clusters(user, body), 5)
        )
    print(f"load {load()} at the end")


def judge(user: Any, body: Any, clusters: list[Any]) -> None:
    """Officers take the newest appeal out of every other cluster; merge in every third."""
    from django.db.models import F

    from ratusha.appeals.actions import TransitionNotAllowed
    from ratusha.appeals.models import Appeal
    from ratusha.triage.actions_not_duplicates import check_take_out

    marks = merges = 0
    for n, cluster in enumerate(clusters):
        members = sorted(cluster.members, key=lambda a: (a.registered_at, a.pk))
        if n % 2 == 0:
            newest = members[-1]
            newest.body = body
            try:
                marks += len(check_take_out(user, newest, newest))
            except TransitionNotAllowed:
                pass
        elif n % 3 == 0 and cluster.links:
            # Two linked appeals, recorded as a merge leaves them (the workflow's checks are
            # not what is measured here).
            first, second, _score = cluster.links[0]
            Appeal.objects.filter(pk=second).update(merged_into=first, version=F("version") + 1)
            merges += 1
    print(f"officers marked {marks} pairs and merged {merges} appeals")


if __name__ == "__main__":
    main()
