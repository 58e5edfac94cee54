"""``ratusha ledger-integrate``: integrate pending entries now and sign the checkpoints."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ratusha.ledger.actions import integrate_everything


class Command(BaseCommand):
    help = "Integrate every pending ledger entry and sign new checkpoints."

    def handle(self, *args: Any, **options: Any) -> None:
        count = integrate_everything()
        self.stdout.write(f"{count} entries integrated")
