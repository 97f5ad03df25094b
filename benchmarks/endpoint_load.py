"""Load on `aleppo-kg serve`: many clients at once, every answer checked, latency percentiles.

    python benchmarks/endpoint_load.py --clients 20 --seconds 30

Starts the endpoint as a user would (``aleppo-kg serve`` on a free loopback
port), then runs ``--clients`` threads for ``--seconds``, each sending the
competency questions of ``queries/`` that take no parameter, round robin, with
GET and the SPARQL JSON Accept header. Every answer is compared with the same
query run on an embedded Oxigraph store over the same file; a different answer,
an HTTP error or a dropped connection is counted and reported. Prints the
throughput and the latency percentiles. With ``--runaway`` one more client sends
nothing but a query that would run forever, and every one of its answers must be
the time limit's 503 while the others go on. ``tests/test_endpoint_load.py`` runs
a short bounded version and asserts that every answer was right.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from aleppo_kg.publish.sparql import json_results, open_store, run

ROOT = Path(__file__).resolve().parents[1]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def questions() -> dict[str, str]:
    """The competency questions that need no ``--bind``: name -> query text."""
    found = {}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if "# Parameters:" not in text:
            found[path.stem] = text
    return found


def canonical(answer: dict) -> list[str]:
    """A SELECT answer's rows, order-free (two correct engines may order ties differently)."""
    return sorted(json.dumps(row, sort_keys=True) for row in answer["results"]["bindings"])


def expected(data: Path, queries: dict[str, str]) -> dict[str, list[str]]:
    store = open_store(data)
    return {name: canonical(json_results(run(store, text))) for name, text in queries.items()}


class Server:
    """``aleppo-kg serve`` in a child process, on a port it chose itself."""

    def __init__(self, data: Path, timeout: float = 10.0) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aleppo_kg.cli", "serve", "--data", str(data), "--port",
             "0", "--timeout", str(timeout)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        line = self.process.stdout.readline()  # "serving FILE at URL (read-only)"
        self.url = line.split(" at ", 1)[1].split()[0]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@dataclass
class Tally:
    """What the clients saw, shared between their threads."""

    latencies: list[float] = field(default_factory=list)
    runaways_stopped: int = 0
    wrong: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _ask(url: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{url}?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def client(number: int, url: str, queries: dict, answers: dict, until: float, tally: Tally):
    names = list(queries)
    sent = number
    while time.monotonic() < until:
        name = names[sent % len(names)]
        sent += 1
        started = time.perf_counter()
        try:
            answer = _ask(url, queries[name])
        except (urllib.error.URLError, OSError, ValueError) as err:
            with tally.lock:
                tally.errors.append(f"{name}: {err}")
            continue
        elapsed = time.perf_counter() - started
        with tally.lock:
            tally.latencies.append(elapsed)
            if canonical(answer) != answers[name]:
                tally.wrong.append(name)


def runaway(url: str, until: float, tally: Tally) -> None:
    """Ask a query that would never end, again and again: each must be stopped with a 503."""
    while time.monotonic() < until:
        try:
            _ask(url, RUNAWAY)
            outcome = "an endless query was answered"
        except urllib.error.HTTPError as err:
            outcome = "stopped" if err.code == 503 else f"endless query: HTTP {err.code}"
        except (urllib.error.URLError, OSError) as err:
            outcome = f"endless query: {err}"
        with tally.lock:
            if outcome == "stopped":
                tally.runaways_stopped += 1
            else:
                tally.errors.append(outcome)


def hammer(
    url: str, clients: int, seconds: float, queries: dict, answers: dict, runaways: int = 0
) -> Tally:
    """``clients`` threads (and ``runaways`` endless ones) asking for ``seconds``."""
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(n, url, queries, answers, until, tally))
        for n in range(clients)
    ]
    threads += [threading.Thread(target=runaway, args=(url, until, tally)) for _ in range(runaways)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--data", type=Path, default=ROOT / "output" / "aleppo.ttl")
    parser.add_argument("--runaway", action="store_true", help="add one endless-query client")
    parser.add_argument("--timeout", type=float, default=10.0, help="the endpoint's time limit")
    args = parser.parse_args()
    queries = questions()
    answers = expected(args.data, queries)
    server = Server(args.data, args.timeout)
    try:
        started = time.monotonic()
        tally = hammer(server.url, args.clients, args.seconds, queries, answers, int(args.runaway))
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    done = len(tally.latencies)
    ms = [1000 * value for value in tally.latencies]
    print(f"machine: {platform.platform()}, Python {platform.python_version()}")
    print(f"endpoint: aleppo-kg serve, {args.data.name}; queries: {', '.join(queries)}")
    print(f"{args.clients} clients for {elapsed:.1f} s: {done} answers, {done / elapsed:.1f}/s")
    print(f"wrong answers: {len(tally.wrong)}; errors: {len(tally.errors)}")
    if args.runaway:
        print(f"endless queries stopped at the {args.timeout:g} s limit: {tally.runaways_stopped}")
    print(
        f"latency ms: p50 {percentile(ms, 0.5):.1f}, p90 {percentile(ms, 0.9):.1f}, "
        f"p99 {percentile(ms, 0.99):.1f}, max {max(ms):.1f}, mean {statistics.fmean(ms):.1f}"
    )
    for line in (tally.wrong + tally.errors)[:10]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
