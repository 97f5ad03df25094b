"""Exports: N-Triples, TriG and JSON-LD parse back to the same graph, and are deterministic."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURES
from rdflib import Dataset, Graph, URIRef

from aleppo_kg import cli
from aleppo_kg.build.map.terms import canonical_decimal
from aleppo_kg.build.options import FORMATS
from aleppo_kg.build.write import plain_prefixes
from aleppo_kg.resources import default_article
from aleppo_kg.vocab import AKR

PARSE = {"nt": "nt", "jsonld": "json-ld", "turtle": "turtle"}


@pytest.mark.parametrize("fmt", ["nt", "jsonld", "turtle"])
def test_export_parses_back_to_the_same_graph(seed_graph, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    assert cli.main(["build", "--format", fmt, "-o", str(out)]) == 0
    again = tmp_path / f"again.{fmt}"
    assert cli.main(["build", "--format", fmt, "-o", str(again)]) == 0
    assert out.read_bytes() == again.read_bytes()
    assert Graph().parse(out, format=PARSE[fmt]).isomorphic(seed_graph)


def test_jsonld_carries_the_project_context(tmp_path):
    out = tmp_path / "graph.jsonld"
    assert cli.main(["build", "--format", "jsonld", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert '"akg": "https://w3id.org/aleppo-kg/ontology#"' in text


def test_trig_puts_each_article_in_its_own_named_graph(seed_graph, tmp_path):
    out = tmp_path / "series.trig"
    args = ["build", str(default_article()), str(FIXTURES / "us_dates.txt"), "--format", "trig"]
    assert cli.main([*args, "-o", str(out)]) == 0
    dataset = Dataset()
    dataset.parse(out, format="trig")
    names = {g.identifier for g in dataset.graphs() if len(g)}
    seed = URIRef(str(AKR) + "graph/2012-aleppo-governorate-clashes")
    assert names == {seed, URIRef(str(AKR) + "graph/battle-of-wadi-sirin")}
    assert dataset.graph(seed).isomorphic(seed_graph)


def test_default_output_takes_the_formats_suffix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--format", "nt"]) == 0
    assert (tmp_path / "output" / "aleppo.nt").is_file()


def test_output_gets_the_usual_file_mode(tmp_path):
    """Written through a private temporary file, but readable like any file the user makes."""
    out = tmp_path / "graph.ttl"
    assert cli.main(["build", "-o", str(out)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


ALL_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nquads": "N_QUADS",
               "jsonld": "JSON_LD"}  # fmt: skip
# A prefixed name with an escaped character, outside any literal: "akr:dataset\/aleppo".
ESCAPED_NAME = re.compile(r'(?m)^[^"\n]*?(?<![<\w])[A-Za-z][\w-]*:[^\s<>"]*\\')


@pytest.mark.parametrize("fmt", sorted(ALL_FORMATS))
def test_every_output_parses_without_a_base_iri_and_escapes_no_prefixed_name(tmp_path, fmt):
    """Relative IRIs would resolve against whatever base a reader picks (some refuse them);
    an escaped local name is valid Turtle that some stores read as another IRI."""
    out = tmp_path / f"graph.{fmt}"
    assert cli.main(["build", "--format", fmt, "-o", str(out)]) == 0
    for path, syntax in [(out, ALL_FORMATS[fmt]), (tmp_path / "graph.void.ttl", "TURTLE")]:
        quads = list(ox.parse(path=str(path), format=getattr(ox.RdfFormat, syntax)))
        assert quads, path
        assert ESCAPED_NAME.search(path.read_text(encoding="utf-8")) is None, path


def test_the_escape_check_sees_an_escaped_local_name():
    assert ESCAPED_NAME.search('akr:dataset\\/aleppo dcterms:title "a\\/b" .')
    assert not ESCAPED_NAME.search('akr:x dcterms:title "a:b\\\\/c" .')


def test_plain_prefixes_leave_out_a_prefix_that_would_need_an_escape():
    prefixes = {"akr": "https://x.org/r/", "place": "https://x.org/r/place/", "ex": "http://e/"}
    lines = ["<https://x.org/r/dataset/a> <https://x.org/r/place/azaz> <https://x.org/r/b> .\n"]
    # akr: would write "akr:dataset\/a"; place: is plain; ex: is not used
    assert plain_prefixes(prefixes, lines) == {"place": "https://x.org/r/place/"}


@pytest.mark.parametrize(
    ("value", "canonical"),
    [("36.2000", "36.2"), ("37.0000", "37.0"), ("-0.0000", "0.0"), ("1E+1", "10.0"),
     ("-3.0500", "-3.05"), ("0.0001", "0.0001")],
)  # fmt: skip
def test_a_decimal_is_written_in_its_canonical_form(value, canonical):
    assert canonical_decimal(Decimal(value)) == canonical


def test_every_decimal_of_the_graph_is_canonical_and_its_shortest_form(tmp_path):
    """`wgs:lat 36.2` in a query is "36.2"^^xsd:decimal: engines that compare decimals as
    written (rdflib, Jena) find only that form."""
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    assert cli.main(["build", "-o", str(tmp_path / "graph.nt"), "--format", "nt"]) == 0
    quads = list(ox.parse(path=str(tmp_path / "graph.nt"), format=ox.RdfFormat.N_TRIPLES))
    values = [q.object for q in quads if isinstance(q.object, ox.Literal)]
    decimals = [v.value for v in values if v.datatype == decimal]
    assert decimals
    assert all(text == canonical_decimal(Decimal(text)) for text in decimals)
    assert all(text == str(float(text)) for text in decimals)  # shortest round-trip form


@pytest.mark.parametrize("fmt", sorted(ALL_FORMATS))
def test_oxigraph_load_takes_every_output_as_it_is(tmp_path, fmt):
    """The real `oxigraph load`, with no base IRI: it refuses a relative IRI outright."""
    binary = Path(sys.executable).parent / "oxigraph"
    out = tmp_path / f"graph{FORMATS[fmt].suffix}"  # the CLI tells a format by its suffix
    assert cli.main(["build", "--format", fmt, "-o", str(out)]) == 0
    for path in (out, tmp_path / "graph.void.ttl"):
        done = subprocess.run(
            [str(binary), "load", "--location", str(tmp_path / "store"), "--file", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
