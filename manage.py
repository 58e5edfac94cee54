#!/usr/bin/env python
"""Django's command-line utility for Ratusha (the same as the ``ratusha`` console script)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from ratusha.cli import main

if __name__ == "__main__":
    main()
