"""The tolerant list-item reader: an infobox value -> its items, each with its span.

Infobox values are lists written by hand: items split by commas or ``<br>``, bullets,
quotes and stray punctuation around them, asterisks for nesting. These pure functions
turn such a value into ``(piece, Span)`` pairs whose spans point into the article, so
every record read from a piece keeps where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from aleppo_kg.lexicon import Lexicon, fold
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


def leading_depth(item: str) -> int:
    """Nesting depth of an item written with its asterisks: "** X" (or "* * X") is 2."""
    return _NESTING.match(item).group(0).count("*")


def within(name: str, text: str, item: Span) -> Span:
    """Where ``name`` is written inside ``item`` of ``text``, whatever the spacing of its words.

    A name cleaned of a rank or fate marker ("Hassan KIA Darwish") may not be written
    in one piece; its span is then the whole item, so the provenance still holds it.
    """
    between = r"\s+(?:[\"“‘'][^\"”’']+[\"”’']\s+)?"  # a quoted nickname may come between
    words = between.join(map(re.escape, name.split()))
    found = re.search(words, item.slice(text)) if words else None
    if found is None:
        return item
    return Span(item.start + found.start(), item.start + found.end())


# Conversion residue blanked out of list items: image sizes ("16px"), tags ("<hr>"),
# rules ("----") and empty parentheses.
_RESIDUE = re.compile(r"\b\d{1,3}px\b|<(?!\s*[bh]r\b)[^>]*>|-{3,}|\(\s*\)", re.IGNORECASE)
# A quoted nickname between two words of a name: 'Sergey "Botsman" Povalyaev'.
_NICKNAME = re.compile(r"(?<=\w)\s+([\"“‘'])[^\"“”‘’']+[\"”’']\s+(?=\w)")
QUOTES = "\"'“”‘’"
# The item separators, and a faction's rule too: in a list read whole, <hr> parts items.
_TOP_LEVEL_SEPARATOR = re.compile(rf"{ITEM_SEPARATOR.pattern}|<hr\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    """One item of an infobox list, read tolerantly.

    ``text`` is the item without its parenthesised notes and residue, ``written`` (which
    ``span`` covers) with its notes; ``notes`` are the parentheses inside or right after
    it (", (Hezbollah commander)," is a note of the item before); ``depth`` counts its
    asterisks; ``supporter`` is true after a "Supported by:" heading. An item whose text
    is empty stands for an entry lost in conversion (a flag): it is kept so that what is
    nested under it is not misplaced.
    """

    text: str
    span: Span
    depth: int
    written: str = ""
    notes: tuple[tuple[str, Span], ...] = ()
    supporter: bool = False


def list_items(value: str, offset: int, lexicon: Lexicon) -> list[Item]:
    """The items of a list value, with notes attached and headings, residue and junk gone."""
    blanked = _blank(value)
    found: list[Item] = []
    supporter = False
    for start, end in _pieces(blanked):
        item = _item(blanked, value, start, end, offset)
        if item is None:
            continue
        if not item.text and item.notes and found:  # a note given as its own item
            previous = found[-1]
            found[-1] = replace(previous, notes=previous.notes + item.notes)
            continue
        heading = _heading(value[start:end], lexicon)
        if heading is not None:
            supporter = heading == "supporters"
            continue
        if lexicon.cue_meaning(fold(item.text), "placeholder"):  # "See below"
            continue
        found.append(replace(item, supporter=supporter))
    return found


def _blank(value: str) -> str:
    """Residue and nicknames replaced by spaces, so that offsets stay those of the value."""
    for pattern in (_RESIDUE, _NICKNAME):
        value = pattern.sub(lambda m: " " * len(m.group(0)), value)
    return value


def _pieces(value: str) -> Iterator[tuple[int, int]]:
    """Where the items are: split at separators outside parentheses, and after a closing
    parenthesis that more words follow ("Ali Hassan(FSA) Capt. Yusuf Saleh")."""
    start = depth = 0
    for index, char in enumerate(value):
        depth += (char == "(") - (char == ")")
        if depth:
            continue
        if char == ")" and re.match(r"\s*[\w\"'“‘]", value[index + 1 :]):
            yield start, index + 1
            start = index + 1
        elif _TOP_LEVEL_SEPARATOR.match(value, index) and index >= start:
            yield start, index
            start = _TOP_LEVEL_SEPARATOR.match(value, index).end()
    yield start, len(value)


def _item(value: str, original: str, start: int, end: int, offset: int) -> Item | None:
    """One piece of the blanked ``value`` as an item (``original`` as written gives its
    written form); None for a piece with nothing in it at all."""
    piece = value[start:end]
    depth = leading_depth(piece)
    notes = tuple(
        (m.group(1).strip(), Span(offset + start + m.start(1), offset + start + m.end(1)))
        for m in PARENTHESIS.finditer(piece)
        if m.group(1).strip()
    )
    bare = PARENTHESIS.sub(lambda m: " " * len(m.group(0)), piece)
    core = bare.strip(ITEM_JUNK + QUOTES + ":")
    if not core and not notes:  # an entry lost in conversion (", ,", "* ,", "'")
        return Item("", Span(offset + start, offset + start), depth) if end > start else None
    if not core:  # only notes: they belong to the item before
        return Item("", Span(offset + start, offset + start), depth, "", notes)
    first = bare.index(core)
    written = original[start + first : end].rstrip(ITEM_JUNK + QUOTES + ":")
    begin = offset + start + first
    text = " ".join(core.split())
    return Item(text, Span(begin, begin + len(written)), depth, " ".join(written.split()), notes)


def _heading(piece: str, lexicon: Lexicon) -> str | None:
    """ "Supported by:" -> "supporters"; another heading of a list ("Allied militias:") ->
    "heading"; a name, even with a colon after it ("1st Corps:"), -> None."""
    words = piece.strip(ITEM_JUNK + QUOTES).strip()
    if not words.endswith(":"):
        return None
    words = words[:-1].strip()
    meaning = lexicon.cue_meaning(fold(words), "supporters", "list-heading")
    if meaning:
        return meaning
    tail = words.split()[1:]
    return "list-heading" if tail and all(w.islower() for w in tail) else None
