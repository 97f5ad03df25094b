"""Hypothesis strategies for articles the tool has never seen, and the property they must keep.

Three kinds of input: any text at all; text shaped like an article (a title, an
infobox with known and unknown keys, prose) whose values are drawn from the hard
cases (30-digit numbers, "31 February", asterisks 20 deep, ranges, daggers,
right-to-left text, huge lines); and real articles (the seed and the test
fixtures) truncated, shuffled, with lines repeated or dropped.

The property (:func:`check_article`): ``aleppo-kg build`` either writes a graph
that conforms to the shapes, in which every ``nif:String`` slices its article to
exactly its ``nif:anchorOf``, or exits 2 with one line on stderr and leaves the
previous output as it was. Anything else (a traceback, exit 1, a partial file) is
a failure.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from hypothesis import strategies as st
from rdflib import Graph

from aleppo_kg.build.validate import validate_graph
from aleppo_kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted(
    [
        ROOT / "data" / "articles" / "2012_Aleppo_Governorate_clashes.txt",
        *(ROOT / "tests" / "fixtures").rglob("*.txt"),
    ]
)
PREVIOUS = "previous output\n"

KEYS = (
    "Conflict", "Partof", "Part of", "Date", "Place", "Location", "Territory", "Result",
    "Status", "Notes", "Casualties", "Combatant", "Commander1 ", " Units2",
)  # fmt: skip
SIDED = ("Combatant", "Commander", "Units", "Strength", "Casualties")
WORDS = (
    "soldiers", "fighters", "civilians", "tanks", "jets", "killed", "captured", "shot down",
    "destroyed", "wounded", "at least", "over", "about", "up to", "some", "dozens of",
    "Syrian Army", "Free Syrian Army", "Aleppo", "Azaz", "Col.", "Maj. Gen.", "Lt.", "KIA",
    "†", "WIA", "(opposition claims)", "<hr>", "Unknown", "ongoing", "present", "Rebel victory",
    "takes control of", "and", ",", ";", "–", "-", "(", ")", "*", "**", "'", '"', "حلب",
    "الجيش السوري الحر", "\u200f", "\u202e", "🙂", "\t", "\x00", "\u2028",
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "June", "September", "December", "Febuary")


def numbers() -> st.SearchStrategy[str]:
    """Counts as articles write them, and as they should never be."""
    plain = st.integers(min_value=0, max_value=10**30).map(str)
    grouped = st.integers(min_value=1000, max_value=10**12).map(lambda n: f"{n:,}")
    ranged = st.tuples(plain, st.sampled_from(["–", "-", " - ", " to "]), plain).map("".join)
    marked = st.tuples(plain, st.sampled_from(["+", "+ ", "s", ",", ".5", "%"])).map("".join)
    return st.one_of(plain, grouped, ranged, marked, st.just("30" * 15), st.just("-5"))


def dates() -> st.SearchStrategy[str]:
    """Real and impossible dates in the styles articles use."""
    day = st.integers(min_value=0, max_value=40).map(str)
    month = st.sampled_from(MONTHS)
    year = st.integers(min_value=0, max_value=99999).map(str)
    british = st.tuples(day, st.just(" "), month, st.just(" "), year).map("".join)
    american = st.tuples(month, st.just(" "), day, st.just(", "), year).map("".join)
    spans = st.tuples(
        st.one_of(british, american, month), st.sampled_from([" – ", "-", " to "]),
        st.one_of(british, american, year, st.sampled_from(["ongoing", "present"])),
    ).map("".join)  # fmt: skip
    return st.one_of(british, american, spans, year, st.just("31 February 2012"))


def nesting() -> st.SearchStrategy[str]:
    """Order-of-battle items nested up to 20 deep, with and without spaces between marks."""
    return st.tuples(
        st.integers(min_value=0, max_value=20).map(lambda n: "*" * n),
        st.sampled_from(["", " ", "* "]),
        st.sampled_from(["Syrian Army", "6th Division", "Brigade", "", "*"]),
    ).map("".join)


def fragments() -> st.SearchStrategy[str]:
    return st.one_of(numbers(), dates(), nesting(), st.sampled_from(WORDS), st.text(max_size=12))


def values() -> st.SearchStrategy[str]:
    return st.lists(fragments(), max_size=12).map(" ".join)


def infobox_lines() -> st.SearchStrategy[str]:
    known = st.tuples(st.sampled_from(KEYS), values())
    sided = st.tuples(
        st.tuples(st.sampled_from(SIDED), st.integers(0, 12).map(str)).map("".join), values()
    )
    unknown = st.tuples(st.text(min_size=1, max_size=10), values())
    line = st.one_of(known, sided, unknown).map(lambda kv: f"- {kv[0]}: {kv[1]}")
    return st.one_of(line, st.just("- Date"), st.just("-"), st.text(max_size=30))


def sentences() -> st.SearchStrategy[str]:
    templated = st.tuples(
        st.sampled_from(["On ", "In early ", "In early-", "During ", "By ", ""]),
        dates(), st.just(", "), numbers(), st.just(" "), st.sampled_from(WORDS[:6]),
        st.sampled_from([" were killed in ", " died near ", " captured ", " shelled "]),
        st.sampled_from(["Aleppo", "Azaz", "the town", "al-Bab", "حلب", "X"]), st.just("."),
    ).map("".join)  # fmt: skip
    return st.one_of(templated, st.text(max_size=80), values())


def shaped_articles() -> st.SearchStrategy[str]:
    """Text in the article format, with hard values everywhere."""
    title = st.one_of(
        st.tuples(st.integers(1900, 2100).map(str), st.just(" "), st.text(max_size=30)).map(
            "".join
        ),
        st.text(max_size=40),
    )
    prose = st.lists(
        st.one_of(
            st.lists(sentences(), min_size=1, max_size=5).map(" ".join),
            st.text(max_size=20).map(lambda h: f"== {h} =="),
        ),
        max_size=8,
    )
    return st.tuples(title, st.lists(infobox_lines(), max_size=20), prose).map(
        lambda parts: (
            f"= {parts[0]} =\n\nInfobox\n"
            + "\n".join(parts[1])
            + "\n\n"
            + "\n\n".join(parts[2])
            + "\n"
        )
    )


def mutated_articles() -> st.SearchStrategy[str]:
    """Real articles, damaged: truncated, shuffled, lines repeated, dropped or made huge."""
    source = st.sampled_from(CORPUS).map(lambda p: p.read_text(encoding="utf-8"))
    return st.one_of(
        st.tuples(source, st.integers(0, 12000)).map(lambda t: t[0][: t[1]]),
        source.flatmap(lambda text: st.permutations(text.splitlines()).map("\n".join)),
        st.tuples(source, st.data()).map(lambda t: _edit_lines(*t)),
    )


def _edit_lines(text: str, data) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 5))):
        where = data.draw(st.integers(0, max(len(lines) - 1, 0)))
        action = data.draw(st.sampled_from(["repeat", "drop", "huge", "insert"]))
        if action == "repeat" and lines:
            lines.insert(where, lines[where])
        elif action == "drop" and lines:
            del lines[where]
        elif action == "huge":
            lines.insert(where, data.draw(fragments()) * data.draw(st.integers(1000, 20000)))
        else:
            lines.insert(where, data.draw(st.one_of(infobox_lines(), sentences())))
    return "\n".join(lines)


def articles() -> st.SearchStrategy[str | bytes]:
    """Any of the kinds: bytes (often not UTF-8), any text, shaped and damaged articles."""
    return st.one_of(st.binary(), st.text(), shaped_articles(), mutated_articles())


@dataclass(frozen=True)
class Outcome:
    code: int
    stderr: str


def check_article(text: str | bytes, folder: Path) -> Outcome:
    """Build ``text`` as an article in ``folder``; assert the property; return what happened."""
    article = folder / "article.txt"
    article.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    output = folder / "out" / "graph.ttl"
    output.parent.mkdir(exist_ok=True)
    output.write_text(PREVIOUS, encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["build", str(article), "-o", str(output), "--no-progress"])
    outcome = Outcome(code, stderr.getvalue())
    assert code in (0, 2), f"exit {code}: {outcome.stderr[-2000:]}"
    assert not list(output.parent.glob(".*.tmp")), "a temporary file was left behind"
    if code == 2:
        lines = outcome.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("aleppo-kg: error: "), outcome.stderr
        assert output.read_text(encoding="utf-8") == PREVIOUS, "the previous output changed"
    else:
        _check_graph(output, article.read_bytes().decode("utf-8-sig"))
    return outcome


SPANS = """
SELECT ?text ?begin ?end ?anchor WHERE {
  ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
        nif:referenceContext ?context .
  ?context nif:isString ?text .
}
"""


def _check_graph(output: Path, article: str) -> None:
    """The written graph conforms, and each span slices the article to exactly its anchor."""
    store = ox.Store()
    store.load(path=str(output), format=ox.RdfFormat.TURTLE)
    prefix = "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"
    for row in store.query(prefix + SPANS):
        assert row["text"].value == article, "the context is not the article's text"
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert article[begin:end] == row["anchor"].value, (begin, end, row["anchor"].value)
    graph = Graph().parse(output, format="turtle")
    assert validate_graph(graph) == [], "the written graph violates the shapes"
