"""The ``aleppo-kg`` command: one module per group of sub-commands, assembled here.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 bad input
(one line on stderr naming the file and the problem, no traceback, no output); 130
interrupted (Ctrl-C: one line, no traceback, outputs left as they were).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from aleppo_kg import __version__
from aleppo_kg.cli import build, curation, export, graph, publish
from aleppo_kg.errors import InputError
from aleppo_kg.interrupts import INTERRUPTED

# The groups of sub-commands, in the order `aleppo-kg --help` lists them.
GROUPS = (build, graph, curation, publish, export)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as err:
        print(f"aleppo-kg: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "aleppo-kg: interrupted; files it was writing are left as they were",
            file=sys.stderr,
        )
        return INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aleppo-kg",
        description="Turn Wikipedia articles about armed conflicts into a validated RDF graph.",
    )
    parser.add_argument("--version", action="version", version=f"aleppo-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.add_commands(commands)
    return parser
