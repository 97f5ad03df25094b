"""A real Virtuoso: the seed loaded with `aleppo-kg load` over HTTP Digest, every competency
question asked at its /sparql endpoint, and the rows compared with the embedded store's.

The session starts Debian's virtuoso-opensource (``virtuoso-t``) with a database of its own in a
temporary folder, a virtuoso.ini written here (free loopback ports for its SQL and HTTP
servers, small buffers) and a user allowed SPARQL updates, created with ``isql-vt``; it stops
the server at the end. Without ``virtuoso-t`` the tests are skipped (``.ci/system-packages``
installs it). A parametrised query is sent with its header's example VALUES block after its last
line; its expected rows are the project's own ``run`` with the header's ``--bind`` example.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CLI
from rdflib import Graph
from sparql_rows import answer, from_json, on_oxigraph
from test_store import _free_port

from aleppo_kg import cli
from aleppo_kg.publish.sparql import documented_bindings, open_store, with_values

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "output" / "aleppo.ttl"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
GRAPH = "https://w3id.org/aleppo-kg/resource/graph/2012-aleppo-governorate-clashes"
SERVER, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
USER = "aleppo"

pytestmark = pytest.mark.skipif(
    not (SERVER and ISQL),
    reason="Virtuoso is not installed (virtuoso-t, isql-vt): bash .ci/system-packages installs "
    "Debian's virtuoso-opensource",
)

# The [SPARQL] limits are those of Debian's packaged virtuoso.ini except the cost estimate:
# Virtuoso 7.2 estimates 12-events-near.rq at about 3,400 s (it runs in a third of a second),
# over the packaged 400 s; see the README's Virtuoso section.
INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 10000
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its HTTP base URL and the password of the user allowed to load."""

    url: str
    password: str


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Virtuoso:
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(folder=folder, sql_port=sql_port, http_port=http_port))
    with (folder / "server.out").open("wb") as out:
        process = subprocess.Popen(
            [SERVER, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{http_port}"
        _wait_until_it_answers(url, process, folder)
        password = secrets.token_urlsafe(12)
        _isql(
            sql_port,
            f"DB.DBA.USER_CREATE('{USER}', '{password}')",
            f'GRANT SPARQL_UPDATE TO "{USER}"',
        )
        yield Virtuoso(url, password)
    finally:
        process.terminate()
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_it_answers(url: str, process: subprocess.Popen, folder: Path) -> None:
    """Until its SPARQL endpoint answers, or the server has exited (its log tells why)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (folder / "server.out").read_text(errors="replace")
            raise RuntimeError(f"virtuoso-t exited ({process.returncode}): {log[-2000:]}")
        try:
            sparql(url, "ASK { }", graph=None)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise RuntimeError(f"Virtuoso did not answer at {url} within 180 s")


def _isql(port: int, *statements: str) -> None:
    """SQL statements run as the database administrator (dba, the new database's password)."""
    done = subprocess.run(
        [ISQL, f"127.0.0.1:{port}", "dba", "dba", "exec=" + "; ".join(statements) + ";"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "*** Error" not in done.stdout + done.stderr, done.stdout


def sparql(url: str, query: str, graph: str | None = GRAPH) -> dict:
    """A query sent to /sparql as an HTML form would (POST), the graph as its default graph."""
    form = {"query": query, **({"default-graph-uri": graph} if graph else {})}
    request = urllib.request.Request(
        f"{url}/sparql",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def load(server: Virtuoso, *arguments: str, password: str | None = None, data: Path = SEED):
    """``aleppo-kg load`` in a fresh process, credentials in its environment."""
    env = {
        **os.environ,
        "ALEPPO_KG_ENDPOINT_USER": USER,
        "ALEPPO_KG_ENDPOINT_PASSWORD": password or server.password,
    }
    return subprocess.run(
        [*CLI, "load", "--data", str(data),
         "--endpoint", f"{server.url}/sparql-graph-crud-auth", *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )  # fmt: skip


def triples(server: Virtuoso) -> int:
    found = sparql(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(found["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def loaded(virtuoso: Virtuoso) -> Virtuoso:
    """The seed's graph in the named graph GRAPH, loaded through the Digest-protected endpoint."""
    done = load(virtuoso, "--graph", GRAPH)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"loaded {SEED} into graph <{GRAPH}>")
    return virtuoso


def test_the_seed_is_loaded_whole_and_replaced_on_a_second_load(loaded):
    expected = len(Graph().parse(SEED))
    assert triples(loaded) == expected
    assert load(loaded, "--graph", GRAPH).returncode == 0
    assert triples(loaded) == expected


def test_wrong_credentials_are_refused_in_one_line(loaded):
    done = load(loaded, "--graph", GRAPH, password="not-the-password")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "the store answered 401 Unauthorized" in done.stderr


def test_loading_without_a_graph_says_to_name_one(loaded):
    done = load(loaded)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "not configured to have default graph" in done.stderr
    assert "this store keeps no default graph; name one with --graph IRI" in done.stderr


def test_a_dataset_sent_without_a_graph_is_not_taken_for_loaded(loaded, tmp_path):
    """Virtuoso's Graph Store endpoint takes one graph: without ?graph= it shows its form."""
    trig = tmp_path / "aleppo.trig"
    assert cli.main(["build", "--format", "trig", "-o", str(trig)]) == 0
    done = load(loaded, data=trig)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "the store answered 200 with a web page" in done.stderr


@pytest.fixture(scope="module")
def embedded():
    return open_store(SEED)


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_competency_question_gives_the_embedded_stores_rows(loaded, embedded, path):
    text = path.read_text(encoding="utf-8")
    parametrised = "# Parameters:" in text
    expected = on_oxigraph(embedded, text, documented_bindings(text))
    query = with_values(text) if parametrised else text
    found = sparql(loaded.url, query)
    variables = found["head"]["vars"]
    rows = ([from_json(b.get(v)) for v in variables] for b in found["results"]["bindings"])
    assert len(expected) > 0
    assert answer(query, variables, rows) == expected


def _count_in(server: Virtuoso, graph: str) -> int:
    found = sparql(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph)
    return int(found["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("fmt", ["nt", "description"])
def test_the_n_triples_export_and_the_description_load_whole(loaded, tmp_path, fmt):
    """Each file a build writes for one graph loads into a named graph, every triple of it:
    the description's absolute IRIs too (a relative one would land under Virtuoso's own)."""
    graph_file = tmp_path / "graph.nt"
    assert cli.main(["build", "--format", "nt", "-o", str(graph_file)]) == 0
    data = graph_file if fmt == "nt" else tmp_path / "graph.void.ttl"
    target = f"{GRAPH}/{fmt}"
    done = load(loaded, "--graph", target, data=data)
    assert done.returncode == 0, done.stderr
    assert _count_in(loaded, target) == len(Graph().parse(data))
