"""Commands for the people who curate the data: ``fetch`` articles, ``evaluate`` the reading
against annotations, ``link`` resources to Wikidata."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_kg.cli.build import SKIPPED
from aleppo_kg.cli.common import add_input_format, articles_or_seed, load_graph
from aleppo_kg.errors import InputError

if TYPE_CHECKING:  # each command imports what it uses when it runs
    from rdflib import Graph, URIRef

    from aleppo_kg.curation.evaluate.table import Row
    from aleppo_kg.curation.links import Status

DEFAULT_ARTICLES = Path("data/articles")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``fetch``, ``evaluate`` and ``link`` to the command line."""
    _add_fetch(commands)
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


def _add_fetch(commands: argparse._SubParsersAction) -> None:
    fetch = commands.add_parser(
        "fetch",
        help="download Wikipedia articles' wikitext, pinned to their revision (needs network)",
        description="Ask English Wikipedia's API for the current revision of each page and write "
        "DIR/<slug>.wiki (the wikitext exactly as received) and DIR/<slug>.source.json (title, "
        "page, revision permalink, revision id and timestamp, retrieval date, licence), where "
        "<slug> is the project's slug of the page's title after normalisation and redirects. "
        "Requests carry a descriptive User-Agent, keep one second apart, wait on busy servers "
        "(maxlag) and are retried with backoff; answers are cached on disk.",
    )
    fetch.add_argument(
        "titles",
        nargs="+",
        metavar="TITLE_OR_URL",
        help="a page title ('Battle of Aleppo (2012-2016)') or its URL "
        "(https://en.wikipedia.org/wiki/...)",
    )
    fetch.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_ARTICLES, metavar="DIR",
        help=f"folder to write into (default {DEFAULT_ARTICLES}/)",
    )  # fmt: skip
    fetch.add_argument(
        "--api", metavar="URL", help="the MediaWiki API to ask (default: English Wikipedia's)"
    )
    _add_http(fetch)
    fetch.set_defaults(run=_fetch)


def _add_http(command: argparse.ArgumentParser) -> None:
    """The options of a command that asks web services: cache, pace, patience."""
    command.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="folder of cached answers (default $XDG_CACHE_HOME/aleppo-kg or ~/.cache/aleppo-kg)",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="neither read nor write cached answers"
    )
    command.add_argument(
        "--interval", type=float, default=1.0, help="seconds between requests (default 1)"
    )
    command.add_argument("--timeout", type=float, default=10.0, help="seconds per request")


def _http(args: argparse.Namespace):
    from aleppo_kg.curation.web import Http, default_cache

    cache = None if args.no_cache else (args.cache or default_cache())
    return Http(cache, args.interval, args.timeout)


def _add_link(commands: argparse._SubParsersAction) -> None:
    link = commands.add_parser(
        "link",
        help="report which resources are linked to Wikidata; propose links with --online; "
        "take reviewed proposals in with --accept",
        description="Report, per kind, the resources of the articles' graph that are linked to "
        "Wikidata (by data/links.tsv, the reviewed table) and why the others are not. With "
        "--online, propose items: for a resource with a Wikipedia page, the item whose enwiki "
        "sitelink is that page (its class checked against the resource's kind); for the "
        "others, candidates found by label. Proposals go to a file in the table's columns for "
        "a person to review; --accept takes the reviewed rows into data/links.tsv. Nothing is "
        "ever applied unreviewed.",
    )
    link.add_argument("articles", nargs="*", type=Path, metavar="ARTICLE")
    link.add_argument(
        "--data", type=Path, metavar="FILE", help="a built graph to report on instead of ARTICLEs"
    )
    add_input_format(link)
    link.add_argument("--online", action="store_true", help="ask Wikidata for proposals")
    link.add_argument(
        "--accept",
        type=Path,
        metavar="FILE",
        help="add the reviewed rows of FILE (data/links.tsv's columns) to data/links.tsv",
    )
    link.add_argument(
        "--proposals",
        type=Path,
        default=Path("output/link-proposals.tsv"),
        help="where --online writes its proposals",
    )
    link.add_argument("--links", type=Path, help=argparse.SUPPRESS)  # default: data/links.tsv
    link.add_argument("--api-url", help=argparse.SUPPRESS)  # default: wikidata.API_URL
    link.add_argument("--sparql-url", help=argparse.SUPPRESS)  # default: wikidata.SPARQL_URL
    link.add_argument("--wikipedia-api-url", help=argparse.SUPPRESS)  # mediawiki.API_URL
    _add_http(link)
    link.set_defaults(run=_link)


def _evaluate(args: argparse.Namespace) -> int:
    from aleppo_kg.build.options import article_files
    from aleppo_kg.build.reading import read_article
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


def _fetch(args: argparse.Namespace) -> int:
    from aleppo_kg.curation import mediawiki

    titles = [mediawiki.title_of(text) for text in args.titles]
    client = mediawiki.Client(_http(args), args.api or mediawiki.API_URL)
    pages = {}
    for title in titles:  # all asked before anything is written
        page = client.revision(title)
        pages.setdefault(page.title, page)
    for page in pages.values():
        try:
            wiki, source = mediawiki.write_article(page, args.output)
        except OSError as err:  # a folder that is a file, no permission, a full disk
            raise InputError(f"{args.output}: cannot write ({err.strerror or err})") from None
        moved = f" ({page.asked!r} leads there)" if page.asked != page.title else ""
        when = f", from the cache of {page.retrieved}" if page.cached else ""
        print(
            f"wrote {wiki} and {source.name}: {page.title!r}{moved}, revision {page.revision} "
            f"of {page.timestamp}{when}"
        )
    return 0


def _link(args: argparse.Namespace) -> int:
    from aleppo_kg.build.link import links_file, load_links
    from aleppo_kg.curation.links import statuses

    if args.accept:
        if args.online or args.data or args.articles:
            raise InputError("--accept takes no ARTICLE, --data or --online")
        return _accept(args)
    if args.data and args.articles:
        raise InputError("give ARTICLEs or --data FILE, not both")
    graph = _link_graph(args)
    found = statuses(graph, load_links(args.links or links_file()))
    _print_statuses(found)
    if args.online:
        _propose(args, graph, [(s.resource, s.label) for s in found if not s.item])
    return 0


def _link_graph(args: argparse.Namespace) -> Graph:
    if args.data:
        return load_graph(args.data, args.input_format)
    from aleppo_kg.build.pipeline import BuildOptions, build_graph

    return build_graph(articles_or_seed(args.articles), BuildOptions(validate=False)).graph


def _print_statuses(found: list[Status]) -> None:
    """Each resource with its item or the reason it has none, then the counts per kind."""
    counts: Counter = Counter()
    for status in found:
        kind = status.resource.split("/", 1)[0]
        counts[(kind, status.item is not None)] += 1
        if status.item:
            print(f"linked\t{status.resource}\t{status.label}\t{status.item}")
        else:
            print(f"unlinked\t{status.resource}\t{status.label}\t{status.reason}")
    for kind in sorted({k for k, _ in counts}):
        print(f"{kind}: {counts[(kind, True)]} linked, {counts[(kind, False)]} unlinked")
    if any(not status.item for status in found):
        print(
            "An unlinked resource keeps its IRI and label; no identifier is guessed. To link more, "
            "`aleppo-kg link --online` writes proposals to output/link-proposals.tsv; review them, "
            "then add them with `aleppo-kg link --accept output/link-proposals.tsv`."
        )


def _propose(args: argparse.Namespace, graph: Graph, unlinked: list[tuple[str, str]]) -> None:
    """Proposals for the unlinked resources: by their pages' sitelinks, else by label."""
    from aleppo_kg.build.write import write_atomic
    from aleppo_kg.curation import mediawiki, sitelinks, wikidata
    from aleppo_kg.curation.links import proposals_table
    from aleppo_kg.lexicon import load_lexicon

    lexicon = load_lexicon()
    items = wikidata.Client(
        _http(args), args.api_url or wikidata.API_URL, args.sparql_url or wikidata.SPARQL_URL
    )
    wikipedia = mediawiki.Client(_http(args), args.wikipedia_api_url or mediawiki.API_URL)
    pages = sitelinks.pages_to_link(graph, set(lexicon.wikidata_classes))
    findings = sitelinks.by_sitelinks(pages, items, wikipedia, lexicon.wikidata_classes)
    with_page = {page.resource for page in pages}
    by_label = [(key, label) for key, label in unlinked if key not in with_page]
    candidates = wikidata.propose(by_label, items, country_label(graph), lexicon.wikidata_kinds)
    write_atomic(args.proposals, proposals_table(findings, candidates))
    for found in findings:
        if found.problem:
            print(f"not proposed\t{found.page.resource}\t{found.page.title}\t{found.problem}")
    proposed = sum(1 for found in findings if not found.problem)
    print(
        f"wrote {args.proposals}: {proposed} item(s) by Wikipedia page of {len(pages)} "
        f"page(s), {len(candidates)} candidate(s) by label for {len(by_label)} resource(s) "
        "without a page. Nothing was applied: review the file (delete the rows you do not "
        f"confirm), then run `aleppo-kg link --accept {args.proposals}`."
    )


def _accept(args: argparse.Namespace) -> int:
    from aleppo_kg.build.link import links_file
    from aleppo_kg.curation.links import accept

    table = args.links or links_file()
    done = accept(args.accept, table)
    for row in done:
        print(f"{row.action}\t{row.resource}\t{row.wikidata or ''}\t{row.evidence}")
    changed = sum(1 for row in done if row.action != "already there")
    if changed:
        print(f"{table}: {changed} row(s) added or completed; rebuild to put them in the graph")
    else:
        print(f"{table}: nothing to add")
    return 0


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
