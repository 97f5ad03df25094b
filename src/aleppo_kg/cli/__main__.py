"""``python -m aleppo_kg.cli``: the console script, for tests and benchmarks that spawn it."""

import sys

from aleppo_kg.cli import main

sys.exit(main())
