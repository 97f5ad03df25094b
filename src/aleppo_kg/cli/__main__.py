"""``python -m aleppo_kg.cli``: the console script, for tests and benchmarks that spawn it."""

from aleppo_kg.cli import run

run()
