"""A real triple store (``oxigraph serve``) and our own endpoint, over loopback HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import CLI

from aleppo_kg import cli
from aleppo_kg.publish.sparql import run, store_from_ntriples

GRAPH = "https://w3id.org/aleppo-kg/resource/graph/2012-aleppo-governorate-clashes"
COMMANDERS = """SELECT ?name WHERE { ?c a akg:Command ; akg:commander/rdfs:label ?name }
                ORDER BY ?name"""
PREFIXES = (
    "PREFIX akg: <https://w3id.org/aleppo-kg/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "exited")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port} after {seconds} s")


def _sparql(url: str, query: str, accept: str = "application/sparql-results+json"):
    request = urllib.request.Request(
        f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if "json" in accept else body.decode()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "aleppo.ttl"
    assert cli.main(["build", "-o", str(out)]) == 0
    return out


@pytest.fixture()
def oxigraph(tmp_path):
    """``oxigraph serve`` on a free loopback port; stopped (or already killed) after the test."""
    port = _free_port()
    binary = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--location",
            str(tmp_path / "store"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait_for(port, process)
    yield process, f"http://127.0.0.1:{port}"
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def _load(built: Path, endpoint: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            *CLI,
            "load",
            "--data",
            str(built),
            "--endpoint",
            endpoint,
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _count(base: str, graph: str) -> int:
    data = _sparql(
        f"{base}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    return int(data["results"]["bindings"][0]["n"]["value"])


def test_load_into_oxigraph_and_query_it_back(oxigraph, built, seed_graph):
    _, base = oxigraph
    done = _load(built, f"{base}/store", "--graph", GRAPH)
    assert done.returncode == 0, done.stderr
    assert _count(base, GRAPH) == len(seed_graph)
    remote = _sparql(
        f"{base}/query",
        PREFIXES
        + f"""SELECT ?name WHERE {{ GRAPH <{GRAPH}> {{
        ?c a akg:Command ; akg:commander/rdfs:label ?name }} }} ORDER BY ?name""",
    )
    names = [b["name"]["value"] for b in remote["results"]["bindings"]]
    local = run(
        store_from_ntriples(seed_graph.serialize(format="nt", encoding="utf-8")), COMMANDERS
    )
    assert names == [row[0].value for row in local.rows] and len(names) == 4


def test_loading_twice_leaves_the_same_triples(oxigraph, built):
    _, base = oxigraph
    assert _load(built, f"{base}/store", "--graph", GRAPH).returncode == 0
    first = _count(base, GRAPH)
    assert _load(built, f"{base}/store", "--graph", GRAPH).returncode == 0
    assert _count(base, GRAPH) == first


def test_a_killed_store_gives_a_clear_error(oxigraph, built):
    process, base = oxigraph
    process.kill()
    process.wait(timeout=10)
    done = _load(built, f"{base}/store")
    assert done.returncode == 2
    assert "cannot reach the store" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_error_status_carries_the_servers_message(oxigraph, built):
    _, base = oxigraph
    done = _load(built, f"{base}/no-such-service")
    assert done.returncode == 2 and "the store answered 404" in done.stderr


class _Recorder(BaseHTTPRequestHandler):
    """A store stand-in: answers 204, or stalls past the client's timeout."""

    def do_PUT(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.server.stall:
            time.sleep(2)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.stall = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_slow_store_times_out_clearly(recorder, built, capsys):
    recorder.stall = True
    base = f"http://127.0.0.1:{recorder.server_address[1]}"
    code = cli.main(
        ["load", "--data", str(built), "--endpoint", f"{base}/store", "--timeout", "0.5"]
    )
    assert code == 2 and "no answer within 0.5 s" in capsys.readouterr().err


# --- our own endpoint ------------------------------------------------------------------

MAX_ROWS = 50


@pytest.fixture(scope="module")
def endpoint(built):
    port = _free_port()
    process = subprocess.Popen(
        [
            *CLI,
            "serve",
            "--data",
            str(built),
            "--port",
            str(port),
            "--timeout",
            "3",
            "--max-rows",
            str(MAX_ROWS),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_for(port, process)
    yield f"http://127.0.0.1:{port}/sparql"
    process.terminate()
    process.wait(timeout=10)


def test_endpoint_answers_get_and_post_in_several_formats(endpoint, seed_graph):
    count = _sparql(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count["results"]["bindings"][0]["n"]["value"]) == len(seed_graph)
    csv = _sparql(endpoint, COMMANDERS, accept="text/csv")
    assert csv.splitlines()[0] == "name" and len(csv.splitlines()) == 5
    xml = _sparql(endpoint, COMMANDERS, accept="application/sparql-results+xml")
    assert "<sparql" in xml and "Rifaat Khalil" in xml
    form = urllib.parse.urlencode({"query": COMMANDERS}).encode()
    post = urllib.request.Request(endpoint, data=form, method="POST")
    with urllib.request.urlopen(post, timeout=30) as response:
        assert len(json.loads(response.read())["results"]["bindings"]) == 4


def _status(request: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_endpoint_refuses_updates(endpoint):
    update = urllib.request.Request(
        endpoint,
        data=b"DELETE WHERE { ?s ?p ?o }",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert _status(update)[0] == 403
    form = urllib.request.Request(
        endpoint, method="POST", data=urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    )
    assert _status(form)[0] == 403


def test_endpoint_rejects_malformed_queries_with_the_parsers_message(endpoint):
    status, body = _status(
        urllib.request.Request(
            f"{endpoint}?{urllib.parse.urlencode({'query': 'SELEC ?x WHERE {}'})}"
        )
    )
    assert status == 400 and "malformed query" in body


def test_endpoint_stops_a_query_at_the_time_limit(endpoint):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    status, body = _status(
        urllib.request.Request(f"{endpoint}?{urllib.parse.urlencode({'query': endless})}")
    )
    assert status == 503 and "time limit" in body
    assert time.monotonic() - started < 15
    again = _sparql(endpoint, "ASK { ?s ?p ?o }")  # a fresh pool took over
    assert again["boolean"] is True


def _answer(endpoint: str, query: str, accept: str = "application/sparql-results+json"):
    """(status, Warning header or None, body) of a GET."""
    request = urllib.request.Request(
        f"{endpoint}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Warning"), response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Warning"), err.read().decode()


def test_endpoint_cuts_a_long_result_at_the_row_limit_with_a_warning(endpoint, seed_graph):
    assert len(seed_graph) > MAX_ROWS
    status, warning, body = _answer(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and f"cut at {MAX_ROWS} rows" in warning
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    _, warning, body = _answer(endpoint, "SELECT ?s WHERE { ?s ?p ?o }", accept="text/csv")
    assert warning and len(body.splitlines()) == MAX_ROWS + 1  # the header line, then rows
    _, warning, body = _answer(
        endpoint, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples"
    )
    assert warning and len(body.splitlines()) == MAX_ROWS
    status, warning, body = _answer(endpoint, COMMANDERS)
    assert status == 200 and warning is None
    assert len(json.loads(body)["results"]["bindings"]) == 4


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_endpoint_refuses_service_calls(endpoint, query):
    status, _, body = _answer(endpoint, query)
    assert status == 403 and "SERVICE is refused" in body


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) }',
        "SELECT ?x WHERE { BIND(<http://example.org/SERVICE> AS ?x) } # SERVICE",
        "SELECT ?service WHERE { BIND(1 AS ?service) }",
    ],
)
def test_endpoint_answers_queries_that_only_mention_service(endpoint, query):
    assert _answer(endpoint, query)[0] == 200


def test_endpoint_refuses_load_as_update_and_cannot_run_it_as_a_query(endpoint):
    load = urllib.request.Request(
        endpoint,
        method="POST",
        data=urllib.parse.urlencode({"update": "LOAD <http://example.org/data.ttl>"}).encode(),
    )
    assert _status(load)[0] == 403
    status, _, body = _answer(endpoint, "LOAD <http://example.org/data.ttl>")
    assert status == 400 and "malformed query" in body


def test_endpoint_refuses_oversized_and_malformed_requests(endpoint):
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    for head, expected in (
        ("Content-Length: 999999999\r\n", b" 413 "),
        ("Content-Length: twelve\r\n", b" 400 "),
    ):
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(
                f"POST /sparql HTTP/1.1\r\nHost: x\r\n{head}"
                "Content-Type: application/sparql-query\r\n\r\n".encode()
            )
            assert expected in sock.recv(200).split(b"\r\n")[0] + b" "
