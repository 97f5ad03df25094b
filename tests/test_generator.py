"""The synthetic corpus of the scale benchmark: every article builds, conforms and tells its events.

The generator lives with the benchmarks (``benchmarks/generate.py``), not in the package, so it
is imported from that folder, as ``benchmarks/build.py`` imports ``timing``.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LEXICON
from rdflib import RDF

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.build.reading import read_article
from aleppo_kg.lexicon import load_lexicon
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import AKR, ORG, SCHEMA, SEM

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
generator = importlib.import_module("generate")
COUNT = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[object, Path]]:
    """Twenty articles written to files, each with what the generator says it wrote."""
    folder = tmp_path_factory.mktemp("corpus")
    out = []
    for article in generator.articles(COUNT, seed=0):
        path = folder / f"{article.stem}.txt"
        path.write_text(article.text, encoding="utf-8")
        out.append((article, path))
    return out


@pytest.fixture(scope="module")
def extractions(corpus):
    """What the reader made of each article, before mapping."""
    return [read_article(path, LEXICON) for _, path in corpus]


@pytest.fixture(scope="module")
def builds(corpus):
    """Each article built and validated on its own."""
    return [build_graph([path]) for _, path in corpus]


def test_every_article_conforms_with_no_warnings(corpus, builds):
    for (article, _), result in zip(corpus, builds, strict=True):
        assert not result.violations, (article.stem, result.violations[:3])
        assert not result.warnings, (article.stem, result.warnings)


def test_the_corpus_conforms_as_one_graph(corpus):
    """Shared towns, groups and people from many articles merge without breaking a shape."""
    result = build_graph([path for _, path in corpus])
    assert not result.violations, result.violations[:3]


def test_titles_and_file_names_are_unique(corpus):
    titles = [article.title for article, _ in corpus]
    assert len(set(titles)) == COUNT
    assert len({path.name.casefold() for _, path in corpus}) == COUNT
    assert all(title.split()[-1] in {"offensive", "clashes", "siege", "battle"} for title in titles)


def test_articles_are_mid_sized(corpus):
    sizes = [len(article.text.encode("utf-8")) for article, _ in corpus]
    assert 1500 < sum(sizes) / len(sizes) < 4500


def test_the_reader_finds_the_events_written_with_their_types(corpus, extractions):
    """Events in reading order; where the counts match, each type is the template's own."""
    written = found = compared = agreeing = 0
    for (article, _), extraction in zip(corpus, extractions, strict=True):
        types = [event.event_type for event in extraction.events]
        assert 6 <= article.events <= 15
        written += article.events
        found += len(types)
        if len(types) == article.events:
            compared += article.events
            agreeing += sum(a == b for a, b in zip(article.event_types, types, strict=True))
    assert found >= 0.9 * written
    assert compared >= 0.75 * written
    assert agreeing >= 0.9 * compared


def test_event_dates_lie_within_the_conflict(extractions):
    for extraction in extractions:
        conflict = extraction.conflict
        for event in extraction.events:
            assert conflict.begin.earliest <= event.date.earliest, event.key
            assert event.date.latest <= conflict.end.latest, event.key


@pytest.mark.parametrize("cls", [SEM.Place, ORG.Organization, SCHEMA.Person])
def test_generated_entities_recur_across_articles(builds, cls):
    """A generated town, group and commander each appear in two articles (the shared pool).

    Entities the lexicon knows (Syria, the Free Syrian Army) and numbered army units recur
    anyway, so they prove nothing about the pool and are left out.
    """
    lexicon = load_lexicon()
    known = {AKR[f"place/{key}"] for key in lexicon.places} | {
        AKR[f"org/{slugify(org.label)}"] for org in lexicon.organizations.values()
    }
    articles: dict = {}
    for index, result in enumerate(builds):
        for node in set(result.graph.subjects(RDF.type, cls)):
            articles.setdefault(node, set()).add(index)
    shared = {
        node
        for node, where in articles.items()
        if len(where) > 1 and node not in known and not re.search(r"\d", node[len(AKR) :])
    }
    assert shared, f"no generated {cls} in two articles"


def test_same_seed_same_corpus_and_a_prefix_of_a_larger_one():
    small = list(generator.generate(5, seed=3))
    assert small == list(generator.generate(5, seed=3))
    assert small == list(generator.generate(8, seed=3))[:5]
    assert small != list(generator.generate(5, seed=4))


def test_command_line_writes_what_write_corpus_writes(tmp_path):
    expected = generator.write_corpus(tmp_path / "api", 3, seed=1)
    script = ROOT / "benchmarks" / "generate.py"
    command = [sys.executable, str(script), "3", str(tmp_path / "cli"), "--seed", "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    written = sorted((tmp_path / "cli").glob("*.txt"))
    assert [p.name for p in written] == sorted(p.name for p in expected)
    assert all(p.read_bytes() == (tmp_path / "api" / p.name).read_bytes() for p in written)
