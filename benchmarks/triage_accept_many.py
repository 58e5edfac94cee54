"""Accepting many suggestions of the triage queue at once (``triage:accept-many``), on the demo.

Works on a COPY of a seeded demo database (SQLite; ``make demo`` leaves one at
var/ratusha.sqlite3): migrates the copy, registers --appeals new appeals of the body with
texts of its closed ones, processes them (triage with the demo's trained models), and
puts them back in the triage queue (most auto-route, since their texts are known). Then a
registry clerk, through the Django test client, asks the confirmation list for a batch
and confirms it, batch after batch. Prints wall and CPU time per request, per appeal
accepted, and the queries. Before that it times the queue's first page in each order
(p50 and p95 of --runs requests, wall and CPU, with the load average).

    .venv/bin/python benchmarks/triage_accept_many.py                 # 120 appeals, ~1 min
    .venv/bin/python benchmarks/triage_accept_many.py --batch 20
    .venv/bin/python benchmarks/triage_accept_many.py --queue-only    # the queue page only

The demo's database itself is never touched.
"""

from __future__ import annotations

import os
import random
import time

from demo_copy import demo_copy, demo_parser


def main() -> None:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=120)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15, help="requests per order of the queue")
    parser.add_argument("--queue-only", action="store_true", help="skip the accepts")
    args = parser.parse_args()
    with demo_copy(args.db, prefix="accept-many-bench-"):
        run(args.body, args.appeals, args.batch, args.runs, args.queue_only)


def run(body_code: str, count: int, batch: int, runs: int, queue_only: bool) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ratusha.accounts.models import RoleGrant
    from ratusha.appeals import selectors
    from ratusha.appeals.actions import AppealInput, check_register_appeal
    from ratusha.appeals.choices import Channel
    from ratusha.appeals.models import Appeal
    from ratusha.appeals.tasks import process_appeal
    from ratusha.bodies.models import Body

    settings.RATUSHA_TRIAGE_NER = False  # the rules only, as the demo seeding does
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    body = Body.objects.get(code=body_code)
    print(f"load {os.getloadavg()[0]:.1f} · registering and triaging {count} appeals")
    random.seed(1)
    closed = list(Appeal.objects.filter(body=body, state="closed").values_list("text", flat=True))
    made = []
    for n, text in enumerate(random.sample(closed, count)):
        found = check_register_appeal(
            AppealInput(
                body=body,
                channel=Channel.WEB,
                text=f"{text} ({n})",
                applicant_name="Ганна Жук",
                applicant_email=f"bench{n}@example.org",
            )
        )
        process_appeal.call(found.appeal.pk)
        made.append(found.appeal.pk)
    Appeal.objects.filter(pk__in=made).update(state="triage", department=None, executor=None)
    grant = RoleGrant.objects.filter(body=body, role="registry_clerk").select_related("user")
    clerk = grant.first()
    assert clerk is not None
    client = Client()
    client.force_login(clerk.user)
    show_orders(client, body.pk, selectors.triage_queue(clerk.user, body).count(), runs)
    if queue_only:
        return
    url = f"/triage/bodies/{body.pk}/accept/"
    client.post(url, {"appeal": []})  # the first request loads the views and templates
    while True:
        waiting = list(
            selectors.triage_queue(clerk.user, body)
            .filter(pk__in=made)
            .values_list("pk", "version")[:batch]
        )
        if not waiting:
            break
        picked = [f"{pk}:{version}" for pk, version in waiting]
        for step, data in (("list", {}), ("accept", {"confirm": "yes"})):
            with CaptureQueriesContext(connection) as queries:
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.post(url, {"appeal": picked, **data})
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            assert response.status_code in (200, 302), response.status_code
            print(
                f"{step:6} {len(picked):3} appeals: {1000 * wall:7.1f} ms wall, "
                f"{1000 * cpu:7.1f} ms CPU, {1000 * wall / len(picked):5.1f} ms per appeal, "
                f"{len(queries)} queries"
            )
    assigned = Appeal.objects.filter(pk__in=made, state="assigned").count()
    print(f"assigned: {assigned} of {count} · load {os.getloadavg()[0]:.1f} at the end")


def show_orders(client: object, body_pk: int, waiting: int, runs: int) -> None:
    """Time the queue's first page (50 cards) in each order it offers."""
    import statistics

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ratusha.triage.queue_order import ORDERS

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]

    page = f"/appeals/staff/bodies/{body_pk}/triage/"
    client.get(page)  # type: ignore[attr-defined]
    print(
        f"the triage queue's first page, {waiting} appeals waiting, {runs} runs per order "
        f"(load {os.getloadavg()[0]:.1f}):"
    )
    for order, _label in ORDERS:
        walls, cpus = [], []
        for _run in range(runs):
            with CaptureQueriesContext(connection) as queries:
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(page, {"order": order})  # type: ignore[attr-defined]
                walls.append(1000 * (time.perf_counter() - wall))
                cpus.append(1000 * (time.process_time() - cpu))
            assert response.status_code == 200, response.status_code
        print(
            f"  {order:9} wall p50 {statistics.median(walls):6.1f} ms, p95 {p95(walls):6.1f} ms; "
            f"CPU p50 {statistics.median(cpus):6.1f} ms, p95 {p95(cpus):6.1f} ms; "
            f"{len(queries)} queries"
        )
    print(f"  load {os.getloadavg()[0]:.1f} after the queue")


if __name__ == "__main__":
    main()
