"""Duplicate clusters and repeats on the demo's history: triage cost, list and page latency.

Works on a COPY of a seeded demo database (SQLite; ``make demo`` leaves one at
var/ratusha.sqlite3): migrates the copy, triages the town's appeals of the last --days
days in the order they came (so each finds the duplicates before it, as in production),
then prints:

- the cost the repeat check adds to each triage (p50/p95 ms) next to the whole triage;
- how many appeals were flagged as repeats, how many clusters formed and their sizes;
- the latency of the body's list of open clusters (the clerk's, and a head's department
  list) and of one cluster's page data (``cluster_of``), p50/p95 with query counts;
- the same after officers take the newest appeal out of every other cluster (marks "not
  duplicates"), the read of the marks each triage makes, and the accuracy page's
  duplicate-link report;
- the machine's load and the CPU time, since the machine is shared.

    .venv/bin/python benchmarks/triage_clusters.py            # last 60 days (about 2 min)
    .venv/bin/python benchmarks/triage_clusters.py --quick    # last 14 days (under a minute)
    .venv/bin/python benchmarks/triage_clusters.py --db path/to/demo.sqlite3

The demo's database itself is never touched: the script works on a temporary copy.
"""

from __future__ import annotations

import os
import statistics
import time
from collections import Counter

from demo_copy import demo_copy, demo_parser, recent_appeals


def percentiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms (n={len(ordered)})"


def main() -> None:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="only the last 14 days")
    args = parser.parse_args()
    days = 14 if args.quick else args.days
    with demo_copy(args.db, prefix="clusters-bench-"):
        run(args.body, days)


def run(body_code: str, days: int) -> None:
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from ratusha.accounts.models import RoleGrant
    from ratusha.triage.actions import do_triage_appeal
    from ratusha.triage.clusters import cluster_of, open_clusters
    from ratusha.triage.models import TriageResult
    from ratusha.triage.repeats import repeat_fields

    body, appeals = recent_appeals(body_code, days)
    print(f"load {os.getloadavg()[0]:.1f} · {len(appeals)} appeals of {body_code} in {days} days")
    cpu = time.process_time()
    whole, repeat, repeat_cpu = [], [], []
    repeat_fields(appeals[0])  # loads scikit-learn once, outside the timings
    for appeal in appeals:
        started, started_cpu = time.perf_counter(), time.process_time()
        repeat_fields(appeal)
        repeat.append(1000 * (time.perf_counter() - started))
        repeat_cpu.append(1000 * (time.process_time() - started_cpu))
        started = time.perf_counter()
        do_triage_appeal(appeal)
        whole.append(1000 * (time.perf_counter() - started))
    print(f"triage of one appeal (incl. repeat check): {percentiles(whole)}")
    print(f"  of which the repeat check: {percentiles(repeat)}")
    print(f"  the repeat check in CPU time: {percentiles(repeat_cpu)}")
    print(f"  CPU {time.process_time() - cpu:.1f} s for {len(appeals)} triages")
    results = TriageResult.objects.filter(appeal__body=body, appeal__in=[a.pk for a in appeals])
    flagged = results.filter(repeat_of__isnull=False).count()
    linked = sum(1 for d in results.values_list("duplicates", flat=True) if d)
    print(f"repeats flagged: {flagged}; appeals with a duplicate found: {linked}")

    clerk = RoleGrant.objects.filter(body=body, role="registry_clerk").first()
    assert clerk is not None
    timings, queries = [], 0
    reset_queries()
    for _run in range(5):
        reset_queries()  # the debug log of queries is capped; start it empty
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            clusters = open_clusters(clerk.user, body)
            timings.append(1000 * (time.perf_counter() - started))
        queries = len(captured)
    sizes = Counter(c.size for c in clusters)
    print(f"open clusters: {len(clusters)}; sizes {dict(sorted(sizes.items()))}")
    print(f"list of open clusters (clerk): {percentiles(timings)}, {queries} queries")
    head = (
        RoleGrant.objects.filter(department__body=body, role="department_head")
        .select_related("department", "user")
        .order_by("pk")
        .first()
    )
    if head is not None:
        timings = []
        for _run in range(5):
            started = time.perf_counter()
            open_clusters(head.user, body, head.department)
            timings.append(1000 * (time.perf_counter() - started))
        print(f"department list ({head.department.code}, its head): {percentiles(timings)}")
    members = [a for c in clusters for a in c.members][:200]
    timings, cpu_times = [], []
    for appeal in members:
        appeal.body = body
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            cluster_of(clerk.user, appeal)
            timings.append(1000 * (time.perf_counter() - started))
            cpu_times.append(1000 * (time.process_time() - started_cpu))
        queries = max(queries, len(captured))
    print(f"one cluster (cluster_of): {percentiles(timings)}, up to {queries} queries")
    print(f"  in CPU time: {percentiles(cpu_times)}")
    with_marks(clerk.user, body, clusters, appeals)
    print(f"load {os.getloadavg()[0]:.1f} at the end · finished {timezone.now():%H:%M:%S}")


def with_marks(user: object, body: object, clusters: list, appeals: list) -> None:
    """Officers take the newest appeal out of every other cluster; time what the marks cost.

    Prints the marks' effect on the open list and on one cluster (against the figures
    above, same run), the pool read each triage now makes (``apart_from``), and the
    accuracy page's duplicate-link report.
    """
    from django.utils import timezone

    from ratusha.appeals.access import appeals_for
    from ratusha.appeals.actions import TransitionNotAllowed
    from ratusha.triage.actions_not_duplicates import check_take_out
    from ratusha.triage.clusters import cluster_of, open_clusters
    from ratusha.triage.link_report import link_lines
    from ratusha.triage.not_duplicates import apart_from

    started = time.perf_counter()
    marks = 0
    for cluster in clusters[::2]:
        newest = max(cluster.members, key=lambda a: (a.registered_at, a.pk))
        newest.body = body
        if newest.merged_into_id is None:
            try:
                marks += len(check_take_out(user, newest, newest))
            except TransitionNotAllowed as refused:  # tied by merges only: left in
                print(f"  not taken out: {newest.number}: {refused.message}")
    took = 1000 * (time.perf_counter() - started)
    print(f"marks: {marks} pairs marked as not duplicates ({took:.0f} ms in all)")
    timings = []
    for _run in range(5):
        started = time.perf_counter()
        after = open_clusters(user, body)
        timings.append(1000 * (time.perf_counter() - started))
    print(f"open clusters with the marks: {len(after)}; list {percentiles(timings)}")
    members = [a for c in after for a in c.members][:200]
    timings = []
    for appeal in members:
        appeal.body = body
        started = time.perf_counter()
        cluster_of(user, appeal)
        timings.append(1000 * (time.perf_counter() - started))
    print(f"one cluster with the marks: {percentiles(timings)}")
    timings = []
    for appeal in appeals:
        started = time.perf_counter()
        apart_from(appeal.pk)
        timings.append(1000 * (time.perf_counter() - started))
    print(f"the marks' read in each triage (apart_from): {percentiles(timings)}")
    visible = appeals_for(user).filter(body=body)
    timings = []
    for _run in range(5):
        started = time.perf_counter()
        lines = link_lines(visible, timezone.now())
        timings.append(1000 * (time.perf_counter() - started))
    linked = sum(line.links for line in lines)
    print(f"duplicate-link report ({len(lines)} months, {linked} pairs): {percentiles(timings)}")


if __name__ == "__main__":
    main()
