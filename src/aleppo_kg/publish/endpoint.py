"""``aleppo-kg serve``: a local, read-only SPARQL 1.1 Protocol endpoint over the graph.

Queries run in worker processes that each hold the graph in an Oxigraph store;
a query past the time limit is stopped by killing its worker (a thread could not
be stopped), and a fresh worker takes its place. A result longer
than the row limit is cut there, with a ``Warning`` header. Updates (LOAD among
them) are refused, and so is ``SERVICE``: Oxigraph would call any host a query
names, and an endpoint others can query must not fetch on their behalf.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import queue
import re
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from aleppo_kg.interrupts import ignore_interrupts
from aleppo_kg.publish.settings import DEFAULT_MAX_ROWS
from aleppo_kg.publish.sparql import QUERY_PREFIXES, GraphFile, Results, json_results
from aleppo_kg.vocab import SPARQL_PATH

# Result media types by the short names of the ``format`` parameter.
RESULT_TYPES = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
GRAPH_TYPES = {"turtle": ("text/turtle", ox.RdfFormat.TURTLE),
               "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES)}  # fmt: skip

MAX_REQUEST_BYTES = 1 << 20  # a query longer than a mebibyte is not a query a person wrote

# What a query's text holds that is not syntax: strings, IRIs and comments (so that a
# "SERVICE" in a label or an IRI is not mistaken for the keyword).
_NOT_SYNTAX = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'
)
_SERVICE = re.compile(r"(?<![\w:?$.-])SERVICE\b", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_STORE: ox.Store | None = None
_MAX_ROWS = DEFAULT_MAX_ROWS


@dataclass(frozen=True)
class Answer:
    """An HTTP answer from a worker; ``warning`` becomes a Warning header."""

    status: int
    media: str
    body: bytes
    warning: str | None = None


def uses_service(query: str) -> bool:
    """Whether the query has a SERVICE clause (after \\u escapes, outside strings and IRIs)."""
    unescaped = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    return _SERVICE.search(_NOT_SYNTAX.sub(" ", unescaped)) is not None


def _init_worker(data: GraphFile, max_rows: int) -> None:
    global _STORE, _MAX_ROWS
    _STORE = data.open()
    _MAX_ROWS = max_rows


def _answer(query: str, result_format: str) -> Answer:
    """Run one query in a worker, reading no more than the row limit (plus one, to tell)."""
    try:
        results = _STORE.query(query, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True)
        if isinstance(results, ox.QueryBoolean):
            media, fmt = RESULT_TYPES.get(result_format, RESULT_TYPES["json"])
            return Answer(200, media, results.serialize(format=fmt))
        rows = list(itertools.islice(results, _MAX_ROWS + 1))
    except SyntaxError as err:
        return Answer(400, "text/plain", f"malformed query: {err}".encode())
    except (ValueError, RuntimeError, OSError) as err:
        return Answer(400, "text/plain", f"query failed: {err}".encode())
    warning = None
    if len(rows) > _MAX_ROWS:
        rows = rows[:_MAX_ROWS]
        warning = f"result cut at {_MAX_ROWS} rows (serve --max-rows); add LIMIT and OFFSET"
    if isinstance(results, ox.QueryTriples):
        media, fmt = GRAPH_TYPES["nt" if result_format == "nt" else "turtle"]
        return Answer(200, media, ox.serialize(rows, format=fmt), warning)
    media, fmt = RESULT_TYPES.get(result_format, RESULT_TYPES["json"])
    return Answer(200, media, _solutions(results.variables, rows, fmt), warning)


def _solutions(variables: list[ox.Variable], rows: list, fmt: ox.QueryResultsFormat) -> bytes:
    """SPARQL results of some of a query's rows, by Oxigraph's own writer for every format."""
    table = Results([v.value for v in variables], [[row[v] for v in variables] for row in rows])
    data = json.dumps(json_results(table), ensure_ascii=False).encode()
    if fmt == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)


READY = "ready"
WORKERS = 2  # one query at a time per worker process; the machines this runs on have 2 cores


def _work(connection, data: GraphFile, max_rows: int) -> None:
    """A worker process: load the graph once, say so, then answer queries until the pipe closes."""
    ignore_interrupts()  # Ctrl-C is the server's to handle: it stops the workers
    _init_worker(data, max_rows)
    connection.send(READY)
    while True:
        try:
            query, result_format = connection.recv()
        except EOFError:
            return
        connection.send(_answer(query, result_format))


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, data: GraphFile, max_rows: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, data, max_rows), daemon=True)
        self.process.start()
        child.close()
        # Only a worker holding the graph takes queries: loading it must not count against the
        # time limit of the first query sent to it.
        if self.connection.recv() != READY:
            raise RuntimeError("a worker did not start")

    def ask(self, query: str, result_format: str, timeout: float) -> Answer | None:
        """The answer, or None when the query is still running after ``timeout`` seconds."""
        self.connection.send((query, result_format))
        return self.connection.recv() if self.connection.poll(timeout) else None

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class Endpoint:
    """The graph, the worker processes and the limits.

    A query past the time limit is stopped by killing its own worker, which a fresh
    one replaces; the queries other workers are answering meanwhile go on.
    """

    def __init__(self, data: GraphFile, timeout: float, max_rows: int = DEFAULT_MAX_ROWS) -> None:
        data.open()  # fail early, in this process, on a missing or bad file
        self.data = data
        self.timeout = timeout
        self.max_rows = max_rows
        self.idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(WORKERS):
            self.idle.put(_Worker(data, max_rows))

    def answer(self, query: str, result_format: str) -> Answer:
        worker = self.idle.get()
        try:
            found = worker.ask(query, result_format, self.timeout)
            healthy = found is not None
        except (EOFError, OSError):  # the worker died under the query
            found, healthy = Answer(500, "text/plain", b"the query stopped its worker"), False
        self.idle.put(worker if healthy else self._replace(worker))
        if found is None:
            message = f"query stopped at the time limit of {self.timeout:g} s"
            return Answer(503, "text/plain", message.encode())
        return found

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        return _Worker(self.data, self.max_rows)

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get().stop()


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
            length = self.headers.get("Content-Length") or "0"
            if not length.isdigit():
                return self._send(Answer(400, "text/plain", b"bad Content-Length"))
            if int(length) > MAX_REQUEST_BYTES:
                self.close_connection = True
                return self._send(Answer(413, "text/plain", b"request larger than 1 MiB"))
            body = self.rfile.read(int(length)).decode("utf-8", "replace")
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
            self._send(_route(endpoint, path, params, self.headers.get("Accept") or ""))

        def _send(self, answer: Answer) -> None:
            self.send_response(answer.status)
            self.send_header("Content-Type", f"{answer.media}; charset=utf-8")
            self.send_header("Content-Length", str(len(answer.body)))
            if answer.warning:
                self.send_header("Warning", f'199 aleppo-kg "{answer.warning}"')
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, format: str, *args) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    """The HTTP server, with a listen backlog for many clients at once.

    socketserver's default backlog of 5 drops the connections of a burst of clients,
    which then wait one to three seconds for TCP to try again.
    """

    request_queue_size = 128
    daemon_threads = True


def _route(endpoint: Endpoint, path: str, params: dict[str, list[str]], accept: str) -> Answer:
    """What a request gets: refusals first, then the query's answer."""
    if path not in (SPARQL_PATH, "/"):
        return Answer(404, "text/plain", f"not found: the endpoint is {SPARQL_PATH}".encode())
    if "update" in params:
        return Answer(403, "text/plain", b"updates (LOAD, INSERT, DROP...) are refused: read-only")
    if not params.get("query"):
        return Answer(400, "text/plain", b"missing 'query' parameter")
    query = params["query"][0]
    if uses_service(query):
        return Answer(403, "text/plain", b"SERVICE is refused: this endpoint calls no other host")
    return endpoint.answer(query, _format(params, accept))


def serve(
    data: Path,
    host: str,
    port: int,
    timeout: float,
    ready=None,
    max_rows: int = DEFAULT_MAX_ROWS,
    fmt: str | None = None,
) -> None:
    """Serve the graph file ``data`` (in ``fmt``, else by its suffix) until interrupted;
    ``ready`` (if given) is called with the bound port."""
    endpoint = Endpoint(GraphFile(data, fmt), timeout, max_rows)
    server = _Server((host, port), handler_for(endpoint))
    if ready:
        ready(server.server_address[1])
    try:
        server.serve_forever()  # until Ctrl-C, which the command line reports
    finally:
        server.server_close()
        endpoint.close()
