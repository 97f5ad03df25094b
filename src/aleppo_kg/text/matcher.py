"""Tens of thousands of names found in running text by a table, not a regular expression.

A country's GeoNames names (Syria has about 60,000 Latin spellings) as one
regular-expression alternation take ``re`` a tenth of a second to compile in
every process, longer than reading the whole article. :class:`NameMatcher`
finds the same matches as that alternation (names longest first, whole words:
no word character or hyphen before, none nor an apostrophe after) by looking up
the few names that share the text's next letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_WORD_START = re.compile(r"(?<![\w-])\w")  # no word character or hyphen before a name
_CONTINUES = re.compile(r"[\w'’-]")  # the word goes on: the name was only its beginning


@dataclass(frozen=True)
class NameMatch:
    """Where a name was found; read like an ``re.Match`` (``start``, ``end``, ``group(0)``)."""

    text: str
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def group(self, index: int = 0) -> str:
        if index:
            raise IndexError("a name match has no groups")
        return self.text[self.begin : self.finish]


class NameMatcher:
    """Finds names as written (case matters) at word boundaries, the longest at each place."""

    def __init__(self, names: Iterable[str], prefix: int) -> None:
        """``names`` are at least ``prefix`` characters long; they are bucketed by that prefix."""
        self.prefix = prefix
        buckets: dict[str, set[str]] = {}
        for name in names:
            if len(name) < prefix or not _WORD_START.match(name):
                raise ValueError(
                    f"{name!r}: a name starts with a letter or digit and has at "
                    f"least the matcher's prefix ({prefix} characters)"
                )
            buckets.setdefault(name[:prefix], set()).add(name)
        self.buckets = {
            key: sorted(found, key=lambda n: (-len(n), n)) for key, found in buckets.items()
        }

    def finditer(self, text: str) -> Iterator[NameMatch]:
        """Non-overlapping matches from left to right, as ``re.finditer`` would give them."""
        position = 0
        while (word := _WORD_START.search(text, position)) is not None:
            found = self._at(text, word.start())
            if found is None:
                position = word.start() + 1
                continue
            yield found
            position = found.finish

    def _at(self, text: str, position: int) -> NameMatch | None:
        for name in self.buckets.get(text[position : position + self.prefix], ()):
            end = position + len(name)
            if text.startswith(name, position) and not _CONTINUES.match(text, end):
                return NameMatch(text, position, end)
        return None
