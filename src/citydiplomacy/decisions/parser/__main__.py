"""``python -m citydiplomacy.decisions.parser FILE [--format F] [--json]``."""

import sys

from .cli import main

sys.exit(main(sys.argv[1:]))
