"""What every evaluated aspect is scored as: matched, predicted and gold counts.

Names are compared by their slug with a leading "the" dropped, so case, diacritics,
apostrophes and hyphenation do not count against the tool; anything else does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from aleppo_kg.text.slugs import slugify

P = TypeVar("P")
G = TypeVar("G")


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

    def __add__(self, other: Score) -> Score:
        """Two articles' counts of one aspect together (micro-averaging)."""
        return Score(
            self.name,
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )


def name_key(name: str | None) -> str:
    """How a name is compared: "The Free Syrian Army" and "free syrian army" are one."""
    if not name:
        return ""
    slug = slugify(name)
    return slug[4:] if slug.startswith("the-") else slug


def bag(name: str, predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> Score:
    """Multiset overlap of two lists of comparable keys."""
    mine, theirs = Counter(predicted), Counter(gold)
    hits = sum((mine & theirs).values())
    return Score(name, hits, sum(mine.values()), sum(theirs.values()))


def pair(
    predicted: Sequence[P], gold: Sequence[G], same: Callable[[P, G], bool]
) -> list[tuple[P, G]]:
    """Each gold item with the first unpaired prediction that ``same`` accepts, in order."""
    free = list(predicted)
    pairs = []
    for item in gold:
        match = next((p for p in free if same(p, item)), None)
        if match is not None:
            free.remove(match)
            pairs.append((match, item))
    return pairs


def attribute(
    name: str,
    pairs: Sequence[tuple[P, G]],
    predicted: int,
    gold: int,
    agree: Callable[[P, G], bool],
) -> Score:
    """An attribute of paired items (a commander's rank): right only on a pair that agrees."""
    return Score(name, sum(1 for p, g in pairs if agree(p, g)), predicted, gold)
