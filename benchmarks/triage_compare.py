"""The staff page that compares two appeals as duplicates (``triage:compare``), on the demo.

Seeds the demo into a throwaway SQLite database as ``triage_task.py`` does, trains the ZAR
body's models with the sentence embeddings on, stores the vectors of the sample's 30-day
windows, and triages the M latest appeals outside the training history (so each has its
stored suggestions and links). Then a registry clerk of the body asks, for each of them,
the comparison with its best stored duplicate (or, without one, with the sample's
previous appeal), through the Django test client: the whole request, view, reads and
template. Prints p50/p95 wall and CPU per request and the number of queries.

    .venv/bin/python benchmarks/triage_compare.py            # N 2000, L 600, M 60; ~4 min

The process has imported scikit-learn for training already, so these are the figures of
a warm web process; its first comparison also pays that import (about 2 s of CPU).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
from datetime import timedelta

from triage_task import BODY, Timings, load, machine, percentile, seed, start_django, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=2000, help="demo appeals seeded (N)")
    parser.add_argument("--train", type=int, default=600, help="training history (L)")
    parser.add_argument("--sample", type=int, default=60, help="appeals compared (M)")
    args = parser.parse_args()
    print(f"load at start: {load()}; machine: {machine()}; Python {platform.python_version()}")
    folder = tempfile.TemporaryDirectory(prefix="ratusha_triage_compare_")
    start_django(folder.name, f"sqlite:///{folder.name}/bench.sqlite3")
    from django.conf import settings
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ratusha.accounts.models import RoleGrant
    from ratusha.appeals.models import Appeal
    from ratusha.bodies.models import Body
    from ratusha.triage.actions import do_triage_appeal
    from ratusha.triage.embeddings import do_embed_appeals
    from ratusha.triage.models import TriageResult
    from ratusha_core.permissions import Role

    try:
        seed(args.appeals)
        settings.RATUSHA_TRIAGE_EMBEDDINGS = True
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        body = Body.objects.get(code=BODY)
        history = train(body, args.train)
        older = Appeal.objects.filter(body=body).exclude(pk__in=history).exclude(text="")
        sample = list(older.order_by("-registered_at", "-pk")[: args.sample])[::-1]
        start = sample[0].registered_at - timedelta(days=30)
        end = sample[-1].registered_at + timedelta(days=30)
        window = Appeal.objects.filter(body=body, registered_at__range=(start, end))
        made = do_embed_appeals(window.values_list("pk", flat=True))
        for appeal in sample:
            do_triage_appeal(appeal)
        links = dict(
            TriageResult.objects.filter(appeal__in=sample).values_list("appeal_id", "duplicates")
        )
        print(f"  {made} window vectors made; {len(sample)} appeals triaged (load {load()})")

        clerk = RoleGrant.objects.filter(role=Role.REGISTRY_CLERK, body=body).first().user
        client = Client()
        client.force_login(clerk)
        timings, queries, linked = Timings(), [], 0
        for index, appeal in enumerate(sample):
            found = links.get(appeal.pk) or []
            other_pk = found[0][0] if found else sample[index - 1].pk
            other = Appeal.objects.get(pk=other_pk)
            url = reverse("triage:compare", args=[appeal.pk]) + f"?other={other.number}"
            with CaptureQueriesContext(connection) as captured:
                response = timings.run("compare page", lambda u=url: client.get(u))
            assert response.status_code == 200, response.status_code
            assert b'id="compare-outcome"' in response.content, url
            queries.append(len(captured))
            linked += bool(found)
        wall = timings.wall["compare page"]
        print(
            f"\ncompare page, {len(sample)} requests ({linked} with a stored link), load {load()}"
        )
        print(timings.line("compare page"))
        print(
            f"  queries per request: min {min(queries)}, median "
            f"{statistics.median(queries):.0f}, max {max(queries)}; "
            f"wall max {max(wall):.1f} ms, p99 {percentile(wall, 0.99):.1f} ms"
        )
    finally:
        connections.close_all()
        folder.cleanup()


if __name__ == "__main__":
    main()
