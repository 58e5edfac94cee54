"""``ratusha ledger-keys list | rotate LOG``: the key registry of the logs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.ledger import keys
from ratusha.ledger.actions import sign_checkpoint
from ratusha.ledger.models import Log, SigningKey


class Command(BaseCommand):
    help = "List the signing keys, or rotate a log's checkpoint key."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="what", required=True)
        commands.add_parser("list", help="List every key with its validity.")
        rotate = commands.add_parser("rotate", help="Give a log a new checkpoint key.")
        rotate.add_argument("log", help="The log's name (a body's code, or installation).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "list":
            for key in SigningKey.objects.order_by("name", "valid_from"):
                until = key.valid_until.isoformat() if key.valid_until else "current"
                self.stdout.write(
                    f"{key.purpose} {key.verifier_key} {key.valid_from:%Y-%m-%d} {until}"
                )
            return
        log = Log.objects.filter(name=options["log"]).first()
        if log is None:
            raise CommandError(f"No log named {options['log']}.")
        new = keys.rotate_key(keys.log_key(log))
        sign_checkpoint(log)  # the current head, under the new key
        self.stdout.write(f"new key {new.verifier_key}")
