"""What a long build shows while it runs and when it ends (stderr, never stdout).

The bar redraws one terminal line in place, so it is only for a terminal: the
command leaves it off when stderr is a file or a pipe, where the carriage
returns would be noise in a log.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from aleppo_kg.build.pipeline import BuildResult

WIDTH = 30


class ProgressBar:
    """A callable for :func:`aleppo_kg.build.pipeline.build_graph`'s ``progress``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        filled = WIDTH * done // max(total, 1)
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed else 0.0
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} articles, "
            f"{elapsed:.1f} s, {rate:.1f}/s"
        )
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def summary(result: BuildResult, seconds: float, later: int = 0) -> str:
    """One line: articles, events, entities, triples, warnings (the articles' and ``later``
    ones, about what was written), and the ``seconds`` the build took, writing included."""
    entities = result.entities
    rate = result.articles / seconds if seconds else 0.0
    return (
        f"summary: {result.articles} article(s), {result.events} events, "
        f"{entities['place']} places, {entities['org']} organisations, "
        f"{entities['person']} people, {result.triples} triples, "
        f"{len(result.warnings) + later} warning(s), {seconds:.1f} s ({rate:.1f} articles/s)"
    )
