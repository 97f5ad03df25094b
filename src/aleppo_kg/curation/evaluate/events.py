"""Precision and recall of the event extraction against a hand annotation.

The annotation (JSON Lines, see ``docs/annotation.md``) gives, per event, the
anchor sentence, type, date bounds, places, figures and sources. A predicted
event matches a gold event when its sentences include the gold anchor sentence
(ties broken by type, then by date). Dates, places, figures and sources are
then compared on the matched pairs; what is unmatched counts against both.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from aleppo_kg.errors import InputError
from aleppo_kg.model import Event, Extraction, Figure


@dataclass(frozen=True)
class Score:
    """Precision and recall of one aspect."""

    name: str
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def default_gold(article: Path) -> Path:
    """Where an article's annotation lives: ``<name>.events.jsonl`` beside it or in data/."""
    beside = article.with_suffix(".events.jsonl")
    if beside.is_file():
        return beside
    return article.parents[1] / "evaluation" / f"{article.stem}.events.jsonl"


def load_gold(path: Path) -> list[dict]:
    """The annotated events; a malformed file is an :class:`InputError`."""
    if not path.is_file():
        raise InputError(f"{path}: no such annotation file")
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except ValueError as err:
            raise InputError(f"{path}: line {number}: not JSON ({err})") from None
    return events


def evaluate(extraction: Extraction, gold: list[dict]) -> list[Score]:
    """Scores for events, types, dates, places, figures and sources."""
    text = extraction.article.text
    predicted = list(extraction.events)
    pairs = _match(predicted, gold, text)
    matched = len(pairs)
    dates = sum(
        1
        for event, item in pairs
        if (event.date.earliest.isoformat(), event.date.latest.isoformat())
        == (item["earliest"], item["latest"])
    )
    types = sum(1 for event, item in pairs if event.event_type == item["type"])
    return [
        Score("events", matched, len(predicted), len(gold)),
        Score("types", types, len(predicted), len(gold)),
        Score("dates", dates, len(predicted), len(gold)),
        _bag_score("places", predicted, gold, pairs, _places, lambda g: g["places"]),
        _bag_score("figures", predicted, gold, pairs, _figures, _gold_figures),
        _bag_score("sources", predicted, gold, pairs, _sources, lambda g: g["sources"]),
    ]


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


def _bag_score(name, predicted, gold, pairs, of_event, of_gold) -> Score:
    """Multiset overlap on matched pairs; everything else is unmatched."""
    hits = sum(sum((Counter(of_event(e)) & Counter(of_gold(g))).values()) for e, g in pairs)
    return Score(
        name, hits, sum(len(of_event(e)) for e in predicted), sum(len(of_gold(g)) for g in gold)
    )


def _places(event: Event) -> list[str]:
    return [m.place.entity.key.split("/", 1)[1] for m in event.places]


def _sources(event: Event) -> list[str]:
    return [s.key.split("/", 1)[1] for s in event.sources]


def _figure_key(figure: Figure) -> tuple:
    q = figure.quantity
    return (figure.category, figure.outcome, q.exact, q.minimum, q.maximum)


def _figures(event: Event) -> list[tuple]:
    return [_figure_key(f) for f in event.figures]


def _gold_figures(item: dict) -> list[tuple]:
    return [
        (f["category"], f["outcome"], f.get("exact"), f.get("min"), f.get("max"))
        for f in item["figures"]
    ]


def format_scores(title: str, scores: list[Score]) -> str:
    """A small table: aspect, precision, recall, F1, counts."""
    lines = [
        title,
        f"{'aspect':<8} {'precision':>9} {'recall':>7} {'F1':>6}  matched/predicted/gold",
    ]
    for score in scores:
        lines.append(
            f"{score.name:<8} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}  "
            f"{score.true_positives}/{score.predicted}/{score.gold}"
        )
    return "\n".join(lines)
