"""The documentation's model: the terms of an ontology as the page and the diagram show them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from aleppo_kg.vocab import OWL

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

# The page the diagram's links point into, so they also work in diagram.svg opened alone.
INDEX = "index.html"


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
