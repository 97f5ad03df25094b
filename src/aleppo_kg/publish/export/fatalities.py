"""How many people an event killed: the conservative reading, and the spread of the reports.

An event's figures of people killed overlap in two ways the graph keeps apart:

- several figures of one category ("at least 20 people", "31 people") are conflicting
  reports of one toll: the lowest is the conservative reading (ACLED's rule), the highest
  the top of the spread (UCDP GED's ``high``);
- figures of categories of one kind of actor ("five army soldiers, including two officers")
  may count the same dead: the largest stands for the kind, never their sum.

Kinds of actor are ACLED's actor types (``actor_types.tsv``, through the categories' broader
ones, as in the report); a figure of people of no known kind ("people") may include every
other, so the toll is the larger of it and the sum of the known kinds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from aleppo_kg.publish.export.read import Figure
from aleppo_kg.publish.report.read import actor_type
from aleppo_kg.publish.report.views import UNSPECIFIED


@dataclass(frozen=True)
class Toll:
    """An event's deaths: the lowest and highest reading, and the lowest per kind of actor.

    ``by_kind`` sums to ``low``; deaths the figures do not attribute to a kind are
    ``UNSPECIFIED``. ``reported`` is False when the text gives no figure of people killed.
    """

    low: int
    high: int
    by_kind: dict[str, int]
    reported: bool


class Kinds:
    """The kind of actor (ACLED actor type) of each counted category, through its broader ones."""

    def __init__(self, broader: dict[str, str], actor_types: dict[str, str]) -> None:
        self._broader = {ox.NamedNode(k): ox.NamedNode(v) for k, v in broader.items()}
        self._types = actor_types

    def of(self, category: str) -> str:
        return actor_type(ox.NamedNode(category), self._broader, self._types)


def toll(figures: Iterable[Figure], kinds: Kinds) -> Toll:
    """The deaths the figures report, read as the module says."""
    per_category: dict[str, tuple[int, int]] = {}
    for figure in figures:
        if figure.low is None or figure.high is None:
            continue  # "many killed": no number to count
        low, high = per_category.get(figure.category, (figure.low, figure.high))
        per_category[figure.category] = (min(low, figure.low), max(high, figure.high))
    per_kind: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for category, (low, high) in per_category.items():
        kind = kinds.of(category)
        known_low, known_high = per_kind[kind]
        per_kind[kind] = (max(known_low, low), max(known_high, high))
    unknown_low, unknown_high = per_kind.pop(UNSPECIFIED, (0, 0))
    known_low = sum(low for low, _ in per_kind.values())
    known_high = sum(high for _, high in per_kind.values())
    low = max(unknown_low, known_low)
    by_kind = {kind: low for kind, (low, _) in sorted(per_kind.items()) if low}
    if low > known_low:
        by_kind[UNSPECIFIED] = low - known_low
    return Toll(low, max(unknown_high, known_high), by_kind, bool(per_category))
