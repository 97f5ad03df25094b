"""Exports: N-Triples, TriG and JSON-LD parse back to the same graph, and are deterministic."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import FIXTURES
from rdflib import Dataset, Graph, URIRef

from aleppo_kg import cli
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
