"""Sorted runs on disk: many lines sorted in memory a bounded number at a time, merged in order.

The merge of a series must not hold every N-Triples line in memory at once: at
ten thousand articles that is twelve million lines and gigabytes of Python
strings. Lines are collected a run at a time, each run sorted and written to a
file, and read back as one sorted stream by :func:`heapq.merge`, which holds one
line per run. Files are read and written with ``\\n`` as the only line end, so a
line is read back exactly as it was written.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

RUN_LINES = 250_000  # lines sorted in memory before a run is written: ~40 MB of strings

Key = Callable[[str], object]


class Runs:
    """Lines collected into sorted files of at most ``size`` lines, read back merged."""

    def __init__(self, folder: Path, key: Key | None = None, size: int | None = None) -> None:
        self.folder = folder
        self.key = key
        self.size = size or RUN_LINES
        self.files: list[Path] = []
        self.pending: list[str] = []

    def extend(self, lines: Iterable[str]) -> None:
        """Take lines (each ending in ``\\n``); a full buffer is sorted and written as a run."""
        self.pending.extend(lines)
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write what is pending as one sorted run."""
        if not self.pending:
            return
        self.pending.sort(key=self.key)
        path = self.folder / f"run-{len(self.files):05d}"
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(self.pending)
        self.files.append(path)
        self.pending = []

    def merged(self) -> Iterator[str]:
        """Every line taken, in sorted order, duplicates kept (a generator: open files are closed
        when it ends or is closed)."""
        self.flush()
        with ExitStack() as stack:
            files = [stack.enter_context(read(path)) for path in self.files]
            yield from heapq.merge(*files, key=self.key)

    def clear(self) -> None:
        """Delete the runs (once merged into a file of their own, they are only disk space)."""
        for path in self.files:
            path.unlink()
        self.files = []


def read(path: Path) -> TextIO:
    """A run or a merged file, opened so that only ``\\n`` ends a line."""
    return path.open(encoding="utf-8", newline="\n")
