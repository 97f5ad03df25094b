"""The SHACL checks two batches can defeat together, done on the merge, not as a second pass.

Each batch of a series is validated on its own. Merging only adds triples, and
most constraints stay met when triples are added: a minimum count, a class, a
datatype, a value that must be present. What adding can break is a maximum
(``sh:maxCount``: two batches give a conflict two start dates), a comparison
of two properties (``sh:lessThanOrEquals``), and anything under ``sh:not`` or
``sh:xone``, where a constraint that starts to hold is a violation; and a
resource typed differently by two batches is checked, merged, by shapes one
of them never applied. The shapes say which properties those are, per class
(:class:`Watch`), so a resource several batches describe needs checking again
only when no single batch gave all its types and all its watched triples: then
the union holds a combination no batch validated. While the merge streams,
:class:`CrossBatch` picks those resources; only they (usually none or a few)
are validated again, with the classes and schemes of their values.

``sh:sparql`` constraints are not analysed: the shapes' whole-graph queries
(``akgsh:GraphShape``) look for something missing, which merging only adds, or
compare values that ``sh:maxCount`` limits to one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from aleppo_kg.build.merge import IN_SCHEME, TYPE, Described, split
from aleppo_kg.build.options import BUILD_ENGINE
from aleppo_kg.build.validate import Violation, validate_graph
from aleppo_kg.resources import shapes_file
from aleppo_kg.vocab import SH

# Parameters that adding values can violate; those of PAIRED name a second property.
LIMITS = (SH.maxCount, SH.qualifiedMaxCount, SH.uniqueLang)
PAIRED = (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint)
ANY = "*"  # a path the analysis cannot name: every predicate is watched


@dataclass(frozen=True)
class Watch:
    """The predicates whose values, combined from several batches, can break a shape."""

    by_class: dict[str, frozenset[str]] = field(default_factory=dict)  # rdf:type object -> watched
    by_predicate: dict[str, frozenset[str]] = field(default_factory=dict)  # targetSubjectsOf
    everywhere: frozenset[str] = frozenset()  # for every subject (value shapes, other targets)

    def of(self, classes: Iterable[str], predicates: Iterable[str]) -> frozenset[str]:
        """What is watched on a subject of these classes (N-Triples terms) with these
        predicates."""
        found = set(self.everywhere)
        for cls in classes:
            found |= self.by_class.get(cls, frozenset())
        for predicate in predicates:
            found |= self.by_predicate.get(predicate, frozenset())
        return frozenset(found)


@cache
def watch_of(path: Path | None = None) -> Watch:
    """The :class:`Watch` of a shapes file (the graph's by default), worked out once a process."""
    shapes = Graph().parse(path or shapes_file(), format="turtle")
    by_class: dict[str, set[str]] = {}
    by_predicate: dict[str, set[str]] = {}
    everywhere: set[str] = set()
    for shape in set(shapes.subjects(SH.targetClass, None)) | set(
        shapes.subjects(SH.targetSubjectsOf, None)
    ):
        focus, values = _walk(shapes, shape)
        everywhere |= values
        for cls in shapes.objects(shape, SH.targetClass):
            by_class.setdefault(_nt(cls), set()).update(focus)
        for predicate in shapes.objects(shape, SH.targetSubjectsOf):
            by_predicate.setdefault(_nt(predicate), set()).update(focus)
    for target in (SH.targetNode, SH.targetObjectsOf):
        for shape in shapes.subjects(target, None):
            everywhere.update(*_walk(shapes, shape))
    return Watch(_frozen(by_class), _frozen(by_predicate), frozenset(everywhere))


def _frozen(table: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(value) for key, value in table.items()}


def _walk(shapes: Graph, shape: Node) -> tuple[set[str], set[str]]:
    """The watched paths of a shape's focus node, and those of the nodes its values must match
    (``sh:node`` of a property: they hold of other subjects, so they are watched everywhere)."""
    focus: set[str] = set()
    values: set[str] = set()
    todo: list[tuple[Node, bool, bool]] = [(shape, False, False)]  # node, negated, on values
    seen: set[tuple[Node, bool, bool]] = set()
    while todo:
        node, negated, on_values = todo.pop()
        if (node, negated, on_values) in seen:
            continue
        seen.add((node, negated, on_values))
        path = shapes.value(node, SH.path)
        found = values if on_values else focus
        limited = any(shapes.value(node, limit) is not None for limit in LIMITS)
        if path is not None and (negated or limited):
            found.add(_nt(path) if isinstance(path, URIRef) else ANY)
        if shapes.value(node, SH.closed) is not None:
            found.add(ANY)
        for paired in PAIRED:
            found.update(_nt(other) for other in shapes.objects(node, paired))
        todo.extend(_children(shapes, node, negated, on_values or path is not None))
    return focus, values


def _children(
    shapes: Graph, node: Node, negated: bool, below: bool
) -> Iterator[tuple[Node, bool, bool]]:
    """The shapes a shape refers to: its property shapes, its logical operands, its node shapes
    (``below``: those of a property shape constrain its values, not the focus)."""
    for child in shapes.objects(node, SH.property):
        yield child, negated, False
    for child in shapes.objects(node, SH.node):
        yield child, negated, below
    for operator, negating in ((SH["or"], False), (SH["and"], False), (SH.xone, True)):
        for members in shapes.objects(node, operator):
            for member in shapes.items(members):
                yield member, negated or negating, below
    for child in shapes.objects(node, SH["not"]):
        yield child, True, below


def _nt(term: Node) -> str:
    return f"<{term}>"


class CrossBatch:
    """Picks, as the merge streams, the resources no single batch validated as merged; then
    validates them against the merged graph."""

    def __init__(self, watch: Watch) -> None:
        self.watch = watch
        self.focus: list[str] = []
        self.lines: list[str] = []

    def __call__(self, group: Described) -> None:
        """One subject's merged lines, with the batches that gave each (from the merge)."""
        if self.unseen(group):
            self.focus.append(split(group[0][0])[0])
            self.lines.extend(line for line, _ in group)

    def unseen(self, group: Described) -> bool:
        """Whether no batch gave all the subject's types and all its watched lines."""
        every = frozenset().union(*(batches for _, batches in group))
        split_lines = [(split(line), batches) for line, batches in group]
        types = [(rest, batches) for (_, p, rest), batches in split_lines if p == TYPE]
        if any(batches != every for _, batches in types):
            return True
        watched = self.watch.of(
            (rest[:-3] for rest, _ in types), {p for (_, p, _), _ in split_lines}
        )
        kept = [b for (_, p, _), b in split_lines if ANY in watched or p in watched]
        return bool(kept) and not frozenset.intersection(*kept)

    def violations(self, merged: Iterable[str], engine: str = BUILD_ENGINE) -> list[Violation]:
        """Validate the picked resources against their merged triples and the classes and
        schemes of their values (read in one more pass over ``merged``), with ``engine``."""
        if not self.focus:
            return []
        values = {split(line)[2][:-3] for line in self.lines} - set(self.focus)
        chosen = [*self.lines]
        for line in merged:
            subject, predicate, _ = split(line)
            if subject in values and predicate in (TYPE, IN_SCHEME):
                chosen.append(line)
        focus = [URIRef(subject[1:-1]) for subject in self.focus if subject.startswith("<")]
        return validate_graph("".join(sorted(chosen)), focus, engine=engine)
