"""Units of the command line: the country `link --online` ranks against, the shared helpers."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from aleppo_kg import cli
from aleppo_kg.cli.common import _positive, articles_or_seed, load_graph
from aleppo_kg.cli.curation import country_label
from aleppo_kg.errors import InputError
from aleppo_kg.resources import default_article
from aleppo_kg.vocab import AKG, AKR, RDFS, concept


def _place(graph: Graph, slug: str, label: str, place_type: str, within: str | None = None):
    node = AKR[f"place/{slug}"]
    graph.add((node, RDFS.label, Literal(label, lang="en")))
    graph.add((node, AKG.placeType, concept("place-type", place_type)))
    if within:
        graph.add((node, AKG.locatedIn, AKR[f"place/{within}"]))


def test_the_country_most_places_lie_in_at_any_depth():
    graph = Graph()
    _place(graph, "alpha", "Alpha", "country")
    _place(graph, "beta", "Beta", "country")
    # Alpha holds two towns directly; Beta one governorate with three towns in it: 2 < 4.
    _place(graph, "t1", "T1", "town", "alpha")
    _place(graph, "t2", "T2", "town", "alpha")
    _place(graph, "gov", "Gov", "governorate", "beta")
    for town in ("t3", "t4", "t5"):
        _place(graph, town, town.upper(), "town", "gov")
    assert country_label(graph) == "Beta"


def test_countries_holding_as_many_places_go_by_label():
    graph = Graph()
    _place(graph, "able", "Zulu", "country")
    _place(graph, "zulu", "Able", "country")
    _place(graph, "t1", "T1", "town", "able")
    _place(graph, "t2", "T2", "town", "zulu")
    assert country_label(graph) == "Able"


def test_no_country_no_label():
    graph = Graph()
    _place(graph, "t1", "T1", "town")
    graph.add((AKR["place/unnamed"], AKG.placeType, concept("place-type", "country")))
    assert country_label(graph) is None


def test_the_seed_article_stands_in_for_no_articles():
    assert articles_or_seed([]) == [default_article()]
    assert articles_or_seed([Path("a.txt"), Path("b")]) == [Path("a.txt"), Path("b")]


def test_positive_takes_one_and_more():
    assert _positive("1") == 1
    assert _positive("12") == 12
    with pytest.raises(argparse.ArgumentTypeError, match=r"^0 is not a positive number$"):
        _positive("0")
    with pytest.raises(ValueError):
        _positive("two")


def test_an_unreadable_turtle_file_is_one_input_error(tmp_path):
    with pytest.raises(InputError, match=r"none\.ttl: no such file"):
        load_graph(tmp_path / "none.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: not valid Turtle \("):
        load_graph(bad)


def test_the_commands_in_help_order():
    commands = next(
        action
        for action in cli._parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    assert list(commands.choices) == [
        "build", "validate", "stats", "report", "fetch", "evaluate",
        "link", "query", "load", "serve", "docs", "export", "diff",
    ]  # fmt: skip


def test_a_graph_file_of_unknown_suffix_asks_for_its_format(tmp_path):
    odd = tmp_path / "graph.data"
    odd.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"graph\.data: .*--input-format"):
        load_graph(odd)
    assert len(load_graph(odd, "nt")) == 1


def test_the_stages_are_imported_uncollected_then_frozen():
    """In a fresh interpreter the first import of the build's stages runs with the collector
    off and leaves what it made frozen; the collector is on again after, and a second use
    changes nothing."""
    script = (
        "import gc\n"
        "from aleppo_kg.cli.build import uncollected_imports\n"
        "seen = []\n"
        "with uncollected_imports():\n"
        "    seen.append(gc.isenabled())\n"
        "    import aleppo_kg.build.pipeline\n"
        "frozen = gc.get_freeze_count()\n"
        "with uncollected_imports():\n"
        "    seen.append(gc.isenabled())\n"
        "print(seen, gc.isenabled(), frozen > 10000, gc.get_freeze_count() == frozen)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.stdout.split() == ["[False,", "True]", "True", "True", "True"], run.stderr
