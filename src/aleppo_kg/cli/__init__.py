"""The ``aleppo-kg`` command: one module per group of sub-commands, assembled here.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 bad input
(one line on stderr naming the file and the problem, no traceback, no output); 130
interrupted (Ctrl-C: one line, no traceback, outputs left as they were).
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys
from collections.abc import Sequence
from contextlib import suppress

from aleppo_kg import __version__
from aleppo_kg.cli import build, curation, export, graph, publish
from aleppo_kg.errors import InputError
from aleppo_kg.interrupts import INTERRUPTED

# The groups of sub-commands, in the order `aleppo-kg --help` lists them.
GROUPS = (build, graph, curation, publish, export)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line as a function (the tests call it in-process); returns the exit code."""
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


def run() -> None:
    """The console script: :func:`main`, then an exit that skips tearing the interpreter down.

    Freeing every object and module one by one at exit costs a short command about 30 ms
    (a tenth of building one article) and serves no purpose once the outputs are closed.
    The exit runs last among the exit handlers (it is registered first), so temporary
    folders are still removed and worker pools still joined; only when :func:`main` returned
    its code does it flush the standard streams and leave with ``os._exit``.
    """
    outcome: list[int] = []
    atexit.register(_leave, outcome)
    outcome.append(main())
    sys.exit(outcome[0])


def _leave(outcome: list[int]) -> None:
    """The last exit handler: leave at once with ``main``'s code, if it returned one."""
    if not outcome:  # an exception escaped main: Python reports it and exits its own way
        return
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe (| head) or stream: nothing to save
            stream.flush()
    os._exit(outcome[0])


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
