"""Scale benchmark: build generated series of 100, 1,000 and 10,000 articles; print the figures.

Usage: python benchmarks/scale.py [--sizes 100 1000 10000] [--jobs 1 2] [--shacl yes no]
[--corpus DIR]

For each size, each ``--jobs`` value and with and without SHACL validation, a
fresh process builds the corpus and writes N-Triples, and reports its wall
time, articles per second, triples and peak memory: the RSS of the process, of
its largest worker, and of the process and its workers together (sampled every
50 ms from ``/proc``, so on Linux only). The corpus comes from ``generate.py`` (deterministic,
generated, not copied) and is written once per size under ``--corpus``.
With ``--profile SIZE`` it instead prints cProfile's top entries for one
in-process build of that size (jobs 1, validation on).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from generate import write_corpus
from timing import machine

from aleppo_kg.build.pipeline import BuildOptions, build_graph
from aleppo_kg.build.write import write_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--shacl", nargs="+", choices=["yes", "no"], default=["yes", "no"], help="validate or not"
    )
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "akg-scale")
    parser.add_argument("--profile", type=int, metavar="SIZE", help="profile one build instead")
    parser.add_argument("--top", type=int, default=25, help="profile entries to print")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)  # SIZE VALIDATE JOBS (child)
    args = parser.parse_args()
    if args.one:
        size, validate, jobs = (int(v) for v in args.one)
        print(json.dumps(_measure(corpus(args.corpus, size), bool(validate), jobs)))
        return
    if args.profile:
        _profile(corpus(args.corpus, args.profile), args.top)
        return
    print(machine())
    print(
        "| articles | SHACL | jobs | wall s | articles/s | triples | peak RSS MiB | worker MiB "
        "| all MiB |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        corpus(args.corpus, size)
        for validate in (choice == "yes" for choice in args.shacl):
            for jobs in args.jobs:
                row = _child(args.corpus, size, validate, jobs)
                print(
                    f"| {size:,} | {'yes' if validate else 'no'} | {jobs} | {row['seconds']:.1f} | "
                    f"{size / row['seconds']:.1f} | {row['triples']:,} | {row['rss_mib']:.0f} | "
                    f"{row['worker_mib']:.0f} | {row['total_mib']:.0f} |",
                    flush=True,
                )


def corpus(root: Path, size: int) -> Path:
    """The generated corpus of ``size`` articles (written on first use, then reused)."""
    folder = root / str(size)
    if len(list(folder.glob("*.txt"))) != size:
        write_corpus(folder, size)
    return folder


def _child(root: Path, size: int, validate: bool, jobs: int) -> dict:
    """One measurement in a fresh process, so its memory peak is its own."""
    command = [
        sys.executable,
        __file__,
        "--corpus",
        str(root),
        "--one",
        str(size),
        str(int(validate)),
        str(jobs),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _measure(folder: Path, validate: bool, jobs: int) -> dict:
    """Build and write the corpus; time, triples, peak RSS of this process and its workers."""
    started = time.perf_counter()
    with TotalPeak() as total:
        result = build_graph([folder], BuildOptions(validate=validate, jobs=jobs))
        if result.violations:
            raise SystemExit(f"{len(result.violations)} violations, first: {result.violations[0]}")
        with tempfile.TemporaryDirectory() as out:
            write_graph(result.merged, Path(out) / "series.nt", "nt", lambda: result.graph)
    seconds = time.perf_counter() - started
    return {
        "total_mib": total.peak / 1024,
        "seconds": seconds,
        "triples": result.triples,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


class TotalPeak:
    """The peak of the summed RSS of this process and its descendants, sampled in a thread.

    ``ru_maxrss`` gives each process's own peak, not their peak together, which is what
    a machine must hold.
    """

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.peak = 0  # KiB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TotalPeak:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.peak = max(self.peak, sum(map(_rss_kib, _family(os.getpid()))))


def _family(pid: int) -> list[int]:
    """A process and all its descendants (from ``/proc/PID/task/*/children``)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in children.read_text().split())
            except OSError:
                continue  # the process ended while being read
    return found


def _rss_kib(pid: int) -> int:
    """A process's resident set size in KiB (0 once it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _profile(folder: Path, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    _measure(folder, validate=True, jobs=1)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    main()
