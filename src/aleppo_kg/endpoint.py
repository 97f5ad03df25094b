"""``aleppo-kg serve``: a local, read-only SPARQL 1.1 Protocol endpoint over the graph.

Queries run in a pool of worker processes that each hold the graph in an
Oxigraph store; a query past the time limit is stopped by terminating the pool
(a thread could not be stopped), and a fresh pool takes over. Updates are
refused: the endpoint only answers queries.
"""

from __future__ import annotations

import multiprocessing
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from .query import QUERY_PREFIXES, open_store

# Result media types by the short names of the ``format`` parameter.
RESULT_TYPES = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
GRAPH_TYPES = {"turtle": ("text/turtle", ox.RdfFormat.TURTLE),
               "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES)}  # fmt: skip

# Where ``aleppo-kg serve`` listens unless told otherwise: loopback only, so nothing is exposed
# by default. The dataset description names the endpoint at these defaults.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7879
PATH = "/sparql"

_STORE: ox.Store | None = None


def sparql_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The endpoint's URL: what ``serve`` prints, and the description's void:sparqlEndpoint."""
    return f"http://{host}:{port}{PATH}"


def _init_worker(path: str) -> None:
    global _STORE
    _STORE = open_store(Path(path))


def _answer(query: str, result_format: str) -> tuple[int, str, bytes]:
    """Run one query in a worker: (status, media type, body)."""
    try:
        results = _STORE.query(query, prefixes=QUERY_PREFIXES)
    except SyntaxError as err:
        return 400, "text/plain", f"malformed query: {err}".encode()
    except (ValueError, RuntimeError, OSError) as err:
        return 400, "text/plain", f"query failed: {err}".encode()
    if isinstance(results, ox.QueryTriples):
        media, fmt = GRAPH_TYPES["nt" if result_format == "nt" else "turtle"]
        return 200, media, results.serialize(format=fmt)
    media, fmt = RESULT_TYPES.get(result_format, RESULT_TYPES["json"])
    return 200, media, results.serialize(format=fmt)


class Endpoint:
    """The graph, the worker pool and the limits."""

    def __init__(self, data: Path, timeout: float) -> None:
        open_store(data)  # fail early, in this process, on a missing or bad file
        self.data = data
        self.timeout = timeout
        self.lock = threading.Lock()
        self.pool = self._pool()

    def _pool(self):
        context = multiprocessing.get_context("spawn")
        return context.Pool(2, initializer=_init_worker, initargs=(str(self.data),))

    def answer(self, query: str, result_format: str) -> tuple[int, str, bytes]:
        with self.lock:
            pool = self.pool
        job = pool.apply_async(_answer, (query, result_format))
        try:
            return job.get(timeout=self.timeout)
        except multiprocessing.TimeoutError:
            with self.lock:
                if self.pool is pool:
                    pool.terminate()
                    self.pool = self._pool()
            return (
                503,
                "text/plain",
                f"query stopped at the time limit of {self.timeout:g} s".encode(),
            )

    def close(self) -> None:
        self.pool.terminate()


def _format(params: dict[str, list[str]], accept: str) -> str:
    """The result format asked for by ``format=`` or by the Accept header (JSON by default)."""
    if params.get("format"):
        return params["format"][0]
    for name, (media, _) in {**RESULT_TYPES, **GRAPH_TYPES}.items():
        if media in accept:
            return name
    return "json"


def handler_for(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to one endpoint."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "aleppo-kg"

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            self._dispatch(url.path, urllib.parse.parse_qs(url.query))

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            params = urllib.parse.parse_qs(url.query)
            if kind == "application/sparql-update":
                params["update"] = [body]
            elif kind == "application/sparql-query":
                params["query"] = [body]
            else:
                params.update(urllib.parse.parse_qs(body))
            self._dispatch(url.path, params)

        def _dispatch(self, path: str, params: dict[str, list[str]]) -> None:
            if path not in (PATH, "/"):
                return self._send(404, "text/plain", f"not found: the endpoint is {PATH}".encode())
            if "update" in params:
                return self._send(403, "text/plain", b"updates are refused: read-only endpoint")
            if not params.get("query"):
                return self._send(400, "text/plain", b"missing 'query' parameter")
            result_format = _format(params, self.headers.get("Accept") or "")
            self._send(*endpoint.answer(params["query"][0], result_format))

        def _send(self, status: int, media: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{media}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:
            pass

    return Handler


def serve(data: Path, host: str, port: int, timeout: float, ready=None) -> None:
    """Serve until interrupted; ``ready`` (if given) is called with the bound port."""
    endpoint = Endpoint(data, timeout)
    server = ThreadingHTTPServer((host, port), handler_for(endpoint))
    if ready:
        ready(server.server_address[1])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        endpoint.close()
