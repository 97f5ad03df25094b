"""Commands that check the extraction against people's work: ``evaluate`` and ``link``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_kg.cli.build import SKIPPED
from aleppo_kg.cli.common import articles_or_seed
from aleppo_kg.errors import InputError

if TYPE_CHECKING:  # each command imports what it uses when it runs
    from rdflib import Graph, URIRef

    from aleppo_kg.curation.evaluate.table import Row

# Resources a Wikidata item can stand for: places, groups, people, conflicts, sources, models.
LINKABLE = """
SELECT ?r ?label ?qid WHERE {
    ?r rdfs:label ?label .
    FILTER(STRSTARTS(STR(?r), STR(akr:))
           && REGEX(STRAFTER(STR(?r), STR(akr:)), "^(place|org|person|conflict|source|equipment)/"))
    OPTIONAL { ?r owl:sameAs ?qid FILTER(STRSTARTS(STR(?qid), STR(wd:))) }
} ORDER BY ?r
"""


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``evaluate`` and ``link`` to the command line."""
    evaluate_ = commands.add_parser(
        "evaluate",
        help="score every field the tool reads against hand annotations",
        description="Read each article and compare what the tool finds with the article's "
        "hand annotations (<article>.infobox.json and <article>.events.jsonl, looked for beside "
        "it, then in the evaluation/ folder next to its folder, then in ./data/evaluation/; "
        "an article with neither is an error naming every path tried): conflict dates and "
        "part-of, combatants, "
        "commanders with rank and fate, unit edges, figures with category, outcome, "
        "quantifier and source, control changes, and the prose's events with their type, "
        "date, places, figures and sources. Prints F1 per article and aspect, then "
        "precision, recall and counts of the total. See docs/annotation.md.",
    )
    evaluate_.add_argument(
        "articles",
        nargs="*",
        type=Path,
        metavar="ARTICLE",
        help="article text files or folders of them (default: the bundled seed article)",
    )
    evaluate_.add_argument(
        "--gold", type=Path, help="events annotation file (only with one ARTICLE)"
    )
    evaluate_.add_argument(
        "--json", action="store_true", help="print every score with its counts as JSON"
    )
    evaluate_.set_defaults(run=_evaluate)
    _add_link(commands)


def _add_link(commands: argparse._SubParsersAction) -> None:
    link = commands.add_parser(
        "link",
        help="report which resources are linked to Wikidata; propose candidates with --online",
        description="Build the articles' graph in memory and report, per kind, the resources "
        "linked to Wikidata (data/links.tsv) and the unlinked ones with the reason. With "
        "--online, ask Wikidata (wbsearchentities and the SPARQL endpoint, rate-limited, "
        "retried, cached on disk) for candidates for the unlinked ones and write them, ranked, "
        "to a proposals file for a person to confirm. Nothing is ever applied automatically.",
    )
    link.add_argument("articles", nargs="*", type=Path, metavar="ARTICLE")
    link.add_argument("--online", action="store_true", help="ask Wikidata for candidates")
    link.add_argument(
        "--proposals",
        type=Path,
        default=Path("output/link-proposals.tsv"),
        help="where --online writes its candidates",
    )
    link.add_argument(
        "--cache",
        type=Path,
        default=Path(".cache/wikidata"),
        help="folder of cached Wikidata answers",
    )
    link.add_argument("--api-url", help=argparse.SUPPRESS)  # default: wikidata.API_URL
    link.add_argument("--sparql-url", help=argparse.SUPPRESS)  # default: wikidata.SPARQL_URL
    link.add_argument(
        "--interval", type=float, default=1.0, help="seconds between requests (default 1)"
    )
    link.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    link.set_defaults(run=_link)


def _evaluate(args: argparse.Namespace) -> int:
    from aleppo_kg.build.pipeline import article_files, read_article
    from aleppo_kg.curation.evaluate import evaluate, find_gold
    from aleppo_kg.curation.evaluate.table import Row, as_json
    from aleppo_kg.lexicon import load_lexicon

    articles = article_files(articles_or_seed(args.articles))
    if args.gold and len(articles) > 1:
        raise InputError("--gold takes one ARTICLE")
    lexicon = load_lexicon()
    rows, unread = [], []
    for article in articles:
        gold = find_gold(article, args.gold)
        try:
            extraction = read_article(article, lexicon)
        except InputError as error:  # scored as nothing found would hide why; say it
            print(f"aleppo-kg: error: {error} (not scored)", file=sys.stderr)
            unread.append(article.stem)
            continue
        rows.append(Row.of(article.stem, evaluate(extraction, gold)))
    if args.json:
        print(json.dumps({**as_json(rows), "unreadable": unread}, indent=2))
    else:
        _print_scores(rows, unread)
    return SKIPPED if unread else 0


def _print_scores(rows: list[Row], unread: list[str]) -> None:
    from aleppo_kg.curation.evaluate.table import format_scores, format_table, total

    print(format_table(rows))
    for name in unread:
        print(f"{name}: does not build, not scored")
    print()
    everything = total(rows)
    title = f"{everything.article} ({len(rows)} article(s))"
    print(format_scores(title, list(everything.scores.values())))


def _link(args: argparse.Namespace) -> int:
    from aleppo_kg.build.pipeline import BuildOptions, build_graph
    from aleppo_kg.build.write import write_atomic
    from aleppo_kg.curation import wikidata
    from aleppo_kg.lexicon import load_lexicon

    graph = build_graph(articles_or_seed(args.articles), BuildOptions(validate=False)).graph
    unlinked = _report_links(graph)
    if args.online:
        client = wikidata.Client(
            args.cache,
            args.api_url or wikidata.API_URL,
            args.sparql_url or wikidata.SPARQL_URL,
            args.interval,
            args.timeout,
        )
        kinds = load_lexicon().wikidata_kinds
        proposals = wikidata.propose(unlinked, client, country_label(graph), kinds)
        write_atomic(args.proposals, wikidata.proposals_tsv(proposals))
        print(
            f"wrote {args.proposals}: {len(proposals)} candidates for {len(unlinked)} "
            "unlinked resources (review them; nothing was applied)"
        )
    return 0


def _report_links(graph: Graph) -> list[tuple[str, str]]:
    """Print each unlinked resource with the reason, then the counts per kind.

    Returns the unlinked resources' keys and labels, for --online to look up.
    """
    from aleppo_kg.build.link import load_links
    from aleppo_kg.vocab import AKR, PREFIXES

    links = load_links()
    unlinked: list[tuple[str, str]] = []
    counts: Counter = Counter()
    for resource, label, qid in graph.query(LINKABLE, initNs=PREFIXES):
        key = str(resource).removeprefix(str(AKR))
        kind = key.split("/", 1)[0]
        counts[(kind, qid is not None)] += 1
        if qid is None:
            row = links.get(key)
            reason = row.evidence if row and row.evidence else "no row in data/links.tsv"
            print(f"unlinked\t{key}\t{label}\t{reason}")
            unlinked.append((key, str(label)))
    for kind in sorted({k for k, _ in counts}):
        print(f"{kind}: {counts[(kind, True)]} linked, {counts[(kind, False)]} unlinked")
    return unlinked


def country_label(graph: Graph) -> str | None:
    """The label of the graph's country, which Wikidata's candidates should lie in.

    A place typed as a country; of several, the one most places lie in (through
    akg:locatedIn, at any depth), ties broken by label. None when no country has a label.
    """
    from aleppo_kg.vocab import AKG, RDFS, concept

    ranked = []
    for country in set(graph.subjects(AKG.placeType, concept("place-type", "country"))):
        label = str(graph.value(country, RDFS.label) or "")
        if label:
            ranked.append((-_places_within(graph, country), label))
    return min(ranked)[1] if ranked else None


def _places_within(graph: Graph, place: URIRef) -> int:
    from aleppo_kg.vocab import AKG

    inside = set(graph.transitive_subjects(AKG.locatedIn, place))
    return len(inside - {place})
