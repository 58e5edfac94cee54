"""``ratusha process-pending``: queue again the appeals whose processing failed or is stuck."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from ratusha.appeals import tasks
from ratusha.appeals.choices import Processing
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body


class Command(BaseCommand):
    help = (
        "Queue processing again for appeals that failed, or that have waited longer than "
        "--older-than seconds (default 60). Example: ratusha process-pending --body ADM"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=60, help="seconds (default 60)")
        parser.add_argument("--body", help="only the appeals of the body with this code")
        parser.add_argument("--limit", type=int, default=10000, help="at most this many")
        parser.add_argument("--dry-run", action="store_true", help="only list them")

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(seconds=max(0, options["older_than"]))
        waiting = Q(
            processing__in=[Processing.PENDING, Processing.RECORDED], registered_at__lt=cutoff
        )
        # The command is the operator's tool; it reads all bodies unless told one.
        appeals = Appeal.objects.filter(waiting | Q(processing=Processing.FAILED))
        if options["body"]:
            body = Body.objects.filter(code=options["body"]).first()
            if body is None:
                raise CommandError(f"No body has the code {options['body']!r}.")
            appeals = appeals.filter(body=body)
        found = list(
            appeals.order_by("registered_at", "pk").values_list("pk", "number", "processing")[
                : options["limit"]
            ]
        )
        for pk, number, processing in found:
            if options["dry_run"]:
                self.stdout.write(f"{number} ({processing})")
                continue
            tasks.process_appeal.enqueue(pk)
            self.stdout.write(f"{number}: queued again ({processing})")
        verb = "would queue" if options["dry_run"] else "queued"
        self.stdout.write(self.style.SUCCESS(f"{len(found)} appeal(s) {verb}."))
