"""The typed records between text and RDF, in the order the build makes them.

``article`` (what parsing gives), ``records`` (the infobox's conflict, sides,
commanders, units, figures, places, dates), ``events`` (the prose's events and an
article's whole extraction) and ``dataset`` (a build's description). Nothing here
knows RDF: the mapper is the only stage that does, so every stage before it can
be tested on plain Python values.
"""

from aleppo_kg.model.article import Article, Field, Paragraph, Section, Sentence, Span, WikiLink
from aleppo_kg.model.dataset import DatasetDescription
from aleppo_kg.model.events import ActorRole, Event, Extraction, PlaceMention
from aleppo_kg.model.records import (
    Commander,
    Conflict,
    ControlChange,
    DateValue,
    Entity,
    ExtraField,
    Figure,
    Organization,
    ParentConflict,
    Place,
    Quantity,
    Side,
    Unit,
)

__all__ = [
    "ActorRole", "Article", "Commander", "Conflict", "ControlChange", "DatasetDescription",
    "DateValue", "Entity", "Event", "ExtraField", "Extraction", "Field", "Figure",
    "Organization", "Paragraph", "ParentConflict", "Place", "PlaceMention", "Quantity",
    "Section", "Sentence", "Side", "Span", "Unit", "WikiLink",
]  # fmt: skip
