"""The tolerant list-item reader: an infobox value -> its items, each with its span.

Infobox values are lists written by hand: items split by commas or ``<br>``, bullets,
quotes and stray punctuation around them, asterisks for nesting. These pure functions
turn such a value into ``(piece, Span)`` pairs whose spans point into the article, so
every record read from a piece keeps where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aleppo_kg.model import Span

# Items of a list value are separated by commas or <br>; a comma glued between a digit and
# a letter or digit ("1,659", or a typo like "4,0x0") is part of a number, not a separator.
ITEM_SEPARATOR = re.compile(r"(?<!\d),|(?<=\d),(?![0-9A-Za-z])|<br\s*/?>", re.IGNORECASE)
# Factions of one side are split by a horizontal rule.
FACTION_SEPARATOR = re.compile(r"<hr\s*/?>", re.IGNORECASE)
# A result names its outcomes one after another, split by semicolons or line breaks.
OUTCOME_SEPARATOR = re.compile(r";|<br\s*/?>|\n", re.IGNORECASE)
# What surrounds an item without being part of it: spaces, quotes, bullets, list punctuation.
ITEM_JUNK = " \t'\"*•;."
# A parenthesis inside an item: a commander's unit, a figure's claim source.
PARENTHESIS = re.compile(r"\(([^)]*)\)")
_NESTING = re.compile(r"^[\s*]*")
_TRAILING_NESTING = re.compile(r"[\s*]*$")
_UNIT_ITEM = re.compile(r"[^,]+")


def items(
    text: str, offset: int, separator: re.Pattern[str] = ITEM_SEPARATOR
) -> Iterator[tuple[str, Span]]:
    """Non-empty pieces of ``text`` between separators, as ``(piece, Span)``.

    ``offset`` is where ``text`` starts in the article; each piece is stripped
    of list junk (quotes, bullets, spaces) and its span covers what remains.
    """
    start = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        core = piece.strip(ITEM_JUNK)
        if core:
            begin = offset + start + piece.index(core)
            yield core, Span(begin, begin + len(core))
        start = match.end() if match else len(text)


def nested_items(text: str, offset: int) -> Iterator[tuple[str, Span]]:
    """Comma-separated items with their leading asterisks kept (they carry the nesting).

    The span covers the name alone, without the asterisks.
    """
    for match in _UNIT_ITEM.finditer(text):
        raw = match.group(0).strip()
        name = raw.lstrip(" *").strip(ITEM_JUNK)
        if name:
            start = offset + match.start() + match.group(0).index(name)
            yield raw.rstrip(ITEM_JUNK), Span(start, start + len(name))


def leading_depth(item: str) -> int:
    """Nesting depth of an item written with its asterisks: "** X" (or "* * X") is 2."""
    return _NESTING.match(item).group(0).count("*")


def depth_after(before: str) -> int:
    """Nesting depth of the list item that follows ``before``: the asterisks right before it."""
    return _TRAILING_NESTING.search(before).group(0).count("*")


def within(name: str, text: str, item: Span) -> Span:
    """Where ``name`` is written inside ``item`` of ``text``, whatever the spacing of its words.

    A name cleaned of a rank or fate marker ("Hassan KIA Darwish") may not be written
    in one piece; its span is then the whole item, so the provenance still holds it.
    """
    words = r"\s+".join(map(re.escape, name.split()))
    found = re.search(words, item.slice(text)) if words else None
    if found is None:
        return item
    return Span(item.start + found.start(), item.start + found.end())
