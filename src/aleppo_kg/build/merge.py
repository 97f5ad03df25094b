"""Stage 5 (merge): the articles' triples -> one graph, and one named graph per article.

Works on N-Triples lines, not rdflib graphs: a series of thousands of articles
is millions of triples, and a set of strings holds and sorts them far faster
than an in-memory rdflib store. Resources are already one IRI per real-world
entity (the mapper builds IRIs from normalised names and Wikidata items), so
merging is a union; what it must settle is the label: the first article to
label a resource fixes its ``rdfs:label``, later spellings become
``skos:altLabel``, so every resource keeps exactly one label.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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


@dataclass
class Merger:
    """Takes the articles in order and keeps the union, the labels and who said what."""

    keep_named: bool = False
    union: set[str] = field(default_factory=set)
    named: list[tuple[str, list[str]]] = field(default_factory=list)
    shared: set[str] = field(default_factory=set)  # subjects asserted by two or more batches
    labels: dict[str, str] = field(default_factory=dict)
    owner: dict[str, int] = field(default_factory=dict)

    def add(self, graph: str, lines: Iterable[str], batch: int) -> None:
        """One article's lines; ``batch`` is the group of articles validated together."""
        kept: list[str] = []
        for line in lines:
            subject, predicate, rest = split(line)
            if predicate == LABEL:
                line = self._label(subject, rest)
                if line is None:
                    continue
            if self.owner.setdefault(subject, batch) != batch:
                self.shared.add(subject)
            kept.append(line)
        self.union.update(kept)
        if self.keep_named:
            self.named.append((graph, kept))

    def _label(self, subject: str, rest: str) -> str | None:
        """The line to keep for a label: the label itself, an altLabel, or none (a case variant)."""
        first = self.labels.setdefault(subject, rest)
        if first == rest:
            return f"{subject} {LABEL} {rest}"
        if first.casefold() == rest.casefold():
            return None
        return f"{subject} {ALT_LABEL} {rest}"

    def lines(self) -> list[str]:
        """The merged graph, one sorted N-Triples line per triple: deterministic output."""
        return sorted(self.union)

    def quads(self) -> Iterator[str]:
        """Each article's triples in its named graph, as N-Quads lines, by graph then line."""
        for graph, lines in sorted(self.named):
            for line in sorted(lines):
                yield f"{line[:-3]} <{graph}> .\n"

    def shared_lines(self) -> list[str]:
        """What validating the shared resources needs: their triples, and their values' types.

        A resource two batches both describe was validated in each batch with only
        that batch's triples; against the union its triples (labels, links,
        provenance from several articles) are checked again.
        """
        chosen: list[str] = []
        values: set[str] = set()
        for line in self.union:
            subject, _, rest = split(line)
            if subject in self.shared:
                chosen.append(line)
                values.add(rest[:-3])
        values -= self.shared
        for line in self.union:
            subject, predicate, _ = split(line)
            if subject in values and predicate in (TYPE, IN_SCHEME):
                chosen.append(line)
        return sorted(chosen)
