"""`aleppo-kg serve` under 20 concurrent clients and an endless query: every answer right.

A short, bounded run of ``benchmarks/endpoint_load.py`` (which reports the
throughput and latency figures; nothing here is timed): twenty clients send the
competency questions and compare each answer with the embedded store's, while
one more client keeps sending a query that would never end.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
load = importlib.import_module("endpoint_load")


def test_twenty_clients_and_a_runaway_query_all_answered_right(seed_graph, tmp_path):
    data = tmp_path / "aleppo.ttl"
    seed_graph.serialize(data, format="turtle")
    queries = load.questions()
    assert len(queries) >= 5
    answers = load.expected(data, queries)
    server = load.Server(data, timeout=3.0)
    try:
        tally = load.hammer(server.url, 20, 6.0, queries, answers, runaways=1)
    finally:
        server.stop()
    assert tally.wrong == [] and tally.errors == []
    assert len(tally.latencies) >= len(queries)
    assert tally.runaways_stopped >= 1
