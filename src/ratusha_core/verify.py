"""The offline verifier behind the ``ratusha-verify`` command.

It needs only ``ratusha_core``. Until the ledger lands it prints its usage.
"""

from __future__ import annotations

import sys

USAGE = """\
usage: ratusha-verify COMMAND [ARGS]

Verify Ratusha's public ledger offline, with nothing but ratusha_core installed.

commands (arriving with the public ledger):
  receipt FILE                 verify an appeal receipt (entry, inclusion proof, checkpoint)
  checkpoint FILE --key KEY    verify a signed checkpoint against known keys
  consistency OLD NEW          verify that checkpoint NEW extends checkpoint OLD
  audit ENTRIES CHECKPOINT     audit a downloaded range of entries against a checkpoint
"""


def main(argv: list[str] | None = None) -> int:
    """Print the usage and return 2 (no command is implemented yet)."""
    args = sys.argv[1:] if argv is None else argv
    if args in ([], ["-h"], ["--help"]):
        print(USAGE)
        return 0 if args else 2
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
