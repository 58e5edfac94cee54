"""``ratusha run-demo``: migrate, seed, then serve the web and the task worker together.

Ctrl-C stops both. Used by ``make demo``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from ratusha.scheduling import tick


class Command(BaseCommand):
    help = "Migrate, seed the demo, and run the web server and the task worker until Ctrl-C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--address", default="127.0.0.1:8000")
        parser.add_argument("--no-seed", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        if not options["no_seed"]:
            call_command("seed_demo")
        manage = [sys.executable, "-m", "ratusha.cli"]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        children = [
            subprocess.Popen([*manage, "runserver", options["address"], "--noreload"], env=env),
            subprocess.Popen([*manage, "db_worker", "--interval", "1", "--no-reload"], env=env),
        ]
        self.stdout.write(
            self.style.SUCCESS(
                f"\nRatusha demo: http://{options['address']}/  (worker running; Ctrl-C stops both)"
            )
        )
        self.stdout.write(f"E-mail is written to {settings.EMAIL_FILE_PATH}\n")
        last_run: dict[str, float] = {}
        try:
            while all(child.poll() is None for child in children):
                tick(last_run)  # the demo is its own scheduler: reminders, heartbeat
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Stopped.")
