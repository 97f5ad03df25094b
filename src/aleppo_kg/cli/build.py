"""``aleppo-kg build``: articles to a validated graph and its dataset description."""

from __future__ import annotations

import argparse
import io
import os
import re
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from aleppo_kg.build.options import FORMATS as WRITE_FORMATS
from aleppo_kg.build.options import article_files, in_batches
from aleppo_kg.build.reading_process import read_ahead
from aleppo_kg.cli.common import DEFAULT_OUTPUT, _positive, articles_or_seed, print_violations
from aleppo_kg.cli.progress import ProgressBar, summary
from aleppo_kg.collector import uncollected
from aleppo_kg.errors import InputError
from aleppo_kg.vocab import DUMP_BASE

if TYPE_CHECKING:
    from aleppo_kg.build.validate import Violation

STDIN = Path("-")  # the ARTICLE that stands for standard input
_URL = re.compile(r"https?://[^\s/?#<>\"{}|\\^`]+(?:/[^\s?#<>\"{}|\\^`]*)?")
# The exit status of a build that wrote its graph but skipped unreadable articles.
SKIPPED = 3


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``build`` to the command line."""
    build = commands.add_parser(
        "build",
        help="build the graph from articles and write it as Turtle",
        description="Parse the articles, extract their infobox and prose facts, map them to "
        "RDF, validate with SHACL, merge them into one graph (one resource per place, group "
        "or person, every fact with its own article's provenance) and write Turtle, with "
        "its dataset description (VoID and DCAT: counts, sources, licences) beside it. With "
        "several articles or a folder, a progress bar (on a terminal) and a summary line go "
        "to stderr; --jobs builds batches in parallel. With no ARTICLE, builds the bundled "
        "'2012 Aleppo Governorate clashes' article. When the graph or its description "
        "violates its shapes, neither is written (exit 1); an unreadable file exits 2. An "
        "infobox line or item that cannot be read is skipped with a warning naming the line "
        "(an error, exit 2, with --strict).",
    )
    _add_arguments(build)
    build.set_defaults(run=_build)


def _add_arguments(build: argparse.ArgumentParser) -> None:
    build.add_argument(
        "articles",
        nargs="*",
        type=Path,
        metavar="ARTICLE",
        help="article files, plain text (*.txt) or wikitext (*.wiki), or folders of them, or - "
        "for standard input (default: the bundled seed article)",
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=1,
        help="worker processes building batches of articles in parallel (default 1)",
    )
    build.add_argument(
        "--no-progress", action="store_true", help="no progress bar (it is off when not a terminal)"
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        help=f"where to write (default, with the format's suffix: {DEFAULT_OUTPUT} for the "
        "bundled article, output/<title-slug>.ttl for one ARTICLE, output/series.ttl for "
        "several)",
    )
    build.add_argument(
        "--void",
        type=Path,
        metavar="PATH",
        help="where to write the dataset description (VoID and DCAT, Turtle; default: "
        "G.void.ttl beside the graph G.ext, output/void.ttl for output/aleppo.ttl)",
    )
    build.add_argument(
        "--base-url",
        type=_base_url,
        default=DUMP_BASE,
        metavar="URL",
        help="where the graph's file will be published: the description names it by URL and "
        f"the file's name (default: {DUMP_BASE}, a stable IRI of the project's namespace)",
    )
    build.add_argument(
        "--format",
        choices=sorted(WRITE_FORMATS),
        default="turtle",
        help="turtle (default), nt (N-Triples, sorted), trig or nquads (one named graph per "
        "article), or jsonld (JSON-LD with the project's context)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (skipped infobox lines and items, unknown infobox keys, "
        "unknown nouns) as errors",
    )
    build.add_argument(
        "--keep-going",
        action="store_true",
        help="skip an article that cannot be read at all (one error line each), build and "
        "write the rest, and exit 3; without it the first such article stops the build",
    )


def _build(args: argparse.Namespace) -> int:
    with given_articles(args.articles) as articles:
        return _build_articles(articles, args)


@contextmanager
def given_articles(given: Sequence[Path]) -> Iterator[list[Path]]:
    """The articles to build: ``-`` is standard input, kept in a temporary file while the build
    reads it; none is the bundled article, with a notice if text was piped in (and ignored)."""
    if STDIN not in given:
        if not given and _piped(sys.stdin):
            print(
                "aleppo-kg: notice: no ARTICLE given: building the bundled article, not "
                "standard input (give '-' to build an article piped in)",
                file=sys.stderr,
            )
        yield articles_or_seed(given)
        return
    if list(given).count(STDIN) > 1:
        raise InputError("'-' (standard input) can be given only once")
    import tempfile  # for standard input only: 3 ms the reading process starts sooner without

    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"standard input: not UTF-8 text ({err.reason})") from None
    with tempfile.TemporaryDirectory(prefix="aleppo-kg-") as folder:
        piped = Path(folder) / "standard-input.txt"
        piped.write_text(text, encoding="utf-8")
        yield [piped if path == STDIN else path for path in given]


def _piped(stream: TextIO) -> bool:
    """Whether ``stream`` is a pipe or a file (not a terminal, not /dev/null)."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def _build_articles(articles: list[Path], args: argparse.Namespace) -> int:
    """Build ``articles`` and write the graph and its description as ``args`` say."""
    batches = in_batches(article_files(articles))
    if batches and (args.jobs <= 1 or len(batches) == 1):  # read while the stages are imported
        with suppress(OSError):  # no process to start: the pipeline reads them itself
            read_ahead(batches[0], args.strict, args.keep_going)  # the pipeline takes it
    with uncollected_imports():
        from aleppo_kg.build.pipeline import BuildOptions, build_graph, write_build

    started = time.perf_counter()
    bar = None if args.no_progress or not sys.stderr.isatty() else ProgressBar(sys.stderr)
    options = BuildOptions(
        strict=args.strict,
        jobs=args.jobs,
        named=WRITE_FORMATS[args.format].named,
        keep_going=args.keep_going,
    )
    result = build_graph(articles, options, progress=bar)
    if bar:
        bar.finish()
    for warning in result.warnings:
        print(f"aleppo-kg: warning: {warning}", file=sys.stderr)
    for error in result.skipped:
        print(f"aleppo-kg: error: {error} (article skipped)", file=sys.stderr)
    if result.skipped and not result.articles:
        raise InputError(f"none of the {len(result.skipped)} article(s) could be read")
    if args.strict and result.warnings:
        raise InputError(f"{len(result.warnings)} warning(s) and --strict is set")
    output = args.output or default_output(result.slugs if args.articles else (), args.format)
    void = args.void or description_path(output)
    written = write_build(result, output, void, args.format, args.base_url)
    if written.refused:
        return _not_written(written.refused, written.why, output, void)
    print(f"wrote {output}: {result.triples} triples from {result.articles} article(s)")
    print(f"wrote {void}")
    late = [] if written.description.facts.created else [_undated(void)]
    for warning in late:
        print(f"aleppo-kg: warning: {warning}", file=sys.stderr)
    print(summary(result, time.perf_counter() - started, len(late)), file=sys.stderr)
    return SKIPPED if result.skipped else 0


@contextmanager
def uncollected_imports() -> Iterator[None]:
    """Import the build's stages set aside from the garbage collector (:mod:`aleppo_kg.collector`):
    the collector scanned what they make 67 times while they were made (8 ms of the bundled
    article's build). Only the first import does this.
    """
    with nullcontext() if "aleppo_kg.build.pipeline" in sys.modules else uncollected():
        yield


def _undated(void: Path) -> str:
    """The description's one warning: it concerns the articles' sidecars, not their text, so
    it says once, for the whole build, how to give the dataset its date."""
    return (
        f"{void}: no dcterms:created: no article's sidecar says when its text was retrieved "
        '(add "retrieved": "YYYY-MM-DD" to each ARTICLE.source.json; aleppo-kg fetch writes it)'
    )


def default_output(slugs: Sequence[str], fmt: str) -> Path:
    """Where a build writes without ``-o``: the bundled article (no ARTICLE given) to
    output/aleppo.<suffix>, one article to output/<its title's slug>.<suffix>, several to
    output/series.<suffix>: a user's articles never overwrite the committed graph."""
    stem = DEFAULT_OUTPUT.stem if not slugs else slugs[0] if len(slugs) == 1 else "series"
    return DEFAULT_OUTPUT.with_name(stem + WRITE_FORMATS[fmt].suffix)


def description_path(output: Path) -> Path:
    """Where a graph's description goes without ``--void``: the committed pair is
    output/aleppo.ttl and output/void.ttl; any other graph G.ext gets G.void.ttl beside it, so
    that two graphs in one folder never share, and overwrite, one description."""
    if output.resolve() == DEFAULT_OUTPUT.resolve():
        return output.with_name("void.ttl")
    return output.with_suffix(".void.ttl")


def _base_url(text: str) -> str:
    """An absolute http(s) URL of a folder (a missing final slash is added): the description's
    IRI of the dump must mean the same on every machine, and be written without escapes."""
    if not _URL.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http(s) URL without spaces, quotes or angle brackets"
        )
    return text if text.endswith("/") else text + "/"


def _not_written(violations: Sequence[Violation], why: str, output: Path, void: Path) -> int:
    """Neither the graph nor its description is written when either violates its shapes."""
    print_violations(violations)
    print(f"aleppo-kg: not written: {why}; {output} and {void} are unchanged", file=sys.stderr)
    return 1
