"""How the tool's processes meet Ctrl-C: the command stops, its workers do not act on it.

A terminal sends SIGINT to the whole process group, workers included. Only the
command's own process acts on it: it stops its workers (a pool is terminated, an
endpoint kills its query processes) and ends with one line and exit code 130, the
shell's code for a process ended by SIGINT. Workers ignore the signal, so none of
them prints a traceback of its own.
"""

from __future__ import annotations

import signal

INTERRUPTED = 130  # 128 + SIGINT


def ignore_interrupts() -> None:
    """In a worker process: leave Ctrl-C to the command's process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
