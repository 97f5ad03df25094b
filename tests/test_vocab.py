"""The vocabulary's plain IRIs agree with rdflib's, and reading them needs no rdflib."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Namespace, URIRef, namespace

from aleppo_kg import vocab

SHIPPED = {"rdf": "RDF", "rdfs": "RDFS", "xsd": "XSD", "dcterms": "DCTERMS", "geo": "GEO",
           "org": "ORG", "owl": "OWL", "prov": "PROV", "schema": "SDO", "sh": "SH",
           "skos": "SKOS", "vann": "VANN", "void": "VOID"}  # fmt: skip


def test_the_plain_iris_of_rdflibs_vocabularies_are_rdflibs():
    assert {p: vocab.IRIS[p] for p in SHIPPED} == {
        p: str(getattr(namespace, name)) for p, name in SHIPPED.items()
    }
    assert str(vocab.AKG.Conflict) == vocab.IRIS["akg"] + "Conflict"
    assert vocab.SCHEMA is vocab.SDO and str(vocab.SCHEMA) == str(namespace.SDO)


def test_rdflibs_closed_vocabularies_stay_closed_and_keep_each_term_once_made():
    assert vocab.RDF.type == namespace.RDF.type and vocab.RDF.type is vocab.RDF.type
    assert vocab.SH["in"] == namespace.SH["in"]
    with pytest.raises(AttributeError, match="tpye"):
        vocab.RDF.tpye  # noqa: B018 -- a misspelt term


def test_the_command_line_and_its_query_import_no_rdflib_no_shacl_engine_and_no_server():
    """Each command imports what it uses when it runs: `aleppo-kg query` needs none of them,
    and no command but `serve` and `load` needs an HTTP server or client."""
    unused = ("rdflib", "pyshacl", "pyshacl_turbo", "http.server", "urllib.request")
    code = (
        "import sys, aleppo_kg.cli, aleppo_kg.publish.sparql; "
        f"print(sorted(m for m in {unused!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_build_of_plain_text_loads_no_wikitext_parser():
    """mwparserfromhell is imported when a .wiki article is read, not by every build."""
    code = (
        "import sys, aleppo_kg.build.pipeline as p; from aleppo_kg.resources import "
        "default_article; p.build_graph([default_article()]); "
        "print('mwparserfromhell' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_our_namespaces_give_rdflibs_terms_each_made_once():
    """AKG and the other namespaces of ours keep the terms they make, and are rdflib's
    Namespace otherwise: the same URIRefs, by attribute or by key, and no dunder terms."""
    plain = Namespace(vocab.IRIS["akg"])
    assert vocab.AKG.Conflict == plain.Conflict and type(vocab.AKG.Conflict) is URIRef
    assert vocab.AKG.Conflict is vocab.AKG.Conflict
    assert vocab.AKR["place/azaz"] == URIRef(vocab.IRIS["akr"] + "place/azaz")
    assert vocab.AKG.title == plain.title  # rdflib's Namespace answers str's own names
    with pytest.raises(AttributeError):
        vocab.AKG.__deepcopy__  # noqa: B018
