"""How well the tool reads articles, field by field, against hand annotations.

:mod:`.gold` finds and loads the annotations, :mod:`.events` and :mod:`.infobox`
score one article, :mod:`.table` puts articles side by side with a total.
"""

from __future__ import annotations

from aleppo_kg.curation.evaluate.events import score_events
from aleppo_kg.curation.evaluate.gold import Gold, default_gold, find_gold, load_gold
from aleppo_kg.curation.evaluate.infobox import score_infobox
from aleppo_kg.curation.evaluate.score import Score
from aleppo_kg.model import Extraction

__all__ = ["Gold", "Score", "default_gold", "evaluate", "find_gold", "load_gold", "score_events"]


def evaluate(extraction: Extraction, gold: Gold) -> list[Score]:
    """Every score of one article: the infobox's fields, then the prose's events."""
    scores = score_infobox(extraction, gold.infobox) if gold.infobox is not None else []
    if gold.events is not None:
        scores.extend(score_events(extraction, gold.events))
    return scores
