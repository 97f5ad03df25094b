"""``aleppo-kg fetch`` against a stub of Wikipedia's API on 127.0.0.1 (tests/wikimedia_stub.py).

The stub answers ``action=query&prop=revisions`` as MediaWiki does (formatversion 2,
or 1 as an older MediaWiki would), follows its redirects and normalises titles, and
fails on demand. Expected files are written out by hand from the stub's pages.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from datetime import datetime, timezone

import pytest
from conftest import CLI
from wikimedia_stub import MAXLAG, Failure

from aleppo_kg.curation import mediawiki
from aleppo_kg.errors import InputError

TESTVILLE_WIKITEXT = (
    "{{Infobox military conflict\n| conflict = Battle of Testville\n}}\n"
    "The '''Battle of Testville''' was fought in [[Testville]] by the [[Test Brigade]].\n"
)


def _fetch(stub, tmp_path, *args: str, interval: str = "0"):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    command = [*CLI, "fetch", "--api", f"{stub.base}/w/api.php"]
    return subprocess.run(
        [*command, "--interval", interval, "-o", str(tmp_path / "out"), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def _today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def _expected_source(retrieved: str) -> dict:
    permalink = "https://en.wikipedia.org/w/index.php?title=Battle_of_Testville&oldid=555001"
    return {
        "title": "Battle of Testville",
        "source": "https://en.wikipedia.org/wiki/Battle_of_Testville",
        "permalink": permalink,
        "revision": 555001,
        "revision_timestamp": "2024-05-01T12:00:00Z",
        "retrieved": retrieved,
        "license": "https://creativecommons.org/licenses/by-sa/4.0/",
        "attribution": "Text of the Wikipedia article “Battle of Testville” by Wikipedia "
        f"contributors, revision 555001 of 2024-05-01T12:00:00Z ({permalink}), licensed "
        "CC BY-SA 4.0; the wikitext is as Wikipedia served it. The graph derived from it is "
        "shared under the same licence.",
    }


@pytest.mark.parametrize("version", [2, 1])
def test_fetch_writes_the_wikitext_and_its_source_exactly(stub, tmp_path, version):
    stub.formatversion = version
    before = _today()
    done = _fetch(stub, tmp_path, "Battle of Testville")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "battle-of-testville.source.json",
        "battle-of-testville.wiki",
    ]
    assert (out / "battle-of-testville.wiki").read_bytes() == TESTVILLE_WIKITEXT.encode("utf-8")
    source = json.loads((out / "battle-of-testville.source.json").read_text(encoding="utf-8"))
    assert list(source) == list(_expected_source(before))  # exactly these keys, in this order
    assert source in (_expected_source(before), _expected_source(_today()))
    asked = stub.log[0].query
    assert asked["action"] == "query" and asked["prop"] == "revisions"
    assert asked["rvprop"] == "ids|timestamp|content" and asked["rvslots"] == "main"
    assert (asked["redirects"], asked["maxlag"], asked["format"]) == ("1", "5", "json")
    assert stub.log[0].agent.startswith("aleppo-kg/0.1.0 (https://w3id.org/aleppo-kg;")


def test_a_redirect_and_a_lower_case_title_are_written_under_the_page_they_lead_to(stub, tmp_path):
    done = _fetch(stub, tmp_path, "testville battle")  # normalised to "Testville battle",
    assert done.returncode == 0, done.stderr  # which redirects to "Battle of Testville"
    wiki = tmp_path / "out" / "battle-of-testville.wiki"
    assert wiki.read_text(encoding="utf-8") == TESTVILLE_WIKITEXT
    assert "'testville battle' leads there" in done.stdout


def test_a_url_names_its_page_and_several_pages_are_fetched(stub, tmp_path):
    done = _fetch(stub, tmp_path, "https://en.wikipedia.org/wiki/Jane_Doe", "Testville")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "jane-doe.source.json",
        "jane-doe.wiki",
        "testville.source.json",
        "testville.wiki",
    ]
    source = json.loads((tmp_path / "out" / "jane-doe.source.json").read_text(encoding="utf-8"))
    assert (source["title"], source["revision"]) == ("Jane Doe", 555004)


@pytest.mark.parametrize(
    "titles, script, message",
    [
        (["No Such Page"], [], "no page 'No Such Page' on English Wikipedia"),
        (["Testville", "No Such Page"], [], "no page 'No Such Page'"),  # nothing of either
        (["Testville"], [Failure(200, body=b"{not json")], "the answer is not JSON"),
        (["Testville"], [Failure(200, body=b'{"batchcomplete": true}')], "not the API's query"),
        (["Testville"], [Failure(404)], "HTTP 404"),
        (["https://fr.wikipedia.org/wiki/Testville"], [], "not an English Wikipedia URL"),
    ],
)
def test_a_failure_is_one_line_exit_2_and_nothing_written(stub, tmp_path, titles, script, message):
    stub.script = script
    done = _fetch(stub, tmp_path, *titles)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()
    if script:  # a bad answer is never cached
        assert not list((tmp_path / "xdg").rglob("*.json"))


def test_an_unreachable_api_is_one_line(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    done = subprocess.run(
        [*CLI, "fetch", "--api", "http://127.0.0.1:9/w/api.php",
         "--interval", "0", "-o", str(tmp_path / "out"), "Testville"],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "unreachable" in done.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "failure",
    [
        Failure(429, {"Retry-After": "1"}),  # too many requests
        Failure(503, {"Retry-After": "1"}, json.dumps(MAXLAG).encode()),  # maxlag, as a 503
        Failure(200, {"Retry-After": "1"}, json.dumps(MAXLAG).encode()),  # maxlag, as a 200
    ],
)
def test_a_busy_server_is_asked_again_after_the_wait_it_asks(stub, tmp_path, failure):
    stub.script = [failure]
    done = _fetch(stub, tmp_path, "Testville")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "testville.wiki").read_text() == "'''Testville''' is a town.\n"
    first, second = stub.log
    assert second.arrived - first.arrived >= 1.0  # Retry-After: 1


def test_a_cached_answer_makes_no_request(stub, tmp_path):
    assert _fetch(stub, tmp_path, "Testville").returncode == 0
    assert len(stub.log) == 1
    again = _fetch(stub, tmp_path, "Testville")
    assert again.returncode == 0 and len(stub.log) == 1
    assert f"from the cache of {_today()}" in again.stdout
    assert len(list((tmp_path / "xdg" / "aleppo-kg").glob("*.json"))) == 1
    fresh = _fetch(stub, tmp_path, "--no-cache", "Testville")
    assert fresh.returncode == 0 and len(stub.log) == 2 and "from the cache" not in fresh.stdout


def test_requests_keep_one_second_apart(stub, tmp_path):
    done = _fetch(stub, tmp_path, "Testville", "Jane Doe", "Test Brigade", interval="1")
    assert done.returncode == 0, done.stderr
    arrivals = [request.arrived for request in stub.log]
    assert len(arrivals) == 3
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(arrivals))


@pytest.mark.parametrize(
    "text, title",
    [
        ("Battle of Testville", "Battle of Testville"),
        ("  Battle_of_Testville ", "Battle of Testville"),
        ("https://en.wikipedia.org/wiki/Battle_of_Aleppo_(2012%E2%80%932016)",
         "Battle of Aleppo (2012–2016)"),
        ("https://en.m.wikipedia.org/wiki/Azaz#History", "Azaz"),
        ("https://en.wikipedia.org/w/index.php?title=Azaz&oldid=12", "Azaz"),
    ],
)  # fmt: skip
def test_titles_and_urls_name_a_page(text, title):
    assert mediawiki.title_of(text) == title


@pytest.mark.parametrize("text", ["", "#History", "https://example.org/wiki/Azaz"])
def test_what_names_no_page_is_refused(text):
    with pytest.raises(InputError):
        mediawiki.title_of(text)


def test_page_addresses_are_escaped_as_wikipedia_escapes_them():
    title = "Battle of Aleppo (2012–2016)"
    assert mediawiki.page_url(title) == (
        "https://en.wikipedia.org/wiki/Battle_of_Aleppo_(2012%E2%80%932016)"
    )
    assert mediawiki.permalink("AT&T", 7) == (
        "https://en.wikipedia.org/w/index.php?title=AT%26T&oldid=7"
    )


def test_normalisation_and_a_chain_of_redirects_are_followed():
    query = {
        "normalized": [{"from": "a b", "to": "A b"}],
        "redirects": [{"from": "A b", "to": "C"}, {"from": "C", "to": "D"}],
    }
    assert mediawiki.final_title(query, "a b") == "D"
    looping = {"redirects": [{"from": "X", "to": "Y"}, {"from": "Y", "to": "X"}]}
    assert mediawiki.final_title(looping, "X") in ("X", "Y")
