"""`python -m pmo_desktop` runs the command line."""

from __future__ import annotations

import sys

from pmo_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
