"""Marked text: rendered characters, each knowing the wikilink it was rendered from.

The renderer cleans what it renders (spaces squeezed, empty parentheses and list
punctuation dropped, lines joined) before it knows where the text will stand in the
article. So that a link's label can still be found exactly, every character carries
the number of the link it belongs to (or :data:`NO_LINK`) through every edit; the
spans are read off only once the article is whole (:meth:`Marked.runs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

NO_LINK = -1


@dataclass(frozen=True)
class Marked:
    """Text, and for each of its characters the link it belongs to."""

    text: str = ""
    tags: tuple[int, ...] = ()

    @classmethod
    def plain(cls, text: str) -> Marked:
        """Text that is no link's."""
        return cls(text, (NO_LINK,) * len(text))

    def linked(self, tag: int) -> Marked:
        """The same text, all of it the label of link ``tag``."""
        return Marked(self.text, (tag,) * len(self.text))

    def __add__(self, other: Marked) -> Marked:
        return Marked(self.text + other.text, self.tags + other.tags)

    def __bool__(self) -> bool:
        return bool(self.text)

    @staticmethod
    def join(parts: Iterable[Marked], separator: str = "") -> Marked:
        """The parts one after another, ``separator`` (no link's) between them."""
        text: list[str] = []
        tags: list[int] = []
        for index, part in enumerate(parts):
            if index and separator:
                text.append(separator)
                tags.extend((NO_LINK,) * len(separator))
            text.append(part.text)
            tags.extend(part.tags)
        return Marked("".join(text), tuple(tags))

    def sub(self, pattern: re.Pattern[str], replacement: str) -> Marked:
        """Each match replaced by ``replacement``, which belongs to the link the whole match
        belonged to (a space squeezed inside a label stays in the label), else to none."""
        text: list[str] = []
        tags: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            text.append(self.text[last : match.start()])
            tags.extend(self.tags[last : match.start()])
            inside = set(self.tags[match.start() : match.end()])
            tag = inside.pop() if len(inside) == 1 else NO_LINK
            text.append(replacement)
            tags.extend((tag,) * len(replacement))
            last = match.end()
        text.append(self.text[last:])
        tags.extend(self.tags[last:])
        return Marked("".join(text), tuple(tags))

    def strip(self, chars: str | None = None) -> Marked:
        """Without the leading and trailing ``chars`` (white space by default)."""
        core = self.text.strip(chars)
        if not core:
            return Marked()
        start = len(self.text) - len(self.text.lstrip(chars))
        return self[start : start + len(core)]

    def __getitem__(self, index: slice) -> Marked:
        return Marked(self.text[index], self.tags[index])

    def split(self, pattern: re.Pattern[str]) -> list[Marked]:
        """The pieces between the matches of ``pattern``."""
        pieces, last = [], 0
        for match in pattern.finditer(self.text):
            pieces.append(self[last : match.start()])
            last = match.end()
        pieces.append(self[last:])
        return pieces

    def runs(self) -> Iterator[tuple[int, int, int]]:
        """``(tag, start, end)`` of each link's label, white space around it left out."""
        start = 0
        while start < len(self.tags):
            tag = self.tags[start]
            end = start
            while end < len(self.tags) and self.tags[end] == tag:
                end += 1
            label = self.text[start:end]
            begin = start + len(label) - len(label.lstrip())
            if tag != NO_LINK and label.strip():
                yield tag, begin, begin + len(label.strip())
            start = end
