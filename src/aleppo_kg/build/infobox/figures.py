"""Strength and casualty figures: how many of what, what happened to them, by whose count.

"1 Su-22 jet bomber shot down (opposition claims)" is a quantity (by the quantity
reader), an equipment designation, a counted noun (a category of the lexicon), an
outcome phrase and a claim source in parentheses; "2,500 Al-Nusra fighters" names
the group counted before its noun. An asterisked item breaks down the figure above it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from aleppo_kg.build.infobox.items import PARENTHESIS, depth_after, items, within
from aleppo_kg.build.infobox.notes import Notes
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import Entity, Figure, Organization, Span
from aleppo_kg.text.names import Names
from aleppo_kg.text.quantities import QuantityReader
from aleppo_kg.text.slugs import slugify

_EQUIPMENT = re.compile(r"^[A-Z][A-Za-z]*-?\d+[A-Za-z]*$")


class FigureReader:
    """Reads Strength and Casualties values by the lexicon's categories, outcomes and sources."""

    def __init__(self, lexicon: Lexicon, names: Names, quantities: QuantityReader) -> None:
        self.lexicon = lexicon
        self.names = names
        self.quantities = quantities

    def read_list(
        self, value: str, offset: int, kind: str, text: str, where: str, notes: Notes
    ) -> list[Figure]:
        """The figures of a list; an asterisked item ("25,000 fighters, * 2,500 Al-Nusra
        fighters") is part of the last figure above it with fewer asterisks.

        ``kind`` is "strength" or "loss"; ``text`` is the article the spans point into.
        """
        figures: list[Figure] = []
        stack: list[tuple[int, Figure]] = []
        for item, span in items(value, offset):
            if self.lexicon.cue_meaning(item, "unknown"):
                continue
            previous = figures[-1].category if figures else "people"
            try:
                figure = self.read(item, span, kind, previous, text, where, notes)
            except InputError as error:
                notes.skip(item, error)
                continue
            depth = depth_after(value[: span.start - offset])
            while stack and stack[-1][0] >= depth:
                stack.pop()
            figure = replace(figure, part_of=stack[-1][1] if stack else None)
            figures.append(figure)
            stack.append((depth, figure))
        return figures

    def read(
        self, item: str, span: Span, kind: str, previous: str, text: str, where: str, notes: Notes
    ) -> Figure:
        """ "1 Su-22 jet bomber shot down (opposition claims)" -> a typed figure.

        With no noun ("35 rebels killed, 80 wounded") the ``previous`` item's noun is meant;
        an unknown noun is kept under its own name, with a warning.
        """
        source = None
        paren = PARENTHESIS.search(item)
        body = item
        if paren:
            phrase = self.lexicon.source_phrases.get(fold(paren.group(1)))
            if phrase:
                concept = self.lexicon.sources[phrase]
                source = Entity("source/" + phrase, concept.label, paren.group(1), span)
            body = (item[: paren.start()] + item[paren.end() :]).strip()
        read = self.quantities.read(body, where)
        if read is None:
            raise InputError(where, "no number in it")
        quantity, rest = read
        outcome, rest = self._outcome(rest) if kind == "loss" else (None, rest)
        if kind == "loss" and outcome is None:
            raise InputError(where, "a loss with no outcome (killed, wounded...)")
        if rest:
            equipment, category, organization = self._noun_phrase(rest, span, text)
            if category is None:
                notes.warn(f"{where}: unknown counted noun {rest!r}: kept under its own name")
                category = slugify(rest) or "unknown"
        else:
            equipment, category, organization = None, previous, None
        return Figure(
            kind, quantity, category, outcome, item, span, equipment, organization, source
        )

    def _outcome(self, rest: str) -> tuple[str | None, str]:
        """The outcome phrase ending the item ("shot down"), longest first, and what precedes it."""
        phrases = self.lexicon.outcome_phrases
        for phrase in sorted(phrases, key=len, reverse=True):
            found = re.search(rf"\s*\b{re.escape(phrase)}$", rest, re.IGNORECASE)
            if found:
                return phrases[phrase], rest[: found.start()].strip()
        return None, rest

    def _noun_phrase(
        self, words_text: str, span: Span, text: str
    ) -> tuple[str | None, str | None, Organization | None]:
        """ "Su-22 jet bomber" -> (Su-22, jet-bomber, None); "Al-Nusra fighters" -> org.

        The category is None when no ending of the phrase is a counted noun the lexicon knows.
        """
        words = words_text.split()
        equipment = words.pop(0) if words and _EQUIPMENT.match(words[0]) else None
        for start in range(len(words)):
            category = self.lexicon.category_forms.get(fold(" ".join(words[start:])))
            if category:
                return equipment, category, self._qualifier(words[:start], span, text)
        return equipment, None, None

    def _qualifier(self, words: list[str], span: Span, text: str) -> Organization | None:
        """Words before the counted noun that name a known group ("Al-Nusra fighters")."""
        if not words:
            return None
        name = " ".join(words)
        if self.lexicon.organization(name) is None:
            return None
        return self.names.organization(name, within(name, text, span))
