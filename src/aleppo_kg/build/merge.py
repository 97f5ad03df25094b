"""Stage 5 (merge): the articles' triples -> one graph, and one named graph per article.

Works on N-Triples lines, not rdflib graphs: a series of thousands of articles
is millions of triples, and sorted text merges far faster than an in-memory
rdflib store. Nor does it hold the lines in memory: each batch's lines go to
sorted runs on disk (:mod:`aleppo_kg.build.runs`), merged into one sorted file
of distinct lines when the last batch is in, so memory stays flat as a series
grows. Resources are already one IRI per real-world
entity (the mapper builds IRIs from normalised names and Wikidata items), so
merging is a union; what it must settle is the label: the first article to
label a resource fixes its ``rdfs:label``, later spellings become
``skos:altLabel``, so every resource keeps exactly one label.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aleppo_kg.build.runs import Runs, read
from aleppo_kg.vocab import RDF, RDFS, SKOS

# The predicates the merge looks at, as N-Triples writes them.
LABEL = f"<{RDFS.label}>"
ALT_LABEL = f"<{SKOS.altLabel}>"
TYPE = f"<{RDF.type}>"
IN_SCHEME = f"<{SKOS.inScheme}>"


def split(line: str) -> tuple[str, str, str]:
    """An N-Triples line -> subject, predicate, and the rest (object and final dot).

    IRIs and blank-node labels hold no spaces in N-Triples, so the first two
    spaces end the subject and the predicate.
    """
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest


# A subject's merged lines, each with the batches that gave it.
Described = list[tuple[str, frozenset[int]]]


@dataclass(frozen=True)
class MergedLines:
    """The merged graph on disk: sorted distinct N-Triples lines, read again on each pass."""

    path: Path
    count: int

    def __iter__(self) -> Iterator[str]:
        with read(self.path) as lines:
            yield from lines

    def __len__(self) -> int:
        return self.count


@dataclass
class Merger:
    """Takes the articles in order, settles their labels and keeps their lines in sorted runs.

    Only the labels (one per labelled resource) stay in memory; the lines go to
    disk, tagged with their batch, so that :meth:`finish` can tell which
    resources several batches describe.
    """

    keep_named: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    merged: MergedLines | None = field(default=None, init=False, repr=False)  # by finish()

    def __post_init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="aleppo-kg-merge-")
        root = Path(self._folder.name)
        (root / "union").mkdir()
        (root / "named").mkdir()
        self._union = Runs(root / "union")
        self._named = Runs(root / "named", key=_graph_then_line)

    def add(self, graph: str, lines: Iterable[str], batch: int) -> None:
        """One article's lines; ``batch`` is the group of articles validated together."""
        kept: list[str] = []
        for line in lines:
            subject, predicate, rest = split(line)
            if predicate == LABEL:
                line = self._label(subject, rest)
                if line is None:
                    continue
            kept.append(line)
        self._union.extend(f"{line[:-1]}{batch}\n" for line in kept)
        if self.keep_named:
            self._named.extend(f"{line[:-3]} <{graph}> .\n" for line in kept)

    def _label(self, subject: str, rest: str) -> str | None:
        """The line to keep for a label: the label itself, an altLabel, or none (a case variant)."""
        first = self.labels.setdefault(subject, rest)
        if first == rest:
            return f"{subject} {LABEL} {rest}"
        if first.casefold() == rest.casefold():
            return None
        return f"{subject} {ALT_LABEL} {rest}"

    def finish(self, shared: Callable[[Described], None] | None = None) -> MergedLines:
        """Merge the runs into one file of sorted distinct lines (the merged graph).

        ``shared`` is called with the lines of each subject that two or more
        batches describe, in one pass with the merge.
        """
        path = Path(self._folder.name) / "merged.nt"
        count = 0
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for line in _by_subject(_distinct(self._union.merged()), shared):
                out.write(line)
                count += 1
        self._union.clear()
        self.merged = MergedLines(path, count)
        return self.merged

    @property
    def union(self) -> MergedLines:
        """The merged graph (once :meth:`finish` has run)."""
        if self.merged is None:
            raise RuntimeError("the merge is not finished")
        return self.merged

    def lines(self) -> Iterator[str]:
        """The merged graph, one sorted N-Triples line per triple: deterministic output."""
        return iter(self.union)

    def quads(self) -> Iterator[str]:
        """Each article's triples in its named graph, as N-Quads lines, by graph then line."""
        return self._named.merged()


def _graph_then_line(quad: str) -> tuple[str, str]:
    """An N-Quads line's sort key: its graph IRI, then the line (as the triple's line sorts)."""
    return quad[quad.rindex(" <") + 2 : -4], quad


def _distinct(tagged: Iterator[str]) -> Iterator[tuple[str, frozenset[int]]]:
    """Sorted lines tagged with their batch (``... .<batch>``) -> each line once, with its
    batches."""
    line, batches = None, set()
    for entry in tagged:
        head, _, batch = entry.rpartition(".")
        if head != line:
            if line is not None:
                yield f"{line}.\n", frozenset(batches)
            line, batches = head, set()
        batches.add(int(batch))
    if line is not None:
        yield f"{line}.\n", frozenset(batches)


def _by_subject(
    lines: Iterator[tuple[str, frozenset[int]]], shared: Callable[[Described], None] | None
) -> Iterator[str]:
    """The lines, passing each subject that several batches describe to ``shared`` on the way."""
    subject, group = None, []
    for line, batches in lines:
        yield line
        if shared is None:
            continue
        head = line[: line.index(" ")]
        if head != subject:
            _call_if_shared(group, shared)
            subject, group = head, []
        group.append((line, batches))
    if shared is not None:
        _call_if_shared(group, shared)


def _call_if_shared(group: Described, shared: Callable[[Described], None]) -> None:
    if len(group) > 1 and len(frozenset().union(*(batches for _, batches in group))) > 1:
        shared(group)
