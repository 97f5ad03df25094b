"""A stub of Wikipedia's and Wikidata's APIs on 127.0.0.1: a real HTTP server, never the internet.

It answers in the real APIs' JSON shapes (MediaWiki's ``action=query`` with
``prop=revisions`` in formatversion 2, or 1 when told to, with ``normalized`` and
``redirects``; Wikibase's ``wbgetentities`` by sitelink title or by id, missing titles
as negative keys; ``wbsearchentities``; SPARQL JSON results) from the small world
below, and, on demand, with scripted failures first (an error status with its
``Retry-After``, a ``maxlag`` error, a body that is not JSON). Every request is logged
with the time it arrived and its User-Agent.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# English Wikipedia: title -> (page id, revision id, revision timestamp, wikitext)
PAGES = {
    "Battle of Testville": (
        101,
        555001,
        "2024-05-01T12:00:00Z",
        "{{Infobox military conflict\n| conflict = Battle of Testville\n}}\n"
        "The '''Battle of Testville''' was fought in [[Testville]] by the [[Test Brigade]].\n",
    ),
    "Testville": (102, 555002, "2023-01-02T03:04:05Z", "'''Testville''' is a town.\n"),
    "Test Brigade": (103, 555003, "2022-02-03T04:05:06Z", "A brigade.\n"),
    "Jane Doe": (104, 555004, "2021-03-04T05:06:07Z", "A commander.\n"),
    "Nowhere": (105, 555005, "2020-04-05T06:07:08Z", "'''Nowhere''' may refer to:\n"),
    "Orphan Page": (106, 555006, "2020-05-06T07:08:09Z", "A page no item links.\n"),
}
REDIRECTS = {"Testville battle": "Battle of Testville", "TB": "Test Brigade"}

# Wikidata: id -> (enwiki title or None, instance of (P31), subclass of (P279))
ENTITIES = {
    "Q1001": ("Testville", ["Q3957"], []),  # a town
    "Q1002": ("Test Brigade", ["Q9001"], []),  # a kind of unit, below
    "Q9001": (None, [], ["Q9002"]),  # "brigade": subclass of ...
    "Q9002": (None, [], ["Q176799"]),  # ... "formation", subclass of military unit
    "Q1003": ("Jane Doe", ["Q5"], []),  # a human
    "Q1004": ("Nowhere", ["Q4167410"], []),  # a disambiguation page
    "Q1005": ("Battle of Testville", ["Q178561"], []),  # a battle
}
SEARCH = {
    "search": [
        {"id": "Q2001", "label": "Azaz", "description": "city in Aleppo Governorate, Syria"},
        {"id": "Q2002", "label": "Azaz", "description": "family name"},
    ]
}
SPARQL = {
    "head": {"vars": ["item", "factLabel"]},
    "results": {"bindings": [
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q2001"},
         "factLabel": {"type": "literal", "value": "city"}},
    ]},
}  # fmt: skip
MAXLAG = {
    "error": {
        "code": "maxlag",
        "info": "Waiting for 10.64.16.7: 6 seconds lagged.",
        "host": "10.64.16.7",
        "lag": 6,
        "type": "db",
        "*": "See https://www.mediawiki.org/w/api.php for API usage.",
    },
    "servedby": "mw1234",
}


@dataclass
class Request:
    """One request as the stub saw it."""

    arrived: float  # time.monotonic() when it arrived
    path: str
    query: dict[str, str]
    agent: str


@dataclass
class Failure:
    """An answer to give instead of the real one: status, headers and body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before answering: longer than the client's timeout is silence


class Stub(ThreadingHTTPServer):
    """The server; ``script`` holds the failures to give, in order, before answering."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.log: list[Request] = []
        self.script: list[Failure] = []
        self.formatversion = 2  # 1: answer as a MediaWiki that ignores formatversion=2
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def link_options(self) -> list[str]:
        """`aleppo-kg link --online`'s options that send its three APIs' requests here."""
        return [
            "--api-url", f"{self.base}/wikidata/api.php",
            "--sparql-url", f"{self.base}/sparql",
            "--wikipedia-api-url", f"{self.base}/w/api.php",
        ]  # fmt: skip

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up on a slow answer closed the connection: expected

    def requests_to(self, path: str) -> list[Request]:
        return [request for request in self.log if request.path == path]


class _Handler(BaseHTTPRequestHandler):
    server: Stub

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        with self.server.lock:
            agent = self.headers.get("User-Agent", "")
            self.server.log.append(Request(time.monotonic(), parts.path, query, agent))
            failure = self.server.script.pop(0) if self.server.script else None
        if failure is not None:
            time.sleep(failure.delay)
            self._send(failure.status, failure.body, failure.headers)
            return
        answer = {
            "/w/api.php": lambda: _wikipedia(query, self.server.formatversion),
            "/wikidata/api.php": lambda: _wikidata(query),
            "/sparql": lambda: SPARQL,
        }.get(parts.path)
        if answer is None:
            self._send(404, b"not found", {})
            return
        self._send(200, json.dumps(answer()).encode("utf-8"), {})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


def _wikipedia(query: dict[str, str], version: int) -> dict:
    """``action=query``: titles normalised, redirects followed, each page or its absence."""
    if query.get("action") != "query":
        return {"error": {"code": "badvalue", "info": "Unrecognized value for parameter action"}}
    normalized, redirects, pages = [], [], []
    for asked in query.get("titles", "").split("|"):
        title = asked.replace("_", " ")
        title = title[:1].upper() + title[1:]
        if title != asked:
            normalized.append({"fromencoded": False, "from": asked, "to": title})
        if title in REDIRECTS and query.get("redirects"):
            redirects.append({"from": title, "to": REDIRECTS[title]})
            title = REDIRECTS[title]
        pages.append(_page(title, "revisions" in query.get("prop", ""), version))
    found: dict = {"pages": pages}
    if normalized:
        found["normalized"] = normalized
    if redirects:
        found["redirects"] = redirects
    if version == 1:
        missing = iter(range(-1, -100, -1))
        found["pages"] = {str(p.get("pageid") or next(missing)): p for p in pages}
        return {"batchcomplete": "", "query": found}
    return {"batchcomplete": True, "query": found}


def _page(title: str, revisions: bool, version: int) -> dict:
    if title not in PAGES:
        return {"ns": 0, "title": title, "missing": True if version == 2 else ""}
    pageid, revid, timestamp, text = PAGES[title]
    page: dict = {"pageid": pageid, "ns": 0, "title": title}
    if revisions:
        content = {"content": text} if version == 2 else {"*": text}
        slot = {"contentmodel": "wikitext", "contentformat": "text/x-wiki", **content}
        revision = {"revid": revid, "parentid": revid - 1, "timestamp": timestamp}
        page["revisions"] = [{**revision, "slots": {"main": slot}}]
    return page


def _wikidata(query: dict[str, str]) -> dict:
    """``wbgetentities`` by sitelink titles or by ids, and ``wbsearchentities``."""
    if query.get("action") == "wbsearchentities":
        return SEARCH
    if query.get("action") != "wbgetentities":
        return {"error": {"code": "badvalue", "info": "Unrecognized value for parameter action"}}
    entities: dict = {}
    if "ids" in query:
        for qid in query["ids"].split("|"):
            entities[qid] = _entity(qid) if qid in ENTITIES else {"id": qid, "missing": ""}
        return {"entities": entities, "success": 1}
    by_title = {title: qid for qid, (title, _, _) in ENTITIES.items() if title}
    for number, title in enumerate(query.get("titles", "").split("|"), start=1):
        if title in by_title:
            entities[by_title[title]] = _entity(by_title[title])
        else:
            entities[str(-number)] = {"site": query.get("sites"), "title": title, "missing": ""}
    return {"entities": entities, "success": 1}


def _entity(qid: str) -> dict:
    title, instance_of, subclass_of = ENTITIES[qid]
    claims = {}
    for prop, values in (("P31", instance_of), ("P279", subclass_of)):
        if values:
            claims[prop] = [_statement(qid, prop, value) for value in values]
    entity: dict = {"type": "item", "id": qid, "claims": claims, "sitelinks": {}}
    if title:
        entity["sitelinks"]["enwiki"] = {"site": "enwiki", "title": title, "badges": []}
    return entity


def _statement(qid: str, prop: str, value: str) -> dict:
    return {
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datavalue": {
                "value": {"entity-type": "item", "numeric-id": int(value[1:]), "id": value},
                "type": "wikibase-entityid",
            },
            "datatype": "wikibase-item",
        },
        "type": "statement",
        "id": f"{qid}$0000",
        "rank": "normal",
    }


def start() -> Stub:
    """A running stub (stop it with ``shutdown()`` and ``server_close()``)."""
    stub = Stub()
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    return stub
