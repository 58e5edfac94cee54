"""The ``ratusha`` console script: Django's manage.py under the project's name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, with development settings unless told otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # Commands are spelled with hyphens (import-bodies); Django's modules use underscores.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["ratusha", *args])


if __name__ == "__main__":  # pragma: no cover
    main()
