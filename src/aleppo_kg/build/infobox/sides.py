"""The fields of one side: combatants, commanders, units.

A side is the infobox's column of numbered keys (Combatant2, Commander2, Units2...).
The readers take the lexicon and the name resolver and return records; ranks and
fate markers ("Lt.", "KIA") come from the lexicon's tables.
"""

from __future__ import annotations

import re

from aleppo_kg.build.infobox.items import (
    FACTION_SEPARATOR,
    QUOTES,
    Item,
    items,
    list_items,
    within,
)
from aleppo_kg.build.infobox.notes import Notes
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Commander, Organization, Unit
from aleppo_kg.text.names import Names, is_numbered
from aleppo_kg.text.slugs import slugify


def factions(
    text: str, offset: int, names: Names, lexicon: Lexicon
) -> tuple[list[tuple[Organization, ...]], list[Organization]]:
    """A Combatant value: factions split by ``<hr>``, each a list of groups; and the groups
    listed after "Supported by:", which back the side without being its combatants."""
    found, supporters = [], []
    for part, part_span in items(text, offset, FACTION_SEPARATOR):
        faction = []
        for item in list_items(part, part_span.start, lexicon):
            if not item.text or lexicon.cue_meaning(item.text, "unknown"):
                continue
            org = names.organization(item.written, item.span)
            (supporters if item.supporter else faction).append(org)
        if faction:
            found.append(tuple(faction))
    return found, supporters


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
        for item in list_items(value, offset, self.lexicon):
            if self.lexicon.cue_meaning(item.text, "unknown"):
                unknown = True
                continue
            if not item.text:
                continue
            try:
                commanders.append(self.read(item, text, where))
            except InputError as error:
                notes.skip(item.written, error)
        return commanders, unknown

    def read(self, item: Item, text: str, where: str) -> Commander:
        """ "1st Lt. Rifaat KhalilKIA (Free North Brigade)" -> rank, name, fate, unit.

        A fate marker may be glued to the name ("SalehKIA") or be a note ("(KIA)"); a note
        naming a unit ("(Free North Brigade)", "(Hezbollah commander)") gives the commanded
        unit, and any other note is kept as the role as written.
        """
        fate, name = self._fate(item.text)
        role = unit = None
        for note, note_span in item.notes:
            marker = self.lexicon.fates.get(note) or self.lexicon.fates.get(f"({note})")
            if marker:
                fate = fate or marker.slug
                continue
            commanded = self._unit(note)
            if commanded and unit is None:
                unit = self.names.organization(commanded, within(commanded, text, note_span))
            if commanded != note and role is None:
                role = note
        row, rank_written, name = self._rank(" ".join(name.split()).strip(QUOTES))
        if not name:
            raise InputError(where, "a commander with no name")
        rank = slugify(self.lexicon.ranks[row]) if row else None
        span = within(name, text, item.span)
        written = span.slice(text) if span != item.span else name  # 'Abu "The Fox" Hamid'
        person = self.names.person(name, written, span)
        return Commander(person, rank, rank_written, fate, unit, item.span, role)

    def _fate(self, name: str) -> tuple[str | None, str]:
        """The fate marker in a name, written apart or glued on ("SalehKIA"), and the name."""
        for marker in sorted(self.lexicon.fates, key=len, reverse=True):
            before = r"(?<![A-Z])" if marker.isupper() else r"(?<!\w)"
            pattern = rf"{before}{re.escape(marker)}(?!\w)"
            if re.search(pattern, name):
                return self.lexicon.fates[marker].slug, re.sub(pattern, " ", name)
        return None, name

    def _unit(self, note: str) -> str | None:
        """The unit a note names: "Hezbollah commander", "commander of the 4th Brigade", or a
        unit's own name ("Free North Brigade"); None for any other note."""
        role = self.lexicon.alternation("command-role")
        found = re.fullmatch(rf"(.+?)\s+(?:{role})", note, re.IGNORECASE) or re.fullmatch(
            rf"(?:{role})\s+of\s+(?:the\s+)?(.+)", note, re.IGNORECASE
        )
        if found:
            return found.group(1)
        last = note.split()[-1].casefold() if note.split() else ""
        if self.lexicon.organization(note) or self.lexicon.cue_meaning(last, "unit-noun"):
            return note
        return None

    def _rank(self, item: str) -> tuple[str | None, str | None, str]:
        """The longest rank written before the name ("Lt. Col." before "Lt."): its row of the
        ranks table, how it is written (periods may be left out: "Brig Gen"), and the rest."""
        for row in sorted(self.lexicon.ranks, key=len, reverse=True):
            pattern = re.escape(row).replace(r"\.", r"\.?")
            found = re.match(rf"{pattern}\s+", item)
            if found:
                return row, found.group(0).strip(), item[found.end() :].strip()
        return None, None, item


def units(value: str, offset: int, names: Names, lexicon: Lexicon) -> list[Unit]:
    """Asterisk nesting -> a tree: ``*`` is depth 1, ``**`` (or ``* *``) depth 2...

    A numbered unit ("6th Division") is keyed within the nearest named unit above it; a
    top-level unit has no parent (the side it belongs to says whose it is). A unit
    nested under an entry lost in conversion (", , * X") has no parent: it is unknown.
    """
    found: list[Unit] = []
    stack: list[tuple[int, Organization | None]] = []
    for item in list_items(value, offset, lexicon):
        if lexicon.cue_meaning(item.text, "unknown"):
            continue
        while stack and stack[-1][0] >= item.depth:
            stack.pop()
        if not item.text:
            stack.append((item.depth, None))
            continue
        named = [o for _, o in reversed(stack) if o and not is_numbered(o.entity.label)]
        qualifier = named[0].entity.key if named else None
        org = names.organization(item.text, item.span, qualifier)
        parent = stack[-1][1] if stack else None
        found.append(Unit(org, parent, item.depth))
        stack.append((item.depth, org))
    return found
