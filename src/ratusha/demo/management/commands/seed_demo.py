"""``ratusha seed-demo``: create the demo district, its staff, citizens and appeals (idempotent).

``--appeals N`` (default 5000, or the setting RATUSHA_DEMO_APPEALS) appeals of the last
24 months are added to the demo bodies unless they already have appeals; ``--no-appeals``
skips them; ``--as-of`` fixes "now" so that the history is the same on every run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.demo.actions import do_seed_demo
from ratusha.demo.history.seed import DEFAULT_COUNT
from ratusha.demo.people import DEMO_PASSWORD


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-of: {value} is not an ISO 8601 date or date and time") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("Europe/Minsk"))


class Command(BaseCommand):
    help = "Seed the demo municipality (deterministic with --seed; running it again is safe)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")
        parser.add_argument(
            "--appeals",
            type=int,
            default=getattr(settings, "RATUSHA_DEMO_APPEALS", DEFAULT_COUNT),
            help="How many appeals of the last 24 months to add (once; default %(default)s).",
        )
        parser.add_argument("--no-appeals", action="store_true", help="Add no demo appeals.")
        parser.add_argument(
            "--as-of",
            type=_moment,
            default=None,
            help="The moment the history ends (ISO 8601; default now), for a repeatable demo.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        appeals = 0 if options["no_appeals"] else options["appeals"]
        report = do_seed_demo(options["seed"], appeals=appeals, as_of=options["as_of"])
        self.stdout.write(
            f"Demo: {report.bodies} bodies, {report.departments} departments, "
            f"{report.categories} categories, {len(report.staff)} staff, "
            f"{len(report.citizens)} citizens."
        )
        history = report.history
        if history is not None:
            added = ", ".join(f"{n} in {code}" for code, n in history.added.items())
            present = ", ".join(f"{code} has {n}" for code, n in history.present.items())
            self.stdout.write(
                f"Demo appeals: {added or 'none added'}"
                + (f" (already there: {present})" if present else "")
                + f" in {history.seconds:.1f} s."
            )
        if options["quiet_logins"]:
            return
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        wanted = ("sysadmin@", "admin@", "auditor@", "clerk@", "head.hous@", "officer.hous@")
        shown = [p for p in report.staff if p.email.startswith(wanted)] + report.citizens[:2]
        for person in shown:
            role = person.role.value if person.role else "citizen"
            where = "/".join(x for x in (person.body, person.department) if x)
            self.stdout.write(f"  {person.email:<42} {role:<20} {where}")
        self.stdout.write(
            "  (every department has head.<dept>@... and officer.<dept>@...; "
            "citizens are citizen1..12@...)"
        )
