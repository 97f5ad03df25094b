"""Literals and term tables the mapper's modules share: typed values, schemes, classes, roles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal
from rdflib.term import Node

from aleppo_kg.vocab import XSD

Triple = tuple[Node, Node, Node]

# Concept schemes built from the lexicon tables: IRI path -> (scheme label, lexicon attribute);
# ranks and fates are keyed by how they are written, so their concepts are derived (no attribute).
SCHEMES = {
    "rank": ("Military ranks", None),
    "fate": ("Fates of commanders", None),
    "quantifier": ("Quantifiers of figures", "quantifiers"),
    "outcome": ("Outcomes counted by casualty figures", "outcomes"),
    "category": ("Categories of counted people and materiel", "categories"),
    "place-type": ("Types of places", "place_types"),
    "event-type": ("Event types (ACLED event and sub-event types)", "event_types"),
    "date-precision": ("Precisions of event dates", "date_precisions"),
}
# Figure kinds -> their class; roles of actors in events -> their property.
FIGURE_CLASSES = {"strength": "StrengthFigure", "loss": "LossFigure",
                  "participation": "ParticipantFigure"}  # fmt: skip
ROLE_PROPERTIES = {"attacker": "attacker", "target": "target", "victim": "victim"}


def date_literal(value: date) -> Literal:
    """An ``xsd:date``."""
    return Literal(value.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=4096)  # offsets and counts recur; rdflib parses each literal it makes
def count(value: int) -> Literal:
    """A count: ``xsd:nonNegativeInteger``, never a string."""
    return Literal(value, datatype=XSD.nonNegativeInteger)


def integer(value: int) -> Literal:
    """An ``xsd:integer`` (VoID's statistics)."""
    return Literal(value, datatype=XSD.integer)


def decimal(value: Decimal) -> Literal:
    """An ``xsd:decimal`` in its canonical form (:func:`canonical_decimal`)."""
    return Literal(canonical_decimal(value), datatype=XSD.decimal)


def canonical_decimal(value: Decimal) -> str:
    """``Decimal("36.2000")`` -> ``"36.2"``, ``Decimal("36")`` -> ``"36.0"``: no trailing zeros,
    one digit after the point at least (XSD 1.0's canonical form, what a query's ``36.2``
    or ``36.0`` is). Engines that compare decimals by their text (Jena, rdflib) find
    ``wgs:lat 36.2`` only in this form."""
    if value == 0:
        return "0.0"
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


@lru_cache(maxsize=4096)  # labels recur (a concept's, a place's in every span)
def english(text: str) -> Literal:
    """A label or text in English."""
    return Literal(text, lang="en")
