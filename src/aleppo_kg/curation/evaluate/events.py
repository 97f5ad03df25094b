"""Precision and recall of the prose events against a hand annotation.

The annotation (JSON Lines, see ``docs/annotation.md``) gives, per event, the
anchor sentence, type, date bounds, places, figures and sources. A predicted
event matches a gold event when its sentences include the gold anchor sentence
(ties broken by type, then by date). Dates, places, figures and sources are
then compared on the matched pairs; what is unmatched counts against both.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

from aleppo_kg.curation.evaluate.score import Score, attribute, name_key, pair
from aleppo_kg.lexicon import load_lexicon
from aleppo_kg.lexicon.gazetteer import variant_key
from aleppo_kg.model import Event, Extraction, Figure, Place


def score_events(extraction: Extraction, gold: list[dict]) -> list[Score]:
    """Scores for events, and for the type, date, places, figures and sources of each."""
    predicted = list(extraction.events)
    pairs = _match(predicted, gold, extraction.article.text)
    count, total = len(predicted), len(gold)
    return [
        Score("events", len(pairs), count, total),
        attribute("event-types", pairs, count, total, lambda e, g: e.event_type == g["type"]),
        attribute("event-dates", pairs, count, total, _same_dates),
        _bag_score(
            "event-places", predicted, gold, pairs, _places, lambda g: g["places"], _names_place
        ),
        _bag_score("event-figures", predicted, gold, pairs, _figures, _gold_figures),
        _bag_score("event-sources", predicted, gold, pairs, _sources, lambda g: g["sources"]),
    ]


def _same_dates(event: Event, item: dict) -> bool:
    found = (event.date.earliest.isoformat(), event.date.latest.isoformat())
    return found == (item["earliest"], item["latest"])


def _match(predicted: list[Event], gold: list[dict], text: str) -> list[tuple[Event, dict]]:
    sentences = {id(e): {text[s.start : s.end] for s in e.spans} for e in predicted}
    free = list(predicted)
    pairs = []
    for item in gold:
        candidates = [e for e in free if item["sentence"] in sentences[id(e)]]
        if not candidates:
            continue
        candidates.sort(
            key=lambda e: (
                e.event_type != item["type"],
                e.date.earliest.isoformat() != item["earliest"],
            )
        )
        best = candidates[0]
        free.remove(best)
        pairs.append((best, item))
    return pairs


def _bag_score(
    name: str,
    predicted: list[Event],
    gold: list[dict],
    pairs: list[tuple[Event, dict]],
    of_event: Callable[[Event], list],
    of_gold: Callable[[dict], list],
    same: Callable[[object, object], bool] = operator.eq,
) -> Score:
    """Items of matched pairs paired one to one by ``same``; everything else is unmatched."""
    hits = sum(len(pair(of_event(e), of_gold(g), same)) for e, g in pairs)
    return Score(
        name, hits, sum(len(of_event(e)) for e in predicted), sum(len(of_gold(g)) for g in gold)
    )


def place_names(place: Place) -> set[str]:
    """Every way a gold annotation may name a place: its key, label, spelling and aliases,
    and the spelling variants of those (as the gazetteer matches them: "Maarat al-Numan"
    is "Maarrat an-Nu'man")."""
    entity = place.entity
    names = {entity.label, entity.written, *place.aliases}
    return (
        {entity.key.split("/", 1)[1]} | {name_key(n) for n in names} | {_variant(n) for n in names}
    )


def same_place(names: set[str], gold: str) -> bool:
    """A gold place (a key or a slug) is one of a predicted place's names or their variants."""
    return gold in names or name_key(gold) in names or _variant(gold) in names


def _variant(name: str) -> str:
    return "~" + variant_key(name, load_lexicon().name_particles)


def _places(event: Event) -> list[set[str]]:
    return [place_names(m.place) for m in event.places]


def _names_place(names: object, gold: object) -> bool:
    return isinstance(names, set) and isinstance(gold, str) and same_place(names, gold)


def _sources(event: Event) -> list[str]:
    return [s.key.split("/", 1)[1] for s in event.sources]


def _figure_key(figure: Figure) -> tuple:
    """A vague amount's bound comes from the lexicon, not the text: only "vague" is compared."""
    q = figure.quantity
    if q.quantifier == "vague":
        return (figure.category, figure.outcome, "vague")
    return (figure.category, figure.outcome, q.exact, q.minimum, q.maximum)


def _figures(event: Event) -> list[tuple]:
    return [_figure_key(f) for f in event.figures]


def _gold_figures(item: dict) -> list[tuple]:
    return [
        (f["category"], f["outcome"], "vague")
        if f.get("vague")
        else (f["category"], f["outcome"], f.get("exact"), f.get("min"), f.get("max"))
        for f in item["figures"]
    ]
