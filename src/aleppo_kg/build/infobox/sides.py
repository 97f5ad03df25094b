"""The fields of one side: combatants, commanders, units.

A side is the infobox's column of numbered keys (Combatant2, Commander2, Units2...).
The readers take the lexicon and the name resolver and return records; ranks and
fate markers ("Lt.", "KIA") come from the lexicon's tables.
"""

from __future__ import annotations

import re

from aleppo_kg.build.infobox.items import (
    FACTION_SEPARATOR,
    PARENTHESIS,
    items,
    leading_depth,
    nested_items,
    within,
)
from aleppo_kg.build.infobox.notes import Notes
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Commander, Entity, Organization, Span, Unit
from aleppo_kg.text.names import Names, is_numbered
from aleppo_kg.text.slugs import slugify


def factions(text: str, offset: int, names: Names) -> list[tuple[Organization, ...]]:
    """A Combatant value: factions split by ``<hr>``, each a list of groups."""
    found = []
    for part, part_span in items(text, offset, FACTION_SEPARATOR):
        faction = tuple(names.organization(t, s) for t, s in items(part, part_span.start))
        if faction:
            found.append(faction)
    return found


class CommanderReader:
    """Reads Commander values: ranks and fates by the lexicon, units in parentheses."""

    def __init__(self, lexicon: Lexicon, names: Names) -> None:
        self.lexicon = lexicon
        self.names = names

    def read_list(
        self, value: str, offset: int, text: str, where: str, notes: Notes
    ) -> tuple[list[Commander], bool]:
        """The commanders of a value, and whether it says some are unknown ("Unknown").

        ``text`` is the article the spans point into; an item with no name is skipped.
        """
        commanders: list[Commander] = []
        unknown = False
        for item, span in items(value, offset):
            if self.lexicon.cue_meaning(item, "unknown"):
                unknown = True
                continue
            try:
                commanders.append(self.read(item, span, text, where))
            except InputError as error:
                notes.skip(item, error)
        return commanders, unknown

    def read(self, item: str, span: Span, text: str, where: str) -> Commander:
        """ "1st Lt. Rifaat Khalil KIA (Free North Brigade)" -> rank, name, fate, unit.

        ``span`` is where ``item`` is written in ``text``.
        """
        fate = None
        for marker in sorted(self.lexicon.fates, key=len, reverse=True):
            pattern = rf"(?<!\w){re.escape(marker)}(?!\w)"
            if re.search(pattern, item):
                fate = self.lexicon.fates[marker].slug
                item = re.sub(pattern, " ", item)
                break
        unit = None
        paren = PARENTHESIS.search(item)
        if paren:
            unit_text = paren.group(1).strip()
            unit = self.names.organization(unit_text, within(unit_text, text, span))
            item = item[: paren.start()] + item[paren.end() :]
        rank_written, name = self._rank(" ".join(item.split()))
        if not name:
            raise InputError(where, "a commander with no name")
        rank = slugify(self.lexicon.ranks[rank_written]) if rank_written else None
        person = Entity("person/" + slugify(name), name, name, within(name, text, span))
        return Commander(person, rank, rank_written, fate, unit, span)

    def _rank(self, item: str) -> tuple[str | None, str]:
        """The longest rank written before the name ("Lt. Col." before "Lt."), and the rest."""
        for written in sorted(self.lexicon.ranks, key=len, reverse=True):
            if item.startswith(written + " "):
                return written, item[len(written) :].strip()
        return None, item


def units(
    value: str, offset: int, combatants: tuple[Organization, ...], names: Names
) -> list[Unit]:
    """Asterisk nesting -> a tree: ``*`` is depth 1, ``**`` (or ``* *``) depth 2...

    A numbered unit ("6th Division") is keyed within the nearest named unit above it;
    a top-level unit belongs to the side's combatant when the side has just one.
    """
    found: list[Unit] = []
    stack: list[Unit] = []
    for raw, span in nested_items(value, offset):
        depth = leading_depth(raw)
        while stack and stack[-1].depth >= depth:
            stack.pop()
        qualifier = next(
            (
                u.organization.entity.key
                for u in reversed(stack)
                if not is_numbered(u.organization.entity.label)
            ),
            None,
        )
        org = names.organization(raw.lstrip(" *"), span, qualifier)
        parent = stack[-1].organization if stack else _top_parent(combatants, org)
        unit = Unit(org, parent, depth)
        found.append(unit)
        stack.append(unit)
    return found


def _top_parent(combatants: tuple[Organization, ...], org: Organization) -> Organization | None:
    if any(c.entity.key == org.entity.key for c in combatants) or len(combatants) != 1:
        return None
    return combatants[0]
