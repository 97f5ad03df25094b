"""The Wikidata client and the HTTP client under it, against a stub server on 127.0.0.1.

The stub (tests/wikimedia_stub.py) answers in Wikidata's formats (wbsearchentities
JSON, SPARQL JSON results, wbgetentities) and, when scripted, with errors, slowness
or malformed JSON; never the internet.
"""

from __future__ import annotations

import json
import socket
import subprocess
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
import wikimedia_stub
from conftest import CLI
from wikimedia_stub import Failure

from aleppo_kg.curation import wikidata
from aleppo_kg.curation.web import Http, ServiceError
from aleppo_kg.lexicon import load_lexicon

KIND_WORDS = load_lexicon().wikidata_kinds


def _client(stub, tmp_path, **kwargs) -> wikidata.Client:
    options = {"interval": 0.0, "timeout": 0.3, "retries": 3, "sleep": lambda s: None}
    options.update(kwargs)
    http = Http(tmp_path / "cache", **options)
    return wikidata.Client(http, f"{stub.base}/wikidata/api.php", f"{stub.base}/sparql")


def test_candidates_are_ranked_by_label_type_and_country(stub, tmp_path):
    proposals = wikidata.propose(
        [("place/azaz", "Azaz")], _client(stub, tmp_path), "Syria", KIND_WORDS
    )
    # both labels equal the name (1.0); Q2001's type "city" fits a place (+0.5) and its
    # description names Syria (+0.3); Q2002 is a family name
    assert [(p.qid, p.score) for p in proposals] == [("Q2001", 1.8), ("Q2002", 1.0)]
    search = stub.requests_to("/wikidata/api.php")[0]
    assert search.query["action"] == "wbsearchentities" and search.query["maxlag"] == "5"
    assert search.agent.startswith("aleppo-kg/") and "https://w3id.org/aleppo-kg" in search.agent


def test_answers_are_cached_on_disk(stub, tmp_path):
    wikidata.propose([("place/azaz", "Azaz")], _client(stub, tmp_path), "Syria", KIND_WORDS)
    asked = len(stub.log)
    again = wikidata.propose([("place/azaz", "Azaz")], _client(stub, tmp_path), "Syria", KIND_WORDS)
    assert len(stub.log) == asked == 2
    assert again[0].qid == "Q2001"
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_items_by_sitelink_titles_with_their_classes(stub, tmp_path):
    client = _client(stub, tmp_path)
    found = client.items_by_titles(["Testville", "Orphan Page", "Jane Doe"])
    assert sorted(found) == ["Jane Doe", "Testville"]  # no item links "Orphan Page"
    testville, _ = found["Testville"]
    assert (testville.qid, testville.instance_of) == ("Q1001", ("Q3957",))
    asked = stub.requests_to("/wikidata/api.php")[0].query
    assert asked["titles"] == "Testville|Orphan Page|Jane Doe" and asked["sites"] == "enwiki"
    assert asked["props"] == "sitelinks|claims"


def test_a_class_is_found_through_subclass_steps(stub, tmp_path):
    client = _client(stub, tmp_path)
    # Q9001 is a subclass of Q9002, a subclass of Q176799 (military unit): two steps up
    assert client.reaches(["Q9001"], frozenset({"Q176799"}))
    assert not client.reaches(["Q9001"], frozenset({"Q176799"}), depth=1)
    assert not client.reaches(["Q4167410"], frozenset({"Q176799"}))


def test_transient_errors_are_retried_with_backoff(stub, tmp_path):
    stub.script = [Failure(503), Failure(503)]
    waits: list[float] = []
    client = _client(stub, tmp_path, interval=0.5, sleep=waits.append)
    assert client.search("Azaz").value[0]["id"] == "Q2001"
    assert len(stub.log) == 3
    assert [w for w in waits if w >= 0.5][:2] == [0.5, 1.0]  # backoff doubles


@pytest.mark.parametrize("after", ["7", "HTTP-date"])
def test_retry_after_is_honoured(stub, tmp_path, after):
    if after == "HTTP-date":  # the other form RFC 9110 allows: a date about 7 s ahead
        after = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=8), usegmt=True)
    stub.script = [Failure(429, {"Retry-After": after})]
    waits: list[float] = []
    assert _client(stub, tmp_path, sleep=waits.append).search("Azaz").value
    assert len(stub.log) == 2 and max(waits) >= 6.0


def test_a_maxlag_error_is_waited_out(stub, tmp_path):
    body = json.dumps(wikimedia_stub.MAXLAG).encode()
    stub.script = [Failure(200, {"Retry-After": "5"}, body)]  # HTTP 200, as Wikimedia answers
    waits: list[float] = []
    assert _client(stub, tmp_path, sleep=waits.append).search("Azaz").value
    assert len(stub.log) == 2 and 5.0 in waits


@pytest.mark.parametrize(
    "failure, message",
    [
        (Failure(500), "HTTP 500"),
        (Failure(404), "HTTP 404"),
        (Failure(200, delay=1.0), "no answer within 0.3 s"),
        (Failure(200, body=b"{not json"), "the answer is not JSON"),
    ],
)
def test_failures_give_a_clear_message_and_no_cache(stub, tmp_path, failure, message):
    stub.script = [failure] * 3
    with pytest.raises(ServiceError, match=message):
        _client(stub, tmp_path).search("Azaz")
    cache = tmp_path / "cache"
    assert not cache.exists() or not list(cache.iterdir())
    if failure.status == 404:
        assert len(stub.log) == 1  # a client error is not retried


def test_unreachable_server(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    http = Http(tmp_path / "cache", interval=0, retries=2, sleep=lambda s: None)
    client = wikidata.Client(http, f"http://127.0.0.1:{port}/api", f"http://127.0.0.1:{port}/q")
    with pytest.raises(ServiceError, match="unreachable"):
        client.search("Azaz")


def test_requests_keep_the_minimum_interval(stub, tmp_path):
    waits: list[float] = []
    client = _client(stub, tmp_path, interval=5.0, sleep=waits.append)
    client.search("Azaz")
    client.facts(["Q2001"])
    assert waits and 4.0 < waits[-1] <= 5.0


def _cli(stub, tmp_path, *extra):
    return subprocess.run(
        [
            *CLI,
            "link",
            "--online",
            "--interval",
            "0",
            "--timeout",
            "0.5",
            *stub.link_options(),
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
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert rows[0] == ["resource", "wikidata", "geonames", "lat", "long", "coordinates_source",
                       "evidence"]  # fmt: skip
    assert len(rows) > 1 and all(row[1].startswith("Q") and len(row) == 7 for row in rows[1:])
    assert "Nothing was applied" in done.stdout


def test_link_online_failure_is_one_line_and_writes_nothing(stub, tmp_path):
    stub.script = [Failure(500)] * 10
    done = _cli(stub, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "HTTP 500" in done.stderr
    assert not (tmp_path / "proposals.tsv").exists()
