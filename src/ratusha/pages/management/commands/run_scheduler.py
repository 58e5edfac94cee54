"""``ratusha run-scheduler``: enqueue the periodic tasks (reminders, heartbeat) until stopped."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ratusha.scheduling import run_forever


class Command(BaseCommand):
    help = "Enqueue periodic tasks (deadline reminders, the worker heartbeat). Run one per site."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run_forever(lambda: False)
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")
