"""``ratusha ledger-witnesses add KEY | list | remove NAME``: whose cosignatures we publish."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.ledger.actions import register_witness
from ratusha.ledger.models import Witness
from ratusha_core.signing.note import NoteError


class Command(BaseCommand):
    help = "Register, list or remove the witnesses whose cosignatures the ledger accepts."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="what", required=True)
        add = commands.add_parser("add", help="Accept cosignatures from this verifier key.")
        add.add_argument("key", help="The witness's verifier key (name+keyid+base64).")
        add.add_argument("--description", default="", help="Who runs the witness.")
        commands.add_parser("list", help="List the registered witnesses.")
        remove = commands.add_parser("remove", help="Stop accepting this witness.")
        remove.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "add":
            try:
                witness = register_witness(options["key"], options["description"])
            except (NoteError, ValueError) as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"registered {witness.name}")
        elif options["what"] == "list":
            for witness in Witness.objects.order_by("name"):
                state = "active" if witness.is_active else "removed"
                self.stdout.write(f"{witness.verifier_key} {state} {witness.description}")
        else:
            count = Witness.objects.filter(name=options["name"]).update(is_active=False)
            if not count:
                raise CommandError(f"No witness named {options['name']}.")
            self.stdout.write(f"removed {options['name']}")
