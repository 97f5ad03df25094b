"""The places a clause names, and the places a reader keeps in mind.

A gazetteer name is a place; so is a name the gazetteer lacks where English puts a
place ("near Maarat al-Sidr"). "The city" and "the town" are the ones last
named; "northern Aleppo" is the governorate, not the city; a place named only to
locate another ("Atareb town in Aleppo province") is no place of the event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from aleppo_kg.build.prose.clauses import Clause
from aleppo_kg.build.prose.events import place_keys
from aleppo_kg.build.prose.patterns import Patterns
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import Event, Place, PlaceMention, Span
from aleppo_kg.text.matcher import NameMatch
from aleppo_kg.text.names import Names, ancestors
from aleppo_kg.text.pages import Pages

_POSSESSIVE = re.compile(r"['’]s$")  # "Syria's largest city" is no location
_LONGER_NAME = re.compile(r" [A-Z]")  # "Donetsk People's Republic": a town's name in another

Found = tuple[int, int, PlaceMention]  # where in the clause, and the mention


@dataclass(frozen=True)
class Whereabouts:
    """The places a reader keeps in mind: the city, the region and the town last named."""

    city: Place | None = None
    region: Place | None = None
    town: Place | None = None

    def context(self) -> PlaceMention | None:
        """Where an event that names no place happened: the town, else the region."""
        place = self.town or self.region
        return PlaceMention(place, inherited=True) if place else None

    def remember(self, mentions: list[PlaceMention], scales: dict[str, str]) -> Whereabouts:
        """What the reader keeps in mind after reading ``mentions``."""
        city, region, town = self.city, self.region, self.town
        for mention in mentions:
            kind = mention.place.place_type
            scale = scales.get(kind or "")
            if scale == "city":
                city = mention.place
            if scale in ("city", "region"):
                region = mention.place
            if scale == "settlement" or kind is None:
                town = mention.place
        return Whereabouts(city, region, town)


class PlaceFinder:
    """Finds the places of clauses by the gazetteer and where English puts a place."""

    def __init__(
        self,
        lexicon: Lexicon,
        patterns: Patterns,
        region: Place | None,
        context: Sequence[Place] = (),
        pages: Pages | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.patterns = patterns
        self.names = Names(lexicon, context, pages=pages)  # the article's countries' towns
        self.region = region  # the conflict's own region: "the countryside"
        self._read: dict[tuple[int, int, int], tuple[Clause, Whereabouts, list[PlaceMention]]] = {}

    def places(self, clause: Clause, where: Whereabouts) -> list[PlaceMention]:
        """The places ``clause`` names, finer ones over countries.

        Read once for a clause, the places in mind and the countries known, though the
        reader asks up to three times (to place the sentence's event, fill it, remember).
        """
        key = (id(clause), id(where), self.names.extent)
        if key not in self._read:  # the clause and places in mind are held: their ids stay
            self._read[key] = (clause, where, self._places(clause, where))
        return self._read[key][2]

    def _places(self, clause: Clause, where: Whereabouts) -> list[PlaceMention]:
        if clause.background:
            return []
        text = clause.text
        found = [
            self.mention(text, m, clause.start) for m in self.patterns.place_names.finditer(text)
        ]
        found.extend(self._geonames_places(text, clause.start, found))
        found.extend(self._anaphors(text, where, found))
        found.extend(self._named_places(text, clause.start))
        found.extend(self._unknown_places(text, clause.start, found))
        found = without_locators(text, sorted(found, key=lambda f: f[0]), self.patterns)
        mentions = [m for _, _, m in found]
        finer = [m for m in mentions if m.place.place_type != "country"]
        return finer or mentions

    def _anaphors(self, text: str, where: Whereabouts, known: list[Found]) -> list[Found]:
        """ "the countryside", "the airport", "the city": places named before."""
        found: list[Found] = []
        for match in self.patterns.conflict_region.finditer(text):
            if self.region and not self.patterns.place_names.search(
                text[max(0, match.start() - 30) : match.start()]
            ):
                found.append((match.start(), match.end(), PlaceMention(self.region)))
        for match in self.patterns.site_anaphor.finditer(text):
            settlement = where.town or where.city
            if settlement is not None and not (known or found):  # a site of the place just named
                found.append((match.start(), match.end(), PlaceMention(settlement)))
        for match in self.patterns.settlement_anaphor.finditer(text):
            city = self.lexicon.cue_meaning(match.group(1), "refers-to-city")
            place = where.city if city else where.town
            if place is not None:
                found.append((match.start(), match.end(), PlaceMention(place)))
        return found

    def _geonames_places(self, text: str, offset: int, known: list[Found]) -> list[Found]:
        """GeoNames names of the article's countries, unless part of a group's name or of a
        linked name ("Hamra" of [[Kafr Hamra]])."""
        pattern = self.names.names_pattern()
        if pattern is None:
            return []
        taken = [(a, b) for a, b, _ in known]
        taken += [m.span() for m in self.patterns.actor_names.finditer(text)]
        return [
            self.mention(text, match, offset)
            for match in pattern.finditer(text)
            if not any(a < match.end() and match.start() < b for a, b in taken)
            and not self._not_a_place(match.group(0))
            and not _LONGER_NAME.match(text, match.end())
            and not self.names.pages.cuts(Span(offset + match.start(), offset + match.end()))
        ]

    def _named_places(self, text: str, offset: int) -> list[Found]:
        """ "the village of X": X is a place, of no known type if the gazetteer lacks it."""
        found: list[Found] = []
        for match in self.patterns.place_noun_of.finditer(text):
            name = match.group(1)
            if self.lexicon.place(name) is None:
                span = Span(offset + match.start(1), offset + match.end(1))
                place = replace(self.names.place(name, span), place_type=None)
                found.append((match.start(1), match.end(1), PlaceMention(place)))
        return found

    def _unknown_places(self, text: str, offset: int, known: list[Found]) -> list[Found]:
        """Names the gazetteer lacks, where English puts a place: "near Maarat al-Sidr"."""
        out: list[Found] = []
        for match in self.patterns.unknown_place.finditer(text):
            group = 1 if match.group(1) else 2
            name = match.group(group)
            start, end = match.start(group), match.end(group)
            if _POSSESSIVE.search(name) or any(a < end and start < b for a, b, _ in known):
                continue
            if self._not_a_place(name):
                continue
            span = Span(offset + start, offset + end)
            out.append((start, end, PlaceMention(self.names.place(name, span))))
        return out

    def _not_a_place(self, name: str) -> bool:
        """Months, groups, sources and demonyms ("Syrian", "Lebanese") are not places."""
        first = fold(name.split()[0])
        return (
            (" " not in name and self.patterns.demonym.search(name) is not None)
            or first in self.lexicon.months
            or self.lexicon.organization(name) is not None
            or fold(name) in self.lexicon.source_phrases
            or self.lexicon.group(name) is not None
        )

    def mention(self, text: str, match: re.Match[str] | NameMatch, offset: int) -> Found:
        """A gazetteer name; a city named as a region ("northern Aleppo") means its governorate."""
        span = Span(offset + match.start(), offset + match.end())
        place = self.names.place(match.group(0), span)
        lead = self.patterns.region_lead.search(text[: match.start()])
        tail = self.patterns.region_tail.match(text[match.end() :])
        description = None
        if lead or tail:
            start = lead.start() if lead else match.start()
            end = match.end() + (tail.end() if tail else 0)
            description = text[start:end]
        if description and place.place_type == "city" and place.parent:
            place = replace(place.parent, entity=replace(place.parent.entity, span=span))
        return match.start(), match.end(), PlaceMention(place, description)


def without_locators(text: str, found: list[Found], patterns: Patterns) -> list[Found]:
    """Drop a place named only to locate another ("Atareb town in Aleppo province")."""
    kept = []
    for index, item in enumerate(found):
        start, _, mention = item
        previous = found[index - 1] if index else None
        if previous is not None:
            between = text[previous[1] : start]
            inner = previous[2].place
            linked = patterns.locator.fullmatch(between)
            contains = mention.place.entity.key in {inner.entity.key, *ancestors(inner)}
            if linked and (contains or "outside" in between or "near" in between):
                continue
        kept.append(item)
    return kept


def is_new_place(mentions: list[PlaceMention], current: Event) -> bool:
    """A place unrelated to the current event's places means a different incident."""
    keys = place_keys(current)
    for mention in mentions:
        place = mention.place
        related = {place.entity.key, *ancestors(place)}
        if (
            keys
            and not (related & keys)
            and not any(place.entity.key in _ancestor_keys(k, current) for k in keys)
        ):
            return True
    return False


def _ancestor_keys(key: str, event: Event) -> set[str]:
    for mention in event.places:
        if mention.place.entity.key == key:
            return set(ancestors(mention.place))
    return set()
