"""The lexicons and tables under ``data/lexicon/``, loaded once.

Rules in :mod:`aleppo_kg.extract` are general; what they need to know about
words (rank abbreviations, number words, outcome verbs, place and group
aliases...) lives in these tab-separated files so a new article series needs
new rows, not new code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from aleppo_kg.lexicon.gazetteer import variant_key
from aleppo_kg.lexicon.wikitext import WikitextTables, load_wikitext
from aleppo_kg.resources import data_path


@dataclass(frozen=True)
class Concept:
    """A row of a concept table: a slug, its English label, and optional extras."""

    slug: str
    label: str
    broader: str | None = None
    comment: str | None = None
    acled: str | None = None
    wikidata_property: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """A place the lexicon knows: canonical label, type, parent key, other spellings.

    ``geonames`` is its GeoNames id when GeoNames lists it as a populated place (so
    GeoNames' names for it are its names too); ``code`` is GeoNames' code of a
    division: a country's ISO code ("SY"), a governorate's first-level code ("09").
    """

    key: str
    label: str
    place_type: str
    parent: str | None
    aliases: tuple[str, ...]
    geonames: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class KnownOrganization:
    """A group the lexicon knows under several names."""

    label: str
    aliases: tuple[str, ...]
    state_actor: bool
    country: str | None = None  # whose conflicts its generic names ("the army") belong to
    generic: tuple[str, ...] = ()  # folded, as names are looked up


@dataclass(frozen=True)
class Group:
    """A collective of people an event names (protesters, students): an actor, not a group."""

    label: str
    aliases: tuple[str, ...]
    category: str  # the counted category its members are


@dataclass(frozen=True)
class EventCue:
    """A phrase that says what kind of event a clause reports, and how strongly."""

    phrase: str  # a regular expression matched on word boundaries, case-insensitive
    event_type: str
    priority: int
    standalone: bool  # an act of its own ("looted"), never folded into the event before


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the extraction rules look up, keyed for fast matching."""

    ranks: dict[str, str]
    fates: dict[str, Concept]
    number_words: dict[str, int]
    quantifier_phrases: dict[str, str]
    quantifiers: dict[str, Concept]
    outcome_phrases: dict[str, str]
    outcomes: dict[str, Concept]
    categories: dict[str, Concept]
    category_forms: dict[str, str]
    organizations: dict[str, KnownOrganization]
    places: dict[str, Gazetteer]
    place_names: dict[str, str]
    place_variants: dict[str, str]  # variant key (gazetteer.variant_key) -> the one place
    place_types: dict[str, Concept]
    sources: dict[str, Concept]
    source_phrases: dict[str, str]
    infobox_keys: dict[str, str]
    months: dict[str, int]
    cues: tuple[tuple[str, str], ...]
    abbreviations: frozenset[str]
    event_types: dict[str, Concept]
    date_precisions: dict[str, Concept]
    event_cues: tuple[EventCue, ...]
    verb_forms: dict[str, tuple[str, ...]]  # irregular verbs -> their inflected forms
    groups: dict[str, Group]  # by every name, folded
    civilian_categories: frozenset[str]
    crowd_categories: frozenset[str]
    default_categories: dict[str, str]  # outcome -> what a bare number with it counts
    place_scales: dict[str, str]  # place type -> city, region, settlement or country
    place_extents: dict[str, str]  # place type -> point or area (the report's map)
    actor_types: dict[str, str]  # counted category -> ACLED actor type (the report)
    ordinals: dict[str, int]  # "first" -> 1
    demonyms: dict[str, str]  # folded people's adjective -> country ("iraqi" -> "Iraq")
    vague_quantities: dict[str, tuple[str, int | None]]  # phrase -> (quantifier, value)
    name_particles: tuple[str, ...]  # "al", "ash"...: the Arabic article before a hyphen
    wikidata_kinds: dict[str, tuple[str, ...]]  # kind of resource -> words that fit it
    wikidata_classes: dict[str, frozenset[str]]  # kind of resource -> Wikidata classes (QIDs)
    wikitext: WikitextTables  # templates, tags, namespaces and infobox parameters by name

    def cue_phrases(self, meaning: str) -> list[str]:
        """Phrases of one meaning, longest first, so the longest match wins."""
        return list(self._phrases_by_meaning.get(meaning, ()))

    def cue_meaning(self, phrase: str, *meanings: str) -> str | None:
        """Which of ``meanings`` the phrase has (a phrase may have several: "captured")."""
        return next((m for m in self._meanings_by_phrase.get(phrase, ()) if m in meanings), None)

    @cached_property
    def _phrases_by_meaning(self) -> dict[str, tuple[str, ...]]:
        """:attr:`cues` by meaning, each longest first: the reader asks for them per clause."""
        phrases: dict[str, set[str]] = {}
        for phrase, meaning in self.cues:
            phrases.setdefault(meaning, set()).add(phrase)
        return {m: tuple(sorted(p, key=len, reverse=True)) for m, p in phrases.items()}

    @cached_property
    def _meanings_by_phrase(self) -> dict[str, tuple[str, ...]]:
        """:attr:`cues` by phrase, each phrase's meanings in table order."""
        meanings: dict[str, list[str]] = {}
        for phrase, meaning in self.cues:
            meanings.setdefault(phrase, []).append(meaning)
        return {p: tuple(m) for p, m in meanings.items()}

    def alternation(self, *meanings: str) -> str:
        """The cue phrases of ``meanings`` as one regex alternation, longest first in each."""
        return "|".join(re.escape(c) for m in meanings for c in self.cue_phrases(m))

    @property
    def particle(self) -> str:
        """A regex for a name particle with its hyphen: ``(?:[Aa]l|[Ee]l|...)-``."""
        return f"(?:{either_case(self.name_particles)})-"

    def group(self, name: str) -> Group | None:
        """The collective of people called ``name`` (any alias, case-insensitive)."""
        return self.groups.get(fold(name))

    def organization(self, name: str, country: str | None = None) -> KnownOrganization | None:
        """The known group called ``name`` (any alias, case-insensitive).

        A generic name ("the army") means the group only in its country's conflicts: when
        ``country`` is given and is another, it names no known group.
        """
        known = self.organizations.get(fold(name))
        if known is None or country is None or fold(country) == fold(known.country or country):
            return known
        return None if fold(name) in known.generic else known

    def place(self, name: str) -> Gazetteer | None:
        """The gazetteer place called ``name`` (any alias, case-insensitive), else the one
        place a spelling variant of it names ("Tal Rifaat" for "Tell Rifaat")."""
        key = self.place_names.get(fold(name)) or self.place_variants.get(
            variant_key(name, self.name_particles)
        )
        return self.places[key] if key else None

    def place_by_geonames(self, geonames: str) -> Gazetteer | None:
        """The gazetteer row that is GeoNames place ``geonames``, if one is."""
        return next((p for p in self.places.values() if p.geonames == geonames), None)


def either_case(words: Iterable[str]) -> str:
    """A regex alternation of lower-case ``words`` that may also start with a capital
    ("al" matches "al" and "Al"; "the", "the" and "The")."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)


def fold(name: str) -> str:
    """Normalise a name for lookup: case, typographic apostrophes and spacing don't matter."""
    return re.sub(r"\s+", " ", name.replace("’", "'").strip()).casefold()


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file with a header line; lines starting with ``#`` are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _table(name: str) -> list[dict[str, str]]:
    return read_table(data_path("lexicon", name))


def _concepts(name: str, slug_column: str) -> dict[str, Concept]:
    return {
        row[slug_column]: Concept(
            slug=row[slug_column],
            label=row["label"],
            broader=row.get("broader") or None,
            comment=row.get("comment") or None,
            acled=row.get("acled") or None,
            wikidata_property=row.get("wikidata_property") or None,
        )
        for row in _table(name)
    }


def _aliases(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def _organizations() -> dict[str, KnownOrganization]:
    index: dict[str, KnownOrganization] = {}
    for row in _table("organizations.tsv"):
        generic = _aliases(row["generic"])
        org = KnownOrganization(
            row["label"],
            _aliases(row["aliases"]) + generic,
            row["state"] == "yes",
            row["country"] or None,
            tuple(map(fold, generic)),
        )
        for name in (org.label, *org.aliases):
            index[fold(name)] = org
    return index


def _places(
    particles: tuple[str, ...],
) -> tuple[dict[str, Gazetteer], dict[str, str], dict[str, str]]:
    """The gazetteer by key, by name, and by the variant key no two of its places share."""
    places: dict[str, Gazetteer] = {}
    names: dict[str, str] = {}
    variants: dict[str, set[str]] = {}
    for row in _table("places.tsv"):
        place = Gazetteer(
            row["key"],
            row["label"],
            row["type"],
            row["parent"] or None,
            _aliases(row["aliases"]),
            row.get("geonames") or None,
            row.get("code") or None,
        )
        places[place.key] = place
        for name in (place.label, *place.aliases):
            names[fold(name)] = place.key
            variants.setdefault(variant_key(name, particles), set()).add(place.key)
    unique = {variant: keys.pop() for variant, keys in variants.items() if len(keys) == 1}
    return places, names, unique


def _categories() -> tuple[dict[str, Concept], dict[str, str]]:
    rows = _table("categories.tsv")
    concepts = _concepts("categories.tsv", "category")
    forms = {fold(form): row["category"] for row in rows for form in _aliases(row["forms"])}
    return concepts, forms


def _sources() -> tuple[dict[str, Concept], dict[str, str]]:
    rows = _table("sources.tsv")
    concepts = _concepts("sources.tsv", "source")
    phrases = {fold(a): row["source"] for row in rows for a in _aliases(row["aliases"])}
    return concepts, phrases


def _fates() -> dict[str, Concept]:
    return {row["marker"]: Concept(row["fate"], row["label"]) for row in _table("fates.tsv")}


def _groups() -> dict[str, Group]:
    index: dict[str, Group] = {}
    for row in _table("groups.tsv"):
        group = Group(row["label"], _aliases(row["aliases"]), row["category"])
        for name in (group.label, *group.aliases):
            index[fold(name)] = group
    return index


def _event_cues() -> tuple[EventCue, ...]:
    return tuple(
        EventCue(row["cue"], row["event_type"], int(row["priority"]), row["standalone"] == "yes")
        for row in _table("event_cues.tsv")
    )


def _flagged(name: str, column: str) -> frozenset[str]:
    """The keys of a table's rows whose ``column`` says yes."""
    rows = _table(name)
    key = next(iter(rows[0])) if rows else ""
    return frozenset(row[key] for row in rows if row.get(column) == "yes")


def _grouped(name: str, key: str, value: str) -> dict[str, frozenset[str]]:
    """The values of one column grouped by another."""
    groups: dict[str, set[str]] = {}
    for row in _table(name):
        groups.setdefault(row[key], set()).add(row[value])
    return {group: frozenset(values) for group, values in groups.items()}


def _column(name: str, key: str, value: str) -> dict[str, str]:
    """One column of a table by another, leaving out empty cells."""
    return {row[key]: row[value] for row in _table(name) if row.get(value)}


@cache
def load_lexicon() -> Lexicon:
    """Load every table once per process."""
    particles = tuple(row["particle"] for row in _table("name_particles.tsv"))
    places, place_names, place_variants = _places(particles)
    categories, category_forms = _categories()
    sources, source_phrases = _sources()
    return Lexicon(
        ranks={row["abbreviation"]: row["rank"] for row in _table("ranks.tsv")},
        fates=_fates(),
        number_words={row["word"]: int(row["value"]) for row in _table("number_words.tsv")},
        quantifier_phrases={row["phrase"]: row["quantifier"] for row in _table("quantifiers.tsv")},
        quantifiers=_concepts("quantifier_concepts.tsv", "quantifier"),
        outcome_phrases={row["phrase"]: row["outcome"] for row in _table("outcomes.tsv")},
        outcomes=_concepts("outcome_concepts.tsv", "outcome"),
        categories=categories,
        category_forms=category_forms,
        organizations=_organizations(),
        places=places,
        place_names=place_names,
        place_variants=place_variants,
        place_types=_concepts("place_types.tsv", "place_type"),
        sources=sources,
        source_phrases=source_phrases,
        infobox_keys={row["key"]: row["field"] for row in _table("infobox_keys.tsv")},
        months={fold(row["name"]): int(row["month"]) for row in _table("months.tsv")},
        cues=tuple((row["cue"], row["meaning"]) for row in _table("cues.tsv")),
        abbreviations=frozenset(row["abbreviation"] for row in _table("abbreviations.tsv")),
        event_types=_concepts("event_types.tsv", "event_type"),
        date_precisions=_concepts("date_precisions.tsv", "date_precision"),
        event_cues=_event_cues(),
        verb_forms={row["verb"]: tuple(row["forms"].split()) for row in _table("verb_forms.tsv")},
        groups=_groups(),
        civilian_categories=_flagged("categories.tsv", "civilian"),
        crowd_categories=_flagged("categories.tsv", "crowd"),
        default_categories=_column("outcome_concepts.tsv", "outcome", "default_category"),
        place_scales=_column("place_types.tsv", "place_type", "scale"),
        place_extents=_column("place_types.tsv", "place_type", "extent"),
        actor_types=_column("actor_types.tsv", "category", "actor_type"),
        ordinals={fold(row["word"]): int(row["value"]) for row in _table("ordinals.tsv")},
        demonyms={fold(row["demonym"]): row["country"] for row in _table("demonyms.tsv")},
        vague_quantities={
            fold(row["phrase"]): (row["quantifier"], int(row["value"]) if row["value"] else None)
            for row in _table("vague_quantities.tsv")
        },
        name_particles=particles,
        wikidata_kinds={
            row["kind"]: _aliases(row["words"]) for row in _table("wikidata_kinds.tsv")
        },
        wikidata_classes=_grouped("wikidata_classes.tsv", "kind", "item"),
        wikitext=load_wikitext(_table),
    )


@cache
def link_sources() -> tuple[str, ...]:
    """The URL prefixes ``data/links.tsv`` may cite: pages and records a person can open and check,
    never a mirror of them (``link_sources.tsv``)."""
    return tuple(row["prefix"] for row in _table("link_sources.tsv"))
