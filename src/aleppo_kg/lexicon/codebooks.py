"""The tables of ``data/lexicon/`` that only the exports read: other datasets' codebooks.

ACLED's actor types and disorder types, the countries' codes and regions, and the Wikidata
items QuickStatements writes are facts about ACLED, ISO and Wikidata, not about the words of
an article, so they are kept apart from :class:`aleppo_kg.lexicon.Lexicon`, which the
extraction loads on every build. They are read by the same table reader, once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from aleppo_kg.lexicon import fold, read_table
from aleppo_kg.resources import data_path


@dataclass(frozen=True)
class ActorType:
    """One of ACLED's actor types ("inter" code)."""

    inter: int
    label: str  # "State forces", as actor_types.tsv names it
    collective: str | None  # ACLED's name for an unnamed collective of the type ("Civilians")
    ged: str  # the UCDP GED deaths column: a, b, civilians or unknown


@dataclass(frozen=True)
class Country:
    """A country's codes and ACLED's region for it."""

    label: str
    iso3: str
    iso_numeric: int
    region: str


@dataclass(frozen=True)
class WikidataItem:
    """A Wikidata item the QuickStatements export writes, or None where it is not verified."""

    key: str
    item: str | None
    label: str


NO_COUNTRY = "(no country)"  # the row of countries.tsv for events with no known country


@dataclass(frozen=True)
class Codebooks:
    """Everything the exports look up that is not in the graph."""

    actor_types: dict[int, ActorType]  # by inter code
    actor_type_codes: dict[str, int]  # actor type label -> inter code
    actor_overrides: dict[str, int]  # folded actor label -> inter code
    disorder_types: dict[str, str]  # ACLED sub-event type -> disorder type
    countries: dict[str, Country]  # by label
    no_country: Country  # what an event id names when the event's country is unknown
    wikidata_items: dict[str, WikidataItem]  # by key

    def actor_override(self, label: str) -> int | None:
        """The inter code the table gives an actor by name, if any."""
        return self.actor_overrides.get(fold(label))


def _table(name: str) -> list[dict[str, str]]:
    return read_table(data_path("lexicon", name))


@cache
def load_codebooks() -> Codebooks:
    """Load the exports' tables once per process."""
    types = {
        int(row["inter"]): ActorType(
            int(row["inter"]), row["label"], row["actor"] or None, row["ged"]
        )
        for row in _table("acled_inter.tsv")
    }
    countries = [
        Country(r["country"], r["iso3"], int(r["iso_numeric"]), r["region"])
        for r in _table("countries.tsv")
    ]
    return Codebooks(
        actor_types=types,
        actor_type_codes={t.label: t.inter for t in types.values()},
        actor_overrides={fold(r["actor"]): int(r["inter"]) for r in _table("acled_actors.tsv")},
        disorder_types={
            r["sub_event_type"]: r["disorder_type"] for r in _table("acled_disorder.tsv")
        },
        countries={c.label: c for c in countries if c.label != NO_COUNTRY},
        no_country=next(c for c in countries if c.label == NO_COUNTRY),
        wikidata_items={
            r["key"]: WikidataItem(r["key"], r["item"] or None, r["label"])
            for r in _table("wikidata_items.tsv")
        },
    )
