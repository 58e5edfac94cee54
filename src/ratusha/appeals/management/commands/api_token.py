"""``ratusha api-token create EMAIL NAME`` and ``ratusha api-token revoke PREFIX``.

``create`` prints the new token once (only its hash is kept); ``revoke`` refuses every
live token with that prefix from then on; ``list EMAIL`` shows an account's tokens.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.accounts.models import User
from ratusha.appeals.api.auth import issue_token, revoke_tokens
from ratusha.appeals.models import ApiToken


class Command(BaseCommand):
    help = "Create, list or revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="what", required=True)
        create = commands.add_parser("create", help="Create a token and print it once.")
        create.add_argument("email")
        create.add_argument("name", help="What the token is for, e.g. 'mobile app'.")
        revoke = commands.add_parser("revoke", help="Revoke the tokens with this prefix.")
        revoke.add_argument("prefix")
        listing = commands.add_parser("list", help="List an account's tokens.")
        listing.add_argument("email")

    def _user(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail {email}.")
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        if what == "create":
            user = self._user(options["email"])
            if not user.is_active:
                raise CommandError(f"The account {user.email} is not active.")
            row, plain = issue_token(user, options["name"])
            self.stdout.write(plain)
            self.stderr.write(
                f"Token {row.prefix}… for {user.email}. It is shown only now; keep it secret."
            )
        elif what == "revoke":
            prefix = options["prefix"].strip()
            if len(prefix) != 8:
                raise CommandError("Give the 8-character prefix of the token.")
            count = revoke_tokens(prefix)
            if not count:
                raise CommandError(f"No live token has the prefix {prefix}.")
            self.stdout.write(f"Revoked {count} token(s) with the prefix {prefix}.")
        else:
            user = self._user(options["email"])
            for row in ApiToken.objects.filter(user=user).order_by("created_at"):
                state = "revoked" if row.revoked else "live"
                used = row.last_used_at.isoformat() if row.last_used_at else "never used"
                self.stdout.write(f"{row.prefix}  {state:8}  {used:32}  {row.name}")
