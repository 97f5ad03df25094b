"""Articles' scores side by side: one row per article, a total, as text or JSON.

The total adds the counts of every article (micro-averaging), so an article with
many commanders weighs more than one with none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aleppo_kg.curation.evaluate.score import Score

# Short column headings of the per-article table, in the order of the scores.
HEADINGS = {
    "conflict-dates": "dates",
    "part-of": "partof",
    "combatants": "comb",
    "commanders": "cmdr",
    "commander-ranks": "rank",
    "commander-fates": "fate",
    "unit-edges": "units",
    "figures": "figs",
    "figure-categories": "f.cat",
    "figure-outcomes": "f.out",
    "figure-quantifiers": "f.qnt",
    "figure-sources": "f.src",
    "control-changes": "ctrl",
    "events": "events",
    "event-types": "e.type",
    "event-dates": "e.date",
    "event-places": "e.plc",
    "event-figures": "e.fig",
    "event-sources": "e.src",
}
TOTAL = "TOTAL"


@dataclass(frozen=True)
class Row:
    """One article's scores, by aspect."""

    article: str
    scores: dict[str, Score]

    @classmethod
    def of(cls, article: str, scores: Sequence[Score]) -> Row:
        """A row from an article's list of scores."""
        return cls(article, {score.name: score for score in scores})


def total(rows: Sequence[Row]) -> Row:
    """Every article's counts added up, aspect by aspect."""
    summed: dict[str, Score] = {}
    for row in rows:
        for name, score in row.scores.items():
            summed[name] = summed[name] + score if name in summed else score
    return Row(TOTAL, summed)


def format_table(rows: Sequence[Row]) -> str:
    """F1 per article and aspect ("-" where the article has nothing of it either way)."""
    everything = [*rows, total(rows)]
    width = max(len(r.article) for r in everything)
    aspects = [a for a in HEADINGS if any(a in r.scores for r in everything)]
    lines = [f"{'article':<{width}} " + " ".join(f"{HEADINGS[a]:>6}" for a in aspects)]
    for row in everything:
        cells = [_cell(row.scores.get(a)) for a in aspects]
        lines.append(f"{row.article:<{width}} " + " ".join(f"{c:>6}" for c in cells))
    return "\n".join(lines)


def _cell(score: Score | None) -> str:
    if score is None or (score.predicted == 0 and score.gold == 0):
        return "-"
    return f"{score.f1:.2f}"


def format_scores(title: str, scores: Sequence[Score]) -> str:
    """One article's or the total's aspects: precision, recall, F1 and the counts."""
    lines = [
        title,
        f"{'aspect':<18} {'precision':>9} {'recall':>7} {'F1':>6}  matched/predicted/gold",
    ]
    for score in scores:
        lines.append(
            f"{score.name:<18} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}  "
            f"{score.true_positives}/{score.predicted}/{score.gold}"
        )
    return "\n".join(lines)


def as_json(rows: Sequence[Row]) -> dict:
    """Every article's and the total's scores with their counts."""
    return {row.article: _json_scores(row) for row in [*rows, total(rows)]}


def _json_scores(row: Row) -> dict:
    return {
        name: {
            "precision": round(s.precision, 4),
            "recall": round(s.recall, 4),
            "f1": round(s.f1, 4),
            "matched": s.true_positives,
            "predicted": s.predicted,
            "gold": s.gold,
        }
        for name, s in row.scores.items()
    }
