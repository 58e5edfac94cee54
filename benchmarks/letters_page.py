"""The clerk's print page of letters to post, and the queue that lists them, on the demo.

Creates a throwaway SQLite database in a temporary folder, migrates it and seeds the demo
(``seed_demo --appeals N``, quickly, as ``triage_task.py`` does). Then it puts in the
ZAR queue a letter to post for each of the L latest answered appeals whose applicant gave
no e-mail address (``undelivered.do_record_letter``, as the answer task does), and asks,
as the body's registry clerk through the Django test client, R times each for the print
page (``appeals:undelivered-letters``: every waiting letter, up to 100, rendered in the
applicant's language), for the queue (``appeals:undelivered``, first page of 50), and
P times for the same letters as one PDF (``appeals:undelivered-letters-pdf``, WeasyPrint).
Then it marks them all posted and asks R times for the day's register of letters posted
(``appeals:undelivered-posted-register``) and R times for it as a spreadsheet, and P times
for the register of appeals of the last year as a spreadsheet (``appeals:register``, up
to 5,000 appeals; the clerk reaches the whole body). Prints p50/p95 of wall and CPU time, the
queries and the load average.

    .venv/bin/python benchmarks/letters_page.py                  # N 2000, L 100, R 20
    .venv/bin/python benchmarks/letters_page.py --letters 20

About a minute on the 2-core machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from typing import Any

from triage_models_page import p, timed
from triage_task import load, machine, seed, start_django


def put_letters(body: Any, count: int) -> int:
    """Queue a letter for each of the latest answered appeals without an e-mail address."""
    from ratusha.appeals.models import Appeal, NoticeKind
    from ratusha.appeals.undelivered import do_record_letter

    paper = (
        Appeal.objects.filter(body=body, applicant_email="", answers__sent_at__isnull=False)
        .exclude(applicant_address="")
        .select_related("body")
        .distinct()
        .order_by("-registered_at", "-pk")[:count]
    )
    path = "ratusha.appeals.tasks.send_answer_notice"
    return sum(do_record_letter(a, NoticeKind.ANSWER, path, [a.pk]) for a in paper)


def _pdf_pages(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return f"{len(PdfReader(io.BytesIO(content)).pages)} pages, {len(content) // 1024} KB"


def _sheet_rows(content: bytes) -> str:
    from io import BytesIO

    from openpyxl import load_workbook

    rows = load_workbook(BytesIO(content)).active.max_row
    return f"{rows} sheet rows, {len(content) // 1024} KB"


def _year_register(body: Any) -> str:
    """The body's register of appeals for the last year, as a spreadsheet (up to 5,000)."""
    from datetime import timedelta

    from ratusha.appeals.selectors import local_today

    today = local_today(body.time_zone)
    first = today - timedelta(days=365)
    return f"/appeals/staff/bodies/{body.pk}/register/?from={first}&to={today}&format=xlsx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=2000, help="demo appeals seeded (N)")
    parser.add_argument("--letters", type=int, default=100, help="letters waiting (L)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page (R)")
    parser.add_argument("--pdf-repeat", type=int, default=3, help="requests of the PDF")
    args = parser.parse_args()
    print(f"load at start: {load()}; machine: {machine()}")
    folder = tempfile.TemporaryDirectory(prefix="ratusha_letters_")
    start_django(folder.name, f"sqlite:///{folder.name}/bench.sqlite3")
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    try:
        seed(args.appeals)
        from ratusha.accounts.models import RoleGrant
        from ratusha.bodies.models import Body

        settings.ALLOWED_HOSTS = ["testserver"]
        body = Body.objects.get(code="ZAR")
        queued = put_letters(body, args.letters)
        if queued < args.letters:
            sys.exit(f"only {queued} answered paper appeals: raise --appeals")
        grant = RoleGrant.objects.filter(role="registry_clerk", body=body).first()
        assert grant is not None, "the demo has a registry clerk in ZAR"
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(grant.user)
        print(f"{queued} letters waiting in ZAR; {args.repeat} requests each; load {load()}")
        staff = f"/appeals/staff/bodies/{body.pk}/undelivered"
        pages = (
            ("print page", f"{staff}/letters/", args.repeat),
            ("queue", f"{staff}/", args.repeat),
            ("PDF", f"{staff}/letters.pdf", args.pdf_repeat),
            ("register", f"{staff}/posted-register/", args.repeat),
            ("its sheet", f"{staff}/posted-register/?format=xlsx", args.repeat),
            ("appeals sheet", _year_register(body), args.pdf_repeat),
        )
        for name, url, repeat in pages:
            if name == "register":  # every waiting letter is posted, as after printing
                from ratusha.appeals.models import UndeliveredNotice

                waiting = UndeliveredNotice.objects.filter(body=body, resolved_at__isnull=True)
                ids = [str(pk) for pk in waiting.values_list("pk", flat=True)]
                client.post(f"{staff}/letters/posted/", {"notice": ids})
            client.get(url)  # loads the views and templates (and WeasyPrint's fonts)
            got = timed(client, url, False, repeat)
            if name == "PDF":
                shown = _pdf_pages(got["content"])
            elif name.endswith("sheet"):
                shown = _sheet_rows(got["content"])
            else:
                shown = got["text"].count('class="letter-page"') or got["text"].count("<tr>") - 1
            print(
                f"{name:10}: wall p50 {p(got['wall'], 0.5):6.1f} ms, p95 "
                f"{p(got['wall'], 0.95):6.1f} ms; CPU p50 {p(got['cpu'], 0.5):6.1f} ms, p95 "
                f"{p(got['cpu'], 0.95):6.1f} ms; {got['queries']} queries; {shown} shown"
            )
    finally:
        connections.close_all()
        folder.cleanup()
    print(f"load at the end: {load()}")


if __name__ == "__main__":
    main()
