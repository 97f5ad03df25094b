"""Time each pipeline stage and the whole `aleppo-kg build` command; print the figures.

Usage: python benchmarks/build.py [--runs N] [ARTICLE ...]
Stages are timed in-process (median of N runs after one warm-up); the command is
timed as a user runs it (a fresh process each time, imports included). Validation is
timed as the build does it (pyshacl-turbo on the N-Triples text) and, for comparison,
by pySHACL, the reference engine, on an rdflib graph of the same triples.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from timing import machine, median_ms

import aleppo_kg
from aleppo_kg.build.infobox import read_infobox
from aleppo_kg.build.link import link_records, load_links
from aleppo_kg.build.map import graph_of, map_articles
from aleppo_kg.build.merge import Merger
from aleppo_kg.build.options import BUILD_ENGINE
from aleppo_kg.build.parse import parse_article
from aleppo_kg.build.prose import read_events
from aleppo_kg.build.validate import validate_graph
from aleppo_kg.build.write import ntriples, serialize
from aleppo_kg.lexicon import Lexicon, load_lexicon
from aleppo_kg.model import Extraction
from aleppo_kg.resources import default_article
from aleppo_kg.vocab import all_prefixes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("articles", nargs="*", type=Path)
    args = parser.parse_args()
    articles = args.articles or [default_article()]

    print(machine())
    print(_bytecode())
    print(f"articles: {', '.join(a.name for a in articles)}; median of {args.runs} runs\n")
    lexicon = load_lexicon()
    parse_ms, parsed = median_ms(args.runs, lambda: [parse_article(a, lexicon) for a in articles])
    infobox_ms, infoboxes = median_ms(args.runs, lambda: [read_infobox(p, lexicon) for p in parsed])
    prose_ms, records = median_ms(args.runs, lambda: _prose(infoboxes, lexicon))
    links = load_links()
    map_ms, triples = median_ms(
        args.runs, lambda: map_articles(link_records(records, links), lexicon)
    )
    lines_ms, lines = median_ms(args.runs, lambda: [ntriples(t) for t in triples])
    text = "".join(set().union(*lines))
    validate_ms, _ = median_ms(args.runs, lambda: validate_graph(text, engine=BUILD_ENGINE))
    graph_ms, graph = median_ms(args.runs, lambda: graph_of(triples))
    pyshacl_ms, _ = median_ms(args.runs, lambda: validate_graph(graph, engine="pyshacl"))
    merge_ms, merged = median_ms(args.runs, lambda: _merge(lines))
    write_ms, data = median_ms(args.runs, lambda: _turtle(merged, graph))
    print("stage              median ms")
    for name, ms in [
        ("parse", parse_ms),
        ("infobox", infobox_ms),
        ("prose", prose_ms),
        ("map", map_ms),
        ("N-Triples lines", lines_ms),
        (f"validate ({BUILD_ENGINE})", validate_ms),
        ("merge", merge_ms),
        ("write Turtle", write_ms),
    ]:
        print(f"{name:<18} {ms:9.1f}")
    print("reference, not in the build:")
    print(f"{'  rdflib graph':<18} {graph_ms:9.1f}")
    print(f"{'  pySHACL on it':<18} {pyshacl_ms:9.1f}")
    print(f"\ntriples: {len(graph)}; Turtle: {len(data):,} bytes")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak_mib:.0f} MiB")

    command = [str(Path(sys.executable).parent / "aleppo-kg"), "build", *map(str, args.articles)]
    imports = [sys.executable, "-c", "import rdflib, pyshacl"]
    with tempfile.TemporaryDirectory() as folder:
        builds, baseline = [], []
        for _ in range(args.runs):  # interleaved, so that both see the same machine
            builds.append(_wall([*command, "-o", f"{folder}/out.ttl"]))
            baseline.append(_wall(imports))
    print(
        f"`aleppo-kg build` wall time: median {statistics.median(builds):.2f} s "
        f"(min {min(builds):.2f}, max {max(builds):.2f}) over {args.runs} runs"
    )
    ratio = statistics.median(builds) / statistics.median(baseline)
    print(
        f"`python -c 'import rdflib, pyshacl'`: median {statistics.median(baseline):.2f} s; "
        f"the build takes {ratio:.2f} times that"
    )


def _bytecode() -> str:
    """Whether the package runs from compiled bytecode, as `pip install .` leaves it.

    An editable install under PYTHONDONTWRITEBYTECODE (set on some machines)
    compiles every module from source in every process, about 80 ms that no
    installed copy pays: the command's wall time is then not a user's.
    """
    cached = Path(importlib.util.cache_from_source(aleppo_kg.__file__)).is_file()
    where = Path(aleppo_kg.__file__).parent
    state = "from bytecode" if cached else "compiled from source in every process (no .pyc)"
    return f"aleppo_kg in {where}: {state}"


def _wall(command: list[str]) -> float:
    """Seconds a fresh process takes to run ``command``."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _turtle(merged: Merger, graph) -> bytes:
    out = io.BytesIO()
    serialize(merged, "turtle", all_prefixes(), lambda: graph, out)
    return out.getvalue()


def _prose(infoboxes: list[Extraction], lexicon: Lexicon) -> list[Extraction]:
    return [
        replace(e, events=tuple(read_events(e.article, e.conflict, lexicon))) for e in infoboxes
    ]


def _merge(lines: list[tuple[str, ...]]) -> Merger:
    merger = Merger()
    for number, article in enumerate(lines):
        merger.add(str(number), article, 0)
    merger.finish()  # the runs merged on disk, as the build does
    return merger


if __name__ == "__main__":
    main()
