"""The Wikidata client against a stub server on 127.0.0.1: never the internet.

The stub answers in Wikidata's formats (wbsearchentities JSON, SPARQL JSON
results) and, on demand, with errors, slowness or malformed JSON.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from aleppo_kg.curation import wikidata
from aleppo_kg.lexicon import load_lexicon

SEARCH = {
    "search": [
        {"id": "Q100", "label": "Azaz", "description": "city in Aleppo Governorate, Syria"},
        {"id": "Q200", "label": "Azaz", "description": "family name"},
        {"id": "Q300", "label": "Battle of Azaz", "description": "battle in 1125"},
    ]
}
SPARQL = {
    "head": {"vars": ["item", "factLabel"]},
    "results": {"bindings": [
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q100"},
         "factLabel": {"type": "literal", "value": "Syria"}},
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q100"},
         "factLabel": {"type": "literal", "value": "city"}},
    ]},
}  # fmt: skip


class _Stub(BaseHTTPRequestHandler):
    """Behaviour set per test through ``server.mode``; every request is recorded."""

    def do_GET(self):
        server = self.server
        server.requests.append((self.path, self.headers.get("User-Agent", "")))
        mode = server.modes.pop(0) if server.modes else server.mode
        if mode == "slow":
            time.sleep(1.0)
        if mode in ("500", "503", "404"):
            self.send_response(int(mode))
            self.end_headers()
            self.wfile.write(b"error")
            return
        path = urlsplit(self.path).path
        body = (
            json.dumps(SEARCH if path == "/api" else SPARQL).encode()
            if mode != "badjson"
            else b"{not json"
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture()
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    server.mode, server.modes, server.requests = "ok", [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


KIND_WORDS = load_lexicon().wikidata_kinds


def _client(stub, tmp_path, **kwargs) -> wikidata.Client:
    base = f"http://127.0.0.1:{stub.server_address[1]}"
    options = {"interval": 0.0, "timeout": 0.3, "retries": 3, "sleep": lambda s: None}
    options.update(kwargs)
    return wikidata.Client(tmp_path / "cache", f"{base}/api", f"{base}/sparql", **options)


def test_candidates_are_ranked_by_label_type_and_country(stub, tmp_path):
    proposals = wikidata.propose(
        [("place/azaz", "Azaz")], _client(stub, tmp_path), "Syria", KIND_WORDS
    )
    assert [p.qid for p in proposals] == ["Q100", "Q200", "Q300"]
    assert proposals[0].score > proposals[1].score > proposals[2].score
    search_path, agent = stub.requests[0]
    assert parse_qs(urlsplit(search_path).query)["action"] == ["wbsearchentities"]
    assert agent.startswith("aleppo-kg/") and "https://" in agent


def test_answers_are_cached_on_disk(stub, tmp_path):
    client = _client(stub, tmp_path)
    wikidata.propose([("place/azaz", "Azaz")], client, "Syria", KIND_WORDS)
    asked = len(stub.requests)
    again = wikidata.propose([("place/azaz", "Azaz")], _client(stub, tmp_path), "Syria", KIND_WORDS)
    assert len(stub.requests) == asked == 2
    assert again[0].qid == "Q100"
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_transient_errors_are_retried_with_backoff(stub, tmp_path):
    stub.modes = ["503", "503"]
    waits: list[float] = []
    client = _client(stub, tmp_path, interval=0.5, sleep=waits.append)
    assert client.search("Azaz")[0]["id"] == "Q100"
    assert len(stub.requests) == 3
    assert [w for w in waits if w >= 0.5][:2] == [0.5, 1.0]  # backoff doubles


@pytest.mark.parametrize(
    "mode, message",
    [
        ("500", "HTTP 500"),
        ("404", "HTTP 404"),
        ("slow", "no answer within 0.3 s"),
        ("badjson", "the answer is not JSON"),
    ],
)
def test_failures_give_a_clear_message_and_no_cache(stub, tmp_path, mode, message):
    stub.mode = mode
    with pytest.raises(wikidata.ServiceError, match=message):
        _client(stub, tmp_path).search("Azaz")
    assert not list((tmp_path / "cache").glob("*")) if (tmp_path / "cache").exists() else True
    if mode == "404":
        assert len(stub.requests) == 1  # a client error is not retried


def test_unreachable_server(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = wikidata.Client(
        tmp_path / "cache",
        f"http://127.0.0.1:{port}/api",
        f"http://127.0.0.1:{port}/sparql",
        interval=0,
        retries=2,
        sleep=lambda s: None,
    )
    with pytest.raises(wikidata.ServiceError, match="unreachable"):
        client.search("Azaz")


def test_requests_keep_the_minimum_interval(stub, tmp_path):
    waits: list[float] = []
    client = _client(stub, tmp_path, interval=5.0, sleep=waits.append)
    client.search("Azaz")
    client.search("Manbij")
    assert waits and 4.0 < waits[-1] <= 5.0


def _cli(stub, tmp_path, *extra):
    base = f"http://127.0.0.1:{stub.server_address[1]}"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "aleppo_kg.cli",
            "link",
            "--online",
            "--interval",
            "0",
            "--timeout",
            "0.5",
            "--api-url",
            f"{base}/api",
            "--sparql-url",
            f"{base}/sparql",
            "--cache",
            str(tmp_path / "cache"),
            "--proposals",
            str(tmp_path / "proposals.tsv"),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )


def test_link_online_writes_proposals_for_a_person_to_review(stub, tmp_path):
    done = _cli(stub, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "proposals.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "resource\tcandidate\tlabel\tdescription\tscore"
    assert len(lines) > 1 and all(line.split("\t")[1].startswith("Q") for line in lines[1:])
    assert "nothing was applied" in done.stdout


def test_link_online_failure_is_one_line_and_writes_nothing(stub, tmp_path):
    stub.mode = "500"
    done = _cli(stub, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "HTTP 500" in done.stderr
    assert not (tmp_path / "proposals.tsv").exists()
