"""``aleppo-kg docs``: the ontology as one HTML page and a diagram of its classes.

Our own small renderer rather than pyLODE: the page must show the alignment
annotations (``skos:closeMatch wd:P276``) on every term, be one self-contained
file (inline CSS and SVG, no JavaScript, nothing fetched from the network), and
be byte-identical between runs, so that a test can tell when the committed docs
no longer match the ontology.

Two steps, so that each can be read and tested alone: :func:`document` reads the
rdflib graph into a small typed model (:class:`OntologyDoc`), and the renderers
turn the model into text: :func:`render_html` the page, :func:`diagram_dot` the
Graphviz source, and :func:`render_svg` runs Graphviz on it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from html import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from aleppo_kg.errors import InputError
from aleppo_kg.vocab import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

# Kinds of term, in page order: (rdf:type, section id, heading). A term of this
# ontology is listed under the first kind it has.
KINDS = (
    (OWL.Class, "classes", "Classes"),
    (OWL.ObjectProperty, "object-properties", "Object properties"),
    (OWL.DatatypeProperty, "datatype-properties", "Datatype properties"),
    (OWL.AnnotationProperty, "annotation-properties", "Annotation properties"),
)
# Terms of other vocabularies that the file aligns (``sem:hasPlace skos:closeMatch wd:P276``).
EXTERNAL = ("external-terms", "Alignments of external terms")
CLASSES = KINDS[0][1]
OBJECT_PROPERTIES = KINDS[1][1]

# Statements that relate a term to another vocabulary or to a more general term.
ALIGNMENTS = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    OWL.inverseOf,
    OWL.sameAs,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)
# The same statements read backwards, to show on their object where it is used.
USAGES = (
    (RDFS.domain, "domain of"),
    (RDFS.range, "range of"),
    (RDFS.subClassOf, "superclass of"),
    (RDFS.subPropertyOf, "superproperty of"),
    (OWL.inverseOf, "inverse of"),
)
CHARACTERISTICS = (
    (OWL.FunctionalProperty, "functional"),
    (OWL.InverseFunctionalProperty, "inverse functional"),
    (OWL.TransitiveProperty, "transitive"),
    (OWL.SymmetricProperty, "symmetric"),
    (OWL.AsymmetricProperty, "asymmetric"),
    (OWL.ReflexiveProperty, "reflexive"),
    (OWL.IrreflexiveProperty, "irreflexive"),
)
# The page the diagram's links point into, so they also work in diagram.svg opened alone.
INDEX = "index.html"
GRAPHVIZ_MISSING = (
    "Graphviz is needed to draw the ontology diagram and `dot` is not on PATH "
    "(install it: apt-get install graphviz, or bash .ci/system-packages)"
)


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Ref:
    """A term as the page shows it: its prefixed name, and where a link to it goes."""

    name: str
    href: str

    @property
    def internal(self) -> bool:
        """True for a term of this ontology, whose link is an anchor on the page."""
        return self.href.startswith("#")


# Text with the prefixed names it mentions (``akg:Command``) turned into links.
Text = tuple[str | Ref, ...]


@dataclass(frozen=True)
class Relation:
    """One line of a term's entry: a predicate (or its reverse) and the terms it points to."""

    predicate: str
    name: str
    targets: tuple[Ref, ...]


@dataclass(frozen=True)
class Term:
    """Everything the page says about one term."""

    iri: str
    ref: Ref
    anchor: str
    kind: str
    label: str
    comment: Text
    alignments: tuple[Relation, ...]
    # The members of an owl:unionOf, or one class; empty when the ontology states none.
    domain: tuple[Ref, ...]
    range: tuple[Ref, ...]
    characteristics: tuple[str, ...]
    usage: tuple[Relation, ...]


@dataclass(frozen=True)
class Metadata:
    """The ontology header; an empty string is a field the file does not state."""

    iri: str
    title: str
    description: str
    version: str
    version_iri: str
    license: str
    creator: str
    created: str
    prefix: str
    namespace: str


@dataclass(frozen=True)
class OntologyDoc:
    """The documentation of one ontology file, ready to render."""

    source: str
    metadata: Metadata
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Names:
    """How the page names IRIs: with the file's own prefixes, so names read as in the file."""

    namespace: str
    prefixes: tuple[tuple[str, str], ...]  # (prefix, namespace), the longest namespace first

    def name(self, iri: str) -> str:
        """``akg:Conflict``, or ``<iri>`` when no prefix of the file covers it."""
        for prefix, namespace in self.prefixes:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(local):
                return f"{prefix}:{local}"
        return f"<{iri}>"

    def internal(self, iri: str) -> bool:
        return iri.startswith(self.namespace) and iri != self.namespace

    def anchor(self, iri: str) -> str:
        """The local name for this ontology's terms (``index.html#Conflict``), else the name."""
        return iri[len(self.namespace) :] if self.internal(iri) else self.name(iri)

    def ref(self, iri: str) -> Ref:
        return Ref(self.name(iri), f"#{self.anchor(iri)}" if self.internal(iri) else iri)

    @cached_property
    def mention(self) -> re.Pattern[str]:
        """A prefixed name written in a comment; group 1 the prefix, group 2 the local name."""
        prefixes = sorted((re.escape(p) for p, _ in self.prefixes if p), key=len, reverse=True)
        alternatives = "|".join(prefixes) or "(?!)"  # (?!) never matches: no prefixes, no names
        return re.compile(rf"(?<![\w:/#])({alternatives}):({_LOCAL_NAME.pattern})")


_LOCAL_NAME = re.compile(r"\w(?:[\w.-]*\w)?")


# ---------------------------------------------------------------------------
# Reading the graph
# ---------------------------------------------------------------------------


def document(graph: Graph, source: str) -> OntologyDoc:
    """The model of the ontology in ``graph``, read from the file named ``source``.

    What the page cannot show faithfully (no owl:Ontology, no namespace to tell the
    ontology's terms from others, an anonymous class where a name or a union is
    expected) is an :class:`InputError`, not a page that silently leaves it out.
    """
    ontology = _ontology(graph, source)
    namespace = _value(graph, ontology, VANN.preferredNamespaceUri)
    if not namespace:
        raise InputError(source, "the ontology states no vann:preferredNamespaceUri")
    bound = sorted(((p, str(ns)) for p, ns in graph.namespaces()), key=lambda b: -len(b[1]))
    names = Names(namespace, tuple(bound))
    kinds = _kinds(graph, names)
    reader = _Reader(graph, names, source, frozenset(kinds))
    terms = sorted(
        (reader.term(iri, kind) for iri, kind in kinds.items()),
        key=lambda t: ((t.label or t.anchor).casefold(), t.iri),
    )
    return OntologyDoc(source, _metadata(graph, ontology, namespace), tuple(terms))


def _ontology(graph: Graph, source: str) -> URIRef:
    found = [s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    if len(found) != 1:
        raise InputError(source, f"expected one owl:Ontology, found {len(found)}")
    return found[0]


def _value(graph: Graph, subject: Node, predicate: URIRef) -> str:
    """The one value to show: English first, then no language, then the rest, in a fixed order."""

    def rank(value: Node) -> tuple[int, str]:
        language = value.language if isinstance(value, Literal) else None
        return (0 if language == "en" else 1 if language is None else 2, str(value))

    values = sorted(graph.objects(subject, predicate), key=rank)
    return str(values[0]) if values else ""


def _kinds(graph: Graph, names: Names) -> dict[URIRef, str]:
    """The terms to document, each with its section."""
    kinds: dict[URIRef, str] = {}
    for rdf_type, section, _ in KINDS:
        for term in graph.subjects(RDF.type, rdf_type):
            if isinstance(term, URIRef) and names.internal(term):
                kinds.setdefault(term, section)
    for predicate in ALIGNMENTS:
        for term in graph.subjects(predicate, None):
            if isinstance(term, URIRef) and not names.internal(term):
                kinds.setdefault(term, EXTERNAL[0])
    return kinds


@dataclass(frozen=True)
class _Reader:
    """Reads the entry of one term; holds what every entry needs to know about the file."""

    graph: Graph
    names: Names
    source: str
    documented: frozenset[URIRef]

    def term(self, iri: URIRef, kind: str) -> Term:
        where = f"{self.source}: {self.names.name(iri)}"
        ref = self.names.ref(iri)
        usage = (
            Relation(str(predicate), name, tuple(sorted(self.uses.get((predicate, ref), ()))))
            for predicate, name in USAGES
        )
        return Term(
            iri=str(iri),
            ref=ref,
            anchor=self.names.anchor(iri),
            kind=kind,
            label=_value(self.graph, iri, RDFS.label),
            comment=self.mentions(_value(self.graph, iri, RDFS.comment)),
            alignments=tuple(self.alignments(iri, where)),
            domain=self.members(self.single(iri, RDFS.domain, where), where),
            range=self.members(self.single(iri, RDFS.range, where), where),
            characteristics=tuple(
                name for t, name in CHARACTERISTICS if (iri, RDF.type, t) in self.graph
            ),
            usage=tuple(relation for relation in usage if relation.targets),
        )

    @cached_property
    def uses(self) -> dict[tuple[URIRef, Ref], set[Ref]]:
        """(predicate, term) -> the terms with that term, or a union holding it, as object."""
        uses: dict[tuple[URIRef, Ref], set[Ref]] = defaultdict(set)
        for predicate, _ in USAGES:
            for subject, value in self.graph.subject_objects(predicate):
                if isinstance(subject, URIRef):
                    where = f"{self.source}: {self.names.name(subject)}"
                    for member in self.members(value, where):
                        uses[(predicate, member)].add(self.names.ref(subject))
        return uses

    def alignments(self, iri: URIRef, where: str) -> Iterable[Relation]:
        for predicate in ALIGNMENTS:
            targets = []
            for value in self.graph.objects(iri, predicate):
                if not isinstance(value, URIRef):
                    raise InputError(where, f"{self.names.name(predicate)} {value!r} is not an IRI")
                targets.append(self.names.ref(value))
            if targets:
                yield Relation(str(predicate), self.names.name(predicate), tuple(sorted(targets)))

    def single(self, iri: URIRef, predicate: URIRef, where: str) -> Node | None:
        """The one object of ``predicate``: several domains would mean their intersection."""
        values = list(self.graph.objects(iri, predicate))
        if len(values) > 1:
            name = self.names.name(predicate)
            raise InputError(where, f"{len(values)} values of {name}; state one (or a union)")
        return values[0] if values else None

    def members(self, value: Node | None, where: str) -> tuple[Ref, ...]:
        """A class, or the members of an owl:unionOf in the file's order; nothing for ``None``."""
        if value is None:
            return ()
        if isinstance(value, URIRef):
            return (self.names.ref(value),)
        union = self.graph.value(value, OWL.unionOf) if isinstance(value, BNode) else None
        members = list(Collection(self.graph, union)) if union is not None else []
        if not members or not all(isinstance(m, URIRef) for m in members):
            raise InputError(where, "an anonymous class other than a union of named classes")
        return tuple(self.names.ref(m) for m in members)

    def mentions(self, text: str) -> Text:
        """``text`` with the prefixed names it writes linked (this ontology's if documented)."""
        parts: list[str | Ref] = []
        end = 0
        for match in self.names.mention.finditer(text):
            iri = dict(self.names.prefixes)[match.group(1)] + match.group(2)
            if self.names.internal(iri) and URIRef(iri) not in self.documented:
                continue
            parts += [text[end : match.start()], Ref(match.group(0), self.names.ref(iri).href)]
            end = match.end()
        parts.append(text[end:])
        return tuple(part for part in parts if part)


def _metadata(graph: Graph, ontology: URIRef, namespace: str) -> Metadata:
    return Metadata(
        iri=str(ontology),
        title=_value(graph, ontology, DCTERMS.title) or str(ontology),
        description=_value(graph, ontology, DCTERMS.description),
        version=_value(graph, ontology, OWL.versionInfo),
        version_iri=_value(graph, ontology, OWL.versionIRI),
        license=_value(graph, ontology, DCTERMS.license),
        creator=_value(graph, ontology, DCTERMS.creator),
        created=_value(graph, ontology, DCTERMS.created),
        prefix=_value(graph, ontology, VANN.preferredNamespacePrefix),
        namespace=namespace,
    )


# ---------------------------------------------------------------------------
# The diagram
# ---------------------------------------------------------------------------

THING = Ref("owl:Thing", str(OWL.Thing))


@dataclass(frozen=True)
class _Edge:
    """An object property from a domain class to a range class, or (no property) subClassOf."""

    tail: Ref
    head: Ref
    via: Ref | None

    def key(self) -> tuple[str, str, str]:
        return (self.tail.name, self.head.name, self.via.name if self.via else "")


def diagram_dot(doc: OntologyDoc) -> str:
    """Graphviz source of the core diagram, nodes and edges sorted so the text is stable.

    Boxes are the ontology's classes and the external classes they connect to; an
    object property is an arrow per domain and range member (a property without a
    domain or range starts or ends at owl:Thing); subClassOf is a dashed, hollow arrow.
    """
    edges = sorted(_property_edges(doc) | _subclass_edges(doc), key=_Edge.key)
    nodes = {t.ref for t in doc.terms if t.kind == CLASSES}
    nodes |= {end for edge in edges for end in (edge.tail, edge.head)}
    lines = [
        "digraph ontology {",
        '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.25, ranksep=0.7];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, '
        'color="#3d5a80", fillcolor="#dbe6f4"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#555555", fontcolor="#333333"];',
    ]
    for node in sorted(nodes):
        external = "" if node.internal else ', style="rounded,dashed", fillcolor="white"'
        lines.append(f"  {_dot(node.name)} [href={_dot(_href(node))}{external}];")
    for edge in edges:
        attributes = (
            f"label={_dot(edge.via.name)}, href={_dot(_href(edge.via))}"
            if edge.via
            else 'style=dashed, arrowhead=onormal, tooltip="rdfs:subClassOf"'
        )
        lines.append(f"  {_dot(edge.tail.name)} -> {_dot(edge.head.name)} [{attributes}];")
    return "\n".join([*lines, "}", ""])


def _property_edges(doc: OntologyDoc) -> set[_Edge]:
    return {
        _Edge(tail, head, term.ref)
        for term in doc.terms
        if term.kind == OBJECT_PROPERTIES
        for tail in term.domain or (THING,)
        for head in term.range or (THING,)
    }


def _subclass_edges(doc: OntologyDoc) -> set[_Edge]:
    return {
        _Edge(term.ref, superclass, None)
        for term in doc.terms
        if term.kind == CLASSES
        for relation in term.alignments
        if relation.predicate == str(RDFS.subClassOf)
        for superclass in relation.targets
    }


def _href(ref: Ref) -> str:
    return INDEX + ref.href if ref.internal else ref.href


def _dot(text: str) -> str:
    """A DOT double-quoted string (labels read ``\\`` as an escape, so it is doubled)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}"'


def render_svg(dot: str) -> str:
    """Graphviz's SVG of ``dot``; no Graphviz, or Graphviz failing, is an :class:`InputError`."""
    if shutil.which("dot") is None:
        raise InputError(GRAPHVIZ_MISSING)
    done = subprocess.run(
        ["dot", "-Tsvg"], input=dot, capture_output=True, encoding="utf-8", check=False
    )
    if done.returncode != 0:
        problem = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "no message"
        raise InputError(f"Graphviz could not draw the diagram: {problem}")
    return done.stdout


def _inline_svg(svg: str) -> str:
    """The SVG element alone, for the page: no XML prolog, doctype or Graphviz comments."""
    return re.sub(r"<!--.*?-->\n?", "", svg[svg.index("<svg") :], flags=re.DOTALL).strip()


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

CSS = """
body { font: 16px/1.5 system-ui, sans-serif; color: #1d1d1f; max-width: 62rem;
       margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { margin-bottom: 0; }
h2 { border-bottom: 2px solid #3d5a80; padding-bottom: .2rem; margin-top: 3rem; }
h3 { margin: 0; }
a { color: #1f5fa8; }
code, .iri { font-family: ui-monospace, monospace; font-size: .9em; }
.iri { color: #555; word-break: break-all; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
nav ol { padding-left: 1.2rem; }
nav ol ol { columns: 3 14rem; font-size: .9em; }
.term { border-top: 1px solid #ccd; padding: 1rem 0; }
.term:target { background: #fff8dc; }
.diagram { overflow-x: auto; border: 1px solid #ccd; padding: .5rem; }
.diagram svg { max-width: 100%; height: auto; }
footer { margin-top: 3rem; color: #555; font-size: .9em; }
"""


def render_html(doc: OntologyDoc, svg: str) -> str:
    """The whole page, with ``svg`` (Graphviz's diagram) inline."""
    sections = _sections(doc)
    title = escape(doc.metadata.title)
    page = _lines(
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(doc.metadata),
        _contents(sections),
        _diagram(svg),
        *(_section(id_, heading, terms) for id_, heading, terms in sections),
        f"<footer>Generated by <code>aleppo-kg docs</code> from <code>{escape(doc.source)}"
        "</code>; edit the ontology, not this page.</footer>",
        "</body>",
        "</html>",
    )
    return page + "\n"


def _sections(doc: OntologyDoc) -> list[tuple[str, str, list[Term]]]:
    """(id, heading, terms) of each kind that has terms, in page order."""
    headings = [(id_, heading) for _, id_, heading in KINDS] + [EXTERNAL]
    sections = [(id_, h, [t for t in doc.terms if t.kind == id_]) for id_, h in headings]
    return [section for section in sections if section[2]]


def _header(meta: Metadata) -> str:
    rows = [
        ("IRI", _link(meta.iri)),
        ("version", escape(meta.version)),
        ("version IRI", _link(meta.version_iri)),
        ("licence", _link(meta.license)),
        ("creator", escape(meta.creator)),
        ("created", escape(meta.created)),
        ("preferred prefix", f"<code>{escape(meta.prefix)}:</code>" if meta.prefix else ""),
        ("namespace", f'<span class="iri">{escape(meta.namespace)}</span>'),
    ]
    return _lines(
        "<header>",
        f"<h1>{escape(meta.title)}</h1>",
        f"<p>{escape(meta.description)}</p>" if meta.description else "",
        _definitions((name, value) for name, value in rows if value),
        "</header>",
    )


def _contents(sections: list[tuple[str, str, list[Term]]]) -> str:
    items = ['<li><a href="#section-diagram">Diagram</a></li>']
    for id_, heading, terms in sections:
        links = "".join(f"<li>{_ref_link(Ref(_title(t), f'#{t.anchor}'))}</li>" for t in terms)
        section = _ref_link(Ref(heading, f"#section-{id_}"))
        items.append(f"<li>{section} ({len(terms)})<ol>{links}</ol></li>")
    return _lines("<nav>", "<h2>Contents</h2>", "<ol>", *items, "</ol>", "</nav>")


def _diagram(svg: str) -> str:
    return _lines(
        '<section id="section-diagram">',
        "<h2>Diagram</h2>",
        "<p>The classes of this ontology (shaded) and the classes of other vocabularies they "
        "connect to (dashed). A labelled arrow is an object property from its domain to its "
        "range (owl:Thing where it has none); a dashed arrow with a hollow head is "
        "rdfs:subClassOf. Boxes and labels link to their entries. Also as "
        '<a href="diagram.svg">diagram.svg</a>, drawn by Graphviz from '
        '<a href="diagram.dot">diagram.dot</a>.</p>',
        f'<div class="diagram">{_inline_svg(svg)}</div>',
        "</section>",
    )


def _section(id_: str, heading: str, terms: list[Term]) -> str:
    entries = [_entry(term) for term in terms]
    return _lines(
        f'<section id="section-{id_}">', f"<h2>{escape(heading)}</h2>", *entries, "</section>"
    )


def _entry(term: Term) -> str:
    rows = [(escape(r.name), _refs(r.targets, ", ")) for r in term.alignments]
    rows += [("domain", _refs(term.domain, " or ")), ("range", _refs(term.range, " or "))]
    rows.append(("characteristics", escape(", ".join(term.characteristics))))
    rows += [(escape(r.name), _refs(r.targets, ", ")) for r in term.usage]
    iri = escape(term.iri)
    return _lines(
        f'<article class="term" id="{escape(term.anchor)}">',
        f"<h3>{escape(_title(term))}</h3>",
        f'<p><code>{escape(term.ref.name)}</code> <a class="iri" '
        f'href="{escape(term.ref.href)}">{iri}</a></p>',
        f"<p>{_text(term.comment)}</p>" if term.comment else "",
        _definitions((name, value) for name, value in rows if value),
        "</article>",
    )


def _lines(*parts: str) -> str:
    """The non-empty parts, one per line (an absent field leaves no blank line)."""
    return "\n".join(part for part in parts if part)


def _title(term: Term) -> str:
    return term.label or term.ref.name


def _definitions(rows: Iterable[tuple[str, str]]) -> str:
    """A ``<dl>`` of (name, HTML value) rows; nothing when there are none."""
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f"<dl>{items}</dl>" if items else ""


def _refs(refs: tuple[Ref, ...], separator: str) -> str:
    return separator.join(_ref_link(ref) for ref in refs)


def _ref_link(ref: Ref) -> str:
    return f'<a href="{escape(ref.href)}">{escape(ref.name)}</a>'


def _link(iri: str) -> str:
    return _ref_link(Ref(iri, iri)) if iri else ""


def _text(text: Text) -> str:
    return "".join(_ref_link(part) if isinstance(part, Ref) else escape(part) for part in text)


def render(graph: Graph, source: str) -> dict[str, str]:
    """Every file of the docs folder by name, all rendered before any is written."""
    doc = document(graph, source)
    dot = diagram_dot(doc)
    svg = render_svg(dot)
    return {INDEX: render_html(doc, svg), "diagram.svg": svg, "diagram.dot": dot}
