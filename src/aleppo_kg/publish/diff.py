"""What changed between two builds: events, figures, places and links, by their stable IRIs.

IRIs are deterministic (the same event, figure or place gets the same IRI in every build),
so two graphs are compared resource by resource: a resource only in the new graph is
added, only in the old one removed, and in both it is changed when a property's values
differ (old -> new). Links (``owl:sameAs``, ``foaf:isPrimaryTopicOf``) are listed on their
own, so a new Wikidata link is one line and not a change of its place.

Provenance (``prov:wasDerivedFrom``, ``akg:mentionedIn``) names text spans whose IRIs carry
character offsets: an edit early in an article shifts every offset after it. It is left
out by default, so a diff lists what the graph says, not where; with provenance it is
compared by the spans' text, which an edit elsewhere does not change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from aleppo_kg.publish.sparql import QUERY_PREFIXES, run
from aleppo_kg.vocab import IRIS

KINDS = {"event": "akg:Event", "figure": "akg:Figure", "place": "sem:Place"}
LINKS = (IRIS["owl"] + "sameAs", IRIS["foaf"] + "isPrimaryTopicOf")
PROVENANCE = (IRIS["prov"] + "wasDerivedFrom", IRIS["akg"] + "mentionedIn")
ADDED, REMOVED, CHANGED = "added", "removed", "changed"

FACTS = """
SELECT ?s ?p ?o ?anchor WHERE {{
  ?s a {kind} ; ?p ?o .
  OPTIONAL {{ ?o nif:anchorOf ?anchor }}
}}
"""

LINKED = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o . VALUES ?p { owl:sameAs foaf:isPrimaryTopicOf }
}
"""


@dataclass(frozen=True)
class Change:
    """One difference: a resource added or removed, or one property's values changed."""

    kind: str
    change: str
    resource: str
    property: str = ""
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "change": self.change,
            "resource": self.resource,
            "property": self.property,
            "old": list(self.old),
            "new": list(self.new),
        }


Facts = dict[str, dict[str, frozenset[str]]]  # resource -> property -> values


def compare(old: ox.Store, new: ox.Store, provenance: bool = False) -> list[Change]:
    """The changes from the graph in ``old`` to the graph in ``new``, sorted."""
    changes: list[Change] = []
    for kind, cls in KINDS.items():
        before, after = _facts(old, cls, provenance), _facts(new, cls, provenance)
        changes += _resources(kind, before, after)
        for resource in sorted(before.keys() & after.keys()):
            changes += _properties(kind, resource, before[resource], after[resource])
    changes += _links(_linked(old), _linked(new))
    return changes


def _facts(store: ox.Store, cls: str, provenance: bool) -> Facts:
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    results = run(store, FACTS.format(kind=cls))
    for s, p, o, anchor in results.rows:
        if p.value in LINKS or (p.value in PROVENANCE and not provenance):
            continue
        value = f'"{anchor.value}"' if anchor is not None else show(o)
        facts[show(s)][show(p)].add(value)
    return {s: {p: frozenset(v) for p, v in props.items()} for s, props in facts.items()}


def _linked(store: ox.Store) -> Facts:
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in run(store, LINKED).rows:
        facts[show(s)][show(p)].add(show(o))
    return {s: {p: frozenset(v) for p, v in props.items()} for s, props in facts.items()}


def _resources(kind: str, before: Facts, after: Facts) -> list[Change]:
    added = [Change(kind, ADDED, r) for r in sorted(after.keys() - before.keys())]
    return [Change(kind, REMOVED, r) for r in sorted(before.keys() - after.keys())] + added


def _properties(
    kind: str, resource: str, before: dict[str, frozenset[str]], after: dict[str, frozenset[str]]
) -> list[Change]:
    changes = []
    for prop in sorted(before.keys() | after.keys()):
        old, new = before.get(prop, frozenset()), after.get(prop, frozenset())
        if old != new:
            changes.append(
                Change(kind, CHANGED, resource, prop, tuple(sorted(old)), tuple(sorted(new)))
            )
    return changes


def _links(before: Facts, after: Facts) -> list[Change]:
    """Each link added or removed, one line per resource and property."""
    changes = []
    for resource in sorted(before.keys() | after.keys()):
        old_props, new_props = before.get(resource, {}), after.get(resource, {})
        for prop in sorted(old_props.keys() | new_props.keys()):
            old, new = old_props.get(prop, frozenset()), new_props.get(prop, frozenset())
            if old == new:
                continue
            change = ADDED if not old else REMOVED if not new else CHANGED
            changes.append(
                Change("link", change, resource, prop, tuple(sorted(old)), tuple(sorted(new)))
            )
    return changes


def show(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    """A term as the diff prints it: an IRI in the project's prefixes, a literal quoted."""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(QUERY_PREFIXES.items(), key=lambda p: -len(p[1])):
            local = term.value[len(namespace) :]
            if term.value.startswith(namespace) and "/" not in local and "#" not in local:
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return f'"{term.value}"'


def table(changes: list[Change]) -> str:
    """The changes as an aligned table, one per line."""
    if not changes:
        return "no changes\n"
    cells = [
        (
            c.kind,
            c.change,
            c.resource,
            c.property,
            _values(c) if c.change == CHANGED or c.property else "",
        )
        for c in changes
    ]
    header = ("kind", "change", "resource", "property", "old -> new")
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(4)]
    lines = [
        "  ".join(v.ljust(w) for v, w in zip(row[:4], widths, strict=True)) + "  " + row[4]
        for row in [header, *cells]
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _values(change: Change) -> str:
    return f"{', '.join(change.old) or '(none)'} -> {', '.join(change.new) or '(none)'}"
