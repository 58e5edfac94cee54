"""Compile a gettext catalogue (.po) to its binary form (.mo) without GNU gettext.

``python -m ratusha.i18n_compile path/to/django.po`` writes django.mo beside it. The install
runs it, so compiled catalogues are never committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib


def compile_catalogue(po_path: Path) -> Path:
    """Write the .mo next to the .po and give its path; fuzzy entries are left out."""
    catalogue = polib.pofile(str(po_path))
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


def main(argv: list[str] | None = None) -> int:
    for name in sys.argv[1:] if argv is None else argv:
        print(f"compiled {compile_catalogue(Path(name))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
