"""Precision and recall of every infobox field against a hand annotation.

Each field is paired item by item (a commander by side and name, a figure by side,
kind and value); attributes of a pair (a commander's rank, a figure's source) count
only on pairs. Names are compared as :func:`~.score.name_key` makes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aleppo_kg.curation.evaluate.events import place_names, same_place
from aleppo_kg.curation.evaluate.score import Score, attribute, name_key, pair
from aleppo_kg.model import (
    Commander,
    Conflict,
    DateValue,
    Entity,
    Extraction,
    Figure,
    Organization,
    Unit,
)

SELF = "self"
_YEARS = re.compile(r"\s*\([^()]*\)")


def score_infobox(extraction: Extraction, gold: dict) -> list[Score]:
    """Scores of the conflict's dates and part-of, the sides' fields and the control changes."""
    conflict = extraction.conflict
    return [
        _dates(conflict, gold["conflict"]),
        _part_of(conflict, gold["conflict"].get("part_of", [])),
        _combatants(conflict, gold["sides"]),
        *_commanders(conflict, gold["sides"]),
        _units(conflict, gold["sides"]),
        *_figures(conflict, gold),
        _control(conflict, gold.get("control_changes", [])),
    ]


def _names(entity: Entity, aliases: tuple[str, ...] = ()) -> set[str]:
    return {name_key(n) for n in (entity.label, entity.written, *aliases)}


def _org_names(org: Organization | None) -> set[str]:
    return _names(org.entity, org.aliases) if org else {""}


def _bounds(value: DateValue | None) -> tuple[str, str] | None:
    if value is None or value.precision == "open":
        return None
    return (value.earliest.isoformat(), value.latest.isoformat())


def _gold_bounds(value: dict | None) -> tuple[str, str] | None:
    return (value["earliest"], value["latest"]) if value else None


def _dates(conflict: Conflict, gold: dict) -> Score:
    found = [_bounds(conflict.begin), _bounds(conflict.end)]
    wanted = [_gold_bounds(gold.get("begin")), _gold_bounds(gold.get("end"))]
    return Score(
        "conflict-dates", sum(1 for f, w in zip(found, wanted, strict=True) if f == w), 2, 2
    )


def _part_of(conflict: Conflict, gold: list[list[str]]) -> Score:
    found = list(_parent_edges(conflict))
    pairs = pair(found, gold, lambda f, g: name_key(g[0]) in f[0] and name_key(g[1]) in f[1])
    return Score("part-of", len(pairs), len(found), len(gold))


def _parent_edges(conflict: Conflict) -> Iterator[tuple[set[str], set[str]]]:
    """(child names, parent names) for each part-of edge the infobox gives."""
    child = {SELF}
    for parent in conflict.parents:
        yield from _chain(child, parent)


def _chain(child: set[str], parent) -> Iterator[tuple[set[str], set[str]]]:
    while parent is not None:
        entity = parent.entity  # annotated without its years in parentheses
        names = _names(entity, (_YEARS.sub("", entity.label),))
        yield child, names
        child, parent = names, parent.parent


def _of_sides(conflict: Conflict, field: str) -> list:
    """Each record of a side's ``field`` (commanders, units...) with the side's number."""
    return [(side.number, r) for side in conflict.sides for r in getattr(side, field)]


def _side_items(gold_sides: list[dict], field: str) -> list[tuple[int, dict]]:
    return [(side["number"], item) for side in gold_sides for item in side.get(field, [])]


def _combatants(conflict: Conflict, gold_sides: list[dict]) -> Score:
    found = [
        (side.number, _org_names(org), supporter)
        for side in conflict.sides
        for supporter, orgs in ((False, side.combatants), (True, side.supporters))
        for org in orgs
    ]
    wanted = _side_items(gold_sides, "combatants")
    pairs = pair(
        found,
        wanted,
        lambda f, w: (
            f[0] == w[0] and name_key(w[1]["name"]) in f[1] and f[2] == bool(w[1].get("supporter"))
        ),
    )
    return Score("combatants", len(pairs), len(found), len(wanted))


def _commanders(conflict: Conflict, gold_sides: list[dict]) -> list[Score]:
    found: list[tuple[int, Commander]] = _of_sides(conflict, "commanders")
    wanted = _side_items(gold_sides, "commanders")
    pairs = pair(
        found,
        wanted,
        lambda f, w: f[0] == w[0] and name_key(w[1]["name"]) in _names(f[1].person),
    )
    count, total = len(found), len(wanted)
    return [
        Score("commanders", len(pairs), count, total),
        attribute(
            "commander-ranks", pairs, count, total, lambda f, w: f[1].rank == _slug(w[1]["rank"])
        ),
        attribute(
            "commander-fates", pairs, count, total, lambda f, w: f[1].fate == w[1].get("fate")
        ),
    ]


def _slug(name: str | None) -> str | None:
    return name_key(name) or None


def _units(conflict: Conflict, gold_sides: list[dict]) -> Score:
    found: list[tuple[int, Unit]] = _of_sides(conflict, "units")
    wanted = _side_items(gold_sides, "units")
    pairs = pair(
        found,
        wanted,
        lambda f, w: (
            f[0] == w[0]
            and name_key(w[1]["name"]) in _org_names(f[1].organization)
            and name_key(w[1].get("parent")) in _org_names(f[1].parent)
        ),
    )
    return Score("unit-edges", len(pairs), len(found), len(wanted))


def _figures(conflict: Conflict, gold: dict) -> list[Score]:
    found: list[tuple[int, Figure]] = [(0, f) for f in conflict.figures]
    found += _of_sides(conflict, "figures")
    wanted = [(0, f) for f in gold.get("figures", [])] + _side_items(gold["sides"], "figures")
    pairs = pair(found, wanted, _same_figure)
    count, total = len(found), len(wanted)
    return [
        Score("figures", len(pairs), count, total),
        attribute(
            "figure-categories", pairs, count, total, lambda f, w: f[1].category == w[1]["category"]
        ),
        attribute(
            "figure-outcomes", pairs, count, total, lambda f, w: f[1].outcome == w[1]["outcome"]
        ),
        attribute(
            "figure-quantifiers",
            pairs,
            count,
            total,
            lambda f, w: f[1].quantity.quantifier == w[1]["quantifier"],
        ),
        attribute("figure-sources", pairs, count, total, _same_source),
    ]


def _same_figure(found: tuple[int, Figure], wanted: tuple[int, dict]) -> bool:
    """Same side, same kind, same value and bounds."""
    figure, item = found[1], wanted[1]
    q = figure.quantity
    return (
        found[0] == wanted[0]
        and figure.kind == item["kind"]
        and (q.exact, q.minimum, q.maximum) == (item.get("exact"), item.get("min"), item.get("max"))
    )


def _same_source(found: tuple[int, Figure], wanted: tuple[int, dict]) -> bool:
    source = found[1].source
    expected = wanted[1].get("source")
    if source is None or expected is None:
        return source is None and expected is None
    return source.key.split("/", 1)[1] == expected or name_key(expected) in _names(source)


def _control(conflict: Conflict, gold: list[dict]) -> Score:
    found = [(_org_names(c.actor), place_names(c.place)) for c in conflict.control_changes]
    pairs = pair(
        found,
        gold,
        lambda f, g: name_key(g["actor"]) in f[0] and same_place(f[1], g["place"]),
    )
    return Score("control-changes", len(pairs), len(found), len(gold))
