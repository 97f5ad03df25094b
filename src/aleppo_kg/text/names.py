"""Names -> the one resource they stand for, by the lexicons (gazetteer, known groups).

Both the infobox and the prose extraction resolve names here, so "Daret Azzeh" in
the prose and "Darat Izza" in the infobox become the same place.
"""

from __future__ import annotations

import re

from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Entity, Organization, Place, Span
from aleppo_kg.text.slugs import slugify

_NUMBERED = re.compile(r"^\d")


class Names:
    """Resolves names of places and groups by the lexicon's gazetteer and known groups."""

    def __init__(self, lexicon: Lexicon, country: str | None = None) -> None:
        self.lexicon = lexicon
        self.country = country  # the article's country: where generic names ("the army") point

    def place(self, written: str, span: Span | None, parent: Place | None = None) -> Place:
        """A place by any of its names; an unknown name keeps its spelling."""
        known = self.lexicon.place(written)
        if known is None:
            return Place(Entity("place/" + slugify(written), written, written, span), None, parent)
        return self.gazetteer_place(known.key, written, span)

    def gazetteer_place(self, key: str, written: str, span: Span | None) -> Place:
        """A gazetteer place and its ancestors (which this mention did not name: no span)."""
        places = self.lexicon.places
        known = places[key]
        parent = (
            self.gazetteer_place(known.parent, places[known.parent].label, None)
            if known.parent
            else None
        )
        entity = Entity("place/" + known.key, known.label, written, span)
        return Place(entity, known.place_type, parent, known.aliases)

    def organization(
        self, written: str, span: Span | None, qualifier: str | None = None
    ) -> Organization:
        """A group by any of its names: a known alias gives the canonical name; else as written.

        A numbered unit ("6th Division") is only unique within its army, so its key
        is qualified by the nearest named unit above it.
        """
        known = self.lexicon.organization(written, self.country)
        label = known.label if known else written
        key = "org/" + slugify(label)
        if qualifier and _NUMBERED.match(label):
            key = f"{qualifier}-{slugify(label)}"
        aliases = known.aliases if known else ()
        state = bool(known and known.state_actor)
        return Organization(Entity(key, label, written, span), aliases, state)


def equipment_key(model: str) -> str:
    """The record key of a model designation: "Su-22" -> ``equipment/su-22``."""
    return "equipment/" + slugify(model)


def is_numbered(label: str) -> bool:
    """Numbered units ("6th Division") need their parent to be told apart."""
    return bool(_NUMBERED.match(label))


def ancestors(place: Place) -> list[str]:
    """Keys of the places ``place`` lies in, nearest first."""
    keys = []
    parent = place.parent
    while parent is not None:
        keys.append(parent.entity.key)
        parent = parent.parent
    return keys
