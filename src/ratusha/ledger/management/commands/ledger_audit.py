"""``ratusha ledger-audit [--log NAME|ORIGIN]``: recompute every hash and name what differs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from ratusha.ledger.audit import audit_log
from ratusha.ledger.models import Log


class Command(BaseCommand):
    help = "Recompute every leaf, subtree and checkpoint hash of the ledger from its entries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--log", help="Audit only this log (its name or origin).")

    def handle(self, *args: Any, **options: Any) -> None:
        logs = Log.objects.order_by("name")
        if options["log"]:
            logs = logs.filter(Q(name=options["log"]) | Q(origin=options["log"]))
            if not logs.exists():
                raise CommandError(f"No log named {options['log']}.")
        failures = []
        for log in logs:
            finding = audit_log(log)
            if finding is None:
                self.stdout.write(f"ok: {log.origin}: {log.size} entries")
            else:
                failures.append(finding)
                self.stderr.write(f"DIFFERS: {finding}")
        if failures:
            raise CommandError(f"{len(failures)} log(s) differ from their entries.")
