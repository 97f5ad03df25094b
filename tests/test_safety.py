"""Values from an article or the command line never reach an IRI or a query unescaped.

IRIs are built from slugs of ``[a-z0-9-]`` (a name with no Latin letter gets a
hash); labels keep the text exactly, as literals. Command-line values are bound
as RDF terms, never pasted into query text; URLs are checked before they are used.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import CLI
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from aleppo_kg.vocab import AKR

_RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")

HOSTILE = """= 2012 Battle of "Tell <Sawan>" =

Infobox
- Conflict: Battle of "Tell <Sawan>"
- Date: 5 March 2012 – 30 June 2012
- Place: Tell "Sawan" > north, حلب, Syria
- Combatant1: Liwa "al-Fajr" <hr> جبهة النصرة
- Combatant2: Syrian Government
- Commander1: Col. Abu "The Fox" Hamid, Capt. Karim <b>Sabbagh</b>
- Commander2: Gen. عادل منصور
- Units2: Syrian Army, *17th "Reserve" Division, **93rd Brigade {x}
- Strength1: about 1,200 "fighters"
- Casualties2: 112 soldiers killed
- Notes <x>: a "note" with \\backslash and `ticks`

On 9 March, the army shelled Tell "Sawan" > north and حلب, killing 4 civilians.
"""
SAFE_RESOURCE = re.compile(rf"{re.escape(str(AKR))}[a-z0-9-]+(?:/[a-z0-9-]+)*")
UNSAFE = set(' <>"{}|\\^`\n') | {chr(c) for c in range(0x20)}


def _aleppo_kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Graph:
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    out = folder / "hostile.ttl"
    done = _aleppo_kg("build", str(article), "-o", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    return Graph().parse(out, format="turtle")


def _iris(graph: Graph) -> set[str]:
    return {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}


def test_every_resource_iri_is_a_slug_of_the_safe_alphabet(hostile):
    ours = [iri for iri in _iris(hostile) if iri.startswith(str(AKR))]
    assert ours
    assert [iri for iri in ours if not SAFE_RESOURCE.fullmatch(iri)] == []


def test_no_iri_holds_a_character_that_needs_escaping(hostile):
    assert [iri for iri in _iris(hostile) if UNSAFE & set(iri)] == []
    assert [iri for iri in _iris(hostile) if re.search(r"[\u0600-\u06ff]", iri)] == []


def test_labels_keep_the_text_exactly(hostile):
    labels = {str(label) for label in hostile.objects(None, _RDFS_LABEL)}
    assert 'Battle of "Tell <Sawan>"' in labels
    assert "جبهة النصرة" in labels
    assert "عادل منصور" in labels
    # a quoted nickname is not part of the name, but the spelling as written keeps it
    assert "Abu Hamid" in labels
    written = {str(label) for label in hostile.objects(None, SKOS.altLabel)}
    assert 'Abu "The Fox" Hamid' in written


def test_a_name_with_no_latin_letters_gets_a_hashed_slug(hostile):
    (node,) = [s for s, o in hostile.subject_objects(_RDFS_LABEL) if str(o) == "جبهة النصرة"]
    assert re.fullmatch(rf"{re.escape(str(AKR))}org/x-[0-9a-f]{{10}}", str(node))


@pytest.mark.parametrize(
    "sidecar",
    [
        {"source": "https://en.wikipedia.org/wiki/x> ; <urn:evil"},
        {"source": "https://example.org/a b"},
        {"source": "javascript:alert(1)"},
        {"license": 'https://creativecommons.org/"'},
        ["not", "an", "object"],
    ],
)
def test_a_sidecar_url_that_would_break_an_iri_is_refused(tmp_path, sidecar):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    article.with_suffix(".source.json").write_text(json.dumps(sidecar), encoding="utf-8")
    out = tmp_path / "out.ttl"
    done = _aleppo_kg("build", str(article), "-o", str(out))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "source.json" in done.stderr and not out.exists()


def test_a_bound_value_stays_a_literal(hostile, tmp_path):
    data = tmp_path / "graph.ttl"
    hostile.serialize(data, format="turtle")
    sneaky = 'x" } ; DROP ALL ; SELECT * { "'
    done = _aleppo_kg(
        "query", "SELECT ?v WHERE { }", "--bind", f"v={sneaky}", "--data", str(data),
        "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)["results"]["bindings"]
    assert row["v"] == {"type": "literal", "value": sneaky}


@pytest.mark.parametrize(
    "args, said",
    [
        (["query", "SELECT ?v WHERE { }", "--bind", "v=<http://x/a b>"], "not an IRI"),
        (["query", "SELECT ?v WHERE { }", "--bind", "v=<http://x/>y>"], "not an IRI"),
        (["load", "--endpoint", "http://127.0.0.1:9/store", "--graph", "urn:x> ; DROP ALL"],
         "not an absolute IRI"),
        (["load", "--endpoint", "file:///etc/passwd"], "not an http(s) URL"),
    ],
)  # fmt: skip
def test_a_command_line_value_that_is_not_an_iri_is_refused(args, said):
    done = _aleppo_kg(*args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and said in done.stderr
