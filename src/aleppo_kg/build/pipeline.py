"""The whole pipeline in one place: parse -> extract -> link -> map -> validate -> merge -> write.

Beside the graph a build writes its dataset description (VoID, DCAT), computed
from the merged graph (:mod:`aleppo_kg.describe`), mapped and validated too.

Articles are built in batches. A batch (a few articles) is parsed, extracted,
mapped and validated as one graph, in a worker process when ``jobs`` > 1, and
comes back as N-Triples lines per article; the parent merges the batches in
the articles' order, on disk, so the output does not depend on ``jobs`` and
memory does not grow with the series. A resource two batches describe is
validated once more against the merged graph only when no batch saw all of what
the shapes could reject in it together (:mod:`aleppo_kg.build.crossbatch`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from aleppo_kg.build.crossbatch import CrossBatch, watch_of
from aleppo_kg.build.describe import Description, describe_graph
from aleppo_kg.build.link import link_records, load_links
from aleppo_kg.build.map import map_articles
from aleppo_kg.build.merge import Merger
from aleppo_kg.build.options import BUILD_ENGINE, article_files, in_batches
from aleppo_kg.build.reading import Read, read_all
from aleppo_kg.build.reading_process import taken
from aleppo_kg.build.validate import (
    Verdict,
    Violation,
    prepare,
    settled,
    usable,
    validate_graph,
    validate_later,
)
from aleppo_kg.build.write import atomic_files, description_turtle, graph_to, ntriples
from aleppo_kg.errors import InputError
from aleppo_kg.interrupts import ignore_interrupts
from aleppo_kg.lexicon import Lexicon, load_lexicon
from aleppo_kg.resources import shapes_file
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import AKR, DUMP_BASE, article_graph, new_graph

ENTITY_KINDS = ("place", "org", "person")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    """How to build: one value handed to every stage and to the worker processes."""

    validate: bool = True  # SHACL-validate the graph (a violation stops the build)
    strict: bool = False  # a line or item that cannot be read is an error, not a warning
    jobs: int = 1  # worker processes building batches in parallel
    named: bool = False  # keep each article's triples apart, for TriG and N-Quads
    keep_going: bool = False  # skip an article that cannot be read instead of stopping
    engine: str = BUILD_ENGINE  # the SHACL engine (build/validate.py's ENGINES)


@dataclass(frozen=True)
class ArticleResult:
    """One article, mapped: its named graph, its triples and what the reading noticed."""

    path: Path
    graph: str
    lines: tuple[str, ...]
    warnings: tuple[str, ...]
    events: int


@dataclass(frozen=True)
class BatchResult:
    """A batch of articles and the violations of their graph (from a worker process, found;
    in the build's own process, maybe still being found beside it)."""

    articles: tuple[ArticleResult, ...]
    verdict: Verdict
    skipped: tuple[str, ...] = ()  # with keep_going: why each unreadable article was skipped


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the merged graph, its warnings and violations, and counts."""

    merged: Merger
    warnings: tuple[str, ...]
    verdicts: tuple[Verdict, ...]  # the batches' and the cross-batch check's
    articles: int = 0
    events: int = 0
    skipped: tuple[str, ...] = ()  # with keep_going: why each unreadable article was skipped
    slugs: tuple[str, ...] = ()  # the built articles' title slugs, in build order

    @cached_property
    def graph(self) -> Graph:
        """The merged graph as an rdflib graph (parsed on demand: big series are slow here)."""
        graph = new_graph()
        graph.parse(data="".join(self.merged.lines()), format="nt")
        return graph

    @cached_property
    def violations(self) -> tuple[Violation, ...]:
        """Every violation of the shapes, sorted (awaiting a validation still running)."""
        return tuple(sorted({v for verdict in self.verdicts for v in settled(verdict)}, key=str))

    @property
    def triples(self) -> int:
        return len(self.merged.union)

    @cached_property
    def entities(self) -> dict[str, int]:
        """Places, organisations and people in the merged graph (each counted once)."""
        counts = dict.fromkeys(ENTITY_KINDS, 0)
        for subject in self.merged.labels:  # the merge kept one label per labelled resource
            kind = subject[len(str(AKR)) + 1 :].split("/", 1)[0]
            if kind in counts:
                counts[kind] += 1
        return counts


def build_graph(
    articles: Sequence[Path],
    options: BuildOptions = BuildOptions(),
    progress: Progress | None = None,
) -> BuildResult:
    """Build and merge the articles' graphs; nothing is written.

    Infobox items that cannot be read are skipped with warnings, unless ``options.strict``
    makes them errors.
    """
    paths = article_files(articles)
    if options.validate:  # resolved once here, so a fallback is announced once, not per worker
        options = replace(options, engine=usable(options.engine))
        prepare(options.engine, shapes_file())  # compiled while the first batch is read
    merger = Merger(keep_named=options.named)
    warnings: list[str] = []
    skipped: list[str] = []
    verdicts: list[Verdict] = []
    graphs: dict[str, Path] = {}
    events = done = 0
    batches = in_batches(paths)
    for number, batch in enumerate(_run(batches, options)):
        if verdicts:  # the batch before is settled: one batch's text waits, not all of them
            verdicts[-1] = settled(verdicts[-1])
        verdicts.append(batch.verdict)
        skipped.extend(batch.skipped)
        for article in batch.articles:
            _claim(graphs, article)
            merger.add(article.graph, article.lines, number)
            warnings.extend(article.warnings)
            events += article.events
        done += len(batch.articles)
        if progress:
            progress(done, len(paths))
    # what no batch validated exists only where two batches meet
    cross = CrossBatch(watch_of()) if options.validate and len(batches) > 1 else None
    merger.finish(cross)
    if cross:
        verdicts.append(tuple(cross.violations(merger.lines(), options.engine)))
    return BuildResult(
        merger,
        tuple(warnings),
        tuple(verdicts),
        len(paths) - len(skipped),
        events,
        tuple(skipped),
        tuple(graph.rsplit("/", 1)[-1] for graph in graphs),  # akr:graph/<slug>
    )


def _claim(graphs: dict[str, Path], article: ArticleResult) -> None:
    """Two articles with one title would pour their facts into one named graph."""
    first = graphs.setdefault(article.graph, article.path)
    if first != article.path:
        raise InputError(f"{article.path}: same title as {first} (graph <{article.graph}>)")


def _run(batches: list[list[Path]], options: BuildOptions) -> Iterator[BatchResult]:
    """The batches' results in order: in this process, or in ``jobs`` worker processes."""
    tasks = [(tuple(batch), options) for batch in batches]
    if options.jobs <= 1 or len(tasks) <= 1:  # validated beside the next batch's reading
        yield from (build_batch(task, beside=True) for task in tasks)
        return
    from multiprocessing import get_context  # a build in one process never needs it

    # spawn, not fork: a fresh interpreter per worker, safe whatever threads the parent runs.
    # The workers ignore Ctrl-C: the parent alone stops, and leaving the block (an interrupt
    # or an error included) terminates them at once instead of letting their batches finish.
    context = get_context("spawn")
    with context.Pool(options.jobs, initializer=ignore_interrupts) as pool:
        yield from pool.imap(build_batch, tasks)


def build_batch(task: tuple[tuple[Path, ...], BuildOptions], beside: bool = False) -> BatchResult:
    """Read, link, map and validate a few articles as one graph (a worker's job); ``beside``
    validates in a thread and returns before the verdict (:func:`validate_later`). Articles
    the command asked the reading process for (:mod:`.reading_process`) are read there."""
    paths, options = task
    lexicon = load_lexicon()
    table = load_links()
    extractions, skipped = _read(paths, lexicon, options)
    paths = tuple(e.article.path for e in extractions)
    linked = link_records(extractions, table)
    contributions = map_articles(linked, lexicon)
    articles = tuple(
        ArticleResult(
            path,
            str(article_graph(slugify(e.article.title))),
            ntriples(triples),
            e.warnings,
            len(e.events),
        )
        for path, e, triples in zip(paths, extractions, contributions, strict=True)
    )
    verdict: Verdict = ()
    if options.validate:  # the articles' N-Triples lines, not an rdflib graph made to validate
        text = "".join(set().union(*(article.lines for article in articles)))
        if beside:
            verdict = validate_later(text, options.engine)
        else:
            verdict = tuple(validate_graph(text, engine=options.engine))
    return BatchResult(articles, verdict, skipped)


def _read(paths: Sequence[Path], lexicon: Lexicon, options: BuildOptions) -> Read:
    """The batch's articles as the reading process read them, if the command asked it to;
    else read here, and here too where that process failed (the failure, met again, then
    has its own traceback)."""
    asked = taken(paths, options.strict, options.keep_going)
    if asked is not None:
        with suppress(RuntimeError):
            return asked.result()
    return read_all(paths, lexicon, options.strict, options.keep_going)


@dataclass(frozen=True)
class Written:
    """What the last stages did: the description of what was written, or why nothing was."""

    description: Description | None
    refused: tuple[Violation, ...] = ()  # the violations that stopped the writing
    why: str = ""


def write_build(
    result: BuildResult, output: Path, void: Path, fmt: str = "turtle", base_url: str = DUMP_BASE
) -> Written:
    """The last stages: describe the merged graph (its file published at ``base_url``), then
    write the graph and description, or neither when either violates its shapes."""
    refused = "the graph violates the shapes"
    try:  # while the graph is still being validated (validate_later)
        description = describe_graph(result.merged.union, output, fmt, base_url)
    except Exception:  # describing assumes the shapes hold: if not, that is the reason to give
        if not result.violations:
            raise
        return Written(None, result.violations, refused)
    if description.violations:  # the graph's own violations, if any, come first
        if result.violations:
            return Written(None, result.violations, refused)
        return Written(
            description, description.violations, "the dataset description violates its shapes"
        )
    # both written while the graph may still be being validated, and kept only if it conforms
    with atomic_files(output, void, keep=lambda: not result.violations) as (graph, about):
        graph_to(graph, result.merged, fmt, lambda: result.graph)
        about.write(description_turtle(description.lines, description.facts.slug))
    if result.violations:
        return Written(None, result.violations, refused)
    return Written(description)
