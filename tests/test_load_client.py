"""`aleppo-kg load` as an HTTP client: the challenge it answers, what it sends, what it refuses.

The store here is a small Graph Store stand-in on loopback (http.server) that asks for
credentials the way the store is configured to: HTTP Digest with one or several algorithms,
Basic, or both. It checks a Digest answer as RFC 7616 computes it (hashlib, independently of
the client's code) and records every request. tests/test_virtuoso.py loads into a real
Virtuoso with Digest; tests/test_store.py covers a real Oxigraph and its failures.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_store import _sparql, oxigraph  # noqa: F401  (oxigraph: the real server fixture)

from aleppo_kg import cli
from aleppo_kg.publish.store import reason_text

USER, PASSWORD = "analyst", "s3cret ünïcode"
GRAPH = "https://w3id.org/aleppo-kg/resource/graph/test"
HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


class _Store(BaseHTTPRequestHandler):
    """Answers 401 with the server's challenges until a request carries valid credentials."""

    def do_HEAD(self):
        """As Virtuoso: the challenge without a body read, when the store speaks HEAD at all."""
        if not self.server.head:
            self._answer(501, "")
            return
        self.server.seen.append({"method": "HEAD", "headers": dict(self.headers), "body": b""})
        if self.server.challenges and not self._valid(self.headers.get("Authorization", "")):
            self._answer(401, "", [("WWW-Authenticate", c) for c in self.server.challenges])
        else:
            self._answer(200, "")

    def do_PUT(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        seen = {"method": "PUT", "path": self.path, "headers": dict(self.headers), "body": body}
        self.server.seen.append(seen)
        if self.server.error_page:
            self._answer(self.server.error_status, self.server.error_page)
        elif not self.server.challenges or self._valid(self.headers.get("Authorization", "")):
            self._answer(201, "")
        else:
            self._answer(401, "", [("WWW-Authenticate", c) for c in self.server.challenges])

    def _answer(self, status: int, text: str, headers: list[tuple[str, str]] = ()) -> None:
        data = text.encode()
        self.send_response(status)
        for name, value in [*headers, ("Content-Type", "text/html"), ("Content-Length", "")]:
            self.send_header(name, value or str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _valid(self, authorization: str) -> bool:
        scheme, _, rest = authorization.partition(" ")
        if scheme == "Basic":
            return base64.b64decode(rest).decode() == f"{USER}:{PASSWORD}"
        pairs = re.findall(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))', rest)
        fields = {k: a or b for k, a, b in pairs}
        offered = self.server.digest.get(fields.get("algorithm", ""))
        if scheme != "Digest" or offered is None:
            return False
        algorithm = fields["algorithm"].removesuffix("-sess")

        def h(*parts: str) -> str:
            return HASHES[algorithm](":".join(parts).encode()).hexdigest()

        key = h(fields["username"], "store", PASSWORD)
        if fields["algorithm"].endswith("-sess"):
            key = h(key, offered["nonce"], fields["cnonce"])
        expected = h(
            key, offered["nonce"], fields["nc"], fields["cnonce"], "auth", h("PUT", self.path)
        )
        return (fields["username"], fields["uri"], fields["qop"], fields["nc"]) == (
            USER,
            self.path,
            "auth",
            "00000001",
        ) and (fields["response"], fields.get("opaque")) == (expected, offered["opaque"])

    def log_message(self, *args):
        pass


@pytest.fixture()
def store():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Store)
    server.seen, server.challenges, server.digest = [], [], {}
    server.error_page, server.error_status, server.head = "", 500, False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/store"
    yield server
    server.shutdown()
    server.server_close()


def ask_digest(server, *algorithms: str) -> None:
    """One Digest challenge per algorithm, each with its own nonce and opaque."""
    for algorithm in algorithms:
        nonce, opaque = secrets.token_hex(8), secrets.token_hex(8)
        server.digest[algorithm] = {"nonce": nonce, "opaque": opaque}
        server.challenges.append(
            f'Digest realm="store", qop="auth, auth-int", algorithm={algorithm}, '
            f'nonce="{nonce}", opaque="{opaque}"'
        )


@pytest.fixture()
def credentials(monkeypatch):
    monkeypatch.setenv("ALEPPO_KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("ALEPPO_KG_ENDPOINT_PASSWORD", PASSWORD)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The seed's graph in every format ``load`` takes, by suffix."""
    folder = tmp_path_factory.mktemp("formats")
    files = {}
    for fmt, suffix in [("turtle", "ttl"), ("nt", "nt"), ("jsonld", "jsonld"), ("nquads", "nq"),
                        ("trig", "trig")]:  # fmt: skip
        files[suffix] = folder / f"aleppo.{suffix}"
        assert cli.main(["build", "--format", fmt, "-o", str(files[suffix])]) == 0
    return files


def load(data: Path, endpoint: str, *extra: str) -> int:
    return cli.main(["load", "--data", str(data), "--endpoint", endpoint, *extra])


def test_with_credentials_a_head_learns_the_challenge_and_the_file_is_sent_once(
    store, built, credentials
):
    """A store may answer 401 before reading a large body and close the connection under it
    (Virtuoso does): with credentials set, the challenge is asked for without the file."""
    store.head = True
    ask_digest(store, "SHA-256")
    assert load(built["nt"], store.url, "--graph", GRAPH) == 0
    head, put = store.seen
    assert (head["method"], "Authorization" in head["headers"]) == ("HEAD", False)
    assert put["method"] == "PUT" and put["headers"]["Authorization"].startswith("Digest ")
    assert put["body"] == built["nt"].read_bytes()


@pytest.mark.parametrize("algorithm", ["MD5", "MD5-sess", "SHA-256", "SHA-256-sess"])
def test_digest_is_answered_after_a_first_request_without_credentials(
    store, built, credentials, algorithm
):
    ask_digest(store, algorithm)
    assert load(built["ttl"], store.url, "--graph", GRAPH) == 0
    first, second = store.seen
    assert "Authorization" not in first["headers"]
    assert second["headers"]["Authorization"].startswith("Digest ")
    assert f"algorithm={algorithm}" in second["headers"]["Authorization"]
    assert first["body"] == second["body"] == built["ttl"].read_bytes()


def test_the_strongest_digest_is_chosen_and_preferred_to_basic(store, built, credentials):
    store.challenges.append('Basic realm="store"')
    ask_digest(store, "MD5", "SHA-256")
    assert load(built["ttl"], store.url, "--graph", GRAPH) == 0
    assert "algorithm=SHA-256," in store.seen[-1]["headers"]["Authorization"]


def test_basic_is_answered_when_it_is_all_the_store_offers(store, built, credentials):
    store.challenges.append('Basic realm="store", charset="UTF-8"')
    assert load(built["ttl"], store.url) == 0
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    assert store.seen[-1]["headers"]["Authorization"] == f"Basic {token}"
    assert store.seen[-1]["headers"]["Content-Type"].startswith("text/turtle")


def test_no_credentials_are_sent_to_a_store_that_does_not_ask(store, built, credentials):
    assert load(built["ttl"], store.url) == 0
    assert [s["path"] for s in store.seen] == ["/store?default"]
    assert "Authorization" not in store.seen[0]["headers"]


def test_wrong_credentials_give_one_clear_line(store, built, monkeypatch, capsys):
    monkeypatch.setenv("ALEPPO_KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("ALEPPO_KG_ENDPOINT_PASSWORD", "wrong")
    ask_digest(store, "SHA-256")
    assert load(built["ttl"], store.url, "--graph", GRAPH) == 2
    error = capsys.readouterr().err
    assert len(error.splitlines()) == 1 and "the store answered 401 Unauthorized" in error
    assert "credentials of $ALEPPO_KG_ENDPOINT_USER and $ALEPPO_KG_ENDPOINT_PASSWORD" in error


def test_missing_credentials_are_named(store, built, monkeypatch, capsys):
    monkeypatch.delenv("ALEPPO_KG_ENDPOINT_USER", raising=False)
    ask_digest(store, "MD5")
    assert load(built["ttl"], store.url) == 2
    assert "asks for credentials (HTTP Digest): set $ALEPPO_KG_ENDPOINT_USER" in (
        capsys.readouterr().err
    )
    assert len(store.seen) == 1


def test_a_scheme_it_does_not_speak_is_named(store, built, credentials, capsys):
    store.challenges += [
        "Negotiate",
        'Digest realm="store", qop="auth", nonce="n", algorithm=SHA-512-256',
    ]
    assert load(built["ttl"], store.url) == 2
    error = capsys.readouterr().err
    assert "does not speak (negotiate, digest SHA-512-256;" in error and len(store.seen) == 1


@pytest.mark.parametrize(
    "suffix, media_type",
    [("ttl", "text/turtle"), ("nt", "application/n-triples"), ("jsonld", "application/ld+json")],
)
def test_one_graph_goes_to_its_graph_with_the_media_type_of_its_suffix(
    store, built, suffix, media_type
):
    assert load(built[suffix], store.url, "--graph", GRAPH) == 0
    [sent] = store.seen
    assert sent["headers"]["Content-Type"] == f"{media_type}; charset=utf-8"
    assert sent["path"] == "/store?graph=" + GRAPH.replace(":", "%3A").replace("/", "%2F")


@pytest.mark.parametrize(
    "suffix, media_type, name",
    [("nq", "application/n-quads", "N-Quads"), ("trig", "application/trig", "TriG")],
)
def test_named_graphs_replace_the_dataset_and_are_refused_into_one_graph(
    store, built, capsys, suffix, media_type, name
):
    assert load(built[suffix], store.url, "--graph", GRAPH) == 2
    error = capsys.readouterr().err
    assert f"{name} names its own graphs, and --graph loads a single graph" in error
    assert store.seen == [] and len(error.splitlines()) == 1
    assert load(built[suffix], store.url) == 0
    [sent] = store.seen
    assert sent["path"] == "/store"
    assert sent["headers"]["Content-Type"] == f"{media_type}; charset=utf-8"
    assert "into the store's dataset" in capsys.readouterr().out


def test_an_unknown_suffix_is_refused(tmp_path, capsys):
    data = tmp_path / "graph.rdf"
    data.write_text("<rdf:RDF/>")
    assert load(data, "http://127.0.0.1:9/store") == 2
    assert "graph.rdf: no graph format has the suffix '.rdf'" in capsys.readouterr().err


def test_input_format_names_the_format_of_a_file_without_its_suffix(store, built, tmp_path):
    data = tmp_path / "graph.txt"
    data.write_bytes(built["nt"].read_bytes())
    assert load(data, store.url, "--graph", GRAPH, "--input-format", "nt") == 0
    assert store.seen[0]["headers"]["Content-Type"] == "application/n-triples; charset=utf-8"


def test_an_error_page_is_reported_as_its_text(store, built, capsys):
    store.error_page = (
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>Failed'
        "</title><style>h1 { color: red }</style></head>\n<body><h1>Error 22023</h1>\n"
        "<p>The graph   &lt;x&gt; is\n rejected</p></body></html>"
    )
    assert load(built["ttl"], store.url, "--graph", GRAPH) == 2
    error = capsys.readouterr().err
    assert error.rstrip().endswith(
        "the store answered 500 Internal Server Error: Error 22023 The graph <x> is rejected"
    )


def test_a_web_page_for_an_answer_is_no_success(store, built, capsys):
    """Virtuoso answers a PUT without ?graph= with 200 and its upload form, and loads nothing."""
    store.error_status = 200
    store.error_page = "<html><body><h1>Graph Store upload form</h1><form></form></body></html>"
    assert load(built["trig"], store.url) == 2
    error = capsys.readouterr().err
    assert "the store answered 200 with a web page ('Graph Store upload form')" in error
    assert "the file was probably not loaded" in error and len(error.splitlines()) == 1


def test_reason_text_keeps_200_characters_of_text():
    assert reason_text("<p>" + "word " * 100 + "</p>") == ("word " * 40).strip()
    assert reason_text("plain  text\n") == "plain text"


def test_a_dataset_replaces_oxigraphs_whole_store(oxigraph, built):  # noqa: F811
    """A TriG build (each article in its own named graph) PUT to a real Oxigraph's /store."""
    _, base = oxigraph
    assert load(built["ttl"], f"{base}/store", "--graph", "https://example.org/old") == 0
    assert load(built["trig"], f"{base}/store") == 0
    graphs = _sparql(f"{base}/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    names = {b["g"]["value"] for b in graphs["results"]["bindings"]}
    assert names == {"https://w3id.org/aleppo-kg/resource/graph/2012-aleppo-governorate-clashes"}
    request = urllib.request.Request(f"{base}/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert len(response.read().splitlines()) > 4000
