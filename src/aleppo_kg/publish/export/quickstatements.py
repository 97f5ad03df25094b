"""QuickStatements (V1, tab-separated) for Wikidata editors: what the article says of linked items.

For each conflict the article describes and that is linked to a Wikidata item (``owl:sameAs
wd:Q…``): its start and end time with their precision (P580, P582), location (P276),
participants (P710), the conflict it is part of (P361) and the deaths per side and of
civilians (P1120, qualified with "applies to part", P518), each referenced to the revision
of the article (S854), the day it was retrieved (S813) and English Wikipedia (S143).
A value that is not linked, a figure QuickStatements cannot state as the text does ("at
least 50"), an unverified qualifier: each is a comment line (``#``), never a new item.
Comment lines are for the editor reviewing the batch; QuickStatements itself reads only
the statement lines, so paste those (``grep -v '^#'``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pyoxigraph as ox

from aleppo_kg.lexicon.codebooks import Codebooks
from aleppo_kg.publish.export.read import rows, text
from aleppo_kg.vocab import IRIS

CONFLICTS = """
SELECT ?conflict ?label ?item ?edtf ?page ?permalink ?retrieved WHERE {
  ?conflict a akg:Conflict ; rdfs:label ?label ; prov:wasDerivedFrom ?span .
  OPTIONAL { ?conflict owl:sameAs ?item FILTER STRSTARTS(STR(?item), STR(wd:)) }
  OPTIONAL { ?conflict akg:edtf ?edtf }
  OPTIONAL { ?context dcterms:subject ?conflict .
             OPTIONAL { ?context dcterms:source ?page }
             OPTIONAL { ?context prov:wasDerivedFrom ?permalink }
             OPTIONAL { ?context pav:retrievedOn ?retrieved } }
}
ORDER BY ?conflict ?item ?page ?permalink
"""

# what each statement's value is: a place, a participant, the wider conflict
VALUES = """
SELECT ?conflict ?property ?value ?label ?item WHERE {
  { ?conflict sem:hasPlace ?value . BIND("P276" AS ?property) }
  UNION { ?conflict akg:hasSide/akg:hasCombatant ?value . BIND("P710" AS ?property) }
  UNION { ?conflict sem:subEventOf ?value . ?value a akg:Conflict . BIND("P361" AS ?property) }
  ?conflict a akg:Conflict .
  ?value rdfs:label ?label .
  OPTIONAL { ?value owl:sameAs ?item FILTER STRSTARTS(STR(?item), STR(wd:)) }
}
ORDER BY ?conflict ?property ?label ?value ?item
"""

DEATHS = """
SELECT ?conflict ?figure ?side ?written ?count ?min ?max ?category WHERE {
  ?figure akg:figureFor ?for ; akg:outcome outcome:killed ; akg:category ?category .
  { ?for a akg:Conflict . BIND(?for AS ?conflict) }
  UNION { ?conflict akg:hasSide ?for . BIND(?for AS ?side) }
  OPTIONAL { ?figure akg:asWritten ?written }
  OPTIONAL { ?figure akg:count ?count }
  OPTIONAL { ?figure akg:minCount ?min }
  OPTIONAL { ?figure akg:maxCount ?max }
}
ORDER BY ?conflict ?side ?figure
"""

SIDE_COMBATANTS = """
SELECT ?side ?label ?item WHERE {
  ?side a akg:Side ; akg:hasCombatant ?org . ?org rdfs:label ?label .
  OPTIONAL { ?org owl:sameAs ?item FILTER STRSTARTS(STR(?item), STR(wd:)) }
}
ORDER BY ?side ?label ?item
"""

DAY, MONTH, YEAR = 11, 10, 9
DEATHS_PROPERTY, APPLIES_TO_PART = "P1120", "P518"
ENGLISH_WIKIPEDIA = "english-wikipedia"
ONE_BOUND = "a quantity with one bound only has no QuickStatements value"
HEADER = (
    "# QuickStatements V1 (tab-separated): statements for linked Wikidata items only.\n"
    "# Lines starting with # are notes for the reviewer, not commands: paste the others."
)


@dataclass(frozen=True)
class Linked:
    """A resource the graph names, with its Wikidata item when it is linked."""

    label: str
    iri: str
    item: str | None


def render(store: ox.Store, codebooks: Codebooks) -> str:
    """The QuickStatements file for every conflict the graph's articles describe."""
    values = _grouped_values(store)
    deaths = _grouped(rows(store, DEATHS), "conflict")
    combatants = _grouped(rows(store, SIDE_COMBATANTS), "side")
    lines = [HEADER]
    seen: set[str] = set()
    for row in rows(store, CONFLICTS):
        conflict = row["conflict"].value
        if conflict in seen:
            continue
        seen.add(conflict)
        writer = _Writer(codebooks, row)
        lines += writer.conflict(values.get(conflict, []), deaths.get(conflict, []), combatants)
    return "\n".join(lines) + "\n"


def _grouped(found: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in found:
        grouped[row[key].value].append(row)
    return grouped


def _grouped_values(store: ox.Store) -> dict[str, list[tuple[str, Linked]]]:
    """Per conflict, (property, value) pairs, each value once."""
    found: dict[str, dict[tuple[str, str], Linked]] = defaultdict(dict)
    for row in rows(store, VALUES):
        key = (row["property"].value, row["value"].value)
        if key not in found[row["conflict"].value]:
            found[row["conflict"].value][key] = _linked(row, "value")
    return {c: [(p, v) for (p, _), v in pairs.items()] for c, pairs in found.items()}


def _linked(row: dict, key: str) -> Linked:
    item = text(row["item"])
    return Linked(
        row["label"].value, row[key].value, item.removeprefix(IRIS["wd"]) if item else None
    )


class _Writer:
    """Writes one conflict's statements and notes."""

    def __init__(self, codebooks: Codebooks, row: dict) -> None:
        self.codebooks = codebooks
        self.row = row
        item = text(row["item"])
        self.item = item.removeprefix(IRIS["wd"]) if item else None
        self.label = row["label"].value

    def conflict(
        self, values: list[tuple[str, Linked]], deaths: list[dict], combatants: dict
    ) -> list[str]:
        lines = [f"# {self.label} <{self.row['conflict'].value}>"]
        if self.item is None:
            return [
                *lines,
                "# not linked to Wikidata: no statements (this export never creates items)",
            ]
        lines += self._dates()
        unlinked = []
        for prop, value in values:
            if value.item is None:
                unlinked.append(f"{value.label} <{value.iri}> ({prop})")
            else:
                lines.append(self._statement(prop, value.item))
        for figure in deaths:
            lines.append(self._deaths(figure, combatants))
        if unlinked:
            lines.append("# not linked to Wikidata, no statement written: " + "; ".join(unlinked))
        return lines

    def _dates(self) -> list[str]:
        """Start and end time at the precision the article gives them (its EDTF date)."""
        bounds = zip(("P580", "P582"), _edtf_bounds(text(self.row["edtf"])), strict=True)
        times = [(prop, _time_value(bound)) for prop, bound in bounds]
        return [self._statement(prop, value) for prop, value in times if value is not None]

    def _deaths(self, figure: dict, combatants: dict) -> str:
        written = text(figure["written"]) or figure["figure"].value
        value = _quantity(figure)
        if value is None:
            return f"# {DEATHS_PROPERTY} not written for '{written}': {ONE_BOUND}"
        qualifier = self._part(figure, combatants)
        if isinstance(qualifier, str):
            return f"# {DEATHS_PROPERTY} {value} not written for '{written}': {qualifier}"
        return self._statement(DEATHS_PROPERTY, value, qualifier)

    def _part(self, figure: dict, combatants: dict) -> list[tuple[str, str]] | str:
        """The P518 qualifiers saying whose deaths these are, or why there are none."""
        side = figure["side"]
        if side is None:
            category = figure["category"].value.rsplit("/", 1)[-1]
            known = self.codebooks.wikidata_items.get(category)
            if known is None or known.item is None:
                return (
                    f"no verified Wikidata item for '{category}' to qualify it ({APPLIES_TO_PART})"
                )
            return [(APPLIES_TO_PART, known.item)]
        members = [_linked(row, "side") for row in combatants.get(side.value, [])]
        missing = sorted({m.label for m in members if m.item is None})
        if not members or missing:
            return "the side's combatants are not all linked: " + (", ".join(missing) or "none")
        return [(APPLIES_TO_PART, item) for item in sorted({m.item for m in members})]

    def _statement(self, prop: str, value: str, qualifiers: list[tuple[str, str]] = ()) -> str:
        cells = [self.item, prop, value]
        for qualifier, qualifier_value in qualifiers:
            cells += [qualifier, qualifier_value]
        return "\t".join(cells + self._references())

    def _references(self) -> list[str]:
        page = text(self.row["permalink"]) or text(self.row["page"])
        cells = ["S854", f'"{page}"'] if page else []
        retrieved = text(self.row["retrieved"])
        if retrieved:
            cells += ["S813", _time(retrieved, DAY)]
        source = self.codebooks.wikidata_items[ENGLISH_WIKIPEDIA].item
        return cells + (["S143", source] if source else [])


def parts(cells: list[str]) -> dict[str, str]:
    """A statement line's cells by role: item, property, value, qualifiers, references."""
    pairs = list(zip(cells[3::2], cells[4::2], strict=True))
    return {
        "item": cells[0],
        "property": cells[1],
        "value": cells[2],
        "qualifiers": " ".join(f"{p}={v}" for p, v in pairs if p.startswith("P")),
        "references": " ".join(f"{p}={v}" for p, v in pairs if p.startswith("S")),
    }


def _edtf_bounds(edtf: str | None) -> tuple[str | None, str | None]:
    """The begin and end of an EDTF date or interval ("2012-02-10/2012-07-19", "2013"); an
    open end ("2011-03-15/..", an ongoing conflict) is None, and so is a day in a window."""
    if not edtf or edtf.startswith("["):
        return None, None
    if "/" not in edtf:
        return edtf, edtf
    begin, end = edtf.split("/", 1)
    return begin or None, None if end in ("", "..") else end


def _time(day: str, precision: int) -> str:
    """A QuickStatements time value: +YYYY-MM-DDT00:00:00Z/precision."""
    return f"+{date.fromisoformat(day).isoformat()}T00:00:00Z/{precision}"


def _time_value(value: str | None) -> str | None:
    """A day, a month ("2012-02") or a year ("2013") as a time of that precision, the
    unknown parts written 00 as Wikidata stores them."""
    parts = value.split("-") if value else []
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
        return None
    if len(parts) == 3:
        return _time(value, DAY)
    month = parts[1] if len(parts) == 2 else "00"
    return f"+{parts[0]}-{month}-00T00:00:00Z/{MONTH if len(parts) == 2 else YEAR}"


def _quantity(figure: dict) -> str | None:
    """An exact count as it is; a range as its middle with the tolerance reaching both ends."""
    if figure["count"] is not None:
        return figure["count"].value
    if figure["min"] is None or figure["max"] is None:
        return None
    low, high = Decimal(figure["min"].value), Decimal(figure["max"].value)
    middle, spread = (low + high) / 2, (high - low) / 2
    return f"{_number(middle)}~{_number(spread)}"


def _number(value: Decimal) -> str:
    return (
        str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value.normalize())
    )
