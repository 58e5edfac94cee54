"""The triage models page and its polled history-vectors part at 10,000 appeals, on the demo.

Works on a COPY of a seeded demo database (SQLite; ``make demo`` leaves one at
var/ratusha.sqlite3): migrates the copy, clones the body's labelled appeals until its
history holds --appeals of them, stores a sentence-vector row for 90% of them (5% of
those of an older text, so they do not count), and then asks, as a system administrator
through the Django test client, for the page (``triage:models``) and for the part the
page polls every 10 s while a job runs (``triage:models-vectors``). "first" is a view
with nothing remembered in the process (a new worker process, or the first view after
the memo expired); "repeated" is every later view. Prints p50/p95 of wall and CPU time,
the queries, and the load average (the machine may be shared: CPU time is the steadier
figure).

    .venv/bin/python benchmarks/triage_models_page.py                  # 10,000 appeals
    .venv/bin/python benchmarks/triage_models_page.py --appeals 2000 --repeat 10

The demo's database itself is never touched.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import timedelta
from typing import Any

from demo_copy import demo_copy, demo_parser


def main() -> None:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with demo_copy(args.db, prefix="models-page-bench-"):
        run(args.body, args.appeals, args.repeat)


def grow_history(body: Any, count: int) -> int:
    """Clone the body's labelled appeals (new numbers, older dates) until there are ``count``."""
    from copy import copy

    from ratusha.appeals.models import Appeal

    labelled = Appeal.objects.filter(body=body, category__isnull=False, department__isnull=False)
    have = labelled.count()
    if have == 0:
        sys.exit(f"Body {body.code} has no labelled appeals to clone.")
    originals = list(labelled.order_by("pk")[: min(have, 2000)])
    top = Appeal.objects.filter(body=body).order_by("-sequence").values_list("sequence", flat=True)
    sequence = (top.first() or 0) + 100_000
    clones = []
    for n in range(max(0, count - have)):
        clone = copy(originals[n % len(originals)])
        clone.pk = None
        clone._state = type(clone._state)()
        sequence += 1
        clone.sequence = sequence
        clone.number = f"BENCH-{clone.year}-{sequence}"
        clone.text = f"{clone.text} ({n})"  # a text of its own, as real appeals have
        clone.registered_at = clone.registered_at - timedelta(days=1 + n % 300)
        clones.append(clone)
    Appeal.objects.bulk_create(clones, batch_size=1000)
    return labelled.count()


def store_vectors(body: Any) -> tuple[int, int]:
    """Store a vector row for 90% of the history, 5% of them of a text since edited."""
    import numpy as np
    from django.utils import timezone

    from ratusha.triage import embeddings
    from ratusha.triage.models import AppealEmbedding, Target
    from ratusha.triage.training import history_ids

    ids = sorted({pk for t in Target.values for pk in history_ids(body, t)})
    AppealEmbedding.objects.filter(appeal_id__in=ids).delete()
    texts = dict(body.appeals.filter(pk__in=ids).values_list("pk", "text"))
    raw = embeddings.to_bytes(np.ones(384) / np.sqrt(384))
    now = timezone.now()
    rows, stale = [], 0
    for n, pk in enumerate(ids):
        if n % 10 == 9:
            continue  # no vector
        edited = n % 20 == 3
        stale += edited
        text = "An earlier text of the appeal." if edited else texts[pk]
        rows.append(
            AppealEmbedding(
                appeal_id=pk,
                model=embeddings.MODEL_NAME,
                digest=embeddings.digest_of(text),
                vector=raw,
                created_at=now,
            )
        )
    AppealEmbedding.objects.bulk_create(rows, batch_size=1000)
    return len(rows), stale


def forget() -> None:
    """Forget what this process remembers of the vectors (as a new worker process would)."""
    from ratusha.triage import model_status

    memo = getattr(model_status, "_memo", None)
    if memo is not None:
        memo.clear()


def timed(client: Any, url: str, first: bool, repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus, queries = [], [], 0
    for _ in range(repeat):
        if first:
            forget()
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert response.status_code == 200, response.status_code
        walls.append(wall)
        cpus.append(cpu)
        queries = len(captured)
    content = response.content
    text = content.decode("utf-8", "replace")  # a PDF too
    return {"wall": walls, "cpu": cpus, "queries": queries, "text": text, "content": content}


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(body_code: str, count: int, repeat: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from ratusha.accounts.models import RoleGrant
    from ratusha.bodies.models import Body
    from ratusha.triage.model_status import history_vectors

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.RATUSHA_TRIAGE_EMBEDDINGS = True
    call_command("migrate", verbosity=0)
    body = Body.objects.get(code=body_code)
    started = time.perf_counter()
    labelled = grow_history(body, count)
    stored, stale = store_vectors(body)
    print(
        f"{body_code}: {labelled} labelled appeals, {stored} vector rows ({stale} of an "
        f"older text), built in {time.perf_counter() - started:.0f} s"
    )
    forget()
    counts = history_vectors(body)
    print("counted: " + ", ".join(f"{c.target} {c.with_vector} of {c.appeals}" for c in counts))
    grant = RoleGrant.objects.filter(role="system_admin").select_related("user").first()
    assert grant is not None, "the demo has a system administrator"
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(grant.user)
    page = f"/triage/bodies/{body.pk}/models/"
    part = f"/triage/bodies/{body.pk}/models/vectors/"
    client.get(page)  # loads the views and templates
    print(f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())} · {repeat} requests each")
    for name, url in (("page", page), ("polled part", part)):
        for first in (True, False):
            forget()
            client.get(url)
            got = timed(client, url, first, repeat)
            print(
                f"{name:11} {'first' if first else 'repeated':8}: "
                f"wall p50 {p(got['wall'], 0.5):6.1f} ms, p95 {p(got['wall'], 0.95):6.1f} ms; "
                f"CPU p50 {p(got['cpu'], 0.5):6.1f} ms, p95 {p(got['cpu'], 0.95):6.1f} ms; "
                f"{got['queries']} queries"
            )
    print(f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end")


if __name__ == "__main__":
    main()
