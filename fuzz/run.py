"""Fuzz ``aleppo-kg build`` for a fixed time and print how many inputs were tried and failed.

    python fuzz/run.py --seconds 600

Hypothesis draws articles from :func:`fuzz.articles.articles` in rounds of a
few hundred inputs, each round with its own seed, until the time is spent. The
first failing input of a round is written to ``fuzz/regressions/`` as it was
drawn (commit it: ``tests/test_fuzz.py`` replays every file there) and the
fuzzing goes on with the next round. Rounds only generate: shrinking a failure
can take longer than the whole budget, and ``tests/test_fuzz.py`` shrinks what
it finds itself. An input that takes longer than ``--input-seconds`` is a
failure too: a pathological line must not hang a build.
"""

from __future__ import annotations

import argparse
import hashlib
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.articles import articles, check_article

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
ROUND = 200


class SlowInput(Exception):
    """An input took longer than the per-input limit."""


class Counter:
    """Inputs tried and the failing one of the current round."""

    def __init__(self, input_seconds: float) -> None:
        self.tried = 0
        self.input_seconds = input_seconds
        self.last_failure: str | bytes | None = None


def _too_slow(signum, frame) -> None:
    raise SlowInput("one input took longer than the per-input limit")


def fuzz_round(number: int, counter: Counter, deadline: float) -> str | bytes | None:
    """One round of Hypothesis with its own seed; its failing input, if any."""

    @seed(number)
    @settings(
        max_examples=ROUND,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(text=articles())
    def round_(text: str | bytes) -> None:
        if time.monotonic() > deadline:
            return  # the budget is spent: the remaining examples pass at once
        counter.tried += 1
        with tempfile.TemporaryDirectory() as folder:
            signal.setitimer(signal.ITIMER_REAL, counter.input_seconds)
            try:
                check_article(text, Path(folder))
            except BaseException:
                counter.last_failure = text
                raise
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

    counter.last_failure = None
    try:
        round_()
    except Exception:  # any failure of the property is what the round is looking for
        traceback.print_exc(limit=3)
        return counter.last_failure
    return None


def save(text: str | bytes) -> Path:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    REGRESSIONS.mkdir(exist_ok=True)
    path = REGRESSIONS / f"{hashlib.sha256(data).hexdigest()[:16]}.txt"
    path.write_bytes(data)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--input-seconds", type=float, default=60.0, help="limit per input")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _too_slow)
    counter = Counter(args.input_seconds)
    failures: list[Path] = []
    started = time.monotonic()
    deadline = started + args.seconds
    number = args.first_seed
    while time.monotonic() < deadline:
        found = fuzz_round(number, counter, deadline)
        if found is not None:
            failures.append(save(found))
            print(f"failure in round {number}: kept as {failures[-1]}", flush=True)
        number += 1
    elapsed = time.monotonic() - started
    print(
        f"fuzz: {counter.tried} inputs in {elapsed:.0f} s ({counter.tried / elapsed:.1f}/s), "
        f"{number - args.first_seed} rounds, {len(failures)} failure(s)"
    )
    for path in failures:
        print(f"  {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
