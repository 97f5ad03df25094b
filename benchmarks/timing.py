"""What every benchmark script shares: the timing rule and the machine line."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable


def median_ms(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    """Median wall time of ``runs`` calls in milliseconds, after one untimed warm-up call.

    The warm-up fills caches (lexicons, shapes, query plans) that a long-running user pays once.
    """
    result = action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def machine() -> str:
    """The machine the figures came from, printed first by every benchmark."""
    return (
        f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
