"""``ratusha seed-demo``: create the demo district, its staff and citizens (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ratusha.demo.actions import do_seed_demo
from ratusha.demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Seed the demo municipality (deterministic with --seed; running it again is safe)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = do_seed_demo(options["seed"])
        self.stdout.write(
            f"Demo: {report.bodies} bodies, {report.departments} departments, "
            f"{report.categories} categories, {len(report.staff)} staff, "
            f"{len(report.citizens)} citizens."
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
