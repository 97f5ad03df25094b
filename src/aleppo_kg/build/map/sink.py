"""The triple sink: where the mapper's modules put an article's triples.

It remembers, across the articles of a batch, the label each resource got first
(later spellings become ``skos:altLabel``, so every resource keeps exactly one
label), and, per article, what it has typed, the concepts it has added in full,
and its figures (so a sub-figure can point to the figure it breaks down).
"""

from __future__ import annotations

from rdflib import Literal, URIRef

from aleppo_kg.build.map.terms import SCHEMES, Triple, count, date_literal, english
from aleppo_kg.lexicon import Concept, Lexicon
from aleppo_kg.model import Article, DateValue, Entity, Figure, Span
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import (
    AKG,
    AKR,
    FOAF,
    NIF,
    PROV,
    RDF,
    RDFS,
    SEM,
    SKOS,
    WD,
    concept,
    scheme,
    text_context,
    text_span,
    wikipedia_page,
)


class TripleSink:
    """One batch's mapping state; :meth:`start` begins the next article's set of triples."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.labels: dict[URIRef, str] = {}
        self.spellings: dict[URIRef, set[str]] = {}
        self.start(None, {})

    def start(self, article: Article | None, canonical: dict[str, str]) -> None:
        """A new article: its own triples, typed resources, concepts and figures; ``canonical``
        gives the one key of record keys that name the same Wikidata item."""
        self.article = article
        self.slug = slugify(article.title) if article else ""  # of every span's IRI: made once
        self.canonical = canonical
        self.added: set[Triple] = set()
        self.typed: set[URIRef] = set()
        self.concepts: set[URIRef] = set()
        self.figures: dict[Figure, URIRef] = {}

    def add(self, subject, predicate, obj) -> None:
        self.added.add((subject, predicate, obj))

    def iri(self, key: str) -> URIRef:
        """The IRI of a record key such as ``org/free-syrian-army``: one per Wikidata item."""
        return AKR[self.canonical.get(key, key)]

    def label(self, node: URIRef, text: str) -> None:
        """The first label a resource gets is its label; other spellings become altLabels."""
        known = self.labels.setdefault(node, text)
        self.add(node, RDFS.label, english(known)) if known == text else self.alt(node, text)

    def alt(self, node: URIRef, text: str | None) -> None:
        """Another spelling; one differing only in case from a known one adds nothing."""
        seen = self.spellings.setdefault(node, {self.labels.get(node, "").casefold()})
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            self.add(node, SKOS.altLabel, english(text))

    def types(self, node: URIRef, *classes: URIRef) -> None:
        self.typed.add(node)
        for cls in classes:
            self.add(node, RDF.type, cls)

    def context(self) -> URIRef:
        """The current article's ``nif:Context``."""
        return text_context(self.slug)

    def span(self, span: Span | None) -> URIRef | None:
        """The ``nif:String`` node of a span of the current article."""
        if span is None:
            return None
        node = text_span(self.slug, span.start, span.end)
        if (node, RDF.type, NIF.String) not in self.added:
            self.types(node, NIF.String)
            self.label(node, f"{self.article.title}, characters {span.start}–{span.end}")
            self.add(node, NIF.beginIndex, count(span.start))
            self.add(node, NIF.endIndex, count(span.end))
            self.add(node, NIF.anchorOf, Literal(span.slice(self.article.text)))
            self.add(node, NIF.referenceContext, self.context())
        return node

    def derived(self, node: URIRef, *spans: Span | None) -> None:
        """``prov:wasDerivedFrom`` each span the fact was read from."""
        for span in spans:
            if span is not None:
                self.add(node, PROV.wasDerivedFrom, self.span(span))

    def entity(self, entity: Entity, *classes: URIRef) -> URIRef:
        """A named resource, with this article's spelling and where it is written."""
        node = self.iri(entity.key)
        self.types(node, *classes)
        self.label(node, entity.label)
        self.page(node, entity)
        if entity.span is not None:
            self.alt(node, entity.written)
            self.derived(node, entity.span)
        return node

    def page(self, node: URIRef, entity: Entity) -> None:
        """``foaf:isPrimaryTopicOf`` the Wikipedia article a link of the mention names."""
        if entity.page:
            self.add(node, FOAF.isPrimaryTopicOf, wikipedia_page(entity.page))

    def concept(self, scheme_name: str, slug: str) -> URIRef:
        """A concept of one of the lexicon's schemes (and its broader concepts)."""
        node = concept(scheme_name, slug)
        if node in self.concepts:
            return node
        self.concepts.add(node)
        label, _ = SCHEMES[scheme_name]
        found = _scheme_table(self.lexicon, scheme_name).get(slug)
        found = found or Concept(slug, slug.replace("-", " "))
        scheme_node = scheme(scheme_name)
        self.types(scheme_node, SKOS.ConceptScheme)
        self.label(scheme_node, label)
        self.types(node, SKOS.Concept)
        self.label(node, found.label)
        self.add(node, SKOS.prefLabel, english(found.label))
        self.add(node, SKOS.inScheme, scheme_node)
        if found.comment:
            self.add(node, RDFS.comment, english(found.comment))
        if found.acled:
            self.add(node, SKOS.note, english(f"ACLED: {found.acled}"))
        if found.wikidata_property:
            self.add(node, SKOS.closeMatch, WD[found.wikidata_property])
        if found.broader:
            self.add(node, SKOS.broader, self.concept(scheme_name, found.broader))
        else:
            self.add(scheme_node, SKOS.hasTopConcept, node)
        return node

    def dates(self, node: URIRef, begin: DateValue, end: DateValue) -> None:
        """SEM's bounds always; exact timestamps only for days the text names."""
        self.add(node, SEM.hasEarliestBeginTimeStamp, date_literal(begin.earliest))
        self.add(node, SEM.hasLatestEndTimeStamp, date_literal(end.latest))
        if begin == end and begin.day:
            self.add(node, SEM.hasTimeStamp, date_literal(begin.day))
        else:
            if begin.day:
                self.add(node, SEM.hasBeginTimeStamp, date_literal(begin.day))
            if end.day:
                self.add(node, SEM.hasEndTimeStamp, date_literal(end.day))
        edtf = begin.edtf if begin == end else f"{begin.edtf}/{end.edtf}"
        self.add(node, AKG.edtf, Literal(edtf))


def _scheme_table(lexicon: Lexicon, scheme_name: str) -> dict[str, Concept]:
    """The concepts of a scheme by slug; ranks and fates are keyed otherwise in the lexicon."""
    if scheme_name == "rank":
        labels = lexicon.ranks.values()
        return {slugify(label): Concept(slugify(label), label) for label in labels}
    if scheme_name == "fate":
        return {c.slug: c for c in lexicon.fates.values()}
    return getattr(lexicon, SCHEMES[scheme_name][1])
